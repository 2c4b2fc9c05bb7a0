//! The back office screen's model: the incoming list, the claimed case and the
//! operator's decision as typed.

use crate::domain::request::RefusalGround;
use crate::queue::backoffice::{Case, IncomingItem};

/// The screen's state.
#[derive(Debug, Clone)]
pub struct BackOfficeState {
    /// Incoming requests, oldest first.
    pub items: Vec<IncomingItem>,
    /// The claimed request.
    pub case: Option<Case>,
    /// The refusal ground chosen.
    pub ground: RefusalGround,
    /// The operator's comment (required for a refusal).
    pub comment: String,
    /// Why the operator forms an IIN despite possible duplicates.
    pub override_reason: String,
    /// The last error (offline, claimed by another operator…).
    pub error: Option<String>,
}

impl Default for BackOfficeState {
    fn default() -> Self {
        BackOfficeState {
            items: Vec::new(),
            case: None,
            ground: RefusalGround::DataNotCompliant,
            comment: String::new(),
            override_reason: String::new(),
            error: None,
        }
    }
}
