# Progress of long command-line jobs (demo-data, import, export, queue migrate), on stderr.
progress-unit-requests = { $n ->
    [one] request
   *[other] requests
}
progress-left-secs = { $s } s
progress-left-min = { $m } min { $s } s
progress-line = { $done }/{ $total } { $unit }, { $rate }/s, { $left } left
progress-done = { $done } { $unit } in { $secs } s, { $rate }/s
progress-import-storing = storing { $n ->
    [one] { $n } request
   *[other] { $n } requests
} in one transaction…
progress-unit-rows = { $n ->
    [one] row
   *[other] rows
}
