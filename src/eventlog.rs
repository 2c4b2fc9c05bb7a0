//! The event log: `iin-desk.log` in the data folder, one line per event (time, level,
//! what happened). It carries request ids, staff logins, document kinds and counts —
//! never an applicant's name, IIN or document number (`tests/eventlog.rs` scans it after a
//! full formation and refusal). Owner-only on Unix; kept to two files of 5 MB.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log's file name in the data folder.
pub const LOG_FILE_NAME: &str = "iin-desk.log";
/// Size at which the log is moved to `iin-desk.log.1` and started afresh.
const MAX_BYTES: u64 = 5 * 1024 * 1024;

struct FileLog {
    path: PathBuf,
    file: Mutex<Option<File>>,
}

fn open(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

impl log::Log for FileLog {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        metadata.level() <= log::Level::Info && metadata.target().starts_with("iin_desk")
    }

    fn log(&self, record: &log::Record<'_>) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let Ok(mut guard) = self.file.lock() else {
            return;
        };
        let too_big = guard
            .as_ref()
            .and_then(|f| f.metadata().ok())
            .is_some_and(|m| m.len() > MAX_BYTES);
        if too_big {
            *guard = None;
            let mut old = self.path.as_os_str().to_os_string();
            old.push(".1");
            let _ = std::fs::rename(&self.path, PathBuf::from(old));
        }
        if guard.is_none() {
            *guard = open(&self.path).ok();
        }
        if let Some(f) = guard.as_mut() {
            let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S");
            // A failed write is not worth stopping the counter for.
            let _ = writeln!(
                f,
                "{now} {:<5} {}: {}",
                record.level(),
                record.target().trim_start_matches("iin_desk::"),
                record.args()
            );
        }
    }

    fn flush(&self) {
        if let Ok(mut guard) = self.file.lock() {
            if let Some(f) = guard.as_mut() {
                let _ = f.flush();
            }
        }
    }
}

/// Starts logging into `data_dir/iin-desk.log` for this process. A second call (another
/// window in the same process, a test) keeps the first log.
pub fn init(data_dir: &Path) {
    let path = data_dir.join(LOG_FILE_NAME);
    let file = open(&path).ok();
    let logger = FileLog {
        path,
        file: Mutex::new(file),
    };
    if log::set_boxed_logger(Box::new(logger)).is_ok() {
        log::set_max_level(log::LevelFilter::Info);
    }
}
