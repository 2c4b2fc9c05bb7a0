//! What the app does for each [`Command`]: the only place the window talks to the
//! store, the file dialogs and (later) the printer.

use chrono::NaiveDateTime;
use uuid::Uuid;

use super::{Command, DeskApp, Screen};
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::form::{record_to_form, validate_record, ApplicantForm};
use crate::domain::lang::{Lang, Tr};
use crate::domain::request::Status;
use crate::pdf::DocKind;
use crate::store::{AuditQuery, NewUser, RequestFilter, Store, StoreError};
use crate::ui::editor::{mrz_id, Editor};
use crate::ui::journal::PAGE_ROWS;
use crate::ui::request_view::RequestView;
use crate::ui::text as t;

fn tr(lang: Lang, text: Tr) -> String {
    text.get(lang).to_string()
}

/// Runs one command.
pub fn run(app: &mut DeskApp, command: Command, ctx: &egui::Context) {
    let command_copy = command.clone();
    let lang = app.state.lang;
    let now = app.state.now;
    match command {
        Command::CreateAdmin => create_admin(app, now),
        Command::Login => login(app, now),
        Command::Logout => {
            app.autosave(true);
            if let Some(u) = app.state.user.take() {
                let _ = app.store.audit(now, &u.login, "logout", None, "");
                log::info!("logout: {}", u.login);
            }
            app.close_store();
            app.state.editor = None;
            app.state.locked = false;
            app.state.login = Default::default();
            app.state.screen = Screen::Dashboard;
        }
        Command::Lock => app.lock(),
        Command::Unlock => unlock(app, now),
        Command::SetLang(l) => {
            app.state.lang = l;
            let actor = app
                .state
                .user
                .as_ref()
                .map_or("system".to_string(), |u| u.login.clone());
            if app.state.user.is_some() {
                if let Err(e) = app.store.set_setting("ui.language", l.code(), &actor, now) {
                    app.state.notify(e.message(l), true);
                }
            }
            // Best effort: only the login screen's language depends on it.
            let _ = crate::files::write_atomically(
                &app.data_dir.join(super::LANGUAGE_FILE),
                l.code().as_bytes(),
            );
        }
        Command::Show(screen) => show(app, screen),
        Command::NewRequest(kind) => {
            app.autosave(true);
            let (clerk, office, counter) = identity_of_counter(app);
            app.state.editor = Some(Editor::new(
                kind,
                Uuid::new_v4().to_string(),
                now,
                &clerk,
                &office,
                &counter,
            ));
            app.state.screen = Screen::Editor;
            ctx.memory_mut(|m| m.request_focus(mrz_id()));
        }
        Command::NewFromMrz(text) => {
            app.autosave(true);
            let (clerk, office, counter) = identity_of_counter(app);
            let kind = crate::domain::request::RequestKind::Formation;
            let mut ed = Editor::new(
                kind,
                Uuid::new_v4().to_string(),
                now,
                &clerk,
                &office,
                &counter,
            );
            ed.mrz_text = text;
            ed.apply_mrz(now.date());
            app.state.editor = Some(ed);
            app.state.dashboard_mrz.clear();
            app.state.screen = Screen::Editor;
        }
        Command::OpenDraft(id) => match app.store.request(&id) {
            Ok(r) if r.status == Status::Draft => {
                app.autosave(true);
                app.state.editor = Some(Editor::from_form(r.form, now));
                app.state.screen = Screen::Editor;
            }
            Ok(_) => show(app, Screen::Request(id)),
            Err(e) => app.state.notify(e.message(lang), true),
        },
        Command::SaveDraft => {
            app.autosave(true);
            app.state.notify(tr(lang, t::DRAFT_SAVED), false);
        }
        Command::Accept => decide(app, Status::Accepted, now),
        Command::RefuseToAccept => decide(app, Status::RefusedToAccept, now),
        Command::LookUpIin => look_up_iin(app, now),
        Command::Search => search(app),
        Command::Print(id, doc) => run_print(app, &id, doc),
        Command::SaveAs(id, doc) => save_as(app, &id, doc),
        Command::PrintRegister(counter) => print_register(app, counter),
        Command::SaveSettings => match app.save_settings() {
            Ok(()) => app.state.notify(tr(lang, t::SAVED), false),
            Err(e) => app.state.notify(e.message(lang), true),
        },
        Command::ChooseQueuePath => {
            // Without a desktop portal the dialog returns None: treated as cancelled.
            if let Some(p) = rfd::FileDialog::new()
                .set_file_name("central-queue.sqlite3")
                .save_file()
            {
                app.state.settings.queue_path = p.display().to_string();
            }
        }
        Command::ChoosePdfDir => {
            if let Some(p) = rfd::FileDialog::new().pick_folder() {
                app.state.settings.pdf_dir = p.display().to_string();
            }
        }
        Command::AddUser => add_user(app, now),
        Command::SetUserActive(login, active) => {
            if app.state.user.as_ref().is_some_and(|u| u.login == login) {
                return;
            }
            let actor = actor(app);
            if let Err(e) = app.store.set_user_active(&login, active, &actor, now) {
                app.state.notify(e.message(lang), true);
            }
            reload_admin(app);
        }
        Command::ResetPassword(login) => {
            let password = std::mem::take(&mut app.state.admin.password);
            match check_password(&login, &password) {
                Err(p) => app.state.notify(p.message(lang), true),
                Ok(()) => {
                    let actor = actor(app);
                    match app.store.set_password(&login, &password, true, &actor, now) {
                        Ok(()) => app
                            .state
                            .notify(format!("{login}: {}", tr(lang, t::SAVED)), false),
                        Err(e) => app.state.notify(e.message(lang), true),
                    }
                }
            }
        }
        Command::ImportCalendar => import_calendar(app, now),
        Command::NewRecoveryKey => {
            let actor = actor(app);
            match app.store.create_recovery_key(&actor, now) {
                Ok(key) => app.state.recovery_key = Some(key.to_text().to_string()),
                Err(e) => app.state.notify(e.message(lang), true),
            }
        }
        Command::ImportQueueKey => import_queue_key(app, now),
        Command::ExportQueueKey => export_queue_key(app, now),
        Command::SaveLockout => save_lockout(app, now),
        Command::SyncNow => {
            if let Some(h) = &app.sync {
                h.sync_now();
            }
        }
        Command::BackOfficeRefresh => back_office_refresh(app, now),
        Command::BackOfficeOpen(id) => back_office_open(app, &id, now),
        Command::BackOfficeForm | Command::BackOfficeCorrect | Command::BackOfficeRefuse => {
            back_office_decide(app, &command_copy, now)
        }
    }
}

fn actor(app: &DeskApp) -> String {
    app.state
        .user
        .as_ref()
        .map_or("system".to_string(), |u| u.login.clone())
}

fn identity_of_counter(app: &DeskApp) -> (String, String, String) {
    (
        actor(app),
        app.state.settings.office_name.clone(),
        app.state.settings.counter.clone(),
    )
}

fn create_admin(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let f = app.state.login.clone();
    let login = f.login.trim().to_string();
    let error = if !valid_login(&login) {
        Some(format!("«{}»: 3–32 a-z 0-9 . _ -", tr(lang, t::LOGIN)))
    } else if f.full_name.trim().is_empty() {
        Some(format!(
            "«{}»: {}",
            tr(lang, t::FULL_NAME),
            crate::domain::field::Problem::Required.message(lang)
        ))
    } else if f.password != f.password_again {
        Some(tr(lang, t::PASSWORDS_DIFFER))
    } else {
        check_password(&login, &f.password)
            .err()
            .map(|p| p.message(lang))
    };
    if let Some(e) = error {
        app.state.login.error = Some(e);
        return;
    }
    let new = NewUser {
        login: &login,
        full_name: f.full_name.trim(),
        role: Role::Administrator,
        password: &f.password,
        must_change_password: false,
    };
    match Store::create_in(&app.data_dir, &new, now) {
        Ok((store, recovery)) => {
            drop(store);
            log::info!("set up: an encrypted store and the administrator {login}");
            app.state.set_up = true;
            app.state.recovery_key = Some(recovery.to_text().to_string());
            login_as(app, &login, &f.password, now);
        }
        Err(e) => app.state.login.error = Some(e.message(lang)),
    }
}

fn login(app: &mut DeskApp, now: NaiveDateTime) {
    let login = app.state.login.login.trim().to_string();
    let password = app.state.login.password.clone();
    login_as(app, &login, &password, now);
}

fn login_as(app: &mut DeskApp, login: &str, password: &str, now: NaiveDateTime) {
    let lang = app.state.lang;
    match Store::unlock_in(&app.data_dir, login, password, now) {
        Ok(unlocked) => {
            if let Some(key) = &unlocked.recovery_key {
                // This login encrypted the previous version's store: the key shows once.
                app.state.recovery_key = Some(key.to_text().to_string());
            }
            app.open_store(unlocked.store);
            let user = unlocked.user;
            log::info!("login: {} ({})", user.login, user.role.key());
            app.state.user = Some(user);
            app.state.login = Default::default();
            app.state.locked = false;
            app.last_input = now;
            let back_office = app
                .state
                .user
                .as_ref()
                .is_some_and(|u| u.role == Role::BackOffice);
            show(
                app,
                if back_office {
                    Screen::BackOffice
                } else {
                    Screen::Dashboard
                },
            );
        }
        Err(e) => {
            log::warn!(
                "login failed: {} ({})",
                login.chars().take(32).collect::<String>(),
                e
            );
            app.state.login.password.clear();
            app.state.login.error = Some(e.message(lang));
        }
    }
}

fn unlock(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let Some(login) = app.state.user.as_ref().map(|u| u.login.clone()) else {
        return;
    };
    let password = std::mem::take(&mut app.state.login.password);
    // The lock screen is under the same lockout as the login screen.
    if let Ok(Some(until)) = app.store.locked_until(&login, now) {
        locked_out(app, crate::store::AuthError::LockedOut { until }, now);
        return;
    }
    match app.store.authenticate(&login, &password, now) {
        Ok(_) => {
            app.state.locked = false;
            app.state.login.error = None;
            app.last_input = now;
        }
        Err(e) => {
            log::warn!("unlock failed: {login}");
            match app.store.record_failed_password(&login, now) {
                Ok(Some(until)) => {
                    locked_out(app, crate::store::AuthError::LockedOut { until }, now)
                }
                _ => app.state.login.error = Some(e.message(lang)),
            }
        }
    }
}

/// Too many wrong passwords on the lock screen: the session ends (the draft is kept), the
/// store is closed, and the login screen says until when the account is locked.
fn locked_out(app: &mut DeskApp, e: crate::store::AuthError, now: NaiveDateTime) {
    let lang = app.state.lang;
    app.autosave(true);
    if let Some(u) = app.state.user.take() {
        let _ = app.store.audit(now, &u.login, "logout.lockout", None, "");
        log::warn!("locked out: {}", u.login);
    }
    app.close_store();
    app.state.editor = None;
    app.state.locked = false;
    app.state.screen = Screen::Dashboard;
    app.state.login = Default::default();
    app.state.login.error = Some(e.message(lang));
}

fn show(app: &mut DeskApp, screen: Screen) {
    let lang = app.state.lang;
    match &screen {
        Screen::Dashboard => app.refresh_dashboard(),
        Screen::Journal => {
            if app.state.journal.total == 0 && app.state.journal.pages.is_empty() {
                search(app);
            }
        }
        Screen::Request(id) => match load_view(app, id) {
            Ok(v) => app.state.viewed = Some(v),
            Err(e) => {
                app.state.notify(e.message(lang), true);
                return;
            }
        },
        Screen::Settings | Screen::Admin => reload_admin(app),
        Screen::BackOffice => back_office_refresh(app, app.state.now),
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

fn reload_admin(app: &mut DeskApp) {
    if app
        .state
        .user
        .as_ref()
        .is_some_and(|u| u.role == Role::Administrator)
    {
        app.state.admin.users = app.store.users().unwrap_or_default();
        app.state.admin.exceptions = app.store.calendar_exceptions().unwrap_or_default();
        app.state.admin.without_key = app.store.accounts_without_key().unwrap_or_default();
        let policy = app.store.lockout_policy().unwrap_or_default();
        app.state.admin.max_failures = policy.max_failures.to_string();
        app.state.admin.lockout_minutes = policy.minutes.to_string();
    }
}

fn decide(app: &mut DeskApp, status: Status, now: NaiveDateTime) {
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
            let first = errors.first().map(|e| e.message(lang)).unwrap_or_default();
            app.state
                .notify(format!("{}: {first}", tr(lang, t::FIX_FIELDS)), true);
            return;
        }
    };
    match app.store.decide_draft(&record, &user, now) {
        Ok(()) => {
            let id = record.request.id.to_string();
            log::info!("request {id}: {} by {user}", status.key());
            app.state.editor = None;
            if status == Status::Accepted {
                app.state.notify(tr(lang, t::ACCEPTED_MSG), false);
                if let Some(h) = &app.sync {
                    h.sync_now();
                }
                show(app, Screen::Dashboard);
            } else {
                app.state.notify(tr(lang, t::REFUSED_MSG), false);
                show(app, Screen::Request(id.clone()));
                run_print(app, &id, DocKind::Receipt);
            }
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// Prints into the PDF folder (every printout is kept and audited); returns the file.
fn print_kept(app: &mut DeskApp, id: &str, doc: DocKind) -> Option<std::path::PathBuf> {
    let lang = app.state.lang;
    let now = app.state.now;
    let user = app.state.user.clone()?;
    let out = crate::printing::output_path(
        std::path::Path::new(&app.state.settings.pdf_dir),
        id,
        doc,
        now,
    );
    match crate::printing::print_to(&mut app.store, &app.machine, &user, id, doc, &out, now) {
        Ok(_) => Some(out),
        Err(e) => {
            app.state.notify(e.message(lang), true);
            None
        }
    }
}

/// Print…: the document opens in the system's viewer, from which the clerk prints.
fn run_print(app: &mut DeskApp, id: &str, doc: DocKind) {
    let lang = app.state.lang;
    let Some(out) = print_kept(app, id, doc) else {
        return;
    };
    log::info!("request {id}: {} printed", doc.audit_action());
    match (app.viewer)(&out) {
        Ok(()) => app
            .state
            .notify(format!("{}: {}", doc.label(lang), out.display()), false),
        Err(e) => app.state.notify(format!("{}: {e}", out.display()), true),
    }
    refresh_view(app, id);
}

/// Save as…: a copy where the clerk chooses (the kept copy stays in the PDF folder).
fn save_as(app: &mut DeskApp, id: &str, doc: DocKind) {
    let lang = app.state.lang;
    let Some(out) = print_kept(app, id, doc) else {
        return;
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    // Without a desktop portal the dialog returns None: treated as cancelled.
    if let Some(target) = rfd::FileDialog::new()
        .set_file_name(name)
        .add_filter("PDF", &["pdf"])
        .save_file()
    {
        let copied =
            std::fs::read(&out).and_then(|bytes| crate::files::write_atomically(&target, &bytes));
        match copied {
            Ok(()) => app.state.notify(
                format!("{}: {}", tr(lang, t::SAVED), target.display()),
                false,
            ),
            Err(e) => app.state.notify(format!("{}: {e}", target.display()), true),
        }
    }
    refresh_view(app, id);
}

/// Prints today's register into the PDF folder and opens it.
fn print_register(app: &mut DeskApp, counter: Option<String>) {
    let lang = app.state.lang;
    let now = app.state.now;
    let Some(user) = app.state.user.clone() else {
        return;
    };
    let which = counter.clone().unwrap_or_else(|| "all".into());
    let out = std::path::Path::new(&app.state.settings.pdf_dir)
        .join(now.format("%Y-%m-%d").to_string())
        .join(format!("register-{which}-{}.pdf", now.format("%H%M%S")));
    let result = crate::printing::print_register_to(
        &mut app.store,
        &app.machine,
        &user,
        now.date(),
        counter.as_deref(),
        &out,
        now,
    );
    match result {
        Ok(_) => {
            if let Err(e) = (app.viewer)(&out) {
                app.state.notify(format!("{}: {e}", out.display()), true);
            }
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

fn refresh_view(app: &mut DeskApp, id: &str) {
    if app.state.screen == Screen::Request(id.to_string()) {
        if let Ok(v) = load_view(app, id) {
            app.state.viewed = Some(v);
        }
    }
}

fn look_up_iin(app: &mut DeskApp, now: NaiveDateTime) {
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

fn search(app: &mut DeskApp) {
    let lang = app.state.lang;
    match app.state.journal.filter_from_form(lang) {
        Err(e) => app.state.journal.error = Some(e),
        Ok(filter) => {
            app.state.journal.error = None;
            match app.store.count_requests(&filter) {
                Ok(total) => app.state.journal.reset(filter, total),
                Err(e) => app.state.journal.error = Some(e.message(lang)),
            }
        }
    }
}

/// Fetches the journal pages the table needed in the last frame.
pub fn load_journal_pages(app: &mut DeskApp, pages: Vec<u64>) {
    for page in pages {
        let rows = app
            .store
            .list_requests(&app.state.journal.filter, page * PAGE_ROWS, PAGE_ROWS)
            .unwrap_or_default();
        app.state.journal.pages.insert(page, rows);
    }
}

fn add_user(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let a = app.state.admin.clone();
    let login = a.login.trim().to_string();
    let role = Role::from_key(&a.role);
    let error = if !valid_login(&login) {
        Some(format!("«{}»: 3–32 a-z 0-9 . _ -", tr(lang, t::LOGIN)))
    } else if a.full_name.trim().is_empty() {
        Some(format!(
            "«{}»: {}",
            tr(lang, t::FULL_NAME),
            crate::domain::field::Problem::Required.message(lang)
        ))
    } else {
        check_password(&login, &a.password)
            .err()
            .map(|p| p.message(lang))
    };
    if let Some(e) = error {
        app.state.notify(e, true);
        return;
    }
    let new = NewUser {
        login: &login,
        full_name: a.full_name.trim(),
        role: role.unwrap_or(Role::Clerk),
        password: &a.password,
        must_change_password: true,
    };
    let actor = actor(app);
    match app.store.add_user(&new, &actor, now) {
        Ok(_) => {
            app.state.admin.login.clear();
            app.state.admin.full_name.clear();
            app.state.admin.password.clear();
            app.state
                .notify(format!("{login}: {}", tr(lang, t::SAVED)), false);
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
    reload_admin(app);
}

fn import_calendar(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let Some(path) = rfd::FileDialog::new()
        .add_filter("JSON", &["json"])
        .pick_file()
    else {
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            app.state.notify(format!("{}: {e}", path.display()), true);
            return;
        }
    };
    match crate::domain::calendar::parse_calendar_file(&text) {
        Err(e) => app.state.notify(e.message(lang), true),
        Ok(file) => {
            let actor = actor(app);
            match app.store.import_calendar(&file, &actor, now) {
                Ok(()) => app.state.notify(tr(lang, t::SAVED), false),
                Err(e) => app.state.notify(e.message(lang), true),
            }
        }
    }
    reload_admin(app);
}

/// Imports the office's central queue key from a key file the administrator chooses.
fn import_queue_key(app: &mut DeskApp, now: NaiveDateTime) {
    use crate::store::vault::{parse_key_file, QUEUE_KEY_TAG};
    let lang = app.state.lang;
    // Without a desktop portal the dialog returns None: treated as cancelled.
    let Some(path) = rfd::FileDialog::new().pick_file() else {
        return;
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => zeroize::Zeroizing::new(t),
        Err(e) => {
            app.state.notify(format!("{}: {e}", path.display()), true);
            return;
        }
    };
    let key = match parse_key_file(&text, QUEUE_KEY_TAG) {
        Ok(k) => k,
        Err(p) => {
            let message = format!("{}: {}", path.display(), p.message(QUEUE_KEY_TAG, lang));
            app.state.notify(message, true);
            return;
        }
    };
    let actor = actor(app);
    match app
        .store
        .set_queue_key(&key, "key.queue.import", &actor, now)
    {
        Ok(()) => {
            app.state.notify(tr(lang, t::QUEUE_KEY_IMPORTED), false);
            if let Some(h) = &app.sync {
                h.sync_now();
            }
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// Writes the office's central queue key (made now if there is none) where the
/// administrator chooses, to import on the other PCs.
fn export_queue_key(app: &mut DeskApp, now: NaiveDateTime) {
    use crate::store::vault::{key_file_text, QUEUE_KEY_TAG, QUEUE_KEY_WARNING};
    let lang = app.state.lang;
    let Some(path) = rfd::FileDialog::new()
        .set_file_name("office-queue.key")
        .save_file()
    else {
        return;
    };
    let actor = actor(app);
    let key = match app.store.queue_key_or_new(&actor, now) {
        Ok(k) => k,
        Err(e) => {
            app.state.notify(e.message(lang), true);
            return;
        }
    };
    let text = key_file_text(QUEUE_KEY_TAG, QUEUE_KEY_WARNING, &key);
    match crate::files::write_atomically(&path, text.as_bytes()) {
        Ok(()) => {
            let _ = app.store.audit(now, &actor, "key.queue.export", None, "");
            app.state.notify(
                format!("{}: {}", tr(lang, t::QUEUE_KEY_EXPORTED), path.display()),
                false,
            );
        }
        Err(e) => app.state.notify(format!("{}: {e}", path.display()), true),
    }
}

/// Saves the lockout policy typed in the admin form.
fn save_lockout(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let parse = |text: &str, max: u32| {
        text.trim()
            .parse::<u32>()
            .ok()
            .filter(|v| (1..=max).contains(v))
    };
    let (Some(max_failures), Some(minutes)) = (
        parse(&app.state.admin.max_failures, 100),
        parse(&app.state.admin.lockout_minutes, 1440),
    ) else {
        app.state.notify(tr(lang, t::LOCKOUT_INVALID), true);
        return;
    };
    let actor = actor(app);
    let policy = crate::store::LockoutPolicy {
        max_failures,
        minutes,
    };
    match app.store.set_lockout_policy(policy, &actor, now) {
        Ok(_) => app.state.notify(tr(lang, t::SAVED), false),
        Err(e) => app.state.notify(e.message(lang), true),
    }
    reload_admin(app);
}

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

fn back_office_refresh(app: &mut DeskApp, now: NaiveDateTime) {
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

fn back_office_open(app: &mut DeskApp, id: &str, now: NaiveDateTime) {
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

fn back_office_decide(app: &mut DeskApp, command: &Command, now: NaiveDateTime) {
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
            .map(|iin| format!("{}: {iin}", tr(lang, t::FORM_IIN))),
        Command::BackOfficeCorrect => bo
            .correct(&case.id, &comment, now)
            .map(|iin| format!("{}: {iin}", tr(lang, t::CORRECT))),
        _ => bo
            .refuse(&case.id, ground, &comment, now)
            .map(|()| format!("{}: 15.{}", tr(lang, t::REFUSE_SERVICE), ground.item())),
    });
    match result {
        Ok(text) => {
            app.state.notify(text, false);
            app.state.back_office.case = None;
            back_office_refresh(app, now);
        }
        Err(e) => {
            app.state.back_office.error = Some(e.message(lang));
            if e.is_offline() {
                app.back_office = None;
            }
        }
    }
}
