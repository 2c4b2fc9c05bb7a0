//! The reasoned refusal of the service (мемлекеттік қызметті көрсетуден дәлелді бас
//! тарту, Appendix 3 item 5): printed for a request the MIA operator refused, with the
//! ground of para 15 of the Rules in the words of the edition in force
//! ([`crate::domain::edition::Ground`]).
//!
//! The seed prescribes no form for it; the letter names the applicant, the request and
//! its date, the sub-item of para 15 and its text, the operator's comment, and the
//! State Corporation officer who hands it over.

use printpdf::PdfDocument;

use crate::domain::edition::{Edition, Ground};
use crate::domain::form::Record;
use crate::domain::lang::Lang;
use crate::domain::request::{Request, Status};

use super::layout::{
    Align, Style, Writer, CONTENT_W, MARGIN_LEFT, MM, RIGHT_BLOCK_W, RIGHT_BLOCK_X,
};
use super::wording::{self, BLANK, FULL_NAME_KK, FULL_NAME_RU};
use super::{footer, save, DocKind, PdfError, PrintContext};

/// Prints the reasoned refusal of a refused request.
pub fn reasoned_refusal(record: &Record, ctx: &PrintContext) -> Result<Vec<u8>, PdfError> {
    refusal_under(record, ctx, super::edition_of(record)?)
}

/// Prints the reasoned refusal with `edition`'s ground and wording.
pub(super) fn refusal_under(
    record: &Record,
    ctx: &PrintContext,
    edition: &Edition,
) -> Result<Vec<u8>, PdfError> {
    if record.status != Status::Refused {
        return Err(PdfError::WrongStatus {
            document: DocKind::Refusal,
            status: record.status,
        });
    }
    let outcome = record.outcome.as_ref();
    let ground = outcome
        .and_then(|o| o.ground)
        .and_then(|g| edition.ground(g))
        .ok_or(PdfError::NoRefusalGround)?;
    let id = record.request.id.to_string();
    let mut doc = PdfDocument::new("Дәлелді бас тарту / Мотивированный отказ");
    let mut w = Writer::new(
        &mut doc,
        footer("Дәлелді бас тарту / Мотивированный отказ", &id, ctx),
    )?;

    let body = Style::regular(9.5);
    heading(&mut w, &record.request, body);
    reasons(&mut w, record, ground, edition, body);
    signatures(&mut w, ctx);
    let pages = w.finish()?;
    Ok(save(
        doc,
        pages,
        "Дәлелді бас тарту / Мотивированный отказ",
        vec![id],
        ctx,
    ))
}

/// To whom (the applicant's name and address) and the title.
fn heading(w: &mut Writer, request: &Request, body: Style) {
    let identity = &request.applicant.identity;
    // To whom, on the right half.
    let (right_x, right_w) = (RIGHT_BLOCK_X, RIGHT_BLOCK_W);
    let caption = Style::regular(7.0).greyed();
    let full_name = wording::full_name(identity);
    let name_style = w
        .fonts
        .fit_words(&full_name, Style::bold(10.0), right_w, 7.5);
    w.para(right_x, right_w, &full_name, name_style, Align::Left);
    w.para(
        right_x,
        right_w,
        &format!("({FULL_NAME_KK} / {FULL_NAME_RU})"),
        caption,
        Align::Left,
    );
    let address = request.applicant.address.trim();
    w.para(
        right_x,
        right_w,
        if address.is_empty() { BLANK } else { address },
        body,
        Align::Left,
    );
    w.para(
        right_x,
        right_w,
        "(көрсетілетін қызметті алушының мекенжайы / адрес услугополучателя)",
        caption,
        Align::Left,
    );
    w.gap(14.0);

    w.para_full(
        "Мемлекеттік қызметті көрсетуден дәлелді бас тарту",
        Style::bold(13.0),
        Align::Center,
    );
    w.para_full(
        "Мотивированный отказ в оказании государственной услуги",
        Style::bold(11.0).greyed(),
        Align::Center,
    );
    w.gap(10.0);
}

/// The refusal in both languages with its ground, and the operator's comment if any.
fn reasons(w: &mut Writer, record: &Record, ground: &Ground, edition: &Edition, body: Style) {
    let request = &record.request;
    let id = request.id.to_string();
    let outcome = record.outcome.as_ref();
    let submitted = wording::date(request.submitted_at.date());
    let decided = outcome
        .and_then(|o| o.decided_at)
        .map(|t| wording::date(t.date()))
        .unwrap_or_else(|| BLANK.to_string());
    let item = ground.item;
    let paragraph = edition.texts.refusal_paragraph;
    let service = edition.texts.service;
    w.para_full(
        &format!(
            "Сіздің {submitted} ж. берген № {id} өтініміңіз бойынша \"{}\" мемлекеттік қызметін көрсетуден {decided} ж. бас тартылды. Негіздеме: Қағидалардың {paragraph}-тармағының {item}) тармақшасы:",
            service.kk
        ),
        body,
        Align::Left,
    );
    w.gap(4.0);
    w.para(
        MARGIN_LEFT + 8.0 * MM,
        CONTENT_W - 8.0 * MM,
        &format!("«{}».", ground.text.get(Lang::Kk)),
        Style::bold(10.0),
        Align::Left,
    );
    w.gap(8.0);
    w.para_full(
        &format!(
            "По Вашему заявлению № {id} от {submitted} в оказании государственной услуги \"{}\" {decided} отказано. Основание: подпункт {item}) пункта {paragraph} Правил:",
            service.ru
        ),
        body.greyed(),
        Align::Left,
    );
    w.gap(4.0);
    w.para(
        MARGIN_LEFT + 8.0 * MM,
        CONTENT_W - 8.0 * MM,
        &format!("«{}».", ground.text.get(Lang::Ru)),
        Style::bold(10.0).greyed(),
        Align::Left,
    );
    if let Some(comment) = outcome.map(|o| o.comment.trim()).filter(|c| !c.is_empty()) {
        w.gap(8.0);
        w.para_full(
            "ІІМ операторының түсініктемесі / Комментарий оператора МВД:",
            Style::bold(9.0),
            Align::Left,
        );
        w.para_full(comment, body, Align::Left);
    }
}

/// The operator's signature block and the applicant's receipt of the refusal.
fn signatures(w: &mut Writer, ctx: &PrintContext) {
    w.gap(18.0);
    let clerk = if ctx.clerk_name.trim().is_empty() {
        BLANK.to_string()
    } else {
        ctx.clerk_name.trim().to_string()
    };
    let (date_kk, date_ru) = wording::date_words(ctx.printed_at.date());
    w.side_by_side(
        &format!(
            "Мемлекеттік корпорация операторы: {clerk}\n{}, терезе № {}\n{BLANK} (қолы)\n{date_kk}",
            wording::or_dash(&ctx.office_name),
            wording::or_dash(&ctx.counter)
        ),
        &format!(
            "Оператор Государственной корпорации: {clerk}\n{}, окно № {}\n{BLANK} (подпись)\n{date_ru}",
            wording::or_dash(&ctx.office_name),
            wording::or_dash(&ctx.counter)
        ),
        Style::regular(9.0),
    );
    w.gap(10.0);
    // The applicant writes the day of receipt by hand.
    let (got_kk, got_ru) = wording::BLANK_DATE;
    w.side_by_side(
        &format!("Алдым: көрсетілетін қызметті алушының қолы/{FULL_NAME_KK}\n{BLANK}\n{got_kk}"),
        &format!("Получил(а): подпись/{FULL_NAME_RU} услугополучателя\n{BLANK}\n{got_ru}"),
        Style::regular(9.0),
    );
}
