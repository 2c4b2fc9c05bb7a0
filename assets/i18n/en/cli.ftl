# The command line: what it prints and asks (clap's --help stays English).
cli-calendar-loaded = { $days ->
        [one] { $days } exception
       *[other] { $days } exceptions
    } loaded for { $year }
cli-calendar-bad-year = not a valid year
cli-calendar-moved-day-off = moved day off:
cli-calendar-day-off = day off (exception)
cli-calendar-working-day = working day (exception)
cli-iin-hint = hint
cli-iin-valid = valid
cli-iin-invalid = invalid
cli-cannot-read-file = cannot read the file
cli-not-set-up = not set up yet: create the administrator first with `iin-desk init`
cli-recovery-key-shown-once = RECOVERY KEY (shown only now; write it down and keep it in a safe — if every password is lost, only this key opens the data):
cli-no-login = no login given: pass --user LOGIN or set IIN_DESK_USER
cli-password-prompt = password
cli-no-password = no password: set IIN_DESK_PASSWORD or run in a terminal
cli-store-now-encrypted = the store is now encrypted; the administrator must set new passwords for the other staff
cli-import-not-json = { $file }: line { $line }, column { $column }: a JSON array of requests is expected ({ $e })
cli-import-duplicate = request { $id } already exists
cli-import-errors = { $file }: { $n ->
        [one] { $n } error
       *[other] { $n } errors
    }; nothing was stored
cli-import-dry-run = { $records ->
        [one] { $records } request
       *[other] { $records } requests
    } valid (--dry-run: nothing stored)
cli-import-stored = { $stored ->
        [one] { $stored } request
       *[other] { $stored } requests
    } stored
cli-cannot-write-file = cannot write the file
cli-export-written = { $forms ->
        [one] { $forms } request
       *[other] { $forms } requests
    } written to { $out }. The file holds personal data: keep it somewhere protected.
cli-machine-key-written = machine key written; let only the sync's service user read this file
cli-machine-key-removed = machine key removed
cli-machine-key-none = there was no machine key
cli-queue-key-written = queue key written; import it on every PC, then delete the file
cli-queue-key-imported = queue key imported
cli-key-policy-out-of-range = { $name }: { $v } — 1 to { $max } is expected
cli-recovery-key-prompt = Recovery key:{" "}
cli-new-password-prompt = New password:{" "}
cli-recover-no-admin = { $login }: no such administrator
cli-recover-done = the new password is set
cli-register-written = register of { $day } ({ $rows ->
        [one] { $rows } request
       *[other] { $rows } requests
    }) → { $out }
cli-not-genuine = NOT GENUINE
cli-genuine = genuine
cli-verify-certificate-of = registration certificate of request { $id }
cli-sync-summary = pushed to the central queue: { $p } ({ $n } new), results arrived: { $r }; waiting to be pushed: { $to_push }, waiting for a result: { $awaiting_result }
cli-sync-file-changed = the central queue file is new to this counter: every request was sent again
cli-backoffice-auto-summary = IINs formed: { $f }, corrected: { $c }, left for a person: { $l }
cli-backoffice-overdue = overdue
cli-backoffice-claimed-by = claimed by { $by }
cli-backoffice-needs-person = needs a person
cli-backoffice-waiting = waiting: { $incoming }
cli-new-password-word = new password
cli-repeat-prompt = Repeat:{" "}
cli-passwords-do-not-match = the passwords do not match
cli-no-new-password = no new password: use --password-stdin
cli-role-expected = one of these is expected
cli-required = is required
cli-account-created = account created
cli-active = active
cli-disabled = disabled
cli-user-own-state = you cannot change your own account's state
cli-account-disabled = disabled
cli-enabled = enabled
cli-user-needs-new-password = needs a new password to log in: iin-desk user passwd LOGIN
cli-password-changed = password changed
cli-init-already-set-up = already set up: an administrator exists
cli-init-done = administrator created
cli-mrz-format = Format
cli-mrz-document-code = Document code
cli-mrz-issuing-country = Issuing country
cli-mrz-document-number = Document number
cli-mrz-surname = Surname
cli-mrz-given-names = Given names
cli-mrz-nationality = Nationality
cli-mrz-birth-date = Date of birth
cli-mrz-sex = Sex
cli-mrz-expiry-date = Date of expiry
cli-mrz-check-ok = ok
cli-mrz-check-failed = FAILED
cli-mrz-check-digit = Check digit
cli-mrz-repaired = Repaired
cli-bad-date = --{ $option }: { $value } is not a date; YYYY-MM-DD is expected
cli-demo-stored = stored { $stored ->
        [one] { $stored } synthetic request
       *[other] { $stored } synthetic requests
    } (seed { $seed }, { $secs } s)
cli-machine-key-too-open = { $path }: the machine key is readable by others than its owner ({ $mode }); run `chmod 600`
cli-bad-login = login { $login } is not valid: 3–32 Latin letters, digits, '.', '_', '-' are expected
cli-role-not-allowed = not allowed: this needs the role { $roles }
