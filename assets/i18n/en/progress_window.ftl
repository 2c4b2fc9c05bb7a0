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
progress-window-index = Preparing the search index… { $done } of { $total }
progress-window-index-cancel = Cancel and log out
progress-window-index-cancelled = Opening the store was cancelled: nothing in it changed, and you are logged out. The search index is prepared at the next login.
progress-index-cli = Building the search index over { $n } { $n ->
    [one] request
   *[other] requests
} (once, after this upgrade)…
