# The window's progress bars for long work: a sync round, the search index build.
progress-window-sync-push = Sending to the queue: { $done } of { $total } { $n ->
    [one] request
   *[other] requests
}
progress-window-sync-pull = Applying results: { $done } of { $total } { $n ->
    [one] request
   *[other] requests
}
progress-window-speed = { $rate }/s, { $left } left
progress-window-cancel-sync = Cancel sync
progress-window-cancelling = Stopping after the batch in flight; the rest stays queued for the next round.
