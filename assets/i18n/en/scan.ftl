### The counter window: a passport reader's scan, the keyboard path through a request, the lock screen.

scan-waiting-lines = Lines read: { $lines } of { $expected }; waiting for the rest of the zone…
scan-waiting = Waiting for the rest of the zone…
scan-shortcut = Keys: { $keys }
scan-refuse-title = Refuse to accept the documents?
scan-refuse-missing = The receipt will name:
scan-refuse-confirm = Refuse to accept and print the receipt
scan-refuse-cancel = Back to the form
scan-lock-wrong-password = Wrong password for { $login }. Type this account's password, or log out.
