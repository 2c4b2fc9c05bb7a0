# Терезедегі ұзақ жұмыстың барыс жолақтары: кезекпен алмасу, іздеу индексін құру.
progress-window-sync-push = Кезекке жіберу: { $total } ішінен { $done } { $n ->
    [one] өтінім
   *[other] өтінім
}
progress-window-sync-pull = Нәтижелерді қолдану: { $total } ішінен { $done } { $n ->
    [one] өтінім
   *[other] өтінім
}
progress-window-speed = { $rate }/с, { $left } қалды
progress-window-cancel-sync = Алмасуды тоқтату
progress-window-cancelling = Ағымдағы топтан кейін тоқтайды; қалғаны келесі алмасуға дейін кезекте қалады.
progress-window-index = Іздеу индексі дайындалуда… { $total } ішінен { $done }
progress-window-index-cancel = Тоқтату және шығу
progress-window-index-cancelled = Дерекқорды ашу тоқтатылды: онда ештеңе өзгермеді, сіз жүйеден шықтыңыз. Іздеу индексі келесі кіруде дайындалады.
progress-index-cli = { $n } { $n ->
    [one] өтінім
   *[other] өтінім
} бойынша іздеу индексі құрылуда (жаңартудан кейін бір рет)…
