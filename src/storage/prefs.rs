//! Preferences of this browser that are not data: the theme, the language and the column
//! mapping chosen for a file with given headers. They live in localStorage
//! (small, synchronous, per origin), do not travel in backups and are not
//! part of the IndexedDB schema. A value that cannot be read counts as unset.

use gloo_storage::{LocalStorage, Storage};

use crate::core::import::contacts_map::Target;

const THEME_KEY: &str = "crm.theme";
const LANGUAGE_KEY: &str = "crm.language";
const MAPPING_KEY_PREFIX: &str = "crm.import-mapping.";

/// The chosen theme ("light", "dark" or "system"), if one was saved.
pub fn theme() -> Option<String> {
    LocalStorage::get::<String>(THEME_KEY).ok()
}

pub fn save_theme(theme: &str) {
    let _ = LocalStorage::set(THEME_KEY, theme);
}

/// The language chosen in Settings ("en", "de", "fr", "es"), if one was;
/// none means the browser's language.
pub fn language() -> Option<String> {
    LocalStorage::get::<String>(LANGUAGE_KEY).ok()
}

/// Saves the chosen language; `None` goes back to the browser's.
pub fn save_language(tag: Option<&str>) {
    match tag {
        Some(tag) => {
            let _ = LocalStorage::set(LANGUAGE_KEY, tag);
        }
        None => LocalStorage::delete(LANGUAGE_KEY),
    }
}

fn mapping_key(headers: &[String]) -> String {
    format!("{MAPPING_KEY_PREFIX}{}", headers.join("\u{1f}"))
}

/// The import mapping saved for these headers, if it still fits them.
pub fn saved_mapping(headers: &[String]) -> Option<Vec<Target>> {
    LocalStorage::get::<Vec<Target>>(mapping_key(headers)).ok().filter(|t| t.len() == headers.len())
}

/// Remembers the mapping chosen for a file with these headers.
pub fn save_mapping(headers: &[String], targets: &[Target]) {
    let _ = LocalStorage::set(mapping_key(headers), targets);
}
