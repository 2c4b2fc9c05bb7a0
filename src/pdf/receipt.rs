//! The receipt of refusal to accept documents (құжаттарды қабылдаудан бас тарту туралы
//! қолхат): Appendix 5 of the Rules as worded by Appendix 3 of Order No. 146, printed
//! when the package is incomplete or a document has expired (Law "On public services",
//! art. 20(2)). Two identical copies, one per party, one page each (a copy with the
//! seed's full wording, a list of documents and three signature blocks does not fit in
//! half an A4 sheet at a readable size).
//!
//! The Kazakh wording is the seed's, with the article references put back in their
//! order (the seed's text layer scrambled "Заңының 19-бабын және 20-бабының 2-тармағын")
//! and one slip of the published text corrected: the seed says "құжаттардың толық
//! топтамасын … ұсынуыңызға байланысты" ("because you submitted the *complete*
//! package"), the receipt says "толық емес топтамасын" (*incomplete*), as the Russian
//! beside it does ("ввиду представления Вами неполного пакета документов", our
//! translation in the usual wording of such receipts). Missing and expired documents
//! are listed under the seed's own heading "Ұсынылмаған құжаттардың атауы:", an expired
//! one marked so in its line; the applicant's date of receipt is a blank the applicant
//! fills in. See docs/rules-decisions.md.

use printpdf::PdfDocument;

use crate::domain::edition::Edition;
use crate::domain::form::Record;
use crate::domain::lang::Lang;

use super::layout::{Align, Style, Writer, CONTENT_W, MARGIN_LEFT, RIGHT_BLOCK_W, RIGHT_BLOCK_X};
use super::wording::{self, BLANK, FULL_NAME_KK, FULL_NAME_RU};
use super::{footer, save, DocKind, PdfError, PrintContext};

/// Prints the refusal receipt, two copies, for a request whose package the checklist
/// refuses (status refused to accept, or a draft being refused).
pub fn refusal_receipt(record: &Record, ctx: &PrintContext) -> Result<Vec<u8>, PdfError> {
    receipt_under(record, ctx, super::edition_of(record)?)
}

/// Prints the refusal receipt under `edition`'s wording.
pub(super) fn receipt_under(
    record: &Record,
    ctx: &PrintContext,
    edition: &Edition,
) -> Result<Vec<u8>, PdfError> {
    if record.decision.is_accept() {
        return Err(PdfError::WrongStatus {
            document: DocKind::Receipt,
            status: record.status,
        });
    }
    let id = record.request.id.to_string();
    let mut doc = PdfDocument::new("Қолхат / Расписка");
    let mut w = Writer::new(&mut doc, footer("Қолхат / Расписка", &id, ctx))?;
    copy(&mut w, record, ctx, edition);
    w.new_page();
    copy(&mut w, record, ctx, edition);
    let pages = w.finish()?;
    Ok(save(doc, pages, "Қолхат / Расписка", vec![id], ctx))
}

/// Draws one copy from the top of a page.
fn copy(w: &mut Writer, record: &Record, ctx: &PrintContext, edition: &Edition) {
    let body = Style::regular(9.0);
    heading(w, record, body, edition);
    text(w, record, ctx, body, edition);
    signatures(w, record, ctx, body);
}

/// The corner of the receipt's appendix (5), to whom (the applicant's name and address)
/// and the title.
fn heading(w: &mut Writer, record: &Record, body: Style, edition: &Edition) {
    let small = Style::regular(7.5);
    let identity = &record.request.applicant.identity;
    let address = record.request.applicant.address.trim();

    let (corner_kk, corner_ru) = wording::corner(edition.texts, edition.texts.receipt_appendix);
    let corner_x = MARGIN_LEFT + CONTENT_W * 0.5;
    let corner_w = CONTENT_W * 0.5;
    w.bilingual(
        corner_x,
        corner_w,
        &corner_kk,
        &corner_ru,
        small,
        Align::Left,
    );
    w.para(
        corner_x,
        corner_w,
        &format!("{} / {}", wording::FORM_KK, wording::FORM_RU),
        small,
        Align::Right,
    );
    w.gap(4.0);

    // To whom: the applicant's name and address with the seed's captions.
    let (right_x, right_w) = (RIGHT_BLOCK_X, RIGHT_BLOCK_W);
    let full_name = wording::full_name(identity);
    let name_style = w
        .fonts
        .fit_words(&full_name, Style::bold(body.size), right_w, 7.5);
    w.para(right_x, right_w, &full_name, name_style, Align::Left);
    w.para(
        right_x,
        right_w,
        &format!("({FULL_NAME_KK} / {FULL_NAME_RU})"),
        small.greyed(),
        Align::Left,
    );
    let address_text = if address.is_empty() { BLANK } else { address };
    w.para(right_x, right_w, address_text, body, Align::Left);
    w.para(
        right_x,
        right_w,
        "(көрсетілетін қызметті алушының мекенжайы / адрес услугополучателя)",
        small.greyed(),
        Align::Left,
    );
    w.gap(6.0);

    w.para_full(
        "Құжаттарды қабылдаудан бас тарту туралы қолхат",
        Style::bold(body.size + 2.0),
        Align::Center,
    );
    w.para_full(
        "Расписка об отказе в приёме документов",
        Style::bold(body.size + 1.0).greyed(),
        Align::Center,
    );
    w.gap(5.0);
}

/// The refusal's text and the list of documents not handed in or expired.
fn text(w: &mut Writer, record: &Record, ctx: &PrintContext, body: Style, edition: &Edition) {
    let office = wording::or_dash(&ctx.office_name);
    let office_address = if ctx.office_address.trim().is_empty() {
        BLANK.to_string()
    } else {
        ctx.office_address.trim().to_string()
    };
    let texts = edition.texts;
    let (kk, ru) = wording::fill(
        texts.receipt_body,
        texts,
        &[("office", &office), ("office_address", &office_address)],
    );
    w.side_by_side(&kk, &ru, body);
    w.gap(5.0);

    // The seed's heading, whatever the lines hold: an expired document says so itself.
    let (head_kk, head_ru) = (texts.receipt_heading.kk, texts.receipt_heading.ru);
    w.side_by_side(head_kk, head_ru, Style::bold(body.size));
    let kk_lines = record.decision.receipt_lines(Lang::Kk);
    let ru_lines = record.decision.receipt_lines(Lang::Ru);
    let n = kk_lines.len();
    for (i, (kk, ru)) in kk_lines.iter().zip(&ru_lines).enumerate() {
        let end = if i + 1 < n { ";" } else { "." };
        w.side_by_side(
            &format!("{}) {kk}{end}", i + 1),
            &format!("{}) {ru}{end}", i + 1),
            body,
        );
    }
    w.gap(4.0);
    w.side_by_side(
        "Осы қолхат 2 данада әрбір тарап үшін бір данадан жасалды.",
        "Настоящая расписка составлена в 2 экземплярах, по одному для каждой стороны.",
        body,
    );
    w.gap(7.0);
}

/// Signatures: the officer, the executor with phone, the applicant with the date.
fn signatures(w: &mut Writer, record: &Record, ctx: &PrintContext, body: Style) {
    // Signatures: the officer, the executor with phone, the applicant with the date.
    w.side_by_side(
        &format!("Көрсетілетін қызметті берушінің {FULL_NAME_KK} {BLANK} {BLANK} (қолы)"),
        &format!("{FULL_NAME_RU} услугодателя {BLANK} {BLANK} (подпись)"),
        body,
    );
    w.gap(4.0);
    let clerk = if ctx.clerk_name.trim().is_empty() {
        BLANK.to_string()
    } else {
        ctx.clerk_name.trim().to_string()
    };
    let phone = if ctx.clerk_phone.trim().is_empty() {
        BLANK.to_string()
    } else {
        ctx.clerk_phone.trim().to_string()
    };
    w.side_by_side(
        &format!("Орындаушы: {FULL_NAME_KK} {clerk}\nТелефон {phone}"),
        &format!("Исполнитель: {FULL_NAME_RU} {clerk}\nТелефон {phone}"),
        body,
    );
    w.gap(4.0);
    // The applicant writes the day of receipt by hand, as the seed's blank leaves it.
    let (date_kk, date_ru) = wording::BLANK_DATE;
    let name = record.request.applicant.identity.display_name();
    w.side_by_side(
        &format!(
            "Алдым: көрсетілетін қызметті алушының қолы/{FULL_NAME_KK}\n{BLANK} / {name}\n{date_kk}"
        ),
        &format!(
            "Получил(а): подпись/{FULL_NAME_RU} услугополучателя\n{BLANK} / {name}\n{date_ru}"
        ),
        body,
    );
}
