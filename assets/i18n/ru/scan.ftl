### The counter window: a passport reader's scan, the keyboard path through a request, the lock screen.

scan-waiting-lines = Прочитано строк: { $lines } из { $expected }; ждём остальную часть зоны…
scan-waiting = Ждём остальную часть зоны…
scan-shortcut = Клавиши: { $keys }
scan-refuse-title = Отказать в приёме документов?
scan-refuse-missing = В расписке будет указано:
scan-refuse-confirm = Отказать в приёме и напечатать расписку
scan-refuse-cancel = Вернуться к форме
scan-lock-wrong-password = Неверный пароль учётной записи { $login }. Введите пароль этой учётной записи или выйдите.
