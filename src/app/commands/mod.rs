//! What the app does for each [`Command`]: the only place the window talks to the
//! store, the file dialogs and the printer. [`run`] dispatches; each area has its file:
//! `session` (set-up, login, lock, language), `editor` (the request being typed),
//! `printing`, `admin` (settings, accounts, calendar, keys), `backoffice` and
//! `set_aside` (requests the central queue rejected). Navigation and the journal's search
//! are here.

mod admin;
mod backoffice;
mod editor;
mod printing;
mod session;
mod set_aside;

use super::{Command, DeskApp, Screen};
use crate::domain::request::Status;
use crate::state::RequestView;
use crate::store::journal::worker::JournalJob;
use crate::store::{AuditQuery, StoreError};

/// Runs one command.
pub fn run(app: &mut DeskApp, command: Command) {
    let now = app.state.now;
    match command {
        Command::CreateAdmin => session::create_admin(app, now),
        Command::Login => session::login(app, now),
        Command::Logout => session::logout(app, now),
        Command::Lock => app.lock(),
        Command::Unlock => session::unlock(app, now),
        Command::SetLang(l) => session::set_lang(app, l, now),
        Command::Show(screen) => show(app, screen),
        Command::NewRequest(kind) => editor::new_request(app, kind, now),
        Command::NewFromMrz(text) => editor::new_from_mrz(app, text, now),
        Command::OpenDraft(id) => editor::open_draft(app, id, now),
        Command::SaveDraft => editor::save_draft(app),
        Command::DiscardDraft(id) => editor::discard_draft(app, id, now),
        Command::Accept => editor::decide(app, Status::Accepted, now),
        Command::RefuseToAccept => editor::decide(app, Status::RefusedToAccept, now),
        Command::LookUpIin => editor::look_up_iin(app, now),
        Command::Search => search(app),
        Command::Print(id, doc) => printing::run_print(app, &id, doc),
        Command::SaveAs(id, doc) => printing::save_as(app, &id, doc),
        Command::PrintRegister(counter) => printing::print_register(app, counter),
        Command::OpenFolder(dir) => printing::open_folder(app, &dir),
        Command::SaveSettings => admin::save_settings(app),
        Command::ChooseQueuePath => admin::choose_queue_path(app),
        Command::KeepServerPassword => admin::keep_server_password(app, false, now),
        Command::ClearServerPassword => admin::keep_server_password(app, true, now),
        Command::ChoosePdfDir => admin::choose_pdf_dir(app),
        Command::AddUser => admin::add_user(app, now),
        Command::SetUserActive(login, active) => admin::set_user_active(app, &login, active, now),
        Command::ResetPassword(login) => admin::reset_password(app, &login, now),
        Command::ImportCalendar => admin::import_calendar(app, now),
        Command::NewRecoveryKey => admin::new_recovery_key(app, now),
        Command::ImportQueueKey => admin::import_queue_key(app, now),
        Command::ExportQueueKey => admin::export_queue_key(app, now),
        Command::SaveLockout => admin::save_lockout(app, now),
        Command::SyncNow => {
            if let Some(h) = &app.sync {
                h.sync_now();
            }
        }
        Command::SendAgain(id) => set_aside::send_again(app, &id, now),
        Command::BackOfficeRefresh => backoffice::refresh(app, now),
        Command::BackOfficeOpen(id) => backoffice::open(app, &id, now),
        Command::BackOfficeForm | Command::BackOfficeCorrect | Command::BackOfficeRefuse => {
            backoffice::decide(app, &command, now)
        }
    }
}

/// After a sync round ended: the request open on its screen is read again (a request
/// sent again after being set aside now says Sent), with Today's list and the set-aside
/// marks. A request the store cannot read stays as it was shown.
pub(super) fn after_sync_round(app: &mut DeskApp) {
    if app.state.user.is_none() {
        return;
    }
    set_aside::load(app);
    app.refresh_dashboard();
    let Some(id) = app.state.viewed.as_ref().map(|v| v.id.clone()) else {
        return;
    };
    match load_view(app, &id) {
        Ok(v) => app.state.viewed = Some(v),
        Err(e) => log::warn!("request {id} not read again after the sync: {e}"),
    }
}

/// The logged-in account's login, or `system`.
fn actor(app: &DeskApp) -> String {
    app.state
        .user
        .as_ref()
        .map_or("system".to_string(), |u| u.login.clone())
}

fn show(app: &mut DeskApp, screen: Screen) {
    let lang = app.state.lang;
    if matches!(
        screen,
        Screen::Dashboard | Screen::Journal | Screen::Request(_)
    ) {
        set_aside::load(app);
    }
    match &screen {
        Screen::Dashboard => app.refresh_dashboard(),
        Screen::Journal => {
            // Coming back counts again and refetches (what was accepted meanwhile is on
            // top); the selection stays where it was.
            let journal = &mut app.state.journal;
            let selected = journal.selected;
            let generation = journal.begin(journal.filter.clone());
            journal.selected = selected;
            journal.scroll_to = selected.or(Some(0));
            let filter = journal.filter.clone();
            app.journal_worker
                .send(JournalJob::Search { generation, filter });
        }
        Screen::Request(id) => match load_view(app, id) {
            Ok(v) => app.state.viewed = Some(v),
            Err(e) => {
                app.state.notify(e.message(lang), true);
                return;
            }
        },
        Screen::Settings | Screen::Admin => admin::reload_admin(app),
        Screen::BackOffice => backoffice::refresh(app, app.state.now),
        Screen::Editor => {}
    }
    app.state.screen = screen;
}

fn load_view(app: &DeskApp, id: &str) -> Result<RequestView, StoreError> {
    let r = app.store.request(id)?;
    let history = app.store.audit_entries(&AuditQuery {
        request_id: Some(id.to_string()),
        limit: Some(200),
    })?;
    Ok(RequestView {
        id: r.id,
        status: r.status,
        form: r.form,
        due_at: r.due_at,
        history,
    })
}

fn search(app: &mut DeskApp) {
    let lang = app.state.lang;
    match app.state.journal.filter_from_form(lang) {
        Err(e) => app.state.journal.error = Some(e),
        Ok(filter) => {
            set_aside::load(app);
            let generation = app.state.journal.begin(filter.clone());
            app.journal_worker
                .send(JournalJob::Search { generation, filter });
        }
    }
}

/// Asks the journal worker for the pages the table needed in the last frame.
pub fn load_journal_pages(app: &mut DeskApp, pages: Vec<u64>) {
    let generation = app.state.journal.generation;
    for page in pages {
        app.journal_worker
            .send(JournalJob::Page { generation, page });
    }
}
