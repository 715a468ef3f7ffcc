//! Reading a backup file a window of bytes at a time.
//!
//! A full backup of a large dataset is hundreds of megabytes. Reading it as
//! one string would put all of it into wasm memory next to the records made
//! from it, and checking it in one go would freeze the page for seconds. So
//! [`StreamReader`] takes the file in windows (the caller copies each one
//! straight into [`StreamReader::window`]), parses each record as soon as its
//! bytes are in, validates it and indexes it into the dataset, and keeps only
//! the bytes of a record that a window cut in two. The caller gives the
//! browser a turn between windows and shows the progress.
//!
//! This is the fast path for files that are valid. It accepts exactly what
//! [`super::parse_backup`] accepts, but it does not explain problems: on
//! anything unexpected (a damaged or foreign file, a record that does not
//! validate, a checksum that does not match) it answers
//! [`StreamError::Fallback`], and the caller reads the whole file with
//! [`super::parse_backup`], which names the problem exactly as it always did.
//! So every message a person can see is unchanged.
//!
//! The payload's checksum covers its exact bytes: [`StreamReader::payload_range`]
//! gives their place in the file, for a hash the browser computes outside
//! wasm while the records are read (see `storage::backup_file`); with
//! [`StreamReader::hash_payload`] the reader hashes them itself instead.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use serde::de::{DeserializeOwned, IgnoredAny};
use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::{check_counts, hex, warnings_of, Backup, Counts, Links, StatedCounts, FORMAT_NAME, FORMAT_VERSION};
use crate::core::dataset::{DatasetBuilder, DuplicateId};
use crate::core::records::{Activity, Deal, Settings, Task};
use crate::core::records::{Company, Contact};
use crate::core::validate::{validate_activity, validate_company, validate_contact, validate_deal, validate_task};

/// Where the payload ends if it is the file's last key, as the app writes
/// it: the end of the file is `}` (the payload's) then `}`, with only spaces
/// around. A guess: the reader confirms it before the digest is used.
pub fn guess_payload_end(tail: &[u8], len: usize) -> Option<usize> {
    let mut i = tail.len();
    let skip = |i: &mut usize| {
        while *i > 0 && tail[*i - 1].is_ascii_whitespace() {
            *i -= 1;
        }
    };
    skip(&mut i);
    if i == 0 || tail[i - 1] != b'}' {
        return None;
    }
    i -= 1;
    skip(&mut i);
    (i > 0 && tail[i - 1] == b'}').then(|| len - tail.len() + i)
}

/// Why the fast path stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StreamError {
    /// Read the whole file with [`super::parse_backup`] to learn what is
    /// wrong (the detail is for developers, not for people).
    Fallback(String),
}

type Result<T> = std::result::Result<T, StreamError>;

fn fallback<T>(why: impl Into<String>) -> Result<T> {
    Err(StreamError::Fallback(why.into()))
}

/// The record lists of a payload, in the order a backup writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Companies,
    Contacts,
    Deals,
    Activities,
    Tasks,
}

impl Kind {
    fn from_key(key: &str) -> Option<Kind> {
        Some(match key {
            "companies" => Kind::Companies,
            "contacts" => Kind::Contacts,
            "deals" => Kind::Deals,
            "activities" => Kind::Activities,
            "tasks" => Kind::Tasks,
            _ => return None,
        })
    }

    fn singular(self) -> &'static str {
        match self {
            Kind::Companies => "company",
            Kind::Contacts => "contact",
            Kind::Deals => "deal",
            Kind::Activities => "activity",
            Kind::Tasks => "task",
        }
    }
}

/// Where the reader is in the file's structure.
#[derive(Clone, Debug, PartialEq, Eq)]
enum State {
    /// Before the top-level `{` (a byte-order mark and spaces may come first).
    Start,
    /// Inside the top-level object: `first` until a key was read.
    Top { first: bool },
    /// Inside the top-level object, after the key `key`.
    TopValue(String),
    /// Inside the payload object.
    Payload { first: bool },
    /// Inside the payload, after the key `key` (not a record list).
    PayloadValue(String),
    /// Inside a record list.
    List { kind: Kind, first: bool },
    /// After the top-level `}`.
    End,
}

/// The envelope's fields besides the payload, typed as [`super::parse_backup`] reads them.
#[derive(Deserialize)]
struct Header {
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
}

/// Reads a backup file a window at a time (see the module documentation).
pub struct StreamReader {
    today: NaiveDate,
    /// Bytes not yet consumed; `buf[0]` is byte `base` of the file.
    buf: Vec<u8>,
    base: usize,
    /// How far into `buf` the reader has consumed (always at a character
    /// boundary: it only moves past ASCII and past whole values).
    pos: usize,
    /// `buf[..valid]` is known to be UTF-8 (only the bytes of a character
    /// the last window cut in two may follow).
    valid: usize,
    state: State,
    header: Vec<(String, Value)>,
    payload_keys: Vec<String>,
    payload_start: Option<usize>,
    payload_end: Option<usize>,
    /// Where hashing has reached (a file offset), when the reader hashes.
    hasher: Option<(Sha256, usize)>,
    data: DatasetBuilder,
    deals: Vec<Deal>,
    /// The ids of the deals so far, for the links of activities.
    deal_ids: HashSet<String>,
    /// Activities (by position) with a link to a record not read yet when
    /// they came: [`StreamReader::finish`] looks at these again. The others
    /// are known not to dangle, so the 500k activities of a large file are
    /// checked as they come rather than in one long step at the end.
    unlinked: Vec<usize>,
    found: Counts,
    /// The file's size in bytes.
    total: usize,
}

/// Fewer bytes than any record takes in a backup (`{"id":…,"created":…}`).
const MIN_RECORD_BYTES: usize = 48;

/// The result of [`StreamReader::process`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Give it the next window.
    NeedMore,
    /// The file's structure is complete; call [`StreamReader::finish`].
    Done,
}

impl StreamReader {
    /// For a file of `total` bytes; `today` bounds birthdays, as for
    /// [`super::parse_backup`].
    pub fn new(today: NaiveDate, total: usize) -> StreamReader {
        StreamReader {
            today,
            buf: Vec::new(),
            base: 0,
            pos: 0,
            valid: 0,
            state: State::Start,
            header: Vec::new(),
            payload_keys: Vec::new(),
            payload_start: None,
            payload_end: None,
            hasher: None,
            data: DatasetBuilder::default(),
            deals: Vec::new(),
            deal_ids: HashSet::new(),
            unlinked: Vec::new(),
            found: Counts::default(),
            total,
        }
    }

    /// Makes the reader compute the payload's SHA-256 itself (where the
    /// browser cannot), as the bytes pass.
    pub fn hash_payload(&mut self) {
        self.hasher = Some((Sha256::new(), 0));
    }

    /// Room for the next `n` bytes of the file, to be filled completely
    /// before [`StreamReader::process`] is called.
    pub fn window(&mut self, n: usize) -> &mut [u8] {
        self.discard_consumed();
        let start = self.buf.len();
        self.buf.resize(start + n, 0);
        &mut self.buf[start..]
    }

    /// Feeds bytes (a copy; [`StreamReader::window`] avoids it).
    pub fn feed(&mut self, bytes: &[u8]) {
        self.window(bytes.len()).copy_from_slice(bytes);
    }

    /// How many bytes of the file have been read into records so far.
    pub fn consumed(&self) -> usize {
        self.base + self.pos
    }

    /// How many records have been read so far.
    pub fn records(&self) -> usize {
        self.data.len() + self.deals.len()
    }

    /// The payload's first byte, once the reader got there.
    pub fn payload_start(&self) -> Option<usize> {
        self.payload_start
    }

    /// The payload's bytes `[start, end)` in the file, once read to its end.
    pub fn payload_range(&self) -> Option<(usize, usize)> {
        Some((self.payload_start?, self.payload_end?))
    }

    /// Drops the bytes before `pos` (hashing those of the payload first).
    fn discard_consumed(&mut self) {
        if self.pos == 0 {
            return;
        }
        self.hash_up_to(self.base + self.pos);
        self.buf.drain(..self.pos);
        self.base += self.pos;
        self.valid -= self.pos;
        self.pos = 0;
    }

    fn hash_up_to(&mut self, end: usize) {
        let (Some((hasher, done)), Some(start)) = (&mut self.hasher, self.payload_start) else { return };
        let end = self.payload_end.map_or(end, |e| e.min(end));
        let from = (*done).max(start);
        if from < end {
            hasher.update(&self.buf[from - self.base..end - self.base]);
            *done = end;
        }
    }

    fn skip_spaces(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.buf.get(self.pos) {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.buf.get(self.pos).copied()
    }

    /// Extends the part of the buffer known to be UTF-8 over the new bytes.
    fn check_utf8(&mut self) -> Result<()> {
        match std::str::from_utf8(&self.buf[self.valid..]) {
            Ok(_) => self.valid = self.buf.len(),
            Err(e) => {
                self.valid += e.valid_up_to();
                // A character cut by the end of the window completes with the
                // next one; anything else is not UTF-8.
                if e.error_len().is_some() {
                    return fallback("the file is not UTF-8");
                }
            }
        }
        Ok(())
    }

    /// The checked text from `pos` on.
    fn text(&self) -> &str {
        let bytes = &self.buf[self.pos..self.valid];
        // SAFETY: `check_utf8` validated `buf[..valid]`, and `pos` is a
        // character boundary not after `valid` (see the fields), so this is
        // UTF-8. Checking it again here would scan the rest of the window
        // for every record. Parsing from `&str` also shares serde_json's code
        // for it with every other reader in the app (a second, byte-slice
        // copy of every record's parser would cost ~40 KB of the download).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    /// Parses one value of type `T` at `pos`; `Ok(None)` when its bytes are
    /// not all in yet.
    fn value<T: DeserializeOwned>(&mut self) -> Result<Option<T>> {
        let text = self.text();
        let len = text.len();
        let mut values = serde_json::Deserializer::from_str(text).into_iter::<T>();
        match values.next() {
            // A value that ends where the bytes end may go on in the next
            // window (a number cut in two reads as a smaller one); in a
            // backup something always follows a value, so wait for it.
            Some(Ok(_)) if values.byte_offset() == len => Ok(None),
            Some(Ok(v)) => {
                self.pos += values.byte_offset();
                Ok(Some(v))
            }
            Some(Err(e)) if e.is_eof() => Ok(None),
            Some(Err(e)) => fallback(e.to_string()),
            None => Ok(None),
        }
    }

    /// Reads `"key" :` at `pos`; `Ok(None)` (and nothing consumed) when it is not all in.
    fn key(&mut self) -> Result<Option<String>> {
        let start = self.pos;
        match self.peek() {
            None => return Ok(None),
            Some(b'"') => {}
            Some(_) => return fallback("expected a key"),
        }
        let Some(key) = self.value::<String>()? else { return Ok(None) };
        self.skip_spaces();
        match self.peek() {
            Some(b':') => {
                self.pos += 1;
                self.skip_spaces();
                Ok(Some(key))
            }
            None => {
                self.pos = start;
                Ok(None)
            }
            Some(_) => fallback("expected ':'"),
        }
    }

    /// Reads the bytes in: as far as whole values go.
    pub fn process(&mut self) -> Result<Progress> {
        self.check_utf8()?;
        loop {
            self.skip_spaces();
            let Some(next) = self.peek() else {
                return Ok(if self.state == State::End { Progress::Done } else { Progress::NeedMore });
            };
            match std::mem::replace(&mut self.state, State::End) {
                State::Start => {
                    if self.consumed() == 0 && self.buf[self.pos..].starts_with("\u{feff}".as_bytes()) {
                        self.pos += 3;
                        self.state = State::Start;
                        continue;
                    }
                    if self.consumed() == 0 && self.buf.len() < 3 && "\u{feff}".as_bytes().starts_with(&self.buf) {
                        self.state = State::Start;
                        return Ok(Progress::NeedMore);
                    }
                    if next != b'{' {
                        return fallback("not a JSON object");
                    }
                    self.pos += 1;
                    self.state = State::Top { first: true };
                }
                State::Top { first } => {
                    if next == b'}' {
                        self.pos += 1;
                        self.state = State::End;
                        continue;
                    }
                    if !first {
                        if next != b',' {
                            return fallback("expected ',' between keys");
                        }
                        self.pos += 1;
                        self.skip_spaces();
                        if self.peek().is_none() {
                            self.state = State::Top { first: true };
                            return Ok(Progress::NeedMore);
                        }
                    }
                    match self.key()? {
                        None => {
                            // Not all in: come back to the key itself.
                            self.state = State::Top { first: true };
                            return Ok(Progress::NeedMore);
                        }
                        Some(key) if key == "payload" => {
                            if self.payload_start.is_some() {
                                return fallback("two payloads");
                            }
                            self.state = State::TopValue(key);
                        }
                        Some(key) => {
                            if self.header.iter().any(|(k, _)| *k == key) {
                                return fallback(format!("two {key:?} keys"));
                            }
                            self.state = State::TopValue(key);
                        }
                    }
                }
                State::TopValue(key) if key == "payload" => {
                    if next != b'{' {
                        return fallback("the payload is not an object");
                    }
                    self.payload_start = Some(self.consumed());
                    self.pos += 1;
                    self.state = State::Payload { first: true };
                }
                State::TopValue(key) => match self.value::<Value>()? {
                    None => {
                        self.state = State::TopValue(key);
                        return Ok(Progress::NeedMore);
                    }
                    Some(v) => {
                        self.header.push((key, v));
                        self.state = State::Top { first: false };
                    }
                },
                State::Payload { first } => {
                    if next == b'}' {
                        self.pos += 1;
                        self.payload_end = Some(self.consumed());
                        self.state = State::Top { first: false };
                        continue;
                    }
                    let resume = self.pos;
                    if !first {
                        if next != b',' {
                            return fallback("expected ',' in the payload");
                        }
                        self.pos += 1;
                        self.skip_spaces();
                    }
                    match self.key()? {
                        None => {
                            self.pos = resume;
                            self.state = State::Payload { first };
                            return Ok(Progress::NeedMore);
                        }
                        Some(key) => {
                            if self.payload_keys.contains(&key) {
                                return fallback(format!("two {key:?} lists"));
                            }
                            self.payload_keys.push(key.clone());
                            self.state = State::PayloadValue(key);
                        }
                    }
                }
                State::PayloadValue(key) => {
                    if let Some(kind) = Kind::from_key(&key) {
                        if next != b'[' {
                            return fallback(format!("{key} is not a list"));
                        }
                        self.pos += 1;
                        self.reserve(kind, &key);
                        self.state = State::List { kind, first: true };
                        continue;
                    }
                    let read = if key == "settings" {
                        self.value::<Option<Settings>>()?.map(|s| {
                            if let Some(s) = s {
                                self.data.settings(s);
                            }
                        })
                    } else {
                        // The payload reader ignores other keys too.
                        self.value::<IgnoredAny>()?.map(|_| ())
                    };
                    match read {
                        None => {
                            self.state = State::PayloadValue(key);
                            return Ok(Progress::NeedMore);
                        }
                        Some(()) => self.state = State::Payload { first: false },
                    }
                }
                State::List { kind, first } => {
                    if next == b']' {
                        self.pos += 1;
                        self.state = State::Payload { first: false };
                        continue;
                    }
                    let resume = self.pos;
                    if !first {
                        if next != b',' {
                            return fallback("expected ',' between records");
                        }
                        self.pos += 1;
                        self.skip_spaces();
                    }
                    let read = match kind {
                        Kind::Companies => self.record(Self::company)?,
                        Kind::Contacts => self.record(Self::contact)?,
                        Kind::Deals => self.record(Self::deal)?,
                        Kind::Activities => self.record(Self::activity)?,
                        Kind::Tasks => self.record(Self::task)?,
                    };
                    if !read {
                        self.pos = resume;
                        self.state = State::List { kind, first };
                        return Ok(Progress::NeedMore);
                    }
                    self.state = State::List { kind, first: false };
                }
                State::End => return fallback("something follows the backup's closing brace"),
            }
        }
    }

    /// Makes room for the records the envelope says a list holds (when its
    /// counts come first, as in every file the app writes), but never for
    /// more than the file's size allows: a count is only a claim.
    fn reserve(&mut self, kind: Kind, key: &str) {
        let stated = self.header.iter().find(|(k, _)| k == "counts").and_then(|(_, v)| v.get(key)?.as_u64());
        let Some(n) = stated else { return };
        let n = (n as usize).min(self.total / MIN_RECORD_BYTES);
        match kind {
            Kind::Deals => self.deals.reserve(n),
            _ => self.data.reserve(kind.singular(), n),
        }
    }

    /// Reads one record with `add`; `false` when its bytes are not all in.
    fn record<T: DeserializeOwned>(&mut self, add: fn(&mut Self, T) -> Result<()>) -> Result<bool> {
        if self.peek().is_none() {
            return Ok(false);
        }
        match self.value::<T>()? {
            None => Ok(false),
            Some(record) => add(self, record).map(|()| true),
        }
    }

    fn duplicate(e: DuplicateId) -> StreamError {
        StreamError::Fallback(format!("two {} records share the id {}", e.kind, e.id))
    }

    fn company(&mut self, c: Company) -> Result<()> {
        if !validate_company(&c).is_empty() {
            return fallback("an invalid company");
        }
        self.found.companies += 1;
        self.data.company(c).map_err(Self::duplicate)
    }

    fn contact(&mut self, c: Contact) -> Result<()> {
        if !validate_contact(&c, self.today).is_empty() {
            return fallback("an invalid contact");
        }
        self.found.contacts += 1;
        self.data.contact(c).map_err(Self::duplicate)
    }

    /// Deals are checked against the pipeline in the settings, which come
    /// after them in the file: they wait for [`StreamReader::finish`].
    fn deal(&mut self, d: Deal) -> Result<()> {
        self.found.deals += 1;
        self.deal_ids.insert(d.id.clone());
        self.deals.push(d);
        Ok(())
    }

    fn activity(&mut self, a: Activity) -> Result<()> {
        if !validate_activity(&a).is_empty() {
            return fallback("an invalid activity");
        }
        let is_linked = a.contact_ids.iter().all(|id| self.data.has_contact(id))
            && a.company_id.as_deref().is_none_or(|id| self.data.has_company(id))
            && a.deal_id.as_ref().is_none_or(|id| self.deal_ids.contains(id));
        if !is_linked {
            self.unlinked.push(self.found.activities);
        }
        self.found.activities += 1;
        self.data.activity(a).map_err(Self::duplicate)
    }

    fn task(&mut self, t: Task) -> Result<()> {
        if !validate_task(&t).is_empty() {
            return fallback("an invalid task");
        }
        self.found.tasks += 1;
        self.data.task(t).map_err(Self::duplicate)
    }

    /// After the last window: the envelope's checks, the checksum (the
    /// lower- or upper-case hex SHA-256 of the payload's bytes, or `None`
    /// when the reader hashed them itself), the counts, the deals, and the
    /// backup with its warnings.
    pub fn finish(mut self, payload_sha256: Option<&str>) -> Result<Backup> {
        self.skip_spaces();
        if self.state != State::End || self.pos != self.buf.len() {
            return fallback("the file ends early or has more after the backup");
        }
        self.discard_consumed();
        let Some(_) = self.payload_range() else { return fallback("no payload") };
        let header = Value::Object(std::mem::take(&mut self.header).into_iter().collect());
        let header: Header = serde_json::from_value(header).map_err(|e| StreamError::Fallback(e.to_string()))?;
        if header.format.as_deref() != Some(FORMAT_NAME) {
            return fallback("not a crm-backup");
        }
        let Some(format_version) = header.format_version.filter(|&v| v <= FORMAT_VERSION) else {
            return fallback("no or a newer format_version");
        };
        let Some(stated) = header.payload_sha256 else { return fallback("no payload_sha256") };
        let digest = match (payload_sha256, self.hasher.take()) {
            (Some(d), _) => d.to_string(),
            (None, Some((hasher, _))) => hex(&hasher.finalize()),
            (None, None) => return fallback("no checksum to compare"),
        };
        if !stated.eq_ignore_ascii_case(&digest) {
            return fallback("the checksum does not match");
        }
        check_counts(header.counts, self.found).map_err(|e| StreamError::Fallback(e.to_string()))?;
        let settings = self.data.current_settings().clone();
        if self.deals.iter().any(|d| !validate_deal(d, &settings).is_empty()) {
            return fallback("an invalid deal");
        }
        self.data.reserve(Kind::Deals.singular(), self.deals.len());
        for d in self.deals {
            self.data.deal(d).map_err(Self::duplicate)?;
        }
        let has_settings = self.data.has_settings();
        let data = self.data.finish();
        let links = Links(&data);
        let activities = data.activities().all();
        let unlinked = self.unlinked.iter().filter(|&&i| activities.get(i).is_some_and(|a| links.activity(a))).count();
        let warnings = warnings_of(data.dangling_company_links(), links.deals() + unlinked + links.tasks());
        Ok(Backup {
            format_version,
            schema_version: header.schema_version,
            app_version: header.app_version,
            exported_at: header.exported_at,
            data,
            has_settings,
            warnings,
        })
    }
}
