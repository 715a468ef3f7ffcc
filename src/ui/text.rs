//! Text for people, from the catalogue (`core::i18n`) in the person's
//! language (`state::locale`). Components take every word they show from
//! here: `t("contacts.new")`, `tf("deal.won_on", &[("date", &d)])`,
//! `tn("common.contacts", n)`. The keys live in
//! `src/core/i18n/catalogue/*.txt`.

use crate::core::i18n;
use crate::state::locale;

/// The text of a key.
pub fn t(key: &'static str) -> &'static str {
    i18n::text(locale(), key)
}

/// The text of a key with its placeholders filled.
#[allow(dead_code)] // used as the pages move to the catalogue
pub fn tf(key: &str, args: &[(&str, &str)]) -> String {
    i18n::fill(locale(), key, args)
}

/// A count with its noun in the person's language: `tn("common.contacts", 2)`
/// → "2 contacts".
#[allow(dead_code)] // used as the pages move to the catalogue
pub fn tn(key: &str, n: usize) -> String {
    i18n::count(locale(), key, n, &[])
}

/// A count with further placeholders.
#[allow(dead_code)] // used as the pages move to the catalogue
pub fn tnf(key: &str, n: usize, args: &[(&str, &str)]) -> String {
    i18n::count(locale(), key, n, args)
}

/// The name of a record kind (`label("priority", p.key())`), from the
/// catalogue's `label.<kind>.<key>` entries.
#[allow(dead_code)] // used as the pages move to the catalogue
pub fn label(kind: &str, key: &str) -> String {
    i18n::label(locale(), kind, key)
}
