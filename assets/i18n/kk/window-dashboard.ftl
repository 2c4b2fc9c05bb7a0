### The counter window: the Today screen and the sync status.

window-today-at-counter = Осы терезедегі бүгінгі өтінімдер
window-pending-sync = Жіберуді күтуде: { $n }
window-last-sync = Соңғы синхрондау: { $when }
window-never = әлі болған жоқ
window-no-requests-today = Бүгін өтінім жоқ
window-overdue = мерзімі өтті
window-scan-to-start = Паспортты оқу құрылғысынан өткізіңіз — жаңа өтінім ашылады
window-register-counter = Терезенің бүгінгі тізілімі
window-register-office = Бөлімшенің бүгінгі тізілімі
window-drafts = Аяқталмаған жобалар
window-continue = Жалғастыру
window-results-arrived = Нәтижелер келді: { $n }. Тіркеу куәліктерін басып шығаруға болады.
