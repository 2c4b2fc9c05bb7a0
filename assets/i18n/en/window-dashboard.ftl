### The counter window: the Today screen and the sync status.

window-today-at-counter = Today's requests at this counter
window-pending-sync = Waiting to be sent: { $n }
window-last-sync = Last sync: { $when }
window-never = not yet
window-no-requests-today = No requests today
window-overdue = overdue
window-scan-to-start = Scan a passport to start a new request
window-register-counter = Today's register for this counter
window-register-office = Today's register for the office
window-drafts = Unfinished drafts
window-continue = Continue
window-results-arrived =
    { $n ->
        [one] { $n } result arrived: the certificate is ready to print.
       *[other] { $n } results arrived: the certificates are ready to print.
    }
