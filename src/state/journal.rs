//! The journal's model: the search form as typed, the search in force and the pages of
//! rows fetched so far. The table asks for rows; the ones not loaded yet are noted, and
//! the app asks the journal worker for each missing page once per search after the frame
//! (`store::journal::worker`); its news arrive in later frames ([`JournalState::take_news`]),
//! and until then the table shows placeholder rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::domain::form::parse_date;
use crate::domain::i18n::{tr_args, Msg};
use crate::domain::lang::Lang;
use crate::domain::request::Status;
use crate::queue::reject::RejectReason;
use crate::queue::sync_worker::SyncStatus;
use crate::store::journal::worker::JournalNews;
use crate::store::journal::JournalFilter;
use crate::store::{RequestFilter, RequestRow, SetAside, MIN_NAME_CHARS};

/// The times of `row` over their limits, named for the journal's mark ("Over the
/// limit: Service time: 20:01 — over 20 min"), by the one rule of
/// [`crate::domain::timing`]; `None` when none is over (or none is known).
pub fn over_limits(row: &RequestRow, lang: Lang) -> Option<String> {
    use crate::domain::timing::{over_limit, time_text};
    let times = row.times();
    let day = row
        .opened_at
        .as_deref()
        .or(row.submitted_at.as_deref())
        .and_then(|s| s.get(..10))
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let limits = day.map_or_else(
        || crate::domain::edition::limits_on(chrono::NaiveDate::MAX),
        crate::domain::edition::limits_on,
    );
    let named = [
        (
            times.waiting,
            limits.max_waiting_minutes,
            Msg("times-waiting"),
        ),
        (
            times.service,
            limits.max_service_minutes,
            Msg("times-service"),
        ),
    ]
    .into_iter()
    .filter_map(|(d, limit, label)| {
        d.filter(|d| over_limit(*d, limit))
            .map(|d| time_text(label.get(lang), d, limit, lang))
    })
    .collect::<Vec<_>>();
    (!named.is_empty()).then(|| {
        tr_args(
            lang,
            "times-journal-over",
            &[("what", named.join("; ").into())],
        )
    })
}

/// The requests set aside (rejected by the central queue), as the window knows them.
///
/// The app loads them from the store ([`SetAsideMarks::load`]) when a screen that shows
/// them opens and after one is sent again; between those, a sync round that ends with
/// another list than the last one taken in brings it ([`SetAsideMarks::follow_sync`]).
#[derive(Debug, Clone, Default)]
pub struct SetAsideMarks {
    /// By request id.
    entries: BTreeMap<String, SetAside>,
    /// The sync's list when it was last taken in.
    from_sync: Vec<SetAside>,
}

impl SetAsideMarks {
    /// Takes the list the store holds now.
    pub fn load(&mut self, list: Vec<SetAside>) {
        self.entries = list.into_iter().map(|s| (s.id.clone(), s)).collect();
    }

    /// Takes the sync's list when a round ended with another one than last taken in (the
    /// list read from the store since stays until then: it is newer).
    pub fn follow_sync(&mut self, sync: Option<&SyncStatus>) {
        let Some(status) = sync else { return };
        if status.set_aside != self.from_sync {
            self.from_sync = status.set_aside.clone();
            self.load(status.set_aside.clone());
        }
    }

    /// The request `id`'s entry, when it is set aside.
    pub fn get(&self, id: &str) -> Option<&SetAside> {
        self.entries.get(id)
    }

    /// Every entry, oldest first.
    pub fn list(&self) -> Vec<&SetAside> {
        let mut list: Vec<&SetAside> = self.entries.values().collect();
        list.sort_by(|a, b| (&a.at, &a.id).cmp(&(&b.at, &b.id)));
        list
    }

    /// Whether none is set aside.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Why and since when `entry` is set aside, in `lang`: the mark's hover text and the
/// request view's line ("Rejected by the central queue on 25.11.2026 10:00: …").
pub fn set_aside_reason(entry: &SetAside, lang: Lang) -> String {
    let when = crate::queue::protocol::parse_ts(&entry.at).map_or_else(
        || entry.at.clone(),
        |t| t.format("%d.%m.%Y %H:%M").to_string(),
    );
    tr_args(
        lang,
        "set-aside-reason",
        &[
            ("when", when.into()),
            (
                "reason",
                RejectReason::from_stored(&entry.reason)
                    .message(lang)
                    .into(),
            ),
        ],
    )
}

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
    /// Only the requests set aside (the status filter's last choice; `status` is `None`).
    pub set_aside_only: bool,
    /// Clerk's login.
    pub clerk: String,
    /// The search in force.
    pub filter: JournalFilter,
    /// The requests set aside: their rows are marked, Today lists them, the request view
    /// shows why.
    pub set_aside: SetAsideMarks,
    /// How many rows match it.
    pub total: u64,
    /// Pages fetched so far, by page number.
    pub pages: HashMap<u64, Vec<RequestRow>>,
    /// Pages the table needed but the cache lacked.
    missing: BTreeSet<u64>,
    /// Pages asked for and not arrived yet.
    requested: BTreeSet<u64>,
    /// The number of the search in force (news of older ones are dropped).
    pub generation: u64,
    /// Whether the search in force is still being counted (`total` is what arrived so far).
    pub counting: bool,
    /// Focus the first search field on the next frame.
    pub focus_search: bool,
    /// A search field that does not parse.
    pub error: Option<String>,
    /// The row chosen with the keyboard (Enter opens it).
    pub selected: Option<u64>,
    /// The row the table scrolls to on the next frame.
    pub scroll_to: Option<u64>,
}

/// A key of the journal table's keyboard path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKey {
    /// One row up.
    Up,
    /// One row down.
    Down,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// The first (newest) row.
    Home,
    /// The last row.
    End,
}

impl JournalState {
    /// Builds the filter from the form, or says which field does not parse.
    pub fn filter_from_form(&self, lang: Lang) -> Result<JournalFilter, String> {
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
        let name = opt(&self.name);
        if let Some(n) = &name {
            if n.chars().count() < MIN_NAME_CHARS {
                return Err(format!(
                    "«{}»: {}",
                    Msg("window-name-filter").get(lang),
                    tr_args(
                        lang,
                        "search-name-too-short",
                        &[("min", MIN_NAME_CHARS.into())]
                    )
                ));
            }
        }
        let requests = RequestFilter {
            iin: opt(&self.iin).map(|s| s.chars().filter(|c| !c.is_whitespace()).collect()),
            name,
            doc_number: opt(&self.doc_number),
            from: date(&self.from, Msg("window-from").get(lang))?,
            to: date(&self.to, Msg("window-to").get(lang))?,
            status: self.status.filter(|_| !self.set_aside_only),
            clerk: opt(&self.clerk),
            include_drafts: false,
        };
        Ok(JournalFilter {
            requests,
            set_aside: self.set_aside_only,
        })
    }

    /// Starts the search `filter` answered by the worker: forgets the old pages, counts
    /// from nothing; returns its number, for the worker's job.
    pub fn begin(&mut self, filter: JournalFilter) -> u64 {
        self.generation += 1;
        self.filter = filter;
        self.total = 0;
        self.counting = true;
        self.error = None;
        self.pages.clear();
        self.missing.clear();
        self.requested.clear();
        self.selected = None;
        self.scroll_to = Some(0);
        self.generation
    }

    /// Moves the selection by `key` over the rows found, `page` rows to a screen; the first
    /// key selects the first row. The table is scrolled to the new selection.
    pub fn select(&mut self, key: TableKey, page: u64) {
        let Some(last) = self.total.checked_sub(1) else {
            self.selected = None;
            return;
        };
        let page = page.max(1);
        let at = match (self.selected, key) {
            (None, TableKey::End) => last,
            (None, _) => 0,
            (Some(i), TableKey::Up) => i.saturating_sub(1),
            (Some(i), TableKey::Down) => i.saturating_add(1),
            (Some(i), TableKey::PageUp) => i.saturating_sub(page),
            (Some(i), TableKey::PageDown) => i.saturating_add(page),
            (Some(_), TableKey::Home) => 0,
            (Some(_), TableKey::End) => last,
        }
        .min(last);
        self.selected = Some(at);
        self.scroll_to = Some(at);
    }

    /// The id of the selected row, when it is loaded.
    pub fn selected_id(&mut self) -> Option<String> {
        let i = self.selected?;
        self.row(i).map(|r| r.id.clone())
    }

    /// Takes in what the worker found for the search in force (older news is dropped).
    pub fn take_news(&mut self, news: JournalNews, lang: Lang) {
        match news {
            JournalNews::Page {
                generation,
                page,
                rows,
            } if generation == self.generation => {
                self.requested.remove(&page);
                if self.counting {
                    // The first page shows before the count arrives.
                    self.total = self.total.max(page * PAGE_ROWS + rows.len() as u64);
                }
                self.pages.insert(page, rows);
            }
            JournalNews::Counted { generation, total } if generation == self.generation => {
                self.total = total;
                self.counting = false;
            }
            JournalNews::Failed { generation, error } if generation == self.generation => {
                self.counting = false;
                self.requested.clear();
                self.error = Some(error.message(lang));
            }
            _ => {}
        }
    }

    /// Starts a new search: counts are set by the app, pages refetched as needed.
    pub fn reset(&mut self, filter: JournalFilter, total: u64) {
        self.filter = filter;
        self.total = total;
        self.pages.clear();
        self.missing.clear();
        self.requested.clear();
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

    /// The pages to fetch after this frame (each once: not those already asked for).
    pub fn take_missing_pages(&mut self) -> Vec<u64> {
        let missing: Vec<u64> = std::mem::take(&mut self.missing)
            .into_iter()
            .filter(|p| !self.requested.contains(p))
            .collect();
        self.requested.extend(missing.iter().copied());
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::StoreError;

    fn row(id: &str) -> RequestRow {
        RequestRow {
            id: id.into(),
            kind: "formation".into(),
            status: Status::Accepted,
            submitted_at: None,
            due_at: None,
            clerk: String::new(),
            counter: String::new(),
            iin: None,
            name: String::new(),
            doc_number: String::new(),
            created_at: String::new(),
            opened_at: None,
            ticket_taken_at: None,
        }
    }

    #[test]
    fn the_journal_marks_a_time_over_its_limit_by_the_one_rule() {
        let timed = |taken: Option<&str>, opened: Option<&str>, submitted: &str| RequestRow {
            submitted_at: Some(submitted.into()),
            opened_at: opened.map(str::to_string),
            ticket_taken_at: taken.map(str::to_string),
            ..row("id")
        };
        let table = [
            (
                timed(
                    Some("09:45"),
                    Some("2026-11-25T10:00:00"),
                    "2026-11-25T10:20:00",
                ),
                None,
            ),
            (
                timed(
                    Some("09:44"),
                    Some("2026-11-25T10:00:00"),
                    "2026-11-25T10:20:00",
                ),
                Some("Over the limit: Waiting in the queue: 16:00 — over 15 min"),
            ),
            (
                timed(None, Some("2026-11-25T10:00:00"), "2026-11-25T10:20:01"),
                Some("Over the limit: Service time: 20:01 — over 20 min"),
            ),
            (
                timed(
                    Some("09:00"),
                    Some("2026-11-25T10:00:00"),
                    "2026-11-25T11:00:00",
                ),
                Some(
                    "Over the limit: Waiting in the queue: 60:00 — over 15 min; \
                     Service time: 60:00 — over 20 min",
                ),
            ),
            // Imported: nothing measured, nothing marked.
            (timed(None, None, "2026-11-25T11:00:00"), None),
        ];
        for (r, expected) in table {
            assert_eq!(over_limits(&r, Lang::En).as_deref(), expected, "{r:?}");
        }
    }

    #[test]
    fn the_keyboard_moves_the_selection_within_the_rows() {
        let mut j = JournalState::default();
        j.select(TableKey::Down, 10);
        assert_eq!(j.selected, None, "nothing to select");
        j.begin(JournalFilter::default());
        j.total = 25;
        // (key, page, selected after)
        let table = [
            (TableKey::Down, 10, 0),
            (TableKey::Down, 10, 1),
            (TableKey::Up, 10, 0),
            (TableKey::Up, 10, 0),
            (TableKey::PageDown, 10, 10),
            (TableKey::PageDown, 10, 20),
            (TableKey::PageDown, 10, 24),
            (TableKey::PageUp, 10, 14),
            (TableKey::Home, 10, 0),
            (TableKey::End, 10, 24),
            (TableKey::Down, 10, 24),
            (TableKey::PageUp, 0, 23),
        ];
        for (key, page, want) in table {
            j.select(key, page);
            assert_eq!(j.selected, Some(want), "{key:?}");
            assert_eq!(j.scroll_to, Some(want));
        }
        j.begin(JournalFilter::default());
        assert_eq!(j.selected, None, "a new search starts unselected");
        j.total = 3;
        j.select(TableKey::End, 10);
        assert_eq!(j.selected, Some(2));
        assert_eq!(j.selected_id(), None, "its page has not arrived");
        j.pages.insert(0, vec![row("a"), row("b"), row("c")]);
        assert_eq!(j.selected_id().as_deref(), Some("c"));
    }

    #[test]
    fn news_of_the_search_in_force_fills_the_table_and_older_news_is_dropped() {
        let mut j = JournalState::default();
        let old = j.begin(JournalFilter::default());
        let now = j.begin(JournalFilter::default());
        assert!(j.counting);
        assert!(j.row(0).is_none());
        assert_eq!(j.take_missing_pages(), vec![0]);
        // Asked for already: not asked again while it is on its way.
        assert!(j.row(5).is_none());
        assert!(j.take_missing_pages().is_empty());
        j.take_news(
            JournalNews::Page {
                generation: old,
                page: 0,
                rows: vec![row("old")],
            },
            Lang::En,
        );
        assert!(j.row(0).is_none());
        let _ = j.take_missing_pages();
        j.take_news(
            JournalNews::Page {
                generation: now,
                page: 0,
                rows: vec![row("a"), row("b")],
            },
            Lang::En,
        );
        assert_eq!(j.total, 2, "the first page shows before the count");
        assert_eq!(j.row(1).map(|r| r.id.as_str()), Some("b"));
        j.take_news(
            JournalNews::Counted {
                generation: old,
                total: 9,
            },
            Lang::En,
        );
        assert!(j.counting);
        j.take_news(
            JournalNews::Counted {
                generation: now,
                total: 250,
            },
            Lang::En,
        );
        assert_eq!((j.total, j.counting), (250, false));
        assert!(j.row(120).is_none());
        assert_eq!(j.take_missing_pages(), vec![1]);
        j.take_news(
            JournalNews::Failed {
                generation: now,
                error: StoreError::Busy,
            },
            Lang::En,
        );
        assert!(j.error.is_some());
    }

    #[test]
    fn a_name_of_one_or_two_characters_asks_for_more() {
        for (typed, ok) in [
            ("a", false),
            (" ab ", false),
            ("abc", true),
            ("ӘБІ", true),
            ("", true),
        ] {
            let j = JournalState {
                name: typed.into(),
                ..JournalState::default()
            };
            let r = j.filter_from_form(Lang::En);
            assert_eq!(r.is_ok(), ok, "{typed:?}: {r:?}");
            if let Err(e) = r {
                assert!(e.contains("Name") && e.contains("at least 3"), "{e}");
            }
        }
    }

    fn aside(id: &str, at: &str) -> SetAside {
        SetAside {
            id: id.into(),
            reason: "conflict".into(),
            at: at.into(),
        }
    }

    #[test]
    fn the_set_aside_choice_of_the_status_filter_asks_for_set_aside_requests_only() {
        // (status chosen, set aside only, the filter's status, the filter's set_aside)
        let table = [
            (None, false, None, false),
            (Some(Status::Formed), false, Some(Status::Formed), false),
            (None, true, None, true),
            (Some(Status::Formed), true, None, true),
        ];
        for (status, only, want_status, want_aside) in table {
            let j = JournalState {
                status,
                set_aside_only: only,
                ..JournalState::default()
            };
            let f = j.filter_from_form(Lang::En).unwrap_or_default();
            assert_eq!(f.requests.status, want_status, "{status:?} {only}");
            assert_eq!(f.set_aside, want_aside, "{status:?} {only}");
            assert!(!f.requests.include_drafts);
        }
    }

    #[test]
    fn the_marks_follow_the_store_and_a_sync_round_that_ended_with_another_list() {
        let mut marks = SetAsideMarks::default();
        marks.load(vec![
            aside("b", "2026-11-25T10:00:00"),
            aside("a", "2026-11-25T10:00:00"),
        ]);
        let ids = |m: &SetAsideMarks| m.list().iter().map(|s| s.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&marks), ["a", "b"], "oldest first, then by id");
        // The sync's status before its first round: nothing to take.
        let mut sync = SyncStatus::default();
        marks.follow_sync(Some(&sync));
        assert_eq!(ids(&marks), ["a", "b"]);
        // A round ended with both set aside: taken.
        sync.set_aside = vec![
            aside("a", "2026-11-25T10:00:00"),
            aside("b", "2026-11-25T10:00:00"),
        ];
        marks.follow_sync(Some(&sync));
        assert_eq!(ids(&marks), ["a", "b"]);
        // Sent again from the window: the store's newer list stays while the sync's
        // is the one already taken in.
        marks.load(vec![aside("b", "2026-11-25T10:00:00")]);
        marks.follow_sync(Some(&sync));
        assert_eq!(ids(&marks), ["b"]);
        assert!(marks.get("a").is_none() && marks.get("b").is_some());
        // The next round rejected it again: its list differs, and shows it.
        sync.set_aside = vec![
            aside("b", "2026-11-25T10:00:00"),
            aside("a", "2026-11-25T11:00:00"),
        ];
        marks.follow_sync(Some(&sync));
        assert_eq!(ids(&marks), ["b", "a"]);
        marks.follow_sync(None);
        assert!(!marks.is_empty());
    }

    #[test]
    fn the_reason_reads_in_the_clerks_language_with_its_date() {
        let entry = aside("a", "2026-11-25T10:05:00");
        assert_eq!(
            set_aside_reason(&entry, Lang::En),
            format!(
                "Rejected by the central queue on 25.11.2026 10:05: {}",
                RejectReason::Conflict.message(Lang::En)
            )
        );
        for lang in Lang::ALL {
            assert!(set_aside_reason(&entry, lang).contains("25.11.2026 10:05"));
        }
    }
}
