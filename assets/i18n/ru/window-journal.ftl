### The counter window: the journal, its columns and the request view.

window-col-time = Время
window-col-kind = Вид
window-col-status = Статус
window-col-due = Срок
window-col-clerk = Оператор
window-col-iin = ИИН
window-col-applicant = Заявитель
window-col-id = Номер
window-search = Поиск
window-clear = Очистить
window-name-filter = ФИО (латиница/кириллица)
window-doc-filter = Номер документа
window-iin-filter = ИИН
window-from = С
window-to = По
window-any = любой
window-found = Найдено: { $n }
window-history = История
window-print = Печать:
window-save-as = Сохранить в файл:
window-back = Назад
window-data-error = Не удалось прочитать данные
