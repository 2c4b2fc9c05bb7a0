//! What a clerk reads on a request's screen and after printing: the history's events by
//! name, dates as DD.MM.YYYY, and, when no PDF viewer opens, where the PDF was saved with
//! *Open folder* — all in the clerk's language, no system or developer text.

use std::sync::{Arc, Mutex};

use egui::accesskit::Role;
use egui::{Event, Key, Modifiers};
use egui_kittest::kittest::Queryable;
use iin_desk::app::Screen;
use iin_desk::domain::request::Status;

use crate::support::*;

/// A British passport that expired on 1 May 2026: its request is refused to accept.
fn refuse_expired(f: &mut Fixture) {
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    f.harness.run();
    f.harness
        .event(Event::Paste(mrz::format_td3(&mrz::Td3Fields {
            document_code: "P".into(),
            issuing_country: "GBR".into(),
            document_number: "120000004".into(),
            surname: "SAMPLE".into(),
            given_names: "JOHN".into(),
            nationality: "GBR".into(),
            date_of_birth: mrz::MrzDate::Calendar(mrz::Date::new(1985, 3, 15)),
            sex: mrz::Sex::Male,
            date_of_expiry: mrz::MrzDate::Calendar(mrz::Date::new(2026, 5, 1)),
            ..Default::default()
        })));
    f.harness.run();
    // The edition of 2024: the visual zone's date of birth and citizenship are typed.
    for (label, text) in [
        ("Date of birth", "15.03.1985"),
        ("Citizenship", "GBR"),
        ("Place of birth", "LONDON"),
        ("Document issue date", "01.05.2016"),
        ("Address of stay in Kazakhstan", "Astana, Mangilik El 5"),
    ] {
        type_into(&mut f.harness, Role::TextInput, label, text);
    }
    f.harness
        .get_by_label("Application on the form of Appendix 1 to the Rules")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept — print receipt…")
        .click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Refuse to accept and print the receipt")
        .click();
    f.harness.run();
    assert!(requests(f)
        .iter()
        .any(|(_, s)| *s == Status::RefusedToAccept));
}

#[test]
fn without_a_viewer_the_clerk_learns_where_the_pdf_is_and_can_open_its_folder() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    let tried: Arc<Mutex<Vec<std::path::PathBuf>>> = Arc::default();
    let record = tried.clone();
    f.harness.state_mut().viewer = Box::new(move |path| {
        record.lock().unwrap().push(path.to_path_buf());
        if path.extension().is_some_and(|e| e == "pdf") {
            Err(std::io::Error::other("Launcher \"gio\" \"open\" failed"))
        } else {
            Ok(())
        }
    });
    refuse_expired(&mut f);
    let pdf = tried.lock().unwrap()[0].clone();
    let notice = f
        .harness
        .state()
        .state
        .notices
        .iter()
        .find(|n| n.folder.is_some())
        .cloned()
        .expect("a notice with Open folder");
    assert!(
        notice.text.starts_with("No program opened the PDF"),
        "{}",
        notice.text
    );
    assert!(notice.text.contains(&pdf.display().to_string()));
    assert!(!notice.text.contains("Launcher"), "{}", notice.text);
    f.harness
        .get_by_role_and_label(Role::Button, "Open folder")
        .click();
    f.harness.run();
    assert_eq!(
        tried.lock().unwrap().last(),
        pdf.parent().map(|p| p.to_path_buf()).as_ref()
    );
}

#[test]
fn the_history_names_events_and_dates_read_day_month_year() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    refuse_expired(&mut f);
    assert!(matches!(f.harness.state().state.screen, Screen::Request(_)));
    for shown in ["Receipt printed", "Draft started"] {
        assert!(f.harness.query_by_label(shown).is_some(), "{shown}");
    }
    // The status and the history's event.
    assert_eq!(f.harness.query_all_by_label("Refused to accept").count(), 2);
    for code in [
        "request.refused_to_accept",
        "print.receipt",
        "request.draft_created",
    ] {
        assert!(f.harness.query_by_label(code).is_none(), "{code}");
    }
    for date in ["15.03.1985", "01.05.2016", "01.05.2026"] {
        assert!(f.harness.query_by_label(date).is_some(), "{date}");
    }
    assert!(f.harness.query_by_label_contains("1985-03-15").is_none());
    assert!(f
        .harness
        .query_all_by_label_contains("25.11.2026 10:00")
        .next()
        .is_some());
    // (The printed file's path in the notice has its folder by ISO date; only the view.)
    f.harness.state_mut().state.notices.clear();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("2026-11-25").is_none());
}
