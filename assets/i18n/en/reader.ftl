## Passport readers on a serial (virtual COM) port, and the same person's requests of the last 30 days.

reader-section = Passport reader on a serial port
reader-port = Serial port
reader-port-hint = e.g. COM3 or /dev/ttyUSB0; empty when the reader types like a keyboard
reader-baud = Baud rate
reader-parity = Parity
reader-parity-none = None
reader-parity-even = Even
reader-parity-odd = Odd
reader-framing = Zone framing
reader-framing-crlf = Lines ending in CR/LF
reader-framing-stx-etx = Between STX and ETX
reader-bad-port = Serial port: the name has a control character or is too long; type a port name such as COM3 or /dev/ttyUSB0.
reader-bad-baud = Baud rate: "{ $value }" is not a whole number from { $min } to { $max } (the reader's manual gives it; most use 9600).
reader-bad-parity = Parity: "{ $value }" is not one of none, even, odd.
reader-bad-framing = Zone framing: "{ $value }" is not one of CR/LF, STX/ETX.
reader-open-failed = Cannot open the passport reader's port { $port }: { $reason }. Check the port's name in Settings and that the reader is plugged in; trying again every second.
reader-lost = The passport reader's port { $port } stopped working ({ $reason }); trying to open it again.
reader-connected = Passport reader connected on { $port }.
reader-zone-unused = A zone from the passport reader arrived but was not used: it opens a request on Today or fills the MRZ box of the request being typed.
recent-title = This person already has a request in the last 30 days
recent-same-document = same document number
recent-same-name-birth = same name and date of birth
recent-row = { $name }, { $date }: { $status } ({ $why })
recent-open = Open
