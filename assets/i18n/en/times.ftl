# The times the order counts at the counter: the queue ticket, waiting and service
# (issue 15, item 4).
field-ticket = Queue ticket
field-ticket-taken-at = Ticket taken at
field-opened-at = Request opened at
problem-not-a-ticket = a ticket number is expected: up to three letters, then one to four digits, e.g. A042
problem-not-a-time-of-day = a time as HH:MM is expected, e.g. 09:05
problem-taken-after-opening = the ticket cannot have been taken after the request was opened at { $opened }
problem-opened-after-submission = the request cannot have been opened after it was handed in
times-section = Electronic queue
times-ticket-hint = A042, or A042 16:05 from a scanner
times-time-hint = HH:MM
times-waiting = Waiting in the queue
times-service = Service time
times-over = over { $minutes } min
times-unknown = not measured
times-journal-over = Over the limit: { $what }
