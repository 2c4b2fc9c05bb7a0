//! Requests set aside (rejected by the central queue) in the window: loading them for
//! the journal's marks, Today's box and the request view, and *Send again*, which runs
//! the code of `iin-desk queue retry ID` ([`retry_set_aside`], audited as
//! `request.set_aside_retry`) for a supervisor or an administrator.

use chrono::NaiveDateTime;

use super::DeskApp;
use crate::domain::i18n::{tr, tr_args};
use crate::queue::reject::{may_retry, retry_set_aside};
use crate::store::journal::worker::JournalJob;

/// Reads the requests set aside from the store into the window's marks (a store that
/// cannot say keeps the marks it had; the error is logged).
pub(super) fn load(app: &mut DeskApp) {
    match app.store.set_aside_requests() {
        Ok(list) => app.state.journal.set_aside.load(list),
        Err(e) => log::warn!("set-aside requests not read: {e}"),
    }
}

/// *Send again*: puts the set-aside request `id` back into the outbox (a supervisor or
/// an administrator), asks the sync for a round, and brings Today's box, the journal
/// and the request view up to date; a notice says how it went.
pub(super) fn send_again(app: &mut DeskApp, id: &str, now: NaiveDateTime) {
    let lang = app.state.lang;
    let Some(user) = app.state.user.clone() else {
        return;
    };
    let id = id.trim();
    if !may_retry(user.role) {
        log::warn!("send again of {id} refused: {} may not", user.login);
        let text = tr(lang, "set-aside-clerk-cannot");
        app.state.notify_about(id, None, text, true);
        return;
    }
    match retry_set_aside(&mut app.store, id, &user.login, now) {
        Ok(()) => {
            log::info!("send again: request {id} back in the outbox");
            let text = tr_args(lang, "set-aside-sent-again", &[("id", id.into())]);
            app.state.notify_about(id, None, text, false);
            if let Some(h) = &app.sync {
                h.sync_now();
            }
        }
        Err(e) => {
            let text = tr_args(
                lang,
                "set-aside-send-again-failed",
                &[("id", id.into()), ("reason", e.message(lang).into())],
            );
            app.state.notify_about(id, None, text, true);
        }
    }
    load(app);
    app.refresh_dashboard();
    refresh_journal(app);
    if app.state.viewed.as_ref().is_some_and(|v| v.id == id) {
        if let Ok(v) = super::load_view(app, id) {
            app.state.viewed = Some(v);
        }
    }
}

/// Searches the journal's filter again (once it was searched): a request sent again
/// leaves the set-aside list. The selection stays where it was.
fn refresh_journal(app: &mut DeskApp) {
    let journal = &mut app.state.journal;
    if journal.generation == 0 {
        return;
    }
    let selected = journal.selected;
    let filter = journal.filter.clone();
    let generation = journal.begin(filter.clone());
    journal.selected = selected;
    app.journal_worker
        .send(JournalJob::Search { generation, filter });
}
