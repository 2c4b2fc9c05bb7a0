//! The journal's model: the search form as typed, the search in force and the pages of
//! rows fetched so far. The table asks for rows; the ones not loaded yet are noted, and
//! the app fetches each missing page once per search after the frame.

use std::collections::{BTreeSet, HashMap};

use crate::domain::form::parse_date;
use crate::domain::i18n::Msg;
use crate::domain::lang::Lang;
use crate::domain::request::Status;
use crate::store::{RequestFilter, RequestRow};

/// Rows fetched in one query.
pub const PAGE_ROWS: u64 = 100;

/// The journal's search form and its cached pages.
#[derive(Debug, Default)]
pub struct JournalState {
    /// IIN, as typed.
    pub iin: String,
    /// Part of a name.
    pub name: String,
    /// Document number.
    pub doc_number: String,
    /// From date, as typed.
    pub from: String,
    /// To date, as typed.
    pub to: String,
    /// Status.
    pub status: Option<Status>,
    /// Clerk's login.
    pub clerk: String,
    /// The search in force.
    pub filter: RequestFilter,
    /// How many rows match it.
    pub total: u64,
    /// Pages fetched so far, by page number.
    pub pages: HashMap<u64, Vec<RequestRow>>,
    /// Pages the table needed but the cache lacked.
    missing: BTreeSet<u64>,
    /// Focus the first search field on the next frame.
    pub focus_search: bool,
    /// A search field that does not parse.
    pub error: Option<String>,
}

impl JournalState {
    /// Builds the filter from the form, or says which field does not parse.
    pub fn filter_from_form(&self, lang: Lang) -> Result<RequestFilter, String> {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let date = |s: &str, label: &str| -> Result<Option<chrono::NaiveDate>, String> {
            if s.trim().is_empty() {
                return Ok(None);
            }
            parse_date(s).map(Some).ok_or_else(|| {
                format!(
                    "«{label}»: {}",
                    crate::domain::field::Problem::NotADate.message(lang)
                )
            })
        };
        Ok(RequestFilter {
            iin: opt(&self.iin).map(|s| s.chars().filter(|c| !c.is_whitespace()).collect()),
            name: opt(&self.name),
            doc_number: opt(&self.doc_number),
            from: date(&self.from, Msg("window-from").get(lang))?,
            to: date(&self.to, Msg("window-to").get(lang))?,
            status: self.status,
            clerk: opt(&self.clerk),
            include_drafts: false,
        })
    }

    /// Starts a new search: counts are set by the app, pages refetched as needed.
    pub fn reset(&mut self, filter: RequestFilter, total: u64) {
        self.filter = filter;
        self.total = total;
        self.pages.clear();
        self.missing.clear();
    }

    /// Row `i`, or `None` (and its page noted for fetching) when not loaded yet.
    pub fn row(&mut self, i: u64) -> Option<&RequestRow> {
        let page = i / PAGE_ROWS;
        if !self.pages.contains_key(&page) {
            self.missing.insert(page);
            return None;
        }
        self.pages
            .get(&page)
            .and_then(|p| p.get((i % PAGE_ROWS) as usize))
    }

    /// The pages to fetch after this frame.
    pub fn take_missing_pages(&mut self) -> Vec<u64> {
        std::mem::take(&mut self.missing).into_iter().collect()
    }
}
