## Passport readers on a serial (virtual COM) port, and the same person's requests of the last 30 days.

reader-section = Считыватель паспортов на последовательном порту
reader-port = Последовательный порт
reader-port-hint = например, COM3 или /dev/ttyUSB0; пусто, если считыватель печатает как клавиатура
reader-baud = Скорость (бод)
reader-parity = Чётность
reader-parity-none = Нет
reader-parity-even = Чётная
reader-parity-odd = Нечётная
reader-framing = Границы зоны
reader-framing-crlf = Строки, оканчивающиеся CR/LF
reader-framing-stx-etx = Между STX и ETX
reader-bad-port = Последовательный порт: в имени есть управляющий символ или оно слишком длинное; введите имя порта, например COM3 или /dev/ttyUSB0.
reader-bad-baud = Скорость (бод): «{ $value }» — не целое число от { $min } до { $max } (оно указано в руководстве считывателя; обычно 9600).
reader-bad-parity = Чётность: «{ $value }» — не одно из значений none, even, odd.
reader-bad-framing = Границы зоны: «{ $value }» — не одно из значений CR/LF, STX/ETX.
reader-open-failed = Не удаётся открыть порт считывателя паспортов { $port }: { $reason }. Проверьте имя порта в настройках и подключение считывателя; повторная попытка каждую секунду.
reader-lost = Порт считывателя паспортов { $port } перестал работать ({ $reason }); пробуем открыть его снова.
reader-connected = Считыватель паспортов подключён к порту { $port }.
reader-zone-unused = Пришла зона от считывателя паспортов, но она не использована: она открывает заявку на экране «Сегодня» или заполняет поле MRZ набираемой заявки.
recent-title = У этого человека уже есть заявка за последние 30 дней
recent-same-document = тот же номер документа
recent-same-name-birth = те же имя и дата рождения
recent-row = { $name }, { $date }: { $status } ({ $why })
recent-open = Открыть
