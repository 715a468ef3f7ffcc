//! Preferences of this browser that are not data (the theme, saved import
//! mappings), as the storage layer keeps them. The UI reaches storage only
//! through `state`.

pub use crate::storage::prefs::{language, save_language, save_mapping, save_theme, saved_mapping, theme};
