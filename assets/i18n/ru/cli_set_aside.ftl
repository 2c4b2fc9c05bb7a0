# `iin-desk search --set-aside` и новые сроки в `iin-desk sync`
# (src/cli/search_cmds.rs, src/cli/queue_cmds.rs).
cli-search-set-aside-found = { $n ->
    [one] найдена { $n } отложенная заявка, показано { $shown }
    [few] найдены { $n } отложенные заявки, показано { $shown }
    [many] найдено { $n } отложенных заявок, показано { $shown }
   *[other] найдено { $n } отложенной заявки, показано { $shown }
}
cli-sync-due-updates = Новые сроки: отправлено в центральную очередь — { $sent }, ещё не отправлено — { $pending }
