//! Integration tests of the `iin-desk` command line: every test runs the real binary
//! in its own temporary data folder, with stdin piped (never a TTY) and the
//! `IIN_DESK_*` variables of the host removed, and checks the exit code together with
//! what was printed and what ended up in the store.
//!
//! Exit codes are the documented contract (README, `cli::exit`): 0 ok, 1 check failed,
//! 2 usage, 3 invalid input, 4 store, 5 file, 6 denied, 7 not set up.
//!
//! One test binary (each binary links the whole program): `support` is the kit, the
//! other modules are the commands by topic.

mod support;

mod calendar;
mod check_iin;
mod deadlines;
mod demo_sync;
mod eligibility;
mod export;
mod general;
mod import;
mod init;
mod keys;
mod login;
mod mrz;
mod progress;
mod search;
mod set_aside;
mod users;
