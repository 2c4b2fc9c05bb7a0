### The counter window: the Today screen and the sync status.

window-today-at-counter = Заявки этого окна за сегодня
window-pending-sync = Ожидают отправки: { $n }
window-last-sync = Последняя синхронизация: { $when }
window-never = ещё не было
window-no-requests-today = Сегодня заявок нет
window-overdue = просрочено
window-scan-to-start = Проведите паспорт через считыватель — откроется новая заявка
window-register-counter = Реестр окна за сегодня
window-register-office = Реестр отделения за сегодня
window-drafts = Незавершённые черновики
window-continue = Продолжить
window-results-arrived = Пришли результаты: { $n }. Регистрационные свидетельства можно печатать.
