### The counter window: settings and administration.

window-office-name = Наименование ЦОН
window-office-address = Адрес ЦОН
window-counter-number = Номер окна
window-clerk-phone = Телефон исполнителя
window-queue-path = Центральная очередь (файл или сервер)
window-locked-by-machine = задано настройкой компьютера
window-pdf-dir = Папка PDF-документов
window-idle-minutes = Блокировка после бездействия (минут)
window-browse = Выбрать…
window-save = Сохранить
window-saved = Сохранено
window-users = Учётные записи сотрудников
window-role = Роль
window-active = Активна
window-disable = Отключить
window-enable = Включить
window-add-user = Добавить учётную запись
window-new-password = Новый пароль
window-set-password = Задать пароль
window-calendar = Исключения рабочего календаря
window-import-calendar = Загрузить файл года…
window-working-day = рабочий день
window-day-off = выходной
