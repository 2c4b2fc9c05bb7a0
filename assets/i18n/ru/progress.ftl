# Ход долгих команд (demo-data, import, export, queue migrate), в stderr.
progress-unit-requests = { $n ->
    [one] заявка
    [few] заявки
    [many] заявок
   *[other] заявки
}
progress-left-secs = { $s } с
progress-left-min = { $m } мин { $s } с
progress-line = { $done }/{ $total } { $unit }, { $rate }/с, осталось { $left }
progress-done = { $done } { $unit } за { $secs } с, { $rate }/с
progress-import-storing = сохранение { $n ->
    [one] { $n } заявки
    [few] { $n } заявок
    [many] { $n } заявок
   *[other] { $n } заявки
} одной транзакцией…
progress-unit-rows = { $n ->
    [one] строка
    [few] строки
    [many] строк
   *[other] строки
}
