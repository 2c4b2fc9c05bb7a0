//! `iin-desk key …` and `iin-desk recover`: the keys of an installation.
//!
//! Key files (machine key, queue key) are short text files written owner-only (on Unix;
//! on Windows they take the folder's permissions): a header line naming the kind, the key
//! as 64 hex digits, and comments. Keys are never printed except the recovery key, which
//! is shown once on stderr.

use std::path::Path;

use clap::Subcommand;

use super::context::{CliContext, Session};
use super::key_files::read_key_file;
use super::{exit, CliError};
use crate::domain::account::{check_password, Role};
use crate::domain::i18n::{tr, tr_args};
use crate::files::write_atomically;
use crate::store::vault::{key_file_text, MACHINE_KEY_TAG, QUEUE_KEY_TAG, QUEUE_KEY_WARNING};
use crate::store::{LockoutPolicy, SecretKey, Store};

/// `key` subcommands.
#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Makes a new recovery key (the old one stops working) and shows it once.
    RecoveryNew,
    /// Makes the machine key of a scheduled `iin-desk sync` and writes it to FILE, which
    /// only the sync's service user may read (a previous machine key stops working).
    MachineCreate {
        /// Where to write the key.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Removes the machine key: scheduled syncs stop until a new one is made.
    MachineRemove,
    /// Writes the office's central queue key to FILE, to import on every counter and the
    /// back office (made now if this installation has none and the queue does not exist).
    QueueExport {
        /// Where to write the key.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
    },
    /// Imports the office's central queue key from FILE (written by `queue-export`).
    QueueImport {
        /// The key file.
        file: std::path::PathBuf,
    },
    /// Shows, or sets, how many failed logins lock an account and for how long.
    Lockout {
        /// Failed attempts in a row that lock the account (1–100).
        #[arg(long)]
        max_failures: Option<u32>,
        /// Minutes the account stays locked (1–1440).
        #[arg(long)]
        minutes: Option<u32>,
    },
}

const MACHINE_TAG: &str = MACHINE_KEY_TAG;
const QUEUE_TAG: &str = QUEUE_KEY_TAG;

/// Writes a key file: the header, a warning, the key.
fn write_key_file(path: &Path, tag: &str, warning: &str, key: &SecretKey) -> Result<(), CliError> {
    write_atomically(path, key_file_text(tag, warning, key).as_bytes())
        .map_err(|e| CliError::new(exit::FILE, format!("{}: {e}", path.display())))
}

/// `iin-desk key …` (administrator).
pub(super) fn key(s: &mut Session, action: KeyCommand) -> Result<u8, CliError> {
    let (ctx, store, user) = (s.ctx, &mut s.store, &s.user);
    let (lang, now) = (ctx.lang, ctx.now);
    match action {
        KeyCommand::RecoveryNew => {
            let key = store
                .create_recovery_key(&user.login, now)
                .map_err(|e| ctx.store_error(e))?;
            ctx.show_recovery_key(&key);
        }
        KeyCommand::MachineCreate { out } => {
            let key = store
                .create_machine_key(&user.login, now)
                .map_err(|e| ctx.store_error(e))?;
            write_key_file(
                &out,
                MACHINE_TAG,
                "iin-desk machine key: opens this PC's store for the scheduled sync. Only the sync's service user may read this file.",
                &key,
            )?;
            println!("{}: {}", out.display(), tr(lang, "cli-machine-key-written"));
        }
        KeyCommand::MachineRemove => {
            let removed = store
                .remove_machine_key(&user.login, now)
                .map_err(|e| ctx.store_error(e))?;
            println!(
                "{}",
                if removed {
                    tr(lang, "cli-machine-key-removed")
                } else {
                    tr(lang, "cli-machine-key-none")
                }
            );
        }
        KeyCommand::QueueExport { out } => {
            let key = store
                .queue_key_or_new(&user.login, now)
                .map_err(|e| ctx.store_error(e))?;
            write_key_file(&out, QUEUE_TAG, QUEUE_KEY_WARNING, &key)?;
            store
                .audit(now, &user.login, "key.queue.export", None, "")
                .map_err(|e| ctx.store_error(e))?;
            println!("{}: {}", out.display(), tr(lang, "cli-queue-key-written"));
        }
        KeyCommand::QueueImport { file } => {
            let key = read_key_file(&file, QUEUE_TAG, lang)?;
            store
                .set_queue_key(&key, "key.queue.import", &user.login, now)
                .map_err(|e| ctx.store_error(e))?;
            println!("{}", tr(lang, "cli-queue-key-imported"));
        }
        KeyCommand::Lockout {
            max_failures,
            minutes,
        } => {
            let mut policy = store.lockout_policy().map_err(|e| ctx.store_error(e))?;
            if max_failures.is_some() || minutes.is_some() {
                for (name, value, max) in [
                    ("--max-failures", max_failures, 100),
                    ("--minutes", minutes, 1440),
                ] {
                    if let Some(v) = value.filter(|v| *v == 0 || *v > max) {
                        return Err(CliError::new(
                            exit::INVALID_INPUT,
                            tr_args(
                                lang,
                                "cli-key-policy-out-of-range",
                                &[
                                    ("max", max.to_string().into()),
                                    ("name", name.to_string().into()),
                                    ("v", v.to_string().into()),
                                ],
                            ),
                        ));
                    }
                }
                policy = LockoutPolicy {
                    max_failures: max_failures.unwrap_or(policy.max_failures),
                    minutes: minutes.unwrap_or(policy.minutes),
                };
                policy = store
                    .set_lockout_policy(policy, &user.login, now)
                    .map_err(|e| ctx.store_error(e))?;
            }
            println!(
                "max_failures={} minutes={}",
                policy.max_failures, policy.minutes
            );
        }
    }
    Ok(exit::OK)
}

/// `iin-desk recover LOGIN`: the recovery key opens the store; the administrator gets a
/// new password (and is enabled again).
pub(super) fn recover(ctx: &CliContext, login: &str, password_stdin: bool) -> Result<u8, CliError> {
    let (lang, now) = (ctx.lang, ctx.now);
    let (key_text, password) = if password_stdin {
        let mut text = zeroize::Zeroizing::new(String::new());
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
        let mut lines = text.lines();
        (
            zeroize::Zeroizing::new(lines.next().unwrap_or_default().to_string()),
            zeroize::Zeroizing::new(lines.next().unwrap_or_default().to_string()),
        )
    } else {
        let prompt = |label: &str| {
            rpassword::prompt_password(label)
                .map(zeroize::Zeroizing::new)
                .map_err(|e| CliError::new(exit::FILE, e.to_string()))
        };
        (
            prompt(&tr(lang, "cli-recovery-key-prompt"))?,
            prompt(&tr(lang, "cli-new-password-prompt"))?,
        )
    };
    let recovery = SecretKey::parse(&key_text)
        .map_err(|e| CliError::new(exit::INVALID_INPUT, e.message(lang)))?;
    check_password(login, &password)
        .map_err(|p| CliError::new(exit::INVALID_INPUT, p.message(lang)))?;
    let mut store = Store::unlock_with_recovery_in(&ctx.data_dir, &recovery, now)
        .map_err(|e| ctx.auth_error(e))?;
    let user = store
        .user(login)
        .map_err(|e| ctx.store_error(e))?
        .filter(|u| u.role == Role::Administrator)
        .ok_or_else(|| {
            CliError::new(
                exit::INVALID_INPUT,
                tr_args(
                    lang,
                    "cli-recover-no-admin",
                    &[("login", login.to_string().into())],
                ),
            )
        })?;
    store
        .set_password(&user.login, &password, false, "recovery", now)
        .and_then(|()| store.set_user_active(&user.login, true, "recovery", now))
        .map_err(|e| ctx.store_error(e))?;
    println!("{login}: {}", tr(lang, "cli-recover-done"));
    Ok(exit::OK)
}
