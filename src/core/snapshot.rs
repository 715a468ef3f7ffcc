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
//! `[v, kind, [record, …]]` with `kind` `"contact"` or `"company"`; the
//! record layouts are [`ContactOut`] and [`CompanyOut`]. Journal entries keep
//! the named form of [`Change`]: they are small and few.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::de::{self, DeserializeSeed, IgnoredAny, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Deserializer, Serialize};

use super::changes::Change;
use super::dataset::{Dataset, DuplicateId};
use super::model::{
    Address, AddressKind, Company, CompanySize, Contact, Email, EmailKind, LifecycleStage, Phone, PhoneKind,
};

/// Version of the chunk and journal-entry formats.
pub const RECORD_FORMAT: u32 = 1;
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

/// A birthday in a chunk: days since 1 January of year 1 (day 1).
fn days(date: Option<NaiveDate>) -> Option<i32> {
    date.map(|d| d.num_days_from_ce())
}

fn from_days<E: de::Error>(days: Option<i32>) -> Result<Option<NaiveDate>, E> {
    days.map(|n| NaiveDate::from_num_days_from_ce_opt(n).ok_or_else(|| E::custom("date out of range"))).transpose()
}

/// `[kind, street, city, region, postal_code, country]`
type AddressRow = (u8, String, String, String, String, String);

fn email_row(e: &Email) -> (u8, &str) {
    (e.kind.code(), &e.address)
}

fn phone_row(p: &Phone) -> (u8, &str) {
    (p.kind.code(), &p.number)
}

fn address_row(a: &Address) -> (u8, &str, &str, &str, &str, &str) {
    (a.kind.code(), &a.street, &a.city, &a.region, &a.postal_code, &a.country)
}

fn address_from<E: de::Error>(row: AddressRow) -> Result<Address, E> {
    let (kind, street, city, region, postal_code, country) = row;
    Ok(Address { kind: Code::from_code(kind)?, street, city, region, postal_code, country })
}

/// Serialises a slice through a mapping, without collecting it first.
struct Rows<'a, T, F>(&'a [T], F);

impl<'a, T, R: Serialize, F: Fn(&'a T) -> R> Serialize for Rows<'a, T, F> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(&self.1))
    }
}

/// A contact in a chunk: `[id, given_name, family_name, emails, phones,
/// addresses, job_title, company_id, lifecycle_stage, tags, birthday, source,
/// notes, created, updated]`, where an email is `[kind, address]`, a phone
/// `[kind, number]`, an address `[kind, street, city, region, postal_code,
/// country]`, absent options are `null`, and empty text is `""`.
struct ContactOut<'a>(&'a Contact);

impl Serialize for ContactOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        (
            &c.id,
            &c.given_name,
            &c.family_name,
            Rows(&c.emails, email_row),
            Rows(&c.phones, phone_row),
            Rows(&c.addresses, address_row),
            &c.job_title,
            &c.company_id,
            c.lifecycle_stage.code(),
            &c.tags,
            days(c.birthday),
            &c.source,
            &c.notes,
            Time(c.created),
            Time(c.updated),
        )
            .serialize(s)
    }
}

type ContactRow = (
    String,
    String,
    String,
    Vec<(u8, String)>,
    Vec<(u8, String)>,
    Vec<AddressRow>,
    String,
    Option<String>,
    u8,
    Vec<String>,
    Option<i32>,
    String,
    String,
    Time,
    Time,
);

fn contact_from<E: de::Error>(row: ContactRow) -> Result<Contact, E> {
    let (
        id,
        given_name,
        family_name,
        emails,
        phones,
        addresses,
        job_title,
        company_id,
        stage,
        tags,
        birthday,
        source,
        notes,
        created,
        updated,
    ) = row;
    Ok(Contact {
        id,
        given_name,
        family_name,
        emails: emails
            .into_iter()
            .map(|(kind, address)| Ok(Email { kind: Code::from_code(kind)?, address }))
            .collect::<Result<_, E>>()?,
        phones: phones
            .into_iter()
            .map(|(kind, number)| Ok(Phone { kind: Code::from_code(kind)?, number }))
            .collect::<Result<_, E>>()?,
        addresses: addresses.into_iter().map(address_from).collect::<Result<_, E>>()?,
        job_title,
        company_id,
        lifecycle_stage: Code::from_code(stage)?,
        tags,
        birthday: from_days(birthday)?,
        source,
        notes,
        created: created.0,
        updated: updated.0,
        lead_status: None,
        stage_history: Vec::new(),
        important_dates: Vec::new(),
        cadence_days: None,
        owner: String::new(),
    })
}

/// A company in a chunk: `[id, name, domain, industry, size, address,
/// lifecycle_stage, tags, notes, created, updated]`, with `size` and
/// `address` `null` when absent.
struct CompanyOut<'a>(&'a Company);

impl Serialize for CompanyOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let c = self.0;
        (
            &c.id,
            &c.name,
            &c.domain,
            &c.industry,
            c.size.map(Code::code),
            c.address.as_ref().map(address_row),
            c.lifecycle_stage.code(),
            &c.tags,
            &c.notes,
            Time(c.created),
            Time(c.updated),
        )
            .serialize(s)
    }
}

type CompanyRow = (String, String, String, String, Option<u8>, Option<AddressRow>, u8, Vec<String>, String, Time, Time);

fn company_from<E: de::Error>(row: CompanyRow) -> Result<Company, E> {
    let (id, name, domain, industry, size, address, stage, tags, notes, created, updated) = row;
    Ok(Company {
        id,
        name,
        domain,
        industry,
        size: size.map(Code::from_code).transpose()?,
        address: address.map(address_from).transpose()?,
        lifecycle_stage: Code::from_code(stage)?,
        tags,
        notes,
        created: created.0,
        updated: updated.0,
        stage_history: Vec::new(),
        owner: String::new(),
    })
}

/// Appends the records of one chunk to the lists, in one pass over its text.
struct ChunkSeed<'a> {
    contacts: &'a mut Vec<Contact>,
    companies: &'a mut Vec<Company>,
}

/// What reading a chunk found.
enum ChunkRead {
    Read,
    Newer(u32),
}

/// Appends each record of a list to `out`.
struct RecordsSeed<'a, R, T, F> {
    out: &'a mut Vec<T>,
    convert: F,
    row: std::marker::PhantomData<R>,
}

impl<'de, R, T, F> DeserializeSeed<'de> for RecordsSeed<'_, R, T, F>
where
    R: Deserialize<'de>,
    F: Fn(R) -> Result<T, de::value::Error>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, R, T, F> Visitor<'de> for RecordsSeed<'_, R, T, F>
where
    R: Deserialize<'de>,
    F: Fn(R) -> Result<T, de::value::Error>,
{
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.out.reserve(seq.size_hint().unwrap_or(CHUNK_SIZE));
        while let Some(row) = seq.next_element::<R>()? {
            self.out.push((self.convert)(row).map_err(de::Error::custom)?);
        }
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for ChunkSeed<'_> {
    type Value = ChunkRead;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ChunkRead, D::Error> {
        d.deserialize_seq(self)
    }
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
        let kind: std::borrow::Cow<'de, str> = seq.next_element()?.ok_or_else(|| missing(1))?;
        let read = match &*kind {
            "contact" => seq.next_element_seed(RecordsSeed {
                out: self.contacts,
                convert: contact_from::<de::value::Error>,
                row: std::marker::PhantomData::<ContactRow>,
            }),
            "company" => seq.next_element_seed(RecordsSeed {
                out: self.companies,
                convert: company_from::<de::value::Error>,
                row: std::marker::PhantomData::<CompanyRow>,
            }),
            other => return Err(de::Error::custom(format!("unknown record kind {other:?}"))),
        }?;
        read.ok_or_else(|| missing(2))?;
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

/// Chunk keys sort in load order: companies first, then contacts.
fn chunk_key(kind: &str, n: usize) -> String {
    let order = if kind == "company" { 0 } else { 1 };
    format!("{order}-{kind}-{n:05}")
}

fn encode_kind<'a, T, O: Serialize>(
    kind: &str,
    records: &'a [T],
    compact: impl Fn(&'a T) -> O + Copy,
    out: &mut Vec<(String, String)>,
) {
    for (n, records) in records.chunks(CHUNK_SIZE).enumerate() {
        let mut json = Vec::with_capacity(records.len() * 256);
        (RECORD_FORMAT, kind, Rows(records, compact))
            .serialize(&mut serde_json::Serializer::new(&mut json))
            .expect("records always serialise");
        let json = String::from_utf8(json).expect("serde_json writes UTF-8");
        out.push((chunk_key(kind, n), json));
    }
}

/// The dataset as (key, JSON) chunks.
pub fn encode_chunks(data: &Dataset) -> Vec<(String, String)> {
    let mut out = Vec::with_capacity(data.contacts().len() / CHUNK_SIZE + 2);
    encode_kind("company", data.companies(), CompanyOut, &mut out);
    encode_kind("contact", data.contacts(), ContactOut, &mut out);
    out
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

/// Rebuilds the dataset from its chunks (any order) and journal entries (in order).
pub fn decode_dataset<C, J>(chunks: C, journal: J) -> Result<Dataset, SnapshotError>
where
    C: IntoIterator,
    C::Item: AsRef<str>,
    J: IntoIterator,
    J::Item: AsRef<str>,
{
    let mut companies = Vec::new();
    let mut contacts = Vec::new();
    for chunk in chunks {
        let unreadable =
            |e: serde_json::Error| SnapshotError::Unreadable { what: "chunk".into(), detail: e.to_string() };
        let mut de = serde_json::Deserializer::from_str(chunk.as_ref());
        let read = ChunkSeed { contacts: &mut contacts, companies: &mut companies }
            .deserialize(&mut de)
            .map_err(unreadable)?;
        de.end().map_err(unreadable)?;
        if let ChunkRead::Newer(version) = read {
            return Err(SnapshotError::Newer { what: "chunk".into(), version });
        }
    }
    let mut data = Dataset::from_records(companies, contacts).map_err(SnapshotError::Duplicate)?;
    for entry in journal {
        for change in decode_entry(entry.as_ref())? {
            data.apply(&change);
        }
    }
    Ok(data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn person(n: usize) -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut c = Contact::blank(format!("id-{n:06}"), t);
        c.given_name = format!("Person {n}");
        c
    }

    #[test]
    fn chunks_hold_at_most_chunk_size_records_and_round_trip() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut co = Company::blank("co".into(), t);
        co.name = "Acme".into();
        let people: Vec<Contact> = (0..2500).map(person).collect();
        let data = Dataset::from_records(vec![co], people).unwrap();
        let chunks = encode_chunks(&data);
        let keys: Vec<&str> = chunks.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["0-company-00000", "1-contact-00000", "1-contact-00001", "1-contact-00002"]);
        let back = decode_dataset(chunks.iter().rev().map(|(_, j)| j), Vec::<String>::new()).unwrap();
        assert_eq!(back.contacts().len(), 2500);
        assert_eq!(back.contact("id-002499"), data.contact("id-002499"));
        assert_eq!(back.company("co").unwrap().name, "Acme");
    }

    #[test]
    fn journal_entries_apply_in_order() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let data = Dataset::from_records(vec![], vec![person(1), person(2)]).unwrap();
        let chunks: Vec<String> = encode_chunks(&data).into_iter().map(|(_, j)| j).collect();
        let mut renamed = person(1);
        renamed.given_name = "Renamed".into();
        let journal = [
            encode_entry(&[Change::PutContact { record: person(3) }], t),
            encode_entry(
                &[Change::DeleteContact { id: "id-000002".into() }, Change::PutContact { record: renamed }],
                t,
            ),
        ];
        let back = decode_dataset(&chunks, &journal).unwrap();
        assert_eq!(back.contacts().len(), 2);
        assert_eq!(back.contact("id-000001").unwrap().given_name, "Renamed");
        assert!(back.contact("id-000002").is_none());
        assert!(back.contact("id-000003").is_some());
    }

    #[test]
    fn compact_records_round_trip_every_field() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut co = Company::blank("co".into(), t + chrono::Duration::milliseconds(7));
        co.name = "Ærø \"Quote\" AS".into();
        co.domain = "aero.no".into();
        co.industry = "Shipping".into();
        co.size = Some(CompanySize::Enterprise);
        co.address = Some(Address { kind: AddressKind::Home, city: "Ærøskøbing".into(), ..Address::default() });
        co.lifecycle_stage = LifecycleStage::Disqualified;
        co.tags = vec!["a".into(), "b".into()];
        co.notes = "line\nbreak".into();
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
            city: "Oslo".into(),
            region: "R".into(),
            postal_code: "0150".into(),
            country: "NO".into(),
        }];
        c.job_title = "Captain".into();
        c.company_id = Some("co".into());
        c.lifecycle_stage = LifecycleStage::Loyalty;
        c.tags = vec!["vip".into()];
        c.birthday = NaiveDate::from_ymd_opt(1970, 2, 28);
        c.source = "Referral".into();
        c.notes = "Likes tea".into();
        // Finer than a millisecond, and before 1970: kept exactly.
        c.created = Utc.with_ymd_and_hms(1969, 7, 20, 20, 17, 40).unwrap() + chrono::Duration::nanoseconds(123_456);
        c.updated = t;
        let mut dangling = person(2);
        dangling.company_id = Some("gone".into());
        let data = Dataset::from_records(vec![co.clone()], vec![c.clone(), dangling.clone()]).unwrap();
        let chunks = encode_chunks(&data);
        assert!(chunks[1].1.starts_with(r#"[1,"contact",[["id-000001","Person 1","Ødegaard",[[2,"zoe@aero.no"]]"#));
        let back = decode_dataset(chunks.iter().map(|(_, j)| j), Vec::<String>::new()).unwrap();
        assert_eq!(back.company("co"), Some(&co));
        assert_eq!(back.contact("id-000001"), Some(&c));
        assert_eq!(back.contact("id-000002"), Some(&dangling));
    }

    #[test]
    fn refuses_newer_and_unreadable_data() {
        let newer = r#"[2,"contact",{"a":"layout","this":"version does not know"}]"#;
        assert!(matches!(decode_dataset([newer], Vec::<String>::new()), Err(SnapshotError::Newer { version: 2, .. })));
        assert!(matches!(decode_dataset(["{"], Vec::<String>::new()), Err(SnapshotError::Unreadable { .. })));
        let bad_kind = r#"[1,"contact",[["id","","",[[9,"a@b.co"]],[],[],"",null,0,[],null,"","",0,0]]]"#;
        assert!(matches!(decode_dataset([bad_kind], Vec::<String>::new()), Err(SnapshotError::Unreadable { .. })));
        let unknown = r#"[1,"deal",[]]"#;
        assert!(matches!(decode_dataset([unknown], Vec::<String>::new()), Err(SnapshotError::Unreadable { .. })));
        assert!(matches!(decode_entry(r#"{"v":9,"changes":[]}"#), Err(SnapshotError::Newer { version: 9, .. })));
    }
}
