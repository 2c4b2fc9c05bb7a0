//! iin-desk: the counter application of the State Corporation "Government for Citizens"
//! for the public service "formation and correction of the IIN of foreigners and stateless
//! persons temporarily staying in the Republic of Kazakhstan" (Order No. 146 of 2023).
//!
//! Layers, with dependencies pointing one way (see ARCHITECTURE.md):
//! `app → ui → state → {store, queue, pdf} → domain`, `cli → {store, queue, pdf} → domain`.
//! `domain` is pure: no IO, no clock.

pub mod about;
pub mod app;
pub mod cli;
pub mod domain;
pub mod eventlog;
pub mod files;
pub mod licences;
pub mod machine_config;
pub mod pace;
pub mod pdf;
pub mod printing;
pub mod queue;
pub mod reader;
pub mod settings;
pub mod sqlite_file;
pub mod state;
pub mod store;
pub mod ui;
