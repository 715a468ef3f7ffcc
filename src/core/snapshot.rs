//! The stored form of the dataset: packed chunks plus journal entries.
//!
//! Writing one IndexedDB object per record is slow (~4–5k records/s), so the
//! dataset is stored as chunks of [`CHUNK_SIZE`] records, each one JSON
//! string, plus an append-only journal of [`Change`] lists written by user
//! actions. Loading decodes every chunk, then applies the journal in order.
//! Compaction rewrites the chunks from memory and empties the journal.
//! Both forms carry a version `v` (see `docs/storage.md`).
//!
//! Chunks are read at every start, so their records use a compact form that
//! only storage knows (the backup format is the documented, verbose one): a
//! record is a JSON array of its fields in a fixed order, kinds are small
//! numbers, and times are milliseconds since 1970. This parses several times
//! faster than named fields and RFC 3339 text. A chunk is
//! `[v, kind, [record, …]]` with `kind` one of `"company"`, `"contact"`,
//! `"deal"`, `"activity"`, `"task"` (positional rows, see the `Compact`
//! implementations) or `"settings"` (one record in its named serde form).
//!
//! Format 4 appends a contact's nickname, name prefix and suffix and
//! department and an address's second street line, and lets birthdays and
//! important dates lack their year (issue 14); it is written as bytes, and
//! its text form exists for the documented layout and the journal's `v`.
//!
//! Format 3 (written since IndexedDB schema 5) keeps the same fields in the
//! same order as bytes instead of JSON text (see [`binary`]): what the app
//! wrote before format 4. Formats 1 and 2 are what older versions wrote, as text; they
//! are read for ever and rewritten as bytes by the next snapshot.
//!
//! Architecture invariant: a chunk is read by the layout of its own version.
//! Version 1 chunks (contacts and companies without the schema-3 fields) are
//! what existing browsers hold, so they are read for ever, in both layouts
//! that carried `v` = 1 (the first, with named records, and the positional
//! one); a new layout only
//! ever appends fields to a row, and a new kind is refused in chunks older
//! than the version that introduced it. Journal entries keep the named form
//! of [`Change`]: they are small and few, and serde's defaults cover fields
//! that older entries lack.

use std::marker::PhantomData;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::de::{self, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde::ser::{SerializeTuple, Serializer};
use serde::{Deserialize, Deserializer, Serialize};

use super::changes::Change;
use super::dataset::{Dataset, DuplicateId, Records};
use super::records::{Activity, ActivityKind, Deal, DealStatus, Priority, Settings, Task};
use super::records::{
    Address, AddressKind, Company, CompanySize, Contact, Email, EmailKind, ImportantDate, LeadStatus, LifecycleStage,
    Phone, PhoneKind, StageChange, YearlyDate,
};

mod binary;

pub use binary::BINARY_FORMAT;

/// Version of the text chunk and journal-entry formats. 1: contacts and
/// companies; 2: their schema-3 fields appended, and deals, activities, tasks
/// and settings; 3 is bytes only ([`binary`]); 4 (as in byte chunks): a
/// contact's nickname, name prefix and suffix and department appended, an
/// address's second street line appended, and birthdays and important dates
/// that may lack their year. Journal entries carry this number too, so an
/// older app refuses an entry that may hold a date without a year.
pub const RECORD_FORMAT: u32 = 4;
/// Records per stored chunk.
pub const CHUNK_SIZE: usize = 1000;

/// The numbers that stand for kinds in chunks. They are part of the stored
/// format: never renumber, only add.
trait Code: Sized + Copy + PartialEq + 'static {
    const CODES: &'static [Self];
    fn code(self) -> u8 {
        Self::CODES.iter().position(|&k| k == self).unwrap_or(0) as u8
    }
    fn from_code<E: de::Error>(code: u8) -> Result<Self, E> {
        Self::CODES.get(code as usize).copied().ok_or_else(|| E::custom(format!("unknown kind number {code}")))
    }
}

macro_rules! codes {
    ($t:ty: [$($v:expr),+ $(,)?]) => {
        impl Code for $t {
            const CODES: &'static [$t] = &[$($v),+];
        }
    };
}
codes!(EmailKind: [EmailKind::Work, EmailKind::Personal, EmailKind::Other]);
codes!(PhoneKind: [PhoneKind::Mobile, PhoneKind::Work, PhoneKind::Home, PhoneKind::Other]);
codes!(AddressKind: [AddressKind::Work, AddressKind::Home, AddressKind::Other]);
codes!(LifecycleStage: [
    LifecycleStage::Reach,
    LifecycleStage::Acquisition,
    LifecycleStage::Conversion,
    LifecycleStage::Retention,
    LifecycleStage::Loyalty,
    LifecycleStage::Lost,
    LifecycleStage::Disqualified,
]);
codes!(CompanySize: [
    CompanySize::Micro,
    CompanySize::Small,
    CompanySize::Medium,
    CompanySize::Large,
    CompanySize::VeryLarge,
    CompanySize::Enterprise,
]);
codes!(LeadStatus: [LeadStatus::New, LeadStatus::AttemptingContact, LeadStatus::Qualified, LeadStatus::Unqualified]);
codes!(DealStatus: [DealStatus::Open, DealStatus::Won, DealStatus::Lost]);
codes!(ActivityKind: [ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Note]);
codes!(Priority: [Priority::Low, Priority::Normal, Priority::High]);

/// A time in a chunk: whole milliseconds since 1970 as a number, or RFC 3339
/// text when it is finer than that (so nothing is ever rounded).
struct Time(DateTime<Utc>);

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let nanos = self.0.timestamp_subsec_nanos();
        if nanos < 1_000_000_000 && nanos.is_multiple_of(1_000_000) {
            s.serialize_i64(self.0.timestamp_millis())
        } else {
            self.0.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Time, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Time;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("milliseconds or an RFC 3339 time")
            }
            fn visit_i64<E: de::Error>(self, ms: i64) -> Result<Time, E> {
                DateTime::from_timestamp_millis(ms).map(Time).ok_or_else(|| E::custom("time out of range"))
            }
            fn visit_u64<E: de::Error>(self, ms: u64) -> Result<Time, E> {
                let ms = i64::try_from(ms).map_err(|_| E::custom("time out of range"))?;
                self.visit_i64(ms)
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Time, E> {
                DateTime::parse_from_rfc3339(text).map(|t| Time(t.with_timezone(&Utc))).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

/// A date in a chunk: days since 1 January of year 1 (day 1).
fn days(date: Option<NaiveDate>) -> Option<i32> {
    date.map(|d| d.num_days_from_ce())
}

fn from_days<E: de::Error>(days: Option<i32>) -> Result<Option<NaiveDate>, E> {
    days.map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("date out of range"))).transpose()
}

/// A birthday or important date in a chunk: the day number of a full date
/// (as every date is written), or from format 4 the text `--MM-DD` of a
/// date without a year.
enum StoredDay {
    Days(i32),
    Text(String),
}

impl Serialize for StoredDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            StoredDay::Days(n) => s.serialize_i32(*n),
            StoredDay::Text(t) => s.serialize_str(t),
        }
    }
}

impl<'de> Deserialize<'de> for StoredDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<StoredDay, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = StoredDay;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a day number or a date without a year")
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<StoredDay, E> {
                i32::try_from(n).map(StoredDay::Days).map_err(|_| E::custom("date out of range"))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<StoredDay, E> {
                i32::try_from(n).map(StoredDay::Days).map_err(|_| E::custom("date out of range"))
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<StoredDay, E> {
                Ok(StoredDay::Text(text.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

fn stored_day(date: YearlyDate) -> StoredDay {
    match date.date() {
        Some(d) => StoredDay::Days(d.num_days_from_ce()),
        None => StoredDay::Text(date.to_string()),
    }
}

/// Reads a [`StoredDay`] of format `v`: text only from format 4 on.
fn yearly_from<E: de::Error>(v: u32, day: StoredDay) -> Result<YearlyDate, E> {
    match day {
        StoredDay::Days(n) => {
            NaiveDate::from_num_days_from_ce_opt(n).map(YearlyDate::full).ok_or_else(|| E::custom("date out of range"))
        }
        StoredDay::Text(text) if v >= 4 => YearlyDate::parse(&text)
            .filter(|d| d.year().is_none())
            .ok_or_else(|| E::custom(format!("{text:?} is not a date"))),
        StoredDay::Text(_) => Err(E::custom(format!("format {v} has no dates without a year"))),
    }
}

/// `[kind, street, city, region, postal_code, country]`, then from format 4
/// `street2`.
struct AddressRow(u8, [String; 5], Option<String>);

impl<'de> Deserialize<'de> for AddressRow {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<AddressRow, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = AddressRow;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an address as a list of 6 or 7 fields")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<AddressRow, A::Error> {
                let mut f = Fields { seq, read: 0 };
                let kind = f.next()?;
                let parts = [f.next()?, f.next()?, f.next()?, f.next()?, f.next()?];
                let street2 = f.seq.next_element()?;
                f.read += 1;
                f.end()?;
                Ok(AddressRow(kind, parts, street2))
            }
        }
        d.deserialize_seq(V)
    }
}

fn email_row(e: &Email) -> (u8, &str) {
    (e.kind.code(), &e.address)
}

fn phone_row(p: &Phone) -> (u8, &str) {
    (p.kind.code(), &p.number)
}

fn address_row(a: &Address) -> (u8, &str, &str, &str, &str, &str, &str) {
    (a.kind.code(), &a.street, &a.city, &a.region, &a.postal_code, &a.country, &a.street2)
}

/// Reads an address row of format `v`: 7 fields from format 4, 6 before.
fn address_from<E: de::Error>(v: u32, row: AddressRow) -> Result<Address, E> {
    let AddressRow(kind, [street, city, region, postal_code, country], street2) = row;
    let street2 = match (street2, v >= 4) {
        (Some(s), true) => s,
        (None, false) => String::new(),
        (_, true) => return Err(E::invalid_length(6, &"7 address fields")),
        (Some(_), false) => return Err(E::invalid_length(7, &"6 address fields")),
    };
    Ok(Address { kind: Code::from_code(kind)?, street, street2, city, region, postal_code, country })
}

fn stage_change_row(s: &StageChange) -> (Option<u8>, u8, Time) {
    (s.from.map(Code::code), s.to.code(), Time(s.at))
}

fn stage_change_from<E: de::Error>(row: (Option<u8>, u8, Time)) -> Result<StageChange, E> {
    let (from, to, at) = row;
    Ok(StageChange { from: from.map(Code::from_code).transpose()?, to: Code::from_code(to)?, at: at.0 })
}

fn important_date_row(d: &ImportantDate) -> (&str, StoredDay) {
    (&d.label, stored_day(d.date))
}

fn important_date_from<E: de::Error>(v: u32, row: (String, StoredDay)) -> Result<ImportantDate, E> {
    let (label, day) = row;
    Ok(ImportantDate { label, date: yearly_from(v, day)? })
}

/// Serialises a slice through a mapping, without collecting it first.
struct Rows<'a, T, F>(&'a [T], F);

impl<'a, T, R: Serialize, F: Fn(&'a T) -> R> Serialize for Rows<'a, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// Writes the given values as one JSON array (a tuple of any length).
macro_rules! row {
    ($s:expr; $($e:expr),+ $(,)?) => {{
        let mut t = $s.serialize_tuple(0 $(+ row!(@one $e))+)?;
        $(t.serialize_element(&$e)?;)+
        t.end()
    }};
    (@one $e:expr) => { 1 };
}

/// The fields of one positional record, read in order.
struct Fields<A> {
    seq: A,
    read: usize,
}

impl<'de, A: SeqAccess<'de>> Fields<A> {
    fn next<T: Deserialize<'de>>(&mut self) -> Result<T, A::Error> {
        let value = self.seq.next_element()?.ok_or_else(|| de::Error::invalid_length(self.read, &"more fields"))?;
        self.read += 1;
        Ok(value)
    }

    fn code<T: Code>(&mut self) -> Result<T, A::Error> {
        T::from_code(self.next()?)
    }

    fn opt_code<T: Code>(&mut self) -> Result<Option<T>, A::Error> {
        self.next::<Option<u8>>()?.map(T::from_code).transpose()
    }

    fn time(&mut self) -> Result<DateTime<Utc>, A::Error> {
        Ok(self.next::<Time>()?.0)
    }

    fn opt_time(&mut self) -> Result<Option<DateTime<Utc>>, A::Error> {
        Ok(self.next::<Option<Time>>()?.map(|t| t.0))
    }

    fn date(&mut self) -> Result<Option<NaiveDate>, A::Error> {
        from_days(self.next()?)
    }

    /// Reads a list of rows and converts each.
    fn list<R: Deserialize<'de>, T>(&mut self, convert: impl Fn(R) -> Result<T, A::Error>) -> Result<Vec<T>, A::Error> {
        self.next::<Vec<R>>()?.into_iter().map(convert).collect()
    }

    /// A birthday: `null`, a day number, or (format 4) `--MM-DD`.
    fn yearly(&mut self, v: u32) -> Result<Option<YearlyDate>, A::Error> {
        self.next::<Option<StoredDay>>()?.map(|d| yearly_from(v, d)).transpose()
    }

    /// Refuses fields beyond the layout.
    fn end(mut self) -> Result<(), A::Error> {
        match self.seq.next_element::<IgnoredAny>()? {
            Some(_) => Err(de::Error::invalid_length(self.read + 1, &"no more fields")),
            None => Ok(()),
        }
    }
}

/// A record kind as stored in chunks.
trait Compact: Sized {
    /// The chunk's `kind`.
    const KIND: &'static str;
    /// Where its chunks sort among the kinds (companies load before contacts).
    const ORDER: u8;
    /// The first format version that has this kind.
    const SINCE: u32;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error>;
    /// Reads one record written in format version `v`.
    fn read<'de, D: Deserializer<'de>>(v: u32, d: D) -> Result<Self, D::Error>;
}

/// A record kind stored as an array of its fields.
trait Positional: Sized {
    fn read_fields<'de, A: SeqAccess<'de>>(v: u32, f: &mut Fields<A>) -> Result<Self, A::Error>;
}

/// Reads one positional record and checks that nothing follows it.
struct FieldsVisitor<T>(u32, PhantomData<T>);

impl<'de, T: Positional> Visitor<'de> for FieldsVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a record as a list of fields")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        let mut fields = Fields { seq, read: 0 };
        let record = T::read_fields(self.0, &mut fields)?;
        fields.end()?;
        Ok(record)
    }
}

macro_rules! positional_read {
    () => {
        fn read<'de, D: Deserializer<'de>>(v: u32, d: D) -> Result<Self, D::Error> {
            d.deserialize_seq(FieldsVisitor::<Self>(v, PhantomData))
        }
    };
}

/// A contact: `[id, given_name, family_name, emails, phones, addresses,
/// job_title, company_id, lifecycle_stage, tags, birthday, source, notes,
/// created, updated]`, then from version 2 `[lead_status, stage_history,
/// important_dates, cadence_days, owner]`, then from version 4 `[nickname,
/// name_prefix, name_suffix, department]`. An email is `[kind, address]`, a
/// phone `[kind, number]`, an address `[kind, street, city, region,
/// postal_code, country]` and from version 4 `street2` after them, a stage
/// change `[from, to, at]`, an important date `[label, day]`; a birthday or
/// day is a day number, or from version 4 `"--MM-DD"` for a date without a
/// year; absent options are `null`, and empty text is `""`.
impl Compact for Contact {
    const KIND: &'static str = "contact";
    const ORDER: u8 = 1;
    const SINCE: u32 = 1;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self;
        row!(s;
            c.id,
            c.given_name,
            c.family_name,
            Rows(&c.emails, email_row),
            Rows(&c.phones, phone_row),
            Rows(&c.addresses, address_row),
            c.job_title,
            c.company_id,
            c.lifecycle_stage.code(),
            c.tags,
            c.birthday.map(stored_day),
            c.source,
            c.notes,
            Time(c.created),
            Time(c.updated),
            c.lead_status.map(Code::code),
            Rows(&c.stage_history, stage_change_row),
            Rows(&c.important_dates, important_date_row),
            c.cadence_days,
            c.owner,
            c.nickname,
            c.name_prefix,
            c.name_suffix,
            c.department,
        )
    }
    positional_read!();
}

impl Positional for Contact {
    fn read_fields<'de, A: SeqAccess<'de>>(v: u32, f: &mut Fields<A>) -> Result<Contact, A::Error> {
        let mut c = Contact {
            id: f.next()?,
            given_name: f.next()?,
            family_name: f.next()?,
            emails: f.list(|(kind, address): (u8, String)| Ok(Email { kind: Code::from_code(kind)?, address }))?,
            phones: f.list(|(kind, number): (u8, String)| Ok(Phone { kind: Code::from_code(kind)?, number }))?,
            addresses: f.list(|row| address_from(v, row))?,
            job_title: f.next()?,
            company_id: f.next()?,
            lifecycle_stage: f.code()?,
            tags: f.next()?,
            birthday: f.yearly(v)?,
            source: f.next()?,
            notes: f.next()?,
            created: f.time()?,
            updated: f.time()?,
            lead_status: None,
            stage_history: Vec::new(),
            important_dates: Vec::new(),
            cadence_days: None,
            owner: String::new(),
            nickname: String::new(),
            name_prefix: String::new(),
            name_suffix: String::new(),
            department: String::new(),
        };
        if v >= 2 {
            c.lead_status = f.opt_code()?;
            c.stage_history = f.list(stage_change_from)?;
            c.important_dates = f.list(|row| important_date_from(v, row))?;
            c.cadence_days = f.next()?;
            c.owner = f.next()?;
        }
        if v >= 4 {
            c.nickname = f.next()?;
            c.name_prefix = f.next()?;
            c.name_suffix = f.next()?;
            c.department = f.next()?;
        }
        Ok(c)
    }
}

/// A company: `[id, name, domain, industry, size, address, lifecycle_stage,
/// tags, notes, created, updated]`, then from version 2 `[stage_history,
/// owner]`, with `size` and `address` `null` when absent.
impl Compact for Company {
    const KIND: &'static str = "company";
    const ORDER: u8 = 0;
    const SINCE: u32 = 1;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self;
        row!(s;
            c.id,
            c.name,
            c.domain,
            c.industry,
            c.size.map(Code::code),
            c.address.as_ref().map(address_row),
            c.lifecycle_stage.code(),
            c.tags,
            c.notes,
            Time(c.created),
            Time(c.updated),
            Rows(&c.stage_history, stage_change_row),
            c.owner,
        )
    }
    positional_read!();
}

impl Positional for Company {
    fn read_fields<'de, A: SeqAccess<'de>>(v: u32, f: &mut Fields<A>) -> Result<Company, A::Error> {
        let mut c = Company {
            id: f.next()?,
            name: f.next()?,
            domain: f.next()?,
            industry: f.next()?,
            size: f.opt_code()?,
            address: f.next::<Option<AddressRow>>()?.map(|row| address_from(v, row)).transpose()?,
            lifecycle_stage: f.code()?,
            tags: f.next()?,
            notes: f.next()?,
            created: f.time()?,
            updated: f.time()?,
            stage_history: Vec::new(),
            owner: String::new(),
        };
        if v >= 2 {
            c.stage_history = f.list(stage_change_from)?;
            c.owner = f.next()?;
        }
        Ok(c)
    }
}

/// A deal: `[id, title, company_id, contact_ids, amount_cents, currency,
/// stage, probability, expected_close, owner, status, lost_reason, tags,
/// notes, created, updated, closed]`.
impl Compact for Deal {
    const KIND: &'static str = "deal";
    const ORDER: u8 = 2;
    const SINCE: u32 = 2;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let d = self;
        row!(s;
            d.id,
            d.title,
            d.company_id,
            d.contact_ids,
            d.amount_cents,
            d.currency,
            d.stage,
            d.probability,
            days(d.expected_close),
            d.owner,
            d.status.code(),
            d.lost_reason,
            d.tags,
            d.notes,
            Time(d.created),
            Time(d.updated),
            d.closed.map(Time),
        )
    }
    positional_read!();
}

impl Positional for Deal {
    fn read_fields<'de, A: SeqAccess<'de>>(_: u32, f: &mut Fields<A>) -> Result<Deal, A::Error> {
        Ok(Deal {
            id: f.next()?,
            title: f.next()?,
            company_id: f.next()?,
            contact_ids: f.next()?,
            amount_cents: f.next()?,
            currency: f.next()?,
            stage: f.next()?,
            probability: f.next()?,
            expected_close: f.date()?,
            owner: f.next()?,
            status: f.code()?,
            lost_reason: f.next()?,
            tags: f.next()?,
            notes: f.next()?,
            created: f.time()?,
            updated: f.time()?,
            closed: f.opt_time()?,
        })
    }
}

/// An activity: `[id, kind, at, duration_min, outcome, subject, body,
/// contact_ids, company_id, deal_id, owner, created, updated]`.
impl Compact for Activity {
    const KIND: &'static str = "activity";
    const ORDER: u8 = 3;
    const SINCE: u32 = 2;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self;
        row!(s;
            a.id,
            a.kind.code(),
            Time(a.at),
            a.duration_min,
            a.outcome,
            a.subject,
            a.body,
            a.contact_ids,
            a.company_id,
            a.deal_id,
            a.owner,
            Time(a.created),
            Time(a.updated),
        )
    }
    positional_read!();
}

impl Positional for Activity {
    fn read_fields<'de, A: SeqAccess<'de>>(_: u32, f: &mut Fields<A>) -> Result<Activity, A::Error> {
        Ok(Activity {
            id: f.next()?,
            kind: f.code()?,
            at: f.time()?,
            duration_min: f.next()?,
            outcome: f.next()?,
            subject: f.next()?,
            body: f.next()?,
            contact_ids: f.next()?,
            company_id: f.next()?,
            deal_id: f.next()?,
            owner: f.next()?,
            created: f.time()?,
            updated: f.time()?,
        })
    }
}

/// A task: `[id, title, due, priority, done_at, contact_id, company_id,
/// deal_id, owner, notes, created, updated]`.
impl Compact for Task {
    const KIND: &'static str = "task";
    const ORDER: u8 = 4;
    const SINCE: u32 = 2;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let t = self;
        row!(s;
            t.id,
            t.title,
            days(t.due),
            t.priority.code(),
            t.done_at.map(Time),
            t.contact_id,
            t.company_id,
            t.deal_id,
            t.owner,
            t.notes,
            Time(t.created),
            Time(t.updated),
        )
    }
    positional_read!();
}

impl Positional for Task {
    fn read_fields<'de, A: SeqAccess<'de>>(_: u32, f: &mut Fields<A>) -> Result<Task, A::Error> {
        Ok(Task {
            id: f.next()?,
            title: f.next()?,
            due: f.date()?,
            priority: f.code()?,
            done_at: f.opt_time()?,
            contact_id: f.next()?,
            company_id: f.next()?,
            deal_id: f.next()?,
            owner: f.next()?,
            notes: f.next()?,
            created: f.time()?,
            updated: f.time()?,
        })
    }
}

/// The settings: one record in its named serde form (there is only one, so
/// compactness does not matter, and named fields take additions gracefully).
impl Compact for Settings {
    const KIND: &'static str = "settings";
    const ORDER: u8 = 5;
    const SINCE: u32 = 2;
    fn write<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Serialize::serialize(self, s)
    }
    fn read<'de, D: Deserializer<'de>>(_: u32, d: D) -> Result<Settings, D::Error> {
        Settings::deserialize(d)
    }
}

/// A record serialised in its chunk form.
struct Out<'a, T>(&'a T);

impl<T: Compact> Serialize for Out<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.write(s)
    }
}

/// Reads one record of format version `v`.
struct RecordSeed<T>(u32, PhantomData<T>);

impl<'de, T: Compact> DeserializeSeed<'de> for RecordSeed<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::read(self.0, d)
    }
}

/// Appends each record of a chunk's list to `out`.
struct RecordsSeed<'a, T> {
    out: &'a mut Vec<T>,
    v: u32,
}

impl<'de, T: Compact> DeserializeSeed<'de> for RecordsSeed<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, T: Compact> Visitor<'de> for RecordsSeed<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.out.reserve(seq.size_hint().unwrap_or(CHUNK_SIZE));
        while let Some(record) = seq.next_element_seed(RecordSeed::<T>(self.v, PhantomData))? {
            self.out.push(record);
        }
        Ok(())
    }
}

/// Appends the records of one chunk to the lists, in one pass over its text.
struct ChunkSeed<'a> {
    records: &'a mut Records,
    settings: &'a mut Vec<Settings>,
}

/// What reading a chunk found.
enum ChunkRead {
    Read,
    Newer(u32),
}

impl<'de> DeserializeSeed<'de> for ChunkSeed<'_> {
    type Value = ChunkRead;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ChunkRead, D::Error> {
        d.deserialize_seq(self)
    }
}

/// Reads a chunk's record list of kind `T`, if its version has that kind.
fn read_list<'de, T: Compact, A: SeqAccess<'de>>(
    seq: &mut A,
    v: u32,
    out: &mut Vec<T>,
) -> Result<Option<()>, A::Error> {
    if v < T::SINCE {
        return Err(de::Error::custom(format!("format {v} has no record kind {:?}", T::KIND)));
    }
    seq.next_element_seed(RecordsSeed { out, v })
}

impl<'de> Visitor<'de> for ChunkSeed<'_> {
    type Value = ChunkRead;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a chunk: [version, kind, records]")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ChunkRead, A::Error> {
        let missing = |n| de::Error::invalid_length(n, &"3 elements");
        let v: u32 = seq.next_element()?.ok_or_else(|| missing(0))?;
        if v > RECORD_FORMAT {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(ChunkRead::Newer(v));
        }
        if v == 3 {
            return Err(de::Error::custom("format 3 chunks are bytes, not JSON text"));
        }
        let kind: std::borrow::Cow<'de, str> = seq.next_element()?.ok_or_else(|| missing(1))?;
        let r = &mut *self.records;
        let read = match &*kind {
            Contact::KIND => read_list(&mut seq, v, &mut r.contacts),
            Company::KIND => read_list(&mut seq, v, &mut r.companies),
            Deal::KIND => read_list(&mut seq, v, &mut r.deals),
            Activity::KIND => read_list(&mut seq, v, &mut r.activities),
            Task::KIND => read_list(&mut seq, v, &mut r.tasks),
            Settings::KIND => read_list(&mut seq, v, self.settings),
            other => return Err(de::Error::custom(format!("unknown record kind {other:?}"))),
        }?;
        read.ok_or_else(|| missing(2))?;
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(4, &"3 elements"));
        }
        Ok(ChunkRead::Read)
    }
}

#[derive(Serialize)]
struct EntryOut<'a> {
    v: u32,
    at: DateTime<Utc>,
    changes: &'a [Change],
}

#[derive(Deserialize)]
struct EntryIn {
    v: u32,
    changes: Vec<Change>,
}

/// Stored data that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotError {
    /// A chunk or entry is not in a format this version knows.
    Unreadable {
        what: String,
        detail: String,
    },
    /// Written by a newer version of the app.
    Newer {
        what: String,
        version: u32,
    },
    Duplicate(DuplicateId),
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SnapshotError::Unreadable { what, detail } => write!(f, "The stored {what} cannot be read: {detail}"),
            SnapshotError::Newer { what, version } => {
                write!(
                    f,
                    "The stored {what} was written by a newer version of the app (format {version}); reload to get it"
                )
            }
            SnapshotError::Duplicate(d) => write!(f, "Two stored {}s share the id {}", d.kind, d.id),
        }
    }
}

/// Chunk keys sort in load order: companies, contacts, deals, activities,
/// tasks, settings.
/// The key range `[start, end)` holding every activity chunk, so storage can
/// read the activities separately from the rest (see [`Stage`]).
pub fn activity_chunk_range() -> (String, String) {
    (format!("{}-", Activity::ORDER), format!("{}-", Activity::ORDER + 1))
}

fn chunk_key<T: Compact>(n: usize) -> String {
    format!("{}-{}-{n:05}", T::ORDER, T::KIND)
}

fn encode_kind<T: Compact>(records: &[T], out: &mut Vec<(String, String)>) {
    for (n, records) in records.chunks(CHUNK_SIZE).enumerate() {
        let mut json = Vec::with_capacity(records.len() * 256);
        (RECORD_FORMAT, T::KIND, Rows(records, Out))
            .serialize(&mut serde_json::Serializer::new(&mut json))
            .expect("records always serialise");
        let json = String::from_utf8(json).expect("serde_json writes UTF-8");
        out.push((chunk_key::<T>(n), json));
    }
}

/// The dataset as (key, JSON) chunks of format 2, as versions before
/// IndexedDB schema 5 wrote them: tests lay out older databases with it.
pub fn encode_text_chunks(data: &Dataset) -> Vec<(String, String)> {
    let records = data.contacts().len() + data.deals().len() + data.activities().len() + data.tasks().len();
    let mut out = Vec::with_capacity(records / CHUNK_SIZE + 6);
    encode_kind(data.companies(), &mut out);
    encode_kind(data.contacts(), &mut out);
    encode_kind(data.deals().all(), &mut out);
    encode_kind(data.activities().all(), &mut out);
    encode_kind(data.tasks().all(), &mut out);
    encode_kind(std::slice::from_ref(data.settings()), &mut out);
    out
}

/// The chunks of a dataset (format 4, bytes), encoded one at a time as they
/// are taken, so only one chunk's bytes exist at a time; the settings are
/// always written. See [`chunks`].
pub struct Chunks<'a> {
    data: &'a Dataset,
    /// Which kind is next (in load order), and which chunk of it.
    kind: u8,
    n: usize,
}

/// Chunk `n` of a kind's records (encoded, with its key), or `None` past the
/// last; `bytes_per_record` is about what a record takes, to size the buffer.
fn encode_nth<T: binary::Binary>(records: &[T], n: usize, bytes_per_record: usize) -> Option<(String, Vec<u8>)> {
    let part = records.chunks(CHUNK_SIZE).nth(n)?;
    Some((chunk_key::<T>(n), binary::encode(part, part.len() * bytes_per_record)))
}

impl Iterator for Chunks<'_> {
    type Item = (String, Vec<u8>);

    fn next(&mut self) -> Option<(String, Vec<u8>)> {
        let d = self.data;
        loop {
            let next = match self.kind {
                0 => encode_nth(d.companies(), self.n, 256),
                1 => encode_nth(d.contacts(), self.n, 384),
                2 => encode_nth(d.deals().all(), self.n, 256),
                3 => encode_nth(d.activities().all(), self.n, 160),
                4 => encode_nth(d.tasks().all(), self.n, 160),
                5 => encode_nth(std::slice::from_ref(d.settings()), self.n, 1024),
                _ => return None,
            };
            match next {
                Some(chunk) => {
                    self.n += 1;
                    return Some(chunk);
                }
                None => {
                    self.kind += 1;
                    self.n = 0;
                }
            }
        }
    }
}

impl Chunks<'_> {
    /// How many chunks the dataset takes in all.
    pub fn count(data: &Dataset) -> usize {
        let n = |len: usize| len.div_ceil(CHUNK_SIZE);
        n(data.companies().len())
            + n(data.contacts().len())
            + n(data.deals().len())
            + n(data.activities().len())
            + n(data.tasks().len())
            + 1
    }
}

/// The dataset's chunks, encoded as they are taken (see [`Chunks`]).
pub fn chunks(data: &Dataset) -> Chunks<'_> {
    Chunks { data, kind: 0, n: 0 }
}

/// The dataset as (key, bytes) chunks of format 4.
pub fn encode_chunks(data: &Dataset) -> Vec<(String, Vec<u8>)> {
    chunks(data).collect()
}

/// One journal entry: the changes of one user action.
pub fn encode_entry(changes: &[Change], at: DateTime<Utc>) -> String {
    serde_json::to_string(&EntryOut { v: RECORD_FORMAT, at, changes }).expect("changes always serialise")
}

pub fn decode_entry(json: &str) -> Result<Vec<Change>, SnapshotError> {
    let e: EntryIn = serde_json::from_str(json)
        .map_err(|e| SnapshotError::Unreadable { what: "journal entry".into(), detail: e.to_string() })?;
    if e.v > RECORD_FORMAT {
        return Err(SnapshotError::Newer { what: "journal entry".into(), version: e.v });
    }
    Ok(e.changes)
}

/// A stored chunk as read back: JSON text (formats 1, 2 and 4) or bytes (formats 3 and 4).
#[derive(Clone, Copy, Debug)]
pub enum StoredChunk<'a> {
    Text(&'a str),
    Bytes(&'a [u8]),
}

impl StoredChunk<'_> {
    /// Whether the chunk holds activities, read from its first bytes only
    /// (`[2,"activity",[…` as text, the kind byte as bytes).
    fn is_activities(self) -> bool {
        match self {
            StoredChunk::Text(text) => text.get(..24).unwrap_or(text).contains("\"activity\""),
            StoredChunk::Bytes(bytes) => binary::kind_of(bytes) == Some(Activity::ORDER),
        }
    }
}

/// Anything that holds a stored chunk: text for formats 1 and 2, bytes for 3.
pub trait ChunkData {
    fn chunk(&self) -> StoredChunk<'_>;
}

impl ChunkData for str {
    fn chunk(&self) -> StoredChunk<'_> {
        StoredChunk::Text(self)
    }
}

impl ChunkData for String {
    fn chunk(&self) -> StoredChunk<'_> {
        StoredChunk::Text(self)
    }
}

impl ChunkData for [u8] {
    fn chunk(&self) -> StoredChunk<'_> {
        StoredChunk::Bytes(self)
    }
}

impl ChunkData for Vec<u8> {
    fn chunk(&self) -> StoredChunk<'_> {
        StoredChunk::Bytes(self)
    }
}

impl<T: ChunkData + ?Sized> ChunkData for &T {
    fn chunk(&self) -> StoredChunk<'_> {
        (**self).chunk()
    }
}

impl<A: ChunkData, B: ChunkData> ChunkData for (A, B) {
    /// A (key, chunk) pair, as [`encode_chunks`] gives them.
    fn chunk(&self) -> StoredChunk<'_> {
        self.1.chunk()
    }
}

impl ChunkData for StoredChunk<'_> {
    fn chunk(&self) -> StoredChunk<'_> {
        *self
    }
}

/// Reads chunks one at a time (any order, any format), so that storage can
/// hand over each chunk as it copies it out of IndexedDB and drop it right
/// after: the chunks of a whole dataset never need to be in memory at once.
#[derive(Default)]
pub struct ChunkReader {
    records: Records,
    settings: Vec<Settings>,
    /// Records the byte chunks' headers announce that no list has room for
    /// yet, by kind order (company, contact, deal, activity, task).
    expected: [usize; 5],
    /// Records read so far, for progress.
    pub read: usize,
}

impl ChunkReader {
    /// Counts the records of a byte chunk whose first bytes (at least 16, or
    /// all of it) are `head`, before any chunk is read: the first `read`
    /// then sizes each list once, exactly, instead of letting it double its
    /// way there (the wasm memory a load leaves behind is its peak). A header
    /// counts for at most a chunk's size ([`CHUNK_SIZE`]), so a damaged one
    /// cannot ask for a huge list. Text chunks and anything unreadable are
    /// ignored here (`read` judges them).
    pub fn expect(&mut self, head: &[u8]) {
        let Some((kind, n)) = binary::header(head) else { return };
        if let Some(count) = self.expected.get_mut(usize::from(kind)) {
            *count += n.min(CHUNK_SIZE);
        }
    }

    /// Makes the room [`ChunkReader::expect`] counted, once.
    fn make_room(&mut self) {
        let [companies, contacts, deals, activities, tasks] = std::mem::take(&mut self.expected);
        let r = &mut self.records;
        r.companies.reserve_exact(companies);
        r.contacts.reserve_exact(contacts);
        r.deals.reserve_exact(deals);
        r.activities.reserve_exact(activities);
        r.tasks.reserve_exact(tasks);
    }

    /// Reads one chunk.
    pub fn read(&mut self, chunk: StoredChunk<'_>) -> Result<(), SnapshotError> {
        self.make_room();
        let before = self.len();
        match chunk {
            StoredChunk::Text(text) => self.read_text(text)?,
            StoredChunk::Bytes(bytes) => {
                binary::decode(bytes, &mut self.records, &mut self.settings).map_err(|e| match e {
                    binary::ReadError::Newer(version) => SnapshotError::Newer { what: "chunk".into(), version },
                    binary::ReadError::Unreadable(detail) => SnapshotError::Unreadable { what: "chunk".into(), detail },
                })?
            }
        }
        self.read += self.len() - before;
        Ok(())
    }

    fn len(&self) -> usize {
        let r = &self.records;
        r.companies.len() + r.contacts.len() + r.deals.len() + r.activities.len() + r.tasks.len()
    }

    fn read_text(&mut self, text: &str) -> Result<(), SnapshotError> {
        let unreadable =
            |e: serde_json::Error| SnapshotError::Unreadable { what: "chunk".into(), detail: e.to_string() };
        if text.trim_start().starts_with('{') {
            return read_named_chunk(text, &mut self.records).map_err(unreadable);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        let read = ChunkSeed { records: &mut self.records, settings: &mut self.settings }
            .deserialize(&mut de)
            .map_err(unreadable)?;
        de.end().map_err(unreadable)?;
        if let ChunkRead::Newer(version) = read {
            return Err(SnapshotError::Newer { what: "chunk".into(), version });
        }
        Ok(())
    }

    /// The records read (settings: the last settings chunk, if any).
    pub fn into_records(mut self) -> Records {
        // Data written before format 2 has none: the initial settings apply.
        self.records.settings = self.settings.pop();
        self.records
    }

    /// The dataset of the records read, with the journal entries (in
    /// order) applied; only the changes `keep` accepts are applied.
    fn into_dataset<J>(self, journal: J, keep: impl Fn(&Change) -> bool) -> Result<Dataset, SnapshotError>
    where
        J: IntoIterator,
        J::Item: AsRef<str>,
    {
        let mut data = Dataset::from_parts(self.into_records()).map_err(SnapshotError::Duplicate)?;
        for entry in journal {
            for change in decode_entry(entry.as_ref())?.iter().filter(|c| keep(c)) {
                data.apply(change);
            }
        }
        Ok(data)
    }

    /// [`ChunkReader::into_dataset`] for the chunks of one [`Stage`]: only
    /// the journal changes of that stage are applied.
    pub fn into_stage<J>(self, journal: J, stage: Stage) -> Result<Dataset, SnapshotError>
    where
        J: IntoIterator,
        J::Item: AsRef<str>,
    {
        self.into_dataset(journal, |c| is_activity_change(c) == stage.wants_activities())
    }

    /// The whole dataset of the chunks read, with every journal entry applied.
    pub fn into_whole<J>(self, journal: J) -> Result<Dataset, SnapshotError>
    where
        J: IntoIterator,
        J::Item: AsRef<str>,
    {
        self.into_dataset(journal, |_| true)
    }
}

/// Rebuilds the dataset from its chunks (any order, any format) and journal
/// entries (in order).
pub fn decode_dataset<C, J>(chunks: C, journal: J) -> Result<Dataset, SnapshotError>
where
    C: IntoIterator,
    C::Item: ChunkData,
    C::IntoIter: Clone,
    J: IntoIterator,
    J::Item: AsRef<str>,
{
    let chunks = chunks.into_iter();
    let mut reader = ChunkReader::default();
    for chunk in chunks.clone() {
        if let StoredChunk::Bytes(bytes) = chunk.chunk() {
            reader.expect(bytes);
        }
    }
    for chunk in chunks {
        reader.read(chunk.chunk())?;
    }
    reader.into_whole(journal)
}

/// Which records a staged load decodes: the app shows contacts as soon as
/// everything but the activities (the bulk: five per contact) is decoded,
/// and decodes the activities right after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    AllButActivities,
    ActivitiesOnly,
}

impl Stage {
    fn wants_activities(self) -> bool {
        self == Stage::ActivitiesOnly
    }

    /// Whether a chunk belongs to this stage.
    pub fn wants(self, chunk: StoredChunk<'_>) -> bool {
        chunk.is_activities() == self.wants_activities()
    }
}

fn is_activity_change(change: &Change) -> bool {
    matches!(change, Change::PutActivity { .. } | Change::DeleteActivity { .. })
}

/// [`decode_dataset`] for one [`Stage`]: the chunks and journal changes of
/// that stage only. Applying the journal per stage gives the same records as
/// applying it whole, since a change only touches records of its own kind.
/// [`Dataset::install_activities`] joins the two stages.
pub fn decode_stage<C, J>(chunks: C, journal: J, stage: Stage) -> Result<Dataset, SnapshotError>
where
    C: IntoIterator,
    C::Item: ChunkData,
    J: IntoIterator,
    J::Item: AsRef<str>,
{
    let mut reader = ChunkReader::default();
    for chunk in chunks {
        let chunk = chunk.chunk();
        if stage.wants(chunk) {
            reader.read(chunk)?;
        }
    }
    reader.into_stage(journal, stage)
}

/// The records of the chunks (any order, any format), not yet indexed into
/// a [`Dataset`]: the parsing half of [`decode_dataset`].
pub fn decode_records<C>(chunks: C) -> Result<Records, SnapshotError>
where
    C: IntoIterator,
    C::Item: ChunkData,
{
    let mut reader = ChunkReader::default();
    for chunk in chunks {
        reader.read(chunk.chunk())?;
    }
    Ok(reader.into_records())
}

/// The first chunk layout, written before the positional one (by the app's
/// first release, which had IndexedDB schemas 1 and 2): an object
/// `{"v":1,"kind":"contact"|"company","records":[…]}` whose records have
/// their named (backup) form. The positional layout that replaced it kept
/// `v` = 1, so the shape tells them apart. Only contacts and companies were
/// ever written this way; the fields added since read as empty.
#[derive(Deserialize)]
struct NamedChunk<'a> {
    v: u32,
    kind: std::borrow::Cow<'a, str>,
    #[serde(borrow)]
    records: Vec<&'a serde_json::value::RawValue>,
}

fn read_named_chunk(text: &str, records: &mut Records) -> Result<(), serde_json::Error> {
    let chunk: NamedChunk = serde_json::from_str(text)?;
    if chunk.v != 1 {
        return Err(de::Error::custom(format!("a chunk with named records has format {}, not 1", chunk.v)));
    }
    match &*chunk.kind {
        Contact::KIND => {
            for r in chunk.records {
                records.contacts.push(serde_json::from_str(r.get())?);
            }
        }
        Company::KIND => {
            for r in chunk.records {
                records.companies.push(serde_json::from_str(r.get())?);
            }
        }
        other => return Err(de::Error::custom(format!("format 1 has no record kind {other:?}"))),
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{PipelineStage, TagColour};
    use chrono::TimeZone;

    fn person(n: usize) -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Contact::blank(format!("id-{n:06}"), t);
        c.given_name = format!("Person {n}");
        c
    }

    fn no_journal() -> Vec<String> {
        Vec::new()
    }

    #[test]
    fn the_first_named_chunk_layout_still_reads() {
        // As the first release wrote them (`{"v":1,"kind":…,"records":[…]}`,
        // records in their backup form, no schema-3 fields).
        let company = r#"{"v":1,"kind":"company","records":[{"id":"co-1","name":"Acme Ltd","domain":"acme.example","lifecycle_stage":"retention","created":"2026-01-02T03:04:05Z","updated":"2026-01-02T03:04:05Z"}]}"#;
        let contact = r#"{"v":1,"kind":"contact","records":[{"id":"c-1","given_name":"Ada","family_name":"Lovelace","emails":[{"kind":"work","address":"ada@acme.example"}],"company_id":"co-1","lifecycle_stage":"acquisition","tags":["vip"],"created":"2026-01-02T03:04:05Z","updated":"2026-02-03T04:05:06Z"}]}"#;
        let journal = [encode_entry(&[Change::DeleteContact { id: "gone".into() }], DateTime::UNIX_EPOCH)];
        let data = decode_dataset([contact, company], journal).unwrap();
        let ada = data.contact("c-1").unwrap();
        assert_eq!((ada.given_name.as_str(), ada.family_name.as_str()), ("Ada", "Lovelace"));
        assert_eq!(ada.emails[0].address, "ada@acme.example");
        assert_eq!((ada.company_id.as_deref(), ada.lifecycle_stage), (Some("co-1"), LifecycleStage::Acquisition));
        assert_eq!(
            (ada.tags.as_slice(), ada.updated),
            (&["vip".to_string()][..], Utc.with_ymd_and_hms(2026, 2, 3, 4, 5, 6).unwrap())
        );
        assert!(ada.stage_history.is_empty() && ada.owner.is_empty());
        assert_eq!(data.company("co-1").unwrap().domain, "acme.example");
        assert_eq!(data.settings(), &Settings::initial(DateTime::UNIX_EPOCH));
        // Another version in that layout, or another kind, is refused.
        let v2 = contact.replace(r#""v":1"#, r#""v":2"#);
        assert!(matches!(decode_dataset([v2.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let deal = r#"{"v":1,"kind":"deal","records":[]}"#;
        assert!(matches!(decode_dataset([deal], no_journal()), Err(SnapshotError::Unreadable { .. })));
    }

    #[test]
    fn chunks_hold_at_most_chunk_size_records_and_round_trip() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut co = Company::blank("co".into(), t);
        co.name = "Acme".into();
        let people: Vec<Contact> = (0..2500).map(person).collect();
        let activities: Vec<Activity> =
            (0..1001).map(|n| Activity::blank(format!("a{n}"), ActivityKind::Note, t)).collect();
        let data = Dataset::from_parts(Records {
            companies: vec![co],
            contacts: people,
            activities,
            tasks: vec![Task::blank("t".into(), t)],
            ..Records::default()
        })
        .unwrap();
        let chunks = encode_chunks(&data);
        let keys: Vec<&str> = chunks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "0-company-00000",
                "1-contact-00000",
                "1-contact-00001",
                "1-contact-00002",
                "3-activity-00000",
                "3-activity-00001",
                "4-task-00000",
                "5-settings-00000"
            ]
        );
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(sorted, keys);
        let back = decode_dataset(chunks.iter().rev().map(|(_, j)| j), no_journal()).unwrap();
        assert_eq!(back.contacts().len(), 2500);
        assert_eq!(back.contact("id-002499"), data.contact("id-002499"));
        assert_eq!(back.company("co").unwrap().name, "Acme");
        assert_eq!(back.activities().len(), 1001);
        assert_eq!(back.tasks().get("t"), data.tasks().get("t"));
    }

    #[test]
    fn journal_entries_apply_in_order() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_records(vec![], vec![person(1), person(2)]).unwrap();
        let chunks: Vec<Vec<u8>> = encode_chunks(&data).into_iter().map(|(_, j)| j).collect();
        let mut renamed = person(1);
        renamed.given_name = "Renamed".into();
        let mut task = Task::blank("t1".into(), t);
        task.title = "Call back".into();
        let journal = [
            encode_entry(&[Change::PutContact { record: person(3) }], t),
            encode_entry(
                &[Change::DeleteContact { id: "id-000002".into() }, Change::PutContact { record: renamed }],
                t,
            ),
            encode_entry(&[Change::PutTask { record: task.clone() }], t),
        ];
        assert!(journal[2].starts_with(r#"{"v":4,"#));
        let back = decode_dataset(&chunks, &journal).unwrap();
        assert_eq!(back.contacts().len(), 2);
        assert_eq!(back.contact("id-000001").unwrap().given_name, "Renamed");
        assert!(back.contact("id-000002").is_none());
        assert!(back.contact("id-000003").is_some());
        assert_eq!(back.tasks().get("t1"), Some(&task));
    }

    #[test]
    fn a_version_1_journal_entry_still_reads() {
        let entry = r#"{"v":1,"at":"2026-01-01T00:00:00Z","changes":[{"op":"put_contact","record":{"id":"c1","given_name":"Zoë","lifecycle_stage":"acquisition","created":"2026-01-01T00:00:00Z","updated":"2026-01-02T00:00:00Z"}},{"op":"delete_company","id":"co"}]}"#;
        let changes = decode_entry(entry).unwrap();
        let Change::PutContact { record } = &changes[0] else { panic!("{changes:?}") };
        assert_eq!(record.given_name, "Zoë");
        assert_eq!(record.lifecycle_stage, LifecycleStage::Acquisition);
        assert_eq!(record.lead_status, None);
        assert!(record.stage_history.is_empty());
        assert_eq!(changes[1], Change::DeleteCompany { id: "co".into() });
    }

    /// Exactly what version 1 of the app wrote (and what browsers hold).
    const V1_COMPANY: &str = r#"[1,"company",[["co","Ærø AS","aero.no","Shipping",5,[1,"","Ærøskøbing","","",""],6,["a","b"],"line\nbreak",1767225600007,1767225600000],["co2","Bare","","",null,null,0,[],"",0,0]]]"#;
    const V1_CONTACT: &str = r#"[1,"contact",[["c1","Zoë","Ødegaard",[[2,"zoe@aero.no"]],[[2,"+47 1"],[3,"2"]],[[2,"1 Way","Oslo","R","0150","NO"]],"Captain","co",4,["vip"],719163,"Referral","Likes tea","1969-07-20T20:17:40.000123456Z",1767225600000]]]"#;

    #[test]
    fn version_1_chunks_still_read() {
        let data = decode_dataset([V1_CONTACT, V1_COMPANY], no_journal()).unwrap();
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let co = data.company("co").unwrap();
        assert_eq!(co.name, "Ærø AS");
        assert_eq!(co.size, Some(CompanySize::Enterprise));
        assert_eq!(
            co.address,
            Some(Address { kind: AddressKind::Home, city: "Ærøskøbing".into(), ..Address::default() })
        );
        assert_eq!(co.lifecycle_stage, LifecycleStage::Disqualified);
        assert_eq!(co.notes, "line\nbreak");
        assert_eq!(co.created, t + chrono::Duration::milliseconds(7));
        assert_eq!(co.updated, t);
        assert!(co.stage_history.is_empty() && co.owner.is_empty());
        let bare = data.company("co2").unwrap();
        assert_eq!((bare.size, bare.address.as_ref(), bare.created), (None, None, DateTime::UNIX_EPOCH));
        let c = data.contact("c1").unwrap();
        assert_eq!(c.emails, [Email { kind: EmailKind::Other, address: "zoe@aero.no".into() }]);
        assert_eq!(c.phones[1], Phone { kind: PhoneKind::Other, number: "2".into() });
        assert_eq!(c.addresses[0].postal_code, "0150");
        assert_eq!(c.company_id.as_deref(), Some("co"));
        assert_eq!(c.lifecycle_stage, LifecycleStage::Loyalty);
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1970, 1, 1).map(Into::into));
        assert_eq!(
            c.created,
            Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap() + chrono::Duration::nanoseconds(123_456)
        );
        assert_eq!((c.lead_status, c.cadence_days, c.owner.as_str()), (None, None, ""));
        assert_eq!(data.settings(), &Settings::default());
        // A version-1 row with version-2 fields, or a version-2 row without them, is refused.
        let long = V1_CONTACT.replace(r#",1767225600000]]]"#, r#",1767225600000,null,[],[],null,""]]]"#);
        assert!(matches!(decode_dataset([long.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let short = V1_CONTACT.replacen("[1,", "[2,", 1);
        assert!(matches!(decode_dataset([short.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
    }

    /// Every field as format 2 had them (what `tests/fixtures/format2-chunks.json` holds).
    fn every_field_v2() -> Records {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let ms = |n| t + chrono::Duration::milliseconds(n);
        let mut co = Company::blank("co".into(), ms(7));
        co.name = "Ærø \"Quote\" AS".into();
        co.domain = "aero.no".into();
        co.industry = "Shipping".into();
        co.size = Some(CompanySize::Enterprise);
        co.address = Some(Address { kind: AddressKind::Home, city: "Ærøskøbing".into(), ..Address::default() });
        co.lifecycle_stage = LifecycleStage::Disqualified;
        co.tags = vec!["a".into(), "b".into()];
        co.notes = "line\nbreak".into();
        co.stage_history = vec![
            StageChange { from: None, to: LifecycleStage::Reach, at: ms(7) },
            StageChange { from: Some(LifecycleStage::Reach), to: LifecycleStage::Disqualified, at: ms(9) },
        ];
        co.owner = "Åsa Öberg".into();
        let mut c = person(1);
        c.family_name = "Ødegaard".into();
        c.emails = vec![Email { kind: EmailKind::Other, address: "zoe@aero.no".into() }];
        c.phones = vec![
            Phone { kind: PhoneKind::Home, number: "+47 1".into() },
            Phone { kind: PhoneKind::Other, number: "2".into() },
        ];
        c.addresses = vec![Address {
            kind: AddressKind::Other,
            street: "1 Way".into(),
            street2: String::new(),
            city: "Oslo".into(),
            region: "R".into(),
            postal_code: "0150".into(),
            country: "NO".into(),
        }];
        c.job_title = "Captain".into();
        c.company_id = Some("co".into());
        c.lifecycle_stage = LifecycleStage::Acquisition;
        c.tags = vec!["vip".into()];
        c.birthday = NaiveDate::from_ymd_opt(1970, 2, 28).map(Into::into);
        c.source = "Referral".into();
        c.notes = "Likes tea 🍵".into();
        // Finer than a millisecond, and before 1970: kept exactly.
        c.created = Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap() + chrono::Duration::nanoseconds(123_456);
        c.updated = t;
        c.lead_status = Some(LeadStatus::Unqualified);
        c.stage_history = vec![
            StageChange { from: None, to: LifecycleStage::Reach, at: c.created },
            StageChange { from: Some(LifecycleStage::Reach), to: LifecycleStage::Acquisition, at: t },
        ];
        c.important_dates = vec![
            ImportantDate {
                label: "Hochzeitstag 💍".into(),
                date: NaiveDate::from_ymd_opt(2001, 6, 30).unwrap().into(),
            },
            ImportantDate { label: "入社".into(), date: NaiveDate::from_ymd_opt(1899, 12, 31).unwrap().into() },
        ];
        c.cadence_days = Some(30);
        c.owner = "José".into();
        let mut dangling = person(2);
        dangling.company_id = Some("gone".into());
        let mut settings = Settings::initial(ms(3));
        settings.pipeline.push(PipelineStage { id: "ünï".into(), name: "Vertrag 📝".into(), probability: 95 });
        settings.tags = vec![TagColour { name: "vip".into(), colour: "purple".into() }];
        settings.won_stage = LifecycleStage::Retention;
        settings.currency = "GBP".into();
        settings.default_country = "GB".into();
        let mut deal = Deal::blank("d1".into(), &settings.pipeline[5], "GBP", ms(1));
        deal.title = "Dachsanierung \"Süd\"".into();
        deal.company_id = Some("co".into());
        deal.contact_ids = vec!["id-000001".into(), "gone".into()];
        deal.amount_cents = 12_345_678_901;
        deal.expected_close = NaiveDate::from_ymd_opt(2026, 2, 28);
        deal.owner = "Åsa Öberg".into();
        deal.status = DealStatus::Lost;
        deal.lost_reason = "Price".into();
        deal.tags = vec!["big".into()];
        deal.notes = "two\nlines".into();
        deal.updated = ms(2);
        deal.closed = Some(ms(2) + chrono::Duration::nanoseconds(1));
        let open_deal = Deal::blank("d2".into(), &settings.pipeline[0], "", t);
        let mut call = Activity::blank("a1".into(), ActivityKind::Meeting, t);
        call.at = ms(-86_400_000);
        call.duration_min = Some(45);
        call.outcome = "No-show".into();
        call.subject = "Kick-off 🚀".into();
        call.body = "Agenda:\n- ü\n- \"x\"".into();
        call.contact_ids = vec!["id-000001".into(), "id-000002".into()];
        call.company_id = Some("co".into());
        call.deal_id = Some("d1".into());
        call.owner = "José".into();
        call.updated = ms(5);
        let note = Activity::blank("a2".into(), ActivityKind::Note, t);
        let mut task = Task::blank("t1".into(), t);
        task.title = "Angebot schicken".into();
        task.due = NaiveDate::from_ymd_opt(2026, 1, 9);
        task.priority = Priority::High;
        task.done_at = Some(ms(99));
        task.contact_id = Some("id-000001".into());
        task.company_id = Some("co".into());
        task.deal_id = Some("d1".into());
        task.owner = "Åsa".into();
        task.notes = "ñ".into();
        task.updated = ms(100);
        let bare_task = Task::blank("t2".into(), t);
        let mut bare = Company::blank("co2".into(), t);
        bare.name = "B".into();
        Records {
            companies: vec![co, bare],
            contacts: vec![c, dangling],
            deals: vec![deal, open_deal],
            activities: vec![call, note],
            tasks: vec![task, bare_task],
            settings: Some(settings),
        }
    }

    /// Every field, with those format 4 added: a contact's nickname, name
    /// prefix and suffix, department, a second street line, a birthday and a
    /// date without a year, and a country no table knows.
    fn every_field() -> Records {
        let mut r = every_field_v2();
        let c = &mut r.contacts[0];
        c.nickname = "Zo".into();
        c.name_prefix = "Dr.".into();
        c.name_suffix = "PhD".into();
        c.department = "Bro \"Nord\"".into();
        c.addresses[0].street2 = "3. etasje".into();
        c.addresses.push(Address { country: "Narnia".into(), ..Address::default() });
        c.important_dates
            .push(ImportantDate { label: "Navnedag".into(), date: YearlyDate::without_year(2, 29).unwrap() });
        r.contacts[1].birthday = YearlyDate::without_year(3, 7);
        r.companies[0].address.as_mut().unwrap().street2 = "Bygg B".into();
        r
    }

    fn sorted(mut parts: Records) -> Records {
        parts.companies.sort_by(|a, b| a.id.cmp(&b.id));
        parts.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        parts.deals.sort_by(|a, b| a.id.cmp(&b.id));
        parts.activities.sort_by(|a, b| a.id.cmp(&b.id));
        parts.tasks.sort_by(|a, b| a.id.cmp(&b.id));
        parts
    }

    /// Format-2 chunks exactly as the previous version's encoder wrote them
    /// (commit b9ebba5, from [`every_field_v2`]).
    const FORMAT_2_CHUNKS: &str = include_str!("../../tests/fixtures/format2-chunks.json");

    #[test]
    fn format_2_chunks_still_read() {
        let chunks: Vec<(String, String)> = serde_json::from_str(FORMAT_2_CHUNKS).unwrap();
        assert!(chunks.iter().all(|(_, c)| c.starts_with("[2,")));
        let data = decode_dataset(chunks.iter().map(|(_, j)| j), no_journal()).unwrap();
        assert_eq!(sorted(data.to_parts()), sorted(every_field_v2()));
        // A format-2 row with a format-4 date or address is refused.
        let contact = &chunks[1].1;
        let yearless = contact.replace("719221", r#""--03-07""#);
        assert!(matches!(decode_dataset([yearless.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let street2 = contact.replace(r#""0150","NO"]"#, r#""0150","NO",""]"#);
        assert!(matches!(decode_dataset([street2.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        // The same row as format 4 lacks its appended fields: refused too;
        // and text never was format 3.
        let short = contact.replacen("[2,", "[4,", 1);
        assert!(matches!(decode_dataset([short.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let short = contact.replacen("[2,", "[3,", 1);
        assert!(matches!(decode_dataset([short.as_str()], no_journal()), Err(SnapshotError::Unreadable { .. })));
    }

    /// Format-3 byte chunks exactly as the previous version's encoder wrote
    /// them (main at 014ad20, from [`every_field_v2`]), as hex.
    const FORMAT_3_CHUNKS: &str = include_str!("../../tests/fixtures/format3-chunks.json");

    fn unhex(hex: &str) -> Vec<u8> {
        (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn format_3_byte_chunks_still_read_and_are_rewritten_as_format_4() {
        let chunks: Vec<(String, Vec<u8>)> = serde_json::from_str::<Vec<(String, String)>>(FORMAT_3_CHUNKS)
            .unwrap()
            .into_iter()
            .map(|(k, h)| (k, unhex(&h)))
            .collect();
        assert!(chunks.iter().all(|(_, b)| b.starts_with(b"CRMc\x03")));
        let data = decode_dataset(&chunks, no_journal()).unwrap();
        assert_eq!(sorted(data.to_parts()), sorted(every_field_v2()));
        // The next snapshot writes format 4, which reads back the same.
        let again = encode_chunks(&data);
        assert!(again.iter().all(|(_, b)| b.starts_with(b"CRMc\x04")));
        assert_eq!(sorted(decode_dataset(&again, no_journal()).unwrap().to_parts()), sorted(every_field_v2()));
        // A format-3 contact row read as format 4 lacks its appended fields.
        let mut relabelled = chunks[1].1.clone();
        relabelled[4] = 4;
        assert!(matches!(decode_dataset([relabelled.as_slice()], no_journal()), Err(SnapshotError::Unreadable { .. })));
        // A format-4 chunk is refused by the format-3 reader's rule for newer formats.
        let mut newer = again[1].1.clone();
        newer[4] = 5;
        assert!(matches!(
            decode_dataset([newer.as_slice()], no_journal()),
            Err(SnapshotError::Newer { version: 5, .. })
        ));
    }

    #[test]
    fn compact_records_round_trip_every_field() {
        let records = every_field();
        let data = Dataset::from_parts(records.clone()).unwrap();
        let chunks = encode_text_chunks(&data);
        assert!(chunks[0].1.contains(r#"[1,"","Ærøskøbing","","","","Bygg B"]"#), "{}", chunks[0].1);
        assert!(chunks[1].1.starts_with(r#"[4,"contact",[["id-000001","Person 1","Ødegaard",[[2,"zoe@aero.no"]],[[2,"+47 1"],[3,"2"]],[[2,"1 Way","Oslo","R","0150","NO","3. etasje"],[0,"","","","","Narnia",""]]"#), "{}", chunks[1].1);
        assert!(chunks[1].1.contains(
            r#""Likes tea 🍵","1969-07-20T20:17:40.000123456Z",1767323045000,3,[[null,0,"1969-07-20T20:17:40.000123456Z"],[0,1,1767323045000]],[["Hochzeitstag 💍",730666],["入社",693595],["Navnedag","--02-29"]],30,"José","Zo","Dr.","PhD","Bro \"Nord\""]"#
        ), "{}", chunks[1].1);
        assert!(chunks[1].1.contains(r#""gone",0,[],"--03-07","","","#), "{}", chunks[1].1);
        assert!(chunks[2].1.starts_with(r#"[4,"deal",[["d1","Dachsanierung \"Süd\"","co",["id-000001","gone"],12345678901,"GBP","ünï",95,739675,"Åsa Öberg",2,"Price",["big"],"two\nlines",1767323045001,1767323045002,"2026-01-02T03:04:05.002000001Z"]"#));
        assert!(chunks[3]
            .1
            .contains(r#"["a2",3,1767323045000,null,"","","",[],null,null,"",1767323045000,1767323045000]"#));
        assert!(chunks[4].1.contains(r#"["t2","",null,1,null,null,null,null,"","",1767323045000,1767323045000]"#));
        assert!(chunks[5].1.starts_with(r#"[4,"settings",[{"pipeline":[{"id":"qualified""#));
        let back = decode_dataset(chunks.iter().map(|(_, j)| j), no_journal()).unwrap();
        assert_eq!(sorted(back.to_parts()), sorted(records));
    }

    #[test]
    fn refuses_newer_and_unreadable_data() {
        let newer = r#"[5,"contact",{"a":"layout","this":"version does not know"}]"#;
        assert!(matches!(decode_dataset([newer], no_journal()), Err(SnapshotError::Newer { version: 5, .. })));
        assert!(matches!(decode_dataset(["{"], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let bad_kind = r#"[1,"contact",[["id","","",[[9,"a@b.co"]],[],[],"",null,0,[],null,"","",0,0]]]"#;
        assert!(matches!(decode_dataset([bad_kind], no_journal()), Err(SnapshotError::Unreadable { .. })));
        // Deals came with format 2: a format-1 chunk of them is not something we wrote.
        let early = r#"[1,"deal",[]]"#;
        assert!(matches!(decode_dataset([early], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let unknown = r#"[2,"invoice",[]]"#;
        let err = decode_dataset([unknown], no_journal()).unwrap_err();
        assert!(err.to_string().contains("unknown record kind \"invoice\""), "{err}");
        let bad_status = r#"[2,"task",[["t","",null,7,null,null,null,null,"","",0,0]]]"#;
        assert!(matches!(decode_dataset([bad_status], no_journal()), Err(SnapshotError::Unreadable { .. })));
        let duplicate = r#"[2,"task",[["t","",null,1,null,null,null,null,"","",0,0],["t","",null,1,null,null,null,null,"","",0,0]]]"#;
        assert!(matches!(decode_dataset([duplicate], no_journal()), Err(SnapshotError::Duplicate(_))));
        assert!(matches!(decode_entry(r#"{"v":9,"changes":[]}"#), Err(SnapshotError::Newer { version: 9, .. })));
        // A journal entry of format 2 (named records, full dates) still reads.
        let v2 = r#"{"v":2,"at":"2026-01-01T00:00:00Z","changes":[{"op":"put_contact","record":{"id":"c","given_name":"A","birthday":"1970-01-02","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}]}"#;
        let Change::PutContact { record } = &decode_entry(v2).unwrap()[0] else { panic!() };
        assert_eq!(record.birthday, YearlyDate::new(Some(1970), 1, 2));
    }

    #[test]
    fn staged_decoding_gives_the_same_dataset() {
        use crate::core::demo::generate_demo;
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_parts(generate_demo(5, 400, t).into_records()).unwrap();
        let chunks: Vec<Vec<u8>> = encode_chunks(&data).into_iter().map(|(_, c)| c).collect();
        let mut a = data.activities().all()[3].clone();
        a.subject = "Edited in the journal".into();
        let gone = data.activities().all()[4].id.clone();
        let mut c = data.contacts()[2].clone();
        c.given_name = "Journalled".into();
        let journal = vec![encode_entry(
            &[
                Change::PutActivity { record: a.clone() },
                Change::DeleteActivity { id: gone.clone() },
                Change::PutContact { record: c.clone() },
            ],
            t,
        )];
        let whole = decode_dataset(&chunks, &journal).unwrap();
        let mut first = decode_stage(&chunks, &journal, Stage::AllButActivities).unwrap();
        assert!(first.activities().is_empty());
        assert_eq!(first.contact(&c.id), Some(&c));
        let rest = decode_stage(&chunks, &journal, Stage::ActivitiesOnly).unwrap();
        assert!(rest.contacts().is_empty());
        first.install_activities(rest);
        assert_eq!(first.to_parts(), whole.to_parts());
        assert_eq!(first.activities().get(&a.id), Some(&a));
        assert!(first.activities().get(&gone).is_none());
        assert_eq!(first.activities().len(), data.activities().len() - 1);
    }

    #[test]
    fn activity_chunks_are_exactly_the_activity_key_range() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_parts(crate::core::demo::generate_demo(9, 300, t).into_records()).unwrap();
        let (start, end) = activity_chunk_range();
        let chunks = encode_chunks(&data);
        assert!(chunks.iter().any(|(k, _)| k.starts_with(&start)));
        for (key, bytes) in &chunks {
            let in_range = key.as_str() >= start.as_str() && key.as_str() < end.as_str();
            assert_eq!(in_range, StoredChunk::Bytes(bytes).is_activities(), "{key}");
        }
        for (key, text) in &encode_text_chunks(&data) {
            let in_range = key.as_str() >= start.as_str() && key.as_str() < end.as_str();
            assert_eq!(in_range, StoredChunk::Text(text).is_activities(), "{key}");
        }
    }

    #[test]
    fn byte_chunks_round_trip_every_field() {
        let records = every_field();
        let data = Dataset::from_parts(records.clone()).unwrap();
        let chunks = encode_chunks(&data);
        let keys: Vec<&str> = chunks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "0-company-00000",
                "1-contact-00000",
                "2-deal-00000",
                "3-activity-00000",
                "4-task-00000",
                "5-settings-00000"
            ]
        );
        // The header: "CRMc", format 4, the kind's number, the record count.
        assert_eq!(&chunks[1].1[..7], b"CRMc\x04\x01\x02");
        // The bare task: id "t2", empty title, no due date, priority normal,
        // not done, no links, no owner or notes, created = updated (whole ms).
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap().timestamp_millis() as u64;
        let mut time = Vec::new();
        let mut n = (t << 1) << 1;
        while n >= 0x80 {
            time.push(n as u8 | 0x80);
            n >>= 7;
        }
        time.push(n as u8);
        // (An id that is not a UUID is its length + 1, then its text.)
        let mut bare = vec![3, b't', b'2', 0, 0, 1, 0, 0, 0, 0, 0, 0];
        bare.extend(&time);
        bare.extend(&time);
        assert!(chunks[4].1.ends_with(&bare), "{:?}", chunks[4].1);
        let back = decode_dataset(&chunks, no_journal()).unwrap();
        assert_eq!(sorted(back.to_parts()), sorted(records.clone()));
        // Text chunks and byte chunks mix (a database between
        // two snapshots never holds both, but reading does not care).
        let text = encode_text_chunks(&data);
        let mixed = [
            StoredChunk::Text(&text[0].1),
            StoredChunk::Bytes(&chunks[1].1),
            StoredChunk::Text(&text[2].1),
            StoredChunk::Bytes(&chunks[3].1),
            StoredChunk::Bytes(&chunks[4].1),
            StoredChunk::Text(&text[5].1),
        ];
        assert_eq!(sorted(decode_dataset(mixed, no_journal()).unwrap().to_parts()), sorted(records));
    }

    #[test]
    fn a_load_reserves_exactly_the_records_the_headers_announce() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_parts(crate::core::demo::generate_demo(6, 2_345, t).into_records()).unwrap();
        let chunks = encode_chunks(&data);
        let mut reader = ChunkReader::default();
        for (_, bytes) in &chunks {
            reader.expect(&bytes[..16.min(bytes.len())]);
        }
        for (_, bytes) in &chunks {
            reader.read(StoredChunk::Bytes(bytes)).unwrap();
        }
        let records = reader.into_records();
        assert_eq!(records.contacts.len(), 2_345);
        assert_eq!(records.contacts.capacity(), records.contacts.len());
        assert_eq!(records.activities.capacity(), records.activities.len());
        assert_eq!(records.companies.capacity(), records.companies.len());

        // A damaged header asks for at most one chunk's worth.
        let mut reader = ChunkReader::default();
        let mut head = b"CRMc\x03\x01".to_vec();
        head.extend([0xff; 9]);
        head.push(0x01);
        reader.expect(&head);
        reader.read(StoredChunk::Bytes(&chunks[0].1)).unwrap();
        assert!(reader.into_records().contacts.capacity() <= CHUNK_SIZE);
    }

    #[test]
    fn chunks_are_counted_before_they_are_encoded() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        for n in [0, 1, 999, 1000, 1001, 2500] {
            let data = Dataset::from_records(vec![], (0..n).map(person).collect()).unwrap();
            assert_eq!(Chunks::count(&data), chunks(&data).count(), "{n} contacts");
        }
        let data = Dataset::from_parts(crate::core::demo::generate_demo(4, 700, t).into_records()).unwrap();
        assert_eq!(Chunks::count(&data), encode_chunks(&data).len());
    }

    #[test]
    fn byte_chunks_are_smaller_than_text() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_parts(crate::core::demo::generate_demo(3, 2_000, t).into_records()).unwrap();
        let bytes: usize = encode_chunks(&data).iter().map(|(_, b)| b.len()).sum();
        let text: usize = encode_text_chunks(&data).iter().map(|(_, t)| t.len()).sum();
        assert!(bytes * 10 < text * 6, "{bytes} bytes vs {text} of text");
    }

    #[test]
    fn refuses_damaged_and_newer_byte_chunks() {
        let data = Dataset::from_parts(every_field()).unwrap();
        let chunks = encode_chunks(&data);
        let contacts = &chunks[1].1;
        let unreadable =
            |bytes: &[u8]| matches!(decode_dataset([bytes], no_journal()), Err(SnapshotError::Unreadable { .. }));
        // Every cut short chunk is refused, never half-read.
        for end in 0..contacts.len() {
            assert!(unreadable(&contacts[..end]), "cut at {end}");
        }
        let mut longer = contacts.clone();
        longer.push(0);
        assert!(unreadable(&longer));
        let mut kind = contacts.clone();
        kind[5] = 9;
        let err = decode_dataset([kind.as_slice()], no_journal()).unwrap_err();
        assert!(err.to_string().contains("unknown record kind number 9"), "{err}");
        let mut newer = contacts.clone();
        newer[4] = 5;
        assert!(matches!(
            decode_dataset([newer.as_slice()], no_journal()),
            Err(SnapshotError::Newer { version: 5, .. })
        ));
        let mut older = contacts.clone();
        older[4] = 2;
        assert!(unreadable(&older));
        assert!(unreadable(b"[2,\"contact\",[]]"));
        // A text that is not UTF-8, and a lifecycle stage out of its list.
        let c = Contact { given_name: "A".into(), ..Contact::blank("c".into(), DateTime::UNIX_EPOCH) };
        let one = encode_chunks(&Dataset::from_records(vec![], vec![c]).unwrap()).remove(0).1;
        let mut not_utf8 = one.clone();
        let at = one.windows(2).position(|w| w == [1, b'A']).unwrap() + 1;
        not_utf8[at] = 0xff;
        assert!(unreadable(&not_utf8));
        let mut stage = one.clone();
        // After the given name: family name, three empty lists, job title,
        // company, then the stage.
        stage[at + 7] = 7;
        let err = decode_dataset([stage.as_slice()], no_journal()).unwrap_err();
        assert!(err.to_string().contains("unknown kind number 7"), "{err}");
    }

    #[test]
    fn staged_reading_of_byte_and_text_chunks_agrees() {
        let t = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_parts(crate::core::demo::generate_demo(11, 300, t).into_records()).unwrap();
        let bytes = encode_chunks(&data);
        let text = encode_text_chunks(&data);
        for stage in [Stage::AllButActivities, Stage::ActivitiesOnly] {
            let a = decode_stage(&bytes, no_journal(), stage).unwrap().to_parts();
            let b = decode_stage(&text, no_journal(), stage).unwrap().to_parts();
            assert_eq!(a, b);
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            prop_oneof![Just(String::new()), "[a-zA-Z0-9 @.]{1,12}", "\\PC{0,8}"]
        }

        fn time() -> impl Strategy<Value = DateTime<Utc>> {
            prop_oneof![
                (-62_000_000_000_000i64..250_000_000_000_000)
                    .prop_map(|ms| DateTime::from_timestamp_millis(ms).unwrap()),
                (-62_000_000_000i64..250_000_000_000, 0u32..2_000_000_000)
                    .prop_map(|(s, n)| DateTime::from_timestamp(s, n).unwrap_or_default()),
            ]
        }

        fn date() -> impl Strategy<Value = Option<NaiveDate>> {
            proptest::option::of(
                (-300_000i32..3_000_000).prop_filter_map("a date", NaiveDate::from_num_days_from_ce_opt),
            )
        }

        /// Ids as the app makes them (UUIDs), and any other text, which
        /// must read back exactly (upper case, braces, short ones).
        fn id() -> impl Strategy<Value = String> {
            prop_oneof![
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "[0-9A-F]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                "[0-9a-f-]{1,40}",
                "\\PC{0,40}",
            ]
        }

        /// Birthdays and yearly dates: full ones and, a third of the time,
        /// a day and month without a year.
        fn yearly() -> impl Strategy<Value = Option<YearlyDate>> {
            prop_oneof![
                2 => date().prop_map(|d| d.map(YearlyDate::full)),
                1 => (1u32..13, 1u32..32).prop_map(|(m, d)| YearlyDate::without_year(m, d)),
            ]
        }

        prop_compose! {
            fn activity()(
                id in id(), kind in 0u8..4, at in time(), duration in proptest::option::of(any::<u32>()),
                outcome in text(), subject in text(), body in text(), contacts in proptest::collection::vec(id(), 0..3),
                company in proptest::option::of(id()), deal in proptest::option::of(id()), owner in text(),
                created in time(), updated in time(),
            ) -> Activity {
                Activity {
                    id, kind: ActivityKind::CODES[kind as usize], at, duration_min: duration, outcome, subject, body,
                    contact_ids: contacts, company_id: company, deal_id: deal, owner, created, updated,
                }
            }
        }

        prop_compose! {
            fn deal()(
                id in id(), title in text(), company in proptest::option::of(id()),
                contacts in proptest::collection::vec(id(), 0..3), cents in any::<i64>(), currency in text(),
                stage in text(), probability in any::<u8>(), close in date(), owner in text(), status in 0u8..3,
                reason in text(), tags in proptest::collection::vec(text(), 0..3), notes in text(), created in time(),
                updated in time(), closed in proptest::option::of(time()),
            ) -> Deal {
                Deal {
                    id, title, company_id: company, contact_ids: contacts, amount_cents: cents, currency, stage,
                    probability, expected_close: close, owner, status: DealStatus::CODES[status as usize],
                    lost_reason: reason, tags, notes, created, updated, closed,
                }
            }
        }

        prop_compose! {
            fn contact()(
                id in id(), given in text(), family in text(), email in text(), birthday in yearly(),
                cadence in proptest::option::of(any::<u32>()), created in time(), at in time(), owner in text(),
                label in text(), day in yearly(), extra in text(), street2 in text(),
            ) -> Contact {
                let mut c = Contact::blank(id, created);
                c.given_name = given;
                c.family_name = family;
                c.emails = vec![Email { kind: EmailKind::Personal, address: email }];
                c.birthday = birthday;
                c.cadence_days = cadence;
                c.stage_history = vec![StageChange { from: Some(LifecycleStage::Lost), to: LifecycleStage::Reach, at }];
                c.important_dates = day.map(|date| ImportantDate { label, date }).into_iter().collect();
                c.owner = owner;
                c.nickname = extra.clone();
                c.department = extra;
                c.addresses = vec![Address { street2, ..Address::default() }];
                c
            }
        }

        proptest! {
            #[test]
            fn any_records_round_trip_through_bytes(
                activities in proptest::collection::vec(activity(), 0..20),
                deals in proptest::collection::vec(deal(), 0..10),
                contacts in proptest::collection::vec(contact(), 0..10),
            ) {
                let mut records = Records { activities, deals, contacts, ..Records::default() };
                records.activities.sort_by(|a, b| a.id.cmp(&b.id));
                records.activities.dedup_by(|a, b| a.id == b.id);
                records.deals.sort_by(|a, b| a.id.cmp(&b.id));
                records.deals.dedup_by(|a, b| a.id == b.id);
                records.contacts.sort_by(|a, b| a.id.cmp(&b.id));
                records.contacts.dedup_by(|a, b| a.id == b.id);
                let data = Dataset::from_parts(records.clone()).unwrap();
                let back = decode_dataset(encode_chunks(&data), no_journal()).unwrap();
                let mut parts = sorted(back.to_parts());
                parts.settings = None;
                prop_assert_eq!(parts, records);
            }
        }
    }
}
