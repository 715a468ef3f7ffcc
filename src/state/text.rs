//! Text for notices and messages that `state` says, from the catalogue
//! (`core::i18n`) in the person's language: the same calls as `ui::text`
//! (`t`, `tf`, `tn`, `tnf`, `label`), for the layer below the UI; `ui::text`
//! passes them on.

use super::locale;
use crate::core::i18n;
use crate::core::pipeline::StageError;
use crate::core::text::excerpt;
use crate::storage::StorageError;

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

/// The name of a record kind (`label("priority", p.key())`), from the
/// catalogue's `label.<kind>.<key>` entries.
pub fn label(kind: &str, key: &str) -> String {
    i18n::label(locale(), kind, key)
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

/// A storage error said in the person's language (its `Display` is the
/// English one, for logs and tests). The detail the browser gave, if any,
/// stays as the browser wrote it.
pub fn error_text(e: &StorageError) -> String {
    match e {
        StorageError::Unavailable(d) => tf("notices.storage.unavailable", &[("detail", d)]),
        StorageError::Failed(d) => tf("notices.storage.failed", &[("detail", d)]),
        StorageError::QuotaExceeded => t("notices.storage.quota").into(),
        StorageError::Stale => t("notices.storage.stale").into(),
        StorageError::Corrupt(d) | StorageError::BadFile(d) => d.clone(),
        StorageError::Outdated => t("notices.storage.outdated").into(),
        StorageError::Unsupported(d) => tf("notices.storage.unsupported", &[("detail", d)]),
        StorageError::WrongPassphrase => t("notices.storage.wrong_passphrase").into(),
        StorageError::Cancelled => t("notices.storage.cancelled").into(),
        StorageError::NotAllowed(d) => tf("notices.storage.not_allowed", &[("detail", d)]),
    }
}

/// Why a pipeline stage command could not be done, in the person's language.
pub fn stage_error(e: &StageError) -> String {
    match e {
        StageError::NoName => t("settings.stages.error.no_name").into(),
        StageError::NameTaken(name) => tf("settings.stages.error.taken", &[("name", &excerpt(name))]),
        StageError::Probability => t("settings.stages.error.probability").into(),
        StageError::Gone => t("settings.stages.error.gone").into(),
        StageError::LastStage => t("settings.stages.error.last").into(),
    }
}

/// A validation message of `core::validate` or `core::forms` in the
/// person's language (`core::i18n::field_error`).
pub fn field_error(message: &str) -> String {
    i18n::field_error(locale(), message)
}
