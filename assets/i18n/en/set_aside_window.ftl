# Requests set aside (rejected by the central queue) in the window: the journal's mark and
# filter, Today's box, the request view and "Send again" (src/ui/set_aside.rs,
# src/ui/journal.rs, src/ui/request_view.rs, src/state/journal.rs, src/app/commands/set_aside.rs).
set-aside-badge = Set aside
set-aside-filter = Set aside by the queue
set-aside-reason = Rejected by the central queue on { $when }: { $reason }
set-aside-view-title = Set aside: the central queue rejected this request; the others are sent as usual
set-aside-send-again = Send again
set-aside-supervisor-hint = Fix the cause first (another office's request with this id, or this request's data), then press "Send again": the next sync sends it.
set-aside-clerk-cannot = Only a supervisor or an administrator sends a set-aside request again: call the supervisor.
set-aside-sent-again = Request { $id } is back in the outbox: the next sync sends it again.
set-aside-send-again-failed = Request { $id } was not sent again: { $reason }
set-aside-event = Set aside: rejected by the central queue
set-aside-event-retry = Sent again after being set aside
