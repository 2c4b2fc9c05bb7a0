//! The request screen's model: one stored request with its history, loaded once when
//! the screen opens, and which documents it can print.

use crate::domain::form::RequestForm;
use crate::domain::request::Status;
use crate::pdf::DocKind;
use crate::store::AuditEntry;

/// What the request screen shows, loaded once when it opens.
#[derive(Debug, Clone)]
pub struct RequestView {
    /// Id.
    pub id: String,
    /// Status.
    pub status: Status,
    /// Data.
    pub form: RequestForm,
    /// Deadline.
    pub due_at: Option<String>,
    /// History.
    pub history: Vec<AuditEntry>,
}

impl RequestView {
    /// The documents that can be printed in this status.
    pub fn documents(&self) -> Vec<DocKind> {
        let mut docs = vec![DocKind::Application];
        match self.status {
            Status::Formed | Status::Corrected => docs.insert(0, DocKind::Certificate),
            Status::RefusedToAccept => docs.insert(0, DocKind::Receipt),
            Status::Refused => docs.insert(0, DocKind::Refusal),
            _ => {}
        }
        docs
    }

    /// The document Ctrl+P prints.
    pub fn primary_document(&self) -> Option<DocKind> {
        self.documents().first().copied()
    }
}
