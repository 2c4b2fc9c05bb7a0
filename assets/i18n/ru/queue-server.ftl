# Центральная очередь на сервере PostgreSQL (src/queue/server, src/cli/pg_cmds.rs).
queue-server-unusable = не удаётся использовать сервер очереди { $server }: { $detail }; заявки сохраняются на этом компьютере
queue-server-no-schema = на сервере { $server } нет очереди iin-desk: администратор создаёт её командой `iin-desk queue init-server`; ничего не отправлено
queue-server-schema-newer = версия схемы очереди на сервере { $server } ({ $found }) новее версии программы ({ $supported }); обновите iin-desk — ничего не изменено
queue-server-password-in-url = адрес сервера очереди { $server } содержит пароль: уберите его и задайте PGPASSWORD или ~/.pgpass
queue-server-created = очередь создана на сервере { $server } (id { $id }); дайте учётным записям офисов роль iin_desk_counter, операторам — роль iin_desk_backoffice
queue-server-already = очередь на сервере { $server } уже есть (id { $id }); права ролей обновлены
queue-server-not-a-url = { $location } — не адрес сервера: укажите postgresql://сервер/база
