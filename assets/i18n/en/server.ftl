# Requests the central queue rejected, set aside (src/queue/reject.rs, src/queue/sync.rs, src/ui/set_aside.rs, src/cli/pg_cmds.rs).
server-reject-conflict = the queue already holds this request's id with other data, or it is another office's request
server-reject-damaged = the request's data do not check out at the queue (hash, id or fields)
server-reject-refused = the queue server refused it: { $detail }
server-not-set-aside = request { $id } is not set aside
server-set-aside-line = { $id } (since { $when }): { $reason }
server-set-aside-title = { $n ->
        [one] { $n } request was rejected by the queue and set aside
       *[other] { $n } requests were rejected by the queue and set aside
    }; the others are sent as usual
server-set-aside-hint = Tell the supervisor: once the cause is fixed, they press Send again here or run `iin-desk queue retry ID`.
server-set-aside-none = no request is set aside
server-set-aside-retried = request { $id } is back in the outbox; the next sync sends it again
server-sync-set-aside = { $id } set aside: { $reason }
# The queue server's password, sealed in the local store (src/cli/pg_cmds.rs).
server-password-prompt = Password of this installation's login on the queue server (not shown):
server-password-empty = no password given: type it, or use --clear to remove the sealed one
server-password-kept = the queue server password is kept sealed in the encrypted local store
server-password-cleared = the sealed queue server password was removed
# The Settings screen's queue server part (src/ui/queue_settings.rs).
server-settings-title = Queue server
server-settings-hint = The password of this installation's login on the queue server is kept sealed in the encrypted local store (PGPASSWORD or ~/.pgpass, if set, take precedence). Never put it in the URL.
server-settings-password = Password
server-settings-keep = Keep sealed
server-settings-clear = Remove
