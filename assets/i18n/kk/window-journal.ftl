### The counter window: the journal, its columns and the request view.

window-col-time = Уақыты
window-col-kind = Түрі
window-col-status = Мәртебесі
window-col-due = Мерзімі
window-col-clerk = Оператор
window-col-iin = ЖСН
window-col-applicant = Өтініш беруші
window-col-id = Нөмірі
window-search = Іздеу
window-clear = Тазарту
window-name-filter = Аты-жөні (латын/кирилл)
window-doc-filter = Құжат нөмірі
window-iin-filter = ЖСН
window-from = Бастап
window-to = Дейін
window-any = кез келген
window-found = Табылды: { $n }
window-history = Тарих
window-print = Басу:
window-save-as = Файлға сақтау:
window-back = Артқа
window-data-error = Деректерді оқу мүмкін болмады
