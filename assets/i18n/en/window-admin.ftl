### The counter window: settings and administration.

window-office-name = Office name
window-office-address = Office address
window-counter-number = Counter number
window-clerk-phone = Executor's phone
window-queue-path = Central queue (file or server)
window-locked-by-machine = set by this PC's configuration
window-pdf-dir = PDF output folder
window-idle-minutes = Lock after idle (minutes)
window-browse = Browse…
window-save = Save
window-saved = Saved
window-users = Staff accounts
window-role = Role
window-active = Active
window-disable = Disable
window-enable = Enable
window-add-user = Add account
window-new-password = New password
window-set-password = Set password
window-calendar = Working-calendar exceptions
window-import-calendar = Import a year's file…
window-working-day = working day
window-day-off = day off
