//! The reasoned refusal.

use iin_desk::domain::lang::Lang;
use iin_desk::domain::request::RefusalGround;
use iin_desk::pdf::{self};

use crate::support::*;

#[test]
fn the_reasoned_refusal_quotes_the_ground() {
    let rec = record(&refused_form());
    let bytes = pdf::reasoned_refusal(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    preview("refusal", &bytes);
    let text = text_of(&bytes);
    has_all(
        &text,
        &[
            "Мемлекеттік қызметті көрсетуден дәлелді бас тарту",
            "Мотивированный отказ в оказании государственной услуги",
            RefusalGround::IinAlreadyRegistered.text(Lang::Kk),
            RefusalGround::IinAlreadyRegistered.text(Lang::Ru),
            "15-тармағының 3) тармақшасы",
            "подпункт 3) пункта 15",
            "ЖСН 900714400178 бұрын тіркелген / ИИН ранее зарегистрирован",
            "5a1c2e4f-0000-4000-8000-000000000005",
            LONG_SURNAME,
        ],
    );
    let accepted = record(&formation_form("accepted"));
    assert!(pdf::reasoned_refusal(&accepted, &ctx()).is_err());
}
