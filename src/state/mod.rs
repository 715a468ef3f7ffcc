//! State: the reactive glue between storage and the UI.
//!
//! [`AppState`] is provided once at the root and holds the in-memory dataset
//! as a signal, the load status, the last message for the user, the clock
//! and the storage handle. Everything else that more than one page uses is a
//! context struct here too, each with `provide()` and `expect()`: the
//! reports' period and filters ([`ReportControls`]), the duplicate index of
//! every contact ([`SharedDedupeIndex`]), the last scan's duplicate rate
//! ([`LastScanRate`]), the Today list ([`Today`]) and what keeps the data
//! safe in this browser: persistence, backups and their reminder, automatic
//! backups to a folder ([`Durability`]).
//!
//! Architecture invariant: every write goes through a named command in
//! [`commands`], which runs exactly one storage transaction and changes the
//! dataset signal only after it committed, so the UI never shows "Saved" for
//! something that was not.

mod app_state;
mod auto_backup;
mod clock;
pub mod commands;
mod dedupe_index;
pub mod durability;
pub mod prefs;
pub mod pwa;
mod report_controls;
mod scan_rate;
pub mod text;
mod timing;
mod today;

pub use app_state::{AppState, LoadStatus, Notice, NoticeKind};
pub use clock::{browser_locale, fetch_language, locale, new_id, take_turn, yield_to_browser, Clock};
pub use dedupe_index::SharedDedupeIndex;
pub use durability::Durability;
pub use report_controls::ReportControls;
pub use scan_rate::LastScanRate;
pub use timing::timed;
pub use today::Today;
