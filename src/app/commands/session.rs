//! Commands of the session: setting up the first administrator, logging in and out,
//! locking and unlocking, and the window's language.

use chrono::NaiveDateTime;

use super::{actor, show};
use crate::app::{DeskApp, Screen, LANGUAGE_FILE};
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::i18n::{tr, Msg};
use crate::domain::lang::Lang;
use crate::settings::Setting;
use crate::store::{NewUser, Store};

/// Logs out: the draft is saved, the store closed, the login screen shown.
pub(super) fn logout(app: &mut DeskApp, now: NaiveDateTime) {
    app.autosave(true);
    if let Some(u) = app.state.user.take() {
        let _ = app.store.audit(now, &u.login, "logout", None, "");
        log::info!("logout: {}", u.login);
    }
    app.close_store();
    app.state.editor = None;
    app.state.draft_sessions.clear();
    app.state.confirm_discard = None;
    app.state.locked = false;
    app.state.login = Default::default();
    app.state.screen = Screen::Dashboard;
}

/// Switches the window's language, remembered in the store (once logged in) and in the
/// data folder for the login screen.
pub(super) fn set_lang(app: &mut DeskApp, l: Lang, now: NaiveDateTime) {
    app.state.lang = l;
    let actor = actor(app);
    if app.state.user.is_some() {
        if let Err(e) = app
            .store
            .set_setting(Setting::Language.store_key(), l.code(), &actor, now)
        {
            app.state.notify(e.message(l), true);
        }
    }
    // Best effort: only the login screen's language depends on it.
    let _ = crate::files::write_atomically(&app.data_dir.join(LANGUAGE_FILE), l.code().as_bytes());
}

/// Creates the encrypted store and its first administrator, then logs in.
pub(super) fn create_admin(app: &mut DeskApp, now: NaiveDateTime) {
    let lang = app.state.lang;
    let f = app.state.login.clone();
    let login = f.login.trim().to_string();
    let error = if !valid_login(&login) {
        Some(format!(
            "«{}»: 3–32 a-z 0-9 . _ -",
            Msg("window-login").get(lang)
        ))
    } else if f.full_name.trim().is_empty() {
        Some(format!(
            "«{}»: {}",
            Msg("window-full-name").get(lang),
            crate::domain::field::Problem::Required.message(lang)
        ))
    } else if f.password != f.password_again {
        Some(tr(lang, "window-passwords-differ"))
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

/// Logs in with the login form.
pub(super) fn login(app: &mut DeskApp, now: NaiveDateTime) {
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

/// Unlocks the window with the same account's password.
pub(super) fn unlock(app: &mut DeskApp, now: NaiveDateTime) {
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
                // The lock screen shows one account and a password field: say so.
                _ if matches!(e, crate::store::AuthError::Denied) => {
                    app.state.login.error = Some(crate::domain::i18n::tr_args(
                        lang,
                        "scan-lock-wrong-password",
                        &[("login", login.clone().into())],
                    ))
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
    app.state.draft_sessions.clear();
    app.state.confirm_discard = None;
    app.state.locked = false;
    app.state.screen = Screen::Dashboard;
    app.state.login = Default::default();
    app.state.login.error = Some(e.message(lang));
}
