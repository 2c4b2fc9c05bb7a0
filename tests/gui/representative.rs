//! The convicted person's request (Appendix 2) and the representative's ground, through
//! the accessible labels: no representative or identity document asked for on the
//! convicted path; a legal representative shows the proof, any other representative a
//! power of attorney.

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT, Queryable};
use iin_desk::app::Command;
use iin_desk::domain::request::RequestKind;

use crate::support::*;

fn new_request(f: &mut Fixture, kind: RequestKind) {
    f.harness.state_mut().state.ask(Command::NewRequest(kind));
    f.harness.run();
}

#[test]
fn a_convicted_persons_request_asks_for_no_representative_and_no_document() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    new_request(&mut f, RequestKind::FormationConvicted);
    assert!(f
        .harness
        .query_by_label_contains("Representative's full name")
        .is_none());
    assert!(f.harness.query_by_label("Document number").is_none());
    // No zone to read: no MRZ box; the typing starts at the surname.
    assert!(f
        .harness
        .query_by_label_contains("MRZ (passport reader)")
        .is_none());
    assert!(f
        .harness
        .get_by_role_and_label(Role::TextInput, "Surname (Latin)")
        .accesskit_node()
        .is_focused());
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Penal institution")
        .is_some());
    // Submitting names what is missing, never a representative.
    f.harness
        .state_mut()
        .state
        .editor
        .as_mut()
        .unwrap()
        .submit_tried = true;
    f.harness.run();
    let fields: Vec<_> = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .unwrap()
        .errors()
        .iter()
        .map(|e| e.field)
        .collect();
    assert!(!fields.contains(&iin_desk::domain::field::Field::RepresentativeName));
    // A representative may still be added, as for any request.
    f.harness.get_by_label("A representative applies").click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Representative's full name")
        .is_some());
}

#[test]
fn a_legal_representative_shows_the_proof_and_a_power_of_attorney_its_fields() {
    let mut f = app_with(with_clerk);
    f.harness.run();
    log_in(&mut f, "a.clerk", "Clerk12345");
    new_request(&mut f, RequestKind::Formation);
    f.harness.get_by_label("A representative applies").click();
    f.harness.run();
    // By default a power of attorney.
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Power of attorney number")
        .is_some());
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Document proving legal representation")
        .is_none());
    f.harness
        .get_by_label("Legal representative (parent, guardian)")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Power of attorney number")
        .is_none());
    type_into(
        &mut f.harness,
        Role::TextInput,
        "Document proving legal representation",
        "Birth certificate I-AB 123456",
    );
    let r = f
        .harness
        .state()
        .state
        .editor
        .as_ref()
        .and_then(|e| e.form.representative.clone())
        .unwrap();
    assert_eq!(r.basis, "legal_representative");
    assert_eq!(r.legal_document, "Birth certificate I-AB 123456");
    // Back to a power of attorney: the proof typed stays visible with its error.
    f.harness
        .get_by_label("By a notarized power of attorney")
        .click();
    f.harness.run();
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Document proving legal representation")
        .is_some());
    assert!(f
        .harness
        .query_by_role_and_label(Role::TextInput, "Power of attorney number")
        .is_some());
    let msg =
        iin_desk::domain::field::Problem::NotAllowed.message(iin_desk::domain::lang::Lang::En);
    assert!(
        f.harness.query_by_label_contains(&msg).is_some(),
        "the proof's error is shown at the field: {msg}"
    );
}
