//! The amendment of the Rules approved on 29 February 2024: applications at the State
//! Corporation's counter only (no portal); the names are taken from the machine-readable
//! zone, while the date and place of birth and the citizenship come from the passport's
//! visual zone (the clerk types and confirms them); a notarized translation. Its start
//! date, 16 March 2024, is to be confirmed (docs/rules-decisions.md, 10).

use super::order_146_2023::{COUNTER_ROWS, GROUNDS_PARA_15, LIMITS_146, TEXTS_146};
use super::Edition;
use crate::domain::field::Field;
use crate::domain::lang::Tr;
use crate::domain::request::Channel::Counter;
use crate::domain::request::RequestKind::{Correction, Formation, FormationConvicted};

/// What a read zone fills under this edition: the names, the sex and the document's
/// data; not the date of birth nor the citizenship (the visual zone's, typed).
const MRZ_NAMES_AND_DOCUMENT: &[Field] = &[
    Field::Surname,
    Field::Name,
    Field::Sex,
    Field::DocumentNumber,
    Field::DocumentExpiryDate,
    Field::IssuingCountry,
];

/// The edition approved on 29 February 2024, in force from 16 March 2024 (to be
/// confirmed).
pub const AMENDMENT_2024: Edition = Edition {
    id: "amendment-2024",
    name: Tr::new(
        "2024 жылғы 29 ақпанда бекітілген редакция",
        "Редакция, утверждённая 29 февраля 2024 года",
        "The edition approved on 29 February 2024",
    ),
    effective_from: (2024, 3, 16),
    start_confirmed: false,
    channels: &[
        (Formation, Counter),
        (FormationConvicted, Counter),
        (Correction, Counter),
    ],
    requirements: &COUNTER_ROWS,
    texts: &TEXTS_146,
    refusal_grounds: GROUNDS_PARA_15,
    limits: LIMITS_146,
    mrz_fills: MRZ_NAMES_AND_DOCUMENT,
};
