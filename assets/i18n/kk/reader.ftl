## Passport readers on a serial (virtual COM) port, and the same person's requests of the last 30 days.

reader-section = Тізбекті порттағы паспорт оқу құрылғысы
reader-port = Тізбекті порт
reader-port-hint = мысалы, COM3 немесе /dev/ttyUSB0; оқу құрылғысы пернетақта сияқты теретін болса, бос
reader-baud = Жылдамдық (бод)
reader-parity = Жұптылық
reader-parity-none = Жоқ
reader-parity-even = Жұп
reader-parity-odd = Тақ
reader-framing = Аймақ шекаралары
reader-framing-crlf = CR/LF-пен аяқталатын жолдар
reader-framing-stx-etx = STX пен ETX арасында
reader-bad-port = Тізбекті порт: атауында басқару таңбасы бар немесе ол тым ұзын; COM3 немесе /dev/ttyUSB0 сияқты порт атауын енгізіңіз.
reader-bad-baud = Жылдамдық (бод): «{ $value }» — { $min } мен { $max } аралығындағы бүтін сан емес (ол оқу құрылғысының нұсқаулығында көрсетілген; әдетте 9600).
reader-bad-parity = Жұптылық: «{ $value }» — none, even, odd мәндерінің бірі емес.
reader-bad-framing = Аймақ шекаралары: «{ $value }» — CR/LF, STX/ETX мәндерінің бірі емес.
reader-open-failed = Паспорт оқу құрылғысының { $port } портын ашу мүмкін емес: { $reason }. Баптаулардағы порт атауын және құрылғының қосылғанын тексеріңіз; әр секунд сайын қайта әрекет жасалады.
reader-lost = Паспорт оқу құрылғысының { $port } порты жұмысын тоқтатты ({ $reason }); оны қайта ашуға әрекет жасалуда.
reader-connected = Паспорт оқу құрылғысы { $port } портына қосылды.
reader-zone-unused = Паспорт оқу құрылғысынан аймақ келді, бірақ ол пайдаланылмады: ол «Бүгін» экранында өтінімді ашады немесе терілетін өтінімнің MRZ өрісін толтырады.
recent-title = Бұл адамның соңғы 30 күнде өтінімі бар
recent-same-document = құжат нөмірі бірдей
recent-same-name-birth = аты мен туған күні бірдей
recent-row = { $name }, { $date }: { $status } ({ $why })
recent-open = Ашу
