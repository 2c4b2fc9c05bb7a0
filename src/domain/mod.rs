//! The service's rules as pure code: no egui, no database, no files, no clock.
//! Time comes in as an argument.

pub mod account;
pub mod calendar;
pub mod checklist;
pub mod country;
pub mod dedup;
pub mod document;
pub mod edition;
pub mod field;
pub mod form;
pub mod i18n;
pub mod identity;
pub mod iin;
pub mod lang;
pub mod mrz;
pub mod request;
pub mod timing;
