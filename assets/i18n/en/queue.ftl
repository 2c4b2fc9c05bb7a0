queue-missing = the central queue file { $path } is missing or empty; check the shared folder, or rebuild it with `iin-desk sync --repush-all`
queue-not-a-queue-file = { $path } is not an iin-desk central queue file; it was left untouched
queue-corrupt = the central queue file { $path } is damaged; it was left untouched — rebuild it into a fresh file with `iin-desk sync --repush-all`
queue-too-new = the central queue file { $path } has protocol version { $found }, newer than this program's { $supported }; update iin-desk — the file was left untouched
queue-read-only = the central queue file { $path } is read-only; nothing was sent
queue-busy = the central queue file { $path } is locked by another program for too long; will try again
queue-io = cannot use the central queue file { $path }: { $detail }
queue-conflict = request { $id } is already in the central queue with different data; it was not changed
queue-damaged = request { $id }: the data in the central queue are damaged
queue-not-found = request { $id } is not in the central queue
queue-claimed-by-other = request { $id } is being handled by another operator
queue-not-claimed = request { $id } is not claimed by you; claim it first
queue-already-decided = request { $id } has already been decided
queue-possibly-registered = request { $id }: { $candidates ->
        [one] { $candidates } registered person may be
       *[other] { $candidates } registered persons may be
    } the applicant; refuse on para 15.3 or override with a reason
queue-reason-required = an override needs a reason
queue-not-registered = request { $id }: the IIN to correct is not in the registry
queue-no-free-iin = request { $id }: no IIN can be generated for this birth date and sex
queue-no-key = this installation has no key for the central queue file { $path }: the administrator imports the office's queue key (iin-desk key queue-import FILE); nothing was sent
queue-wrong-key = { $path } cannot be opened with this installation's queue key (a wrong key, another office's file, or not a queue file); it was left untouched
queue-not-encrypted = { $path } is not encrypted (made by the previous version): once every counter has synced, the administrator moves it aside and the counters rebuild an encrypted one with `iin-desk sync --repush-all`; it was left untouched
