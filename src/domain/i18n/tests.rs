//! The catalogue is complete: the same ids and the same values in every language, every id
//! the code names exists, and every id in the catalogue is used.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

use super::*;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// id → the variables its text uses, for one language.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn files_under(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

fn variables_of_pattern(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            variables_of_expression(expression, out);
        }
    }
}

fn variables_of_inline(expression: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => variables_of_expression(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                variables_of_inline(argument, out);
            }
        }
        _ => {}
    }
}

fn variables_of_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            variables_of_inline(selector, out);
            for variant in variants {
                variables_of_pattern(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => variables_of_inline(inline, out),
    }
}

fn catalogue(lang: &str) -> Messages {
    let mut files = Vec::new();
    files_under(
        &Path::new(ROOT).join("assets/i18n").join(lang),
        "ftl",
        &mut files,
    );
    assert!(!files.is_empty(), "no .ftl files for {lang}");
    let mut messages = Messages::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("readable .ftl");
        let resource = match fluent_syntax::parser::parse(text.as_str()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{}: {errors:?}", file.display()),
        };
        for entry in &resource.body {
            if let ast::Entry::Message(message) = entry {
                let mut vars = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables_of_pattern(value, &mut vars);
                }
                let id = message.id.name.to_string();
                assert!(
                    messages.insert(id.clone(), vars).is_none(),
                    "{lang}: {id} is defined twice"
                );
            }
        }
    }
    messages
}

/// The Rust sources (not this test), as text.
fn sources() -> Vec<(PathBuf, String)> {
    let mut files = Vec::new();
    files_under(&Path::new(ROOT).join("src"), "rs", &mut files);
    files
        .into_iter()
        .filter(|p| !p.ends_with("domain/i18n/tests.rs"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable source");
            // Comments may mention ids; only code counts.
            let code: Vec<&str> = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .collect();
            (p, code.join("\n"))
        })
        .collect()
}

/// The ids the code names: the literal argument of `Msg("…")`, and the literal second
/// argument of `tr(lang, "…")`, `tr_args(lang, "…", …)`, `tr_static(lang, "…")`.
fn ids_named_in(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for call in ["Msg(", "tr(", "tr_args(", "tr_static("] {
        let mut from = 0;
        while let Some(at) = text[from..].find(call) {
            let start = from + at;
            from = start + call.len();
            let before = text[..start].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // `str(`, `attr(`, …
            }
            let rest = &text[from..];
            // The id is `Msg`'s first argument and the others' second (after `lang,`).
            let argument = if call == "Msg(" {
                rest
            } else {
                match rest.find(',') {
                    Some(comma) => &rest[comma + 1..],
                    None => continue,
                }
            };
            let Some(literal) = argument.trim_start().strip_prefix('"') else {
                continue; // an id in a variable: `tr(lang, id)`
            };
            if let Some(end) = literal.find('"') {
                let id = &literal[..end];
                // Only catalogue ids (lower-case words joined by hyphens); other `tr(`
                // helpers that take the text itself are not ours.
                if !id.is_empty()
                    && id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                {
                    ids.push(id.to_string());
                }
            }
        }
    }
    ids
}

#[test]
fn every_language_has_the_same_ids_and_values() {
    let kk = catalogue("kk");
    for lang in ["ru", "en"] {
        let other = catalogue(lang);
        let missing: Vec<_> = kk.keys().filter(|id| !other.contains_key(*id)).collect();
        let extra: Vec<_> = other.keys().filter(|id| !kk.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(extra.is_empty(), "{lang} has ids kk lacks: {extra:?}");
        for (id, vars) in &kk {
            assert_eq!(
                Some(vars),
                other.get(id),
                "{id}: the values in kk and {lang} differ"
            );
        }
    }
}

#[test]
fn every_id_the_code_names_exists_and_every_id_is_used() {
    let kk = catalogue("kk");
    let sources = sources();
    for (path, text) in &sources {
        for id in ids_named_in(text) {
            assert!(
                kk.contains_key(&id),
                "{} names {id}, which the catalogue lacks",
                path.display()
            );
        }
    }
    let unused: Vec<_> = kk
        .keys()
        .filter(|id| {
            let quoted = format!("\"{id}\"");
            !sources.iter().any(|(_, text)| text.contains(&quoted))
        })
        .collect();
    assert!(unused.is_empty(), "ids no code uses: {unused:?}");
}

#[test]
fn lookups_fill_values_and_never_fail() {
    assert_eq!(tr(Lang::En, "no-such-id"), "no-such-id");
    for lang in Lang::ALL {
        let text = tr_args(lang, "problem-too-long", &[("max", 20.into())]);
        assert!(text.contains("20"), "{text}");
        assert!(!text.contains('\u{2068}'), "no isolation marks: {text:?}");
    }
}

#[test]
fn russian_counts_take_their_plural_forms() {
    let forms: Vec<String> = [1, 2, 5, 21, 11]
        .iter()
        .map(|n| tr_args(Lang::Ru, "problem-too-long", &[("max", (*n).into())]))
        .collect();
    assert!(forms[0].ends_with("1 символа"), "{}", forms[0]);
    assert!(forms[1].ends_with("2 символов"), "{}", forms[1]);
    assert!(forms[2].ends_with("5 символов"), "{}", forms[2]);
    assert!(forms[3].ends_with("21 символа"), "{}", forms[3]);
    assert!(forms[4].ends_with("11 символов"), "{}", forms[4]);
}
