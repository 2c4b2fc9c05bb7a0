# Ұзақ командалардың барысы (demo-data, import, export, queue migrate), stderr-ге.
progress-unit-requests = { $n ->
    [one] өтінім
   *[other] өтінім
}
progress-left-secs = { $s } с
progress-left-min = { $m } мин { $s } с
progress-line = { $done }/{ $total } { $unit }, { $rate }/с, { $left } қалды
progress-done = { $done } { $unit } { $secs } с ішінде, { $rate }/с
progress-import-storing = { $n } өтінім бір транзакциямен сақталуда…
progress-unit-rows = { $n ->
    [one] жол
   *[other] жол
}
