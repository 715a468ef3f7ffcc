//! Chunk formats 3 and 4: the records of a chunk as compact bytes.
//!
//! Formats 1 and 2 store a chunk as JSON text, which IndexedDB keeps as a
//! JavaScript string: reading 100k contacts and 500k activities back meant
//! turning ~150 MB of UTF-16 into UTF-8 and parsing it as JSON. Format 3 is
//! bytes (a `Uint8Array` in IndexedDB), copied into wasm as they are and read
//! in one pass without a parser: about half the bytes of format 2 (UUIDs
//! take 16 bytes instead of 38) and several times faster to read and write
//! (see `docs/performance.md`).
//!
//! A chunk is `"CRMc"`, the format (3) and the kind as one byte each, the
//! number of records, then the records one after the other. A record is its
//! fields in the order of format 2 (`docs/storage.md`), each as:
//! - a number (count, length, day, minutes, cents): LEB128 varint; signed
//!   ones zig-zag encoded first;
//! - text: its length in bytes, then its UTF-8 bytes;
//! - a record id (and every link to one): 0 then the 16 bytes of a UUID
//!   written in its lower-case hyphenated form (what the app makes), else
//!   the text's length + 1 then its bytes;
//! - an optional value: 0 for none, else the value + 1 (numbers, kinds;
//!   an id: 1 then a UUID's bytes, else its length + 2 then its text);
//! - a kind: its number in the lists of `docs/storage.md`, one byte;
//! - a time: whole milliseconds since 1970 `m` as `zigzag(m) × 2`; a time
//!   finer than that as `zigzag(seconds) × 2 + 1` followed by the
//!   nanoseconds, so nothing is ever rounded;
//! - a list: its length, then its items.
//!
//! Format 4 (written since the yearless dates and the new contact fields,
//! issue 14) appends to the rows of format 3: a contact's `nickname`,
//! `name_prefix`, `name_suffix` and `department` after `owner` (text each),
//! and an address's `street2` after `country` (text). Its birthdays and
//! important dates are yearly dates: a full date `d` (days since 1 January of
//! year 1) as `zigzag(d) × 2`, a day and month without a year as
//! `(month × 32 + day) × 2 + 1`; an absent birthday is 0, a present one its
//! value + 1. Format 3 is read for ever, as it was written.
//!
//! The settings chunk holds the one settings record as JSON text in its
//! named form (as in format 2), so added settings fields stay readable.
//!
//! Architecture invariant: a chunk is read by the layout of its own format;
//! any byte left over, or missing, makes it unreadable (never half-read).

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::{Code, Compact};
use crate::core::dataset::Records;
use crate::core::records::{Activity, Deal, Settings, Task};
use crate::core::records::{Address, Company, Contact, Email, ImportantDate, Phone, StageChange, YearlyDate};

/// The format number of the byte chunks this version writes (it reads 3 too).
pub const BINARY_FORMAT: u32 = 4;
/// The first format of byte chunks.
const FIRST_BINARY_FORMAT: u32 = 3;
const MAGIC: &[u8; 4] = b"CRMc";

/// Why a byte chunk cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    Unreadable(String),
    /// Written by a newer version of the app.
    Newer(u32),
}

type Result<T> = std::result::Result<T, ReadError>;

fn bad<T>(what: impl Into<String>) -> Result<T> {
    Err(ReadError::Unreadable(what.into()))
}

/// Appends fields to a chunk's bytes.
pub(super) struct Writer {
    pub(super) bytes: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, b: u8) {
        self.bytes.push(b);
    }

    fn uint(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.bytes.push((n as u8) | 0x80);
            n >>= 7;
        }
        self.bytes.push(n as u8);
    }

    fn int(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }

    fn str(&mut self, s: &str) {
        self.uint(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, list: &[String]) {
        self.uint(list.len() as u64);
        for s in list {
            self.str(s);
        }
    }

    /// An id, with `base` the number that stands for "a UUID follows".
    fn id_from(&mut self, id: &str, base: u64) {
        match uuid_bytes(id) {
            Some(bytes) => {
                self.uint(base);
                self.bytes.extend_from_slice(&bytes);
            }
            None => {
                self.uint(id.len() as u64 + base + 1);
                self.bytes.extend_from_slice(id.as_bytes());
            }
        }
    }

    fn id(&mut self, id: &str) {
        self.id_from(id, 0);
    }

    fn opt_id(&mut self, id: Option<&str>) {
        match id {
            None => self.uint(0),
            Some(id) => self.id_from(id, 1),
        }
    }

    fn ids(&mut self, list: &[String]) {
        self.uint(list.len() as u64);
        for id in list {
            self.id(id);
        }
    }

    fn code<T: Code>(&mut self, k: T) {
        self.u8(k.code());
    }

    fn opt_code<T: Code>(&mut self, k: Option<T>) {
        self.u8(k.map_or(0, |k| k.code() + 1));
    }

    fn opt_uint(&mut self, n: Option<u64>) {
        self.uint(n.map_or(0, |n| n + 1));
    }

    fn time(&mut self, t: DateTime<Utc>) {
        let nanos = t.timestamp_subsec_nanos();
        if nanos < 1_000_000_000 && nanos.is_multiple_of(1_000_000) {
            self.uint(zigzag(t.timestamp_millis()) << 1);
        } else {
            self.uint((zigzag(t.timestamp()) << 1) | 1);
            self.uint(u64::from(nanos));
        }
    }

    fn opt_time(&mut self, t: Option<DateTime<Utc>>) {
        match t {
            None => self.u8(0),
            Some(t) => {
                self.u8(1);
                self.time(t);
            }
        }
    }

    fn opt_date(&mut self, d: Option<NaiveDate>) {
        self.uint(d.map_or(0, |d| zigzag(i64::from(d.num_days_from_ce())) + 1));
    }

    /// A birthday or important date (format 4).
    fn yearly(&mut self, d: YearlyDate) {
        self.uint(yearly_code(d));
    }

    fn opt_yearly(&mut self, d: Option<YearlyDate>) {
        self.uint(d.map_or(0, |d| yearly_code(d) + 1));
    }

    fn list<T>(&mut self, items: &[T], mut each: impl FnMut(&mut Self, &T)) {
        self.uint(items.len() as u64);
        for item in items {
            each(self, item);
        }
    }
}

/// The 16 bytes of a UUID in lower-case hyphenated form
/// (`0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b`), or `None` for any other text
/// (which then is stored as it is, so every id reads back exactly).
fn uuid_bytes(id: &str) -> Option<[u8; 16]> {
    let s = id.as_bytes();
    if s.len() != 36 || s[8] != b'-' || s[13] != b'-' || s[18] != b'-' || s[23] != b'-' {
        return None;
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    };
    let mut out = [0u8; 16];
    let mut digits = s.iter().copied().filter(|&c| c != b'-');
    for b in &mut out {
        *b = (nibble(digits.next()?)? << 4) | nibble(digits.next()?)?;
    }
    Some(out)
}

fn uuid_text(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, b) in bytes.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[(b >> 4) as usize] as char);
        out.push(HEX[(b & 15) as usize] as char);
    }
    out
}

fn zigzag(n: i64) -> u64 {
    ((n << 1) ^ (n >> 63)) as u64
}

fn unzigzag(n: u64) -> i64 {
    ((n >> 1) as i64) ^ -((n & 1) as i64)
}

/// The number a yearly date is written as in format 4.
fn yearly_code(d: YearlyDate) -> u64 {
    match d.date() {
        Some(date) => zigzag(i64::from(date.num_days_from_ce())) << 1,
        None => (u64::from(d.month()) * 32 + u64::from(d.day())) << 1 | 1,
    }
}

/// Reads fields from a chunk's bytes.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The chunk's format: 3 or 4.
    format: u32,
}

impl<'a> Reader<'a> {
    fn u8(&mut self) -> Result<u8> {
        let b = *self.bytes.get(self.pos).ok_or_else(|| ReadError::Unreadable("the chunk ends early".into()))?;
        self.pos += 1;
        Ok(b)
    }

    fn uint(&mut self) -> Result<u64> {
        let mut n = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift == 63 && b > 1 {
                return bad("a number is too large");
            }
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
            shift += 7;
        }
    }

    fn int(&mut self) -> Result<i64> {
        self.uint().map(unzigzag)
    }

    fn len(&mut self) -> Result<usize> {
        let n = self.uint()?;
        // A length can never exceed the bytes left: refuse it before allocating.
        if n > (self.bytes.len() - self.pos) as u64 {
            return bad("a length runs past the end of the chunk");
        }
        Ok(n as usize)
    }

    fn raw(&mut self, n: usize) -> Result<&'a str> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let Some(end) = end else { return bad("a text runs past the end of the chunk") };
        let text = std::str::from_utf8(&self.bytes[self.pos..end])
            .map_err(|_| ReadError::Unreadable("a text is not UTF-8".into()))?;
        self.pos = end;
        Ok(text)
    }

    fn str(&mut self) -> Result<String> {
        let n = self.len()?;
        self.raw(n).map(str::to_owned)
    }

    fn strs(&mut self) -> Result<Vec<String>> {
        self.list(Reader::str)
    }

    /// An id after its number `n` (see [`Writer::id_from`]) minus the base.
    fn id_after(&mut self, n: u64) -> Result<String> {
        match n {
            0 => {
                let end = self.pos + 16;
                let Some(bytes) = self.bytes.get(self.pos..end) else {
                    return bad("an id runs past the end of the chunk");
                };
                self.pos = end;
                Ok(uuid_text(bytes))
            }
            n => self.raw((n - 1) as usize).map(str::to_owned),
        }
    }

    fn id(&mut self) -> Result<String> {
        let n = self.uint()?;
        self.id_after(n)
    }

    fn opt_id(&mut self) -> Result<Option<String>> {
        match self.uint()? {
            0 => Ok(None),
            n => self.id_after(n - 1).map(Some),
        }
    }

    fn ids(&mut self) -> Result<Vec<String>> {
        self.list(Reader::id)
    }

    fn code<T: Code>(&mut self) -> Result<T> {
        let n = self.u8()?;
        T::from_code::<serde_json::Error>(n).map_err(|e| ReadError::Unreadable(e.to_string()))
    }

    fn opt_code<T: Code>(&mut self) -> Result<Option<T>> {
        match self.u8()? {
            0 => Ok(None),
            n => T::from_code::<serde_json::Error>(n - 1).map(Some).map_err(|e| ReadError::Unreadable(e.to_string())),
        }
    }

    fn opt_u32(&mut self) -> Result<Option<u32>> {
        match self.uint()? {
            0 => Ok(None),
            n => u32::try_from(n - 1).map(Some).map_err(|_| ReadError::Unreadable("a number is too large".into())),
        }
    }

    fn time(&mut self) -> Result<DateTime<Utc>> {
        let n = self.uint()?;
        let t = if n & 1 == 0 {
            DateTime::from_timestamp_millis(unzigzag(n >> 1))
        } else {
            let secs = unzigzag(n >> 1);
            let nanos = u32::try_from(self.uint()?).map_err(|_| ReadError::Unreadable("bad nanoseconds".into()))?;
            DateTime::from_timestamp(secs, nanos)
        };
        t.ok_or_else(|| ReadError::Unreadable("a time is out of range".into()))
    }

    fn opt_time(&mut self) -> Result<Option<DateTime<Utc>>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.time().map(Some),
            _ => bad("a time is neither absent nor present"),
        }
    }

    fn days(n: i64) -> Result<NaiveDate> {
        i32::try_from(n)
            .ok()
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or_else(|| ReadError::Unreadable("a date is out of range".into()))
    }

    fn date(&mut self) -> Result<NaiveDate> {
        let n = self.int()?;
        Reader::days(n)
    }

    fn opt_date(&mut self) -> Result<Option<NaiveDate>> {
        match self.uint()? {
            0 => Ok(None),
            n => Reader::days(unzigzag(n - 1)).map(Some),
        }
    }

    fn yearly_from(code: u64) -> Result<YearlyDate> {
        if code & 1 == 0 {
            return Reader::days(unzigzag(code >> 1)).map(YearlyDate::full);
        }
        let n = code >> 1;
        u32::try_from(n)
            .ok()
            .and_then(|n| YearlyDate::without_year(n / 32, n % 32))
            .ok_or_else(|| ReadError::Unreadable("a day and month do not exist".into()))
    }

    /// A birthday or important date: a full date in format 3, either kind
    /// from format 4.
    fn yearly(&mut self) -> Result<YearlyDate> {
        if self.format < 4 {
            return self.date().map(YearlyDate::full);
        }
        let code = self.uint()?;
        Reader::yearly_from(code)
    }

    fn opt_yearly(&mut self) -> Result<Option<YearlyDate>> {
        if self.format < 4 {
            return Ok(self.opt_date()?.map(YearlyDate::full));
        }
        match self.uint()? {
            0 => Ok(None),
            n => Reader::yearly_from(n - 1).map(Some),
        }
    }

    /// A text field appended in format `from`: empty in older chunks.
    fn str_since(&mut self, from: u32) -> Result<String> {
        if self.format < from {
            return Ok(String::new());
        }
        self.str()
    }

    fn list<T>(&mut self, mut each: impl FnMut(&mut Self) -> Result<T>) -> Result<Vec<T>> {
        let n = self.len()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(each(self)?);
        }
        Ok(out)
    }
}

/// A record kind in byte chunks: its fields in the order of format 2.
pub(super) trait Binary: Compact {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader) -> Result<Self>;
}

fn put_address(w: &mut Writer, a: &Address) {
    w.code(a.kind);
    for s in [&a.street, &a.city, &a.region, &a.postal_code, &a.country, &a.street2] {
        w.str(s);
    }
}

fn take_address(r: &mut Reader) -> Result<Address> {
    Ok(Address {
        kind: r.code()?,
        street: r.str()?,
        city: r.str()?,
        region: r.str()?,
        postal_code: r.str()?,
        country: r.str()?,
        street2: r.str_since(4)?,
    })
}

fn put_stage_change(w: &mut Writer, s: &StageChange) {
    w.opt_code(s.from);
    w.code(s.to);
    w.time(s.at);
}

fn take_stage_change(r: &mut Reader) -> Result<StageChange> {
    Ok(StageChange { from: r.opt_code()?, to: r.code()?, at: r.time()? })
}

impl Binary for Contact {
    fn put(&self, w: &mut Writer) {
        let c = self;
        w.id(&c.id);
        w.str(&c.given_name);
        w.str(&c.family_name);
        w.list(&c.emails, |w, e| {
            w.code(e.kind);
            w.str(&e.address);
        });
        w.list(&c.phones, |w, p| {
            w.code(p.kind);
            w.str(&p.number);
        });
        w.list(&c.addresses, put_address);
        w.str(&c.job_title);
        w.opt_id(c.company_id.as_deref());
        w.code(c.lifecycle_stage);
        w.strs(&c.tags);
        w.opt_yearly(c.birthday);
        w.str(&c.source);
        w.str(&c.notes);
        w.time(c.created);
        w.time(c.updated);
        w.opt_code(c.lead_status);
        w.list(&c.stage_history, put_stage_change);
        w.list(&c.important_dates, |w, d| {
            w.str(&d.label);
            w.yearly(d.date);
        });
        w.opt_uint(c.cadence_days.map(u64::from));
        w.str(&c.owner);
        for s in [&c.nickname, &c.name_prefix, &c.name_suffix, &c.department] {
            w.str(s);
        }
    }

    fn take(r: &mut Reader) -> Result<Contact> {
        Ok(Contact {
            id: r.id()?,
            given_name: r.str()?,
            family_name: r.str()?,
            emails: r.list(|r| Ok(Email { kind: r.code()?, address: r.str()? }))?,
            phones: r.list(|r| Ok(Phone { kind: r.code()?, number: r.str()? }))?,
            addresses: r.list(take_address)?,
            job_title: r.str()?,
            company_id: r.opt_id()?,
            lifecycle_stage: r.code()?,
            tags: r.strs()?,
            birthday: r.opt_yearly()?,
            source: r.str()?,
            notes: r.str()?,
            created: r.time()?,
            updated: r.time()?,
            lead_status: r.opt_code()?,
            stage_history: r.list(take_stage_change)?,
            important_dates: r.list(|r| Ok(ImportantDate { label: r.str()?, date: r.yearly()? }))?,
            cadence_days: r.opt_u32()?,
            owner: r.str()?,
            nickname: r.str_since(4)?,
            name_prefix: r.str_since(4)?,
            name_suffix: r.str_since(4)?,
            department: r.str_since(4)?,
        })
    }
}

impl Binary for Company {
    fn put(&self, w: &mut Writer) {
        let c = self;
        w.id(&c.id);
        w.str(&c.name);
        w.str(&c.domain);
        w.str(&c.industry);
        w.opt_code(c.size);
        match &c.address {
            None => w.u8(0),
            Some(a) => {
                w.u8(1);
                put_address(w, a);
            }
        }
        w.code(c.lifecycle_stage);
        w.strs(&c.tags);
        w.str(&c.notes);
        w.time(c.created);
        w.time(c.updated);
        w.list(&c.stage_history, put_stage_change);
        w.str(&c.owner);
    }

    fn take(r: &mut Reader) -> Result<Company> {
        Ok(Company {
            id: r.id()?,
            name: r.str()?,
            domain: r.str()?,
            industry: r.str()?,
            size: r.opt_code()?,
            address: match r.u8()? {
                0 => None,
                1 => Some(take_address(r)?),
                _ => return bad("an address is neither absent nor present"),
            },
            lifecycle_stage: r.code()?,
            tags: r.strs()?,
            notes: r.str()?,
            created: r.time()?,
            updated: r.time()?,
            stage_history: r.list(take_stage_change)?,
            owner: r.str()?,
        })
    }
}

impl Binary for Deal {
    fn put(&self, w: &mut Writer) {
        let d = self;
        w.id(&d.id);
        w.str(&d.title);
        w.opt_id(d.company_id.as_deref());
        w.ids(&d.contact_ids);
        w.int(d.amount_cents);
        w.str(&d.currency);
        w.str(&d.stage);
        w.u8(d.probability);
        w.opt_date(d.expected_close);
        w.str(&d.owner);
        w.code(d.status);
        w.str(&d.lost_reason);
        w.strs(&d.tags);
        w.str(&d.notes);
        w.time(d.created);
        w.time(d.updated);
        w.opt_time(d.closed);
    }

    fn take(r: &mut Reader) -> Result<Deal> {
        Ok(Deal {
            id: r.id()?,
            title: r.str()?,
            company_id: r.opt_id()?,
            contact_ids: r.ids()?,
            amount_cents: r.int()?,
            currency: r.str()?,
            stage: r.str()?,
            probability: r.u8()?,
            expected_close: r.opt_date()?,
            owner: r.str()?,
            status: r.code()?,
            lost_reason: r.str()?,
            tags: r.strs()?,
            notes: r.str()?,
            created: r.time()?,
            updated: r.time()?,
            closed: r.opt_time()?,
        })
    }
}

impl Binary for Activity {
    fn put(&self, w: &mut Writer) {
        let a = self;
        w.id(&a.id);
        w.code(a.kind);
        w.time(a.at);
        w.opt_uint(a.duration_min.map(u64::from));
        w.str(&a.outcome);
        w.str(&a.subject);
        w.str(&a.body);
        w.ids(&a.contact_ids);
        w.opt_id(a.company_id.as_deref());
        w.opt_id(a.deal_id.as_deref());
        w.str(&a.owner);
        w.time(a.created);
        w.time(a.updated);
    }

    fn take(r: &mut Reader) -> Result<Activity> {
        Ok(Activity {
            id: r.id()?,
            kind: r.code()?,
            at: r.time()?,
            duration_min: r.opt_u32()?,
            outcome: r.str()?,
            subject: r.str()?,
            body: r.str()?,
            contact_ids: r.ids()?,
            company_id: r.opt_id()?,
            deal_id: r.opt_id()?,
            owner: r.str()?,
            created: r.time()?,
            updated: r.time()?,
        })
    }
}

impl Binary for Task {
    fn put(&self, w: &mut Writer) {
        let t = self;
        w.id(&t.id);
        w.str(&t.title);
        w.opt_date(t.due);
        w.code(t.priority);
        w.opt_time(t.done_at);
        w.opt_id(t.contact_id.as_deref());
        w.opt_id(t.company_id.as_deref());
        w.opt_id(t.deal_id.as_deref());
        w.str(&t.owner);
        w.str(&t.notes);
        w.time(t.created);
        w.time(t.updated);
    }

    fn take(r: &mut Reader) -> Result<Task> {
        Ok(Task {
            id: r.id()?,
            title: r.str()?,
            due: r.opt_date()?,
            priority: r.code()?,
            done_at: r.opt_time()?,
            contact_id: r.opt_id()?,
            company_id: r.opt_id()?,
            deal_id: r.opt_id()?,
            owner: r.str()?,
            notes: r.str()?,
            created: r.time()?,
            updated: r.time()?,
        })
    }
}

impl Binary for Settings {
    fn put(&self, w: &mut Writer) {
        w.str(&serde_json::to_string(self).expect("settings always serialise"));
    }

    fn take(r: &mut Reader) -> Result<Settings> {
        let n = r.len()?;
        let text = r.raw(n)?;
        serde_json::from_str(text).map_err(|e| ReadError::Unreadable(format!("the settings: {e}")))
    }
}

/// Encodes `records` (at most a chunk's worth) as one byte chunk.
pub(super) fn encode<T: Binary>(records: &[T], bytes_hint: usize) -> Vec<u8> {
    let mut w = Writer { bytes: Vec::with_capacity(bytes_hint) };
    w.bytes.extend_from_slice(MAGIC);
    w.u8(BINARY_FORMAT as u8);
    w.u8(T::ORDER);
    w.uint(records.len() as u64);
    for r in records {
        r.put(&mut w);
    }
    w.bytes
}

/// The kind (its `ORDER`) and record count of a byte chunk, from the first
/// bytes of its header (16 are always enough).
pub(super) fn header(bytes: &[u8]) -> Option<(u8, usize)> {
    let kind = kind_of(bytes)?;
    let mut r = Reader { bytes, pos: 6, format: BINARY_FORMAT };
    let n = r.uint().ok()?;
    Some((kind, usize::try_from(n).ok()?))
}

/// The kind (its `ORDER`) of a byte chunk, from its header.
pub(super) fn kind_of(bytes: &[u8]) -> Option<u8> {
    (bytes.len() >= 6 && &bytes[..4] == MAGIC).then(|| bytes[5])
}

fn read_all<T: Binary>(r: &mut Reader, out: &mut Vec<T>) -> Result<()> {
    let n = r.len()?;
    out.reserve(n);
    for _ in 0..n {
        out.push(T::take(r)?);
    }
    Ok(())
}

/// Appends the records of one byte chunk to `records` (settings to `settings`).
pub(super) fn decode(bytes: &[u8], records: &mut Records, settings: &mut Vec<Settings>) -> Result<()> {
    if bytes.len() < 6 || &bytes[..4] != MAGIC {
        return bad("it does not start as a chunk of records");
    }
    let format = u32::from(bytes[4]);
    if format > BINARY_FORMAT {
        return Err(ReadError::Newer(format));
    }
    if format < FIRST_BINARY_FORMAT {
        return bad(format!("format {format} chunks are JSON text, not bytes"));
    }
    let mut r = Reader { bytes, pos: 6, format };
    match bytes[5] {
        Company::ORDER => read_all(&mut r, &mut records.companies),
        Contact::ORDER => read_all(&mut r, &mut records.contacts),
        Deal::ORDER => read_all(&mut r, &mut records.deals),
        Activity::ORDER => read_all(&mut r, &mut records.activities),
        Task::ORDER => read_all(&mut r, &mut records.tasks),
        Settings::ORDER => read_all(&mut r, settings),
        other => bad(format!("unknown record kind number {other}")),
    }?;
    if r.pos != bytes.len() {
        return bad(format!("{} bytes follow the last record", bytes.len() - r.pos));
    }
    Ok(())
}
