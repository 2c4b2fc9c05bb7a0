//! SQLite and protocol errors as [`QueueError`]s that name the central file.

use std::path::Path;

use crate::queue::protocol::ProtocolError;
use crate::queue::QueueError;

/// Maps a SQLite error on `path` to the queue's error.
pub(super) fn db_error(path: &Path) -> impl Fn(rusqlite::Error) -> QueueError + '_ {
    move |e| {
        use rusqlite::ErrorCode as C;
        let path = path.to_path_buf();
        match e.sqlite_error_code() {
            Some(C::DatabaseBusy) | Some(C::DatabaseLocked) => QueueError::Busy { path },
            Some(C::DatabaseCorrupt) => QueueError::Corrupt { path },
            Some(C::NotADatabase) => QueueError::NotAQueueFile { path },
            Some(C::ReadOnly) => QueueError::ReadOnly { path },
            Some(C::CannotOpen) => QueueError::Missing { path },
            _ => QueueError::Io {
                path,
                detail: e.to_string(),
            },
        }
    }
}

impl From<rusqlite::Error> for QueueError {
    fn from(e: rusqlite::Error) -> Self {
        // Inside a transaction the path is not at hand; `write` and `read` put it back
        // with `relocate`.
        db_error(Path::new(""))(e)
    }
}

/// Puts the central file's path into an error made without it.
pub(super) fn relocate(e: QueueError, path: &Path) -> QueueError {
    let here = || path.to_path_buf();
    match e {
        QueueError::Missing { path } if path.as_os_str().is_empty() => {
            QueueError::Missing { path: here() }
        }
        QueueError::NotAQueueFile { path } if path.as_os_str().is_empty() => {
            QueueError::NotAQueueFile { path: here() }
        }
        QueueError::Corrupt { path } if path.as_os_str().is_empty() => {
            QueueError::Corrupt { path: here() }
        }
        QueueError::ReadOnly { path } if path.as_os_str().is_empty() => {
            QueueError::ReadOnly { path: here() }
        }
        QueueError::Busy { path } if path.as_os_str().is_empty() => {
            QueueError::Busy { path: here() }
        }
        QueueError::Io { path, detail } if path.as_os_str().is_empty() => QueueError::Io {
            path: here(),
            detail,
        },
        other => other,
    }
}

impl From<ProtocolError> for QueueError {
    fn from(e: ProtocolError) -> Self {
        match e {
            ProtocolError::BadId => QueueError::Damaged(String::from("?")),
            ProtocolError::HashMismatch(id)
            | ProtocolError::BadResult(id)
            | ProtocolError::BadData(id) => QueueError::Damaged(id.to_string()),
        }
    }
}
