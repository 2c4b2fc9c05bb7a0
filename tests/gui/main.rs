//! The counter window driven by egui_kittest through accessible labels, with a pinned
//! clock: first start, login, formation from an MRZ, refusal, correction, journal
//! search, language switch, an invalid field, the idle lock, and requests set aside.
//!
//! One test binary (each binary links the whole program): `support` is the kit, the
//! other modules are the window's rooms by topic.

#![allow(clippy::unwrap_used)]

mod support;

#[path = "../shared/old_store.rs"]
mod old_store;

mod back_office;
mod drafts;
mod editor;
mod fixes;
mod journal;
mod keyboard;
mod login;
mod progress;
mod recent;
mod representative;
mod request_view;
mod set_aside;
mod settings;
mod times;
