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
progress-window-index = Подготовка поискового индекса… { $done } из { $total }
progress-window-index-cancel = Отменить и выйти
progress-window-index-cancelled = Открытие базы отменено: в ней ничего не изменилось, вы вышли из системы. Поисковый индекс будет подготовлен при следующем входе.
progress-index-cli = Построение поискового индекса по { $n } { $n ->
    [one] заявке
    [few] заявкам
    [many] заявкам
   *[other] заявкам
} (один раз, после обновления)…
