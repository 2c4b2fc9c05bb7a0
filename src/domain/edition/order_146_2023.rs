//! Order No. 146 of the Minister of Internal Affairs of 8 February 2023 (registered
//! 10 February 2023, No. 31885): the seed, `order-146-2023.kk.txt`.

use super::{req, Edition, Ground, Limits, Printed, PrintedTexts, MRZ_ALL};
use super::{Condition::*, Requirement};
use crate::domain::document::DocumentKind as D;
use crate::domain::lang::Tr;
use crate::domain::request::Channel::{Counter, Portal};
use crate::domain::request::RefusalGround;
use crate::domain::request::RequestKind::{Correction, Formation, FormationConvicted};

/// What the documents print since Order No. 146: the service's name (the Rules' title),
/// the corner of Appendix 2-1 and 5, and the receipt's wording (Appendix 3 of the order)
/// with the slip «толық топтамасын» corrected (docs/rules-decisions.md, 1).
pub(super) const TEXTS_146: PrintedTexts = PrintedTexts {
    service: Printed {
        kk: "Қазақстан Республикасында уақытша болатын шетелдіктер мен азаматтығы жоқ адамдарға жеке сәйкестендіру нөмірін қалыптастыру және түзету",
        ru: "Формирование и корректировка индивидуального идентификационного номера иностранцам и лицам без гражданства, временно пребывающим в Республике Казахстан",
    },
    corner: Printed {
        kk: "«{service}» қағидаларына {appendix}-қосымша",
        ru: "Приложение {appendix} к Правилам «{service}»",
    },
    correction_appendix: Some("2-1"),
    receipt_appendix: "5",
    receipt_body: Printed {
        kk: "\"Мемлекеттік көрсетілетін қызметтер туралы\" Қазақстан Республикасының Заңының 19-бабын және 20-бабының 2-тармағын басшылыққа ала отырып, \"Азаматтарға арналған үкімет\" мемлекеттік корпорациясы ({office}, мекенжайы: {office_address}) мемлекеттік көрсетілетін қызметке қойылатын негізгі талаптардың тізбесіне сәйкес Сіздің құжаттардың толық емес топтамасын және (немесе) жарамдылық мерзімі өткен құжаттарды ұсынуыңызға байланысты \"{service}\" мемлекеттік қызметін көрсетуге құжаттар қабылдаудан бас тартады.",
        ru: "Руководствуясь статьёй 19 и пунктом 2 статьи 20 Закона Республики Казахстан \"О государственных услугах\", Государственная корпорация \"Правительство для граждан\" ({office}, адрес: {office_address}) отказывает в приёме документов на оказание государственной услуги \"{service}\" ввиду представления Вами неполного пакета документов согласно перечню основных требований к оказанию государственной услуги и (или) документов с истёкшим сроком действия.",
    },
    receipt_heading: Printed {
        kk: "Ұсынылмаған құжаттардың атауы:",
        ru: "Наименование непредставленных документов:",
    },
    refusal_paragraph: 15,
};

/// The grounds of para 15 of the Rules (Kazakh from the seed; Russian our translation).
pub(super) const GROUNDS_PARA_15: &[Ground] = &[
    Ground {
        ground: RefusalGround::UnreliableDocuments,
        item: 1,
        text: Tr::new(
            "көрсетілетін қызметті алушының мемлекеттік қызметті алу үшін ұсынған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) шынайы еместігінің анықталуы",
            "установление недостоверности документов, представленных услугополучателем для получения государственной услуги, и (или) данных (сведений), содержащихся в них",
            "the documents submitted by the applicant to receive the service and/or the data (information) in them are found to be unreliable",
        ),
        formation_only: false,
    },
    Ground {
        ground: RefusalGround::DataNotCompliant,
        item: 2,
        text: Tr::new(
            "көрсетілетін қызметті алушының мемлекеттік қызметтер көрсету үшін қажетті деректер мен мәліметтердің осы Қағидалардың талаптарына сәйкес келмеуі",
            "несоответствие услугополучателя и (или) представленных данных и сведений, необходимых для оказания государственной услуги, требованиям настоящих Правил",
            "the applicant's data and information required for the service do not meet the requirements of these Rules",
        ),
        formation_only: false,
    },
    Ground {
        ground: RefusalGround::IinAlreadyRegistered,
        item: 3,
        text: Tr::new(
            "көрсетілетін қызметті алушыда бұрын тіркелген ЖСН анықталған жағдайда (ЖСН түзету жағдайларын қоспағанда)",
            "выявление ранее зарегистрированного ИИН у услугополучателя (за исключением случаев корректировки ИИН)",
            "an IIN already registered for the applicant is found (except for IIN correction)",
        ),
        formation_only: true,
    },
];

/// The limits of Appendix 3 (item 3): waiting in the queue 15 minutes, service at the
/// counter 20 minutes, the result one working day after the package is received.
pub(super) const LIMITS_146: Limits = Limits {
    max_waiting_minutes: 15,
    max_service_minutes: 20,
    result_working_days: 1,
};

/// The counter's rows shared by the 2023 and 2024 editions (formation, the convicted
/// person's request, the correction).
pub(super) const COUNTER_ROWS: [Requirement; 12] = [
    req(Formation, Counter, D::ApplicationFormation, Always),
    req(Formation, Counter, D::IdentityDocument, Always),
    req(
        Formation,
        Counter,
        D::NotarizedTranslation,
        IfNoLatinOrCyrillic,
    ),
    req(
        Formation,
        Counter,
        D::LegalRepresentativeProof,
        IfLegalRepresentative,
    ),
    req(Formation, Counter, D::PowerOfAttorney, IfAttorney),
    req(FormationConvicted, Counter, D::ApplicationConvicted, Always),
    req(Correction, Counter, D::ApplicationCorrection, Always),
    req(Correction, Counter, D::IdentityDocument, Always),
    req(
        Correction,
        Counter,
        D::NotarizedTranslation,
        IfNoLatinOrCyrillic,
    ),
    req(Correction, Counter, D::ChangeCertificate, Always),
    req(
        Correction,
        Counter,
        D::LegalRepresentativeProof,
        IfLegalRepresentative,
    ),
    req(Correction, Counter, D::PowerOfAttorney, IfAttorney),
];

const ROWS: [Requirement; 18] = {
    let portal = [
        req(Formation, Portal, D::ElectronicRequest, Always),
        req(Formation, Portal, D::IdentityDocumentCopy, Always),
        req(
            Formation,
            Portal,
            D::NotarizedTranslation,
            IfNoLatinOrCyrillic,
        ),
        req(
            Formation,
            Portal,
            D::LegalRepresentativeProof,
            IfLegalRepresentative,
        ),
        req(Formation, Portal, D::PowerOfAttorney, IfAttorney),
        req(Formation, Portal, D::ChangeCertificate, Always),
    ];
    let c = COUNTER_ROWS;
    [
        c[0], c[1], c[2], c[3], c[4], portal[0], portal[1], portal[2], portal[3], portal[4],
        portal[5], c[5], c[6], c[7], c[8], c[9], c[10], c[11],
    ]
};

/// Order No. 146 of 8 February 2023, in force ten calendar days after its first official
/// publication (para 4 of the order): from 25 February 2023 (docs/rules-decisions.md, 8).
///
/// The seed gives no document list for the convicted person's request (Appendix 2): the
/// certified application is the basis itself (para 3), so it is the one document.
/// The portal list includes the certificate of change of identifying data as item 4,
/// exactly as the seed prints it.
pub const ORDER_146_2023: Edition = Edition {
    id: "order-146-2023",
    name: Tr::new(
        "ІІМ-нің 2023 жылғы 8 ақпандағы № 146 бұйрығы",
        "Приказ МВД от 8 февраля 2023 года № 146",
        "MIA Order No. 146 of 8 February 2023",
    ),
    effective_from: (2023, 2, 25),
    start_confirmed: true,
    channels: &[
        (Formation, Counter),
        (Formation, Portal),
        (FormationConvicted, Counter),
        (Correction, Counter),
    ],
    requirements: &ROWS,
    texts: &TEXTS_146,
    refusal_grounds: GROUNDS_PARA_15,
    limits: LIMITS_146,
    mrz_fills: MRZ_ALL,
};
