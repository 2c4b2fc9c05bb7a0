//! `init` (the first administrator) and `user …` (staff accounts).

use std::io::IsTerminal;

use super::context::{CliContext, Session};
use super::{exit, CliError, InitArgs, UserCommand};
use crate::domain::account::{check_password, valid_login, Role};
use crate::domain::i18n::{tr, tr_args};
use crate::domain::lang::Lang;
use crate::store::{NewUser, Store, StoreError, StoreState};

fn read_new_password(login: &str, from_stdin: bool, lang: Lang) -> Result<String, CliError> {
    let password = if from_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .map_err(|e| CliError::new(exit::FILE, format!("stdin: {e}")))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!(
            "{login} — {}: ",
            tr(lang, "cli-new-password-word")
        ))
        .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        let second = rpassword::prompt_password(tr(lang, "cli-repeat-prompt"))
            .map_err(|e| CliError::new(exit::FILE, e.to_string()))?;
        if first != second {
            return Err(CliError::new(
                exit::INVALID_INPUT,
                tr(lang, "cli-passwords-do-not-match"),
            ));
        }
        first
    } else {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            tr(lang, "cli-no-new-password"),
        ));
    };
    check_password(login, &password)
        .map_err(|p| CliError::new(exit::INVALID_INPUT, p.message(lang)))?;
    Ok(password)
}

fn bad_login(login: &str, lang: Lang) -> CliError {
    CliError::new(
        exit::INVALID_INPUT,
        tr_args(
            lang,
            "cli-bad-login",
            &[("login", format!("{login:?}").into())],
        ),
    )
}

/// `user add|list|disable|enable|passwd` (administrator).
pub(super) fn user(s: &mut Session, action: UserCommand) -> Result<u8, CliError> {
    let (ctx, store, actor) = (s.ctx, &mut s.store, &s.user);
    let (lang, t) = (ctx.lang, ctx.now);
    match action {
        UserCommand::Add {
            login,
            name,
            role,
            password_stdin,
        } => add_user(s, &login, &name, &role, password_stdin)?,
        UserCommand::List { json } => {
            let users = store.users().map_err(|e| ctx.store_error(e))?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&users)
                        .map_err(|e| CliError::new(exit::STORE, e.to_string()))?
                );
            } else {
                for u in users {
                    let state = if u.active {
                        tr(lang, "cli-active")
                    } else {
                        tr(lang, "cli-disabled")
                    };
                    println!("{}\t{}\t{}\t{state}", u.login, u.role.key(), u.full_name);
                }
            }
        }
        UserCommand::Disable { login } | UserCommand::Enable { login } if login == actor.login => {
            return Err(CliError::new(
                exit::INVALID_INPUT,
                tr(lang, "cli-user-own-state"),
            ));
        }
        UserCommand::Disable { login } => {
            store
                .set_user_active(&login, false, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!("{login}: {}", tr(lang, "cli-account-disabled"));
        }
        UserCommand::Enable { login } => {
            store
                .set_user_active(&login, true, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!("{login}: {}", tr(lang, "cli-enabled"));
            let without_key = store
                .accounts_without_key()
                .map_err(|e| ctx.store_error(e))?;
            if without_key.contains(&login) {
                println!("{login}: {}", tr(lang, "cli-user-needs-new-password"));
            }
        }
        UserCommand::Passwd {
            login,
            password_stdin,
        } => {
            if store
                .user(&login)
                .map_err(|e| ctx.store_error(e))?
                .is_none()
            {
                return Err(user_error(StoreError::UserNotFound(login), lang));
            }
            let password = read_new_password(&login, password_stdin, lang)?;
            store
                .set_password(&login, &password, false, &actor.login, t)
                .map_err(|e| user_error(e, lang))?;
            println!("{login}: {}", tr(lang, "cli-password-changed"));
        }
    }
    Ok(exit::OK)
}

/// `user add`: a new account with a password from the terminal or stdin.
fn add_user(
    s: &mut Session,
    login: &str,
    name: &str,
    role: &str,
    password_stdin: bool,
) -> Result<(), CliError> {
    let (ctx, store, actor) = (s.ctx, &mut s.store, &s.user);
    let (lang, t) = (ctx.lang, ctx.now);
    if !valid_login(login) {
        return Err(bad_login(login, lang));
    }
    let role = Role::from_key(role).ok_or_else(|| {
        CliError::new(
            exit::INVALID_INPUT,
            format!(
                "--role {role:?}: {}: clerk, supervisor, back_office, administrator",
                tr(lang, "cli-role-expected")
            ),
        )
    })?;
    if name.trim().is_empty() {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            format!("--name: {}", tr(lang, "cli-required")),
        ));
    }
    let password = read_new_password(login, password_stdin, lang)?;
    store
        .add_user(
            &NewUser {
                login,
                full_name: name.trim(),
                role,
                password: &password,
                must_change_password: false,
            },
            &actor.login,
            t,
        )
        .map_err(|e| {
            CliError::new(
                if matches!(e, StoreError::DuplicateUser(_)) {
                    exit::INVALID_INPUT
                } else {
                    exit::STORE
                },
                e.message(lang),
            )
        })?;
    println!("{login}: {}", tr(lang, "cli-account-created"));
    Ok(())
}

fn user_error(e: StoreError, lang: Lang) -> CliError {
    let code = if matches!(e, StoreError::UserNotFound(_)) {
        exit::INVALID_INPUT
    } else {
        exit::STORE
    };
    CliError::new(code, e.message(lang))
}

/// `init`: creates the store and its first administrator, and shows the recovery key.
pub(super) fn init(ctx: &CliContext, args: &InitArgs) -> Result<u8, CliError> {
    let lang = ctx.lang;
    if Store::state_in(&ctx.data_dir).map_err(|e| ctx.open_error(e))? != StoreState::New {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            tr(lang, "cli-init-already-set-up"),
        ));
    }
    if !valid_login(&args.admin) {
        return Err(bad_login(&args.admin, lang));
    }
    if args.name.trim().is_empty() {
        return Err(CliError::new(
            exit::INVALID_INPUT,
            format!("--name: {}", tr(lang, "cli-required")),
        ));
    }
    let password = read_new_password(&args.admin, args.password_stdin, lang)?;
    let admin = NewUser {
        login: &args.admin,
        full_name: args.name.trim(),
        role: Role::Administrator,
        password: &password,
        must_change_password: false,
    };
    let (_store, recovery) =
        Store::create_in(&ctx.data_dir, &admin, ctx.now).map_err(|e| ctx.open_error(e))?;
    ctx.show_recovery_key(&recovery);
    println!("{}: {}", args.admin, tr(lang, "cli-init-done"));
    Ok(exit::OK)
}
