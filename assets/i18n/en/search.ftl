# The journal's search (the window and `iin-desk search`).
search-name-too-short = { $min ->
    [one] type at least { $min } character of the name
   *[other] type at least { $min } characters of the name
}
search-counting = counting…
search-bad-date = --{ $option }: { $value } is not a date; DD.MM.YYYY or YYYY-MM-DD is expected
search-bad-status = --status: { $value } is not a status; one of { $expected } is expected
search-bad-limit = --limit: { $value } is not a number of rows; a whole number from 1 is expected
search-query-too-short = QUERY { $query } is too short: type at least { $min } characters of a name, or an IIN or a document number
search-found = { $n ->
    [one] { $n } request found, { $shown } shown
   *[other] { $n } requests found, { $shown } shown
}
search-col-time = Time
search-col-id = Id
search-col-status = Status
search-col-clerk = Clerk
search-col-iin = IIN
search-col-document = Document
search-col-name = Name
