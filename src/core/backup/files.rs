//! Backups as files: the names of automatic backups in a folder, which old
//! ones to delete, the record of the last backup, the backup settings of
//! this browser, and when to remind.
//!
//! Automatic backups are named `crm-backup-YYYY-MM-DDTHHMMSSZ.json` (or
//! `….encrypted.json`), in UTC, so names sort in time order and several
//! backups a day do not collide. Only names of exactly that shape are ever
//! pruned: a person's own files in the folder, and downloads named
//! `crm-backup-YYYY-MM-DD.json`, are never touched.

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::encrypted::FILE_SUFFIX;
use crate::core::dataset::Dataset;
use crate::core::validate::FieldError;

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

/// The name of a backup downloaded on `day` ("Export backup", the
/// reminder's one-click download): `crm-backup-2026-11-23.json`, or
/// `….encrypted.json`. Automatic backups are named otherwise and never prune
/// these.
pub fn download_file_name(day: chrono::NaiveDate, is_encrypted: bool) -> String {
    let suffix = if is_encrypted { FILE_SUFFIX } else { ".json" };
    format!("{PREFIX}{}{suffix}", day.format("%Y-%m-%d"))
}

/// How far the data is from its last backup, for the reminder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupAge {
    /// Records added or changed since the last backup (deletes are not
    /// counted); every record when there has been none.
    pub changes: u64,
    /// The last backup's time, or with none the oldest record's creation
    /// (the data has been without a copy since then); `None` with no data.
    pub since: Option<DateTime<Utc>>,
    pub has_backup: bool,
}

/// Counts the records changed after `last` (a record's `updated` time) and
/// says since when the data has had no copy.
pub fn backup_age(data: &Dataset, last: Option<DateTime<Utc>>) -> BackupAge {
    let mut changes = 0u64;
    let mut oldest: Option<DateTime<Utc>> = None;
    let mut see = |created: DateTime<Utc>, updated: DateTime<Utc>| {
        if last.is_none_or(|l| updated > l) {
            changes += 1;
        }
        if last.is_none() && oldest.is_none_or(|o| created < o) {
            oldest = Some(created);
        }
    };
    data.contacts().iter().for_each(|r| see(r.created, r.updated));
    data.companies().iter().for_each(|r| see(r.created, r.updated));
    data.deals().all().iter().for_each(|r| see(r.created, r.updated));
    data.activities().all().iter().for_each(|r| see(r.created, r.updated));
    data.tasks().all().iter().for_each(|r| see(r.created, r.updated));
    BackupAge { changes, since: last.or(oldest), has_backup: last.is_some() }
}

impl BackupAge {
    /// Whether to remind: after `policy.days` days or `policy.changes`
    /// changes without a backup (see [`is_reminder_due`]). Without any
    /// backup the days count from the oldest record, so a new person is
    /// not reminded about their first contact at once.
    pub fn is_due(&self, now: DateTime<Utc>, policy: ReminderPolicy) -> bool {
        self.since.is_some() && is_reminder_due(self.since, self.changes, now, policy)
    }
}

/// Backups in this browser: when to remind, and how automatic backups to a
/// folder run. Kept in IndexedDB's `device` store (never in backups: another
/// browser decides for itself). Stored as JSON: `{"v":1,"reminder_days":7,
/// "reminder_changes":50,"every_minutes":10,"keep":10}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BackupSettings {
    pub reminder: ReminderPolicy,
    /// Automatic backups are written at most this often (after a change).
    pub every_minutes: u32,
    /// How many automatic backups the folder keeps.
    pub keep: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings { reminder: ReminderPolicy::default(), every_minutes: 10, keep: 10 }
    }
}

const BACKUP_SETTINGS_VERSION: u32 = 1;
pub const MAX_REMINDER_DAYS: u32 = 365;
pub const MAX_REMINDER_CHANGES: u32 = 1_000_000;
pub const MAX_EVERY_MINUTES: u32 = 24 * 60;
pub const MAX_KEEP: u32 = 100;

#[derive(Serialize, Deserialize)]
struct BackupSettingsStored {
    v: u32,
    reminder_days: u32,
    reminder_changes: u32,
    every_minutes: u32,
    keep: u32,
}

impl BackupSettings {
    pub fn encode(&self) -> String {
        let stored = BackupSettingsStored {
            v: BACKUP_SETTINGS_VERSION,
            reminder_days: self.reminder.days,
            reminder_changes: self.reminder.changes,
            every_minutes: self.every_minutes,
            keep: self.keep,
        };
        serde_json::to_string(&stored).expect("serialises")
    }

    /// Reads the stored form; a newer or unreadable one is an error (the
    /// caller keeps the defaults and says so).
    pub fn decode(text: &str) -> Result<BackupSettings, String> {
        let s: BackupSettingsStored =
            serde_json::from_str(text).map_err(|e| format!("The backup settings cannot be read: {e}"))?;
        if s.v > BACKUP_SETTINGS_VERSION {
            return Err(format!("The backup settings were written by a newer version of the app (version {}).", s.v));
        }
        Ok(BackupSettings {
            reminder: ReminderPolicy { days: s.reminder_days, changes: s.reminder_changes },
            every_minutes: s.every_minutes.clamp(1, MAX_EVERY_MINUTES),
            keep: s.keep.clamp(1, MAX_KEEP),
        })
    }

    /// The settings as typed in the form (whole numbers), or every problem,
    /// each naming its field: `reminder_days`, `reminder_changes`,
    /// `every_minutes`, `keep`.
    pub fn from_texts(
        days: &str,
        changes: &str,
        every_minutes: &str,
        keep: &str,
    ) -> Result<BackupSettings, Vec<FieldError>> {
        let mut errs = Vec::new();
        let mut read = |field: &str, text: &str, min: u32, max: u32, what: &str| match text.trim().parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => n,
            _ => {
                errs.push(FieldError { field: field.into(), message: format!("Enter {what} from {min} to {max}") });
                min
            }
        };
        let days = read("reminder_days", days, 0, MAX_REMINDER_DAYS, "a number of days");
        let changes = read("reminder_changes", changes, 0, MAX_REMINDER_CHANGES, "a number of changes");
        let every_minutes = read("every_minutes", every_minutes, 1, MAX_EVERY_MINUTES, "a number of minutes");
        let keep = read("keep", keep, 1, MAX_KEEP, "a number of files");
        if errs.is_empty() {
            Ok(BackupSettings { reminder: ReminderPolicy { days, changes }, every_minutes, keep })
        } else {
            Err(errs)
        }
    }
}

/// When the next automatic backup may be written, once the data changed at
/// `changed`: after a quiet `debounce` since the change, and not sooner than
/// `every_minutes` after the last automatic backup.
pub fn next_automatic_backup(
    changed: DateTime<Utc>,
    last_written: Option<DateTime<Utc>>,
    settings: &BackupSettings,
    debounce: Duration,
) -> DateTime<Utc> {
    let quiet = changed + debounce;
    match last_written {
        Some(last) => quiet.max(last + Duration::minutes(i64::from(settings.every_minutes))),
        None => quiet,
    }
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

    #[test]
    fn download_names_are_never_pruned() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        assert_eq!(download_file_name(day, false), "crm-backup-2026-11-23.json");
        assert_eq!(download_file_name(day, true), "crm-backup-2026-11-23.encrypted.json");
        assert!(!is_automatic_file_name(&download_file_name(day, true)));
    }

    #[test]
    fn the_age_counts_changed_records_and_starts_at_the_oldest_record_without_a_backup() {
        use crate::core::changes::Change;
        use crate::core::records::{Company, Contact, Task};
        let mut d = Dataset::default();
        assert_eq!(backup_age(&d, None), BackupAge { changes: 0, since: None, has_backup: false });
        assert!(!backup_age(&d, None).is_due(t(2026, 12, 1, 0, 0, 0), ReminderPolicy::default()));
        let mut ann = Contact::blank("c1".into(), t(2026, 11, 1, 9, 0, 0));
        ann.given_name = "Ann".into();
        d.apply(&Change::PutContact { record: ann.clone() });
        d.apply(&Change::PutCompany { record: Company::blank("co1".into(), t(2026, 11, 10, 9, 0, 0)) });
        d.apply(&Change::PutTask { record: Task::blank("t1".into(), t(2026, 11, 20, 9, 0, 0)) });
        let none = backup_age(&d, None);
        assert_eq!(none, BackupAge { changes: 3, since: Some(t(2026, 11, 1, 9, 0, 0)), has_backup: false });
        let p = ReminderPolicy { days: 7, changes: 50 };
        assert!(!none.is_due(t(2026, 11, 7, 9, 0, 0), p), "six days after the first record");
        assert!(none.is_due(t(2026, 11, 8, 9, 0, 0), p), "a week after the first record");
        // A backup on the 15th: only the task is newer.
        let after = backup_age(&d, Some(t(2026, 11, 15, 0, 0, 0)));
        assert_eq!(after, BackupAge { changes: 1, since: Some(t(2026, 11, 15, 0, 0, 0)), has_backup: true });
        assert!(!after.is_due(t(2026, 11, 21, 0, 0, 0), p));
        assert!(after.is_due(t(2026, 11, 22, 0, 0, 0), p));
        assert!(after.is_due(t(2026, 11, 16, 0, 0, 0), ReminderPolicy { days: 0, changes: 1 }));
        // Editing the contact counts it.
        ann.updated = t(2026, 11, 21, 0, 0, 0);
        d.apply(&Change::PutContact { record: ann });
        assert_eq!(backup_age(&d, Some(t(2026, 11, 15, 0, 0, 0))).changes, 2);
    }

    #[test]
    fn backup_settings_round_trip_and_are_read_from_the_form() {
        let s = BackupSettings { reminder: ReminderPolicy { days: 3, changes: 0 }, every_minutes: 30, keep: 5 };
        let text = s.encode();
        assert_eq!(text, r#"{"v":1,"reminder_days":3,"reminder_changes":0,"every_minutes":30,"keep":5}"#);
        assert_eq!(BackupSettings::decode(&text), Ok(s));
        assert!(BackupSettings::decode(&text.replace("\"v\":1", "\"v\":2")).unwrap_err().contains("newer version"));
        assert_eq!(BackupSettings::from_texts(" 3 ", "0", "30", "5"), Ok(s));
        let errs = BackupSettings::from_texts("-1", "lots", "0", "101").unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["reminder_days", "reminder_changes", "every_minutes", "keep"]);
        assert_eq!(errs[2].message, "Enter a number of minutes from 1 to 1440");
    }

    #[test]
    fn automatic_backups_wait_for_quiet_and_the_interval() {
        let s = BackupSettings { every_minutes: 10, ..Default::default() };
        let quiet = Duration::seconds(5);
        let changed = t(2026, 11, 23, 12, 0, 0);
        assert_eq!(next_automatic_backup(changed, None, &s, quiet), t(2026, 11, 23, 12, 0, 5));
        assert_eq!(
            next_automatic_backup(changed, Some(t(2026, 11, 23, 11, 55, 0)), &s, quiet),
            t(2026, 11, 23, 12, 5, 0)
        );
        assert_eq!(
            next_automatic_backup(changed, Some(t(2026, 11, 23, 11, 0, 0)), &s, quiet),
            t(2026, 11, 23, 12, 0, 5)
        );
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
