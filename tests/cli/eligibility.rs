//! `import` refuses what the rules refuse: a key the schema does not know (naming the
//! nearest known one), a citizen of Kazakhstan, a control character in a field.

use serde_json::Value;

use crate::support::*;

/// The fixture's first request with `change` applied, written as a one-record file.
fn one_record(desk: &Desk, name: &str, change: impl FnOnce(&mut Value)) -> std::path::PathBuf {
    let mut first = read_json_array(&fixture("requests.json"))
        .first()
        .cloned()
        .unwrap_or_default();
    change(&mut first);
    desk.write(name, Value::Array(vec![first]).to_string())
}

#[test]
fn a_misspelt_key_is_refused_naming_the_nearest_known_one() {
    let desk = Desk::set_up();
    let file = one_record(&desk, "misspelt.json", |r| {
        let phone = r["applicant"]["phone"].take();
        if let Some(a) = r["applicant"].as_object_mut() {
            a.remove("phone");
            a.insert("phnoe".into(), phone);
        }
    });
    let out = desk.admin().arg("import").arg(&file).run();
    out.code(INVALID_INPUT)
        .stdout_empty()
        .stderr_has("[0] applicant.phnoe: unknown key «applicant.phnoe»; did you mean «phone»?")
        .stderr_has("1 error; nothing was stored");
    assert!(desk.stored_ids().is_empty());
    for (lang, text) in [
        (
            "kk",
            "«applicant.phnoe» белгісіз кілт; «phone» деп айтқыңыз келді ме?",
        ),
        (
            "ru",
            "неизвестный ключ «applicant.phnoe»; возможно, имелся в виду «phone»?",
        ),
    ] {
        desk.admin()
            .lang(lang)
            .arg("import")
            .arg(&file)
            .run()
            .code(INVALID_INPUT)
            .stderr_has(text);
    }
}

#[test]
fn a_citizen_of_kazakhstan_is_refused_naming_the_field() {
    let desk = Desk::set_up();
    let file = one_record(&desk, "kaz.json", |r| {
        r["applicant"]["citizenship"] = Value::from("kaz");
    });
    let out = desk.admin().arg("import").arg(&file).run();
    out.code(INVALID_INPUT)
        .stdout_empty()
        .stderr_has(
            "[0] applicant.citizenship: «Citizenship»: a citizen of Kazakhstan cannot apply",
        )
        .stderr_has("1 error; nothing was stored");
    assert!(desk.stored_ids().is_empty());
    desk.admin()
        .lang("kk")
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stderr_has("Қазақстан азаматы жүгіне алмайды");

    // A stateless person is who the service is for.
    let stateless = one_record(&desk, "xxa.json", |r| {
        r["applicant"]["citizenship"] = Value::from("XXA");
    });
    desk.admin()
        .arg("import")
        .arg(&stateless)
        .run()
        .code(OK)
        .stdout_has("1 request stored");
}

#[test]
fn a_control_character_is_refused_naming_the_field() {
    let desk = Desk::set_up();
    let file = one_record(&desk, "nul.json", |r| {
        r["applicant"]["birth_place"] = Value::from("TASH\u{0}KENT");
        r["applicant"]["address"] = Value::from("Astana,\nKabanbay batyr 1");
    });
    desk.admin()
        .arg("import")
        .arg(&file)
        .run()
        .code(INVALID_INPUT)
        .stdout_empty()
        .stderr_has("[0] applicant.birth_place: «Place of birth»: contains the control character U+0000")
        .stderr_has("[0] applicant.address: «Address of stay in Kazakhstan»: contains the control character U+000A")
        .stderr_has("2 errors; nothing was stored");
    assert!(desk.stored_ids().is_empty());
}
