//! MIA Order No. 22 of 26 January 2022: the Rules before Order No. 146, formation only.
//! At the counter: the application, the identity document, a copy of its translation
//! when the names are in neither Cyrillic nor Latin, a notarized power of attorney; on
//! the portal: the electronic request signed with the representative's EDS, the
//! electronic copy of the identity document, the power of attorney
//! (docs/rules-decisions.md, 10).

use super::order_146_2023::{GROUNDS_PARA_15, LIMITS_146, TEXTS_146};
use super::{req, Condition::*, Edition, Printed, PrintedTexts, MRZ_ALL};
use crate::domain::document::DocumentKind as D;
use crate::domain::lang::Tr;
use crate::domain::request::Channel::{Counter, Portal};
use crate::domain::request::RequestKind::Formation;

/// The printed wording: the title without the correction, which Order No. 146 added;
/// no correction form.
const TEXTS_22: PrintedTexts = PrintedTexts {
    service: Printed {
        kk: "Қазақстан Республикасында уақытша болатын шетелдіктер мен азаматтығы жоқ адамдарға жеке сәйкестендіру нөмірін қалыптастыру",
        ru: "Формирование индивидуального идентификационного номера иностранцам и лицам без гражданства, временно пребывающим в Республике Казахстан",
    },
    correction_appendix: None,
    ..TEXTS_146
};

/// Order No. 22 of 26 January 2022. The start date is the order's own date, the
/// earliest it can be; the day it took effect is to be confirmed.
pub const ORDER_22_2022: Edition = Edition {
    id: "order-22-2022",
    name: Tr::new(
        "ІІМ-нің 2022 жылғы 26 қаңтардағы № 22 бұйрығы",
        "Приказ МВД от 26 января 2022 года № 22",
        "MIA Order No. 22 of 26 January 2022",
    ),
    effective_from: (2022, 1, 26),
    start_confirmed: false,
    channels: &[(Formation, Counter), (Formation, Portal)],
    requirements: &[
        req(Formation, Counter, D::ApplicationFormation, Always),
        req(Formation, Counter, D::IdentityDocument, Always),
        req(Formation, Counter, D::TranslationCopy, IfNoLatinOrCyrillic),
        req(Formation, Counter, D::PowerOfAttorney, IfAttorney),
        req(Formation, Portal, D::ElectronicRequest, Always),
        req(Formation, Portal, D::IdentityDocumentCopy, Always),
        req(Formation, Portal, D::PowerOfAttorney, IfAttorney),
    ],
    texts: &TEXTS_22,
    refusal_grounds: GROUNDS_PARA_15,
    limits: LIMITS_146,
    mrz_fills: MRZ_ALL,
};
