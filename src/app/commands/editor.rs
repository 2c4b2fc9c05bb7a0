//! Commands of the request being typed: opening a new one (also from a zone read on the
//! dashboard) or a draft, saving, accepting or refusing to accept, and looking up the
//! current IIN of a correction.

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::printing::run_print;
use super::{actor, show};
use crate::app::{DeskApp, Screen};
use crate::domain::form::{record_to_form, validate_record, ApplicantForm};
use crate::domain::i18n::{tr, Msg};
use crate::domain::request::{RequestKind, Status};
use crate::pdf::DocKind;
use crate::state::Editor;
use crate::store::{AuditQuery, RequestFilter};

fn identity_of_counter(app: &DeskApp) -> (String, String, String) {
    (
        actor(app),
        app.state.settings.office_name.clone(),
        app.state.settings.counter.clone(),
    )
}

/// A fresh editor of `kind` for this clerk, office and counter.
fn new_editor(app: &DeskApp, kind: RequestKind, now: NaiveDateTime) -> Editor {
    let (clerk, office, counter) = identity_of_counter(app);
    Editor::new(
        kind,
        Uuid::new_v4().to_string(),
        now,
        &clerk,
        &office,
        &counter,
    )
}

/// Starts a new request of `kind`; the MRZ box takes the focus (the surname on the
/// convicted person's path, which has no identity document to read).
pub(super) fn new_request(app: &mut DeskApp, kind: RequestKind, now: NaiveDateTime) {
    app.autosave(true);
    app.state.park_editor();
    let mut ed = new_editor(app, kind, now);
    if kind == RequestKind::FormationConvicted {
        ed.focus = Some(crate::domain::field::Field::Surname);
    } else {
        ed.focus_mrz = true;
    }
    app.state.editor = Some(ed);
    app.state.screen = Screen::Editor;
}

/// Starts a new formation filled from a zone the passport reader typed on the dashboard.
pub(super) fn new_from_mrz(app: &mut DeskApp, text: String, now: NaiveDateTime) {
    app.autosave(true);
    app.state.park_editor();
    let mut ed = new_editor(app, RequestKind::Formation, now);
    ed.mrz_text = text;
    ed.apply_mrz(now.date());
    app.state.editor = Some(ed);
    app.state.dashboard_mrz.clear();
    app.state.screen = Screen::Editor;
}

/// Continues a draft; a request that left the draft status opens on its own screen. The
/// draft being typed is simply shown again; another one comes back with its MRZ, its
/// verdict and its service time (kept when it was left, else from its first save).
pub(super) fn open_draft(app: &mut DeskApp, id: String, now: NaiveDateTime) {
    let lang = app.state.lang;
    if app.state.editor.as_ref().is_some_and(|e| e.form.id == id) {
        if let Some(ed) = app.state.editor.as_mut() {
            ed.scroll_top = true;
        }
        app.state.screen = Screen::Editor;
        return;
    }
    match app.store.request(&id) {
        Ok(r) if r.status == Status::Draft => {
            app.autosave(true);
            app.state.park_editor();
            let kept = app.state.draft_sessions.remove(&id);
            let first_saved = first_saved(app, &id);
            app.state.editor = Some(Editor::resume(r.form, now, kept, first_saved));
            app.state.screen = Screen::Editor;
        }
        Ok(_) => show(app, Screen::Request(id)),
        Err(e) => app.state.notify_about(&id, None, e.message(lang), true),
    }
}

/// When the draft `id` was first saved, from the audit log.
fn first_saved(app: &DeskApp, id: &str) -> Option<NaiveDateTime> {
    let entries = app
        .store
        .audit_entries(&AuditQuery {
            request_id: Some(id.to_string()),
            limit: None,
        })
        .ok()?;
    entries
        .iter()
        .find(|e| e.action == "request.draft_created")
        .and_then(|e| NaiveDateTime::parse_from_str(&e.at, "%Y-%m-%dT%H:%M:%S").ok())
}

/// Discards a draft the clerk confirmed (audited by the store); the editor lets it go if
/// it held it.
pub(super) fn discard_draft(app: &mut DeskApp, id: String, now: NaiveDateTime) {
    let lang = app.state.lang;
    let user = actor(app);
    app.state.confirm_discard = None;
    if app.state.editor.as_ref().is_some_and(|e| e.form.id == id) {
        app.state.editor = None;
    }
    app.state.draft_sessions.remove(&id);
    match app.store.discard_draft(&id, &user, now) {
        Ok(()) => {
            log::info!("request {id}: draft discarded by {user}");
            app.state.notify(tr(lang, "clerk-draft-discarded"), false);
        }
        Err(e) => app.state.notify_about(&id, None, e.message(lang), true),
    }
    app.refresh_dashboard();
}

/// Saves the draft now and says so.
pub(super) fn save_draft(app: &mut DeskApp) {
    let lang = app.state.lang;
    app.autosave(true);
    if let Some(id) = app.state.editor.as_ref().map(|e| e.form.id.clone()) {
        app.state
            .notify_about(&id, None, tr(lang, "window-draft-saved"), false);
    }
}

/// Accepts the request or refuses to accept it (then prints the receipt).
pub(super) fn decide(app: &mut DeskApp, status: Status, now: NaiveDateTime) {
    let lang = app.state.lang;
    let user = actor(app);
    let Some(ed) = app.state.editor.as_mut() else {
        return;
    };
    ed.submit_tried = true;
    let form = ed.submission(now, status);
    let id = Uuid::parse_str(&form.id).unwrap_or_else(|_| Uuid::new_v4());
    let record = match validate_record(&form, id, now) {
        Ok(r) => r,
        Err(errors) => {
            let first = errors.first();
            let text = first.map(|e| e.message(lang)).unwrap_or_default();
            let id = form.id.clone();
            // The notice goes once that field is fixed.
            app.state.notify_about(
                &id,
                first.map(|e| e.field),
                format!("{}: {text}", Msg("window-fix-fields").get(lang)),
                true,
            );
            return;
        }
    };
    match app.store.decide_draft(&record, &user, now) {
        Ok(()) => {
            let id = record.request.id.to_string();
            log::info!("request {id}: {} by {user}", status.key());
            app.state.editor = None;
            app.state.draft_sessions.remove(&id);
            if status == Status::Accepted {
                app.state
                    .notify_about(&id, None, tr(lang, "window-accepted-msg"), false);
                if let Some(h) = &app.sync {
                    h.sync_now();
                }
                show(app, Screen::Dashboard);
            } else {
                app.state
                    .notify_about(&id, None, tr(lang, "window-refused-msg"), false);
                show(app, Screen::Request(id.clone()));
                run_print(app, &id, DocKind::Receipt);
            }
        }
        Err(e) => {
            app.state
                .notify_about(&record.request.id.to_string(), None, e.message(lang), true)
        }
    }
}

/// Fills a correction's applicant from the local request that formed or last
/// corrected its current IIN (address and phone as typed win).
pub(super) fn look_up_iin(app: &mut DeskApp, now: NaiveDateTime) {
    let Some(ed) = app.state.editor.as_ref() else {
        return;
    };
    let iin: String = ed
        .form
        .correction
        .as_ref()
        .map(|c| c.current_iin.clone())
        .unwrap_or_default();
    let iin: String = iin.chars().filter(|c| !c.is_whitespace()).collect();
    let filter = RequestFilter {
        iin: Some(iin),
        ..RequestFilter::default()
    };
    let rows = app.store.list_requests(&filter, 0, 20).unwrap_or_default();
    // The latest request that formed or corrected this IIN holds the current data.
    let current = rows
        .iter()
        .filter(|r| matches!(r.status, Status::Formed | Status::Corrected))
        .find_map(|r| app.store.request(&r.id).ok())
        .and_then(|s| validate_record(&s.form, Uuid::new_v4(), now).ok());
    let Some(ed) = app.state.editor.as_mut() else {
        return;
    };
    match current {
        Some(record) => {
            let mut r = record.clone();
            r.request.applicant.identity = record.request.identity_after();
            let form = record_to_form(&r);
            let keep: ApplicantForm = ed.form.applicant.clone();
            ed.form.applicant = ApplicantForm {
                address: if keep.address.is_empty() {
                    form.applicant.address.clone()
                } else {
                    keep.address
                },
                phone: if keep.phone.is_empty() {
                    form.applicant.phone.clone()
                } else {
                    keep.phone
                },
                ..form.applicant
            };
            ed.lookup = Some(true);
        }
        None => ed.lookup = Some(false),
    }
}
