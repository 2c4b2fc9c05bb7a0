//! Commands that print: a request's documents (opened in the system's viewer or saved
//! where the clerk chooses) and the daily register. Every printout is kept in the PDF
//! folder and audited (`crate::printing`).

use super::load_view;
use crate::app::{DeskApp, Screen};
use std::path::Path;

use crate::domain::i18n::{tr_args, Msg};
use crate::pdf::DocKind;

/// Prints into the PDF folder (every printout is kept and audited); returns the file.
fn print_kept(app: &mut DeskApp, id: &str, doc: DocKind) -> Option<std::path::PathBuf> {
    let lang = app.state.lang;
    let now = app.state.now;
    let user = app.state.user.clone()?;
    let out = crate::printing::output_path(
        std::path::Path::new(&app.state.settings.pdf_dir),
        id,
        doc,
        now,
    );
    match crate::printing::print_to(&mut app.store, &app.machine, &user, id, doc, &out, now) {
        Ok(_) => Some(out),
        Err(e) => {
            app.state.notify_about(id, None, e.message(lang), true);
            None
        }
    }
}

/// Print…: the document opens in the system's viewer, from which the clerk prints.
pub(super) fn run_print(app: &mut DeskApp, id: &str, doc: DocKind) {
    let lang = app.state.lang;
    let Some(out) = print_kept(app, id, doc) else {
        return;
    };
    log::info!("request {id}: {} printed", doc.audit_action());
    match (app.viewer)(&out) {
        Ok(()) => app.state.notify_about(
            id,
            None,
            format!("{}: {}", doc.label(lang), out.display()),
            false,
        ),
        Err(e) => viewer_failed(app, Some(id), &out, &e),
    }
    refresh_view(app, id);
}

/// Save as…: a copy where the clerk chooses (the kept copy stays in the PDF folder).
pub(super) fn save_as(app: &mut DeskApp, id: &str, doc: DocKind) {
    let lang = app.state.lang;
    let Some(out) = print_kept(app, id, doc) else {
        return;
    };
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    // Without a desktop portal the dialog returns None: treated as cancelled.
    if let Some(target) = rfd::FileDialog::new()
        .set_file_name(name)
        .add_filter("PDF", &["pdf"])
        .save_file()
    {
        let copied =
            std::fs::read(&out).and_then(|bytes| crate::files::write_atomically(&target, &bytes));
        match copied {
            Ok(()) => app.state.notify(
                format!("{}: {}", Msg("window-saved").get(lang), target.display()),
                false,
            ),
            Err(e) => {
                log::warn!("cannot copy to {}: {e}", target.display());
                let text = tr_args(
                    lang,
                    "clerk-copy-failed",
                    &[
                        ("path", target.display().to_string().into()),
                        ("kept", out.display().to_string().into()),
                    ],
                );
                app.state
                    .notify_with_folder(Some(id), text, folder_of(&out));
            }
        }
    }
    refresh_view(app, id);
}

/// Prints today's register into the PDF folder and opens it.
pub(super) fn print_register(app: &mut DeskApp, counter: Option<String>) {
    let lang = app.state.lang;
    let now = app.state.now;
    let Some(user) = app.state.user.clone() else {
        return;
    };
    let which = counter.clone().unwrap_or_else(|| "all".into());
    let out = std::path::Path::new(&app.state.settings.pdf_dir)
        .join(now.format("%Y-%m-%d").to_string())
        .join(format!("register-{which}-{}.pdf", now.format("%H%M%S")));
    let result = crate::printing::print_register_to(
        &mut app.store,
        &app.machine,
        &user,
        now.date(),
        counter.as_deref(),
        &out,
        now,
    );
    match result {
        Ok(_) => {
            if let Err(e) = (app.viewer)(&out) {
                viewer_failed(app, None, &out, &e);
            }
        }
        Err(e) => app.state.notify(e.message(lang), true),
    }
}

/// No viewer opened the printed PDF: the clerk is told, in their language, where it was
/// saved, with *Open folder*; the system's own words go to the log.
fn viewer_failed(app: &mut DeskApp, id: Option<&str>, out: &Path, e: &std::io::Error) {
    log::warn!("no viewer opened {}: {e}", out.display());
    let lang = app.state.lang;
    let folder = out
        .parent()
        .map_or_else(|| out.to_path_buf(), Path::to_path_buf);
    let text = tr_args(
        lang,
        "clerk-viewer-failed",
        &[("path", out.display().to_string().into())],
    );
    app.state.notify_with_folder(id, text, folder);
}

/// The folder a file is in.
fn folder_of(file: &Path) -> std::path::PathBuf {
    file.parent()
        .map_or_else(|| file.to_path_buf(), Path::to_path_buf)
}

/// *Open folder*: the folder in the system's file manager.
pub(super) fn open_folder(app: &mut DeskApp, dir: &Path) {
    if let Err(e) = (app.viewer)(dir) {
        log::warn!("cannot open the folder {}: {e}", dir.display());
        let text = tr_args(
            app.state.lang,
            "clerk-folder-failed",
            &[("path", dir.display().to_string().into())],
        );
        app.state.notify(text, true);
    }
}

fn refresh_view(app: &mut DeskApp, id: &str) {
    if app.state.screen == Screen::Request(id.to_string()) {
        if let Ok(v) = load_view(app, id) {
            app.state.viewed = Some(v);
        }
    }
}
