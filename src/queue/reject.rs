//! Requests the central queue refuses for what they are, as opposed to faults of the
//! queue as a whole.
//!
//! A **connection fault** (the file or server unreachable, locked, a wrong password, a
//! newer schema, a lost connection) is about every request alike: the round fails,
//! nothing changes locally and everything is tried again later. A **rejection** is about
//! one request: the queue refuses *that* request's content. It is **set aside** locally
//! with its reason ([`crate::store::SetAside`]), skipped by the next rounds, shown to the
//! clerk and the supervisor, and never holds up the rest of the outbox (the stuck-outbox
//! failure of other registration systems); a supervisor sends it again once the cause
//! is fixed (`iin-desk queue retry ID`).
//!
//! What counts as a rejection: on either backend, a push outcome of
//! [`PushOutcome::Conflict`] (the id is there with other data, or is another office's
//! request) or [`PushOutcome::Damaged`] (hash, id or fields do not check out at the
//! receiver); on a server, an error of the classes [`ROW_FAULT_CLASSES`] for the row;
//! on a file, an error of one request that is not about the file as a whole.

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::domain::account::Role;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::queue::protocol::{parse_ts, PushOutcome};
use crate::queue::QueueError;
use crate::store::{SetAside, Store};

/// Why the queue refused one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "detail", rename_all = "snake_case")]
pub enum RejectReason {
    /// The request's id is in the queue with other data, or is another office's request.
    Conflict,
    /// The request's content does not check out (its hash, its id or its fields), or it
    /// cannot be made into a message from the local copy.
    Damaged,
    /// The server refused the row itself (a constraint or a value it does not take);
    /// the server's own message, which quotes no row data.
    Refused(String),
}

/// The SQLSTATE classes that are one row's fault when a server refuses a pushed batch:
/// 22 (data exception) and 23 (integrity constraint violation). Anything else (a lost
/// connection, missing rights, a wrong schema) is the connection's fault.
pub const ROW_FAULT_CLASSES: [&str; 2] = ["22", "23"];

/// Whether a server error code (SQLSTATE) is one row's fault.
pub fn is_row_fault(sqlstate: &str) -> bool {
    ROW_FAULT_CLASSES.iter().any(|c| sqlstate.starts_with(c))
}

impl RejectReason {
    /// The reason a push outcome gives, if the outcome is a rejection.
    pub fn of_outcome(outcome: PushOutcome) -> Option<RejectReason> {
        match outcome {
            PushOutcome::Conflict => Some(RejectReason::Conflict),
            PushOutcome::Damaged => Some(RejectReason::Damaged),
            PushOutcome::Inserted | PushOutcome::AlreadyThere | PushOutcome::ResultAdopted => None,
        }
    }

    /// The reason as stored locally: `conflict`, `damaged` or `refused: DETAIL`.
    pub fn to_stored(&self) -> String {
        match self {
            RejectReason::Conflict => "conflict".into(),
            RejectReason::Damaged => "damaged".into(),
            RejectReason::Refused(detail) => format!("refused: {detail}"),
        }
    }

    /// The reason from its stored text (an unknown text is kept as the server's words).
    pub fn from_stored(text: &str) -> RejectReason {
        match text {
            "conflict" => RejectReason::Conflict,
            "damaged" => RejectReason::Damaged,
            other => {
                RejectReason::Refused(other.strip_prefix("refused: ").unwrap_or(other).to_string())
            }
        }
    }

    /// The reason in `lang`, for the clerk and the supervisor.
    pub fn message(&self, lang: Lang) -> String {
        match self {
            RejectReason::Conflict => tr(lang, "server-reject-conflict"),
            RejectReason::Damaged => tr(lang, "server-reject-damaged"),
            RejectReason::Refused(detail) => tr_args(
                lang,
                "server-reject-refused",
                &[("detail", detail.clone().into())],
            ),
        }
    }
}

/// A request set aside as one line in `lang`: its id, when, and the reason.
pub fn set_aside_line(s: &SetAside, lang: Lang) -> String {
    let when =
        parse_ts(&s.at).map_or_else(|| s.at.clone(), |t| t.format("%d.%m.%Y %H:%M").to_string());
    tr_args(
        lang,
        "server-set-aside-line",
        &[
            ("id", s.id.clone().into()),
            ("when", when.into()),
            (
                "reason",
                RejectReason::from_stored(&s.reason).message(lang).into(),
            ),
        ],
    )
}

/// The roles that send a set-aside request again (`iin-desk queue retry`, the window's
/// *Send again*): a clerk sees the request set aside and calls one of them.
pub const RETRY_ROLES: [Role; 2] = [Role::Supervisor, Role::Administrator];

/// Whether `role` may send a set-aside request again ([`RETRY_ROLES`]).
pub fn may_retry(role: Role) -> bool {
    RETRY_ROLES.contains(&role)
}

/// Puts a request set aside back into the outbox, for a supervisor once the cause is
/// fixed (audited): the next round sends it again. Refused with
/// [`QueueError::NotSetAside`] when it is not set aside.
pub fn retry_set_aside(
    store: &mut Store,
    id: &str,
    actor: &str,
    now: NaiveDateTime,
) -> Result<(), QueueError> {
    if store.retry_set_aside(id, actor, now)? {
        Ok(())
    } else {
        Err(QueueError::NotSetAside(id.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_outcome_is_judged_as_the_table_says() {
        let table: Vec<(PushOutcome, Option<RejectReason>)> = vec![
            (PushOutcome::Inserted, None),
            (PushOutcome::AlreadyThere, None),
            (PushOutcome::ResultAdopted, None),
            (PushOutcome::Conflict, Some(RejectReason::Conflict)),
            (PushOutcome::Damaged, Some(RejectReason::Damaged)),
        ];
        for (outcome, reason) in table {
            assert_eq!(RejectReason::of_outcome(outcome), reason, "{outcome:?}");
        }
    }

    #[test]
    fn only_a_supervisor_or_an_administrator_sends_a_request_again() {
        let table = [
            (Role::Clerk, false),
            (Role::Supervisor, true),
            (Role::BackOffice, false),
            (Role::Administrator, true),
        ];
        assert_eq!(table.len(), Role::ALL.len(), "every role is judged");
        for (role, may) in table {
            assert_eq!(may_retry(role), may, "{role:?}");
        }
    }

    #[test]
    fn sqlstates_are_row_faults_only_in_their_classes() {
        let table = [
            ("23514", true),  // check_violation
            ("23505", true),  // unique_violation
            ("22001", true),  // string_data_right_truncation
            ("22021", true),  // character_not_in_repertoire (a NUL byte)
            ("08006", false), // connection_failure
            ("57P01", false), // admin_shutdown
            ("42501", false), // insufficient_privilege
            ("28P01", false), // invalid_password
            ("40001", false), // serialization_failure
            ("3D000", false), // invalid_catalog_name
        ];
        for (code, fault) in table {
            assert_eq!(is_row_fault(code), fault, "{code}");
        }
    }

    #[test]
    fn reasons_round_trip_through_their_stored_text() {
        for reason in [
            RejectReason::Conflict,
            RejectReason::Damaged,
            RejectReason::Refused("new row violates check constraint \"x\" (23514)".into()),
        ] {
            assert_eq!(RejectReason::from_stored(&reason.to_stored()), reason);
            for lang in Lang::ALL {
                assert!(!reason.message(lang).is_empty());
            }
        }
    }
}
