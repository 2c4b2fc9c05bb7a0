//! What each command does. The clock is read once per command, here.

use crate::machine_config::{load_machine_config, machine_config_path, MachineConfig};
use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDate, NaiveDateTime};
use serde_json::json;
use uuid::Uuid;

use super::{exit, print_cmds, CalendarCommand, Cli, CliError, Command, InitArgs, UserCommand};
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::calendar::{fixed_holidays, parse_calendar_file, DayStatus};
use crate::domain::form::{validate_record, RequestForm};
use crate::domain::iin::Iin;
use crate::domain::lang::{Lang, Tr};
use crate::domain::mrz::read_mrz;
use crate::files::write_atomically;
use crate::store::{AuthError, NewUser, Store, StoreError, StoreState, User};

/// Environment variable holding the password of `--user` for scripted runs.
pub const PASSWORD_ENV: &str = "IIN_DESK_PASSWORD";

fn now() -> NaiveDateTime {
    Local::now().naive_local()
}

/// The default data folder: the OS's per-user data folder for iin-desk.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("kz", "gov4c", "iin-desk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("iin-desk-data"))
}

/// Runs the parsed command line. `Ok(code)` is a completed command's exit code.
pub fn run(cli: Cli) -> Result<u8, CliError> {
    let lang = cli.lang;
    let data_dir = cli.data_dir.clone().unwrap_or_else(default_data_dir);
    match cli.command {
        None => Ok(exit::OK),
        Some(Command::CheckIin { iins, json }) => check_iin(&iins, json, lang),
        Some(Command::Mrz { json }) => mrz(json, lang),
        Some(Command::Init(args)) => init(&data_dir, &args, lang),
        Some(Command::Import { file, dry_run }) => {
            let (mut store, user) = login(
                &data_dir,
                cli.user.as_deref(),
                &[Role::Administrator, Role::Supervisor],
                lang,
            )?;
            import(&mut store, &user, &file, dry_run, lang)
        }
        Some(Command::Export { out, from, to }) => {
            let (store, _) = login(
                &data_dir,
                cli.user.as_deref(),
                &[Role::Administrator, Role::Supervisor],
                lang,
            )?;
            export(&store, &out, from.as_deref(), to.as_deref(), lang)
        }
        Some(Command::Calendar { action }) => {
            let (mut store, user) =
                login(&data_dir, cli.user.as_deref(), &[Role::Administrator], lang)?;
            calendar(&mut store, &user, action, lang)
        }
        Some(Command::User { action }) => {
            let (mut store, user) =
                login(&data_dir, cli.user.as_deref(), &[Role::Administrator], lang)?;
            user_command(&mut store, &user, action, lang)
        }
        Some(Command::Print { id, doc, out }) => {
            let (mut store, user) = login(
                &data_dir,
                cli.user.as_deref(),
                &[Role::Clerk, Role::Supervisor],
                lang,
            )?;
            let machine = machine_config(lang)?;
            print_cmds::print(&mut store, &machine, &user, &id, doc, &out, now(), lang)
        }
        Some(Command::Register { date, counter, out }) => {
            let (mut store, user) = login(
                &data_dir,
                cli.user.as_deref(),
                &[Role::Supervisor, Role::Administrator],
                lang,
            )?;
            let machine = machine_config(lang)?;
            print_cmds::register(
                &mut store,
                &machine,
                &user,
                &date,
                counter.as_deref(),
                &out,
                now(),
                lang,
            )
        }
        Some(Command::Verify { file }) => {
            let (mut store, user) = login(&data_dir, cli.user.as_deref(), &Role::ALL, lang)?;
            print_cmds::verify(&mut store, &user, &file, now(), lang)
        }
        Some(Command::Sync { repush_all, json }) => {
            let (mut store, user) = match &cli.machine_key {
                // A scheduled sync: the machine key file opens the store, no login.
                Some(file) => {
                    let key = super::key_cmds::read_machine_key(file, lang)?;
                    let store = Store::unlock_with_machine_key_in(&data_dir, &key, now())
                        .map_err(|e| auth_error(e, lang))?;
                    (store, super::key_cmds::machine_user())
                }
                None => login(
                    &data_dir,
                    cli.user.as_deref(),
                    &[Role::Clerk, Role::Supervisor, Role::Administrator],
                    lang,
                )?,
            };
            let queue = cli.queue.as_deref();
            let machine = machine_config(lang)?;
            super::queue_cmds::sync(
                &mut store, &machine, &user, queue, &data_dir, repush_all, json, lang,
            )
        }
        Some(Command::Key { action }) => {
            let (mut store, user) =
                login(&data_dir, cli.user.as_deref(), &[Role::Administrator], lang)?;
            super::key_cmds::key(&mut store, &user, action, now(), lang)
        }
        Some(Command::Recover {
            login,
            password_stdin,
        }) => super::key_cmds::recover(&data_dir, &login, password_stdin, now(), lang),
        Some(Command::DemoData { count, seed }) => {
            let (mut store, user) =
                login(&data_dir, cli.user.as_deref(), &[Role::Administrator], lang)?;
            super::demo_cmds::demo_data(&mut store, &user, count, seed, now(), lang)
        }
        Some(Command::Backoffice { action }) => {
            let (mut store, user) =
                login(&data_dir, cli.user.as_deref(), &[Role::BackOffice], lang)?;
            let queue = cli.queue.as_deref();
            let machine = machine_config(lang)?;
            super::queue_cmds::backoffice(
                &mut store, &machine, &user, queue, &data_dir, action, lang,
            )
        }
    }
}

fn tr(lang: Lang, kk: &'static str, ru: &'static str, en: &'static str) -> &'static str {
    Tr::new(kk, ru, en).get(lang)
}

/// This PC's machine-wide configuration (the same file the window reads). A damaged
/// file is an error here: a scheduled `sync` must not quietly fall back to a local queue.
fn machine_config(lang: Lang) -> Result<MachineConfig, CliError> {
    let path = machine_config_path();
    load_machine_config(&path).map_err(|e| CliError::new(exit::FILE, e.message(lang)))
}

fn store_error(e: StoreError, lang: Lang) -> CliError {
    CliError::new(exit::STORE, e.message(lang))
}

fn not_set_up(lang: Lang) -> CliError {
    CliError::new(
        exit::NOT_SET_UP,
        tr(
            lang,
            "бағдарлама әлі бапталмаған: алдымен `iin-desk init` арқылы әкімшіні жасаңыз",
            "программа ещё не настроена: сначала создайте администратора командой `iin-desk init`",
            "not set up yet: create the administrator first with `iin-desk init`",
        ),
    )
}

/// A store error as a CLI error: file problems exit 5, the rest 4.
fn open_error(e: StoreError, lang: Lang) -> CliError {
    match e {
        StoreError::Io { .. } | StoreError::Vault(crate::store::VaultError::Io { .. }) => {
            CliError::new(exit::FILE, e.message(lang))
        }
        e => store_error(e, lang),
    }
}

/// A failed unlock as a CLI error.
pub(super) fn auth_error(e: AuthError, lang: Lang) -> CliError {
    match e {
        AuthError::NotSetUp => not_set_up(lang),
        AuthError::Store(e) => open_error(e, lang),
        e => CliError::new(exit::DENIED, e.message(lang)),
    }
}

/// Shows the recovery key once, on stderr, with what to do with it.
pub(super) fn show_recovery_key(key: &crate::store::SecretKey, lang: Lang) {
    eprintln!(
        "{}\n\n    {}\n",
        tr(
            lang,
            "ҚАЛПЫНА КЕЛТІРУ КІЛТІ (тек қазір көрсетіледі; жазып алып, сейфте сақтаңыз — барлық құпиясөз жоғалса, деректерді тек осы кілт ашады):",
            "КЛЮЧ ВОССТАНОВЛЕНИЯ (показывается только сейчас; запишите и храните в сейфе — если все пароли утеряны, данные открывает только он):",
            "RECOVERY KEY (shown only now; write it down and keep it in a safe — if every password is lost, only this key opens the data):",
        ),
        key.to_text().as_str()
    );
}

/// Opens the store and logs the user in; the role must be one of `roles`.
fn login(
    data_dir: &Path,
    user: Option<&str>,
    roles: &[Role],
    lang: Lang,
) -> Result<(Store, User), CliError> {
    if Store::state_in(data_dir).map_err(|e| open_error(e, lang))? == StoreState::New {
        return Err(not_set_up(lang));
    }
    let Some(login) = user else {
        return Err(CliError::new(
            exit::DENIED,
            tr(
                lang,
                "логин көрсетілмеген: --user LOGIN немесе IIN_DESK_USER беріңіз",
                "не указан логин: задайте --user LOGIN или IIN_DESK_USER",
                "no login given: pass --user LOGIN or set IIN_DESK_USER",
            ),
        ));
    };
    let password = match std::env::var(PASSWORD_ENV) {
        Ok(p) => p,
        Err(_) if std::io::stdin().is_terminal() => rpassword::prompt_password(format!(
            "{login} — {}: ",
            tr(lang, "құпиясөз", "пароль", "password")
        ))
        .map_err(|e| CliError::new(exit::DENIED, e.to_string()))?,
        Err(_) => {
            return Err(CliError::new(
                exit::DENIED,
                tr(
                    lang,
                    "құпиясөз жоқ: IIN_DESK_PASSWORD орнатыңыз немесе терминалда іске қосыңыз",
                    "нет пароля: задайте IIN_DESK_PASSWORD или запустите в терминале",
                    "no password: set IIN_DESK_PASSWORD or run in a terminal",
                ),
            ))
        }
    };
    crate::eventlog::init(data_dir);
    let unlocked = Store::unlock_in(data_dir, login, &password, now()).map_err(|e| {
        log::warn!(
            "command line login failed: {} ({e})",
            login.chars().take(32).collect::<String>()
        );
        auth_error(e, lang)
    })?;
    log::info!("command line login: {}", unlocked.user.login);
    if let Some(key) = &unlocked.recovery_key {
        eprintln!(
            "{}",
            tr(
                lang,
                "дерекқор шифрланды; басқа қызметкерлерге әкімші жаңа құпиясөз орнатуы керек",
                "база зашифрована; другим сотрудникам администратор должен задать новые пароли",
                "the store is now encrypted; the administrator must set new passwords for the other staff",
            )
        );
        show_recovery_key(key, lang);
    }
    let (store, user) = (unlocked.store, unlocked.user);
    if !roles.contains(&user.role) {
        let allowed: Vec<&str> = roles.iter().map(|r| r.label(lang)).collect();
        return Err(CliError::new(
            exit::DENIED,
            match lang {
                Lang::Kk => format!(
                    "бұл әрекетке рұқсат жоқ: {} рөлі керек",
                    allowed.join(" / ")
                ),
                Lang::Ru => format!(
                    "нет прав на это действие: нужна роль {}",
                    allowed.join(" / ")
                ),
                Lang::En => format!("not allowed: this needs the role {}", allowed.join(" / ")),
            },
        ));
    }
    Ok((store, user))
}

fn check_iin(iins: &[String], as_json: bool, lang: Lang) -> Result<u8, CliError> {
    let mut all_valid = true;
    let mut out = Vec::new();
    for text in iins {
        match Iin::parse(text) {
            Ok(iin) => {
                let hint = iin.hint();
                if as_json {
                    out.push(json!({
                        "input": text, "valid": true,
                        "birth_date_hint": hint.birth_date.map(|d| d.to_string()),
                        "sex_hint": hint.sex.map(|s| s.code()),
                    }));
                } else {
                    let extra = match (hint.birth_date, hint.sex) {
                        (Some(d), Some(s)) => format!(
                            " ({}: {}, {})",
                            tr(lang, "болжам", "подсказка", "hint"),
                            d.format("%d.%m.%Y"),
                            s.label(lang)
                        ),
                        _ => String::new(),
                    };
                    println!("{iin}: {}{extra}", tr(lang, "дұрыс", "верный", "valid"));
                }
            }
            Err(e) => {
                all_valid = false;
                if as_json {
                    out.push(json!({ "input": text, "valid": false, "error": e.message(lang) }));
                } else {
                    println!(
                        "{text}: {} — {}",
                        tr(lang, "қате", "неверный", "invalid"),
                        e.message(lang)
                    );
                }
            }
        }
    }
    if as_json {
        println!("{}", serde_json::Value::Array(out));
    }
    Ok(if all_valid {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

fn mrz(as_json: bool, lang: Lang) -> Result<u8, CliError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
    // A reader in a legacy code page sends bytes that are not UTF-8; they become
    // replacement characters, which the MRZ reader reports with their position.
    let text = String::from_utf8_lossy(&bytes);
    let reading = read_mrz(&text, now().date())
        .map_err(|e| CliError::new(exit::INVALID_INPUT, format!("MRZ: {}", e.message(lang))))?;
    if as_json {
        let v = serde_json::to_string_pretty(&reading)
            .map_err(|e| CliError::new(exit::INVALID_INPUT, e.to_string()))?;
        println!("{v}");
    } else {
        let l = |kk, ru, en| tr(lang, kk, ru, en);
        let date = |d: Option<NaiveDate>, raw: &str| {
            d.map_or_else(|| raw.to_string(), |d| d.format("%d.%m.%Y").to_string())
        };
        println!(
            "{}: {}",
            l("Формат", "Формат", "Format"),
            reading.format.name()
        );
        println!(
            "{}: {}",
            l("Құжат коды", "Код документа", "Document code"),
            reading.document_code
        );
        println!(
            "{}: {}",
            l("Құжатты берген ел", "Страна выдачи", "Issuing country"),
            reading.issuing_country
        );
        println!(
            "{}: {}",
            l("Құжат нөмірі", "Номер документа", "Document number"),
            reading.document_number
        );
        println!("{}: {}", l("Тегі", "Фамилия", "Surname"), reading.surname);
        println!(
            "{}: {}",
            l("Аты", "Имя", "Given names"),
            reading.given_names
        );
        println!(
            "{}: {}",
            l("Азаматтығы", "Гражданство", "Nationality"),
            reading.nationality
        );
        println!(
            "{}: {}",
            l("Туған күні", "Дата рождения", "Date of birth"),
            date(reading.birth_date, &reading.birth_date_raw)
        );
        println!(
            "{}: {}",
            l("Жынысы", "Пол", "Sex"),
            reading.sex.map_or("—", |s| s.label(lang))
        );
        println!(
            "{}: {}",
            l("Жарамдылық мерзімі", "Срок действия", "Date of expiry"),
            date(reading.expiry_date, &reading.expiry_date_raw)
        );
        for c in &reading.checks {
            let verdict = if c.ok {
                l("дұрыс", "верна", "ok")
            } else {
                l("ҚАТЕ", "ОШИБКА", "FAILED")
            };
            println!(
                "{} {}: {verdict}",
                l("Бақылау цифры", "Контрольная цифра", "Check digit"),
                c.field.label(lang)
            );
        }
        for r in &reading.repairs {
            println!(
                "{} {}:{}: {} → {}",
                l("Түзетілді", "Исправлено", "Repaired"),
                r.line,
                r.position,
                r.read,
                r.corrected
            );
        }
    }
    Ok(if reading.all_checks_pass() {
        exit::OK
    } else {
        exit::CHECK_FAILED
    })
}

fn read_file(path: &Path, lang: Lang) -> Result<String, CliError> {
    std::fs::read_to_string(path).map_err(|e| {
        CliError::new(
            exit::FILE,
            format!(
                "{}: {} ({e})",
                path.display(),
                tr(
                    lang,
                    "файлды оқу мүмкін емес",
                    "не удаётся прочитать файл",
                    "cannot read the file"
                )
            ),
        )
    })
}

fn import(
    store: &mut Store,
    user: &User,
    file: &Path,
    dry_run: bool,
    lang: Lang,
) -> Result<u8, CliError> {
    let text = read_file(file, lang)?;
    let forms: Vec<RequestForm> = serde_json::from_str(&text).map_err(|e| {
        CliError::new(
            exit::INVALID_INPUT,
            match lang {
                Lang::Kk => format!(
                    "{}: {}-жол, {}-баған: JSON өтінімдер массиві күтіледі ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
                Lang::Ru => format!(
                    "{}: строка {}, столбец {}: ожидается JSON-массив заявок ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
                Lang::En => format!(
                    "{}: line {}, column {}: a JSON array of requests is expected ({e})",
                    file.display(),
                    e.line(),
                    e.column()
                ),
            },
        )
    })?;
    let t = now();
    let mut records = Vec::new();
    let mut lines = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (index, form) in forms.iter().enumerate() {
        match validate_record(form, Uuid::new_v4(), t) {
            Ok(r) => {
                let id = r.request.id.to_string();
                let exists = store.request(&id).is_ok();
                if exists || !seen.insert(id.clone()) {
                    lines.push(format!(
                        "[{index}] id: {}",
                        match lang {
                            Lang::Kk => format!("{id} өтінімі бұрыннан бар"),
                            Lang::Ru => format!("заявка {id} уже существует"),
                            Lang::En => format!("request {id} already exists"),
                        }
                    ));
                }
                records.push(r);
            }
            Err(errors) => {
                for e in errors {
                    lines.push(format!(
                        "[{index}] {}: {}",
                        e.field.json_path(),
                        e.message(lang)
                    ));
                }
            }
        }
    }
    if !lines.is_empty() {
        let n = lines.len();
        lines.push(match lang {
            Lang::Kk => format!("{}: {n} қате; ештеңе сақталмады", file.display()),
            Lang::Ru => format!("{}: ошибок: {n}; ничего не сохранено", file.display()),
            Lang::En => format!("{}: {n} error(s); nothing was stored", file.display()),
        });
        return Err(CliError {
            code: exit::INVALID_INPUT,
            lines,
        });
    }
    if dry_run {
        println!(
            "{}",
            match lang {
                Lang::Kk => format!(
                    "{} өтінім дұрыс (--dry-run: ештеңе сақталмады)",
                    records.len()
                ),
                Lang::Ru => format!(
                    "заявок без ошибок: {} (--dry-run: ничего не сохранено)",
                    records.len()
                ),
                Lang::En => format!(
                    "{} request(s) valid (--dry-run: nothing stored)",
                    records.len()
                ),
            }
        );
        return Ok(exit::OK);
    }
    let report = store
        .import_records(&records, &user.login, t)
        .map_err(|e| store_error(e, lang))?;
    println!(
        "{}",
        match lang {
            Lang::Kk => format!("{} өтінім сақталды", report.stored),
            Lang::Ru => format!("сохранено заявок: {}", report.stored),
            Lang::En => format!("{} request(s) stored", report.stored),
        }
    );
    Ok(exit::OK)
}

fn parse_cli_date(
    text: Option<&str>,
    what: &str,
    lang: Lang,
) -> Result<Option<NaiveDate>, CliError> {
    text.map(|t| {
        crate::domain::form::parse_date(t).ok_or_else(|| {
            CliError::new(
                exit::INVALID_INPUT,
                match lang {
                    Lang::Kk => format!("--{what}: {t:?} күн емес; ЖЖЖЖ-АА-КК күтіледі"),
                    Lang::Ru => format!("--{what}: {t:?} не дата; ожидается ГГГГ-ММ-ДД"),
                    Lang::En => format!("--{what}: {t:?} is not a date; YYYY-MM-DD is expected"),
                },
            )
        })
    })
    .transpose()
}

fn export(
    store: &Store,
    out: &Path,
    from: Option<&str>,
    to: Option<&str>,
    lang: Lang,
) -> Result<u8, CliError> {
    let from = parse_cli_date(from, "from", lang)?;
    let to = parse_cli_date(to, "to", lang)?;
    let forms = store
        .export_forms(from, to)
        .map_err(|e| store_error(e, lang))?;
    let text = serde_json::to_string_pretty(&forms)
        .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
    write_atomically(out, text.as_bytes()).map_err(|e| {
        CliError::new(
            exit::FILE,
            format!(
                "{}: {} ({e})",
                out.display(),
                tr(
                    lang,
                    "файлды жазу мүмкін емес",
                    "не удаётся записать файл",
                    "cannot write the file"
                )
            ),
        )
    })?;
    println!(
        "{}",
        match lang {
            Lang::Kk => format!("{} өтінім {} файлына жазылды. Файлда дербес деректер бар: оны қорғалған жерде сақтаңыз.", forms.len(), out.display()),
            Lang::Ru => format!("заявок записано: {} в {}. Файл содержит персональные данные: храните его в защищённом месте.", forms.len(), out.display()),
            Lang::En => format!("{} request(s) written to {}. The file holds personal data: keep it somewhere protected.", forms.len(), out.display()),
        }
    );
    Ok(exit::OK)
}

fn calendar(
    store: &mut Store,
    user: &User,
    action: CalendarCommand,
    lang: Lang,
) -> Result<u8, CliError> {
    match action {
        CalendarCommand::Import { file } => {
            let text = read_file(&file, lang)?;
            let parsed = parse_calendar_file(&text).map_err(|e| {
                CliError::new(
                    exit::INVALID_INPUT,
                    format!("{}: {}", file.display(), e.message(lang)),
                )
            })?;
            store
                .import_calendar(&parsed, &user.login, now())
                .map_err(|e| store_error(e, lang))?;
            println!(
                "{}",
                match lang {
                    Lang::Kk => format!(
                        "{} жылға {} ерекшелік жүктелді",
                        parsed.year,
                        parsed.days.len()
                    ),
                    Lang::Ru => format!(
                        "загружено исключений на {} год: {}",
                        parsed.year,
                        parsed.days.len()
                    ),
                    Lang::En => format!(
                        "{} exception(s) loaded for {}",
                        parsed.days.len(),
                        parsed.year
                    ),
                }
            );
            Ok(exit::OK)
        }
        CalendarCommand::Show { year } => {
            let cal = store.working_calendar().map_err(|e| store_error(e, lang))?;
            let (Some(mut d), Some(end)) = (
                NaiveDate::from_ymd_opt(year, 1, 1),
                NaiveDate::from_ymd_opt(year, 12, 31),
            ) else {
                return Err(CliError::new(
                    exit::INVALID_INPUT,
                    format!(
                        "{year}: {}",
                        tr(lang, "жыл қате", "неверный год", "not a valid year")
                    ),
                ));
            };
            let holidays = fixed_holidays(year);
            while d <= end {
                let status = cal.day_status(d);
                let text = match &status {
                    DayStatus::Working | DayStatus::Weekend => None,
                    DayStatus::Holiday(h) => Some(h.name(lang).to_string()),
                    DayStatus::MovedHoliday { of } => Some(format!(
                        "{} {}",
                        tr(
                            lang,
                            "ауыстырылған демалыс:",
                            "перенесённый выходной:",
                            "moved day off:"
                        ),
                        holidays
                            .iter()
                            .find(|(hd, _)| hd == of)
                            .map_or(of.to_string(), |(_, h)| h.name(lang).to_string())
                    )),
                    DayStatus::ExceptionHoliday { note } => Some(format!(
                        "{} {note}",
                        tr(
                            lang,
                            "демалыс (ерекшелік)",
                            "выходной (исключение)",
                            "day off (exception)"
                        )
                    )),
                    DayStatus::ExceptionWorking { note } => Some(format!(
                        "{} {note}",
                        tr(
                            lang,
                            "жұмыс күні (ерекшелік)",
                            "рабочий день (исключение)",
                            "working day (exception)"
                        )
                    )),
                };
                if let Some(t) = text {
                    println!("{} {}", d.format("%d.%m.%Y %a"), t.trim());
                }
                d = match d.succ_opt() {
                    Some(n) => n,
                    None => break,
                };
            }
            Ok(exit::OK)
        }
    }
}

fn read_new_password(login: &str, from_stdin: bool, lang: Lang) -> Result<String, CliError> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!(
            "{login} — {}: ",
            tr(lang, "жаңа құпиясөз", "новый пароль", "new password")
        ))
        .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        let second =
            rpassword::prompt_password(tr(lang, "Қайталаңыз: ", "Повторите: ", "Repeat: "))
                .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        if first != second {
            return Err(CliError::new(
                exit::INVALID_INPUT,
                tr(
                    lang,
                    "құпиясөздер сәйкес емес",
                    "пароли не совпадают",
                    "the passwords do not match",
                ),
            ));
        }
        first
    } else {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            tr(
                lang,
                "жаңа құпиясөз жоқ: --password-stdin қолданыңыз",
                "нет нового пароля: используйте --password-stdin",
                "no new password: use --password-stdin",
            ),
        ));
    };
    check_password(login, &password)
        .map_err(|p| CliError::new(exit::INVALID_INPUT, p.message(lang)))?;
    Ok(password)
}

fn bad_login(login: &str, lang: Lang) -> CliError {
    CliError::new(
        exit::INVALID_INPUT,
        match lang {
            Lang::Kk => format!("логин {login:?} жарамсыз: 3–32 латын әрпі, цифр, «.», «_», «-» күтіледі"),
            Lang::Ru => format!("логин {login:?} недопустим: ожидается 3–32 латинских буквы, цифры, «.», «_», «-»"),
            Lang::En => format!("login {login:?} is not valid: 3–32 Latin letters, digits, '.', '_', '-' are expected"),
        },
    )
}

fn user_command(
    store: &mut Store,
    actor: &User,
    action: UserCommand,
    lang: Lang,
) -> Result<u8, CliError> {
    let t = now();
    match action {
        UserCommand::Add {
            login,
            name,
            role,
            password_stdin,
        } => {
            if !valid_login(&login) {
                return Err(bad_login(&login, lang));
            }
            let role = Role::from_key(&role).ok_or_else(|| {
                CliError::new(
                    exit::INVALID_INPUT,
                    format!(
                        "--role {role:?}: {}: clerk, supervisor, back_office, administrator",
                        tr(
                            lang,
                            "мына мәндердің бірі күтіледі",
                            "ожидается одно из",
                            "one of these is expected"
                        )
                    ),
                )
            })?;
            if name.trim().is_empty() {
                return Err(CliError::new(
                    exit::INVALID_INPUT,
                    format!(
                        "--name: {}",
                        tr(lang, "толтыру міндетті", "обязательно", "is required")
                    ),
                ));
            }
            let password = read_new_password(&login, password_stdin, lang)?;
            store
                .add_user(
                    &NewUser {
                        login: &login,
                        full_name: name.trim(),
                        role,
                        password: &password,
                        must_change_password: false,
                    },
                    &actor.login,
                    t,
                )
                .map_err(|e| {
                    CliError::new(
                        if matches!(e, StoreError::DuplicateUser(_)) {
                            exit::INVALID_INPUT
                        } else {
                            exit::STORE
                        },
                        e.message(lang),
                    )
                })?;
            println!(
                "{login}: {}",
                tr(
                    lang,
                    "есептік жазба жасалды",
                    "учётная запись создана",
                    "account created"
                )
            );
        }
        UserCommand::List { json } => {
            let users = store.users().map_err(|e| store_error(e, lang))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&users)
                        .map_err(|e| CliError::new(exit::STORE, e.to_string()))?
                );
            } else {
                for u in users {
                    let state = if u.active {
                        tr(lang, "белсенді", "активна", "active")
                    } else {
                        tr(lang, "өшірілген", "отключена", "disabled")
                    };
                    println!("{}\t{}\t{}\t{state}", u.login, u.role.key(), u.full_name);
                }
            }
        }
        UserCommand::Disable { login } | UserCommand::Enable { login } if login == actor.login => {
            return Err(CliError::new(
                exit::INVALID_INPUT,
                tr(
                    lang,
                    "өз есептік жазбаңызды өзгерте алмайсыз",
                    "нельзя изменить собственную учётную запись",
                    "you cannot change your own account's state",
                ),
            ));
        }
        UserCommand::Disable { login } => {
            store
                .set_user_active(&login, false, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!("{login}: {}", tr(lang, "өшірілді", "отключена", "disabled"));
        }
        UserCommand::Enable { login } => {
            store
                .set_user_active(&login, true, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!("{login}: {}", tr(lang, "қосылды", "включена", "enabled"));
            let without_key = store
                .accounts_without_key()
                .map_err(|e| store_error(e, lang))?;
            if without_key.contains(&login) {
                println!(
                    "{login}: {}",
                    tr(
                        lang,
                        "кіру үшін жаңа құпиясөз керек: iin-desk user passwd LOGIN",
                        "для входа нужен новый пароль: iin-desk user passwd ЛОГИН",
                        "needs a new password to log in: iin-desk user passwd LOGIN",
                    )
                );
            }
        }
        UserCommand::Passwd {
            login,
            password_stdin,
        } => {
            if store
                .user(&login)
                .map_err(|e| store_error(e, lang))?
                .is_none()
            {
                return Err(user_error(StoreError::UserNotFound(login), lang));
            }
            let password = read_new_password(&login, password_stdin, lang)?;
            store
                .set_password(&login, &password, false, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!(
                "{login}: {}",
                tr(
                    lang,
                    "құпиясөз өзгертілді",
                    "пароль изменён",
                    "password changed"
                )
            );
        }
    }
    Ok(exit::OK)
}

fn user_error(e: StoreError, lang: Lang) -> CliError {
    let code = if matches!(e, StoreError::UserNotFound(_)) {
        exit::INVALID_INPUT
    } else {
        exit::STORE
    };
    CliError::new(code, e.message(lang))
}

fn init(data_dir: &Path, args: &InitArgs, lang: Lang) -> Result<u8, CliError> {
    if Store::state_in(data_dir).map_err(|e| open_error(e, lang))? != StoreState::New {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            tr(
                lang,
                "бағдарлама бұрыннан бапталған: әкімші бар",
                "программа уже настроена: администратор существует",
                "already set up: an administrator exists",
            ),
        ));
    }
    if !valid_login(&args.admin) {
        return Err(bad_login(&args.admin, lang));
    }
    if args.name.trim().is_empty() {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            format!(
                "--name: {}",
                tr(lang, "толтыру міндетті", "обязательно", "is required")
            ),
        ));
    }
    let password = read_new_password(&args.admin, args.password_stdin, lang)?;
    let admin = NewUser {
        login: &args.admin,
        full_name: args.name.trim(),
        role: Role::Administrator,
        password: &password,
        must_change_password: false,
    };
    let (_store, recovery) =
        Store::create_in(data_dir, &admin, now()).map_err(|e| open_error(e, lang))?;
    show_recovery_key(&recovery, lang);
    println!(
        "{}: {}",
        args.admin,
        tr(
            lang,
            "әкімші жасалды",
            "администратор создан",
            "administrator created"
        )
    );
    Ok(exit::OK)
}
