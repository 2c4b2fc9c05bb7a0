### The counter window: a passport reader's scan, the keyboard path through a request, the lock screen.

scan-waiting-lines = Оқылған жолдар: { $lines } / { $expected }; аймақтың қалған бөлігі күтілуде…
scan-waiting = Аймақтың қалған бөлігі күтілуде…
scan-shortcut = Пернелер: { $keys }
scan-refuse-title = Құжаттарды қабылдаудан бас тарту керек пе?
scan-refuse-missing = Қолхатта көрсетіледі:
scan-refuse-confirm = Қабылдаудан бас тарту және қолхат басу
scan-refuse-cancel = Нысанға оралу
scan-lock-wrong-password = { $login } тіркелгісінің құпиясөзі қате. Осы тіркелгінің құпиясөзін теріңіз немесе жүйеден шығыңыз.
