//! `search [QUERY] [--status S] [--from D] [--to D] [--limit N] [--json]` (supervisor,
//! administrator): the journal's search for support staff, through the same engine as
//! the window (`store::journal`), so it finds the same requests in the same order.
//!
//! QUERY is read as the window's fields are: 12 digits are an IIN, text with a digit a
//! document number, anything else part of a name (3 characters at least). `--status
//! draft` lists unfinished drafts with what was typed so far. `--set-aside` lists only the
//! requests the central queue rejected and the sync set aside (the journal's "Set aside by
//! the queue", the same [`JournalFilter`]), each with its reason.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::context::Session;
use super::{exit, CliError};
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::domain::request::Status;
use crate::state::journal::set_aside_reason;
use crate::store::journal::JournalFilter;
use crate::store::{RequestFilter, RequestRow, SetAside, StoreError};

/// How many rows `search` prints without `--limit`.
pub const DEFAULT_LIMIT: u64 = 50;

/// The options of `search`, as typed (parsed here, so a bad value gets a localized error
/// that names its option).
#[derive(Debug, Clone, Default)]
pub struct SearchArgs {
    /// QUERY.
    pub query: Option<String>,
    /// `--status`.
    pub status: Option<String>,
    /// `--from`.
    pub from: Option<String>,
    /// `--to`.
    pub to: Option<String>,
    /// `--limit`.
    pub limit: Option<String>,
    /// `--set-aside`.
    pub set_aside: bool,
    /// `--json`.
    pub json: bool,
}

fn invalid(line: String) -> CliError {
    CliError::new(exit::INVALID_INPUT, line)
}

fn parse_date(text: Option<&str>, option: &str, lang: Lang) -> Result<Option<NaiveDate>, CliError> {
    text.map(|t| {
        crate::domain::form::parse_date(t).ok_or_else(|| {
            invalid(tr_args(
                lang,
                "search-bad-date",
                &[
                    ("option", option.into()),
                    ("value", format!("{t:?}").into()),
                ],
            ))
        })
    })
    .transpose()
}

fn parse_status(text: Option<&str>, lang: Lang) -> Result<Option<Status>, CliError> {
    text.map(|t| {
        Status::from_key(t.trim()).ok_or_else(|| {
            let keys: Vec<&str> = Status::ALL.iter().map(|s| s.key()).collect();
            invalid(tr_args(
                lang,
                "search-bad-status",
                &[
                    ("value", format!("{t:?}").into()),
                    ("expected", keys.join(", ").into()),
                ],
            ))
        })
    })
    .transpose()
}

fn parse_limit(text: Option<&str>, lang: Lang) -> Result<u64, CliError> {
    match text {
        None => Ok(DEFAULT_LIMIT),
        Some(t) => t
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| {
                invalid(tr_args(
                    lang,
                    "search-bad-limit",
                    &[("value", format!("{t:?}").into())],
                ))
            }),
    }
}

/// The journal filter `search` runs: QUERY read as an IIN, a document number or part of
/// a name, with the options. Drafts are listed only with `--status draft`.
pub fn filter_of(args: &SearchArgs, lang: Lang) -> Result<RequestFilter, CliError> {
    let status = parse_status(args.status.as_deref(), lang)?;
    let mut filter = RequestFilter {
        from: parse_date(args.from.as_deref(), "from", lang)?,
        to: parse_date(args.to.as_deref(), "to", lang)?,
        status,
        include_drafts: status == Some(Status::Draft),
        ..RequestFilter::default()
    };
    let query = args.query.as_deref().map(str::trim).unwrap_or("");
    let compact: String = query.chars().filter(|c| !c.is_whitespace()).collect();
    if query.is_empty() {
    } else if compact.len() == 12 && compact.chars().all(|c| c.is_ascii_digit()) {
        filter.iin = Some(compact);
    } else if query.chars().any(|c| c.is_ascii_digit()) {
        filter.doc_number = Some(compact);
    } else {
        filter.name = Some(query.to_string());
    }
    Ok(filter)
}

fn store_error(e: StoreError, query: &str, lang: Lang) -> CliError {
    match e {
        StoreError::NameTooShort { min } => invalid(tr_args(
            lang,
            "search-query-too-short",
            &[("query", format!("{query:?}").into()), ("min", min.into())],
        )),
        e => CliError::new(exit::STORE, e.message(lang)),
    }
}

/// `iin-desk search`.
pub(super) fn search(s: &mut Session, args: &SearchArgs) -> Result<u8, CliError> {
    let lang = s.ctx.lang;
    let filter = JournalFilter {
        requests: filter_of(args, lang)?,
        set_aside: args.set_aside,
    };
    let limit = parse_limit(args.limit.as_deref(), lang)?;
    let query = args.query.as_deref().unwrap_or("");
    let store_failed = |e: StoreError| CliError::new(exit::STORE, e.message(lang));
    s.store.use_search_cache().map_err(store_failed)?;
    let total = s
        .store
        .journal_count(&filter)
        .map_err(|e| store_error(e, query, lang))?;
    let rows = s
        .store
        .journal_page(&filter, None, 0, limit)
        .map_err(|e| store_error(e, query, lang))?
        .rows;
    // Why each was set aside (few: read whole).
    let aside: HashMap<String, SetAside> = if args.set_aside {
        let list = s.store.set_aside_requests().map_err(store_failed)?;
        list.into_iter().map(|e| (e.id.clone(), e)).collect()
    } else {
        HashMap::new()
    };
    if args.json {
        for r in &rows {
            let line = json_line(r, aside.get(&r.id), lang)
                .map_err(|e| CliError::new(exit::STORE, e.to_string()))?;
            println!("{line}");
        }
    } else {
        print_table(&rows, &aside, lang);
    }
    let found = if args.set_aside {
        "cli-search-set-aside-found"
    } else {
        "search-found"
    };
    eprintln!(
        "{}",
        tr_args(
            lang,
            found,
            &[("n", total.into()), ("shown", rows.len().into())]
        )
    );
    Ok(exit::OK)
}

/// One row as a JSON line; a set-aside request's has `set_aside`: since when, the reason
/// as stored (`conflict`, `damaged`, `refused: …`) and as the window words it.
fn json_line(
    row: &RequestRow,
    aside: Option<&SetAside>,
    lang: Lang,
) -> Result<String, serde_json::Error> {
    let mut value = serde_json::to_value(row)?;
    if let (Some(entry), Some(object)) = (aside, value.as_object_mut()) {
        object.insert(
            "set_aside".into(),
            serde_json::json!({
                "at": entry.at,
                "reason": entry.reason,
                "message": set_aside_reason(entry, lang),
            }),
        );
    }
    serde_json::to_string(&value)
}

/// Pads `text` to `width` characters.
fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    format!("{text}{}", " ".repeat(width.saturating_sub(n)))
}

fn print_table(rows: &[RequestRow], aside: &HashMap<String, SetAside>, lang: Lang) {
    let header = [
        (tr(lang, "search-col-time"), 19),
        (tr(lang, "search-col-id"), 36),
        (tr(lang, "search-col-status"), 17),
        (tr(lang, "search-col-clerk"), 10),
        (tr(lang, "search-col-iin"), 12),
        (tr(lang, "search-col-document"), 12),
        (tr(lang, "search-col-name"), 0),
    ];
    let widths: Vec<usize> = header
        .iter()
        .map(|(t, w)| (*w).max(t.chars().count()))
        .collect();
    let line = |cells: [&str; 7]| {
        let parts: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| pad(c, *w)).collect();
        println!("{}", parts.join("  ").trim_end());
    };
    let titles: Vec<&str> = header.iter().map(|(t, _)| t.as_str()).collect();
    line([
        titles[0], titles[1], titles[2], titles[3], titles[4], titles[5], titles[6],
    ]);
    for r in rows {
        // A draft's time is when it was started.
        let time = match (r.status, r.submitted_at.as_deref()) {
            (Status::Draft, _) | (_, None) => r.created_at.as_str(),
            (_, Some(t)) => t,
        };
        line([
            &time.replacen('T', " ", 1),
            &r.id,
            r.status.key(),
            &r.clerk,
            r.iin.as_deref().unwrap_or(""),
            &r.doc_number,
            &r.name,
        ]);
        // A set-aside request: why, under its line, as the request view says it.
        if let Some(entry) = aside.get(&r.id) {
            println!("    {}", set_aside_reason(entry, lang));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(query: &str) -> SearchArgs {
        SearchArgs {
            query: Some(query.into()),
            ..SearchArgs::default()
        }
    }

    #[test]
    fn the_query_is_read_as_the_window_reads_its_fields() {
        // (query, iin, document, name)
        let table = [
            ("850315300029", Some("850315300029"), None, None),
            ("8503 1530 0029", Some("850315300029"), None, None),
            ("FA0000001", None, Some("FA0000001"), None),
            ("N 123", None, Some("N123"), None),
            ("тестова", None, None, Some("тестова")),
            ("  Ivan  ", None, None, Some("Ivan")),
        ];
        for (q, iin, doc, name) in table {
            let f = filter_of(&args(q), Lang::En).unwrap();
            assert_eq!(f.iin.as_deref(), iin, "{q}");
            assert_eq!(f.doc_number.as_deref(), doc, "{q}");
            assert_eq!(f.name.as_deref(), name, "{q}");
            assert!(!f.include_drafts);
        }
    }

    #[test]
    fn bad_options_are_named() {
        // (args, the option named in the error)
        let table = [
            (
                SearchArgs {
                    status: Some("done".into()),
                    ..SearchArgs::default()
                },
                "--status",
            ),
            (
                SearchArgs {
                    from: Some("31.02.2026".into()),
                    ..SearchArgs::default()
                },
                "--from",
            ),
            (
                SearchArgs {
                    to: Some("tomorrow".into()),
                    ..SearchArgs::default()
                },
                "--to",
            ),
        ];
        for (a, option) in table {
            let e = filter_of(&a, Lang::En).err().map(|e| e.lines.join(""));
            assert!(e.as_deref().is_some_and(|e| e.contains(option)), "{e:?}");
        }
        for bad in ["0", "-3", "ten"] {
            let e = parse_limit(Some(bad), Lang::En)
                .err()
                .map(|e| e.lines.join(""));
            assert!(e.as_deref().is_some_and(|e| e.contains("--limit")), "{e:?}");
        }
        assert_eq!(parse_limit(Some("7"), Lang::En).ok(), Some(7));
        let drafts = SearchArgs {
            status: Some("draft".into()),
            from: Some("01.11.2026".into()),
            ..SearchArgs::default()
        };
        let f = filter_of(&drafts, Lang::En).unwrap();
        assert!(f.include_drafts);
        assert_eq!(f.from, NaiveDate::from_ymd_opt(2026, 11, 1));
    }
}
