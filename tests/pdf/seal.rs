//! The seal: `verify` tells a genuine certificate from edited ones.

use iin_desk::domain::lang::Lang;
use iin_desk::pdf::{self, read_certificate, verify, NotGenuine, Seal};

use crate::support::*;

#[test]
fn verify_accepts_a_genuine_certificate_and_rejects_edited_ones() {
    let rec = record(&formed_form());
    let bytes = pdf::certificate(&rec, &ctx()).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(reading.metadata.is_some() && reading.page.is_some());
    assert_eq!(reading.metadata, reading.page);
    assert_eq!(verify(&reading, Some(&rec)), Ok(()));
    assert_eq!(verify(&reading, None), Err(NotGenuine::UnknownRequest));

    let genuine = issued_iin();
    let forged = forged_iin();

    // The large IIN edited on the page (the seal line left alone).
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let payload = Seal::for_record(&rec)
        .unwrap_or_else(|e| panic!("{e}"))
        .payload();
    let replaced = replace(&mut doc, &genuine, &forged);
    assert_eq!(replaced, 2, "the large IIN and the seal line");
    // Put the seal line back as it was, so only the large IIN differs.
    let forged_payload = payload.replace(&genuine, &forged);
    assert_eq!(replace(&mut doc, &forged_payload, &payload), 1);
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert!(text_of(&edited).contains(&forged));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::PrintedIinDiffers)
    );

    // The IIN edited everywhere on the page and in the metadata.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(replace(&mut doc, &genuine, &forged), 2);
    let info_id = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        .unwrap_or_else(|e| panic!("{e}"));
    let info = doc
        .get_object_mut(info_id)
        .and_then(lopdf::Object::as_dict_mut)
        .unwrap_or_else(|e| panic!("{e}"));
    info.set(
        "Keywords",
        lopdf::Object::string_literal(forged_payload.as_bytes().to_vec()),
    );
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::IinDiffers),
        "{reading:?}"
    );

    // The metadata alone edited: the two seals disagree.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let info = doc
        .get_object_mut(info_id)
        .and_then(lopdf::Object::as_dict_mut)
        .unwrap_or_else(|e| panic!("{e}"));
    info.set(
        "Keywords",
        lopdf::Object::string_literal(forged_payload.as_bytes().to_vec()),
    );
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&reading, Some(&rec)), Err(NotGenuine::SealsDisagree));

    // The surname edited on the page.
    let mut doc = lopdf::Document::load_mem(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert!(replace(&mut doc, "WOLFES", "WOLFEZ") >= 1);
    let mut edited = Vec::new();
    doc.save_to(&mut edited).unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&edited).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&rec)),
        Err(NotGenuine::PrintedDataDiffer)
    );

    // A stored request whose data changed since printing: the check value differs.
    let mut other = formed_form();
    other.applicant.document_number = "C01X00T48".into();
    let changed = record(&other);
    let reading = read_certificate(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        verify(&reading, Some(&changed)),
        Err(NotGenuine::CheckDiffers)
    );

    // Not a certificate at all.
    let receipt = pdf::refusal_receipt(&record(&refused_to_accept_form()), &ctx())
        .unwrap_or_else(|e| panic!("{e}"));
    let reading = read_certificate(&receipt).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(verify(&reading, Some(&rec)), Err(NotGenuine::NoSeal));
    assert!(read_certificate(b"not a pdf").is_err());
    for e in [NotGenuine::NoSeal, NotGenuine::PrintedIinDiffers] {
        for lang in Lang::ALL {
            assert!(!e.message(lang).is_empty());
        }
    }
}
