//! The whole dataset in memory, with what lists need to stay fast at 100k
//! records: a folded search key and a sort key per record, kept up to date as
//! changes are applied, and id → position maps.
//!
//! Invariants: `contacts[i]`, `contact_search[i]`, `contact_sort[i]` and
//! `contact_company[i]` describe the same record, and
//! `contact_pos` finds `i` by `contacts[i].id` (likewise for companies;
//! the index holds positions only, see [`IdIndex`]).
//! `contact_company[i]` is the position of the contact's company, or
//! [`NO_COMPANY`] when it has none or links to a company we do not have; it
//! exists so that a search keystroke never hashes company ids.

use super::changes::Change;
use super::id_index::IdIndex;
use super::records::{Activity, Deal, Settings, Task};
use super::records::{Company, Contact};
use super::text::{fold, fold_into};

/// How the contacts list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum ContactSort {
    /// Family name, then given name (A–Z).
    #[default]
    Name,
    /// Company name (A–Z), then name.
    Company,
    /// Most recently updated first.
    Updated,
    /// Most recently created first.
    Created,
}

impl ContactSort {
    pub const ALL: [ContactSort; 4] =
        [ContactSort::Name, ContactSort::Company, ContactSort::Updated, ContactSort::Created];

    pub fn key(self) -> &'static str {
        match self {
            ContactSort::Name => "name",
            ContactSort::Company => "company",
            ContactSort::Updated => "updated",
            ContactSort::Created => "created",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ContactSort::Name => "Name (A–Z)",
            ContactSort::Company => "Company (A–Z)",
            ContactSort::Updated => "Recently updated",
            ContactSort::Created => "Recently added",
        }
    }

    pub fn from_key(key: &str) -> ContactSort {
        ContactSort::ALL.into_iter().find(|s| s.key() == key).unwrap_or_default()
    }
}

/// Two records share an id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateId {
    pub kind: &'static str,
    pub id: String,
}

fn contact_id(c: &Contact) -> &str {
    &c.id
}

fn company_id(c: &Company) -> &str {
    &c.id
}

/// `contact_company` of a contact without a known company.
const NO_COMPANY: u32 = u32::MAX;

#[derive(Clone, Debug, Default)]
pub struct Dataset {
    contacts: Vec<Contact>,
    contact_pos: IdIndex,
    contact_search: TextColumn,
    contact_sort: TextColumn,
    contact_company: Vec<u32>,
    /// How many contacts link to a company id we do not have.
    dangling: usize,
    companies: Vec<Company>,
    company_pos: IdIndex,
    company_search: TextColumn,
    deals: Table<Deal>,
    activities: Table<Activity>,
    tasks: Table<Task>,
    settings: Settings,
}

/// Everything a dataset holds, as plain lists (for loading and backups).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Records {
    pub companies: Vec<Company>,
    pub contacts: Vec<Contact>,
    pub deals: Vec<Deal>,
    pub activities: Vec<Activity>,
    pub tasks: Vec<Task>,
    /// Absent in data written before schema 3: the initial settings apply.
    pub settings: Option<Settings>,
}

/// A record kind kept in a [`Table`]: it has an id and a search key.
pub trait Row: Clone {
    const KIND: &'static str;
    fn id(&self) -> &str;
    /// Appends the folded text a search matches against.
    fn search_key(&self, key: &mut String);
    /// About how many bytes [`Row::search_key`] appends (folding rarely
    /// changes a length), so the keys of many records get one buffer of the
    /// right size instead of one that doubled its way there.
    fn search_len(&self) -> usize;
    /// A guess of [`Row::search_len`] for records not seen yet.
    const SEARCH_LEN_GUESS: usize = 40;
}

/// Room for the keys of `rows`: their estimated length and a 1/16 margin.
fn key_room<'a, T: 'a>(rows: impl IntoIterator<Item = &'a T>, len: impl Fn(&T) -> usize) -> usize {
    let n: usize = rows.into_iter().map(len).sum();
    n + n / 16
}

/// Records of one kind with an id → position map and a contiguous folded
/// search key per record (see [`TextColumn`]). Removal swaps the last record
/// into the gap, so positions are not stable across changes.
#[derive(Clone, Debug)]
pub struct Table<T> {
    rows: Vec<T>,
    pos: IdIndex,
    search: TextColumn,
}

impl<T> Default for Table<T> {
    fn default() -> Self {
        Table { rows: Vec::new(), pos: IdIndex::default(), search: TextColumn::default() }
    }
}

impl<T: Row> Table<T> {
    /// Indexes `rows` where they are (no second copy of the records).
    fn from_rows(rows: Vec<T>) -> Result<Table<T>, DuplicateId> {
        let mut t = Table { rows, ..Table::default() };
        t.pos.reserve(&t.rows[..0], T::id, t.rows.len());
        t.search.reserve(t.rows.len(), key_room(&t.rows, T::search_len));
        for (i, r) in t.rows.iter().enumerate() {
            if !t.pos.insert(&t.rows[..i], T::id, r.id(), i) {
                return Err(DuplicateId { kind: T::KIND, id: r.id().to_string() });
            }
            t.search.push_with(|k| r.search_key(k));
        }
        Ok(t)
    }

    pub fn all(&self) -> &[T] {
        &self.rows
    }

    pub fn get(&self, id: &str) -> Option<&T> {
        self.pos.get(&self.rows, T::id, id).map(|i| &self.rows[i])
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds a record whose id must be new.
    fn push_new(&mut self, r: T) -> Result<(), DuplicateId> {
        // On a duplicate the whole build is abandoned, so the map may keep
        // the second position.
        if !self.pos.insert(&self.rows, T::id, r.id(), self.rows.len()) {
            return Err(DuplicateId { kind: T::KIND, id: r.id().to_string() });
        }
        self.search.push_with(|k| r.search_key(k));
        self.rows.push(r);
        Ok(())
    }

    fn reserve(&mut self, n: usize) {
        self.rows.reserve(n);
        self.pos.reserve(&self.rows, T::id, n);
        self.search.reserve(n, n * T::SEARCH_LEN_GUESS);
    }

    fn put(&mut self, r: T) {
        match self.pos.get(&self.rows, T::id, r.id()) {
            Some(i) => {
                self.search.set_with(i, |k| r.search_key(k));
                self.rows[i] = r;
            }
            None => {
                self.pos.insert(&self.rows, T::id, r.id(), self.rows.len());
                self.search.push_with(|k| r.search_key(k));
                self.rows.push(r);
            }
        }
    }

    fn delete(&mut self, id: &str) {
        let Some(i) = self.pos.remove(&self.rows, T::id, id) else { return };
        self.rows.swap_remove(i);
        self.search.swap_remove(i);
        if let Some(moved) = self.rows.get(i) {
            self.pos.moved(moved.id(), self.rows.len(), i);
        }
    }

    /// The positions of `order` whose search key holds every term of `query`
    /// (folded: case- and accent-insensitive), in the order given.
    pub fn filter(&self, order: &[u32], query: &str) -> Vec<u32> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return order.to_vec();
        }
        let matches = |key: &str| terms.iter().all(|t| contains_bytes(key.as_bytes(), t.as_bytes()));
        if order.len() * 4 < self.rows.len() {
            return order.iter().copied().filter(|&i| matches(self.search.get(i as usize))).collect();
        }
        let hits: Vec<bool> = self.search.iter().map(matches).collect();
        order.iter().copied().filter(|&i| hits[i as usize]).collect()
    }
}

/// Builds a [`Dataset`] one record at a time, in any order of kinds, so that
/// a reader can index each record as it reads it (a backup file or stored
/// chunks, in slices with the browser getting a turn in between) instead of
/// indexing everything at the end in one long step. Contacts are linked to
/// their companies in [`DatasetBuilder::finish`], once all companies are in.
#[derive(Default)]
pub struct DatasetBuilder {
    d: Dataset,
    has_settings: bool,
}

impl DatasetBuilder {
    /// Makes room for `n` more records of the kind `kind` ("contact",
    /// "company", "deal", "activity", "task"), when the count is known.
    pub fn reserve(&mut self, kind: &str, n: usize) {
        let d = &mut self.d;
        match kind {
            "contact" => {
                d.contacts.reserve(n);
                d.contact_pos.reserve(&d.contacts, contact_id, n);
                d.contact_search.reserve(n, n * 96);
                d.contact_sort.reserve(n, n * 16);
            }
            "company" => {
                d.companies.reserve(n);
                d.company_pos.reserve(&d.companies, company_id, n);
            }
            "deal" => d.deals.reserve(n),
            "activity" => d.activities.reserve(n),
            "task" => d.tasks.reserve(n),
            _ => {}
        }
    }

    pub fn company(&mut self, c: Company) -> Result<(), DuplicateId> {
        let d = &mut self.d;
        if !d.company_pos.insert(&d.companies, company_id, &c.id, d.companies.len()) {
            return Err(DuplicateId { kind: "company", id: c.id });
        }
        d.company_search.push_with(|k| company_search_key(&c, k));
        d.companies.push(c);
        Ok(())
    }

    pub fn contact(&mut self, c: Contact) -> Result<(), DuplicateId> {
        let d = &mut self.d;
        if !d.contact_pos.insert(&d.contacts, contact_id, &c.id, d.contacts.len()) {
            return Err(DuplicateId { kind: "contact", id: c.id });
        }
        d.contact_search.push_with(|k| contact_search_key(&c, k));
        d.contact_sort.push_with(|k| contact_sort_key(&c, k));
        d.contacts.push(c);
        Ok(())
    }

    pub fn deal(&mut self, r: Deal) -> Result<(), DuplicateId> {
        self.d.deals.push_new(r)
    }

    pub fn activity(&mut self, r: Activity) -> Result<(), DuplicateId> {
        self.d.activities.push_new(r)
    }

    pub fn task(&mut self, r: Task) -> Result<(), DuplicateId> {
        self.d.tasks.push_new(r)
    }

    /// The settings record (the last one given wins, as in [`Records`]).
    pub fn settings(&mut self, s: Settings) {
        self.d.settings = s;
        self.has_settings = true;
    }

    pub fn has_settings(&self) -> bool {
        self.has_settings
    }

    /// Whether a contact with this id was given so far.
    pub fn has_contact(&self, id: &str) -> bool {
        self.d.contact_pos.get(&self.d.contacts, contact_id, id).is_some()
    }

    /// Whether a company with this id was given so far.
    pub fn has_company(&self, id: &str) -> bool {
        self.d.company_pos.get(&self.d.companies, company_id, id).is_some()
    }

    /// The settings given so far (the initial ones if none).
    pub fn current_settings(&self) -> &Settings {
        &self.d.settings
    }

    /// How many records are in, of every kind.
    pub fn len(&self) -> usize {
        let d = &self.d;
        d.contacts.len() + d.companies.len() + d.deals.len() + d.activities.len() + d.tasks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The dataset, with every contact linked to its company.
    pub fn finish(self) -> Dataset {
        let mut d = self.d;
        let links: Vec<u32> = d.contacts.iter().map(|c| d.company_link(c)).collect();
        d.dangling = d.contacts.iter().zip(&links).filter(|(c, &l)| Self::is_dangling(c, l)).count();
        d.contact_company = links;
        d
    }

    fn is_dangling(c: &Contact, link: u32) -> bool {
        Dataset::is_dangling(c, link)
    }
}

fn push_folded(parts: &[&str], key: &mut String) {
    for part in parts {
        fold_into(part, key);
        key.push('\u{1f}');
    }
}

impl Row for Deal {
    const KIND: &'static str = "deal";
    const SEARCH_LEN_GUESS: usize = 56;
    fn id(&self) -> &str {
        &self.id
    }
    fn search_key(&self, key: &mut String) {
        push_folded(&[&self.title, &self.owner, &self.lost_reason], key);
        for t in &self.tags {
            push_folded(&[t], key);
        }
    }
    fn search_len(&self) -> usize {
        self.title.len()
            + self.owner.len()
            + self.lost_reason.len()
            + 3
            + self.tags.iter().map(|t| t.len() + 1).sum::<usize>()
    }
}

impl Row for Activity {
    const KIND: &'static str = "activity";
    fn id(&self) -> &str {
        &self.id
    }
    fn search_key(&self, key: &mut String) {
        push_folded(&[self.kind.key(), &self.subject, &self.outcome, &self.owner], key);
    }
    fn search_len(&self) -> usize {
        self.kind.key().len() + self.subject.len() + self.outcome.len() + self.owner.len() + 4
    }
}

impl Row for Task {
    const KIND: &'static str = "task";
    fn id(&self) -> &str {
        &self.id
    }
    fn search_key(&self, key: &mut String) {
        push_folded(&[&self.title, &self.owner], key);
    }
    fn search_len(&self) -> usize {
        self.title.len() + self.owner.len() + 2
    }
}

/// Strings stored end to end in one buffer, addressed by position.
///
/// Why: a search keystroke reads every contact's key. Keys allocated one by
/// one end up scattered between the records' own strings, and reading them
/// then costs a cache miss each; one buffer is read front to back.
/// A replaced or removed string stays in the buffer as garbage until garbage
/// makes up half of it; then the buffer is rebuilt in position order.
#[derive(Clone, Debug, Default)]
struct TextColumn {
    text: String,
    /// Byte range of each string in `text`.
    spans: Vec<(u32, u32)>,
    garbage: usize,
}

impl TextColumn {
    fn get(&self, i: usize) -> &str {
        let (start, end) = self.spans[i];
        &self.text[start as usize..end as usize]
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&(start, end)| &self.text[start as usize..end as usize])
    }

    fn reserve(&mut self, strings: usize, bytes: usize) {
        self.spans.reserve(strings);
        self.text.reserve(bytes);
    }

    /// Appends the string that `write` appends to the buffer.
    fn append(&mut self, write: impl FnOnce(&mut String)) -> (u32, u32) {
        let start = self.text.len();
        write(&mut self.text);
        (start as u32, self.text.len() as u32)
    }

    fn push_with(&mut self, write: impl FnOnce(&mut String)) {
        let span = self.append(write);
        self.spans.push(span);
    }

    fn set_with(&mut self, i: usize, write: impl FnOnce(&mut String)) {
        let (start, end) = self.spans[i];
        self.garbage += (end - start) as usize;
        self.spans[i] = self.append(write);
        self.compact_if_wasteful();
    }

    fn swap_remove(&mut self, i: usize) {
        let (start, end) = self.spans.swap_remove(i);
        self.garbage += (end - start) as usize;
        self.compact_if_wasteful();
    }

    fn compact_if_wasteful(&mut self) {
        if self.garbage < 4096 || self.garbage * 2 < self.text.len() {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.garbage);
        for span in &mut self.spans {
            let start = text.len();
            text.push_str(&self.text[span.0 as usize..span.1 as usize]);
            *span = (start as u32, text.len() as u32);
        }
        self.text = text;
        self.garbage = 0;
    }
}

fn contact_search_key(c: &Contact, key: &mut String) {
    for part in [&c.given_name, &c.family_name, &c.job_title] {
        fold_into(part, key);
        key.push('\u{1f}');
    }
    for e in &c.emails {
        fold_into(&e.address, key);
        key.push('\u{1f}');
    }
    for p in &c.phones {
        key.extend(p.number.chars().filter(char::is_ascii_digit));
        key.push('\u{1f}');
    }
    for t in &c.tags {
        fold_into(t, key);
        key.push('\u{1f}');
    }
}

fn contact_search_len(c: &Contact) -> usize {
    let parts = c.given_name.len() + c.family_name.len() + c.job_title.len() + 3;
    let lists = c.emails.iter().map(|e| e.address.len() + 1).sum::<usize>()
        + c.phones.iter().map(|p| p.number.len() + 1).sum::<usize>()
        + c.tags.iter().map(|t| t.len() + 1).sum::<usize>();
    parts + lists
}

fn contact_sort_len(c: &Contact) -> usize {
    match c.given_name.len() + c.family_name.len() {
        0 => 4 + c.emails.first().map_or(0, |e| e.address.len()),
        n => n + 1,
    }
}

fn company_search_len(c: &Company) -> usize {
    c.name.len() + c.domain.len() + c.industry.len() + 2 + c.tags.iter().map(|t| t.len() + 1).sum::<usize>()
}

fn contact_sort_key(c: &Contact, k: &mut String) {
    if c.given_name.is_empty() && c.family_name.is_empty() {
        // Nameless contacts sort after every name, by email.
        k.push('\u{10ffff}');
        fold_into(&c.display_name(), k);
        return;
    }
    fold_into(&c.family_name, k);
    k.push('\u{1}');
    fold_into(&c.given_name, k);
}

fn company_search_key(c: &Company, key: &mut String) {
    fold_into(&c.name, key);
    key.push('\u{1f}');
    fold_into(&c.domain, key);
    key.push('\u{1f}');
    fold_into(&c.industry, key);
    for t in &c.tags {
        key.push('\u{1f}');
        fold_into(t, key);
    }
}

/// Splits a query into folded terms; every term must match.
pub fn query_terms(query: &str) -> Vec<String> {
    fold(query).split_whitespace().map(str::to_string).collect()
}

/// True when every record matching `new` also matches `old`: each term of
/// `old` is part of some term of `new` (typing one more letter, or another
/// word). A list can then filter the previous result instead of everything.
pub fn query_refines(old: &str, new: &str) -> bool {
    let new_terms = query_terms(new);
    query_terms(old).iter().all(|o| new_terms.iter().any(|n| n.contains(o.as_str())))
}

/// Whether `needle` occurs in `hay` (`needle` not empty). A plain scan for the
/// first byte: search keys are short, so this beats `str::contains`, whose
/// set-up per call costs more than the scan itself.
fn contains_bytes(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return true };
    if hay.len() < needle.len() {
        return false;
    }
    let last_start = hay.len() - needle.len();
    hay[..=last_start].iter().enumerate().any(|(i, &b)| b == first && hay[i + 1..i + needle.len()] == *rest)
}

/// The first eight bytes of a sort key as a number, so most comparisons of a
/// sort are of integers; equal prefixes fall back to the whole key. Bytes
/// compare like the strings (UTF-8 keeps code point order; padding is zero).
fn key_prefix(key: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = key.len().min(8);
    bytes[..n].copy_from_slice(&key.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

impl Dataset {
    pub fn from_records(companies: Vec<Company>, contacts: Vec<Contact>) -> Result<Dataset, DuplicateId> {
        Dataset::from_parts(Records { companies, contacts, ..Records::default() })
    }

    pub fn from_parts(records: Records) -> Result<Dataset, DuplicateId> {
        let Records { companies, contacts, deals, activities, tasks, settings } = records;
        let mut d = Dataset::from_people(companies, contacts)?;
        d.deals = Table::from_rows(deals)?;
        d.activities = Table::from_rows(activities)?;
        d.tasks = Table::from_rows(tasks)?;
        if let Some(s) = settings {
            d.settings = s;
        }
        Ok(d)
    }

    /// Every record as plain lists (clones).
    pub fn to_parts(&self) -> Records {
        Records {
            companies: self.companies.clone(),
            contacts: self.contacts.clone(),
            deals: self.deals.rows.clone(),
            activities: self.activities.rows.clone(),
            tasks: self.tasks.rows.clone(),
            settings: Some(self.settings.clone()),
        }
    }

    /// Indexes the companies and contacts where they are (no second copy).
    fn from_people(companies: Vec<Company>, contacts: Vec<Contact>) -> Result<Dataset, DuplicateId> {
        let mut d = Dataset { companies, contacts, ..Dataset::default() };
        d.company_pos.reserve(&[], company_id, d.companies.len());
        d.company_search.reserve(d.companies.len(), key_room(&d.companies, company_search_len));
        for (i, c) in d.companies.iter().enumerate() {
            if !d.company_pos.insert(&d.companies[..i], company_id, &c.id, i) {
                return Err(DuplicateId { kind: "company", id: c.id.clone() });
            }
            d.company_search.push_with(|k| company_search_key(c, k));
        }
        let n = d.contacts.len();
        d.contact_pos.reserve(&[], contact_id, n);
        d.contact_search.reserve(n, key_room(&d.contacts, contact_search_len));
        d.contact_sort.reserve(n, key_room(&d.contacts, contact_sort_len));
        d.contact_company.reserve(n);
        for (i, c) in d.contacts.iter().enumerate() {
            if !d.contact_pos.insert(&d.contacts[..i], contact_id, &c.id, i) {
                return Err(DuplicateId { kind: "contact", id: c.id.clone() });
            }
            let link = d.company_link(c);
            if Self::is_dangling(c, link) {
                d.dangling += 1;
            }
            d.contact_search.push_with(|k| contact_search_key(c, k));
            d.contact_sort.push_with(|k| contact_sort_key(c, k));
            d.contact_company.push(link);
        }
        Ok(d)
    }

    pub fn contacts(&self) -> &[Contact] {
        &self.contacts
    }

    pub fn companies(&self) -> &[Company] {
        &self.companies
    }

    pub fn is_empty(&self) -> bool {
        self.contacts.is_empty()
            && self.companies.is_empty()
            && self.deals.is_empty()
            && self.activities.is_empty()
            && self.tasks.is_empty()
    }

    pub fn deals(&self) -> &Table<Deal> {
        &self.deals
    }

    pub fn activities(&self) -> &Table<Activity> {
        &self.activities
    }

    pub fn tasks(&self) -> &Table<Task> {
        &self.tasks
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Takes the activities of `other` (a dataset decoded with only the
    /// activities, see `snapshot::decode_stage`) in place of this one's.
    pub fn install_activities(&mut self, other: Dataset) {
        self.activities = other.activities;
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contact_pos.get(&self.contacts, contact_id, id).map(|i| &self.contacts[i])
    }

    pub fn company(&self, id: &str) -> Option<&Company> {
        self.company_pos.get(&self.companies, company_id, id).map(|i| &self.companies[i])
    }

    /// The company name of a contact, if it is linked to a company we have.
    pub fn company_name_of(&self, contact: &Contact) -> Option<&str> {
        contact.company_id.as_deref().and_then(|id| self.company(id)).map(|c| c.name.as_str())
    }

    /// Positions of the contacts linked to a company, by name.
    pub fn contacts_of_company(&self, company_id: &str) -> Vec<u32> {
        let mut out: Vec<u32> = (0..self.contacts.len() as u32)
            .filter(|&i| self.contacts[i as usize].company_id.as_deref() == Some(company_id))
            .collect();
        out.sort_by(|&a, &b| self.contact_sort.get(a as usize).cmp(self.contact_sort.get(b as usize)));
        out
    }

    /// Applies one change. Deleting a record that is not there does nothing.
    pub fn apply(&mut self, change: &Change) {
        match change {
            Change::PutContact { record } => self.put_contact(record.clone()),
            Change::DeleteContact { id } => self.delete_contact(id),
            Change::PutCompany { record } => self.put_company(record.clone()),
            Change::DeleteCompany { id } => self.delete_company(id),
            Change::PutDeal { record } => self.deals.put(record.clone()),
            Change::DeleteDeal { id } => self.deals.delete(id),
            Change::PutActivity { record } => self.activities.put(record.clone()),
            Change::DeleteActivity { id } => self.activities.delete(id),
            Change::PutTask { record } => self.tasks.put(record.clone()),
            Change::DeleteTask { id } => self.tasks.delete(id),
            Change::PutSettings { record } => self.settings = record.clone(),
        }
    }

    /// The position of the contact's company, or [`NO_COMPANY`].
    fn company_link(&self, c: &Contact) -> u32 {
        c.company_id
            .as_deref()
            .and_then(|id| self.company_pos.get(&self.companies, company_id, id))
            .map_or(NO_COMPANY, |i| i as u32)
    }

    /// How many contacts link to a company id the dataset does not hold.
    pub fn dangling_company_links(&self) -> usize {
        self.dangling
    }

    /// Whether the contact links to a company id we do not have.
    fn is_dangling(c: &Contact, link: u32) -> bool {
        c.company_id.is_some() && link == NO_COMPANY
    }

    pub fn put_contact(&mut self, c: Contact) {
        let link = self.company_link(&c);
        let dangling = Self::is_dangling(&c, link);
        match self.contact_pos.get(&self.contacts, contact_id, &c.id) {
            Some(i) => {
                if Self::is_dangling(&self.contacts[i], self.contact_company[i]) {
                    self.dangling -= 1;
                }
                self.contact_search.set_with(i, |k| contact_search_key(&c, k));
                self.contact_sort.set_with(i, |k| contact_sort_key(&c, k));
                self.contacts[i] = c;
                self.contact_company[i] = link;
            }
            None => {
                self.contact_pos.insert(&self.contacts, contact_id, &c.id, self.contacts.len());
                self.contact_search.push_with(|k| contact_search_key(&c, k));
                self.contact_sort.push_with(|k| contact_sort_key(&c, k));
                self.contacts.push(c);
                self.contact_company.push(link);
            }
        }
        if dangling {
            self.dangling += 1;
        }
    }

    fn delete_contact(&mut self, id: &str) {
        let Some(i) = self.contact_pos.remove(&self.contacts, contact_id, id) else { return };
        if Self::is_dangling(&self.contacts[i], self.contact_company[i]) {
            self.dangling -= 1;
        }
        self.contacts.swap_remove(i);
        self.contact_search.swap_remove(i);
        self.contact_sort.swap_remove(i);
        self.contact_company.swap_remove(i);
        if let Some(moved) = self.contacts.get(i) {
            self.contact_pos.moved(&moved.id, self.contacts.len(), i);
        }
    }

    pub fn put_company(&mut self, c: Company) {
        match self.company_pos.get(&self.companies, company_id, &c.id) {
            Some(i) => {
                self.company_search.set_with(i, |k| company_search_key(&c, k));
                self.companies[i] = c;
            }
            None => {
                let pos = self.companies.len() as u32;
                self.company_pos.insert(&self.companies, company_id, &c.id, pos as usize);
                // Contacts that linked to this id before it existed link now.
                if self.dangling > 0 {
                    for (contact, link) in self.contacts.iter().zip(&mut self.contact_company) {
                        if *link == NO_COMPANY && contact.company_id.as_deref() == Some(c.id.as_str()) {
                            *link = pos;
                            self.dangling -= 1;
                        }
                    }
                }
                self.company_search.push_with(|k| company_search_key(&c, k));
                self.companies.push(c);
            }
        }
    }

    fn delete_company(&mut self, id: &str) {
        let Some(i) = self.company_pos.remove(&self.companies, company_id, id) else { return };
        self.companies.swap_remove(i);
        self.company_search.swap_remove(i);
        // Its contacts keep their link, now dangling; the last company moved to `i`.
        let (gone, moved) = (i as u32, self.companies.len() as u32);
        for link in &mut self.contact_company {
            if *link == gone {
                *link = NO_COMPANY;
                self.dangling += 1;
            } else if *link == moved {
                *link = gone;
            }
        }
        if let Some(moved) = self.companies.get(i) {
            self.company_pos.moved(&moved.id, self.companies.len(), i);
        }
    }

    /// Contact positions in the given order. Computed once per data or sort
    /// change; filtering then keeps this order without sorting again. Ties
    /// keep position order, so the result is the same on every run.
    pub fn contact_order(&self, sort: ContactSort) -> Vec<u32> {
        let name = |i: u32| self.contact_sort.get(i as usize);
        let by_name =
            |a: &(u64, u32), b: &(u64, u32)| a.0.cmp(&b.0).then_with(|| name(a.1).cmp(name(b.1))).then(a.1.cmp(&b.1));
        match sort {
            ContactSort::Name => {
                let mut keyed: Vec<(u64, u32)> =
                    self.contact_sort.iter().enumerate().map(|(i, k)| (key_prefix(k), i as u32)).collect();
                keyed.sort_unstable_by(by_name);
                keyed.into_iter().map(|(_, i)| i).collect()
            }
            ContactSort::Company => {
                // Each company's name is folded once; contacts without one go last.
                let names: Vec<String> = self.companies.iter().map(|c| fold(&c.name)).collect();
                let company = |i: u32| match self.contact_company[i as usize] {
                    NO_COMPANY => "\u{10ffff}",
                    c => names[c as usize].as_str(),
                };
                let mut keyed: Vec<(u64, u32)> =
                    self.contact_sort.iter().enumerate().map(|(i, k)| (key_prefix(k), i as u32)).collect();
                keyed.sort_unstable_by(|a, b| company(a.1).cmp(company(b.1)).then_with(|| by_name(a, b)));
                keyed.into_iter().map(|(_, i)| i).collect()
            }
            ContactSort::Updated | ContactSort::Created => {
                let time = |c: &Contact| if sort == ContactSort::Updated { c.updated } else { c.created };
                let mut keyed: Vec<(std::cmp::Reverse<_>, u32)> =
                    self.contacts.iter().enumerate().map(|(i, c)| (std::cmp::Reverse(time(c)), i as u32)).collect();
                keyed.sort_unstable();
                keyed.into_iter().map(|(_, i)| i).collect()
            }
        }
    }

    /// The contacts of `order` that match every term of `query` in their
    /// name, job title, emails, phone digits, tags or company name —
    /// case- and accent-insensitive. `order` may be any list of positions,
    /// such as the result for a query that this one refines
    /// ([`query_refines`]).
    pub fn filter_contacts(&self, order: &[u32], query: &str) -> Vec<u32> {
        let terms = query_terms(query);
        if terms.is_empty() {
            return order.to_vec();
        }
        // Companies matching each term, so a search for "acme" finds Acme's people.
        let company_hits: Vec<Vec<bool>> = terms
            .iter()
            .map(|t| {
                self.company_search.iter().map(|k| contains_bytes(fold_name_part(k).as_bytes(), t.as_bytes())).collect()
            })
            .collect();
        let matches = |i: usize, key: &str| {
            let company = self.contact_company[i] as usize;
            terms.iter().zip(&company_hits).all(|(term, hits)| {
                contains_bytes(key.as_bytes(), term.as_bytes()) || hits.get(company).copied().unwrap_or(false)
            })
        };
        if order.len() * 4 < self.contacts.len() {
            // A few positions (a refined query): look each one up.
            return order
                .iter()
                .copied()
                .filter(|&i| matches(i as usize, self.contact_search.get(i as usize)))
                .collect();
        }
        // Most of them: read the keys front to back, then pick in `order`.
        let hits: Vec<bool> = self.contact_search.iter().enumerate().map(|(i, key)| matches(i, key)).collect();
        order.iter().copied().filter(|&i| hits[i as usize]).collect()
    }

    /// Company positions sorted by name, filtered by `query`.
    pub fn query_companies(&self, query: &str) -> Vec<u32> {
        let terms = query_terms(query);
        let mut out: Vec<u32> = (0..self.companies.len() as u32)
            .filter(|&i| {
                let key = self.company_search.get(i as usize);
                terms.iter().all(|t| key.contains(t.as_str()))
            })
            .collect();
        out.sort_by_cached_key(|&i| fold(&self.companies[i as usize].name));
        out
    }

    /// Companies sorted by name, for pickers.
    pub fn companies_by_name(&self) -> Vec<(String, String)> {
        self.query_companies("")
            .into_iter()
            .map(|i| {
                let c = &self.companies[i as usize];
                (c.id.clone(), c.name.clone())
            })
            .collect()
    }
}

/// The company's folded name (the part of its search key before the first separator).
fn fold_name_part(key: &str) -> &str {
    key.find('\u{1f}').map_or(key, |end| &key[..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{Email, EmailKind, Phone, PhoneKind};
    use chrono::{TimeZone, Utc};

    fn person(id: &str, given: &str, family: &str, day: u32) -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap();
        let mut c = Contact::blank(id.into(), t);
        c.given_name = given.into();
        c.family_name = family.into();
        c
    }

    fn sample() -> Dataset {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut acme = Company::blank("co-acme".into(), t);
        acme.name = "Acme Élan".into();
        let mut zed = Company::blank("co-zed".into(), t);
        zed.name = "Zed".into();
        let mut a = person("a", "Zoë", "Ødegaard", 3);
        a.company_id = Some("co-zed".into());
        a.emails.push(Email { kind: EmailKind::Work, address: "zoe@zed.no".into() });
        let mut b = person("b", "Jane", "Roe", 1);
        b.company_id = Some("co-acme".into());
        b.phones.push(Phone { kind: PhoneKind::Work, number: "+44 20 7946 0958".into() });
        let c = person("c", "José", "Álvarez", 2);
        Dataset::from_records(vec![acme, zed], vec![a, b, c]).unwrap()
    }

    fn ids(d: &Dataset, positions: &[u32]) -> Vec<String> {
        positions.iter().map(|&i| d.contacts()[i as usize].id.clone()).collect()
    }

    #[test]
    fn sorts_by_folded_family_name_then_by_date() {
        let d = sample();
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Name)), ["c", "a", "b"]);
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Created)), ["a", "c", "b"]);
        // Acme's Jane, then Zed's Zoë, then José without a company.
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Company)), ["b", "a", "c"]);
    }

    #[test]
    fn search_ignores_case_and_accents_and_keeps_order() {
        let d = sample();
        let order = d.contact_order(ContactSort::Name);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "odegaard")), ["a"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "ALVAREZ jose")), ["c"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "o")), ["c", "a", "b"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "7946")), ["b"]);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "elan jane")), ["b"]);
        assert!(d.filter_contacts(&order, "nobody").is_empty());
        assert_eq!(d.filter_contacts(&order, "   ").len(), 3);
    }

    #[test]
    fn apply_keeps_positions_consistent() {
        let mut d = sample();
        d.apply(&Change::DeleteContact { id: "a".into() });
        assert!(d.contact("a").is_none());
        assert_eq!(d.contact("c").unwrap().given_name, "José");
        let order = d.contact_order(ContactSort::Name);
        assert_eq!(ids(&d, &d.filter_contacts(&order, "jose")), ["c"]);
        let mut c = d.contact("c").unwrap().clone();
        c.family_name = "Zapata".into();
        d.apply(&Change::PutContact { record: c });
        assert_eq!(ids(&d, &d.contact_order(ContactSort::Name)), ["b", "c"]);
        assert!(d.filter_contacts(&order, "alvarez").is_empty());
        d.apply(&Change::DeleteCompany { id: "co-acme".into() });
        assert_eq!(d.company("co-zed").unwrap().name, "Zed");
        assert_eq!(d.companies_by_name().len(), 1);
    }

    #[test]
    fn a_refined_query_filters_the_previous_result_to_the_same_list() {
        assert!(query_refines("", "ma"));
        assert!(query_refines("ma", "mar"));
        assert!(query_refines("ma", "Már jo"));
        assert!(query_refines("jo ma", "mar jo"));
        assert!(!query_refines("mar", "ma"));
        assert!(!query_refines("ma jo", "mar"));
        let d = sample();
        let order = d.contact_order(ContactSort::Name);
        for (old, new) in [("o", "od"), ("e", "elan"), ("", "z"), ("j", "jo al")] {
            assert!(query_refines(old, new));
            let narrowed = d.filter_contacts(&d.filter_contacts(&order, old), new);
            assert_eq!(narrowed, d.filter_contacts(&order, new), "{old} → {new}");
        }
    }

    #[test]
    fn keys_and_company_links_stay_right_through_many_changes() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let company = |id: &str, name: &str| {
            let mut c = Company::blank(id.into(), t);
            c.name = name.into();
            c
        };
        let mut d = Dataset::from_records(vec![company("co-1", "Acme"), company("co-2", "Zed")], vec![]).unwrap();
        // Enough puts and deletes that the key buffers are rebuilt several times.
        for round in 0..30u32 {
            for n in 0..200u32 {
                let mut c = person(&format!("p{n}"), &format!("Given{round}x{n}"), "Family", 1);
                c.company_id = Some(["co-1", "co-2", "co-3"][(n % 3) as usize].into());
                d.apply(&Change::PutContact { record: c });
            }
            for n in (0..200u32).step_by(7) {
                d.apply(&Change::DeleteContact { id: format!("p{}", (n + round) % 200) });
            }
        }
        // "co-3" did not exist: its contacts link to it once it does.
        d.apply(&Change::PutCompany { record: company("co-3", "Gamma") });
        d.apply(&Change::DeleteCompany { id: "co-1".into() });
        let order = d.contact_order(ContactSort::Name);
        let expect = |query: &str| -> Vec<String> {
            let terms = query_terms(query);
            order
                .iter()
                .map(|&i| &d.contacts()[i as usize])
                .filter(|c| {
                    let mut text = fold(&c.given_name);
                    text.push(' ');
                    text.push_str(&d.company_name_of(c).map(fold).unwrap_or_default());
                    terms.iter().all(|t| text.contains(t.as_str()))
                })
                .map(|c| c.id.clone())
                .collect()
        };
        for query in ["given29", "gamma", "zed given29x1", "acme", "x19"] {
            assert_eq!(ids(&d, &d.filter_contacts(&order, query)), expect(query), "{query}");
        }
        assert!(!expect("gamma").is_empty());
        assert!(expect("acme").is_empty());
        // Sorting by name keeps position order among equal names.
        let names: Vec<&str> = order.iter().map(|&i| d.contact_sort.get(i as usize)).collect();
        assert!(names.windows(2).all(|w| w[0] <= w[1]));
        assert!(order.windows(2).all(|w| names_equal_then_ordered(&d, w[0], w[1])));
    }

    fn names_equal_then_ordered(d: &Dataset, a: u32, b: u32) -> bool {
        d.contact_sort.get(a as usize) != d.contact_sort.get(b as usize) || a < b
    }

    #[test]
    fn rejects_duplicate_ids() {
        let a = person("a", "A", "A", 1);
        let err = Dataset::from_records(vec![], vec![a.clone(), a]).unwrap_err();
        assert_eq!(err, DuplicateId { kind: "contact", id: "a".into() });
    }

    #[test]
    fn finds_a_companys_contacts() {
        let d = sample();
        assert_eq!(ids(&d, &d.contacts_of_company("co-acme")), ["b"]);
        assert_eq!(d.query_companies("ÉLAN").len(), 1);
        assert_eq!(d.query_companies("acme zed").len(), 0);
    }
}
