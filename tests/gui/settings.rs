//! Settings and administration: language, about, the machine configuration, recovery
//! key and lockout.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::app::Screen;
use iin_desk::store::Store;

use crate::support::*;

#[test]
fn the_language_switch_changes_every_label() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    let english = [
        "Today's requests at this counter",
        "Journal",
        "Log out",
        "Lock",
    ];
    for l in english {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::SetLang(
            iin_desk::domain::lang::Lang::Kk,
        ));
    f.harness.run();
    for l in english {
        assert!(
            f.harness.query_by_label(l).is_none(),
            "{l} is still in English"
        );
    }
    for l in [
        "Осы терезедегі бүгінгі өтінімдер",
        "Журнал",
        "Шығу",
        "Бұғаттау",
    ] {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    f.harness
        .state_mut()
        .state
        .ask(iin_desk::app::Command::SetLang(
            iin_desk::domain::lang::Lang::Ru,
        ));
    f.harness.run();
    for l in ["Заявки этого окна за сегодня", "Выйти", "Заблокировать"]
    {
        assert!(f.harness.query_by_label(l).is_some(), "{l}");
    }
    assert_eq!(
        f.harness
            .state()
            .store
            .setting("ui.language")
            .unwrap()
            .as_deref(),
        Some("ru")
    );
}

#[test]
fn the_about_dialog_shows_the_version_and_the_rules_edition() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    f.harness
        .get_by_role_and_label(Role::Button, "About")
        .click();
    f.harness.run();
    // (Crates of the licence list may share the version number.)
    assert!(f
        .harness
        .query_all_by_label(env!("CARGO_PKG_VERSION"))
        .next()
        .is_some());
    // The edition in force on the day, by its name and start date.
    assert!(f
        .harness
        .query_by_label_contains(
            "The edition approved on 29 February 2024 (in force from 16.03.2024)"
        )
        .is_some());
    // The licences are a readable list: a crate is a row of its own, no Markdown.
    assert!(f.harness.query_by_label("eframe").is_some());
    assert!(f.harness.query_by_label_contains("| egui |").is_none());
    assert!(f.harness.query_by_label_contains("```").is_none());
    f.harness.key_press(Key::Escape);
    f.harness.run();
    assert!(f
        .harness
        .query_by_label_contains("The edition approved on 29 February 2024")
        .is_none());
    assert_eq!(
        f.harness.state().state.screen,
        Screen::Dashboard,
        "Esc closed only the dialog"
    );
}

#[test]
fn the_machine_configuration_comes_before_the_defaults_and_locks_what_it_locks() {
    let machine = iin_desk::machine_config::parse_machine_config(
        "language = \"en\"\noffice_name = \"Astana, Esil branch\"\ncounter = 7\nqueue_path = '\\\\server\\share\\queue.sqlite3'\nlocked = [\"counter\", \"queue_path\"]\n",
    )
    .unwrap();
    let mut f = app_with_machine(
        |dir| {
            let mut store = with_clerk_store(dir);
            for (key, value) in [
                ("office.counter", "3"),
                ("office.name", "Saved by the user"),
            ] {
                store.set_setting(key, value, "admin", start()).unwrap();
            }
        },
        &machine,
    );
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    let s = &f.harness.state().state.settings;
    assert_eq!(s.counter, "7", "locked by the machine");
    assert_eq!(
        s.office_name, "Saved by the user",
        "the user's setting wins where not locked"
    );
    assert_eq!(s.queue_path, r"\\server\share\queue.sqlite3");
}

#[test]
fn settings_show_machine_locked_keys_read_only_and_never_save_them() {
    let machine = iin_desk::machine_config::parse_machine_config(
        "language = \"en\"\ncounter = 7\nqueue_path = '\\\\server\\share\\queue.sqlite3'\nlocked = [\"counter\", \"queue_path\"]\n",
    )
    .unwrap();
    let mut f = app_with_machine(
        |dir| {
            let mut store = with_clerk_store(dir);
            store
                .set_setting("office.counter", "3", "admin", start())
                .unwrap();
        },
        &machine,
    );
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    let harness = &mut f.harness;
    harness
        .get_by_role_and_label(Role::Button, "Administration")
        .click();
    harness.run();
    assert!(harness
        .get_by_role_and_label(Role::TextInput, "Central queue (file or server)")
        .accesskit_node()
        .is_disabled());
    assert!(harness
        .get_by_role_and_label(Role::TextInput, "Counter number")
        .accesskit_node()
        .is_disabled());
    assert!(!harness
        .get_by_role_and_label(Role::TextInput, "Office name")
        .accesskit_node()
        .is_disabled());
    assert_eq!(
        harness
            .query_all_by_label("set by this PC's configuration")
            .count(),
        2,
        "one note for each locked key"
    );
    type_into(harness, Role::TextInput, "Office name", "Esil branch");
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    let store = &harness.state().store;
    assert_eq!(
        store.setting("office.name").unwrap().as_deref(),
        Some("Esil branch")
    );
    assert_eq!(
        store.setting("office.counter").unwrap().as_deref(),
        Some("3"),
        "a locked key is not written over the user's saved value"
    );
    assert_eq!(store.setting("queue.path").unwrap(), None);
    // A pasted NUL in a text setting: nothing is saved, the field is named.
    harness.state_mut().state.settings.office_name = "Esil\u{0} branch".into();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    assert!(harness
        .query_by_label_contains("«Office name»: contains the control character U+0000")
        .is_some());
    assert_eq!(
        harness
            .state()
            .store
            .setting("office.name")
            .unwrap()
            .as_deref(),
        Some("Esil branch")
    );
}

#[test]
fn the_administrator_makes_a_new_recovery_key_and_sets_the_lockout() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "admin", "Admin12345");
    f.harness
        .get_by_role_and_label(Role::Button, "Administration")
        .click();
    f.harness.run();
    // Disabling removes the clerk's key slot: enabled again, the account needs a password.
    f.harness
        .get_by_role_and_label(Role::Button, "Disable a.clerk")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Enable a.clerk")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label("needs a new password").is_some());

    f.harness
        .get_by_role_and_label(Role::Button, "New recovery key")
        .click();
    f.harness.run();
    let shown = f.harness.state().state.recovery_key.clone().unwrap();
    f.harness
        .get_by_role_and_label(Role::Button, "I have written it down")
        .click();
    f.harness.run();

    let failures = f
        .harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout");
    failures.focus();
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .type_text("0");
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Save the lockout")
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("1 to 100").is_some());
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .focus();
    f.harness.run();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    f.harness
        .get_by_role_and_label(Role::TextInput, "Failed logins before a lockout")
        .type_text("3");
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Save the lockout")
        .click();
    f.harness.run();
    assert_eq!(
        f.harness
            .state()
            .store
            .lockout_policy()
            .unwrap()
            .max_failures,
        3
    );
    let key = iin_desk::store::SecretKey::parse(&shown).unwrap();
    assert!(Store::unlock_with_recovery_in(f._dir.path(), &key, start()).is_ok());
}
