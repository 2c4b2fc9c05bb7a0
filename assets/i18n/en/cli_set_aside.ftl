# `iin-desk search --set-aside` and the due-date updates in `iin-desk sync`
# (src/cli/search_cmds.rs, src/cli/queue_cmds.rs).
cli-search-set-aside-found = { $n ->
    [one] { $n } request set aside found, { $shown } shown
   *[other] { $n } requests set aside found, { $shown } shown
}
cli-sync-due-updates = New due dates: { $sent } sent to the central queue, { $pending } still to send
