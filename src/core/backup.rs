//! The JSON backup format: export, full validation, import preview and the
//! dataset an import produces. Documented in `docs/backup-format.md`, with a
//! JSON Schema in `docs/backup.schema.json`.
//!
//! A backup is read completely and every check passes before anything is
//! written: the caller gets either a [`Backup`] or a [`BackupError`] that names
//! the record and field at fault.
//!
//! Format 1 held contacts and companies; format 2 adds deals, activities,
//! tasks and the settings record. Every older format stays readable: a list a
//! file does not have is empty, and a file without settings leaves the stored
//! settings alone (see [`apply_import`]).

pub mod encrypted;
pub mod files;
pub mod passphrase;
pub mod stream;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use sha2::{Digest, Sha256};

use super::changes::Change;
use super::dataset::{Dataset, Records};
use super::records::{Activity, Deal, Settings, Task};
use super::records::{Company, Contact};
use super::text::{excerpt, quoted, shorten_quoted_parts};
use super::validate::{
    validate_activity, validate_company, validate_contact, validate_deal, validate_settings, validate_task, FieldError,
};

pub const FORMAT_NAME: &str = "crm-backup";
/// The newest backup format this version writes and reads.
pub const FORMAT_VERSION: u32 = 3;
/// The storage schema version the exported records belong to.
pub const SCHEMA_VERSION: u32 = 4;
/// How many record problems an error lists before summarising.
const MAX_LISTED_PROBLEMS: usize = 10;

/// How many records of each kind a file holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub contacts: usize,
    pub companies: usize,
    pub deals: usize,
    pub activities: usize,
    pub tasks: usize,
}

/// Counts as a file states them: format-1 files have no counts for deals,
/// activities and tasks, so each one is checked only when present.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
struct StatedCounts {
    contacts: Option<usize>,
    companies: Option<usize>,
    deals: Option<usize>,
    activities: Option<usize>,
    tasks: Option<usize>,
}

#[derive(Serialize)]
struct PayloadOut<'a> {
    companies: Vec<&'a Company>,
    contacts: Vec<&'a Contact>,
    deals: Vec<&'a Deal>,
    activities: Vec<&'a Activity>,
    tasks: Vec<&'a Task>,
    settings: &'a Settings,
}

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'a str,
    format_version: u32,
    schema_version: u32,
    app_version: &'a str,
    exported_at: DateTime<Utc>,
    counts: Counts,
    payload_sha256: String,
    payload: &'a RawValue,
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<String>,
    format_version: Option<u32>,
    #[serde(default)]
    schema_version: Option<u32>,
    #[serde(default)]
    app_version: Option<String>,
    #[serde(default)]
    exported_at: Option<DateTime<Utc>>,
    counts: Option<StatedCounts>,
    payload_sha256: Option<String>,
    #[serde(borrow)]
    payload: Option<&'a RawValue>,
}

#[derive(Deserialize)]
struct PayloadIn<'a> {
    #[serde(borrow, default)]
    companies: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    contacts: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    deals: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    activities: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    tasks: Vec<&'a RawValue>,
    #[serde(borrow, default)]
    settings: Option<&'a RawValue>,
}

/// Just enough of a record to name it in a message when the rest is broken.
#[derive(Deserialize, Default)]
struct RecordLabel {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    given_name: Option<String>,
    #[serde(default)]
    family_name: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    subject: Option<String>,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lower-case hex of a digest.
fn hex(digest: &[u8]) -> String {
    let mut out = String::with_capacity(2 * digest.len());
    for &b in digest {
        out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        out.push(char::from_digit((b & 0xf) as u32, 16).unwrap_or('0'));
    }
    out
}

/// Writes the whole dataset as one backup file. Records are sorted by id, so
/// the same data always gives the same payload bytes.
pub fn export_backup(data: &Dataset, app_version: &str, exported_at: DateTime<Utc>) -> String {
    fn by_id<T>(records: &[T], id: impl Fn(&T) -> &str) -> Vec<&T> {
        let mut out: Vec<&T> = records.iter().collect();
        out.sort_unstable_by(|a, b| id(a).cmp(id(b)));
        out
    }
    let payload = PayloadOut {
        companies: by_id(data.companies(), |c| &c.id),
        contacts: by_id(data.contacts(), |c| &c.id),
        deals: by_id(data.deals().all(), |d| &d.id),
        activities: by_id(data.activities().all(), |a| &a.id),
        tasks: by_id(data.tasks().all(), |t| &t.id),
        settings: data.settings(),
    };
    let counts = Counts {
        contacts: payload.contacts.len(),
        companies: payload.companies.len(),
        deals: payload.deals.len(),
        activities: payload.activities.len(),
        tasks: payload.tasks.len(),
    };
    let payload = serde_json::to_string(&payload).expect("records serialise");
    let payload_sha256 = sha256_hex(payload.as_bytes());
    let raw = RawValue::from_string(payload).expect("serde_json wrote valid JSON");
    serde_json::to_string(&EnvelopeOut {
        format: FORMAT_NAME,
        format_version: FORMAT_VERSION,
        schema_version: SCHEMA_VERSION,
        app_version,
        exported_at,
        counts,
        payload_sha256,
        payload: &raw,
    })
    .expect("envelope serialises")
}

/// A problem with one record of a backup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordProblem {
    /// `contacts[12] "Jane Roe" (id 0b1c…)`
    pub record: String,
    /// `emails[0].address`, or empty when the record as a whole is unreadable.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for RecordProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.record, self.message)
        } else {
            write!(f, "{}, field {}: {}", self.record, self.field, self.message)
        }
    }
}

/// Why a file cannot be imported. Nothing is written in any of these cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupError {
    NotJson { detail: String },
    NotABackup { detail: String },
    NewerFormat { found: u32 },
    ChecksumMismatch,
    CountMismatch { kind: &'static str, stated: usize, found: usize },
    DuplicateId { kind: &'static str, id: String },
    InvalidRecords { problems: Vec<RecordProblem>, total: usize },
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupError::NotJson { detail } => write!(f, "This file is not valid JSON ({detail}). Nothing was imported."),
            BackupError::NotABackup { detail } => write!(f, "This file is not a CRM backup: {detail}. Nothing was imported."),
            BackupError::NewerFormat { found } => write!(
                f,
                "This backup was made by a newer version of the app (format {found}; this version reads up to {FORMAT_VERSION}). Update the app to import it. Nothing was imported."
            ),
            BackupError::ChecksumMismatch => write!(
                f,
                "The backup's checksum does not match its contents: the file was changed or damaged after export. Nothing was imported."
            ),
            BackupError::CountMismatch { kind, stated, found } => write!(
                f,
                "The backup says it holds {stated} {kind} but it holds {found}: the file is incomplete. Nothing was imported."
            ),
            BackupError::DuplicateId { kind, id } => {
                write!(f, "Two {kind} records in the backup share the id {}. Nothing was imported.", excerpt(id))
            }
            BackupError::InvalidRecords { problems, total } => {
                let noun = if *total == 1 { "problem" } else { "problems" };
                write!(f, "The backup has {total} invalid {noun}; nothing was imported.")?;
                for p in problems {
                    write!(f, "\n• {p}")?;
                }
                if *total > problems.len() {
                    write!(f, "\n• …and {} more", total - problems.len())?;
                }
                Ok(())
            }
        }
    }
}

/// A backup that passed every check.
#[derive(Clone, Debug)]
pub struct Backup {
    pub format_version: u32,
    pub schema_version: Option<u32>,
    pub app_version: Option<String>,
    pub exported_at: Option<DateTime<Utc>>,
    pub data: Dataset,
    /// Whether the file has a settings record (format 2 on); when it has
    /// none, `data` holds the initial settings and an import keeps the
    /// stored ones.
    pub has_settings: bool,
    /// Things worth knowing that do not stop the import.
    pub warnings: Vec<BackupWarning>,
}

/// Something worth knowing about a backup that does not stop its import.
/// Its `Display` is the English sentence; the UI says it in the person's
/// language from the counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BackupWarning {
    /// This many contacts link to a company the file lacks.
    UnknownCompanies(usize),
    /// This many deals, activities and tasks link to a record the file lacks.
    UnknownLinks(usize),
}

impl std::fmt::Display for BackupWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackupWarning::UnknownCompanies(n) => write!(
                f,
                "{n} contact(s) link to a company that is not in the file; the link is kept and shows as unknown unless that company is already stored"
            ),
            BackupWarning::UnknownLinks(n) => write!(
                f,
                "{n} deal(s), activities or task(s) link to a contact, company or deal that is not in the file; the links are kept"
            ),
        }
    }
}

fn label(kind: &str, index: usize, raw: &RawValue) -> String {
    if kind == "settings" {
        return kind.to_string();
    }
    let l: RecordLabel = serde_json::from_str(raw.get()).unwrap_or_default();
    let title = [l.name, l.title, l.subject].into_iter().flatten().find(|n| !n.is_empty());
    let name = match (l.given_name, l.family_name, title) {
        (_, _, Some(n)) => n,
        (g, f, _) => [g.unwrap_or_default(), f.unwrap_or_default()]
            .iter()
            .filter(|s| !s.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let mut out = format!("{kind}[{index}]");
    if !name.is_empty() {
        out.push_str(&format!(" {}", quoted(&name)));
    }
    if let Some(id) = l.id {
        out.push_str(&format!(" (id {})", excerpt(&id)));
    }
    out
}

/// The field a serde message is about, when it says (`missing field `id``).
fn serde_field(message: &str) -> String {
    message
        .split_once("field `")
        .and_then(|(_, rest)| rest.split_once('`'))
        .map(|(f, _)| f.to_string())
        .unwrap_or_default()
}

fn parse_records<T: for<'de> Deserialize<'de>>(
    kind: &'static str,
    raws: &[&RawValue],
    validate: impl Fn(&T) -> Vec<FieldError>,
    problems: &mut Vec<RecordProblem>,
    total: &mut usize,
) -> Vec<T> {
    let mut out = Vec::with_capacity(raws.len());
    for (i, raw) in raws.iter().enumerate() {
        match serde_json::from_str::<T>(raw.get()) {
            Ok(record) => {
                for e in validate(&record) {
                    *total += 1;
                    if problems.len() < MAX_LISTED_PROBLEMS {
                        problems.push(RecordProblem {
                            record: label(kind, i, raw),
                            field: e.field,
                            message: e.message,
                        });
                    }
                }
                out.push(record);
            }
            Err(e) => {
                *total += 1;
                if problems.len() < MAX_LISTED_PROBLEMS {
                    let message = e.to_string();
                    let message = message.split(" at line ").next().unwrap_or(&message);
                    let message = shorten_quoted_parts(message).into_owned();
                    problems.push(RecordProblem { record: label(kind, i, raw), field: serde_field(&message), message });
                }
            }
        }
    }
    out
}

/// A backup file's envelope, read and checked up to its checksum. The
/// checksum is left to the caller, so that a browser can compute it with
/// WebCrypto (much faster than SHA-256 in wasm) before [`check_backup`].
pub struct Envelope<'a> {
    format_version: u32,
    schema_version: Option<u32>,
    app_version: Option<String>,
    exported_at: Option<DateTime<Utc>>,
    counts: Option<StatedCounts>,
    stated_sha256: String,
    payload: &'a RawValue,
}

impl<'a> Envelope<'a> {
    /// The exact payload text that `payload_sha256` covers.
    pub fn payload(&self) -> &'a str {
        self.payload.get()
    }
}

/// First step of reading a backup: the envelope and everything in it but the
/// payload's checksum and records.
pub fn read_envelope(text: &str) -> Result<Envelope<'_>, BackupError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let env: EnvelopeIn = serde_json::from_str(text).map_err(|e| {
        if e.is_syntax() || e.is_eof() {
            BackupError::NotJson { detail: format!("line {}, column {}", e.line(), e.column()) }
        } else {
            BackupError::NotABackup { detail: "it is not a JSON object with a \"format\" field".into() }
        }
    })?;
    if env.format.as_deref() != Some(FORMAT_NAME) {
        return Err(BackupError::NotABackup { detail: format!("its \"format\" is not \"{FORMAT_NAME}\"") });
    }
    let format_version =
        env.format_version.ok_or_else(|| BackupError::NotABackup { detail: "it has no \"format_version\"".into() })?;
    if format_version > FORMAT_VERSION {
        return Err(BackupError::NewerFormat { found: format_version });
    }
    let payload = env.payload.ok_or_else(|| BackupError::NotABackup { detail: "it has no \"payload\"".into() })?;
    let stated_sha256 =
        env.payload_sha256.ok_or_else(|| BackupError::NotABackup { detail: "it has no \"payload_sha256\"".into() })?;
    Ok(Envelope {
        format_version,
        schema_version: env.schema_version,
        app_version: env.app_version,
        exported_at: env.exported_at,
        counts: env.counts,
        stated_sha256,
        payload,
    })
}

/// The payload with its records read in one pass, for the usual case of a
/// valid file; any problem is then reported by the slower record-by-record
/// reading, which can name the record at fault.
#[derive(Deserialize)]
struct PayloadFast {
    #[serde(default)]
    companies: Vec<Company>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    deals: Vec<Deal>,
    #[serde(default)]
    activities: Vec<Activity>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    settings: Option<Settings>,
}

/// Compares stated counts with the lists' lengths.
fn check_counts(counts: Option<StatedCounts>, found: Counts) -> Result<(), BackupError> {
    let Some(stated) = counts else { return Ok(()) };
    for (kind, stated, found) in [
        ("contacts", stated.contacts, found.contacts),
        ("companies", stated.companies, found.companies),
        ("deals", stated.deals, found.deals),
        ("activities", stated.activities, found.activities),
        ("tasks", stated.tasks, found.tasks),
    ] {
        if stated.is_some_and(|n| n != found) {
            return Err(BackupError::CountMismatch { kind, stated: stated.unwrap_or_default(), found });
        }
    }
    Ok(())
}

/// Reads the records of a valid payload, or `None` if anything is wrong.
fn read_valid_records(payload: &str, counts: Option<StatedCounts>, today: NaiveDate) -> Option<Records> {
    let p: PayloadFast = serde_json::from_str(payload).ok()?;
    let found = Counts {
        contacts: p.contacts.len(),
        companies: p.companies.len(),
        deals: p.deals.len(),
        activities: p.activities.len(),
        tasks: p.tasks.len(),
    };
    let initial = Settings::default();
    let settings = p.settings.as_ref().unwrap_or(&initial);
    let valid = check_counts(counts, found).is_ok()
        && p.settings.as_ref().is_none_or(|s| validate_settings(s).is_empty())
        && p.companies.iter().all(|c| validate_company(c).is_empty())
        && p.contacts.iter().all(|c| validate_contact(c, today).is_empty())
        && p.deals.iter().all(|d| validate_deal(d, settings).is_empty())
        && p.activities.iter().all(|a| validate_activity(a).is_empty())
        && p.tasks.iter().all(|t| validate_task(t).is_empty());
    valid.then_some(Records {
        companies: p.companies,
        contacts: p.contacts,
        deals: p.deals,
        activities: p.activities,
        tasks: p.tasks,
        settings: p.settings,
    })
}

/// Reads every record record by record, naming each problem's record.
fn read_records(payload: &str, counts: Option<StatedCounts>, today: NaiveDate) -> Result<Records, BackupError> {
    let raws: PayloadIn = serde_json::from_str(payload).map_err(|_| BackupError::NotABackup {
        detail: "its \"payload\" is not an object of record lists (\"contacts\", \"companies\", …)".into(),
    })?;
    let found = Counts {
        contacts: raws.contacts.len(),
        companies: raws.companies.len(),
        deals: raws.deals.len(),
        activities: raws.activities.len(),
        tasks: raws.tasks.len(),
    };
    check_counts(counts, found)?;
    let mut problems = Vec::new();
    let mut total = 0;
    let settings: Option<Settings> = match raws.settings {
        Some(raw) => parse_records("settings", &[raw], validate_settings, &mut problems, &mut total).pop(),
        None => None,
    };
    let stages = settings.clone().unwrap_or_default();
    let companies: Vec<Company> =
        parse_records("companies", &raws.companies, validate_company, &mut problems, &mut total);
    let contacts: Vec<Contact> =
        parse_records("contacts", &raws.contacts, |c| validate_contact(c, today), &mut problems, &mut total);
    let deals: Vec<Deal> =
        parse_records("deals", &raws.deals, |d| validate_deal(d, &stages), &mut problems, &mut total);
    let activities: Vec<Activity> =
        parse_records("activities", &raws.activities, validate_activity, &mut problems, &mut total);
    let tasks: Vec<Task> = parse_records("tasks", &raws.tasks, validate_task, &mut problems, &mut total);
    if total > 0 {
        return Err(BackupError::InvalidRecords { problems, total });
    }
    Ok(Records { companies, contacts, deals, activities, tasks, settings })
}

/// What an import preview says about links to records the file lacks.
fn dangling_warnings(data: &Dataset) -> Vec<BackupWarning> {
    let links = Links(data);
    let dangling = links.deals() + links.tasks() + data.activities().all().iter().filter(|a| links.activity(a)).count();
    warnings_of(data.dangling_company_links(), dangling)
}

/// The warnings for `contacts` contacts linking to a company the file lacks
/// and `links` deals, activities and tasks linking to a record it lacks.
fn warnings_of(contacts: usize, links: usize) -> Vec<BackupWarning> {
    let mut warnings = Vec::new();
    if contacts > 0 {
        warnings.push(BackupWarning::UnknownCompanies(contacts));
    }
    if links > 0 {
        warnings.push(BackupWarning::UnknownLinks(links));
    }
    warnings
}

/// Which deals, activities and tasks link to a contact, company or deal
/// that the dataset does not hold.
struct Links<'a>(&'a Dataset);

impl Links<'_> {
    fn contact(&self, id: &str) -> bool {
        self.0.contact(id).is_none()
    }
    fn company(&self, id: &Option<String>) -> bool {
        id.as_deref().is_some_and(|id| self.0.company(id).is_none())
    }
    fn deal(&self, id: &Option<String>) -> bool {
        id.as_deref().is_some_and(|id| self.0.deals().get(id).is_none())
    }
    /// Deals with a dangling link.
    fn deals(&self) -> usize {
        let dangles = |d: &&Deal| d.contact_ids.iter().any(|id| self.contact(id)) || self.company(&d.company_id);
        self.0.deals().all().iter().filter(dangles).count()
    }
    /// Whether the activity has a dangling link.
    fn activity(&self, a: &Activity) -> bool {
        a.contact_ids.iter().any(|id| self.contact(id)) || self.company(&a.company_id) || self.deal(&a.deal_id)
    }
    /// Tasks with a dangling link.
    fn tasks(&self) -> usize {
        let dangles = |t: &&Task| {
            t.contact_id.as_deref().is_some_and(|id| self.contact(id))
                || self.company(&t.company_id)
                || self.deal(&t.deal_id)
        };
        self.0.tasks().all().iter().filter(dangles).count()
    }
}

/// Second step of reading a backup: compares the payload's checksum (lower-
/// or upper-case hex SHA-256 of [`Envelope::payload`]) with the stated one,
/// then reads and checks every record. `today` bounds birthdays.
pub fn check_backup(env: Envelope<'_>, payload_sha256: &str, today: NaiveDate) -> Result<Backup, BackupError> {
    if !env.stated_sha256.eq_ignore_ascii_case(payload_sha256) {
        return Err(BackupError::ChecksumMismatch);
    }
    let payload = env.payload.get();
    let records = match read_valid_records(payload, env.counts, today) {
        Some(records) => records,
        None => read_records(payload, env.counts, today)?,
    };
    let has_settings = records.settings.is_some();
    let data = Dataset::from_parts(records).map_err(|d| BackupError::DuplicateId { kind: d.kind, id: d.id })?;
    let warnings = dangling_warnings(&data);
    Ok(Backup {
        format_version: env.format_version,
        schema_version: env.schema_version,
        app_version: env.app_version,
        exported_at: env.exported_at,
        data,
        has_settings,
        warnings,
    })
}

/// The hex SHA-256 of a payload, as `payload_sha256` states it.
pub fn payload_sha256(payload: &str) -> String {
    sha256_hex(payload.as_bytes())
}

/// Reads and checks a backup file completely. `today` bounds birthdays.
pub fn parse_backup(text: &str, today: NaiveDate) -> Result<Backup, BackupError> {
    let env = read_envelope(text)?;
    let digest = payload_sha256(env.payload());
    check_backup(env, &digest, today)
}

/// How an import combines with what is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportMode {
    /// Everything stored is replaced by the file.
    Replace,
    /// By id: the file's record wins only if its `updated` is newer; stored
    /// records missing from the file are kept.
    Merge,
}

/// What an import would do, per record kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindPlan {
    pub added: usize,
    pub updated: usize,
    /// In the file but the stored record is as new or newer.
    pub unchanged: usize,
    /// Stored records that the import removes (replace only).
    pub removed: usize,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportPlan {
    pub contacts: KindPlan,
    pub companies: KindPlan,
    pub deals: KindPlan,
    pub activities: KindPlan,
    pub tasks: KindPlan,
    /// One record: `updated` 1 when the file's settings replace the stored
    /// ones, `unchanged` 1 when they do not, all 0 when the file has none.
    pub settings: KindPlan,
}

fn plan_kind<'a, T: 'a>(
    incoming: impl Iterator<Item = &'a T>,
    stored_count: usize,
    find: impl Fn(&T) -> Option<&'a T>,
    updated: impl Fn(&T) -> DateTime<Utc>,
    mode: ImportMode,
) -> KindPlan {
    let mut p = KindPlan::default();
    let mut matched = 0;
    for r in incoming {
        match find(r) {
            None => p.added += 1,
            Some(s) => {
                matched += 1;
                if updated(r) > updated(s) || (mode == ImportMode::Replace && updated(r) != updated(s)) {
                    p.updated += 1;
                } else {
                    p.unchanged += 1;
                }
            }
        }
    }
    if mode == ImportMode::Replace {
        p.removed = stored_count - matched;
    }
    p
}

/// Counts what importing `backup` into `stored` would change.
pub fn plan_import(stored: &Dataset, backup: &Backup, mode: ImportMode) -> ImportPlan {
    let file = &backup.data;
    let settings = if backup.has_settings {
        plan_kind(std::iter::once(file.settings()), 1, |_: &Settings| Some(stored.settings()), |s| s.updated, mode)
    } else {
        KindPlan::default()
    };
    ImportPlan {
        contacts: plan_kind(
            file.contacts().iter(),
            stored.contacts().len(),
            |c: &Contact| stored.contact(&c.id),
            |c| c.updated,
            mode,
        ),
        companies: plan_kind(
            file.companies().iter(),
            stored.companies().len(),
            |c: &Company| stored.company(&c.id),
            |c| c.updated,
            mode,
        ),
        deals: plan_kind(
            file.deals().all().iter(),
            stored.deals().len(),
            |d: &Deal| stored.deals().get(&d.id),
            |d| d.updated,
            mode,
        ),
        activities: plan_kind(
            file.activities().all().iter(),
            stored.activities().len(),
            |a: &Activity| stored.activities().get(&a.id),
            |a| a.updated,
            mode,
        ),
        tasks: plan_kind(
            file.tasks().all().iter(),
            stored.tasks().len(),
            |t: &Task| stored.tasks().get(&t.id),
            |t| t.updated,
            mode,
        ),
        settings,
    }
}

/// The dataset after the import. Settings follow the records' rule (replace:
/// the file's; merge: the newer), except that a file without settings
/// (format 1) keeps the stored ones.
pub fn apply_import(stored: &Dataset, backup: &Backup, mode: ImportMode) -> Dataset {
    let file = &backup.data;
    match mode {
        ImportMode::Replace => {
            let mut out = file.clone();
            if !backup.has_settings {
                out.apply(&Change::PutSettings { record: stored.settings().clone() });
            }
            out
        }
        ImportMode::Merge => {
            let mut out = stored.clone();
            for c in file.companies() {
                if out.company(&c.id).is_none_or(|s| c.updated > s.updated) {
                    out.put_company(c.clone());
                }
            }
            for c in file.contacts() {
                if out.contact(&c.id).is_none_or(|s| c.updated > s.updated) {
                    out.put_contact(c.clone());
                }
            }
            for d in file.deals().all() {
                if out.deals().get(&d.id).is_none_or(|s| d.updated > s.updated) {
                    out.apply(&Change::PutDeal { record: d.clone() });
                }
            }
            for a in file.activities().all() {
                if out.activities().get(&a.id).is_none_or(|s| a.updated > s.updated) {
                    out.apply(&Change::PutActivity { record: a.clone() });
                }
            }
            for t in file.tasks().all() {
                if out.tasks().get(&t.id).is_none_or(|s| t.updated > s.updated) {
                    out.apply(&Change::PutTask { record: t.clone() });
                }
            }
            if backup.has_settings && file.settings().updated > out.settings().updated {
                out.apply(&Change::PutSettings { record: file.settings().clone() });
            }
            out
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;
