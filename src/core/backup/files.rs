//! Backups as files: the names of automatic backups in a folder, which old
//! ones to delete, the record of the last backup, and when to remind.
//!
//! Automatic backups are named `crm-backup-YYYY-MM-DDTHHMMSSZ.json` (or
//! `….encrypted.json`), in UTC, so names sort in time order and several
//! backups a day do not collide. Only names of exactly that shape are ever
//! pruned: a person's own files in the folder, and downloads named
//! `crm-backup-YYYY-MM-DD.json`, are never touched.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::encrypted::FILE_SUFFIX;

const PREFIX: &str = "crm-backup-";
/// `YYYY-MM-DDTHHMMSSZ`
const STAMP_LEN: usize = 18;

/// The file name of an automatic backup written at `at`.
pub fn automatic_file_name(at: DateTime<Utc>, is_encrypted: bool) -> String {
    let suffix = if is_encrypted { FILE_SUFFIX } else { ".json" };
    format!("{PREFIX}{}{suffix}", at.format("%Y-%m-%dT%H%M%SZ"))
}

/// The time stamp of an automatic backup's file name, if `name` is one.
fn stamp(name: &str) -> Option<&str> {
    let rest = name.strip_prefix(PREFIX)?;
    let stamp = rest.get(..STAMP_LEN)?;
    let suffix = &rest[STAMP_LEN..];
    if suffix != ".json" && suffix != FILE_SUFFIX {
        return None;
    }
    let shape_ok = stamp.bytes().enumerate().all(|(i, b)| match i {
        4 | 7 => b == b'-',
        10 => b == b'T',
        17 => b == b'Z',
        _ => b.is_ascii_digit(),
    });
    shape_ok.then_some(stamp)
}

/// Whether `name` is the name of an automatic backup.
pub fn is_automatic_file_name(name: &str) -> bool {
    stamp(name).is_some()
}

/// The automatic backups among `names` to delete so that only the newest
/// `keep` remain (at least one is always kept). Other files are never listed.
pub fn files_to_prune(names: &[String], keep: usize) -> Vec<String> {
    let mut ours: Vec<(&str, &String)> = names.iter().filter_map(|n| stamp(n).map(|s| (s, n))).collect();
    // Newest first; for the same second, the name decides (stable, total).
    ours.sort_by(|a, b| b.0.cmp(a.0).then_with(|| b.1.cmp(a.1)));
    ours.into_iter().skip(keep.max(1)).map(|(_, n)| n.clone()).collect()
}

/// Where a backup went.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupPlace {
    /// Downloaded by the person ("Export backup").
    Download,
    /// Written to the automatic-backup folder.
    Folder,
}

/// The last backup made in this browser (kept in IndexedDB's `device` store,
/// never in backups). Stored as JSON: `{"v":1,"at":"…","bytes":N,
/// "file_name":"…","is_encrypted":bool,"place":"download"|"folder"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LastBackup {
    pub at: DateTime<Utc>,
    /// The size of the file written, in bytes.
    pub bytes: u64,
    pub file_name: String,
    pub is_encrypted: bool,
    pub place: BackupPlace,
}

/// The version of [`LastBackup`]'s stored form.
const LAST_BACKUP_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct LastBackupStored {
    v: u32,
    #[serde(flatten)]
    last: LastBackup,
}

impl LastBackup {
    pub fn encode(&self) -> String {
        serde_json::to_string(&LastBackupStored { v: LAST_BACKUP_VERSION, last: self.clone() }).expect("serialises")
    }

    /// Reads the stored form; a newer or unreadable one is an error (the
    /// caller shows "unknown" rather than a wrong date).
    pub fn decode(text: &str) -> Result<LastBackup, String> {
        let stored: LastBackupStored =
            serde_json::from_str(text).map_err(|e| format!("The record of the last backup cannot be read: {e}"))?;
        if stored.v > LAST_BACKUP_VERSION {
            return Err(format!(
                "The record of the last backup was written by a newer version of the app (version {}).",
                stored.v
            ));
        }
        Ok(stored.last)
    }
}

/// When a reminder to back up is due: after `days` days or `changes`
/// changes since the last backup, whichever comes first (0 turns that rule
/// off). With no backup at all, any change makes it due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderPolicy {
    pub days: u32,
    pub changes: u32,
}

impl Default for ReminderPolicy {
    fn default() -> Self {
        ReminderPolicy { days: 7, changes: 50 }
    }
}

/// Whether to remind the person to back up. `changes_since` counts the user
/// actions written since the last backup (or ever, when there is none).
pub fn is_reminder_due(
    last: Option<DateTime<Utc>>,
    changes_since: u64,
    now: DateTime<Utc>,
    policy: ReminderPolicy,
) -> bool {
    if changes_since == 0 {
        return false;
    }
    let Some(last) = last else { return true };
    let by_days = policy.days > 0 && now - last >= Duration::days(i64::from(policy.days));
    let by_changes = policy.changes > 0 && changes_since >= u64::from(policy.changes);
    by_days || by_changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    fn t(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
    }

    #[test]
    fn names_sort_in_time_order_and_are_recognised() {
        let a = automatic_file_name(t(2026, 11, 23, 9, 5, 7), false);
        let b = automatic_file_name(t(2026, 11, 23, 19, 13, 31), true);
        assert_eq!(a, "crm-backup-2026-11-23T090507Z.json");
        assert_eq!(b, "crm-backup-2026-11-23T191331Z.encrypted.json");
        assert!(a < b);
        assert!(is_automatic_file_name(&a) && is_automatic_file_name(&b));
        for other in [
            "crm-backup-2026-11-23.json",
            "crm-backup-2026-11-23T191331Z.json.bak",
            "crm-backup-2026-11-23T1913Z.json",
            "crm-backup-2026-11-23X191331Z.json",
            "crm-backup-2026-11-23T191331Z.txt",
            "notes.json",
            "crm-backup-",
            "",
        ] {
            assert!(!is_automatic_file_name(other), "{other}");
        }
    }

    #[test]
    fn prunes_the_oldest_automatic_backups_only() {
        let names: Vec<String> = [
            "crm-backup-2026-11-20T100000Z.json",
            "my notes.txt",
            "crm-backup-2026-11-22T100000Z.encrypted.json",
            "crm-backup-2026-11-21.json",
            "crm-backup-2026-11-23T100000Z.json",
            "crm-backup-2026-11-21T100000Z.json",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            files_to_prune(&names, 2),
            vec!["crm-backup-2026-11-21T100000Z.json".to_string(), "crm-backup-2026-11-20T100000Z.json".into()]
        );
        assert_eq!(files_to_prune(&names, 10), Vec::<String>::new());
        // At least one is always kept.
        assert_eq!(files_to_prune(&names, 0).len(), 3);
    }

    #[test]
    fn the_last_backup_record_round_trips_and_refuses_newer_versions() {
        let last = LastBackup {
            at: t(2026, 11, 23, 19, 13, 31),
            bytes: 1234,
            file_name: "crm-backup-2026-11-23T191331Z.json".into(),
            is_encrypted: false,
            place: BackupPlace::Folder,
        };
        let text = last.encode();
        assert_eq!(
            text,
            r#"{"v":1,"at":"2026-11-23T19:13:31Z","bytes":1234,"file_name":"crm-backup-2026-11-23T191331Z.json","is_encrypted":false,"place":"folder"}"#
        );
        assert_eq!(LastBackup::decode(&text), Ok(last));
        assert!(LastBackup::decode(&text.replace("\"v\":1", "\"v\":2")).unwrap_err().contains("newer version"));
        assert!(LastBackup::decode("{}").is_err());
    }

    #[test]
    fn reminders_come_after_days_or_changes() {
        let now = t(2026, 11, 23, 12, 0, 0);
        let p = ReminderPolicy { days: 7, changes: 50 };
        assert!(!is_reminder_due(None, 0, now, p), "an empty app needs no backup");
        assert!(is_reminder_due(None, 1, now, p));
        let last = Some(now - Duration::days(6));
        assert!(!is_reminder_due(last, 49, now, p));
        assert!(is_reminder_due(last, 50, now, p));
        assert!(is_reminder_due(Some(now - Duration::days(7)), 1, now, p));
        assert!(!is_reminder_due(Some(now - Duration::days(30)), 0, now, p), "nothing changed since");
        let days_only = ReminderPolicy { days: 7, changes: 0 };
        assert!(!is_reminder_due(last, 1_000, now, days_only));
    }

    proptest! {
        #[test]
        fn pruning_keeps_exactly_the_newest(secs in proptest::collection::btree_set(0i64..10_000_000, 0..30), keep in 0usize..10) {
            let base = t(2026, 1, 1, 0, 0, 0);
            let names: Vec<String> = secs.iter().map(|s| automatic_file_name(base + Duration::seconds(*s), s % 2 == 0)).collect();
            let pruned = files_to_prune(&names, keep);
            let kept: Vec<&String> = names.iter().filter(|n| !pruned.contains(n)).collect();
            prop_assert_eq!(kept.len(), names.len().min(keep.max(1)));
            // Every kept file is newer than every pruned one.
            for k in &kept {
                for p in &pruned {
                    prop_assert!(stamp(k) > stamp(p));
                }
            }
        }
    }
}
