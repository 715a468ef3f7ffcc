//! Why a backup file cannot be imported, said in the person's language.
//! `core::backup` gives the reasons as data ([`BackupError`],
//! [`EncryptedBackupError`]); their `Display` is the English text, for the
//! command-line tool and tests. Details from the file or the JSON parser,
//! and each invalid record's own message, stay as core wrote them.

use crate::core::backup::encrypted::{self, EncryptedBackupError};
use crate::core::backup::{BackupError, FORMAT_VERSION};
use crate::core::text::excerpt;
use crate::ui::format::thousands;
use crate::ui::text::{t, tf, tn};

/// The count key of a record kind as core names it ("contacts", "contact").
fn count_key(kind: &str) -> &'static str {
    match kind.trim_end_matches('s') {
        "compan" | "companie" | "company" => "common.companies",
        "deal" => "common.deals",
        "activitie" | "activity" => "common.activities",
        "task" => "common.tasks",
        _ => "common.contacts",
    }
}

/// A backup's reason not to be imported.
pub fn backup_error(e: &BackupError) -> String {
    match e {
        BackupError::NotJson { detail } => tf("backup.error.not_json", &[("detail", detail)]),
        BackupError::NotABackup { detail } => tf("backup.error.not_a_backup", &[("detail", detail)]),
        BackupError::NewerFormat { found } => tf(
            "backup.error.newer_format",
            &[("found", &found.to_string()), ("supported", &FORMAT_VERSION.to_string())],
        ),
        BackupError::ChecksumMismatch => t("backup.error.checksum").to_string(),
        BackupError::CountMismatch { kind, stated, found } => {
            tf("backup.error.count", &[("stated", &tn(count_key(kind), *stated)), ("found", &thousands(*found))])
        }
        BackupError::DuplicateId { kind, id } => {
            tf("backup.error.duplicate_id", &[("kind", &tn(count_key(kind), 2)), ("id", &excerpt(id))])
        }
        BackupError::InvalidRecords { problems, total } => {
            let mut text = tn("backup.error.invalid", *total);
            for p in problems {
                // Validation messages in the person's language; a reader's (serde's) stay as written.
                let message = crate::state::text::field_error(&p.message);
                let line = if p.field.is_empty() {
                    tf("backup.error.problem", &[("record", &p.record), ("message", &message)])
                } else {
                    tf(
                        "backup.error.problem_field",
                        &[("record", &p.record), ("field", &p.field), ("message", &message)],
                    )
                };
                text.push_str("\n• ");
                text.push_str(&line);
            }
            if *total > problems.len() {
                text.push('\n');
                text.push_str(&tf("backup.error.more", &[("n", &thousands(total - problems.len()))]));
            }
            text
        }
    }
}

/// An encrypted backup's reason not to be opened.
pub fn encrypted_error(e: &EncryptedBackupError) -> String {
    use EncryptedBackupError::*;
    match e {
        NotJson { detail } => tf("backup.error.not_json", &[("detail", detail)]),
        Truncated => t("backup.error.encrypted.truncated").to_string(),
        NotEncrypted { detail } => tf("backup.error.encrypted.not_encrypted", &[("detail", detail)]),
        NewerFormat { found } => tf(
            "backup.error.encrypted.newer_format",
            &[("found", &found.to_string()), ("supported", &encrypted::FORMAT_VERSION.to_string())],
        ),
        UnknownKdf { found } => {
            tf("backup.error.encrypted.kdf", &[("found", &excerpt(found)), ("known", encrypted::KDF_NAME)])
        }
        UnknownCipher { found } => {
            tf("backup.error.encrypted.cipher", &[("found", &excerpt(found)), ("known", encrypted::CIPHER_NAME)])
        }
        Iterations { found } => tf(
            "backup.error.encrypted.iterations",
            &[
                ("found", &found.to_string()),
                ("min", &thousands(encrypted::MIN_ITERATIONS as usize)),
                ("max", &thousands(encrypted::MAX_ITERATIONS as usize)),
            ],
        ),
        Damaged { detail } => tf("backup.error.encrypted.damaged", &[("detail", detail)]),
    }
}
