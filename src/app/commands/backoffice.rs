//! Commands of the back office screen: the incoming list, claiming a case, and forming,
//! correcting or refusing it on the central queue file.

use chrono::NaiveDateTime;

use super::actor;
use crate::app::{Command, DeskApp};
use crate::domain::i18n::Msg;

/// The back office's session, opened on first use with the same rule as the counter's
/// sync (the central file is created only if this installation never had one).
fn back_office(
    app: &mut DeskApp,
) -> Result<&mut crate::queue::backoffice::BackOffice, crate::queue::QueueError> {
    use crate::queue::backoffice::{BackOffice, BackOfficeOptions};
    let office = match app.back_office.take() {
        Some(office) => office,
        None => {
            let login = actor(app);
            let path = app.queue_path();
            BackOffice::open_for_installation(
                &mut app.store,
                &path,
                crate::queue::central::CentralOptions::default(),
                &login,
                BackOfficeOptions::default(),
                app.state.now,
            )?
        }
    };
    Ok(app.back_office.insert(office))
}

/// Reloads the incoming list.
pub(super) fn refresh(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let result = back_office(app).and_then(|bo| bo.incoming(now));
    match result {
        Ok(items) => {
            app.state.back_office.items = items;
            app.state.back_office.error = None;
        }
        Err(e) => {
            // Reopen next time: the share may come back.
            app.back_office = None;
            app.state.back_office.error = Some(e.message(lang));
        }
    }
}

/// Claims a request and shows its case.
pub(super) fn open(app: &mut DeskApp, id: &str, now: NaiveDateTime) {
    let lang = app.state.lang;
    let result = back_office(app).and_then(|bo| {
        bo.claim(id, now)?;
        bo.case(id)
    });
    let bo = &mut app.state.back_office;
    match result {
        Ok(case) => {
            bo.case = Some(case);
            bo.comment.clear();
            bo.override_reason.clear();
            bo.error = None;
        }
        Err(e) => {
            bo.error = Some(e.message(lang));
            if e.is_offline() {
                // Reopen next time: the share may come back, or the file be replaced.
                app.back_office = None;
            }
        }
    }
}

/// Forms, corrects or refuses the open case, as `command` says.
pub(super) fn decide(app: &mut DeskApp, command: &Command, now: NaiveDateTime) {
    let lang = app.state.lang;
    let Some(case) = app.state.back_office.case.clone() else {
        return;
    };
    let comment = app.state.back_office.comment.clone();
    let reason = app.state.back_office.override_reason.clone();
    let ground = app.state.back_office.ground;
    let with_duplicates = !case.duplicates.is_empty();
    let result = back_office(app).and_then(|bo| match command {
        Command::BackOfficeForm => bo
            .form_iin(
                &case.id,
                with_duplicates.then_some(reason.as_str()),
                &comment,
                now,
            )
            .map(|iin| format!("{}: {iin}", Msg("window-form-iin").get(lang))),
        Command::BackOfficeCorrect => bo
            .correct(&case.id, &comment, now)
            .map(|iin| format!("{}: {iin}", Msg("window-correct").get(lang))),
        _ => bo.refuse(&case.id, ground, &comment, now).map(|()| {
            format!(
                "{}: 15.{}",
                Msg("window-refuse-service").get(lang),
                ground.item()
            )
        }),
    });
    match result {
        Ok(text) => {
            app.state.notify(text, false);
            app.state.back_office.case = None;
            refresh(app, now);
        }
        Err(e) => {
            app.state.back_office.error = Some(e.message(lang));
            if e.is_offline() {
                app.back_office = None;
            }
        }
    }
}
