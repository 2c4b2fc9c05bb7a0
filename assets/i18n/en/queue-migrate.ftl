# The server schema's upgrades, the synthetic registry and moving an office from the
# queue file to a server (src/queue/server, src/cli/pg_cmds.rs).
queue-server-schema-older = the queue on the server { $server } has schema version { $found }, older than this program's { $supported }: the administrator upgrades it with `iin-desk queue init-server`; nothing was changed
queue-server-upgraded = the queue on the server { $server } (id { $id }) was upgraded from schema version { $from } to { $to }; the roles' rights were renewed
queue-demo-registry-progress = { $n ->
    [one] { $n } synthetic person written…
   *[other] { $n } synthetic persons written…
}
queue-demo-registry-done = { $server }: { $added ->
    [one] { $added } synthetic person added
   *[other] { $added } synthetic persons added
}, { $skipped } already there, { $total } in the registry ({ $seconds } s)
queue-migrate-requests = requests: { $added } added, { $updated } updated with the file's result, { $unchanged } already on the server
queue-migrate-persons = registered persons: { $added } added, { $updated } updated to the file's newer version, { $unchanged } already on the server
queue-migrate-history = earlier versions of persons: { $added } added, { $unchanged } already on the server
queue-migrate-known-iins = IINs ever issued or named: { $added } added, { $unchanged } already on the server
queue-migrate-audit = audit entries: { $added } added, { $unchanged } copied before
queue-migrate-done = the office's queue file was copied to { $server }: counters switch by setting this URL as their queue; what they have not sent yet goes to the server at their next sync
queue-migrate-nothing-to-do = { $server } already holds everything in this queue file: nothing was changed
