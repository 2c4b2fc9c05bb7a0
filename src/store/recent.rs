//! The same person's requests of the last days: before a clerk accepts a request, the
//! requests of this store with the same document number, or the same name and birth date,
//! submitted since a given time (the window asks for 30 days).
//!
//! Two branches, each on an index: `requests_doc` (document number) and `requests_birth`
//! (birth date); the name is then compared in Rust with the skeletons of
//! [`crate::domain::dedup`], so Latin and Cyrillic spellings, transliteration variants and
//! the order of the parts do not hide the person. Drafts have neither column and are not
//! searched.

use chrono::NaiveDateTime;
use rusqlite::params;

use super::{ts, Store, StoreError};
use crate::domain::dedup::name_tokens;
use crate::domain::form::{parse_date, RequestForm};
use crate::domain::request::Status;

/// How many days back the editor looks for the same person.
pub const RECENT_DAYS: i64 = 30;

/// At most this many matches are returned (newest first).
const MAX_MATCHES: usize = 20;

/// Who the request being typed is about, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct RecentProbe {
    /// The request itself (never its own match).
    pub id: String,
    /// The document number (blanks and case ignored).
    pub doc_number: String,
    /// The birth date as typed (`DD.MM.YYYY` or ISO).
    pub birth_date: String,
    /// The name's parts, Latin and Cyrillic, as typed.
    pub names: Vec<String>,
}

impl RecentProbe {
    /// The probe of `form`.
    pub fn of(form: &RequestForm) -> RecentProbe {
        let a = &form.applicant;
        RecentProbe {
            id: form.id.clone(),
            doc_number: a.document_number.clone(),
            birth_date: a.birth_date.clone(),
            names: [
                &a.surname,
                &a.name,
                &a.patronymic,
                &a.surname_cyr,
                &a.name_cyr,
                &a.patronymic_cyr,
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
        }
    }

    /// The document number as records keep it: no blanks, upper case.
    fn document(&self) -> Option<String> {
        let n: String = self
            .doc_number
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        (!n.is_empty()).then_some(n)
    }

    /// The birth date as records keep it (ISO).
    fn birth(&self) -> Option<String> {
        parse_date(&self.birth_date).map(|d| d.format("%Y-%m-%d").to_string())
    }

    /// The name variants: the Latin parts (surname, name, patronymic) and the Cyrillic
    /// ones, each as sorted skeletons.
    fn name_variants(&self) -> Vec<Vec<String>> {
        let half = |range: std::ops::Range<usize>| {
            sorted_tokens(self.names.get(range).unwrap_or_default())
        };
        [half(0..3), half(3..6)]
            .into_iter()
            .filter(|v| !v.is_empty())
            .collect()
    }
}

fn sorted_tokens(parts: &[String]) -> Vec<String> {
    let mut tokens = name_tokens(parts.iter().map(String::as_str));
    tokens.sort();
    tokens
}

fn form_variants(form: &RequestForm) -> Vec<Vec<String>> {
    let a = &form.applicant;
    [
        sorted_tokens(&[a.surname.clone(), a.name.clone(), a.patronymic.clone()]),
        sorted_tokens(&[
            a.surname_cyr.clone(),
            a.name_cyr.clone(),
            a.patronymic_cyr.clone(),
        ]),
    ]
    .into_iter()
    .filter(|v| !v.is_empty())
    .collect()
}

/// Whether two names are the same person's: one spelling of each has the same parts,
/// after transliteration, in any order.
pub fn same_name(a: &[Vec<String>], b: &[Vec<String>]) -> bool {
    a.iter().any(|x| b.iter().any(|y| x == y))
}

/// A request of the same person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentMatch {
    /// Its id.
    pub id: String,
    /// Its status.
    pub status: Status,
    /// When it was submitted.
    pub submitted_at: String,
    /// The applicant's name as it was recorded: Cyrillic where known, else Latin.
    pub name: String,
    /// The document number is the same.
    pub same_document: bool,
    /// The name and the birth date are the same.
    pub same_name_and_birth: bool,
}

fn display_name(form: &RequestForm) -> String {
    let a = &form.applicant;
    let cyr = [&a.surname_cyr, &a.name_cyr, &a.patronymic_cyr];
    let lat = [&a.surname, &a.name, &a.patronymic];
    let parts = if cyr.iter().any(|s| !s.trim().is_empty()) {
        cyr
    } else {
        lat
    };
    parts
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The two branches, each on its index; `?1` the document, `?2` the birth date, `?3` the
/// request itself, `?4` the earliest submission.
const RECENT_SQL: &str = "
    SELECT id, status, submitted_at, data, 1 AS by_doc FROM requests INDEXED BY requests_doc
     WHERE doc_number = ?1 AND id <> ?3 AND status <> 'draft' AND submitted_at >= ?4
    UNION ALL
    SELECT id, status, submitted_at, data, 0 AS by_doc FROM requests INDEXED BY requests_birth
     WHERE birth_date = ?2 AND id <> ?3 AND status <> 'draft' AND submitted_at >= ?4
    ORDER BY submitted_at DESC, id";

impl Store {
    /// The requests since `since` of the person `probe` describes: the same document
    /// number, or the same name and birth date; newest first, each once.
    pub fn recent_same_person(
        &self,
        probe: &RecentProbe,
        since: NaiveDateTime,
    ) -> Result<Vec<RecentMatch>, StoreError> {
        let document = probe.document();
        let birth = probe.birth();
        if document.is_none() && birth.is_none() {
            return Ok(Vec::new());
        }
        let names = probe.name_variants();
        let mut stmt = self.conn.prepare_cached(RECENT_SQL)?;
        let rows = stmt.query_map(params![document, birth, probe.id, ts(since)], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, bool>(4)?,
            ))
        })?;
        let mut out: Vec<RecentMatch> = Vec::new();
        for row in rows {
            let (id, status, submitted_at, data, by_doc) = row?;
            let corrupt = |detail: String| StoreError::Corrupt {
                id: id.clone(),
                detail,
            };
            let form: RequestForm =
                serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?;
            let status = Status::from_key(&status)
                .ok_or_else(|| corrupt(format!("unknown status {status}")))?;
            let same_name_and_birth = birth.as_deref().is_some_and(|b| {
                parse_date(&form.applicant.birth_date)
                    .is_some_and(|d| d.format("%Y-%m-%d").to_string() == b)
            }) && same_name(&names, &form_variants(&form));
            if let Some(m) = out.iter_mut().find(|m| m.id == id) {
                m.same_document |= by_doc;
                m.same_name_and_birth |= same_name_and_birth;
                continue;
            }
            if !by_doc && !same_name_and_birth {
                continue;
            }
            out.push(RecentMatch {
                name: display_name(&form),
                id,
                status,
                submitted_at,
                same_document: by_doc,
                same_name_and_birth,
            });
        }
        out.truncate(MAX_MATCHES);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variants(parts: &[&str]) -> Vec<Vec<String>> {
        vec![sorted_tokens(
            &parts.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        )]
    }

    #[test]
    fn names_compare_by_skeleton_in_any_order() {
        // (a, b, same)
        let cases: [(&[&str], &[&str], bool); 6] = [
            (&["TESTOVA", "MALIKA"], &["Testova", "Malika"], true),
            (&["TESTOVA", "MALIKA"], &["MALIKA", "TESTOVA"], true),
            (&["ТЕСТОВА", "МАЛИКА"], &["TESTOVA", "MALIKA"], true),
            (&["KHAN", "YULIA"], &["XAN", "IULIA"], true),
            (&["TESTOVA", "MALIKA"], &["TESTOVA", "MADINA"], false),
            (&["TESTOVA", "MALIKA"], &["TESTOVA"], false),
        ];
        for (a, b, same) in cases {
            assert_eq!(same_name(&variants(a), &variants(b)), same, "{a:?} {b:?}");
        }
    }

    #[test]
    fn each_branch_uses_its_index() {
        let store = Store::open_in_memory().unwrap();
        let mut stmt = store
            .conn
            .prepare(&format!("EXPLAIN QUERY PLAN {RECENT_SQL}"))
            .unwrap();
        let plan: Vec<String> = stmt
            .query_map(
                params!["X", "1990-01-01", "id", "2026-01-01T00:00:00"],
                |r| r.get::<_, String>(3),
            )
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let text = plan.join("\n");
        assert!(text.contains("USING INDEX requests_doc"), "{text}");
        assert!(text.contains("USING INDEX requests_birth"), "{text}");
        assert!(!text.contains("SCAN requests"), "{text}");
    }

    #[test]
    fn the_probe_reads_the_typed_values() {
        let probe = RecentProbe {
            doc_number: " fa 123 ".into(),
            birth_date: "15.03.1990".into(),
            ..RecentProbe::default()
        };
        assert_eq!(probe.document().as_deref(), Some("FA123"));
        assert_eq!(probe.birth().as_deref(), Some("1990-03-15"));
        let empty = RecentProbe::default();
        assert_eq!((empty.document(), empty.birth()), (None, None));
        assert!(empty.name_variants().is_empty());
    }
}
