//! Preferences of this browser that are not data: they do not travel in
//! backups. For now they are read and written here; the storage layer takes
//! them over.

use gloo_storage::{LocalStorage, Storage};

use crate::core::import::contacts_map::Target;

const MAPPING_KEY_PREFIX: &str = "crm.import-mapping.";

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
