//! The back office (MIA operator) over the central queue file: the incoming requests
//! oldest first with their deadlines, claiming one, the case with possible duplicates
//! from the registry, and the three decisions — form the IIN, correct, refuse (Rules,
//! paras 10 and 15). The GUI's screen calls this API; `iin-desk backoffice run` uses it
//! without a screen.
//!
//! Two operators never decide the same request: a claim is taken in a transaction and
//! every decision checks, in its own transaction, that the deciding operator still holds
//! it. A claim expires after a timeout, so a crashed operator's requests come back.
//! Every action is audited in the central file with ids and codes only.

use crate::store::SecretKey;
use std::cell::RefCell;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDateTime;
use serde::Serialize;
use uuid::Uuid;

use super::central::{
    self, apply_correction, audit, candidates, is_known_iin, register, stored_request, ts_opt,
    write_result, CentralOptions, OpenMode,
};
use super::location::{Queue, QueueLocation};
use super::protocol::{format_ts, PersonRecord, ResultMessage, ResultStatus};
use super::server::adopt::complete_if_server;
use super::sql::{vals, Sql};
use super::QueueError;
use crate::domain::dedup::Match;
use crate::domain::form::RequestForm;
use crate::domain::iin::{generate_free, Iin};
use crate::domain::request::{transition, Event, RefusalGround, Request, RequestKind, Status};
use crate::store::{Store, SYNC_CENTRAL_FILE_ID};

/// How the back office behaves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackOfficeOptions {
    /// How long a claim lasts without being renewed (claiming again renews it).
    pub claim_timeout: Duration,
}

impl Default for BackOfficeOptions {
    fn default() -> Self {
        BackOfficeOptions {
            claim_timeout: Duration::from_secs(30 * 60),
        }
    }
}

/// One line of the incoming list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IncomingItem {
    /// The request id.
    pub id: String,
    /// Its kind.
    pub kind: RequestKind,
    /// When the applicant handed in the package.
    pub submitted_at: Option<NaiveDateTime>,
    /// The service deadline.
    pub due_at: Option<NaiveDateTime>,
    /// Whether the deadline has passed.
    pub overdue: bool,
    /// The operator holding a live claim on it, if any.
    pub claimed_by: Option<String>,
    /// Until when that claim holds.
    pub claim_until: Option<NaiveDateTime>,
    /// The automatic run left it for a person (possible duplicates, IIN not registered).
    pub needs_person: bool,
}

/// A claim held by this operator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Claim {
    /// The request.
    pub id: String,
    /// When the claim expires unless renewed.
    pub until: NaiveDateTime,
}

/// A registered person who may be the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    /// The registered person.
    pub person: PersonRecord,
    /// The score and the reasons.
    pub found: Match,
}

/// Everything the operator needs to decide one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The request id.
    pub id: String,
    /// The data and documents as the counter recorded them.
    pub form: RequestForm,
    /// The same, validated.
    pub request: Request,
    /// The service deadline.
    pub due_at: Option<NaiveDateTime>,
    /// For a correction: the person registered under the current IIN, if any.
    pub registered: Option<PersonRecord>,
    /// Registered persons who may be the applicant, best first (for a correction,
    /// others than the one being corrected).
    pub duplicates: Vec<Duplicate>,
}

/// What an automatic run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AutoReport {
    /// IINs formed.
    pub formed: usize,
    /// Corrections applied.
    pub corrected: usize,
    /// Requests left for a person.
    pub left_for_person: usize,
}

/// The back office's session on the central file.
#[derive(Debug)]
pub struct BackOffice {
    central: Queue,
    operator: String,
    options: BackOfficeOptions,
}

impl BackOffice {
    /// Opens the central queue for `operator` (a staff login): the file at `path`, or
    /// the server if `path` is a `postgresql://` URL (see [`QueueLocation::parse`]).
    pub fn open(
        path: &Path,
        mode: OpenMode,
        central_options: CentralOptions,
        key: &SecretKey,
        operator: &str,
        options: BackOfficeOptions,
    ) -> Result<BackOffice, QueueError> {
        let location = QueueLocation::from_path(path);
        Ok(BackOffice {
            central: Queue::open(&location, mode, central_options, Some(key))?,
            operator: operator.to_string(),
            options,
        })
    }

    /// Opens the central file for the back office of this installation, with the same
    /// rule as a counter: the file is created only if this installation has never used
    /// one (a share that is just unmounted must not get a new, empty queue); the file's
    /// id is remembered in the local `store`. `now` dates the queue key's creation when
    /// this installation makes the office's queue.
    pub fn open_for_installation(
        store: &mut Store,
        path: &Path,
        central_options: CentralOptions,
        operator: &str,
        options: BackOfficeOptions,
        now: chrono::NaiveDateTime,
    ) -> Result<BackOffice, QueueError> {
        let remembered = store.sync_value(SYNC_CENTRAL_FILE_ID)?;
        let mode = if remembered.is_some() {
            OpenMode::MustExist
        } else {
            OpenMode::CreateIfMissing
        };
        let location = QueueLocation::from_path(path);
        let (key, sealed) = match &location {
            QueueLocation::File(path) => (
                Some(crate::queue::sync::installation_queue_key(
                    store,
                    path,
                    mode == OpenMode::CreateIfMissing,
                    operator,
                    now,
                )?),
                None,
            ),
            QueueLocation::Server(_) => (None, store.server_password()?),
        };
        let office = BackOffice {
            central: Queue::open_sealed(&location, mode, central_options, key.as_ref(), sealed)?,
            operator: operator.to_string(),
            options,
        };
        if remembered.as_deref() != Some(office.central.file_id()) {
            store.set_sync_value(SYNC_CENTRAL_FILE_ID, office.central.file_id())?;
        }
        Ok(office)
    }

    /// The central queue (counts, registry look-ups).
    pub fn central(&mut self) -> &mut Queue {
        &mut self.central
    }

    /// The operator's login.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The requests waiting for a decision, oldest first, with their deadlines and who
    /// holds them.
    pub fn incoming(&mut self, now: NaiveDateTime) -> Result<Vec<IncomingItem>, QueueError> {
        let now_text = format_ts(now);
        self.central.read(|tx| {
            let rows = tx.query(
                "SELECT id, kind, submitted_at, due_at, claimed_by, claim_until, needs_person
                 FROM requests WHERE state = 'pending' ORDER BY submitted_at, id",
                &[],
            )?;
            let mut out = Vec::new();
            for row in rows {
                let (id, kind, submitted, due, claimed_by, until, needs) = (
                    row.text(0)?,
                    row.text(1)?,
                    row.opt_text(2)?,
                    row.opt_text(3)?,
                    row.opt_text(4)?,
                    row.opt_text(5)?,
                    row.int(6)?,
                );
                let live = until.as_deref().is_some_and(|u| u >= now_text.as_str());
                let kind =
                    RequestKind::from_key(&kind).ok_or_else(|| QueueError::Damaged(id.clone()))?;
                let due_at = ts_opt(due);
                out.push(IncomingItem {
                    id,
                    kind,
                    submitted_at: ts_opt(submitted),
                    due_at,
                    overdue: due_at.is_some_and(|d| d < now),
                    claimed_by: claimed_by.filter(|_| live),
                    claim_until: ts_opt(until).filter(|_| live),
                    needs_person: needs != 0,
                });
            }
            Ok(out)
        })
    }

    /// Claims request `id` for this operator, or renews this operator's claim. Fails if
    /// another operator holds a live claim or the request is decided.
    pub fn claim(&mut self, id: &str, now: NaiveDateTime) -> Result<Claim, QueueError> {
        let operator = self.operator.clone();
        let until =
            now + chrono::Duration::from_std(self.options.claim_timeout).unwrap_or_default();
        self.central.write(|tx| {
            complete_if_server(tx, now)?;
            let row = claim_row(tx, id)?;
            if row.state != "pending" {
                return Err(QueueError::AlreadyDecided(id.to_string()));
            }
            if row.held_by_other(&operator, now) {
                return Err(QueueError::ClaimedByOther(id.to_string()));
            }
            tx.execute(
                "UPDATE requests SET claimed_by = $2, claim_until = $3 WHERE id = $1",
                vals![id, &operator, format_ts(until)],
            )?;
            audit(tx, now, &operator, "backoffice.claim", Some(id), "")?;
            Ok(Claim {
                id: id.to_string(),
                until,
            })
        })
    }

    /// Claims the oldest request nobody holds, if any.
    pub fn claim_next(&mut self, now: NaiveDateTime) -> Result<Option<Claim>, QueueError> {
        loop {
            let now_text = format_ts(now);
            let operator = self.operator.clone();
            let next: Option<String> = self.central.read(|tx| {
                tx.query_opt(
                    "SELECT id FROM requests WHERE state = 'pending'
                       AND (claimed_by IS NULL OR claimed_by = $1 OR claim_until < $2)
                     ORDER BY submitted_at, id LIMIT 1",
                    vals![&operator, &now_text],
                )?
                .map(|r| r.text(0))
                .transpose()
            })?;
            let Some(id) = next else {
                return Ok(None);
            };
            match self.claim(&id, now) {
                Ok(c) => return Ok(Some(c)),
                // Someone was quicker between the look and the claim: take the next.
                Err(QueueError::ClaimedByOther(_)) | Err(QueueError::AlreadyDecided(_)) => continue,
                Err(e) => return Err(e),
            }
        }
    }

    /// Gives a claimed request back to the queue.
    pub fn release(&mut self, id: &str, now: NaiveDateTime) -> Result<(), QueueError> {
        let operator = self.operator.clone();
        self.central.write(|tx| {
            let row = claim_row(tx, id)?;
            if row.claimed_by.as_deref() == Some(operator.as_str()) {
                tx.execute(
                    "UPDATE requests SET claimed_by = NULL, claim_until = NULL WHERE id = $1",
                    vals![id],
                )?;
                audit(tx, now, &operator, "backoffice.release", Some(id), "")?;
            }
            Ok(())
        })
    }

    /// The case of request `id`: the recorded data and documents, the registered person
    /// (for a correction) and possible duplicates from the registry.
    pub fn case(&mut self, id: &str) -> Result<Case, QueueError> {
        self.central.read(|tx| {
            let (form, request) =
                stored_request(tx, id)?.ok_or_else(|| QueueError::NotFound(id.to_string()))?;
            let due_at: Option<String> = tx
                .query_opt("SELECT due_at FROM requests WHERE id = $1", vals![id])?
                .map(|r| r.opt_text(0))
                .transpose()?
                .flatten();
            let current = request.correction.as_ref().map(|c| c.current_iin.clone());
            let registered = match &current {
                Some(iin) => central::person(&mut *tx, iin)?,
                None => None,
            };
            let duplicates = candidates(tx, &request.identity_after())?
                .into_iter()
                .filter(|(p, _)| Some(&p.iin) != current.as_ref())
                .map(|(person, found)| Duplicate { person, found })
                .collect();
            Ok(Case {
                id: id.to_string(),
                form: form.clone(),
                request: request.clone(),
                due_at: ts_opt(due_at),
                registered,
                duplicates,
            })
        })
    }

    /// Forms an IIN for a claimed formation request and registers the person. If the
    /// registry holds possible duplicates, the formation is refused with
    /// [`QueueError::PossiblyRegistered`] (the operator then refuses on para 15.3) unless
    /// `override_reason` says why the applicant is someone else.
    pub fn form_iin(
        &mut self,
        id: &str,
        override_reason: Option<&str>,
        comment: &str,
        now: NaiveDateTime,
    ) -> Result<Iin, QueueError> {
        let operator = self.operator.clone();
        let reason = match override_reason.map(str::trim) {
            Some("") => return Err(QueueError::ReasonRequired),
            other => other.map(str::to_string),
        };
        self.central.write(|tx| {
            let (_, request) = held(tx, id, &operator, now)?;
            transition(request.kind, Status::Sent, Event::Form)?;
            let found = candidates(tx, &request.applicant.identity)?;
            if !found.is_empty() && reason.is_none() {
                return Err(QueueError::PossiblyRegistered {
                    id: id.to_string(),
                    candidates: found.len(),
                });
            }
            let iin = form(tx, &request, &operator, now)?;
            let result = ResultMessage::new(
                request.id,
                ResultStatus::Formed,
                Some(iin.clone()),
                None,
                comment.trim().to_string(),
                now,
            )?;
            write_result(tx, id, &result, &operator, reason.as_deref())?;
            let details = format!(
                "candidates={} override={}",
                found.len(),
                u8::from(!found.is_empty())
            );
            audit(tx, now, &operator, "backoffice.formed", Some(id), &details)?;
            Ok(iin)
        })
    }

    /// Applies a claimed correction request to the registry (a new version of the
    /// person; the old ones stay in the history) and returns the IIN, which does not
    /// change. An IIN not yet in the registry is registered with the corrected data.
    pub fn correct(
        &mut self,
        id: &str,
        comment: &str,
        now: NaiveDateTime,
    ) -> Result<Iin, QueueError> {
        let operator = self.operator.clone();
        self.central.write(|tx| {
            let (_, request) = held(tx, id, &operator, now)?;
            transition(request.kind, Status::Sent, Event::Correct)?;
            let iin = request
                .correction
                .as_ref()
                .map(|c| c.current_iin.clone())
                .ok_or_else(|| QueueError::Damaged(id.to_string()))?;
            let registered = central::person(tx, &iin)?.is_some();
            apply_correction(tx, &iin, &request, &operator, now)?;
            let result = ResultMessage::new(
                request.id,
                ResultStatus::Corrected,
                Some(iin.clone()),
                None,
                comment.trim().to_string(),
                now,
            )?;
            write_result(tx, id, &result, &operator, None)?;
            let details = format!("registered={}", u8::from(registered));
            audit(
                tx,
                now,
                &operator,
                "backoffice.corrected",
                Some(id),
                &details,
            )?;
            Ok(iin)
        })
    }

    /// Refuses a claimed request on a para 15 ground with a comment (the refusal must
    /// be reasoned). Para 15.3 is not a ground to refuse a correction.
    pub fn refuse(
        &mut self,
        id: &str,
        ground: RefusalGround,
        comment: &str,
        now: NaiveDateTime,
    ) -> Result<(), QueueError> {
        if comment.trim().is_empty() {
            return Err(QueueError::ReasonRequired);
        }
        let operator = self.operator.clone();
        self.central.write(|tx| {
            let (_, request) = held(tx, id, &operator, now)?;
            transition(request.kind, Status::Sent, Event::Refuse(ground))?;
            let result = ResultMessage::new(
                request.id,
                ResultStatus::Refused,
                None,
                Some(ground),
                comment.trim().to_string(),
                now,
            )?;
            write_result(tx, id, &result, &operator, None)?;
            let details = format!("ground={}", ground.key());
            audit(tx, now, &operator, "backoffice.refused", Some(id), &details)
        })
    }

    /// Processes the queue without a person, oldest first, `batch` requests per
    /// transaction, until nothing is left for it: forms an IIN where the registry has no
    /// possible duplicate, applies a correction whose current IIN is registered, and
    /// marks everything else as needing a person. Requests claimed by an operator are
    /// left alone.
    pub fn run_auto(
        &mut self,
        clock: &dyn Fn() -> NaiveDateTime,
        batch: usize,
    ) -> Result<AutoReport, QueueError> {
        let actor = format!("auto:{}", self.operator);
        let mut report = AutoReport::default();
        loop {
            let now = clock();
            let now_text = format_ts(now);
            let (done, part) = self.central.write(|tx| {
                complete_if_server(tx, now)?;
                let ids: Vec<String> = tx
                    .query(
                        "SELECT id FROM requests WHERE state = 'pending' AND needs_person = 0
                           AND (claimed_by IS NULL OR claim_until < $1)
                         ORDER BY submitted_at, id LIMIT $2",
                        vals![&now_text, i64::try_from(batch.max(1)).unwrap_or(1)],
                    )?
                    .iter()
                    .map(|r| r.text(0))
                    .collect::<Result<_, _>>()?;
                let mut part = AutoReport::default();
                for id in &ids {
                    auto_one(&mut *tx, id, &actor, now, &mut part)?;
                }
                Ok((ids.len(), part))
            })?;
            report.formed += part.formed;
            report.corrected += part.corrected;
            report.left_for_person += part.left_for_person;
            if done == 0 {
                return Ok(report);
            }
        }
    }
}

struct ClaimRow {
    state: String,
    claimed_by: Option<String>,
    claim_until: Option<String>,
}

impl ClaimRow {
    fn held_by_other(&self, operator: &str, now: NaiveDateTime) -> bool {
        let live = self
            .claim_until
            .as_deref()
            .is_some_and(|u| u >= format_ts(now).as_str());
        live && self.claimed_by.as_deref().is_some_and(|c| c != operator)
    }
}

fn claim_row(tx: &mut dyn Sql, id: &str) -> Result<ClaimRow, QueueError> {
    let row = tx
        .query_opt(
            "SELECT state, claimed_by, claim_until FROM requests WHERE id = $1",
            vals![id],
        )?
        .ok_or_else(|| QueueError::NotFound(id.to_string()))?;
    Ok(ClaimRow {
        state: row.text(0)?,
        claimed_by: row.opt_text(1)?,
        claim_until: row.opt_text(2)?,
    })
}

/// The request, if `operator` holds it: pending and claimed by them (an expired claim
/// nobody else took still counts).
fn held(
    tx: &mut dyn Sql,
    id: &str,
    operator: &str,
    now: NaiveDateTime,
) -> Result<(RequestForm, Request), QueueError> {
    let row = claim_row(tx, id)?;
    if row.state != "pending" {
        return Err(QueueError::AlreadyDecided(id.to_string()));
    }
    if row.claimed_by.as_deref() != Some(operator) {
        return Err(if row.held_by_other(operator, now) {
            QueueError::ClaimedByOther(id.to_string())
        } else {
            QueueError::NotClaimed(id.to_string())
        });
    }
    stored_request(tx, id)?.ok_or_else(|| QueueError::NotFound(id.to_string()))
}

/// Generates a never-used IIN from the birth date and sex and registers the person.
fn form(
    tx: &mut dyn Sql,
    request: &Request,
    actor: &str,
    now: NaiveDateTime,
) -> Result<Iin, QueueError> {
    let id = request.id.to_string();
    let identity = &request.applicant.identity;
    // `generate_free` asks a plain yes/no; a database error while asking is kept here
    // and reported instead of being taken for "free".
    let failure: RefCell<Option<QueueError>> = RefCell::new(None);
    let generated = generate_free(
        identity.birth_date,
        identity.sex,
        0,
        |iin| match is_known_iin(tx, iin) {
            Ok(taken) => taken,
            Err(e) => {
                failure.borrow_mut().get_or_insert(e);
                true
            }
        },
    );
    if let Some(e) = failure.into_inner() {
        return Err(e);
    }
    let iin = generated.map_err(|_| QueueError::NoFreeIin(id.clone()))?;
    register(tx, &iin, identity, &id, actor, now)?;
    Ok(iin)
}

fn leave_for_person(
    tx: &mut dyn Sql,
    id: &str,
    actor: &str,
    now: NaiveDateTime,
    reason: &str,
    report: &mut AutoReport,
) -> Result<(), QueueError> {
    tx.execute(
        "UPDATE requests SET needs_person = 1 WHERE id = $1",
        vals![id],
    )?;
    audit(tx, now, actor, "auto.left_for_person", Some(id), reason)?;
    report.left_for_person += 1;
    Ok(())
}

fn auto_one(
    tx: &mut dyn Sql,
    id: &str,
    actor: &str,
    now: NaiveDateTime,
    report: &mut AutoReport,
) -> Result<(), QueueError> {
    let request = match stored_request(tx, id) {
        Ok(Some((_, r))) => r,
        Ok(None) => return Ok(()),
        Err(QueueError::Damaged(_)) => {
            return leave_for_person(tx, id, actor, now, "reason=damaged", report)
        }
        Err(e) => return Err(e),
    };
    if request.kind.is_formation() {
        let found = candidates(tx, &request.applicant.identity)?;
        if !found.is_empty() {
            let reason = format!("reason=candidates n={}", found.len());
            return leave_for_person(tx, id, actor, now, &reason, report);
        }
        let iin = match form(tx, &request, actor, now) {
            Ok(iin) => iin,
            Err(QueueError::NoFreeIin(_)) => {
                return leave_for_person(tx, id, actor, now, "reason=no_free_iin", report)
            }
            Err(e) => return Err(e),
        };
        let result = ResultMessage::new(
            request.id,
            ResultStatus::Formed,
            Some(iin),
            None,
            String::new(),
            now,
        )?;
        write_result(tx, id, &result, actor, None)?;
        audit(
            tx,
            now,
            actor,
            "backoffice.formed",
            Some(id),
            "auto=1 candidates=0",
        )?;
        report.formed += 1;
        return Ok(());
    }
    let Some(iin) = request.correction.as_ref().map(|c| c.current_iin.clone()) else {
        return leave_for_person(tx, id, actor, now, "reason=damaged", report);
    };
    if central::person(tx, &iin)?.is_none() {
        return leave_for_person(tx, id, actor, now, "reason=not_registered", report);
    }
    apply_correction(tx, &iin, &request, actor, now)?;
    let result = ResultMessage::new(
        request.id,
        ResultStatus::Corrected,
        Some(iin),
        None,
        String::new(),
        now,
    )?;
    write_result(tx, id, &result, actor, None)?;
    audit(
        tx,
        now,
        actor,
        "backoffice.corrected",
        Some(id),
        "auto=1 registered=1",
    )?;
    report.corrected += 1;
    Ok(())
}

/// Parses a request id typed by an operator.
pub fn parse_request_id(text: &str) -> Option<String> {
    Uuid::parse_str(text.trim()).ok().map(|u| u.to_string())
}
