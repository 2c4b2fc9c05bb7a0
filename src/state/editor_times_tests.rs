//! The editor's times and a draft's zone across a restart (issue 15 item 4, issue 14
//! item 8): the ticket gives the waiting time, and a stored draft brings back its zone,
//! its verdict and its first opening.

use super::tests::{editor, now, TD3};
use super::*;

#[test]
fn a_stored_draft_carries_the_zone_and_the_first_opening_across_a_restart() {
    let mut ed = editor(RequestKind::Formation);
    ed.mrz_text = TD3.into();
    ed.apply_mrz(now().date());
    ed.form.applicant.birth_place = "Typed after the scan".into();
    assert!(ed.is_dirty());
    let stored = ed.form_for_save();
    assert_eq!(stored.mrz, TD3, "the zone as read is saved with the draft");
    assert_eq!(stored.opened_at, "2026-03-02T10:00:00");
    ed.mark_saved(stored.clone());
    assert!(!ed.is_dirty());
    // The program restarts: nothing kept in memory, the store's draft only.
    let later = now() + chrono::Duration::minutes(30);
    let back = Editor::resume(stored.clone(), later, None, Some(later));
    assert_eq!(back.opened_at, now(), "the service time keeps running");
    assert_eq!(back.mrz_text, TD3);
    assert!(matches!(&back.mrz, Some(Ok(r)) if r.all_checks_pass()));
    assert!(
        !back.mrz_unread(),
        "the zone is not read again over the fields"
    );
    assert_eq!(back.form.applicant.birth_place, "Typed after the scan");
    assert!(!back.is_dirty(), "continuing is no edit");
    // A zone that did not read comes back with its error.
    let mut bad = stored;
    bad.mrz = "P<UTO".into();
    let back = Editor::resume(bad, later, None, None);
    assert!(matches!(back.mrz, Some(Err(_))));
    // A newer zone read in this session wins over the stored one.
    let mut again = editor(RequestKind::Formation);
    again.mrz_text = TD3.into();
    again.apply_mrz(now().date());
    let mut old_form = again.form_for_save();
    old_form.mrz = "P<UTO".into();
    let back = Editor::resume(old_form, later, Some(again.session()), None);
    assert_eq!(back.mrz_text, TD3);
}

#[test]
fn the_ticket_gives_the_waiting_time_until_the_opening() {
    let mut ed = editor(RequestKind::Formation);
    assert_eq!(ed.waiting(), None, "no ticket, no waiting time");
    // A scanner types the number and the time into the ticket field.
    ed.form.ticket = "A042 09:44".into();
    assert_eq!(ed.waiting(), Some(chrono::Duration::minutes(16)));
    ed.settle_ticket();
    assert_eq!(
        (ed.form.ticket.as_str(), ed.form.ticket_taken_at.as_str()),
        ("A042", "09:44")
    );
    assert_eq!(ed.waiting(), Some(chrono::Duration::minutes(16)));
    ed.refresh(now());
    assert!(ed
        .errors()
        .iter()
        .all(|e| e.field != Field::Ticket && e.field != Field::TicketTakenAt));
    // The time typed in its own field is not overwritten by a scan's.
    ed.form.ticket = "A043;09:50".into();
    ed.settle_ticket();
    assert_eq!(
        (ed.form.ticket.as_str(), ed.form.ticket_taken_at.as_str()),
        ("A043", "09:44")
    );
    // Bad input: errors naming the field, no waiting time.
    ed.form.ticket = "42A".into();
    ed.form.ticket_taken_at = "10:30".into();
    ed.refresh(now());
    assert_eq!(ed.waiting(), None);
    let problems: Vec<(Field, Problem)> = ed
        .errors()
        .iter()
        .filter(|e| matches!(e.field, Field::Ticket | Field::TicketTakenAt))
        .map(|e| (e.field, e.problem.clone()))
        .collect();
    assert_eq!(
        problems,
        [
            (Field::Ticket, Problem::NotATicket),
            (
                Field::TicketTakenAt,
                Problem::TakenAfterOpening {
                    opened: now().time()
                }
            )
        ]
    );
    assert_eq!(
        ed.error_for(Field::Ticket, Lang::En).as_deref(),
        Some(
            "a ticket number is expected: up to three letters, then one to four digits, e.g. A042"
        )
    );
}
