//! The application for the applicant's (or the institution's) signature, by kind:
//!
//! - formation, Appendix 1. The seed does not reproduce Appendix 1's text (Order No. 146
//!   only replaced it), so this form is this program's own layout, and carries no
//!   official corner: a plain title, the header "кімге … кімнен …", the request, the
//!   eleven parameters, the contacts, the representative and the documents handed in;
//! - formation for a convicted person without documents, Appendix 2. Its text is not in
//!   the seed either; it is built the same way (no corner), with the wording of para 3
//!   of the Rules and the institution's certification block;
//! - correction, Appendix 2-1, as the seed words it: the header, the sentence and the
//!   eleven-row table "current | change", only the rows that change filled in, with the
//!   footnote "*кестеде тек түзету қажет параметрлерді көрсету".

use printpdf::PdfDocument;

use crate::domain::edition::Edition;
use crate::domain::form::Record;
use crate::domain::identity::{Identity, Parameter};
use crate::domain::lang::Lang;
use crate::domain::request::{Request, RequestKind};

use super::layout::{
    Align, Cell, Style, Writer, CONTENT_W, MARGIN_LEFT, MM, RIGHT_BLOCK_W, RIGHT_BLOCK_X,
};
use super::wording::{self, BLANK, FULL_NAME_KK, FULL_NAME_RU};
use super::{footer, save, PdfError, PrintContext};

/// The label column of the data rows.
const LABEL_W: f32 = 62.0 * MM;

/// Prints the application on the form of the request's kind, for signature.
pub fn application(record: &Record, ctx: &PrintContext) -> Result<Vec<u8>, PdfError> {
    application_under(record, ctx, super::edition_of(record)?)
}

/// Prints the application under `edition`: the official corner where the edition gives
/// the form's text (the correction's appendix), with its wording.
pub(super) fn application_under(
    record: &Record,
    ctx: &PrintContext,
    edition: &Edition,
) -> Result<Vec<u8>, PdfError> {
    let request = &record.request;
    let id = request.id.to_string();
    let mut doc = PdfDocument::new("Өтініш / Заявление");
    let mut w = Writer::new(&mut doc, footer("Өтініш / Заявление", &id, ctx))?;
    match request.kind {
        RequestKind::Formation => formation(&mut w, request),
        RequestKind::FormationConvicted => convicted(&mut w, request),
        RequestKind::Correction => correction(&mut w, request, edition),
    }
    w.gap(8.0);
    w.side_by_side(
        &format!(
            "Өтінімнің нөмірі: {id}\nҚабылдаған: {}, терезе № {}, {}",
            wording::or_dash(&ctx.office_name),
            wording::or_dash(&ctx.counter),
            wording::or_dash(&ctx.clerk_name)
        ),
        &format!(
            "Номер заявки: {id}\nПринял(а): {}, окно № {}, {}",
            wording::or_dash(&ctx.office_name),
            wording::or_dash(&ctx.counter),
            wording::or_dash(&ctx.clerk_name)
        ),
        Style::regular(7.5),
    );
    let pages = w.finish()?;
    Ok(save(doc, pages, "Өтініш / Заявление", vec![id], ctx))
}

/// The corner and "Нысан" of an official form (`official`: the edition and the number
/// of its appendix; only the correction's form, Appendix 2-1, is worded by the order — the
/// seed gives neither Appendix 1's nor 2's text, and those layouts carry no corner), and
/// the header "кімге … кімнен …" on the right half.
fn header(
    w: &mut Writer,
    official: Option<(&Edition, &str)>,
    request: &Request,
    institution_from: Option<&str>,
) {
    let small = Style::regular(7.5);
    let (right_x, right_w) = (RIGHT_BLOCK_X, RIGHT_BLOCK_W);
    if let Some((edition, appendix)) = official {
        let (kk, ru) = wording::corner(edition.texts, appendix);
        let corner_x = MARGIN_LEFT + CONTENT_W * 0.5;
        let corner_w = CONTENT_W * 0.5;
        w.bilingual(corner_x, corner_w, &kk, &ru, small, Align::Left);
        w.para(
            right_x,
            right_w,
            &format!("{} / {}", wording::FORM_KK, wording::FORM_RU),
            small,
            Align::Right,
        );
    }
    w.gap(8.0);
    let identity = &request.applicant.identity;
    let body = Style::regular(9.5);
    let caption = Style::regular(7.0).greyed();
    // To whom: the head of the territorial police body, filled in by hand.
    w.para(
        right_x,
        right_w,
        &format!("кімге / кому {BLANK}"),
        body,
        Align::Left,
    );
    w.para(
        right_x,
        right_w,
        "(лауазымы, тегі және аты-жөні / должность, фамилия и имя)",
        caption,
        Align::Left,
    );
    if request.kind == RequestKind::Correction {
        w.para(
            right_x,
            right_w,
            &format!(
                "азаматы (-шасы) / гражданин(ка) {}",
                wording::country(&identity.citizenship)
            ),
            body,
            Align::Left,
        );
        w.para(
            right_x,
            right_w,
            "(қай мемлекеттің / какого государства)",
            caption,
            Align::Left,
        );
    }
    let from = institution_from
        .map(str::to_string)
        .unwrap_or_else(|| wording::full_name(identity));
    let from = format!("кімнен / от {from}");
    let from_style = w.fonts.fit_words(&from, Style::bold(9.5), right_w, 7.5);
    w.para(right_x, right_w, &from, from_style, Align::Left);
    let from_caption = if institution_from.is_some() {
        "(мекеменің атауы / наименование учреждения)".to_string()
    } else {
        format!("({FULL_NAME_KK} / {FULL_NAME_RU})")
    };
    w.para(right_x, right_w, &from_caption, caption, Align::Left);
    w.gap(10.0);
    w.para_full("Өтініш", Style::bold(13.0), Align::Center);
    w.para_full("Заявление", Style::bold(11.0).greyed(), Align::Center);
    w.gap(8.0);
}

/// The identifying data as label–value rows (the eleven parameters, the Cyrillic names
/// where known, and the contacts). A person without an identity document (Appendix 2)
/// gets one row saying so instead of four empty ones.
fn data_rows(w: &mut Writer, request: &Request) {
    let identity = &request.applicant.identity;
    let value = Style::regular(10.0);
    let name = Style::bold(10.5);
    let value_w = w.value_width(LABEL_W);
    let document_params = [
        Parameter::DocumentNumber,
        Parameter::DocumentIssueDate,
        Parameter::DocumentExpiryDate,
        Parameter::IssuingCountry,
    ];
    for p in Parameter::ALL {
        if identity.document.is_none() && document_params.contains(&p) {
            if p == Parameter::DocumentNumber {
                w.field(
                    LABEL_W,
                    "Жеке басты куәландыратын құжат",
                    "Документ, удостоверяющий личность",
                    &[("жоқ / отсутствует".to_string(), value)],
                );
            }
            continue;
        }
        let is_name = matches!(
            p,
            Parameter::Surname | Parameter::Name | Parameter::Patronymic
        );
        let style = if is_name { name } else { value };
        let cyr = match p {
            Parameter::Surname => identity.cyrillic.surname.clone(),
            Parameter::Name => identity.cyrillic.name.clone(),
            Parameter::Patronymic => identity.cyrillic.patronymic.clone(),
            _ => None,
        };
        let mut lines: Vec<String> = [Some(display_value(p, identity)), cyr]
            .into_iter()
            .flatten()
            .filter(|v| !v.trim().is_empty())
            .collect();
        if lines.is_empty() {
            lines.push("—".to_string());
        }
        let values: Vec<(String, Style)> = lines
            .into_iter()
            .map(|v| {
                let s = if is_name {
                    w.fonts.fit(&v, style, value_w, 8.5)
                } else {
                    style
                };
                (v, s)
            })
            .collect();
        w.field(LABEL_W, p.label(Lang::Kk), p.label(Lang::Ru), &values);
    }
    w.field(
        LABEL_W,
        "Қазақстан Республикасындағы мекенжайы",
        "Адрес в Республике Казахстан",
        &[(wording::or_dash(&request.applicant.address), value)],
    );
    w.field(
        LABEL_W,
        "Телефон",
        "Телефон",
        &[(wording::or_dash(&request.applicant.phone), value)],
    );
}

/// A parameter's value as printed: dates `DD.MM.YYYY`, countries by name, sex in words.
fn display_value(p: Parameter, identity: &Identity) -> String {
    format_param(p, &p.value_of(identity))
}

/// Formats a parameter's normalized text value (dates ISO, sex `M`/`F`, alpha-3 codes).
fn format_param(p: Parameter, raw: &str) -> String {
    match p {
        Parameter::BirthDate | Parameter::DocumentIssueDate | Parameter::DocumentExpiryDate => {
            chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .map(wording::date)
                .unwrap_or_else(|_| raw.to_string())
        }
        Parameter::Citizenship | Parameter::IssuingCountry if !raw.is_empty() => {
            wording::country(raw)
        }
        Parameter::Sex => crate::domain::identity::Sex::parse(raw)
            .map(wording::sex)
            .unwrap_or_else(|| raw.to_string()),
        _ => raw.to_string(),
    }
}

/// The representative's rows, if one applies.
fn representative_rows(w: &mut Writer, request: &Request) {
    let Some(rep) = &request.representative else {
        return;
    };
    let value = Style::regular(10.0);
    w.gap(6.0);
    w.field(
        LABEL_W,
        &format!("Өкіл: {FULL_NAME_KK}"),
        &format!("Представитель: {FULL_NAME_RU}"),
        &[(wording::or_dash(&rep.full_name), Style::bold(10.0))],
    );
    w.field(
        LABEL_W,
        "Өкілдің құжаты",
        "Документ представителя",
        &[(wording::or_dash(&rep.document), value)],
    );
    if !rep.legal_document.trim().is_empty() {
        w.field(
            LABEL_W,
            "Заңды өкілдің өкілеттігін растайтын құжат",
            "Документ, подтверждающий полномочия законного представителя",
            &[(rep.legal_document.clone(), value)],
        );
    }
    if let Some(poa) = &rep.power_of_attorney {
        let until = poa
            .valid_until
            .map(|d| {
                let d = wording::date(d);
                format!(", {d} дейін / до {d}")
            })
            .unwrap_or_default();
        w.field(
            LABEL_W,
            "Нотариалды куәландырылған сенімхат",
            "Нотариально удостоверенная доверенность",
            &[
                (
                    format!("№ {}, {}{until}", poa.number, wording::date(poa.date)),
                    value,
                ),
                (poa.notary.clone(), value),
            ],
        );
    }
}

/// The documents handed in, numbered, both languages.
fn documents(w: &mut Writer, request: &Request) {
    let handed: Vec<_> = request
        .documents
        .iter()
        .filter(|(_, provided)| **provided)
        .map(|(d, _)| *d)
        .collect();
    if handed.is_empty() {
        return;
    }
    w.gap(8.0);
    w.ensure(Style::bold(9.0).line_h() + 2.0 * Style::regular(9.0).line_h());
    w.side_by_side(
        "Өтінішке қоса берілген құжаттар:",
        "К заявлению прилагаются документы:",
        Style::bold(9.0),
    );
    for (i, d) in handed.iter().enumerate() {
        w.side_by_side(
            &format!("{}) {}", i + 1, d.name(Lang::Kk)),
            &format!("{}) {}", i + 1, d.name(Lang::Ru)),
            Style::regular(9.0),
        );
    }
}

/// The applicant's signature and the date.
fn signature(w: &mut Writer, who_kk: &str, who_ru: &str) {
    w.gap(14.0);
    // The signature and the clerk's note under it stay together.
    w.ensure(2.0 * Style::regular(9.0).line_h() + 8.0 + 3.0 * Style::regular(7.5).line_h());
    w.side_by_side(
        &format!("{who_kk} {BLANK} (қолы)\nКүні «___» ____________ 20___ ж."),
        &format!("{who_ru} {BLANK} (подпись)\nДата «___» ____________ 20___ г."),
        Style::regular(9.0),
    );
}

fn formation(w: &mut Writer, request: &Request) {
    header(w, None, request, None);
    w.side_by_side(
        "Маған жеке сәйкестендіру нөмірін (ЖСН) қалыптастыруды сұраймын. Менің сәйкестендіру деректерім:",
        "Прошу сформировать мне индивидуальный идентификационный номер (ИИН). Мои идентификационные данные:",
        Style::regular(9.5),
    );
    w.gap(6.0);
    data_rows(w, request);
    representative_rows(w, request);
    documents(w, request);
    signature(
        w,
        "Өтініш берушінің (заңды өкілінің) қолы",
        "Подпись заявителя (законного представителя)",
    );
}

fn convicted(w: &mut Writer, request: &Request) {
    let institution = request.institution.as_ref();
    let name = institution
        .map(|i| i.name.as_str())
        .filter(|n| !n.trim().is_empty());
    header(w, None, request, Some(name.unwrap_or(BLANK)));
    let person = wording::full_name(&request.applicant.identity);
    w.side_by_side(
        &format!(
            "Қазақстан Республикасы сотының үкімі бойынша бас бостандығынан айыруға сотталған, жеке басын куәландыратын құжаттары жоқ {person} үшін жеке сәйкестендіру нөмірін (ЖСН) қалыптастыруды сұраймыз. Сотталған адамның сәйкестендіру деректері:"
        ),
        &format!(
            "Просим сформировать индивидуальный идентификационный номер (ИИН) осуждённому по приговору суда Республики Казахстан к лишению свободы {person}, не имеющему документов, удостоверяющих личность. Идентификационные данные осуждённого:"
        ),
        Style::regular(9.5),
    );
    w.gap(6.0);
    data_rows(w, request);
    representative_rows(w, request);
    documents(w, request);
    // The head of the institution certifies the application (Rules, para 3).
    let head = institution
        .map(|i| i.head.as_str())
        .filter(|h| !h.trim().is_empty())
        .unwrap_or(BLANK);
    let inst = name.unwrap_or(BLANK);
    w.gap(14.0);
    // The heading stays on the page of the block it heads.
    w.ensure(Style::bold(10.0).line_h() + 3.0 + 7.0 * Style::regular(9.0).line_h());
    w.side_by_side("КУӘЛАНДЫРАМЫН", "УДОСТОВЕРЯЮ", Style::bold(10.0));
    w.gap(3.0);
    w.side_by_side(
        &format!(
            "Мекеменің бастығы / {inst}\n{head}\n{BLANK} (қолы)\nМ.О.\nКүні «___» ____________ 20___ ж."
        ),
        &format!(
            "Начальник учреждения / {inst}\n{head}\n{BLANK} (подпись)\nМ.П.\nДата «___» ____________ 20___ г."
        ),
        Style::regular(9.0),
    );
    let rep = request
        .representative
        .as_ref()
        .map(|r| r.full_name.clone())
        .unwrap_or_else(|| BLANK.to_string());
    w.gap(10.0);
    w.side_by_side(
        &format!("Мекеменің өкілі {rep} {BLANK} (қолы)"),
        &format!("Представитель учреждения {rep} {BLANK} (подпись)"),
        Style::regular(9.0),
    );
}

fn correction(w: &mut Writer, request: &Request, edition: &Edition) {
    let official = edition.texts.correction_appendix.map(|a| (edition, a));
    header(w, official, request, None);
    let identity = &request.applicant.identity;
    let current_iin = request
        .correction
        .as_ref()
        .map(|c| c.current_iin.to_string())
        .unwrap_or_default();
    let subject = format!(
        "{}, {}, {current_iin}",
        wording::full_name(identity),
        wording::date(identity.birth_date)
    );
    let body = Style::regular(9.5);
    w.para_full(&format!("Ұлттық тізілімдерде {subject}"), body, Align::Left);
    w.para_full(
        &format!("({FULL_NAME_KK}, туған күні, ЖСН)"),
        Style::regular(7.0).greyed(),
        Align::Left,
    );
    w.para_full(
        "айқындамалық деректеріне төменде көрсетілген параметрлерге сәйкес түзету жүргізуді сұраймын:",
        body,
        Align::Left,
    );
    w.gap(3.0);
    w.para_full(
        &format!(
            "Прошу провести корректировку установочных данных {subject} в национальных реестрах согласно нижеуказанным параметрам:"
        ),
        body.greyed(),
        Align::Left,
    );
    w.gap(8.0);

    let head = Style::bold(8.0);
    let head_ru = Style::regular(7.5).greyed();
    let cell = Style::regular(9.0);
    let widths = [10.0 * MM, 46.0 * MM, 57.0 * MM, CONTENT_W - 113.0 * MM];
    let header: Vec<Cell> = vec![
        vec![("№".into(), head)],
        vec![("Параметрлер".into(), head), ("Параметры".into(), head_ru)],
        vec![
            ("ІІМ деректер базасындағы ағымдағы мәліметтер".into(), head),
            ("Текущие сведения в базе данных МВД".into(), head_ru),
        ],
        vec![("Өзгерту".into(), head), ("Изменение".into(), head_ru)],
    ];
    let changes = request.correction.as_ref().map(|c| &c.changes);
    let rows: Vec<Vec<Cell>> = Parameter::ALL
        .iter()
        .map(|p| {
            let change = changes.and_then(|c| c.get(p));
            let (current, new) = match change {
                Some(v) => (display_value(*p, identity), format_param(*p, v)),
                None => (String::new(), String::new()),
            };
            vec![
                vec![(p.number().to_string(), cell)],
                vec![
                    (p.label(Lang::Kk).into(), cell),
                    (p.label(Lang::Ru).into(), head_ru),
                ],
                vec![(current, cell)],
                vec![(new, Style::bold(9.0))],
            ]
        })
        .collect();
    w.table(&widths, &header, &rows);
    w.gap(4.0);
    w.para_full(
        "*кестеде тек түзету қажет параметрлерді көрсету",
        Style::regular(8.0),
        Align::Left,
    );
    w.para_full(
        "*в таблице указывать только параметры, требующие корректировки",
        Style::regular(7.5).greyed(),
        Align::Left,
    );
    // Appendix 2-1 lists no attached documents; the representative, if any, is named.
    representative_rows(w, request);
    signature(
        w,
        "Өтініш берушінің (заңды өкілінің) қолы",
        "Подпись заявителя (законного представителя)",
    );
}
