//! First start, logging in, the recovery key and the lock screen.

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use iin_desk::store::{Store, StoreState};

use crate::support::*;

#[test]
fn first_start_creates_the_administrator() {
    let mut f = app_with(|_| {});
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("First start: create the administrator")
        .is_some());
    type_into(&mut f.harness, Role::TextInput, "Login", "admin");
    type_into(&mut f.harness, Role::TextInput, "Full name", "Asel Admin");
    type_into(&mut f.harness, Role::PasswordInput, "Password", "short");
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Repeat the password",
        "short",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Create administrator")
        .click();
    f.harness.run();
    assert!(
        f.harness.query_by_label_contains("too short").is_some(),
        "the policy is enforced"
    );
    assert_eq!(
        Store::state_in(f._dir.path()).unwrap(),
        StoreState::New,
        "nothing was set up"
    );
}

#[test]
fn a_wrong_password_does_not_log_in() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "wrong-password1");
    assert!(f
        .harness
        .query_by_label_contains("wrong login or password")
        .is_some());
    assert!(f.harness.state().state.user.is_none());
    // The login stays typed; only the password is asked again.
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_label("Today's requests at this counter")
        .is_some());
}

/// The clerk logged in, typed a request from the passport's zone and left the window
/// idle for six minutes: it is locked.
fn locked_with_a_draft() -> Fixture {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    f.harness.event(Event::Paste(zone()));
    f.harness.run();
    f.clock.advance_minutes(6);
    f.harness.run();
    assert!(f.harness.query_by_label("The window is locked").is_some());
    f
}

#[test]
fn the_window_locks_when_idle_and_unlocks_with_the_same_password() {
    let mut f = locked_with_a_draft();
    // What was typed is saved before locking.
    assert_eq!(requests(&f).len(), 1);
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Admin12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Unlock")
        .click();
    f.harness.run();
    assert!(
        f.harness.query_by_label("The window is locked").is_some(),
        "another account's password does not unlock"
    );
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Unlock")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label("The window is locked").is_none());
    let surname = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .map(|e| e.form.applicant.surname.clone());
    assert_eq!(
        surname.as_deref(),
        Some("TESTOVA"),
        "the request is still open"
    );
}

#[test]
fn first_start_shows_the_recovery_key_once_and_it_opens_the_store() {
    let mut f = app_with(|_| {});
    f.harness.run();
    type_into(&mut f.harness, Role::TextInput, "Login", "admin");
    type_into(&mut f.harness, Role::TextInput, "Full name", "Asel Admin");
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Admin12345",
    );
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Repeat the password",
        "Admin12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Create administrator")
        .click();
    f.harness.run();
    let shown = f.harness.state().state.recovery_key.clone().unwrap();
    assert!(
        f.harness.query_by_label(&shown).is_some(),
        "the key is on screen"
    );
    f.harness
        .get_by_role_and_label(Role::Button, "I have written it down")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label(&shown).is_none(), "shown once");
    assert_eq!(
        Store::state_in(f._dir.path()).unwrap(),
        StoreState::Encrypted
    );
    let key = iin_desk::store::SecretKey::parse(&shown).unwrap();
    assert!(Store::unlock_with_recovery_in(f._dir.path(), &key, start()).is_ok());
}

#[test]
fn wrong_passwords_on_the_lock_screen_lock_the_account_out() {
    let mut f = locked_with_a_draft();
    // The default policy: the fifth wrong password in a row locks the account out.
    for _ in 0..5 {
        type_into(
            &mut f.harness,
            Role::PasswordInput,
            "Password",
            "Wrong-guess-1",
        );
        f.harness
            .get_by_role_and_label(Role::Button, "Unlock")
            .click();
        f.harness.run();
    }
    assert!(f.harness.state().state.user.is_none(), "the session ended");
    assert!(f
        .harness
        .query_by_label_contains("too many failed attempts")
        .is_some());
    // Even the right password waits for the end of the lockout …
    log_in(&mut f, "a.clerk", "Clerk12345");
    assert!(f.harness.state().state.user.is_none());
    // … after which the clerk finds the draft that was being typed.
    f.clock.advance_minutes(16);
    type_into(
        &mut f.harness,
        Role::PasswordInput,
        "Password",
        "Clerk12345",
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Log in")
        .click();
    f.harness.run();
    assert!(f.harness.state().state.user.is_some());
    assert_eq!(requests(&f).len(), 1, "the draft was kept");
}
