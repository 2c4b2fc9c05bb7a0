# Полосы хода долгой работы в окне: обмен с очередью, построение поискового индекса.
progress-window-sync-push = Отправка в очередь: { $done } из { $total } { $n ->
    [one] заявки
    [few] заявок
    [many] заявок
   *[other] заявки
}
progress-window-sync-pull = Применение результатов: { $done } из { $total } { $n ->
    [one] заявки
    [few] заявок
    [many] заявок
   *[other] заявки
}
progress-window-speed = { $rate }/с, осталось { $left }
progress-window-cancel-sync = Отменить обмен
progress-window-cancelling = Остановка после текущей пачки; остальное останется в очереди до следующего обмена.
