//! Text for notices and messages that `state` says, from the catalogue
//! (`core::i18n`) in the person's language: the same calls as `ui::text`
//! (`t`, `tf`, `tn`, `tnf`), for the layer below the UI.

use super::locale;
use crate::core::i18n;

/// The text of a key.
pub fn t(key: &'static str) -> &'static str {
    i18n::text(locale(), key)
}

/// The text of a key with its placeholders filled.
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    i18n::fill(locale(), key, args)
}

/// A count with its noun: `tn("common.contacts", 2)` → "2 contacts".
pub fn tn(key: &str, n: usize) -> String {
    i18n::count(locale(), key, n, &[])
}

/// A count with further placeholders.
pub fn tnf(key: &str, n: usize, args: &[(&str, &str)]) -> String {
    i18n::count(locale(), key, n, args)
}

/// Phrases in one list, the last joined by the language's "and":
/// "3 contacts, 2 deals and 5 activities".
pub fn list(parts: &[String]) -> String {
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => tf("common.list.and", &[("rest", &rest.join(", ")), ("last", last)]),
    }
}
