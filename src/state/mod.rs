//! State: the reactive glue between storage and the UI.
//!
//! [`AppState`] is provided once at the root and holds the in-memory dataset
//! as a signal, the load status, the last message for the user, and the
//! storage handle. Every write goes through one of its commands, which run
//! exactly one storage transaction and change the signal only after it
//! committed, so the UI never shows "Saved" for something that was not.

mod app_state;
mod clock;
pub mod pwa;

pub use app_state::{AppState, LoadStatus, Notice, NoticeKind};
pub use clock::{new_id, now, today, yield_to_browser};
