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
server-set-aside-hint = Сообщите руководителю: после устранения причины он нажмёт здесь «Отправить снова» или выполнит `iin-desk queue retry ID`.
server-set-aside-none = отложенных заявок нет
server-set-aside-retried = заявка { $id } возвращена в очередь на отправку; следующая синхронизация отправит её снова
server-sync-set-aside = { $id } отложена: { $reason }
# Пароль сервера очереди, хранимый зашифрованным в локальной базе (src/cli/pg_cmds.rs).
server-password-prompt = Пароль учётной записи этой установки на сервере очереди (не отображается):
server-password-empty = пароль не введён: введите его или удалите сохранённый ключом --clear
server-password-kept = пароль сервера очереди сохранён в зашифрованной локальной базе
server-password-cleared = сохранённый пароль сервера очереди удалён
# Часть экрана «Настройки» о сервере очереди (src/ui/queue_settings.rs).
server-settings-title = Сервер очереди
server-settings-hint = Пароль учётной записи этой установки на сервере очереди хранится в зашифрованной локальной базе (PGPASSWORD или ~/.pgpass, если заданы, имеют приоритет). Никогда не указывайте его в адресе.
server-settings-password = Пароль
server-settings-keep = Сохранить зашифрованным
server-settings-clear = Удалить
