# Обновление схемы на сервере, синтетический реестр и перевод офиса с файла очереди на
# сервер (src/queue/server, src/cli/pg_cmds.rs).
queue-server-schema-older = версия схемы очереди на сервере { $server } ({ $found }) старше версии программы ({ $supported }): администратор обновляет её командой `iin-desk queue init-server`; ничего не изменено
queue-server-upgraded = очередь на сервере { $server } (id { $id }) обновлена со схемы версии { $from } до { $to }; права ролей обновлены
queue-demo-registry-progress = { $n ->
    [one] записано { $n } синтетическое лицо…
    [few] записано { $n } синтетических лица…
   *[other] записано { $n } синтетических лиц…
}
queue-demo-registry-done = { $server }: { $added ->
    [one] добавлено { $added } синтетическое лицо
    [few] добавлено { $added } синтетических лица
   *[other] добавлено { $added } синтетических лиц
}, уже было { $skipped }, в реестре { $total } ({ $seconds } с)
queue-migrate-requests = заявки: { $added ->
    [one] добавлена { $added }
    [few] добавлены { $added }
   *[other] добавлено { $added }
}, { $updated ->
    [one] { $updated } получила результат из файла
    [few] { $updated } получили результат из файла
   *[other] { $updated } получили результат из файла
}, { $unchanged ->
    [one] { $unchanged } уже была на сервере
    [few] { $unchanged } уже были на сервере
   *[other] { $unchanged } уже были на сервере
}
queue-migrate-persons = { $added ->
    [one] { $added } лицо из реестра добавлено
    [few] { $added } лица из реестра добавлены
   *[other] { $added } лиц из реестра добавлено
}, { $updated ->
    [one] { $updated } обновлено до более новой версии из файла
    [few] { $updated } обновлены до более новой версии из файла
   *[other] { $updated } обновлено до более новой версии из файла
}, { $unchanged ->
    [one] { $unchanged } уже было на сервере
    [few] { $unchanged } уже были на сервере
   *[other] { $unchanged } уже было на сервере
}
queue-migrate-history = { $added ->
    [one] { $added } прежняя версия данных лиц добавлена
    [few] { $added } прежние версии данных лиц добавлены
   *[other] { $added } прежних версий данных лиц добавлено
}, { $unchanged } уже на сервере
queue-migrate-known-iins = { $added ->
    [one] { $added } когда-либо выданный или названный ИИН добавлен
    [few] { $added } когда-либо выданных или названных ИИН добавлены
   *[other] { $added } когда-либо выданных или названных ИИН добавлено
}, { $unchanged } уже на сервере
queue-migrate-audit = { $added ->
    [one] { $added } запись журнала аудита добавлена
    [few] { $added } записи журнала аудита добавлены
   *[other] { $added } записей журнала аудита добавлено
}, { $unchanged ->
    [one] { $unchanged } скопирована раньше
   *[other] { $unchanged } скопированы раньше
}
queue-migrate-done = файл очереди офиса скопирован на { $server }: кассы переходят, указав этот адрес как очередь; то, что они ещё не отправили, уйдёт на сервер при следующей синхронизации
queue-migrate-nothing-to-do = на { $server } уже есть всё из этого файла очереди: ничего не изменено
