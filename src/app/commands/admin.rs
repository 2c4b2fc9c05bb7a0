//! Commands of the settings and administration screens: settings and their file
//! dialogs, accounts, the working calendar, the recovery and queue keys, the lockout.

use chrono::NaiveDateTime;

use super::actor;
use crate::app::DeskApp;
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::i18n::{tr, tr_args, Msg};
use crate::domain::lang::Lang;
use crate::store::NewUser;

/// Saves the settings form.
pub(super) fn save_settings(app: &mut DeskApp) {
    let lang = app.state.lang;
    if let Some(e) = control_character_in_settings(&app.state.settings, lang) {
        return app.state.notify(e, true);
    }
    // A queue server URL that does not parse, or holds a password, is not saved.
    if let Err(e) = crate::queue::QueueLocation::check_setting(&app.state.settings.queue_path) {
        return app.state.notify(e.message(lang), true);
    }
    if let Err(e) = app.reader_config() {
        return app.state.notify(e.message(lang), true);
    }
    match app.save_settings() {
        Ok(()) => {
            app.state.notify(tr(lang, "window-saved"), false);
            app.restart_reader();
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// The first text setting holding a control character (a pasted line break, a NUL), as a
/// message naming the field; nothing is saved then.
fn control_character_in_settings(s: &crate::state::Settings, lang: Lang) -> Option<String> {
    use crate::domain::field::Problem;
    use crate::domain::form::{control_character, Lines};
    let fields = [
        ("window-office-name", &s.office_name),
        ("window-office-address", &s.office_address),
        ("window-counter-number", &s.counter),
        ("window-clerk-phone", &s.clerk_phone),
        ("window-idle-minutes", &s.idle_minutes),
        ("window-queue-path", &s.queue_path),
        ("window-pdf-dir", &s.pdf_dir),
    ];
    fields.into_iter().find_map(|(label, value)| {
        control_character(value, Lines::One).map(|c| {
            format!(
                "«{}»: {}",
                Msg(label).get(lang),
                Problem::ControlCharacter(c).message(lang)
            )
        })
    })
}

/// Chooses the central queue file with a dialog.
pub(super) fn choose_queue_path(app: &mut DeskApp) {
    // Without a desktop portal the dialog returns None: treated as cancelled.
    if let Some(p) = rfd::FileDialog::new()
        .set_file_name("central-queue.sqlite3")
        .save_file()
    {
        app.state.settings.queue_path = p.display().to_string();
    }
}

/// Keeps the queue server password typed in Settings sealed in the encrypted store (or
/// removes it, with `clear`); the typed text is cleared either way.
pub(super) fn keep_server_password(app: &mut DeskApp, clear: bool, now: NaiveDateTime) {
    let lang = app.state.lang;
    let typed = zeroize::Zeroizing::new(std::mem::take(&mut app.state.admin.server_password));
    if !clear && typed.is_empty() {
        app.state.notify(tr(lang, "server-password-empty"), true);
        return;
    }
    let secret = if clear { "" } else { typed.as_str() };
    let actor = actor(app);
    match app.store.set_server_password(secret, &actor, now) {
        Ok(()) => {
            let id = if clear {
                "server-password-cleared"
            } else {
                "server-password-kept"
            };
            app.state.notify(tr(lang, id), false);
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// Chooses the PDF folder with a dialog.
pub(super) fn choose_pdf_dir(app: &mut DeskApp) {
    if let Some(p) = rfd::FileDialog::new().pick_folder() {
        app.state.settings.pdf_dir = p.display().to_string();
    }
}

/// Enables or disables an account (never the one logged in).
pub(super) fn set_user_active(app: &mut DeskApp, login: &str, active: bool, now: NaiveDateTime) {
    let lang = app.state.lang;
    if app.state.user.as_ref().is_some_and(|u| u.login == login) {
        return;
    }
    let actor = actor(app);
    if let Err(e) = app.store.set_user_active(login, active, &actor, now) {
        app.state.notify(e.message(lang), true);
    }
    reload_admin(app);
}

/// Sets the password typed in the admin form for an account.
pub(super) fn reset_password(app: &mut DeskApp, login: &str, now: NaiveDateTime) {
    let lang = app.state.lang;
    let password = std::mem::take(&mut app.state.admin.password);
    match check_password(login, &password) {
        Err(p) => app.state.notify(p.message(lang), true),
        Ok(()) => {
            let actor = actor(app);
            match app.store.set_password(login, &password, true, &actor, now) {
                Ok(()) => app
                    .state
                    .notify(format!("{login}: {}", Msg("window-saved").get(lang)), false),
                Err(e) => app.state.notify(e.message(lang), true),
            }
        }
    }
}

/// Makes a new recovery key, shown once.
pub(super) fn new_recovery_key(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let actor = actor(app);
    match app.store.create_recovery_key(&actor, now) {
        Ok(key) => app.state.recovery_key = Some(key.to_text().to_string()),
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// Reloads the administration lists (administrators only).
pub(super) fn reload_admin(app: &mut DeskApp) {
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

/// Adds the account typed in the admin form.
pub(super) fn add_user(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let a = app.state.admin.clone();
    let login = a.login.trim().to_string();
    let role = Role::from_key(&a.role);
    let error = if !valid_login(&login) {
        Some(format!(
            "«{}»: 3–32 a-z 0-9 . _ -",
            Msg("window-login").get(lang)
        ))
    } else if a.full_name.trim().is_empty() {
        Some(format!(
            "«{}»: {}",
            Msg("window-full-name").get(lang),
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
                .notify(format!("{login}: {}", Msg("window-saved").get(lang)), false);
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
    reload_admin(app);
}

/// Imports calendar exceptions from a file chosen with a dialog.
pub(super) fn import_calendar(app: &mut DeskApp, now: NaiveDateTime) {
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
                Ok(report) => app.state.notify(
                    format!(
                        "{}; {}",
                        tr(lang, "window-saved"),
                        tr_args(
                            lang,
                            "deadlines-recomputed",
                            &[("count", report.recomputed.into())]
                        )
                    ),
                    false,
                ),
                Err(e) => app.state.notify(e.message(lang), true),
            }
        }
    }
    reload_admin(app);
}

/// Imports the office's central queue key from a key file the administrator chooses.
pub(super) fn import_queue_key(app: &mut DeskApp, now: NaiveDateTime) {
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
            app.state
                .notify(tr(lang, "window-queue-key-imported"), false);
            if let Some(h) = &app.sync {
                h.sync_now();
            }
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// Writes the office's central queue key (made now if there is none) where the
/// administrator chooses, to import on the other PCs.
pub(super) fn export_queue_key(app: &mut DeskApp, now: NaiveDateTime) {
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
                format!(
                    "{}: {}",
                    Msg("window-queue-key-exported").get(lang),
                    path.display()
                ),
                false,
            );
        }
        Err(e) => app.state.notify(format!("{}: {e}", path.display()), true),
    }
}

/// Saves the lockout policy typed in the admin form.
pub(super) fn save_lockout(app: &mut DeskApp, now: NaiveDateTime) {
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
        app.state.notify(tr(lang, "window-lockout-invalid"), true);
        return;
    };
    let actor = actor(app);
    let policy = crate::store::LockoutPolicy {
        max_failures,
        minutes,
    };
    match app.store.set_lockout_policy(policy, &actor, now) {
        Ok(_) => app.state.notify(tr(lang, "window-saved"), false),
        Err(e) => app.state.notify(e.message(lang), true),
    }
    reload_admin(app);
}
