//! A bare eframe window with the same backend and options as the counter window (glow,
//! 1280×860, default fonts): the baseline of `benches/run.sh` for start-up time and
//! resident memory.
//!
//! With `IIN_DESK_EXIT_AFTER_FIRST_FRAME=1` it exits as soon as the first frame is on
//! screen, as the counter window does; before exiting it prints its resident memory
//! (`rss_kb=… hwm_kb=…`, from /proc/self/status).
//!
//!     cargo run --release --example bare_window

use std::sync::atomic::{AtomicU32, Ordering};

/// The window's single label.
struct Bare;

static FRAMES: AtomicU32 = AtomicU32::new(0);

fn status_kb(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

impl eframe::App for Bare {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if std::env::var_os("IIN_DESK_EXIT_AFTER_FIRST_FRAME").is_some() {
            if FRAMES.fetch_add(1, Ordering::Relaxed) > 0 {
                println!(
                    "rss_kb={} hwm_kb={}",
                    status_kb("VmRSS:"),
                    status_kb("VmHWM:")
                );
                std::process::exit(0);
            }
            ui.ctx().request_repaint();
        }
        egui::CentralPanel::default().show(ui, |ui| {
            ui.label("bare eframe window");
        });
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("bare")
            .with_inner_size([1280.0, 860.0]),
        ..Default::default()
    };
    eframe::run_native("bare", options, Box::new(|_cc| Ok(Box::new(Bare))))
}
