//! The machine configuration's parser, paths, loading and precedence.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::*;
use crate::domain::lang::Lang;

#[track_caller]
fn parse(text: &str) -> MachineConfig {
    match parse_machine_config(text) {
        Ok(c) => c,
        Err(e) => panic!("{text:?}: line {}: {}", e.line, e.problem.message(Lang::En)),
    }
}

#[track_caller]
fn fails(text: &str, line: usize, problem: LineProblem) {
    assert_eq!(
        parse_machine_config(text),
        Err(LineError { line, problem }),
        "{text:?}"
    );
}

#[track_caller]
fn queue(text: &str) -> String {
    parse(text).queue_path.unwrap_or_default()
}

#[test]
fn a_whole_file_with_comments_and_every_key() {
    let text = r#"
# Astana, Esil district branch — counter 7
office_name = "Астана қ., Есіл ауданы бөлімі"   # printed on documents
office_address = "Astana, Kabanbay batyr ave 1"
counter = 7
queue_path = '\\fileserver\iin-desk\queue.sqlite'
language = "ru"
pdf_dir = 'D:\iin-desk\documents'
idle_lock_minutes = 10
locked = ["queue_path", "counter"]
"#;
    let c = parse(text);
    assert_eq!(
        c.office_name.as_deref(),
        Some("Астана қ., Есіл ауданы бөлімі")
    );
    assert_eq!(
        c.office_address.as_deref(),
        Some("Astana, Kabanbay batyr ave 1")
    );
    assert_eq!(c.counter.as_deref(), Some("7"));
    assert_eq!(
        c.queue_path.as_deref(),
        Some(r"\\fileserver\iin-desk\queue.sqlite")
    );
    assert_eq!(c.language, Some(Lang::Ru));
    assert_eq!(c.pdf_dir.as_deref(), Some(r"D:\iin-desk\documents"));
    assert_eq!(c.idle_lock_minutes, Some(10));
    assert_eq!(
        c.locked,
        BTreeSet::from([ConfigKey::QueuePath, ConfigKey::Counter])
    );
}

#[test]
fn blank_and_comment_only_files_are_empty() {
    for text in [
        "",
        "\n\n",
        "# nothing yet\n   # indented\n",
        "\u{feff}# BOM\r\n",
    ] {
        assert!(parse(text).is_empty(), "{text:?}");
    }
}

#[test]
fn windows_paths_in_each_spelling() {
    let unc = r"\\server\share\queue.sqlite";
    for (text, expected) in [
        (r"queue_path = '\\server\share\queue.sqlite'", unc),
        (r#"queue_path = "\\\\server\\share\\queue.sqlite""#, unc),
        (
            r#"queue_path = "//server/share/queue.sqlite""#,
            "//server/share/queue.sqlite",
        ),
        (
            r"queue_path = 'C:\iin-desk\queue.sqlite'",
            r"C:\iin-desk\queue.sqlite",
        ),
        (
            r"queue_path = 'c:/iin-desk/queue.sqlite'",
            "c:/iin-desk/queue.sqlite",
        ),
        (
            r"queue_path = '\\?\UNC\server\share\queue.sqlite'",
            r"\\?\UNC\server\share\queue.sqlite",
        ),
        (
            r"queue_path = '\\srv-01.gov4c.local\IIN Queue$\Астана\queue.sqlite'",
            r"\\srv-01.gov4c.local\IIN Queue$\Астана\queue.sqlite",
        ),
        (
            "queue_path = '/mnt/iin-desk/queue.sqlite'",
            "/mnt/iin-desk/queue.sqlite",
        ),
    ] {
        assert_eq!(queue(text), expected, "{text}");
    }
}

#[test]
fn a_windows_path_in_double_quotes_says_how_to_write_it() {
    // `\s` is not a TOML escape: the message points to single quotes.
    fails(
        r#"queue_path = "\\server\share\queue.sqlite""#,
        1,
        LineProblem::BadEscape(r"\s".into()),
    );
    let message = LineProblem::BadEscape(r"\s".into()).message(Lang::En);
    assert!(message.contains("single quotes"), "{message}");
    // `\t` is an escape, so "C:\temp" would hide a tab: refused as a control character.
    fails(
        r#"pdf_dir = "C:\temp""#,
        1,
        LineProblem::ControlCharacter("pdf_dir".into()),
    );
}

#[test]
fn relative_paths_are_refused() {
    for path in [
        "queue.sqlite",
        r"share\queue.sqlite",
        r"C:queue.sqlite",
        r"\\server",
        r"\\server\\queue.sqlite",
        r"%PROGRAMDATA%\iin-desk\queue.sqlite",
        "~/queue.sqlite",
    ] {
        fails(
            &format!("queue_path = '{path}'"),
            1,
            LineProblem::Invalid(ConfigKey::QueuePath),
        );
    }
}

#[test]
fn paths_are_classified_like_windows_does() {
    let unc = |server, share| PathKind::Unc { server, share };
    for (path, kind) in [
        (r"\\server\share\queue.sqlite", unc("server", "share")),
        (r"\\server\share", unc("server", "share")),
        ("//server/share/q.sqlite", unc("server", "share")),
        (r"\\10.0.0.5\iin$\q.sqlite", unc("10.0.0.5", "iin$")),
        (r"\\?\UNC\server\share\q.sqlite", unc("server", "share")),
        (r"\\?\unc\server\share\q.sqlite", unc("server", "share")),
        (r"\\?\D:\iin\q.sqlite", PathKind::Drive('D')),
        (r"d:\iin\q.sqlite", PathKind::Drive('D')),
        ("Z:/iin/q.sqlite", PathKind::Drive('Z')),
        ("/srv/iin/q.sqlite", PathKind::Unix),
        (r"\\server", PathKind::Relative),
        (r"\\server\", PathKind::Relative),
        (r"\\.\..\x", PathKind::Relative),
        (r"\iin\q.sqlite", PathKind::Relative),
        ("C:q.sqlite", PathKind::Relative),
        ("1:/q.sqlite", PathKind::Relative),
        ("", PathKind::Relative),
        ("Қ:\\q", PathKind::Relative),
    ] {
        assert_eq!(classify_path(path), kind, "{path}");
    }
}

#[test]
fn string_escapes() {
    let office = |text: &str| parse(text).office_name.unwrap_or_default();
    assert_eq!(
        office(r#"office_name = "Branch \"Esil\"""#),
        r#"Branch "Esil""#
    );
    assert_eq!(office(r#"office_name = "\u0410\U0001F600""#), "А😀");
    assert_eq!(
        office(r#"office_name = 'say "hi" # not a comment'"#),
        r#"say "hi" # not a comment"#
    );
    assert_eq!(office("office_name=\"tight\""), "tight");
    assert_eq!(office("  office_name =   '  padded  '  "), "padded");
    fails(
        r#"office_name = "\u00""#,
        1,
        LineProblem::BadEscape(r#"\u00""#.into()),
    );
    fails(
        r#"office_name = "\uD800""#,
        1,
        LineProblem::BadEscape(r"\uD800".into()),
    );
    fails(
        r#"office_name = "\x41""#,
        1,
        LineProblem::BadEscape(r"\x".into()),
    );
    fails(
        r#"office_name = "a\nb""#,
        1,
        LineProblem::ControlCharacter("office_name".into()),
    );
}

#[test]
fn each_mistake_names_its_line() {
    for (text, line, problem) in [
        ("office_name \"x\"", 1, LineProblem::NotKeyValue),
        ("\n\n= \"x\"", 3, LineProblem::NotKeyValue),
        ("office name = \"x\"", 1, LineProblem::NotKeyValue),
        ("[iin-desk]\ncounter = 1", 1, LineProblem::Section),
        (
            "# ok\nqueue = '/q'",
            2,
            LineProblem::UnknownKey("queue".into()),
        ),
        (
            "counter = 1\n\ncounter = 2",
            3,
            LineProblem::Duplicate {
                key: "counter".into(),
                first_line: 1,
            },
        ),
        ("office_name = Esil", 1, LineProblem::Unquoted),
        ("office_name =", 1, LineProblem::Unquoted),
        ("office_name = \"Esil", 1, LineProblem::Unterminated),
        ("office_name = 'Esil", 1, LineProblem::Unterminated),
        ("office_name = \"\"\"x\"\"\"", 1, LineProblem::Unterminated),
        ("office_name = \"x\\", 1, LineProblem::Unterminated),
        ("office_name = \"x\" y", 1, LineProblem::TrailingText),
        ("office_name = \"x\" \"y\"", 1, LineProblem::TrailingText),
        ("office_name = \"\"", 1, LineProblem::Empty),
        ("office_name = '   '", 1, LineProblem::Empty),
        (
            "office_name = 7",
            1,
            LineProblem::Invalid(ConfigKey::OfficeName),
        ),
        (
            "language = \"de\"",
            1,
            LineProblem::Invalid(ConfigKey::Language),
        ),
        (
            "language = [\"kk\"]",
            1,
            LineProblem::Invalid(ConfigKey::Language),
        ),
        (
            "idle_lock_minutes = 0",
            1,
            LineProblem::Invalid(ConfigKey::IdleLockMinutes),
        ),
        (
            "idle_lock_minutes = 1441",
            1,
            LineProblem::Invalid(ConfigKey::IdleLockMinutes),
        ),
        (
            "idle_lock_minutes = \"five\"",
            1,
            LineProblem::Invalid(ConfigKey::IdleLockMinutes),
        ),
        (
            "idle_lock_minutes = 99999999999999999999999",
            1,
            LineProblem::TooLong,
        ),
        ("idle_lock_minutes = 5.5", 1, LineProblem::TrailingText),
        ("locked = \"queue_path\"", 1, LineProblem::BadLockedList),
        ("locked = [\"queue\"]", 1, LineProblem::BadLockedList),
        ("locked = [\"locked\"]", 1, LineProblem::BadLockedList),
        ("locked = [queue_path]", 1, LineProblem::BadLockedList),
        (
            "locked = [\"counter\" \"language\"]",
            1,
            LineProblem::BadLockedList,
        ),
        ("locked = [\"counter\",", 1, LineProblem::BadLockedList),
    ] {
        fails(text, line, problem);
    }
    let long = format!("office_name = '{}'", "я".repeat(MAX_VALUE_CHARS + 1));
    fails(&long, 1, LineProblem::TooLong);
}

#[test]
fn numbers_and_lists_in_their_forms() {
    let c = parse(
        "counter = \"12A\"\nidle_lock_minutes = \"15\"\nlocked = [ 'language' , \"pdf_dir\", ]",
    );
    assert_eq!(c.counter.as_deref(), Some("12A"));
    assert_eq!(c.idle_lock_minutes, Some(15));
    assert_eq!(
        c.locked,
        BTreeSet::from([ConfigKey::Language, ConfigKey::PdfDir])
    );
    assert!(parse("locked = []").locked.is_empty());
    assert_eq!(parse("language = 'KZ'").language, Some(Lang::Kk));
}

#[test]
fn crlf_and_utf16_files_as_windows_writes_them() {
    let text = "\u{feff}counter = \"3\"\r\nqueue_path = '\\\\srv\\q\\queue.sqlite'\r\n";
    let c = parse(text);
    assert_eq!(c.counter.as_deref(), Some("3"));
    assert_eq!(c.queue_path.as_deref(), Some(r"\\srv\q\queue.sqlite"));

    let plain = "office_name = 'Есіл'\r\n";
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in plain.encode_utf16() {
        le.extend(unit.to_le_bytes());
        be.extend(unit.to_be_bytes());
    }
    let mut bom8 = vec![0xEF, 0xBB, 0xBF];
    bom8.extend(plain.as_bytes());
    for bytes in [le, be, bom8, plain.as_bytes().to_vec()] {
        assert_eq!(decode_text(&bytes).as_deref(), Some(plain));
    }
    assert_eq!(decode_text(&[0xFF, 0xFE, 0x41]), None);
    assert_eq!(decode_text(&[0xC0, 0x41]), None);
}

#[test]
fn precedence_machine_then_user_then_locked_machine() {
    let c = parse("counter = 7\nqueue_path = '/srv/q.sqlite'\nlocked = ['queue_path']");
    // Not locked: the user's saved value wins, the machine value fills a blank.
    assert_eq!(
        c.resolve(ConfigKey::Counter, Some("9")).as_deref(),
        Some("9")
    );
    assert_eq!(
        c.resolve(ConfigKey::Counter, Some("  ")).as_deref(),
        Some("7")
    );
    assert_eq!(c.resolve(ConfigKey::Counter, None).as_deref(), Some("7"));
    // Locked: the machine value wins.
    assert_eq!(
        c.resolve(ConfigKey::QueuePath, Some("/home/me/q.sqlite"))
            .as_deref(),
        Some("/srv/q.sqlite")
    );
    assert!(c.is_locked(ConfigKey::QueuePath));
    // Neither sets it: the caller's default.
    assert_eq!(c.resolve(ConfigKey::PdfDir, None), None);
    // Locking a key the file does not set locks nothing.
    let c = parse("locked = ['language']");
    assert!(!c.is_locked(ConfigKey::Language));
    assert_eq!(
        c.resolve(ConfigKey::Language, Some("en")).as_deref(),
        Some("en")
    );
}

#[test]
fn keys_map_to_the_store_settings() {
    for key in ConfigKey::MACHINE {
        let name = key.machine_name().unwrap_or_default();
        assert_eq!(ConfigKey::from_machine_name(name), Some(key));
        assert_eq!(ConfigKey::from_store_key(key.store_key()), Some(key));
    }
    let names = ConfigKey::MACHINE.map(|k| k.machine_name().unwrap_or_default());
    assert_eq!(
        names,
        [
            "office_name",
            "office_address",
            "counter",
            "queue_path",
            "language",
            "pdf_dir",
            "idle_lock_minutes",
            "reader_port",
            "reader_baud",
            "reader_parity",
            "reader_framing"
        ]
    );
    let stores = ConfigKey::MACHINE.map(ConfigKey::store_key);
    assert_eq!(
        stores,
        [
            "office.name",
            "office.address",
            "office.counter",
            "queue.path",
            "ui.language",
            "pdf.dir",
            "ui.idle_lock_minutes",
            "reader.port",
            "reader.baud",
            "reader.parity",
            "reader.framing"
        ]
    );
    // The phone is a user's setting: the file neither sets nor locks it.
    assert_eq!(ConfigKey::OfficePhone.machine_name(), None);
    assert_eq!(
        parse_machine_config("office_phone = '1'").map_err(|e| e.problem),
        Err(LineProblem::UnknownKey("office_phone".into()))
    );
    let c = parse("language = 'en'\nidle_lock_minutes = 3");
    assert_eq!(c.value(ConfigKey::Language).as_deref(), Some("en"));
    assert_eq!(c.value(ConfigKey::IdleLockMinutes).as_deref(), Some("3"));
}

#[test]
fn the_windows_path_comes_from_programdata() {
    for (programdata, expected) in [
        (
            Some(r"C:\ProgramData"),
            r"C:\ProgramData\iin-desk\config.toml",
        ),
        (
            Some(r"D:\ProgramData\"),
            r"D:\ProgramData\iin-desk\config.toml",
        ),
        (None, r"C:\ProgramData\iin-desk\config.toml"),
        (Some("  "), r"C:\ProgramData\iin-desk\config.toml"),
    ] {
        assert_eq!(windows_config_path(programdata), expected);
    }
}

#[cfg(not(windows))]
#[test]
fn the_platform_path_is_in_etc() {
    assert_eq!(
        platform_config_path(),
        PathBuf::from("/etc/iin-desk/config.toml")
    );
}

#[test]
fn loading_a_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("config.toml");
    assert_eq!(load_machine_config(&missing), Ok(MachineConfig::default()));

    std::fs::write(&missing, "counter = 4\n").expect("write");
    assert_eq!(
        load_machine_config(&missing).map(|c| c.counter),
        Ok(Some("4".into()))
    );

    std::fs::write(&missing, "counter = 4\nlanguage = 'fr'\n").expect("write");
    let err = load_machine_config(&missing).expect_err("fr is not a language");
    assert_eq!(
        err,
        ConfigError::Line {
            path: missing.clone(),
            line: 2,
            problem: LineProblem::Invalid(ConfigKey::Language),
        }
    );
    let ru = err.message(Lang::Ru);
    assert!(
        ru.contains("строка 2") && ru.contains("kk, ru или en"),
        "{ru}"
    );
    assert!(err.message(Lang::Kk).contains("жол 2"));
    assert!(err
        .to_string()
        .contains("line 2: language: expected kk, ru or en"));

    std::fs::write(&missing, [0xC0, 0xC1]).expect("write");
    assert!(matches!(
        load_machine_config(&missing),
        Err(ConfigError::NotText { .. })
    ));
    // A folder where the file should be cannot be read.
    let folder = dir.path().join("folder.toml");
    std::fs::create_dir(&folder).expect("mkdir");
    assert!(matches!(
        load_machine_config(&folder),
        Err(ConfigError::Unreadable { .. })
    ));
}

#[test]
fn every_problem_has_three_different_messages() {
    let problems = [
        LineProblem::NotKeyValue,
        LineProblem::Section,
        LineProblem::UnknownKey("x".into()),
        LineProblem::Duplicate {
            key: "x".into(),
            first_line: 1,
        },
        LineProblem::Unquoted,
        LineProblem::Unterminated,
        LineProblem::BadEscape(r"\q".into()),
        LineProblem::TrailingText,
        LineProblem::Empty,
        LineProblem::ControlCharacter(String::new()),
        LineProblem::ControlCharacter("office_name".into()),
        LineProblem::TooLong,
        LineProblem::Invalid(ConfigKey::QueuePath),
        LineProblem::Invalid(ConfigKey::OfficeName),
        LineProblem::BadLockedList,
    ];
    for p in problems {
        let [kk, ru, en] = Lang::ALL.map(|l| p.message(l));
        assert!(kk != ru && ru != en && kk != en, "{p:?}");
    }
}

#[test]
fn the_file_the_windows_installer_writes_parses() {
    // The lines packaging/windows/iin-desk.nsi writes, with its variables filled in,
    // encoded as the installer encodes them (UTF-16LE with a BOM, CRLF).
    let nsi = include_str!("../../packaging/windows/iin-desk.nsi");
    let queue = r"\\srv-01\IIN Queue$\Астана\queue.sqlite";
    let text: String = nsi
        .lines()
        .filter(|l| l.trim_start().starts_with("FileWriteUTF16LE"))
        .filter_map(|l| Some(l.split_once(" \"")?.1.strip_suffix('"')?.to_string()))
        .map(|l| {
            l.replace("$\\r$\\n", "\r\n")
                .replace("$\\\"", "\"")
                .replace("${VERSION}", "0.1.0")
                .replace("$INSTDIR", r"C:\Program Files\iin-desk")
                .replace("$Counter", "7")
                .replace("$QueuePath", queue)
        })
        .collect();
    assert!(text.contains("queue_path"), "{text}");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let c = parse(&decode_text(&bytes).expect("UTF-16"));
    assert_eq!(c.counter.as_deref(), Some("7"));
    assert_eq!(c.queue_path.as_deref(), Some(queue));
    assert!(c.is_locked(ConfigKey::QueuePath));
}

#[test]
fn the_example_file_parses() {
    let text = include_str!("../../packaging/config.example.toml");
    let c = parse(text);
    assert!(c.queue_path.is_some(), "the example sets the queue");
}

#[test]
fn toml_that_is_not_this_files_subset() {
    for (text, line, problem) in [
        // Keys: bare words only, one per line, no tables.
        (r#""counter" = 7"#, 1, LineProblem::NotKeyValue),
        ("queue.path = '/q'", 1, LineProblem::NotKeyValue),
        ("[[counter]]", 1, LineProblem::Section),
        ("counter = 1\n[a]\ncounter = 2", 2, LineProblem::Section),
        // A value ends on its line.
        ("locked = [\n  'counter',\n]", 1, LineProblem::BadLockedList),
        (
            "locked = ['counter'\ncounter = 7",
            1,
            LineProblem::BadLockedList,
        ),
        ("office_name = '''x'''", 1, LineProblem::Unterminated),
        (
            "office_name = \"\"\"\nx\"\"\"",
            1,
            LineProblem::Unterminated,
        ),
        ("office_name = { text = 'x' }", 1, LineProblem::Unquoted),
        // Values toml reads that this file does not take.
        ("counter = true", 1, LineProblem::Unquoted),
        ("counter = -1", 1, LineProblem::Unquoted),
        ("counter = +1", 1, LineProblem::Unquoted),
        ("counter = inf", 1, LineProblem::Unquoted),
        ("counter = 0x1F", 1, LineProblem::TrailingText),
        ("counter = 1_000", 1, LineProblem::TrailingText),
        ("counter = 1979-05-27", 1, LineProblem::TrailingText),
        ("counter = 1e3", 1, LineProblem::TrailingText),
        (
            r#"office_name = "\e[0m""#,
            1,
            LineProblem::BadEscape(r"\e".into()),
        ),
        (
            r#"locked = ["\x41"]"#,
            1,
            LineProblem::BadEscape(r"\x".into()),
        ),
        ("locked = [['counter']]", 1, LineProblem::BadLockedList),
        ("locked = [1]", 1, LineProblem::BadLockedList),
        (
            "office_name = 'a\u{7}b'",
            1,
            LineProblem::ControlCharacter("office_name".into()),
        ),
        (
            "office_name = \"a\u{7}b\"",
            1,
            LineProblem::ControlCharacter("office_name".into()),
        ),
        (
            r#"office_name = "\U0000004""#,
            1,
            LineProblem::BadEscape(r#"\U0000004""#.into()),
        ),
        // The key is checked before the value, as the line is read.
        (
            r#"queue = "\s""#,
            1,
            LineProblem::UnknownKey("queue".into()),
        ),
        (
            "counter = 1\ncounter = 'x",
            2,
            LineProblem::Duplicate {
                key: "counter".into(),
                first_line: 1,
            },
        ),
        (
            "language = 'fr'\noffice_name = Esil",
            1,
            LineProblem::Invalid(ConfigKey::Language),
        ),
    ] {
        fails(text, line, problem);
    }
    // The leading zero TOML refuses was always read as a number.
    assert_eq!(parse("counter = 007 # seven").counter.as_deref(), Some("7"));
    fails(
        &format!("counter = 0{}", "9".repeat(30)),
        1,
        LineProblem::TooLong,
    );
    // What TOML allows and the old reader did too.
    let c = parse("counter='12'   # quoted\r\nlocked=[]");
    assert_eq!(c.counter.as_deref(), Some("12"));
    assert!(c.locked.is_empty());
}

proptest::proptest! {
    #[test]
    fn any_text_parses_or_names_a_line(text in "[a-z_ =\"'\\[\\],#\\\\0-9{}\\n\\t\\u{7}é.+-]{0,40}") {
        let lines = text.lines().count().max(1);
        if let Err(e) = parse_machine_config(&text) {
            proptest::prop_assert!((1..=lines).contains(&e.line), "{text:?}: {e:?}");
        }
    }
}

#[test]
fn the_length_limit_takes_its_plural_form() {
    let ru = |max: usize| {
        crate::domain::i18n::tr_args(Lang::Ru, "config-too-long", &[("max", max.into())])
    };
    assert!(ru(1).ends_with("не более 1 символа"), "{}", ru(1));
    assert!(ru(21).ends_with("не более 21 символа"), "{}", ru(21));
    assert!(ru(5).ends_with("не более 5 символов"), "{}", ru(5));
    assert!(ru(MAX_VALUE_CHARS).contains(&MAX_VALUE_CHARS.to_string()));
}

#[test]
fn resolving_reads_the_store_under_the_machine_configuration() {
    let mut store = Store::open_in_memory().expect("store");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default();
    for (key, value) in [
        ("office.counter", "9"),
        ("queue.path", "/home/me/q.sqlite"),
        ("office.phone", "+7 7172 00 00 00"),
    ] {
        store.set_setting(key, value, "admin", now).expect("save");
    }
    let machine = parse_machine_config(
        "counter = 7\nqueue_path = '/srv/q.sqlite'\noffice_name = 'Esil'\nlocked = ['queue_path']",
    )
    .expect("parses");
    let value = |s| machine.value_in_force(&store, s).expect("read");
    assert_eq!(value(Setting::Counter).as_deref(), Some("9"));
    assert_eq!(value(Setting::QueuePath).as_deref(), Some("/srv/q.sqlite"));
    assert_eq!(value(Setting::OfficeName).as_deref(), Some("Esil"));
    assert_eq!(
        value(Setting::OfficePhone).as_deref(),
        Some("+7 7172 00 00 00")
    );
    assert_eq!(value(Setting::PdfDir), None);
    let dir = Path::new("data");
    assert_eq!(
        machine
            .value_in_force_or_default(&store, Setting::PdfDir, dir)
            .expect("read"),
        dir.join("documents").display().to_string()
    );
    assert_eq!(
        machine
            .value_in_force_or_default(&store, Setting::Counter, dir)
            .expect("read"),
        "9"
    );
}

#[test]
fn a_control_character_names_its_key() {
    for (text, key) in [
        ("office_name = \"a\u{0}b\"", "office_name"),
        ("office_address = 'a\u{1b}b'", "office_address"),
        ("counter = \"7\\t\"", "counter"),
        ("queue_path = '/srv/q\u{7f}'", "queue_path"),
        ("pdf_dir = \"/srv/pdf\\n\"", "pdf_dir"),
    ] {
        fails(text, 1, LineProblem::ControlCharacter(key.into()));
        let problem = LineProblem::ControlCharacter(key.into());
        for lang in Lang::ALL {
            let m = problem.message(lang);
            assert!(m.contains(key), "{m}");
        }
    }
}

#[test]
fn the_serial_reader_keys() {
    let c = parse(
        "reader_port = 'COM3'\nreader_baud = 19200\nreader_parity = \"Even\"\nreader_framing = 'STX-ETX'\nlocked = ['reader_port']\n",
    );
    assert_eq!(c.value(ConfigKey::ReaderPort).as_deref(), Some("COM3"));
    assert_eq!(c.value(ConfigKey::ReaderBaud).as_deref(), Some("19200"));
    assert_eq!(c.value(ConfigKey::ReaderParity).as_deref(), Some("even"));
    assert_eq!(
        c.value(ConfigKey::ReaderFraming).as_deref(),
        Some("stx-etx")
    );
    assert!(c.is_locked(ConfigKey::ReaderPort));
    assert_eq!(
        parse("reader_baud = '9600'\n")
            .value(ConfigKey::ReaderBaud)
            .as_deref(),
        Some("9600")
    );
    for (text, key) in [
        ("reader_baud = 96000000", ConfigKey::ReaderBaud),
        ("reader_baud = '96OO'", ConfigKey::ReaderBaud),
        ("reader_baud = 299", ConfigKey::ReaderBaud),
        ("reader_parity = 'mark'", ConfigKey::ReaderParity),
        ("reader_parity = 1", ConfigKey::ReaderParity),
        ("reader_framing = 'lf'", ConfigKey::ReaderFraming),
        ("reader_port = 3", ConfigKey::ReaderPort),
    ] {
        let e = parse_machine_config(text).unwrap_err();
        assert_eq!(
            (e.line, &e.problem),
            (1, &LineProblem::Invalid(key)),
            "{text}"
        );
    }
    let message = LineProblem::Invalid(ConfigKey::ReaderBaud).message(Lang::En);
    assert!(
        message.contains("reader_baud") && message.contains("921600"),
        "{message}"
    );
    assert!(LineProblem::Invalid(ConfigKey::ReaderFraming)
        .message(Lang::Ru)
        .contains("stx-etx"));
}

#[test]
fn the_queue_may_be_a_server_url_without_a_password() {
    let url = "postgresql://office_astana_1@db.example/iin?sslmode=verify-full";
    assert_eq!(queue(&format!("queue_path = '{url}'")), url);
    assert_eq!(
        queue("queue_path = 'POSTGRES://office@db/iin'"),
        "POSTGRES://office@db/iin"
    );
    for text in [
        "queue_path = 'postgresql://office:secret@db.example/iin'",
        "queue_path = 'postgres://office:@db/iin?sslmode=require'",
    ] {
        let e = parse_machine_config(text).unwrap_err();
        assert_eq!(
            e.problem,
            LineProblem::Invalid(ConfigKey::QueuePath),
            "{text}"
        );
        let message = e.problem.message(Lang::En);
        assert!(message.contains("without a password"), "{message}");
        assert!(message.starts_with("queue_path:"), "{message}");
    }
    // A relative path is still refused.
    assert!(parse_machine_config("queue_path = 'queue.sqlite'").is_err());
}
