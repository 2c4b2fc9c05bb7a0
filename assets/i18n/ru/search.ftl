# Поиск в журнале (окно и `iin-desk search`).
search-name-too-short = { $min ->
    [one] введите не меньше { $min } символа имени
    [few] введите не меньше { $min } символов имени
    [many] введите не меньше { $min } символов имени
   *[other] введите не меньше { $min } символов имени
}
search-counting = идёт подсчёт…
search-bad-date = --{ $option }: { $value } — не дата; ожидается ДД.ММ.ГГГГ или ГГГГ-ММ-ДД
search-bad-status = --status: { $value } — не статус; ожидается одно из: { $expected }
search-bad-limit = --limit: { $value } — не число строк; ожидается целое число от 1
search-query-too-short = QUERY { $query } слишком короткий: введите не меньше { $min } символов имени, либо ИИН или номер документа
search-found = { $n ->
    [one] найден { $n } запрос, показано { $shown }
    [few] найдено { $n } запроса, показано { $shown }
    [many] найдено { $n } запросов, показано { $shown }
   *[other] найдено { $n } запроса, показано { $shown }
}
search-col-time = Время
search-col-id = Номер
search-col-status = Статус
search-col-clerk = Оператор
search-col-iin = ИИН
search-col-document = Документ
search-col-name = Имя
