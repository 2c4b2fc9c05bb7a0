//! Staff accounts: roles and the password policy.

use serde::{Deserialize, Serialize};

use super::i18n::{tr, tr_args, Msg};
use super::lang::Lang;

/// What a staff member may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Counter clerk: takes requests, prints documents.
    Clerk,
    /// Supervisor: sees the office's journal and daily register.
    Supervisor,
    /// Back-office operator: forms and corrects IINs.
    BackOffice,
    /// Administrator: accounts, settings, calendar, imports.
    Administrator,
}

impl Role {
    /// All roles.
    pub const ALL: [Role; 4] = [
        Role::Clerk,
        Role::Supervisor,
        Role::BackOffice,
        Role::Administrator,
    ];

    /// The key used in files, the database and the CLI.
    pub fn key(self) -> &'static str {
        match self {
            Role::Clerk => "clerk",
            Role::Supervisor => "supervisor",
            Role::BackOffice => "back_office",
            Role::Administrator => "administrator",
        }
    }

    /// Parses a key (`admin` is accepted for administrator).
    pub fn from_key(key: &str) -> Option<Role> {
        match key.trim() {
            "admin" => Some(Role::Administrator),
            "backoffice" | "back-office" => Some(Role::BackOffice),
            k => Role::ALL.into_iter().find(|r| r.key() == k),
        }
    }

    /// The role's name in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Clerk => Msg("role-clerk"),
            Role::Supervisor => Msg("role-supervisor"),
            Role::BackOffice => Msg("role-back-office"),
            Role::Administrator => Msg("role-administrator"),
        }
        .get(lang)
    }
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Why a password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    /// Fewer than [`MIN_PASSWORD_CHARS`] characters.
    TooShort,
    /// Letters only or digits only.
    NeedsLettersAndDigits,
    /// Equal to the login.
    SameAsLogin,
}

impl PasswordProblem {
    /// The problem and what is expected, in `lang`.
    pub fn message(self, lang: Lang) -> String {
        match self {
            PasswordProblem::TooShort => tr_args(
                lang,
                "password-too-short",
                &[("min", MIN_PASSWORD_CHARS.into())],
            ),
            PasswordProblem::NeedsLettersAndDigits => tr(lang, "password-needs-letters-and-digits"),
            PasswordProblem::SameAsLogin => tr(lang, "password-same-as-login"),
        }
    }
}

/// Checks a new password against the policy.
pub fn check_password(login: &str, password: &str) -> Result<(), PasswordProblem> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(PasswordProblem::TooShort);
    }
    if !(password.chars().any(char::is_alphabetic) && password.chars().any(|c| c.is_ascii_digit()))
    {
        return Err(PasswordProblem::NeedsLettersAndDigits);
    }
    if password.trim().eq_ignore_ascii_case(login.trim()) {
        return Err(PasswordProblem::SameAsLogin);
    }
    Ok(())
}

/// Whether a login is acceptable: 3–32 Latin letters, digits, `.`, `_`, `-`.
pub fn valid_login(login: &str) -> bool {
    (3..=32).contains(&login.len())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_table() {
        let t = [
            ("anna", "short1", Err(PasswordProblem::TooShort)),
            (
                "anna",
                "onlyletterslong",
                Err(PasswordProblem::NeedsLettersAndDigits),
            ),
            (
                "anna",
                "1234567890123",
                Err(PasswordProblem::NeedsLettersAndDigits),
            ),
            (
                "anna12345678",
                "ANNA12345678",
                Err(PasswordProblem::SameAsLogin),
            ),
            ("anna", "Қазақ2026жыл", Ok(())),
            ("anna", "correct horse 7", Ok(())),
        ];
        for (login, pw, expected) in t {
            assert_eq!(check_password(login, pw), expected, "{pw}");
        }
    }

    #[test]
    fn roles_and_logins() {
        for r in Role::ALL {
            assert_eq!(Role::from_key(r.key()), Some(r));
        }
        assert_eq!(Role::from_key("admin"), Some(Role::Administrator));
        assert!(valid_login("a.nurlanova"));
        assert!(!valid_login("ab"));
        assert!(!valid_login("анна"));
        assert!(!valid_login("a b c"));
    }
}
