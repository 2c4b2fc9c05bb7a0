//! The ids of the window's fixed texts, named once for the screens that use them. The
//! texts themselves are in the catalogue: `assets/i18n/{kk,ru,en}/window*.ftl`
//! (`crate::domain::i18n`); `X.get(lang)` reads one.
//!
//! Field names come from `domain::field::Field::label`, document names from
//! `DocumentKind::name`, so the form, the import report and the printouts agree.

use crate::domain::i18n::Msg;

pub const APP_TITLE: Msg = Msg("window-app-title");

// Login, first start, lock.
pub const LOGIN_TITLE: Msg = Msg("window-login-title");
pub const LOGIN: Msg = Msg("window-login");
pub const PASSWORD: Msg = Msg("window-password");
pub const PASSWORD_AGAIN: Msg = Msg("window-password-again");
pub const LOG_IN: Msg = Msg("window-log-in");
pub const LOG_OUT: Msg = Msg("window-log-out");
pub const LOCK: Msg = Msg("window-lock");
pub const SETUP_TITLE: Msg = Msg("window-setup-title");
pub const FULL_NAME: Msg = Msg("window-full-name");
pub const CREATE_ADMIN: Msg = Msg("window-create-admin");
pub const PASSWORDS_DIFFER: Msg = Msg("window-passwords-differ");
pub const LOCKED_TITLE: Msg = Msg("window-locked-title");
pub const UNLOCK: Msg = Msg("window-unlock");
pub const ABOUT: Msg = Msg("window-about");
pub const LANGUAGE: Msg = Msg("window-language");

// Navigation.
pub const NAV_DASHBOARD: Msg = Msg("window-nav-dashboard");
pub const NAV_NEW: Msg = Msg("window-nav-new");
pub const NAV_JOURNAL: Msg = Msg("window-nav-journal");
pub const NAV_SETTINGS: Msg = Msg("window-nav-settings");
pub const NAV_ADMIN: Msg = Msg("window-nav-admin");

// Dashboard.
pub const TODAY_AT_COUNTER: Msg = Msg("window-today-at-counter");
pub const NEVER: Msg = Msg("window-never");
pub const NO_REQUESTS_TODAY: Msg = Msg("window-no-requests-today");
pub const OVERDUE: Msg = Msg("window-overdue");
pub const SCAN_TO_START: Msg = Msg("window-scan-to-start");
pub const REGISTER_COUNTER: Msg = Msg("window-register-counter");
pub const REGISTER_OFFICE: Msg = Msg("window-register-office");
pub const DRAFTS: Msg = Msg("window-drafts");
pub const CONTINUE: Msg = Msg("window-continue");

// Columns.
pub const COL_TIME: Msg = Msg("window-col-time");
pub const COL_KIND: Msg = Msg("window-col-kind");
pub const COL_STATUS: Msg = Msg("window-col-status");
pub const COL_DUE: Msg = Msg("window-col-due");
pub const COL_CLERK: Msg = Msg("window-col-clerk");
pub const COL_IIN: Msg = Msg("window-col-iin");
pub const COL_APPLICANT: Msg = Msg("window-col-applicant");
pub const COL_ID: Msg = Msg("window-col-id");

// New request.
pub const KIND: Msg = Msg("window-kind");
pub const MRZ_BOX: Msg = Msg("window-mrz-box");
pub const READ_MRZ: Msg = Msg("window-read-mrz");
pub const MRZ_OK: Msg = Msg("window-mrz-ok");
pub const MRZ_FAILED: Msg = Msg("window-mrz-failed");
pub const MRZ_REPAIRED: Msg = Msg("window-mrz-repaired");
pub const SECTION_APPLICANT: Msg = Msg("window-section-applicant");
pub const SECTION_DOCUMENT: Msg = Msg("window-section-document");
pub const SECTION_CONTACT: Msg = Msg("window-section-contact");
pub const HAS_LATIN: Msg = Msg("window-has-latin");
pub const HAS_REPRESENTATIVE: Msg = Msg("window-has-representative");
pub const SECTION_REPRESENTATIVE: Msg = Msg("window-section-representative");
pub const SECTION_INSTITUTION: Msg = Msg("window-section-institution");
pub const SECTION_CORRECTION: Msg = Msg("window-section-correction");
pub const FIND_BY_IIN: Msg = Msg("window-find-by-iin");
pub const NOT_FOUND_LOCALLY: Msg = Msg("window-not-found-locally");
pub const FOUND_LOCALLY: Msg = Msg("window-found-locally");
pub const COL_PARAMETER: Msg = Msg("window-col-parameter");
pub const COL_CURRENT: Msg = Msg("window-col-current");
pub const COL_CHANGE: Msg = Msg("window-col-change");
pub const SECTION_CHECKLIST: Msg = Msg("window-section-checklist");
pub const ALL_HANDED_IN: Msg = Msg("window-all-handed-in");
pub const VALID_UNTIL: Msg = Msg("window-valid-until");
pub const EXPIRED: Msg = Msg("window-expired");
pub const DECISION_ACCEPT: Msg = Msg("window-decision-accept");
pub const DECISION_REFUSE: Msg = Msg("window-decision-refuse");
pub const FIX_FIELDS: Msg = Msg("window-fix-fields");
pub const ACCEPT: Msg = Msg("window-accept");
pub const REFUSE: Msg = Msg("window-refuse");
pub const SAVE_DRAFT: Msg = Msg("window-save-draft");
pub const PRINT_APPLICATION: Msg = Msg("window-print-application");
pub const CLOSE: Msg = Msg("window-close");
pub const SERVICE_TIME: Msg = Msg("window-service-time");
pub const DRAFT_SAVED: Msg = Msg("window-draft-saved");
pub const ACCEPTED_MSG: Msg = Msg("window-accepted-msg");
pub const REFUSED_MSG: Msg = Msg("window-refused-msg");
pub const DATE_HINT: Msg = Msg("window-date-hint");
pub const ANY_ERRORS: Msg = Msg("window-any-errors");

// Journal and request view.
pub const SEARCH: Msg = Msg("window-search");
pub const CLEAR: Msg = Msg("window-clear");
pub const NAME_FILTER: Msg = Msg("window-name-filter");
pub const DOC_FILTER: Msg = Msg("window-doc-filter");
pub const IIN_FILTER: Msg = Msg("window-iin-filter");
pub const FROM: Msg = Msg("window-from");
pub const TO: Msg = Msg("window-to");
pub const ANY: Msg = Msg("window-any");
pub const HISTORY: Msg = Msg("window-history");
pub const PRINT: Msg = Msg("window-print");
pub const SAVE_AS: Msg = Msg("window-save-as");
pub const DOC_CERTIFICATE: Msg = Msg("window-doc-certificate");
pub const DOC_RECEIPT: Msg = Msg("window-doc-receipt");
pub const DOC_APPLICATION: Msg = Msg("window-doc-application");
pub const DOC_REFUSAL: Msg = Msg("window-doc-refusal");
pub const BACK: Msg = Msg("window-back");
pub const DATA_ERROR: Msg = Msg("window-data-error");

// Settings and administration.
pub const OFFICE_NAME: Msg = Msg("window-office-name");
pub const OFFICE_ADDRESS: Msg = Msg("window-office-address");
pub const COUNTER_NUMBER: Msg = Msg("window-counter-number");
pub const CLERK_PHONE: Msg = Msg("window-clerk-phone");
pub const QUEUE_PATH: Msg = Msg("window-queue-path");
pub const LOCKED_BY_MACHINE: Msg = Msg("window-locked-by-machine");
pub const PDF_DIR: Msg = Msg("window-pdf-dir");
pub const IDLE_MINUTES: Msg = Msg("window-idle-minutes");
pub const BROWSE: Msg = Msg("window-browse");
pub const SAVE: Msg = Msg("window-save");
pub const SAVED: Msg = Msg("window-saved");
pub const USERS: Msg = Msg("window-users");
pub const ROLE: Msg = Msg("window-role");
pub const ACTIVE: Msg = Msg("window-active");
pub const DISABLE: Msg = Msg("window-disable");
pub const ENABLE: Msg = Msg("window-enable");
pub const ADD_USER: Msg = Msg("window-add-user");
pub const NEW_PASSWORD: Msg = Msg("window-new-password");
pub const SET_PASSWORD: Msg = Msg("window-set-password");
pub const CALENDAR: Msg = Msg("window-calendar");
pub const IMPORT_CALENDAR: Msg = Msg("window-import-calendar");
pub const WORKING_DAY: Msg = Msg("window-working-day");
pub const DAY_OFF: Msg = Msg("window-day-off");
// Back office.
pub const NAV_BACK_OFFICE: Msg = Msg("window-nav-back-office");
pub const INCOMING: Msg = Msg("window-incoming");
pub const REFRESH: Msg = Msg("window-refresh");
pub const OPEN: Msg = Msg("window-open");
pub const CHOOSE_REQUEST: Msg = Msg("window-choose-request");
pub const DUPLICATES: Msg = Msg("window-duplicates");
pub const NO_DUPLICATES: Msg = Msg("window-no-duplicates");
pub const DECISION: Msg = Msg("window-decision");
pub const COMMENT: Msg = Msg("window-comment");
pub const OVERRIDE_REASON: Msg = Msg("window-override-reason");
pub const FORM_IIN: Msg = Msg("window-form-iin");
pub const CORRECT: Msg = Msg("window-correct");
pub const REFUSAL_GROUND: Msg = Msg("window-refusal-ground");
pub const REFUSE_SERVICE: Msg = Msg("window-refuse-service");
pub const SYNC_NOW: Msg = Msg("window-sync-now");
pub const CANCELLED: Msg = Msg("window-cancelled");

pub const RECOVERY_KEY: Msg = Msg("window-recovery-key");
pub const RECOVERY_KEY_HELP: Msg = Msg("window-recovery-key-help");
pub const RECOVERY_KEY_DONE: Msg = Msg("window-recovery-key-done");

pub const NEEDS_PASSWORD: Msg = Msg("window-needs-password");
pub const KEYS: Msg = Msg("window-keys");
pub const KEYS_HELP: Msg = Msg("window-keys-help");
pub const NEW_RECOVERY_KEY: Msg = Msg("window-new-recovery-key");
pub const EXPORT_QUEUE_KEY: Msg = Msg("window-export-queue-key");
pub const IMPORT_QUEUE_KEY: Msg = Msg("window-import-queue-key");
pub const QUEUE_KEY_IMPORTED: Msg = Msg("window-queue-key-imported");
pub const QUEUE_KEY_EXPORTED: Msg = Msg("window-queue-key-exported");
pub const LOCKOUT_FAILURES: Msg = Msg("window-lockout-failures");
pub const LOCKOUT_MINUTES: Msg = Msg("window-lockout-minutes");
pub const SAVE_LOCKOUT: Msg = Msg("window-save-lockout");
pub const LOCKOUT_INVALID: Msg = Msg("window-lockout-invalid");
