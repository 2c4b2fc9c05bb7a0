//! The clerk's notices at the bottom of the window: each belongs to the request it is
//! about (or to none), names the field it is about (if any), and goes when another
//! request is opened or the field is fixed. The same text never shows twice.

use crate::domain::field::Field;

/// How many notices are shown at most (the oldest goes first).
pub const MAX_NOTICES: usize = 3;

/// A message shown to the clerk at the bottom of the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The text, already in the clerk's language.
    pub text: String,
    /// Whether it reports a failure.
    pub is_error: bool,
    /// The request it is about: it goes when another request is on screen.
    pub request: Option<String>,
    /// The field it is about: it goes when that field of its request has no error.
    pub field: Option<Field>,
    /// A folder the notice offers to open (where a PDF was saved when no viewer opened).
    pub folder: Option<std::path::PathBuf>,
}

impl Notice {
    /// A notice about no request in particular.
    pub fn general(text: impl Into<String>, is_error: bool) -> Notice {
        Notice {
            text: text.into(),
            is_error,
            request: None,
            field: None,
            folder: None,
        }
    }
}

/// Adds `n`: an earlier notice with the same text about the same request is replaced (a
/// second "Draft saved" does not pile up), and only the newest [`MAX_NOTICES`] stay.
pub fn push(notices: &mut Vec<Notice>, n: Notice) {
    notices.retain(|o| !(o.text == n.text && o.request == n.request));
    notices.push(n);
    while notices.len() > MAX_NOTICES {
        notices.remove(0);
    }
}

/// Drops what no longer applies. `current` is the request on screen (none on the other
/// screens: then every notice stays); `editor` is the request being typed with the fields
/// that have an error now.
pub fn tidy(notices: &mut Vec<Notice>, current: Option<&str>, editor: Option<(&str, Vec<Field>)>) {
    notices.retain(|n| {
        let other_request = matches!((&n.request, current), (Some(r), Some(c)) if r != c);
        let fixed = match (&n.request, n.field, &editor) {
            (Some(r), Some(f), Some((id, errors))) => r == id && !errors.contains(&f),
            _ => false,
        };
        !other_request && !fixed
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about(request: &str, field: Option<Field>, text: &str) -> Notice {
        Notice {
            request: Some(request.into()),
            field,
            ..Notice::general(text, field.is_some())
        }
    }

    #[test]
    fn the_same_text_does_not_pile_up_and_the_oldest_goes() {
        let mut v = Vec::new();
        for _ in 0..4 {
            push(&mut v, about("a", None, "Draft saved"));
        }
        assert_eq!(v.len(), 1);
        push(&mut v, about("b", None, "Draft saved"));
        assert_eq!(v.len(), 2, "another request's notice is its own");
        for t in ["x", "y", "z"] {
            push(&mut v, Notice::general(t, false));
        }
        let texts: Vec<&str> = v.iter().map(|n| n.text.as_str()).collect();
        assert_eq!(texts, ["x", "y", "z"]);
    }

    #[test]
    fn a_notice_goes_with_its_request_or_its_fixed_field() {
        // (notice, request on screen, fields with an error in the editor's request "a", stays)
        let table: [(Notice, Option<&str>, &[Field], bool); 7] = [
            (about("a", None, "Draft saved"), Some("a"), &[], true),
            (about("a", None, "Draft saved"), Some("b"), &[], false),
            (about("a", None, "Accepted"), None, &[], true),
            (Notice::general("Store error", true), Some("b"), &[], true),
            (
                about("a", Some(Field::BirthPlace), "Fix"),
                Some("a"),
                &[Field::BirthPlace],
                true,
            ),
            (
                about("a", Some(Field::BirthPlace), "Fix"),
                Some("a"),
                &[Field::Address],
                false,
            ),
            (about("c", Some(Field::BirthPlace), "Fix"), None, &[], true),
        ];
        for (i, (n, current, errors, stays)) in table.into_iter().enumerate() {
            let mut v = vec![n];
            tidy(&mut v, current, Some(("a", errors.to_vec())));
            assert_eq!(v.len() == 1, stays, "row {i}");
        }
    }
}
