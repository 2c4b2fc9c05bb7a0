//! The registration certificate (тіркеу куәлігі, Appendix 7 of the Rules): printed by
//! the State Corporation operator when the IIN was formed or corrected (para 11).
//!
//! The seed gives Appendix 7's corner, not its body; the body is this program's layout,
//! so the certificate carries no official corner (docs/rules-decisions.md). It holds: the IIN in large digits, the identifying data (Latin as in the passport,
//! Cyrillic where known), the identity document, the date of formation or correction,
//! the issuing office, counter and clerk, and the QR seal (see [`super::seal`]).

use printpdf::PdfDocument;

use crate::domain::edition::Edition;
use crate::domain::form::Record;
use crate::domain::identity::{Identity, Parameter};
use crate::domain::request::Status;

use super::layout::{Align, Style, Writer, CONTENT_W, MARGIN_LEFT, MARGIN_RIGHT, MM, PAGE_W};
use super::seal::Seal;
use super::wording::{self, BLANK};
use super::{footer, qr, save, PrintContext};

/// The label column's width.
const LABEL_W: f32 = 62.0 * MM;

/// Prints the registration certificate of a formed or corrected request, with a blank
/// for the MIA operator who decided (see [`certificate_decided_by`]).
pub fn certificate(record: &Record, ctx: &PrintContext) -> Result<Vec<u8>, super::PdfError> {
    certificate_decided_by(record, ctx, None)
}

/// Prints the registration certificate naming `decided_by`, the MIA operator who formed
/// or corrected the IIN (a blank line when unknown). `ctx.clerk_name` is the State
/// Corporation operator who issued it.
pub fn certificate_decided_by(
    record: &Record,
    ctx: &PrintContext,
    decided_by: Option<&str>,
) -> Result<Vec<u8>, super::PdfError> {
    certificate_under(record, ctx, decided_by, super::edition_of(record)?)
}

/// Prints the certificate under `edition` (the service's name it prints).
pub(super) fn certificate_under(
    record: &Record,
    ctx: &PrintContext,
    decided_by: Option<&str>,
    edition: &Edition,
) -> Result<Vec<u8>, super::PdfError> {
    let seal = Seal::for_record(record)?;
    let payload = seal.payload();
    let corrected = record.status == Status::Corrected;

    let mut doc = PdfDocument::new("Тіркеу куәлігі / Регистрационное свидетельство");
    let mut w = Writer::new(
        &mut doc,
        footer(
            "Тіркеу куәлігі / Регистрационное свидетельство",
            &seal.request_id,
            ctx,
        ),
    )?;

    header(&mut w, &payload, &seal.iin, edition)?;
    identity_fields(&mut w, record);
    decision_fields(&mut w, record, ctx, corrected);
    decider_field(&mut w, decided_by);
    seal_text(&mut w, &payload, ctx);

    let pages = w.finish()?;
    Ok(save(
        doc,
        pages,
        "Тіркеу куәлігі / Регистрационное свидетельство",
        vec![payload],
        ctx,
    ))
}

/// The QR seal, the title and the IIN in large digits. The seed gives Appendix 7's
/// corner but not its body, which is this program's layout: so no official corner.
fn header(
    w: &mut Writer,
    payload: &str,
    iin: &str,
    edition: &Edition,
) -> Result<(), super::PdfError> {
    // The QR seal on the top left.
    let qr_size = 30.0 * MM;
    let top = w.y;
    qr::draw(w, payload, MARGIN_LEFT, top, qr_size)?;
    w.y = w.y.min(top - qr_size);
    w.gap(8.0);

    w.para_full("ТІРКЕУ КУӘЛІГІ", Style::bold(16.0), Align::Center);
    w.para_full(
        "РЕГИСТРАЦИОННОЕ СВИДЕТЕЛЬСТВО",
        Style::bold(12.0).greyed(),
        Align::Center,
    );
    w.gap(4.0);
    w.bilingual(
        MARGIN_LEFT,
        CONTENT_W,
        &format!("{} қызметі", edition.texts.service.kk),
        &format!("Услуга «{}»", edition.texts.service.ru),
        Style::regular(8.0),
        Align::Center,
    );
    w.gap(10.0);

    // The IIN in large digits.
    w.para_full(
        "Жеке сәйкестендіру нөмірі (ЖСН) / Индивидуальный идентификационный номер (ИИН)",
        Style::regular(9.0),
        Align::Center,
    );
    w.gap(2.0);
    w.para_full(iin, Style::bold(30.0), Align::Center);
    w.gap(10.0);
    Ok(())
}

/// The identifying data: names (Latin, and Cyrillic where known), birth, sex,
/// citizenship and the identity document.
fn identity_fields(w: &mut Writer, record: &Record) {
    let identity = record.request.identity_after();
    let name = Style::bold(11.0);
    let value = Style::regular(10.0);
    name_fields(w, record, &identity, (name, value));
    w.field(
        LABEL_W,
        "Туған күні",
        "Дата рождения",
        &[(wording::date(identity.birth_date), value)],
    );
    w.field(
        LABEL_W,
        "Туған жері",
        "Место рождения",
        &[(wording::or_dash(&identity.birth_place), value)],
    );
    w.field(
        LABEL_W,
        "Жынысы",
        "Пол",
        &[(wording::sex(identity.sex), value)],
    );
    w.field(
        LABEL_W,
        "Азаматтығы",
        "Гражданство",
        &[(wording::country(&identity.citizenship), value)],
    );
    // The identity document in one row: number, issuing country, validity.
    let document: Vec<(String, Style)> = match &identity.document {
        Some(d) => vec![
            (d.number.clone(), name),
            (wording::country(&d.issuing_country), value),
            (
                format!(
                    "{} – {}",
                    wording::date(d.issue_date),
                    wording::date(d.expiry_date)
                ),
                value,
            ),
        ],
        None => vec![("—".to_string(), value)],
    };
    w.field(
        LABEL_W,
        "Жеке басты куәландыратын құжат",
        "Документ, удостоверяющий личность",
        &document,
    );
}

/// The surname, name and patronymic: Latin, and Cyrillic where known.
fn name_fields(
    w: &mut Writer,
    record: &Record,
    identity: &Identity,
    (name, value): (Style, Style),
) {
    // A corrected name component has no known Cyrillic form any more: the old one would
    // contradict the corrected Latin name, so it is left out.
    let changed = |p: Parameter| {
        record
            .request
            .correction
            .as_ref()
            .is_some_and(|c| c.changes.contains_key(&p))
    };
    let cyr = |v: &Option<String>, p: Parameter| {
        v.clone()
            .filter(|s| !s.trim().is_empty())
            .filter(|_| !changed(p))
    };
    // Names on one line each where they can be, in smaller type if they must.
    let fonts = w.fonts;
    let value_w = w.value_width(LABEL_W);
    let name_values = |latin: &str, cyrillic: Option<String>| {
        let lines: Vec<String> = [Some(latin.trim().to_string()), cyrillic]
            .into_iter()
            .flatten()
            .filter(|v| !v.is_empty())
            .collect();
        if lines.is_empty() {
            return vec![("—".to_string(), value)];
        }
        lines
            .into_iter()
            .map(|v| {
                let style = fonts.fit(&v, name, value_w, 8.5);
                (v, style)
            })
            .collect::<Vec<_>>()
    };
    w.line(MARGIN_LEFT, w.y, PAGE_W - MARGIN_RIGHT, w.y, 0.3, false);
    w.field(
        LABEL_W,
        "Тегі",
        "Фамилия",
        &name_values(
            &identity.surname,
            cyr(&identity.cyrillic.surname, Parameter::Surname),
        ),
    );
    w.field(
        LABEL_W,
        "Аты",
        "Имя",
        &name_values(
            &identity.name,
            cyr(&identity.cyrillic.name, Parameter::Name),
        ),
    );
    w.field(
        LABEL_W,
        "Әкесінің аты (болған кезде)",
        "Отчество (при наличии)",
        &name_values(
            identity.patronymic.as_deref().unwrap_or(""),
            cyr(&identity.cyrillic.patronymic, Parameter::Patronymic),
        ),
    );
}

/// The date of formation or correction, the issuing office and counter, and the clerk.
fn decision_fields(w: &mut Writer, record: &Record, ctx: &PrintContext, corrected: bool) {
    let name = Style::bold(11.0);
    let value = Style::regular(10.0);
    let decided = record
        .outcome
        .as_ref()
        .and_then(|o| o.decided_at)
        .map(|t| wording::date(t.date()))
        .unwrap_or_else(|| BLANK.to_string());
    let (date_kk, date_ru) = if corrected {
        ("ЖСН түзетілген күн", "Дата корректировки ИИН")
    } else {
        ("ЖСН қалыптастырылған күн", "Дата формирования ИИН")
    };
    w.field(LABEL_W, date_kk, date_ru, &[(decided, name)]);
    let mut office = vec![(wording::or_dash(&ctx.office_name), value)];
    if !ctx.office_address.trim().is_empty() {
        office.push((ctx.office_address.trim().to_string(), value));
    }
    office.push((
        format!("Терезе / окно № {}", wording::or_dash(&ctx.counter)),
        value,
    ));
    w.field(
        LABEL_W,
        "Берген: Мемлекеттік корпорацияның бөлімшесі, терезе",
        "Выдано: отделение Госкорпорации, окно",
        &office,
    );
    w.field(
        LABEL_W,
        "Мемлекеттік корпорация операторы",
        "Оператор Государственной корпорации",
        &[
            (wording::or_dash(&ctx.clerk_name), value),
            (format!("{BLANK} (қолы / подпись)"), Style::regular(8.0)),
        ],
    );
}

/// The MIA operator who formed or corrected the IIN, or a blank line for the name.
fn decider_field(w: &mut Writer, decided_by: Option<&str>) {
    let name = decided_by
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .unwrap_or(BLANK);
    w.field(
        LABEL_W,
        "Шешім қабылдаған ІІМ операторы",
        "Оператор МВД, принявший решение",
        &[(name.to_string(), Style::regular(10.0))],
    );
}

/// Under the fields: the print date, what the QR code holds, and the payload as text.
fn seal_text(w: &mut Writer, payload: &str, ctx: &PrintContext) {
    // Under the fields: when it was printed, what the QR code holds, and the payload as
    // text. The payload is never wrapped: `verify` reads it back as one token.
    let payload_style = Style::regular(6.0);
    w.gap(6.0);
    w.ensure(4.0 * 9.0 + payload_style.line_h());
    w.para_full(
        &format!(
            "Басып шығарылған күні / Дата печати: {}",
            wording::date_time(ctx.printed_at)
        ),
        Style::regular(8.0),
        Align::Left,
    );
    w.side_by_side(
        "QR-код ЖСН-ды, өтінім нөмірін және бақылау мәнін қамтиды; куәліктің түпнұсқалығын Мемлекеттік корпорация тексереді.",
        "QR-код содержит ИИН, номер заявки и контрольное значение; подлинность свидетельства проверяет Государственная корпорация.",
        Style::regular(7.0),
    );
    w.gap(2.0);
    let top_payload = w.y;
    w.lines_at(
        MARGIN_LEFT,
        top_payload,
        CONTENT_W,
        &[payload.to_string()],
        payload_style,
        Align::Left,
    );
    w.y = top_payload - payload_style.line_h();
}
