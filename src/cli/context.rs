//! [`CliContext`]: the command line resolved once (language, data folder, the clock, the
//! machine configuration), and [`Session`]: the store opened and the account logged in
//! once per command, with the role the command declares checked in one place.

use std::cell::OnceCell;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use chrono::{Local, NaiveDateTime};

use super::{exit, key_files, Cli, CliError};
use crate::domain::account::Role;
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::machine_config::{load_machine_config, machine_config_path, MachineConfig};
use crate::store::{AuthError, SecretKey, Store, StoreError, StoreState, User, VaultError};

/// Environment variable holding the password of `--user` for scripted runs.
pub const PASSWORD_ENV: &str = "IIN_DESK_PASSWORD";

/// The default data folder: the OS's per-user data folder for iin-desk.
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("kz", "gov4c", "iin-desk")
        .map(|d| d.data_dir().to_path_buf())
        .unwrap_or_else(|| PathBuf::from("iin-desk-data"))
}

/// The wall clock. The CLI reads it once per command ([`CliContext::now`]); only the
/// long loops of `sync` and `backoffice run --auto` take it as a clock, to stamp each batch.
pub(super) fn wall_clock() -> NaiveDateTime {
    Local::now().naive_local()
}

/// The global options of one run, resolved once, and what every command shares: the
/// language, the data folder, the clock read once, the machine configuration (read on
/// first use) and the login.
pub(super) struct CliContext {
    /// Language of messages.
    pub lang: Lang,
    /// The data folder (`--data-dir`, else the OS default).
    pub data_dir: PathBuf,
    /// The time of this command (the clock is read here, once).
    pub now: NaiveDateTime,
    /// `--queue`: the central queue file given on the command line.
    pub queue: Option<PathBuf>,
    /// `--machine-key`: the machine key file of a scheduled `sync`.
    pub machine_key: Option<PathBuf>,
    /// `--user`.
    login: Option<String>,
    /// This PC's machine-wide configuration, read on first use.
    machine: OnceCell<MachineConfig>,
}

/// A command's open store and the account that runs it.
pub(super) struct Session<'c> {
    /// The resolved command line.
    pub ctx: &'c CliContext,
    /// The open store.
    pub store: Store,
    /// Who logged in (or the machine account of a scheduled sync).
    pub user: User,
}

impl CliContext {
    /// Resolves the global options of `cli` and reads the clock.
    pub fn new(cli: &Cli) -> CliContext {
        CliContext {
            lang: cli.lang,
            data_dir: cli.data_dir.clone().unwrap_or_else(default_data_dir),
            now: wall_clock(),
            queue: cli.queue.clone(),
            machine_key: cli.machine_key.clone(),
            login: cli.user.clone(),
            machine: OnceCell::new(),
        }
    }

    /// This PC's machine-wide configuration (the same file the window reads). A damaged
    /// file is an error here: a scheduled `sync` must not quietly fall back to a local queue.
    pub fn machine(&self) -> Result<&MachineConfig, CliError> {
        if let Some(machine) = self.machine.get() {
            return Ok(machine);
        }
        let machine = load_machine_config(&machine_config_path())
            .map_err(|e| CliError::new(exit::FILE, e.message(self.lang)))?;
        Ok(self.machine.get_or_init(|| machine))
    }

    /// Reads a text file named on the command line: exit 5 when it cannot be read.
    pub fn read_file(&self, path: &Path) -> Result<String, CliError> {
        std::fs::read_to_string(path).map_err(|e| {
            CliError::new(
                exit::FILE,
                format!(
                    "{}: {} ({e})",
                    path.display(),
                    tr(self.lang, "cli-cannot-read-file")
                ),
            )
        })
    }

    /// A store error: exit 4.
    pub fn store_error(&self, e: StoreError) -> CliError {
        CliError::new(exit::STORE, e.message(self.lang))
    }

    /// A store that cannot be opened: file problems exit 5, the rest 4.
    pub fn open_error(&self, e: StoreError) -> CliError {
        match e {
            StoreError::Io { .. }
            | StoreError::Vault(VaultError::Io { .. } | VaultError::Missing { .. }) => {
                CliError::new(exit::FILE, e.message(self.lang))
            }
            e => self.store_error(e),
        }
    }

    /// A failed unlock.
    pub fn auth_error(&self, e: AuthError) -> CliError {
        match e {
            AuthError::NotSetUp => self.not_set_up(),
            AuthError::Store(e) => self.open_error(e),
            e => CliError::new(exit::DENIED, e.message(self.lang)),
        }
    }

    fn not_set_up(&self) -> CliError {
        CliError::new(exit::NOT_SET_UP, tr(self.lang, "cli-not-set-up"))
    }

    /// Shows the recovery key once, on stderr, with what to do with it.
    pub fn show_recovery_key(&self, key: &SecretKey) {
        eprintln!(
            "{}\n\n    {}\n",
            tr(self.lang, "cli-recovery-key-shown-once"),
            key.to_text().as_str()
        );
    }

    /// Opens the store and logs `--user` in; the account's role must be one of `roles`.
    pub fn login(&self, roles: &[Role]) -> Result<Session<'_>, CliError> {
        let lang = self.lang;
        let data_dir = &self.data_dir;
        if Store::state_in(data_dir).map_err(|e| self.open_error(e))? == StoreState::New {
            return Err(self.not_set_up());
        }
        let Some(login) = self.login.as_deref() else {
            return Err(CliError::new(exit::DENIED, tr(self.lang, "cli-no-login")));
        };
        let password = match std::env::var(PASSWORD_ENV) {
            Ok(p) => p,
            Err(_) if std::io::stdin().is_terminal() => rpassword::prompt_password(format!(
                "{login} — {}: ",
                tr(self.lang, "cli-password-prompt")
            ))
            .map_err(|e| CliError::new(exit::DENIED, e.to_string()))?,
            Err(_) => {
                return Err(CliError::new(
                    exit::DENIED,
                    tr(self.lang, "cli-no-password"),
                ))
            }
        };
        crate::eventlog::init(data_dir);
        let unlocked = super::progress::with_index_bar(lang, || {
            Store::unlock_in(data_dir, login, &password, self.now)
        })
        .map_err(|e| {
            log::warn!(
                "command line login failed: {} ({e})",
                login.chars().take(32).collect::<String>()
            );
            self.auth_error(e)
        })?;
        log::info!("command line login: {}", unlocked.user.login);
        if let Some(key) = &unlocked.recovery_key {
            eprintln!("{}", tr(self.lang, "cli-store-now-encrypted"));
            self.show_recovery_key(key);
        }
        let (store, user) = (unlocked.store, unlocked.user);
        if !roles.contains(&user.role) {
            let allowed: Vec<&str> = roles.iter().map(|r| r.label(lang)).collect();
            return Err(CliError::new(
                exit::DENIED,
                tr_args(
                    lang,
                    "cli-role-not-allowed",
                    &[("roles", allowed.join(" / ").into())],
                ),
            ));
        }
        Ok(Session {
            ctx: self,
            store,
            user,
        })
    }

    /// With `--machine-key`, opens the store with the machine key file (a scheduled
    /// `sync`, no login: the actor is the machine account); otherwise [`Self::login`].
    pub fn login_or_machine_key(&self, roles: &[Role]) -> Result<Session<'_>, CliError> {
        let Some(file) = &self.machine_key else {
            return self.login(roles);
        };
        let key = key_files::read_machine_key(file, self.lang)?;
        let store = super::progress::with_index_bar(self.lang, || {
            Store::unlock_with_machine_key_in(&self.data_dir, &key, self.now)
        })
        .map_err(|e| self.auth_error(e))?;
        Ok(Session {
            ctx: self,
            store,
            user: key_files::machine_user(),
        })
    }
}
