### The counter window: the journal, its columns and the request view.

window-col-time = Time
window-col-kind = Kind
window-col-status = Status
window-col-due = Due
window-col-clerk = Clerk
window-col-iin = IIN
window-col-applicant = Applicant
window-col-id = Id
window-search = Search
window-clear = Clear
window-name-filter = Name (Latin/Cyrillic)
window-doc-filter = Document number
window-iin-filter = IIN
window-from = From
window-to = To
window-any = any
window-found = Found: { $n }
window-history = History
window-print = Print:
window-save-as = Save as:
window-back = Back
window-data-error = The data could not be read
