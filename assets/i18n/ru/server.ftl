# Заявки, отклонённые центральной очередью и отложенные (src/queue/reject.rs, src/queue/sync.rs, src/ui/set_aside.rs, src/cli/pg_cmds.rs).
server-reject-conflict = в очереди уже есть заявка с этим идентификатором и другими данными, или это заявка другого офиса
server-reject-damaged = данные заявки не прошли проверку в очереди (хеш, идентификатор или поля)
server-reject-refused = сервер очереди отклонил её: { $detail }
server-not-set-aside = заявка { $id } не отложена
server-set-aside-line = { $id } (с { $when }): { $reason }
server-set-aside-title = { $n ->
        [one] { $n } заявка отклонена очередью и отложена
        [few] { $n } заявки отклонены очередью и отложены
        [many] { $n } заявок отклонены очередью и отложены
       *[other] { $n } заявки отклонены очередью и отложены
    }; остальные отправляются как обычно
server-set-aside-hint = Сообщите руководителю: после устранения причины он отправит заявку снова командой `iin-desk queue retry ID`.
server-set-aside-none = отложенных заявок нет
server-set-aside-retried = заявка { $id } возвращена в очередь на отправку; следующая синхронизация отправит её снова
server-sync-set-aside = { $id } отложена: { $reason }
