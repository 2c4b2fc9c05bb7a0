//! The editor's model: the request being typed, kept exactly as typed, with its last
//! validation and what the passport reader read. No drawing here (that is
//! `ui::editor`); the rules are in `domain::form`.

use chrono::NaiveDateTime;

use crate::domain::field::{Field, FieldError, Problem};
use crate::domain::form::{
    next_after_mrz, read_mrz_into, validate, CorrectionForm, InstitutionForm, RepresentativeForm,
    RequestForm,
};
use crate::domain::identity::Parameter;
use crate::domain::lang::Lang;
use crate::domain::mrz::{read_mrz, MrzReadError, MrzReading, ZoneScanner};
use crate::domain::request::{RepresentativeBasis, RequestKind, Status};
use crate::domain::timing::{parse_time_of_day, split_ticket_entry, waiting_time};

/// A time as the form stores it.
fn stamp(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

/// What the editor holds beside the form, kept when a draft is left so that *Continue*
/// brings it back: the MRZ as the reader typed it, its verdict, and when the request was
/// first opened (the service timer is not restarted).
#[derive(Debug, Clone)]
pub struct DraftSession {
    /// What the passport reader typed.
    pub mrz_text: String,
    /// The reading of it, with its verdict.
    pub mrz: Option<Result<MrzReading, MrzReadError>>,
    /// Whether `mrz` is the reading of `mrz_text` (else the box holds text not read yet).
    pub mrz_read: bool,
    /// When the request was first opened.
    pub opened_at: NaiveDateTime,
}

/// The request being typed.
pub struct Editor {
    /// The form, as typed.
    pub form: RequestForm,
    /// What the passport reader typed.
    pub mrz_text: String,
    /// The last MRZ reading.
    pub mrz: Option<Result<MrzReading, MrzReadError>>,
    mrz_applied: String,
    /// When the clerk opened the request (the service timer runs from here).
    pub opened_at: NaiveDateTime,
    /// When the form last changed.
    pub last_edit: NaiveDateTime,
    /// Whether a field lost focus since the last save (saves at once).
    pub field_left: bool,
    /// Whether the clerk tried to submit (then empty required fields show errors too).
    pub submit_tried: bool,
    /// Result of looking up the current IIN (correction).
    pub lookup: Option<bool>,
    /// A field to focus on the next frame.
    pub focus: Option<Field>,
    /// Whether to focus the MRZ box on the next frame (a new request starts there).
    pub focus_mrz: bool,
    /// Whether to focus the decision's button on the next frame (Enter after the last
    /// required field).
    pub focus_decision: bool,
    /// Whether the refusal's confirmation (naming the missing documents) is open.
    pub confirm_refuse: bool,
    /// The passport reader's keystrokes in the MRZ box, until a whole zone has arrived.
    pub mrz_scan: ZoneScanner,
    /// Whether the form is to be shown from its top on the next frame (a request or a
    /// draft just opened).
    pub scroll_top: bool,
    /// The same person's requests of the last 30 days (looked up by the app).
    pub recent: super::recent::RecentCheck,
    saved: Option<RequestForm>,
    stash_representative: Option<RepresentativeForm>,
    errors: Vec<FieldError>,
    validated: Option<RequestForm>,
}

impl Editor {
    /// A new request of `kind`, with a fresh id, opened at `now`.
    pub fn new(
        kind: RequestKind,
        id: String,
        now: NaiveDateTime,
        clerk: &str,
        office: &str,
        counter: &str,
    ) -> Editor {
        let mut form = RequestForm {
            id,
            kind: kind.key().into(),
            clerk: clerk.into(),
            office: office.into(),
            counter: counter.into(),
            opened_at: stamp(now),
            ..RequestForm::default()
        };
        match kind {
            // The institution certifies the application; no representative is asked for
            // (one may still be added).
            RequestKind::FormationConvicted => form.institution = Some(InstitutionForm::default()),
            RequestKind::Correction => form.correction = Some(CorrectionForm::default()),
            RequestKind::Formation => {}
        }
        Editor::from_form(form, now)
    }

    /// Continues a saved draft. An empty representative's block that an older version
    /// added to every convicted person's request is dropped (the order asks for none).
    pub fn from_form(mut form: RequestForm, now: NaiveDateTime) -> Editor {
        let convicted = RequestKind::from_key(&form.kind) == Some(RequestKind::FormationConvicted);
        if convicted
            && form
                .representative
                .as_ref()
                .is_some_and(|r| *r == RepresentativeForm::default())
        {
            form.representative = None;
        }
        let opened_at = crate::domain::form::parse_date_time(&form.opened_at)
            .filter(|t| *t <= now)
            .unwrap_or(now);
        // The zone lives in the editor's box; the saved form is what `form_for_save`
        // gives back.
        let saved = form.clone();
        let zone = std::mem::take(&mut form.mrz);
        Editor {
            saved: Some(saved),
            form,
            mrz_text: zone.clone(),
            mrz: None,
            mrz_applied: zone,
            opened_at,
            last_edit: now,
            field_left: false,
            submit_tried: false,
            lookup: None,
            focus: None,
            focus_mrz: false,
            focus_decision: false,
            confirm_refuse: false,
            mrz_scan: ZoneScanner::new(),
            scroll_top: true,
            recent: super::recent::RecentCheck::default(),
            stash_representative: None,
            errors: Vec::new(),
            validated: None,
        }
    }

    /// The request's kind.
    pub fn kind(&self) -> RequestKind {
        RequestKind::from_key(&self.form.kind).unwrap_or(RequestKind::Formation)
    }

    /// Whether the form (or the zone read) differs from what was last saved.
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.form_for_save())
    }

    /// The form as it is saved: with the zone as read, so that *Continue* brings it
    /// back after a restart too.
    pub fn form_for_save(&self) -> RequestForm {
        let mut f = self.form.clone();
        f.mrz.clone_from(&self.mrz_applied);
        f
    }

    /// How long the applicant waited in the queue, from the ticket typed so far to the
    /// opening of the request: `None` while no time of a ticket reads (or when it is
    /// later than the opening; the field's error says so).
    pub fn waiting(&self) -> Option<chrono::Duration> {
        let (_, scanned) = split_ticket_entry(&self.form.ticket);
        let typed = self.form.ticket_taken_at.trim();
        let text = if typed.is_empty() {
            scanned.unwrap_or_default()
        } else {
            typed.to_string()
        };
        let taken = parse_time_of_day(&text)?;
        waiting_time(taken, self.opened_at).ok()
    }

    /// Tidies the ticket field when the clerk (or the scanner) leaves it: a time typed
    /// after the number (`A042 16:05`) moves to the time field, unless that holds one.
    pub fn settle_ticket(&mut self) {
        let (number, time) = split_ticket_entry(&self.form.ticket);
        if let Some(time) = time {
            if self.form.ticket_taken_at.trim().is_empty() {
                self.form.ticket_taken_at = time;
            }
            self.form.ticket = number;
        }
    }

    /// Records that `form` is what the store holds now.
    pub fn mark_saved(&mut self, form: RequestForm) {
        self.saved = Some(form);
    }

    /// The form stamped with the submission time, ready to be validated as a record.
    pub fn submission(&self, now: NaiveDateTime, status: Status) -> RequestForm {
        let mut f = self.form.clone();
        f.submitted_at = now.format("%Y-%m-%dT%H:%M:%S").to_string();
        f.status = status.key().into();
        f
    }

    /// Re-validates when the form changed since the last frame.
    pub fn refresh(&mut self, now: NaiveDateTime) {
        if self.validated.as_ref() == Some(&self.form) {
            return;
        }
        let f = self.submission(now, Status::Accepted);
        let id = uuid::Uuid::parse_str(&self.form.id).unwrap_or_default();
        self.errors = validate(&f, id, now).err().unwrap_or_default();
        self.validated = Some(self.form.clone());
        self.last_edit = now;
    }

    /// The errors of the last validation.
    pub fn errors(&self) -> &[FieldError] {
        &self.errors
    }

    /// The error to show under `field`, in `lang`. Empty required fields show an error
    /// only after a submit attempt, so a fresh form is not a wall of red.
    pub fn error_for(&self, field: Field, lang: Lang) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field && (self.submit_tried || e.problem != Problem::Required))
            .map(|e| e.problem.message(lang))
    }

    /// Whether the MRZ box holds text not read yet.
    pub fn mrz_unread(&self) -> bool {
        !self.mrz_text.trim().is_empty() && self.mrz_text != self.mrz_applied
    }

    /// Reads the MRZ box and fills the identity fields from it
    /// ([`crate::domain::form::read_mrz_into`]); the field the zone does not carry is
    /// focused next.
    pub fn apply_mrz(&mut self, today: chrono::NaiveDate) {
        let reading = read_mrz_into(&mut self.form.applicant, &self.mrz_text, today);
        self.mrz_applied = self.mrz_text.clone();
        self.mrz_scan.settle(&self.mrz_text);
        if reading.is_ok() {
            self.focus = Some(next_after_mrz(&self.form.applicant));
        }
        self.mrz = Some(reading);
    }

    /// Where Enter in `after` leads: the next field of the form's order that the rules
    /// require and that is still empty (as of the last [`Editor::refresh`]), or `None`
    /// when none is left (then the decision).
    pub fn next_required(&self, after: Field) -> Option<Field> {
        let start = ORDER.iter().position(|f| *f == after).map_or(0, |i| i + 1);
        ORDER[start..].iter().copied().find(|f| {
            self.errors
                .iter()
                .any(|e| e.field == *f && e.problem == Problem::Required)
        })
    }

    /// Whether the identity document's fields are shown: not on a convicted person's
    /// request (the path is for persons without one), unless one of them holds text
    /// (then its error is shown there, to be cleared).
    pub fn shows_document_fields(&self) -> bool {
        let a = &self.form.applicant;
        self.kind() != RequestKind::FormationConvicted
            || [
                &a.document_number,
                &a.document_issue_date,
                &a.document_expiry_date,
                &a.document_issuing_country,
            ]
            .iter()
            .any(|t| !t.trim().is_empty())
    }

    /// The ground the representative acts on as the form shows it: the key chosen, else
    /// what the domain reads from the fields (a legal representative when only the proof
    /// is typed, nobody's choice for the institution's officer on a convicted person's
    /// request with nothing typed, else a power of attorney). `None` also without a
    /// representative.
    pub fn representative_basis(&self) -> Option<RepresentativeBasis> {
        let r = self.form.representative.as_ref()?;
        if let Some(b) = RepresentativeBasis::from_key(&r.basis) {
            return Some(b);
        }
        let poa = [
            &r.poa_number,
            &r.poa_date,
            &r.poa_notary,
            &r.poa_valid_until,
        ]
        .iter()
        .any(|t| !t.trim().is_empty());
        let legal = !r.legal_document.trim().is_empty();
        match (legal, poa) {
            (true, false) => Some(RepresentativeBasis::LegalRepresentative),
            (false, false) if self.kind() == RequestKind::FormationConvicted => None,
            _ => Some(RepresentativeBasis::PowerOfAttorney),
        }
    }

    /// Chooses the ground the representative acts on.
    pub fn set_representative_basis(&mut self, basis: RepresentativeBasis) {
        if let Some(r) = self.form.representative.as_mut() {
            r.basis = basis.key().into();
        }
    }

    /// What is kept when the draft is left ([`Editor::resume`] brings it back).
    pub fn session(&self) -> DraftSession {
        DraftSession {
            mrz_text: self.mrz_text.clone(),
            mrz: self.mrz.clone(),
            mrz_read: !self.mrz_unread(),
            opened_at: self.opened_at,
        }
    }

    /// Continues a saved draft at `now`: with what was kept when it was left in this
    /// session, else with what the stored draft carries (the zone as read, read again
    /// for its verdict without touching the fields, and the first opening), else with
    /// the time it was first saved (`first_saved`, for a draft stored by an older
    /// version); so the service timer runs from the first opening, never from `now` when
    /// an earlier time is known (a time after `now`, a wrong clock, is not believed).
    pub fn resume(
        form: RequestForm,
        now: NaiveDateTime,
        kept: Option<DraftSession>,
        first_saved: Option<NaiveDateTime>,
    ) -> Editor {
        let mut ed = Editor::from_form(form, now);
        let stored_zone = ed.mrz_applied.clone();
        if let Some(opened) = first_saved.filter(|t| *t <= now) {
            ed.opened_at = ed.opened_at.min(opened);
        }
        if let Some(k) = kept {
            ed.opened_at = k.opened_at.min(ed.opened_at);
            ed.mrz_scan.settle(&k.mrz_text);
            if k.mrz_read {
                ed.mrz_applied = k.mrz_text.clone();
            }
            ed.mrz_text = k.mrz_text;
            ed.mrz = k.mrz;
        } else if !stored_zone.trim().is_empty() {
            ed.mrz = Some(read_mrz(&stored_zone, now.date()));
            ed.mrz_scan.settle(&stored_zone);
        }
        // The first opening is stored with the draft from now on (an older draft lacks
        // it); both the form and what counts as saved hold it, so this alone is no edit.
        let opened = stamp(ed.opened_at);
        if ed.form.opened_at != opened {
            ed.form.opened_at.clone_from(&opened);
            if let Some(saved) = ed.saved.as_mut() {
                saved.opened_at = opened;
            }
        }
        ed.last_edit = now;
        ed
    }

    /// Adds the representative's block (bringing back what was typed before it was
    /// removed) or removes it (keeping what was typed, should it come back).
    pub fn set_representative(&mut self, on: bool) {
        if on && self.form.representative.is_none() {
            self.form.representative = Some(self.stash_representative.take().unwrap_or_default());
        } else if !on {
            self.stash_representative = self.form.representative.take();
        }
    }
}

/// The order of the applicant's fields on the paper form; Enter moves to the next
/// empty one.
pub const ORDER: [Field; 16] = [
    Field::Surname,
    Field::Name,
    Field::Patronymic,
    Field::SurnameCyrillic,
    Field::NameCyrillic,
    Field::PatronymicCyrillic,
    Field::BirthDate,
    Field::BirthPlace,
    Field::Citizenship,
    Field::Sex,
    Field::DocumentNumber,
    Field::DocumentIssueDate,
    Field::DocumentExpiryDate,
    Field::IssuingCountry,
    Field::Address,
    Field::Phone,
];

/// The text of an applicant's field (`None` for fields outside the applicant block).
pub fn applicant_text(form: &mut RequestForm, field: Field) -> Option<&mut String> {
    let a = &mut form.applicant;
    Some(match field {
        Field::Surname => &mut a.surname,
        Field::Name => &mut a.name,
        Field::Patronymic => &mut a.patronymic,
        Field::SurnameCyrillic => &mut a.surname_cyr,
        Field::NameCyrillic => &mut a.name_cyr,
        Field::PatronymicCyrillic => &mut a.patronymic_cyr,
        Field::BirthDate => &mut a.birth_date,
        Field::BirthPlace => &mut a.birth_place,
        Field::Citizenship => &mut a.citizenship,
        Field::Sex => &mut a.sex,
        Field::DocumentNumber => &mut a.document_number,
        Field::DocumentIssueDate => &mut a.document_issue_date,
        Field::DocumentExpiryDate => &mut a.document_expiry_date,
        Field::IssuingCountry => &mut a.document_issuing_country,
        Field::Address => &mut a.address,
        Field::Phone => &mut a.phone,
        _ => return None,
    })
}

/// The next field after `after` that is still empty, in the form's order.
pub fn next_empty(form: &RequestForm, after: Field) -> Option<Field> {
    let start = ORDER.iter().position(|f| *f == after).map_or(0, |i| i + 1);
    let mut form = form.clone();
    ORDER[start..]
        .iter()
        .copied()
        .find(|f| applicant_text(&mut form, *f).is_some_and(|t| t.trim().is_empty()))
}

/// The applicant's field `p` corrects, as typed.
pub fn raw_value(form: &mut RequestForm, p: Parameter) -> String {
    let field = match p {
        Parameter::Surname => Field::Surname,
        Parameter::Name => Field::Name,
        Parameter::Patronymic => Field::Patronymic,
        Parameter::BirthDate => Field::BirthDate,
        Parameter::BirthPlace => Field::BirthPlace,
        Parameter::Citizenship => Field::Citizenship,
        Parameter::Sex => Field::Sex,
        Parameter::DocumentNumber => Field::DocumentNumber,
        Parameter::DocumentIssueDate => Field::DocumentIssueDate,
        Parameter::DocumentExpiryDate => Field::DocumentExpiryDate,
        Parameter::IssuingCountry => Field::IssuingCountry,
    };
    applicant_text(form, field)
        .map(|s| s.clone())
        .unwrap_or_default()
}

#[cfg(test)]
#[path = "editor_times_tests.rs"]
mod times_tests;

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) const TD3: &str = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n\
                       L898902C36UTO7408122F1204159ZE184226B<<<<<10";

    pub(super) fn now() -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2026, 3, 2)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    pub(super) fn editor(kind: RequestKind) -> Editor {
        Editor::new(kind, "id-1".into(), now(), "clerk", "Office", "3")
    }

    #[test]
    fn each_kind_opens_with_its_blocks() {
        let f = editor(RequestKind::Formation).form;
        assert!(f.representative.is_none() && f.institution.is_none() && f.correction.is_none());
        let f = editor(RequestKind::FormationConvicted).form;
        assert!(f.representative.is_none() && f.institution.is_some());
        let f = editor(RequestKind::Correction).form;
        assert!(f.correction.is_some());
        assert_eq!(
            (f.clerk.as_str(), f.office.as_str(), f.counter.as_str()),
            ("clerk", "Office", "3")
        );
    }

    #[test]
    fn an_edit_is_dirty_until_saved() {
        let mut ed = editor(RequestKind::Formation);
        assert!(!ed.is_dirty());
        ed.form.applicant.surname = "X".into();
        assert!(ed.is_dirty());
        let saved = ed.form_for_save();
        ed.mark_saved(saved);
        assert!(!ed.is_dirty());
    }

    #[test]
    fn a_read_zone_fills_the_form_once_and_focuses_the_next_field() {
        let mut ed = editor(RequestKind::Formation);
        assert!(!ed.mrz_unread());
        ed.mrz_text = TD3.into();
        assert!(ed.mrz_unread());
        ed.apply_mrz(now().date());
        assert!(!ed.mrz_unread());
        assert!(matches!(ed.mrz, Some(Ok(_))));
        assert_eq!(ed.form.applicant.surname, "ERIKSSON");
        // The edition of 2024 leaves the date of birth to the visual zone: typed first.
        assert_eq!(ed.form.applicant.birth_date, "");
        assert_eq!(ed.focus, Some(Field::BirthDate));
    }

    #[test]
    fn an_unreadable_zone_moves_no_focus() {
        let mut ed = editor(RequestKind::Formation);
        ed.mrz_text = "P<UTO".into();
        ed.apply_mrz(now().date());
        assert!(matches!(ed.mrz, Some(Err(_))));
        assert_eq!(ed.focus, None);
        assert!(!ed.mrz_unread());
    }

    #[test]
    fn enter_after_a_scan_visits_only_the_required_empty_fields() {
        let mut ed = editor(RequestKind::Formation);
        ed.mrz_text = TD3.into();
        ed.apply_mrz(now().date());
        ed.refresh(now());
        let mut visited = vec![Field::BirthDate];
        while let Some(next) = visited.last().and_then(|f| ed.next_required(*f)) {
            visited.push(next);
        }
        assert_eq!(
            visited,
            [
                Field::BirthDate,
                Field::BirthPlace,
                Field::Citizenship,
                Field::DocumentIssueDate,
                Field::Address
            ]
        );
        ed.form.applicant.address = "Astana".into();
        ed.refresh(now());
        assert_eq!(ed.next_required(Field::DocumentIssueDate), None);
    }

    #[test]
    fn the_representative_comes_back_as_typed() {
        let mut ed = editor(RequestKind::Formation);
        ed.set_representative(true);
        if let Some(r) = ed.form.representative.as_mut() {
            r.full_name = "Someone".into();
        }
        ed.set_representative(false);
        assert!(ed.form.representative.is_none());
        ed.set_representative(true);
        assert_eq!(
            ed.form
                .representative
                .as_ref()
                .map(|r| r.full_name.as_str()),
            Some("Someone")
        );
    }

    #[test]
    fn a_convicted_persons_request_asks_for_no_representative_and_no_document() {
        let mut ed = editor(RequestKind::FormationConvicted);
        ed.refresh(now());
        let fields: Vec<Field> = ed.errors().iter().map(|e| e.field).collect();
        for f in [
            Field::RepresentativeName,
            Field::DocumentNumber,
            Field::InstitutionHead,
        ] {
            assert!(!fields.contains(&f), "{f:?} in {fields:?}");
        }
        assert!(fields.contains(&Field::InstitutionName));
        assert!(!ed.shows_document_fields());
        ed.form.applicant.document_number = "N1".into();
        assert!(ed.shows_document_fields(), "typed text stays visible");
        assert!(editor(RequestKind::Formation).shows_document_fields());
        // An older draft's empty block is dropped; a typed one is kept.
        let mut old = ed.form.clone();
        old.representative = Some(RepresentativeForm::default());
        assert!(Editor::from_form(old.clone(), now())
            .form
            .representative
            .is_none());
        if let Some(r) = old.representative.as_mut() {
            r.full_name = "Officer".into();
        }
        assert!(Editor::from_form(old, now()).form.representative.is_some());
    }

    #[test]
    fn the_basis_shown_is_the_one_chosen_or_read_from_the_fields() {
        use RepresentativeBasis::{LegalRepresentative, PowerOfAttorney};
        let mut ed = editor(RequestKind::Formation);
        assert_eq!(ed.representative_basis(), None);
        ed.set_representative(true);
        assert_eq!(ed.representative_basis(), Some(PowerOfAttorney));
        if let Some(r) = ed.form.representative.as_mut() {
            r.legal_document = "Birth certificate".into();
        }
        assert_eq!(ed.representative_basis(), Some(LegalRepresentative));
        ed.set_representative_basis(PowerOfAttorney);
        assert_eq!(ed.representative_basis(), Some(PowerOfAttorney));
        ed.refresh(now());
        assert!(ed
            .errors()
            .iter()
            .any(|e| e.field == Field::LegalRepresentativeDocument
                && e.problem == Problem::NotAllowed));
        let mut conv = editor(RequestKind::FormationConvicted);
        conv.set_representative(true);
        assert_eq!(
            conv.representative_basis(),
            None,
            "the institution's officer"
        );
    }

    #[test]
    fn continuing_a_draft_brings_back_the_mrz_and_keeps_the_service_time() {
        let mut ed = editor(RequestKind::Formation);
        ed.mrz_text = TD3.into();
        ed.apply_mrz(now().date());
        let later = now() + chrono::Duration::minutes(7);
        let back = Editor::resume(ed.form.clone(), later, Some(ed.session()), None);
        assert_eq!(back.opened_at, now(), "the timer is not restarted");
        assert_eq!(back.mrz_text, TD3);
        assert!(matches!(&back.mrz, Some(Ok(r)) if r.all_checks_pass()));
        assert!(!back.mrz_unread(), "the zone is not read again");
        // After a restart, a draft stored by an older version (no first opening with
        // it) knows only the first save's time.
        let saved = now() + chrono::Duration::minutes(1);
        let mut older = ed.form.clone();
        older.opened_at.clear();
        let back = Editor::resume(older, later, None, Some(saved));
        assert_eq!(back.opened_at, saved);
        assert!(back.mrz.is_none());
        // A time in the future (a wrong clock) is not believed.
        let back = Editor::resume(ed.form, now(), None, Some(later));
        assert_eq!(back.opened_at, now());
    }

    #[test]
    fn empty_required_fields_show_errors_only_after_a_submit_attempt() {
        let mut ed = editor(RequestKind::Formation);
        ed.refresh(now());
        assert!(ed
            .errors()
            .iter()
            .any(|e| e.field == Field::Surname && e.problem == Problem::Required));
        assert_eq!(ed.error_for(Field::Surname, Lang::En), None);
        ed.submit_tried = true;
        assert!(ed.error_for(Field::Surname, Lang::En).is_some());
    }

    #[test]
    fn enter_moves_to_the_next_empty_field() {
        let mut form = editor(RequestKind::Formation).form;
        form.applicant.name = "ANNA".into();
        assert_eq!(next_empty(&form, Field::Surname), Some(Field::Patronymic));
        form.applicant.phone = "+7".into();
        assert_eq!(next_empty(&form, Field::Address), None);
        form.applicant.birth_place = "Tashkent".into();
        assert_eq!(raw_value(&mut form, Parameter::BirthPlace), "Tashkent");
    }
}
