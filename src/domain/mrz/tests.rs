use super::*;
use proptest::prelude::*;

pub(super) const TD3: [&str; 2] = [
    "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
    "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
];
pub(super) const TD2: [&str; 2] = [
    "I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<",
    "D231458907UTO7408122F1204159<<<<<<<6",
];
pub(super) const TD1: [&str; 3] = [
    "I<UTOD231458907<<<<<<<<<<<<<<<",
    "7408122F1204159UTO<<<<<<<<<<<6",
    "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
];

use CheckField::{BirthDate, Composite, DocumentNumber, ExpiryDate, PersonalNumber};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn specimen(format: MrzFormat) -> Vec<String> {
    let lines: &[&str] = match format {
        MrzFormat::Td1 => &TD1,
        MrzFormat::Td2 => &TD2,
        MrzFormat::Td3 => &TD3,
    };
    lines.iter().map(|line| line.to_string()).collect()
}

/// The specimen of `format` with the character at (line, position), both 1-based, replaced.
fn mutated(format: MrzFormat, line: usize, position: usize, c: char) -> Vec<String> {
    let mut lines = specimen(format);
    let mut chars: Vec<char> = lines[line - 1].chars().collect();
    chars[position - 1] = c;
    lines[line - 1] = chars.into_iter().collect();
    lines
}

#[track_caller]
fn read_ok(text: &str) -> MrzReading {
    match read_mrz(text, today()) {
        Ok(reading) => reading,
        Err(error) => panic!("{text:?} did not read: {error:?}"),
    }
}

fn all_pass(format: MrzFormat) -> Vec<CheckVerdict> {
    let fields: &[CheckField] = match format {
        MrzFormat::Td3 => &[
            DocumentNumber,
            BirthDate,
            ExpiryDate,
            PersonalNumber,
            Composite,
        ],
        _ => &[DocumentNumber, BirthDate, ExpiryDate, Composite],
    };
    fields
        .iter()
        .map(|&field| CheckVerdict { field, ok: true })
        .collect()
}

struct Expected {
    format: MrzFormat,
    code: &'static str,
    number: &'static str,
    optional: Option<&'static str>,
}

#[track_caller]
fn check_specimen(expected: &Expected) {
    let lines = specimen(expected.format);
    let reading = read_ok(&lines.join("\n"));
    assert_eq!(reading.format, expected.format);
    assert_eq!(reading.document_code, expected.code);
    assert_eq!(reading.issuing_country, "UTO");
    assert_eq!(reading.document_number, expected.number);
    assert_eq!(reading.surname, "ERIKSSON");
    assert_eq!(reading.given_names, "ANNA MARIA");
    assert_eq!(reading.nationality, "UTO");
    assert_eq!(reading.birth_date, Some(date(1974, 8, 12)));
    assert_eq!(reading.birth_date_raw, "740812");
    assert_eq!(reading.sex, Some(Sex::Female));
    assert_eq!(reading.expiry_date, Some(date(2012, 4, 15)));
    assert_eq!(reading.expiry_date_raw, "120415");
    assert_eq!(reading.optional_data.as_deref(), expected.optional);
    assert_eq!(reading.checks, all_pass(expected.format));
    assert!(reading.all_checks_pass());
    assert!(reading.failed_checks().is_empty());
    assert!(reading.repairs.is_empty());
    assert_eq!(reading.lines, lines);
}

#[test]
fn icao_specimens_read_field_by_field() {
    let table = [
        Expected {
            format: MrzFormat::Td3,
            code: "P",
            number: "L898902C3",
            optional: Some("ZE184226B"),
        },
        Expected {
            format: MrzFormat::Td2,
            code: "I",
            number: "D23145890",
            optional: None,
        },
        Expected {
            format: MrzFormat::Td1,
            code: "I",
            number: "D23145890",
            optional: None,
        },
    ];
    for expected in &table {
        check_specimen(expected);
    }
}

#[test]
fn format_names() {
    assert_eq!(MrzFormat::Td1.name(), "TD1");
    assert_eq!(MrzFormat::Td2.name(), "TD2");
    assert_eq!(MrzFormat::Td3.name(), "TD3");
}

/// The Russian-layout keys for the TD3 specimen, as a reader types them with that layout on.
fn russian_layout(text: &str) -> String {
    text.chars()
        .map(|c| {
            let keys = "QWERTYUIOPASDFGHJKLZXCVBNM<";
            let cyrillic = "ЙЦУКЕНГШЩЗФЫВАПРОЛДЯЧСМИТЬБ";
            match keys.chars().position(|k| k == c) {
                Some(index) => cyrillic.chars().nth(index).unwrap(),
                None => c,
            }
        })
        .collect()
}

#[track_caller]
fn check_shape(label: &str, text: &str, format: MrzFormat) {
    let reading = match read_mrz(text, today()) {
        Ok(reading) => reading,
        Err(error) => panic!("{label}: {error:?}"),
    };
    assert_eq!(reading.lines, specimen(format), "{label}");
    assert_eq!(reading.format, format, "{label}");
    assert!(reading.all_checks_pass(), "{label}");
    assert!(reading.repairs.is_empty(), "{label}");
    assert!(zone_complete(text), "{label}: zone_complete");
}

#[test]
fn input_shapes_a_reader_types() {
    let [a, b] = TD3;
    let table: Vec<(&str, String, MrzFormat)> = vec![
        ("LF", format!("{a}\n{b}"), MrzFormat::Td3),
        ("CRLF", format!("{a}\r\n{b}\r\n"), MrzFormat::Td3),
        ("CR only", format!("{a}\r{b}\r"), MrzFormat::Td3),
        ("lowercase", format!("{a}\n{b}").to_lowercase(), MrzFormat::Td3),
        ("stray spaces and tabs", " P<UTO ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\t\n L898902C36 UTO7408122F1204159ZE184226B<<<<<10 ".to_string(), MrzFormat::Td3),
        ("blank lines around", format!("\n\r\n  \n{a}\n\n{b}\n\n\t\n"), MrzFormat::Td3),
        ("one unbroken run", format!("{a}{b}"), MrzFormat::Td3),
        ("two lines on one line", format!("{a} {b}"), MrzFormat::Td3),
        ("russian layout", russian_layout(&format!("{a}\r\n{b}\r\n")), MrzFormat::Td3),
        ("russian layout lowercase", russian_layout(&format!("{a}\n{b}")).to_lowercase(), MrzFormat::Td3),
        ("TD2 unbroken", TD2.concat(), MrzFormat::Td2),
        ("TD2 CRLF", TD2.join("\r\n"), MrzFormat::Td2),
        ("TD1 unbroken", TD1.concat(), MrzFormat::Td1),
        ("TD1 CR", TD1.join("\r"), MrzFormat::Td1),
        ("TD1 lowercase", TD1.join("\n").to_lowercase(), MrzFormat::Td1),
    ];
    for (label, text, format) in &table {
        check_shape(label, text, *format);
    }
}

#[test]
fn normalize_keeps_foreign_characters_for_the_error() {
    assert_eq!(
        normalize("p<utö\r\n\r\nab c"),
        vec!["P<UTö".to_string(), "ABC".to_string()]
    );
    assert_eq!(normalize("  \n\t\r\n"), Vec::<String>::new());
    assert_eq!(normalize("a«b‹c"), vec!["A<<B<C".to_string()]);
}

#[track_caller]
fn check_zone_complete(label: &str, text: &str, expected: bool) {
    assert_eq!(zone_complete(text), expected, "{label}");
}

#[test]
fn zone_complete_waits_for_the_whole_zone() {
    let [a, b] = TD3;
    let td1 = TD1.concat();
    let table: Vec<(&str, String, bool)> = vec![
        ("empty", String::new(), false),
        ("line 1 only", format!("{a}\n"), false),
        ("line 2 partial", format!("{a}\n{}", &b[..30]), false),
        ("line 2 one short", format!("{a}\n{}", &b[..43]), false),
        ("whole TD3", format!("{a}\n{b}"), true),
        ("whole TD3 with trailing CR", format!("{a}\r{b}\r"), true),
        ("TD1 two lines", format!("{}\n{}\n", TD1[0], TD1[1]), false),
        ("TD1 whole", TD1.join("\n"), true),
        (
            "TD1 unbroken at 72 characters",
            td1[..72].to_string(),
            false,
        ),
        (
            "TD1 unbroken at 88 characters",
            td1[..88].to_string(),
            false,
        ),
        ("TD1 unbroken complete", td1.clone(), true),
        ("TD2 unbroken complete", TD2.concat(), true),
        (
            "TD3 unbroken at 72 characters",
            format!("{a}{b}")[..72].to_string(),
            false,
        ),
        ("prose", "hello world".to_string(), false),
    ];
    for (label, text, expected) in &table {
        check_zone_complete(label, text, *expected);
    }
}

#[track_caller]
fn check_broken_digit(
    format: MrzFormat,
    line: usize,
    position: usize,
    c: char,
    failed: &[CheckField],
) {
    let lines = mutated(format, line, position, c);
    let reading = read_ok(&lines.join("\n"));
    let expected: Vec<CheckVerdict> = all_pass(format)
        .into_iter()
        .map(|verdict| CheckVerdict {
            ok: !failed.contains(&verdict.field),
            ..verdict
        })
        .collect();
    assert_eq!(
        reading.checks, expected,
        "{format:?} {line}:{position} -> {c}"
    );
    assert_eq!(
        reading.failed_checks(),
        failed,
        "{format:?} {line}:{position}"
    );
    assert!(!reading.all_checks_pass());
    assert!(reading.repairs.is_empty(), "{:?}", reading.repairs);
    assert_eq!(reading.lines, lines);
}

#[test]
fn each_check_digit_broken_in_turn() {
    use MrzFormat::{Td1, Td2, Td3};
    let table: &[(MrzFormat, usize, usize, char, &[CheckField])] = &[
        (Td3, 2, 10, '5', &[DocumentNumber, Composite]),
        (Td3, 2, 20, '3', &[BirthDate, Composite]),
        (Td3, 2, 28, '8', &[ExpiryDate, Composite]),
        (Td3, 2, 43, '3', &[PersonalNumber, Composite]),
        (Td3, 2, 44, '4', &[Composite]),
        (Td2, 2, 10, '5', &[DocumentNumber, Composite]),
        (Td2, 2, 20, '3', &[BirthDate, Composite]),
        (Td2, 2, 28, '8', &[ExpiryDate, Composite]),
        (Td2, 2, 36, '3', &[Composite]),
        (Td1, 1, 15, '3', &[DocumentNumber, Composite]),
        (Td1, 2, 7, '3', &[BirthDate, Composite]),
        (Td1, 2, 15, '8', &[ExpiryDate, Composite]),
        (Td1, 2, 30, '3', &[Composite]),
    ];
    for &(format, line, position, c, failed) in table {
        check_broken_digit(format, line, position, c, failed);
    }
}

#[track_caller]
fn check_repair(format: MrzFormat, line: usize, position: usize, misread: char) {
    let clean = specimen(format);
    let original = clean[line - 1].chars().nth(position - 1).unwrap();
    let lines = mutated(format, line, position, misread);
    let reading = read_ok(&lines.join("\n"));
    assert_eq!(
        reading.repairs,
        vec![Repair {
            line,
            position,
            read: misread,
            corrected: original
        }],
        "{format:?} {line}:{position} {misread}"
    );
    assert_eq!(reading.lines, clean);
    assert_eq!(reading.checks, all_pass(format));
}

#[test]
fn misreads_proven_by_a_check_digit_are_repaired() {
    use MrzFormat::{Td1, Td2, Td3};
    let table: &[(MrzFormat, usize, usize, char)] = &[
        (Td3, 2, 6, 'O'),  // Document number L8989O2C3.
        (Td3, 2, 4, 'B'),  // Document number L89B902C3.
        (Td3, 2, 10, 'G'), // Document-number check digit.
        (Td3, 2, 16, 'O'), // Birth date 74O812.
        (Td3, 2, 18, 'I'), // Birth date 7408I2.
        (Td3, 2, 23, 'Z'), // Expiry date 1Z0415.
        (Td3, 2, 24, 'O'), // Expiry date 12O415.
        (Td3, 2, 28, 'G'), // Expiry check digit 9 read as G.
        (Td3, 2, 44, 'O'), // Composite check digit.
        (Td2, 2, 4, 'I'),  // Document number D23I45890.
        (Td2, 2, 7, 'B'),  // Document number D23145B90.
        (Td2, 2, 18, 'I'), // Birth date 7408I2.
        (Td1, 1, 9, 'I'),  // Document number D23I45890.
        (Td1, 1, 12, 'B'), // Document number D23145B90.
        (Td1, 2, 3, 'O'),  // Birth date.
        (Td1, 2, 11, 'O'), // Expiry date.
    ];
    for &(format, line, position, misread) in table {
        check_repair(format, line, position, misread);
    }
}

#[track_caller]
fn check_untouched(label: &str, lines: &[String], surname: &str, nationality: &str) {
    let reading = read_ok(&lines.join("\n"));
    assert!(reading.repairs.is_empty(), "{label}: {:?}", reading.repairs);
    assert_eq!(reading.lines, lines, "{label}");
    assert_eq!(reading.surname, surname, "{label}");
    assert_eq!(reading.nationality, nationality, "{label}");
}

#[test]
fn fields_without_a_check_digit_are_never_repaired() {
    let td3_name = vec![
        "P<UTOERIKSS0N<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<".to_string(),
        TD3[1].to_string(),
    ];
    let td3_name_k = vec![
        "P<UTOERIKSSON<<ANNA<MARIAKKKK<<<<<<<<<<<<<<<".to_string(),
        TD3[1].to_string(),
    ];
    let td1_name = mutated(MrzFormat::Td1, 3, 6, '5');
    let table: Vec<(&str, Vec<String>, &str, &str)> = vec![
        ("TD3 name O read as 0", td3_name, "ERIKSS0N", "UTO"),
        ("TD3 name with K run", td3_name_k, "ERIKSSON", "UTO"),
        (
            "TD3 nationality O read as 0",
            mutated(MrzFormat::Td3, 2, 13, '0'),
            "ERIKSSON",
            "UT0",
        ),
        ("TD1 name S read as 5", td1_name, "ERIKS5ON", "UTO"),
    ];
    for (label, lines, surname, nationality) in &table {
        check_untouched(label, lines, surname, nationality);
    }
}

#[test]
fn a_misread_no_check_digit_can_prove_is_left_alone() {
    // Two misreads in the birth date plus a broken check digit: nothing agrees.
    let lines = mutated(MrzFormat::Td3, 2, 20, '5');
    let reading = read_ok(&lines.join("\n"));
    assert!(reading.repairs.is_empty());
    assert_eq!(reading.failed_checks(), vec![BirthDate, Composite]);
    // A letter in a date that no digit makes agree stays, and the date is unknown.
    let lines = mutated(MrzFormat::Td3, 2, 16, 'X');
    let reading = read_ok(&lines.join("\n"));
    assert!(reading.repairs.is_empty());
    assert_eq!(reading.birth_date, None);
    assert_eq!(reading.birth_date_raw, "74X812");
}

/// A TD3 zone for the specimen holder with the given dates and correct check digits.
fn td3_with_dates(birth: &str, expiry: &str, sex: char) -> String {
    let digit = |field: &str| char::from_digit(::mrz::check_digit(field).unwrap(), 10).unwrap();
    let number = "L898902C3";
    let personal = "ZE184226B<<<<<";
    let line2_head = format!(
        "{number}{}UTO{birth}{}{sex}{expiry}{}{personal}{}",
        digit(number),
        digit(birth),
        digit(expiry),
        digit(personal),
    );
    let composite: String = format!(
        "{}{}{}",
        &line2_head[0..10],
        &line2_head[13..20],
        &line2_head[21..43]
    );
    format!("{}\n{line2_head}{}", TD3[0], digit(&composite))
}

/// Birth date, expiry date and sex as read.
type DatesAndSex = (Option<NaiveDate>, Option<NaiveDate>, Option<Sex>);

#[track_caller]
fn check_dates(birth: &str, expiry: &str, sex: char, expected: DatesAndSex) {
    let reading = read_ok(&td3_with_dates(birth, expiry, sex));
    assert!(reading.all_checks_pass(), "{birth} {expiry}");
    assert_eq!(
        (reading.birth_date, reading.expiry_date, reading.sex),
        expected,
        "{birth} {expiry} {sex}"
    );
    assert_eq!(reading.birth_date_raw, birth);
    assert_eq!(reading.expiry_date_raw, expiry);
}

#[test]
fn birth_century_follows_today_and_expiry_is_this_century() {
    let table: &[(&str, &str, char, DatesAndSex)] = &[
        (
            "250101",
            "300101",
            'M',
            (
                Some(date(2025, 1, 1)),
                Some(date(2030, 1, 1)),
                Some(Sex::Male),
            ),
        ),
        (
            "270101",
            "990101",
            'F',
            (
                Some(date(1927, 1, 1)),
                Some(date(2099, 1, 1)),
                Some(Sex::Female),
            ),
        ),
        (
            "260401",
            "260401",
            '<',
            (Some(date(2026, 4, 1)), Some(date(2026, 4, 1)), None),
        ),
        (
            "260601",
            "000101",
            'X',
            (Some(date(1926, 6, 1)), Some(date(2000, 1, 1)), None),
        ),
        (
            "000229",
            "280229",
            'M',
            (
                Some(date(2000, 2, 29)),
                Some(date(2028, 2, 29)),
                Some(Sex::Male),
            ),
        ),
        (
            "991231",
            "751301",
            'M',
            (Some(date(1999, 12, 31)), None, Some(Sex::Male)),
        ),
        (
            "<<<<<<",
            "300101",
            'M',
            (None, Some(date(2030, 1, 1)), Some(Sex::Male)),
        ),
    ];
    for &(birth, expiry, sex, expected) in table {
        check_dates(birth, expiry, sex, expected);
    }
}

#[track_caller]
fn check_error(label: &str, text: &str, expected: &MrzReadError) {
    assert_eq!(read_mrz(text, today()).as_ref(), Err(expected), "{label}");
    let messages: Vec<String> = Lang::ALL
        .iter()
        .map(|&lang| expected.message(lang))
        .collect();
    for message in &messages {
        assert!(!message.trim().is_empty(), "{label}");
    }
    assert_ne!(messages[0], messages[1], "{label}");
    assert_ne!(messages[1], messages[2], "{label}");
    assert_ne!(messages[0], messages[2], "{label}");
    assert!(!expected.to_string().is_empty());
}

#[test]
fn errors_say_what_is_wrong() {
    let [a, b] = TD3;
    let table: Vec<(&str, String, MrzReadError)> = vec![
        ("empty", String::new(), MrzReadError::Empty),
        ("blank", " \r\n\t\n".to_string(), MrzReadError::Empty),
        ("line 1 only", format!("{a}\r\n"), MrzReadError::Incomplete { format: MrzFormat::Td3, lines_found: 1, lines_expected: 2 }),
        ("TD1 two lines", format!("{}\n{}", TD1[0], TD1[1]), MrzReadError::Incomplete { format: MrzFormat::Td1, lines_found: 2, lines_expected: 3 }),
        ("line 2 short", format!("{a}\n{}", &b[..43]), MrzReadError::BadLength { format: MrzFormat::Td3, line: 2, length: 43, expected: 44 }),
        ("line 1 long", format!("{a}<\n{b}"), MrzReadError::BadLength { format: MrzFormat::Td3, line: 1, length: 45, expected: 44 }),
        ("TD2 line 2 short", format!("{}\n{}", TD2[0], &TD2[1][..35]), MrzReadError::BadLength { format: MrzFormat::Td2, line: 2, length: 35, expected: 36 }),
        ("three TD3 lines", format!("{a}\n{b}\n{b}"), MrzReadError::TooManyLines { format: MrzFormat::Td3, lines_found: 3, lines_expected: 2 }),
        ("prose", "Hello, world!".to_string(), MrzReadError::NotAnMrz),
        ("cyrillic prose", "Привет, мир".to_string(), MrzReadError::NotAnMrz),
        ("line 2 alone", b.to_string(), MrzReadError::NotAnMrz),
        ("accented name", format!("P<UTOÉRIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n{b}"), MrzReadError::BadCharacter { line: 1, position: 6, character: 'É' }),
        ("punctuation", format!("{a}\nL898902C36UTO7408122F1204159ZE184226B<<<<-10"), MrzReadError::BadCharacter { line: 2, position: 42, character: '-' }),
        ("visa", "V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL8988901C4XXX4009078F96121096ZE184226B<<<<<<".to_string(), MrzReadError::Visa),
        ("ID code on a passport line", format!("I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n{b}"), MrzReadError::BadDocumentCode { format: MrzFormat::Td3, code: "I<".to_string() }),
        ("passport code on a TD2 line", format!("P{}\n{}", &TD2[0][1..], TD2[1]), MrzReadError::BadLength { format: MrzFormat::Td3, line: 1, length: 36, expected: 44 }),
        ("leading filler", format!("{a}\n<{}", &b[1..]), MrzReadError::LeadingFiller { line: 2, position: 1 }),
    ];
    for (label, text, expected) in &table {
        check_error(label, text, expected);
    }
}

#[test]
fn the_length_message_names_line_and_width() {
    let error = MrzReadError::BadLength {
        format: MrzFormat::Td3,
        line: 2,
        length: 43,
        expected: 44,
    };
    assert!(error
        .message(Lang::En)
        .contains("MRZ line 2 has 43 characters; a TD3 passport line has 44"));
    assert!(error.message(Lang::Ru).contains("43"));
    assert!(error.message(Lang::Kk).contains("44"));
    assert_eq!(
        error.to_string(),
        "MRZ line 2 has 43 characters; a TD3 passport line has 44"
    );
}

#[test]
fn counts_in_the_english_messages_take_their_plural_forms() {
    let one = MrzReadError::BadLength {
        format: MrzFormat::Td1,
        line: 3,
        length: 1,
        expected: 30,
    };
    assert!(one
        .message(Lang::En)
        .starts_with("MRZ line 3 has 1 character; a TD1 card line has 30."));
    let incomplete = |lines_found| MrzReadError::Incomplete {
        format: MrzFormat::Td1,
        lines_found,
        lines_expected: 3,
    };
    assert!(incomplete(1)
        .message(Lang::En)
        .contains(": 1 line arrived;"));
    assert!(incomplete(2)
        .message(Lang::En)
        .contains(": 2 lines arrived;"));
    assert!(incomplete(2)
        .message(Lang::Ru)
        .contains("получено строк — 2"));
}

#[test]
fn check_field_labels_are_translated() {
    for field in [
        DocumentNumber,
        BirthDate,
        ExpiryDate,
        PersonalNumber,
        Composite,
    ] {
        let labels: Vec<&str> = Lang::ALL.iter().map(|&lang| field.label(lang)).collect();
        assert!(labels.iter().all(|label| !label.is_empty()));
        assert_ne!(labels[0], labels[1]);
        assert_ne!(labels[1], labels[2]);
    }
}

/// A specimen zone as one string, with line breaks.
fn any_specimen() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(TD3.join("\n")),
        Just(TD2.join("\r\n")),
        Just(TD1.join("\r")),
        Just(TD3.concat()),
        Just(TD1.concat()),
    ]
}

/// An edit to a zone: replace, insert or delete one character.
#[derive(Debug, Clone)]
enum Edit {
    Replace(usize, char),
    Insert(usize, char),
    Delete(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let chars = prop_oneof![
        prop::sample::select(vec![
            'O', '0', 'I', '1', 'B', '8', 'S', '5', 'Z', '2', 'G', '6', 'K', 'L', '<', ' ', '\n',
            '\r', 'é', 'Б', 'З', '«', '\u{FEFF}'
        ]),
        any::<char>(),
    ];
    prop_oneof![
        (any::<usize>(), chars.clone()).prop_map(|(at, c)| Edit::Replace(at, c)),
        (any::<usize>(), chars).prop_map(|(at, c)| Edit::Insert(at, c)),
        any::<usize>().prop_map(Edit::Delete),
    ]
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for edit in edits {
        match *edit {
            Edit::Replace(at, c) if !chars.is_empty() => {
                let at = at % chars.len();
                chars[at] = c;
            }
            Edit::Insert(at, c) => {
                let at = at % (chars.len() + 1);
                chars.insert(at, c);
            }
            Edit::Delete(at) if !chars.is_empty() => {
                let at = at % chars.len();
                chars.remove(at);
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

#[track_caller]
fn check_invariants(text: &str) {
    let lines = normalize(text);
    assert!(lines.iter().all(|line| !line.is_empty()));
    let complete = zone_complete(text);
    match read_mrz(text, today()) {
        Ok(reading) => {
            assert_eq!(reading.lines.len(), reading.format.line_count());
            for line in &reading.lines {
                assert_eq!(line.chars().count(), reading.format.line_width());
            }
            for repair in &reading.repairs {
                assert!(
                    repair.read.is_ascii_alphanumeric() && repair.corrected.is_ascii_alphanumeric()
                );
            }
            if let Some(birth) = reading.birth_date {
                assert!(birth <= today());
            }
            assert_eq!(
                reading.checks.len(),
                if reading.format == MrzFormat::Td3 {
                    5
                } else {
                    4
                }
            );
        }
        Err(error) => {
            assert!(
                !complete
                    || matches!(
                        error,
                        MrzReadError::Visa
                            | MrzReadError::BadDocumentCode { .. }
                            | MrzReadError::LeadingFiller { .. }
                    ),
                "{error:?} for a complete zone"
            );
            for lang in Lang::ALL {
                assert!(!error.message(lang).is_empty());
            }
        }
    }
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_text(text in any::<String>()) {
        check_invariants(&text);
    }

    #[test]
    fn never_panics_on_mrz_like_text(text in "[A-Za-z0-9<« \\r\\n\\tБЗé]{0,120}") {
        check_invariants(&text);
    }

    #[test]
    fn never_panics_on_mutated_specimens(zone in any_specimen(), edits in prop::collection::vec(edit(), 0..6)) {
        check_invariants(&apply(&zone, &edits));
    }
}
