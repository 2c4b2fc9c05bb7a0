//! Reading the key files (`key machine-create`, `key queue-export` write them): the machine
//! key a scheduled sync logs in with, and the account it acts as. Below both the commands
//! and the context that opens the store with them.

use std::path::Path;

use super::{exit, CliError};
use crate::domain::account::Role;
use crate::domain::lang::Lang;
use crate::store::vault::{parse_key_file, MACHINE_KEY_TAG};
use crate::store::{SecretKey, User};

/// Reads a key file (as `key_cmds` writes them) with the header `tag`.
pub(super) fn read_key_file(path: &Path, tag: &str, lang: Lang) -> Result<SecretKey, CliError> {
    let text = zeroize::Zeroizing::new(
        std::fs::read_to_string(path)
            .map_err(|e| CliError::new(exit::FILE, format!("{}: {e}", path.display())))?,
    );
    parse_key_file(&text, tag).map_err(|p| {
        CliError::new(
            exit::INVALID_INPUT,
            format!("{}: {}", path.display(), p.message(tag, lang)),
        )
    })
}

/// Reads the machine key file of a scheduled sync. On Unix a file that others than its
/// owner may read is refused, as ssh refuses such a private key.
pub(super) fn read_machine_key(path: &Path, lang: Lang) -> Result<SecretKey, CliError> {
    #[cfg(unix)]
    {
        use crate::domain::i18n::tr_args;
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode();
            if mode & 0o077 != 0 {
                return Err(CliError::new(
                    exit::FILE,
                    tr_args(
                        lang,
                        "cli-machine-key-too-open",
                        &[
                            ("mode", format!("{mode:o}").into()),
                            ("path", path.display().to_string().into()),
                        ],
                    ),
                ));
            }
        }
    }
    read_key_file(path, MACHINE_KEY_TAG, lang)
}

/// The account a scheduled sync acts as (its actor in the audit log is `machine`).
pub(super) fn machine_user() -> User {
    User {
        login: crate::store::MACHINE_ACTOR.into(),
        full_name: "scheduled sync".into(),
        role: Role::Clerk,
        active: true,
        must_change_password: false,
    }
}
