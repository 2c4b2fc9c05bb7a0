### The counter window: settings and administration.

window-office-name = ХҚКО атауы
window-office-address = ХҚКО мекенжайы
window-counter-number = Терезе нөмірі
window-clerk-phone = Орындаушының телефоны
window-queue-path = Орталық кезек (файл немесе сервер)
window-locked-by-machine = компьютер баптауымен бекітілген
window-pdf-dir = PDF құжаттар қалтасы
window-idle-minutes = Әрекетсіздіктен кейін бұғаттау (минут)
window-browse = Таңдау…
window-save = Сақтау
window-saved = Сақталды
window-users = Қызметкерлердің есептік жазбалары
window-role = Рөлі
window-active = Белсенді
window-disable = Өшіру
window-enable = Қосу
window-add-user = Есептік жазба қосу
window-new-password = Жаңа құпиясөз
window-set-password = Құпиясөзді орнату
window-calendar = Жұмыс күнтізбесінің ерекшеліктері
window-import-calendar = Жыл файлын жүктеу…
window-working-day = жұмыс күні
window-day-off = демалыс
