//! An edition of the Rules is data: a second edition — a test fixture that adds a
//! document, rewords the receipt and lengthens the result's term — changes the checklist,
//! the printed receipt and the deadline without a line of code changed.

use chrono::NaiveDate;
use iin_desk::domain::calendar::WorkingCalendar;
use iin_desk::domain::checklist::{decide, required_documents, DocumentKind, Facts};
use iin_desk::domain::edition::{
    req, Condition, Edition, Limits, Printed, PrintedTexts, Requirement, AMENDMENT_2024,
};
use iin_desk::domain::form::Record;
use iin_desk::domain::request::Channel::Counter;
use iin_desk::domain::request::RequestKind::Formation;
use iin_desk::pdf::{self, DocKind};

use crate::support::*;

/// The edition of 2024's wording with another heading above the receipt's list and
/// another appendix number.
static FIXTURE_TEXTS: PrintedTexts = PrintedTexts {
    receipt_heading: Printed {
        kk: "Сынақ редакциясы бойынша ұсынылмаған құжаттар:",
        ru: "Непредставленные документы по тестовой редакции:",
    },
    receipt_appendix: "9",
    ..*AMENDMENT_2024.texts
};

/// The formation at the counter also needs a copy of the translation, always.
static FIXTURE_ROWS: [Requirement; 3] = [
    req(
        Formation,
        Counter,
        DocumentKind::ApplicationFormation,
        Condition::Always,
    ),
    req(
        Formation,
        Counter,
        DocumentKind::IdentityDocument,
        Condition::Always,
    ),
    req(
        Formation,
        Counter,
        DocumentKind::TranslationCopy,
        Condition::Always,
    ),
];

/// The fixture edition: the edition of 2024 with a document, a text and a limit changed.
static FIXTURE: Edition = Edition {
    id: "test-fixture",
    requirements: &FIXTURE_ROWS,
    texts: &FIXTURE_TEXTS,
    limits: Limits {
        result_working_days: 3,
        ..AMENDMENT_2024.limits
    },
    ..AMENDMENT_2024
};

/// The refused-to-accept record with the decision `edition`'s checklist takes on it.
fn record_under(edition: &Edition) -> (Vec<DocumentKind>, Record) {
    let mut record = record(&refused_to_accept_form());
    let request = &record.request;
    let facts = Facts {
        kind: request.kind,
        channel: request.channel,
        representative: None,
        has_latin_or_cyrillic: true,
    };
    let required = required_documents(edition, &facts);
    let day = request.submitted_at.date();
    record.decision = decide(&required, &request.documents, &Default::default(), day);
    (required, record)
}

#[test]
fn a_second_edition_changes_the_checklist_the_receipt_and_the_deadline_from_data() {
    use DocumentKind as D;
    let calendar = WorkingCalendar::new([]);
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default();
    let table: [(&Edition, Vec<D>, &str, &str, NaiveDate); 2] = [
        (
            &AMENDMENT_2024,
            vec![D::ApplicationFormation, D::IdentityDocument],
            "Ұсынылмаған құжаттардың атауы:",
            "Приложение 5 к Правилам",
            day(23),
        ),
        (
            &FIXTURE,
            vec![
                D::ApplicationFormation,
                D::IdentityDocument,
                D::TranslationCopy,
            ],
            "Непредставленные документы по тестовой редакции:",
            "Приложение 9 к Правилам",
            day(25),
        ),
    ];
    for (edition, documents, heading, corner, due) in table {
        // The checklist.
        let (required, record) = record_under(edition);
        assert_eq!(required, documents, "{}", edition.id);
        // The receipt prints the edition's heading, corner and missing documents.
        let text = text_of(
            &pdf::render_under(DocKind::Receipt, &record, &ctx(), edition)
                .unwrap_or_else(|e| panic!("{e}")),
        );
        has_all(&text, &[heading, corner]);
        let translation = D::TranslationCopy.name(iin_desk::domain::lang::Lang::Kk);
        assert_eq!(
            words(&text).contains(&words(translation)),
            edition.id == "test-fixture",
            "{}",
            edition.id
        );
        // The result's term: Friday 20 November 2026, 10:15, is due one working day
        // later under the edition of 2024, three under the fixture.
        let submitted = record.request.submitted_at;
        assert_eq!(
            edition
                .limits
                .result_deadline(&calendar, submitted)
                .due
                .date(),
            due,
            "{}",
            edition.id
        );
    }
    // The edition in force decides by default: the real one prints like the first row.
    let (_, record) = record_under(&AMENDMENT_2024);
    let default = text_of(&pdf::refusal_receipt(&record, &ctx()).unwrap_or_else(|e| panic!("{e}")));
    has(&default, "Ұсынылмаған құжаттардың атауы:");
}
