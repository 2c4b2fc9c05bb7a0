//! Commands of the session: setting up the first administrator, logging in and out,
//! locking and unlocking, and the window's language.

use chrono::NaiveDateTime;

use super::{actor, show};
use crate::app::{DeskApp, OpeningNews, PendingOpening, Screen, LANGUAGE_FILE};
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::i18n::{tr, Msg};
use crate::domain::lang::Lang;
use crate::settings::Setting;
use crate::state::StoreOpening;
use crate::store::{with_index_progress, NewUser, Store, StoreState};

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
    // An opening that went on behind a progress bar has ended: finish that login.
    if let Some((login, result)) = app.opened.take() {
        finish_login(app, &login, result, now);
        return;
    }
    let login = app.state.login.login.trim().to_string();
    let password = app.state.login.password.clone();
    login_as(app, &login, &password, now);
}

/// Index builds of at most this many requests keep the login in one go.
const OPENING_QUIET_UP_TO: u64 = 5_000;

/// Opens the store on a worker thread. The usual login waits for it here; an opening
/// whose migration builds the search index over more than [`OPENING_QUIET_UP_TO`]
/// requests goes on behind a progress bar (with Cancel: the migration runs in one
/// transaction, so it rolls back) and ends in a later frame.
fn login_as(app: &mut DeskApp, login: &str, password: &str, now: NaiveDateTime) {
    use std::ops::ControlFlow;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{mpsc, Arc};
    let (tx, news) = mpsc::channel();
    let cancel = Arc::new(AtomicBool::new(false));
    // The previous version's store is encrypted after its migration.
    let encrypts = Store::state_in(&app.data_dir).is_ok_and(|s| s == StoreState::Plaintext);
    let (dir, who, secret) = (
        app.data_dir.clone(),
        login.to_string(),
        password.to_string(),
    );
    let (progress_tx, stop, repaint) = (tx.clone(), Arc::clone(&cancel), app.repaint.clone());
    let spawned = std::thread::Builder::new()
        .name("iin-desk-open".into())
        .spawn(move || {
            let hook = Box::new(move |p| {
                let _ = progress_tx.send(OpeningNews::Progress(p));
                if let Some(f) = &repaint {
                    f();
                }
                crate::pace::step();
                if stop.load(Ordering::Relaxed) {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            });
            let result = with_index_progress(hook, || Store::unlock_in(&dir, &who, &secret, now));
            let _ = tx.send(OpeningNews::Done(Box::new(result)));
        });
    if let Err(e) = spawned {
        log::warn!("login: no thread to open the store ({e}); opening here");
        let result = Store::unlock_in(&app.data_dir, login, password, now);
        finish_login(app, login, result, now);
        return;
    }
    loop {
        match news.recv() {
            Ok(OpeningNews::Progress(p)) if p.total > OPENING_QUIET_UP_TO => {
                log::info!("login: building the search index over {} requests", p.total);
                app.state.opening = Some(StoreOpening {
                    done: p.done,
                    total: p.total,
                    started: std::time::Instant::now(),
                    cancel_requested: false,
                    encrypts,
                });
                app.state.login.password.clear();
                app.opening = Some(PendingOpening {
                    news,
                    cancel,
                    login: login.to_string(),
                });
                return;
            }
            Ok(OpeningNews::Progress(_)) => {}
            Ok(OpeningNews::Done(result)) => {
                finish_login(app, login, *result, now);
                return;
            }
            Err(_) => {
                finish_login(app, login, Err(crate::app::opening_lost()), now);
                return;
            }
        }
    }
}

/// Ends a login with the store's opening: the session starts, or the login screen says
/// why not (a cancelled opening: that nothing changed and the user is logged out).
fn finish_login(
    app: &mut DeskApp,
    login: &str,
    result: Result<crate::store::Unlocked, crate::store::AuthError>,
    now: NaiveDateTime,
) {
    let lang = app.state.lang;
    app.state.opening = None;
    if let Err(crate::store::AuthError::Store(e)) = &result {
        if e.is_cancelled() {
            log::info!("login: {login} cancelled the search index build; logged out");
            app.state.login = Default::default();
            app.state.login.error = Some(tr(lang, "progress-window-index-cancelled"));
            return;
        }
    }
    match result {
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
