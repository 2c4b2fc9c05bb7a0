//! Printed documents: every entered value and every fixed legal phrase is in the text
//! layer with its Kazakh letters intact, the receipt's two copies are equal, `verify`
//! tells a genuine certificate from an edited one, and every document renders with
//! poppler (`pdftoppm`) when it is installed — the PNGs land in `target/pdf-preview/`.
//!
//! One test binary (each binary links the whole program): `support` is the kit, the
//! other modules are the documents by kind, and `cli` drives the binary.

mod support;

mod application;
mod certificate;
mod cli;
mod editions;
mod official;
mod receipt;
mod refusal;
mod register;
mod seal;
