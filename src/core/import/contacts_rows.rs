//! Turning rows of an imported spreadsheet into contacts.
//!
//! [`map_row`] applies the column targets ([`super::contacts_map`]) to one
//! row and gives a [`MappedRow`]: a [`ContactDraft`] without id or
//! timestamps, the company named in the row, and a [`RowNote`] for every
//! value that could not be used as it is.
//!
//! Nothing is silently dropped. A value is either stored in a field, or kept
//! in the draft's [`extras`](ContactDraft::extras), which become the
//! "Imported extras" section of the contact's notes, under the column's
//! header: the columns no field takes, a second value for a field that holds
//! one ("Company" twice), and every value that cannot be read (an email
//! without a domain, a date that is not one), whose note says why. A value
//! problem is never a row problem: the row still comes in with that field
//! empty.

use chrono::{DateTime, Datelike, NaiveDate, Utc};

use super::addresses::{join_street_number, split_address_block};
use super::contacts_map::{AddressPart, Mapping, Target};
use super::plan::{Reason, RowNote};
use super::values::{
    is_transport_type, kind_word, parse_date, parse_stage, set_country, split_name, split_tags, CountryRead, DateOrder,
};
use crate::core::countries::country_name;
use crate::core::i18n::{Arg, Message};
use crate::core::records::{
    Address, AddressKind, Contact, Email, EmailKind, ImportantDate, LifecycleStage, Phone, PhoneKind, YearlyDate,
};
use crate::core::text::{collapse_spaces, fold, quoted};
use crate::core::validate::{is_email, is_phone, tidy_contact, tidy_tags, MAX_NAME_LEN, MAX_NOTES_LEN, MAX_TAG_LEN};

/// The heading of the section of a contact's notes that holds the values
/// of an import that no field took.
pub const EXTRAS_HEADING: &str = "Imported extras:";

/// A contact read from a file, before it gets an id and timestamps.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactDraft {
    pub given_name: String,
    pub family_name: String,
    pub nickname: String,
    pub name_prefix: String,
    pub name_suffix: String,
    pub emails: Vec<Email>,
    pub phones: Vec<Phone>,
    pub addresses: Vec<Address>,
    pub job_title: String,
    pub department: String,
    /// `None` when the file did not say; the caller picks a default.
    pub lifecycle_stage: Option<LifecycleStage>,
    pub tags: Vec<String>,
    pub birthday: Option<YearlyDate>,
    pub important_dates: Vec<ImportantDate>,
    pub source: String,
    pub notes: String,
    /// Values no field took, as (label, value): a column's header, or a
    /// vCard property's name. They go into the notes' "Imported extras".
    pub extras: Vec<(String, String)>,
}

impl ContactDraft {
    /// Whether the draft holds nothing worth importing.
    pub fn is_empty(&self) -> bool {
        *self == ContactDraft::default()
    }

    /// Whether the draft names the person: a name or an email address
    /// (what a contact needs to be saved).
    pub fn is_identified(&self) -> bool {
        !(self.given_name.is_empty() && self.family_name.is_empty() && self.emails.is_empty())
    }

    /// The notes the contact gets: the file's notes, then the extras under
    /// [`EXTRAS_HEADING`], one "label: value" line each (the lines of a
    /// value of several lines indented by two spaces).
    pub fn notes_with_extras(&self) -> String {
        if self.extras.is_empty() {
            return self.notes.clone();
        }
        let mut out = self.notes.trim().to_string();
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(EXTRAS_HEADING);
        for (label, value) in &self.extras {
            out.push('\n');
            out.push_str(label);
            out.push_str(": ");
            out.push_str(&value.trim().lines().map(str::trim_end).collect::<Vec<_>>().join("\n  "));
        }
        out
    }

    /// A tidied [`Contact`] with the id, time and company the caller chose.
    pub fn into_contact(self, id: String, now: DateTime<Utc>, company_id: Option<String>) -> Contact {
        let mut c = Contact::blank(id, now);
        c.notes = self.notes_with_extras();
        // The preview said so (see `notes_overflow`).
        cut_notes(&mut c.notes);
        c.given_name = self.given_name;
        c.family_name = self.family_name;
        c.nickname = self.nickname;
        c.name_prefix = self.name_prefix;
        c.name_suffix = self.name_suffix;
        c.emails = self.emails;
        c.phones = self.phones;
        c.addresses = self.addresses;
        c.job_title = self.job_title;
        c.department = self.department;
        c.company_id = company_id;
        c.lifecycle_stage = self.lifecycle_stage.unwrap_or_default();
        c.tags = self.tags;
        c.birthday = self.birthday;
        c.important_dates = self.important_dates;
        c.source = self.source;
        tidy_contact(&mut c);
        c
    }
}

/// One row turned into a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappedRow {
    pub contact: ContactDraft,
    /// The company named in the row; the caller finds or creates it.
    pub company_name: Option<String>,
    /// What the preview says about the row's values, in column order.
    pub notes: Vec<RowNote>,
}

/// Settings for [`map_row`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapOptions {
    /// The ISO code given to addresses that have no country, or empty.
    pub default_country: String,
    /// How to read dates like 3/2/1984; `None` reports them as ambiguous
    /// unless a number above 12 settles it. See
    /// [`guess_date_order`](super::values::guess_date_order).
    pub date_order: Option<DateOrder>,
    /// Today, where the person is: a birthday after it is not plausible.
    pub today: Option<NaiveDate>,
}

/// An address being put together from its columns.
#[derive(Default)]
struct AddressParts {
    slot: u8,
    /// The kind fixed by the header ("Business City"), if any.
    fixed: Option<AddressKind>,
    street: String,
    street2: Vec<String>,
    number: String,
    localities: Vec<String>,
    city: String,
    region: String,
    postal_code: String,
    /// The country cell and its column.
    country: Option<(usize, String)>,
    /// The whole-address cell and its column.
    formatted: Option<(usize, String)>,
}

/// What [`map_row`] collects while it reads a row's cells.
struct Reader<'a> {
    headers: &'a [String],
    out: MappedRow,
    extras: Vec<(String, String)>,
}

impl Reader<'_> {
    fn label(&self, column: usize) -> String {
        match self.headers.get(column).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => h.to_string(),
            _ => format!("Column {}", column + 1),
        }
    }

    /// The column's name in a note: its header, else "Column 3" in the
    /// person's language.
    fn label_arg(&self, column: usize) -> Arg {
        match self.headers.get(column).map(|h| h.trim()) {
            Some(h) if !h.is_empty() => Arg::Text(h.to_string()),
            _ => Arg::Message(Message::new("import.note.column").with("n", (column + 1).to_string())),
        }
    }

    /// A note on a column: `message` with the column's name as `{label}`.
    fn note_on(&mut self, column: usize, reason: Reason, message: Message) {
        let mut message = message;
        message.args.push(("label", self.label_arg(column)));
        self.note(column, reason, message);
    }

    /// Keeps a value in the extras under its column's header.
    fn keep(&mut self, column: usize, value: &str) {
        let label = self.label(column);
        self.extras.push((label, value.to_string()));
    }

    fn note(&mut self, column: usize, reason: Reason, message: Message) {
        self.out.notes.push(RowNote { reason, column: Some(column), message });
    }

    /// A value that cannot be read: kept in the extras, with a note saying why.
    fn unreadable(&mut self, column: usize, reason: Reason, value: &str, why: Message) {
        self.note_on(column, reason, Message::new("import.note.unreadable").with_message("why", why));
        self.keep(column, value);
    }

    /// Sets a text field once; a different second value goes to the extras.
    fn set_once(&mut self, column: usize, field: fn(&mut ContactDraft) -> &mut String, value: &str) {
        let value = collapse_spaces(value);
        let slot = field(&mut self.out.contact);
        if slot.is_empty() {
            *slot = value;
        } else if fold(slot) != fold(&value) {
            self.keep(column, &value);
        }
    }
}

/// Applies the column targets to one row; the headers name the columns in
/// the extras and notes. Missing cells count as empty and cells beyond the
/// targets are ignored, so ragged rows map too.
pub fn map_row<S: AsRef<str>>(row: &[S], mapping: &Mapping, options: &MapOptions) -> MappedRow {
    let mut r = Reader { headers: &mapping.headers, out: MappedRow::default(), extras: Vec::new() };
    let targets = &mapping.targets;
    let mut initials: Vec<(usize, String)> = Vec::new();
    let mut full_names: Vec<(usize, String)> = Vec::new();
    let mut middle = String::new();
    let mut emails: Vec<(u8, Option<EmailKind>, Email)> = Vec::new();
    let mut phones: Vec<(u8, Option<PhoneKind>, Phone)> = Vec::new();
    let mut addresses: Vec<AddressParts> = Vec::new();
    let mut email_types: Vec<(u8, EmailKind)> = Vec::new();
    let mut phone_types: Vec<(u8, PhoneKind)> = Vec::new();
    let mut address_types: Vec<(u8, AddressKind)> = Vec::new();
    let mut display_names: Vec<(usize, String)> = Vec::new();
    // (slot, date, column) and (slot, label, column) of the date columns.
    let mut events: Vec<(u8, YearlyDate, usize)> = Vec::new();
    let mut event_labels: Vec<(u8, String, usize)> = Vec::new();

    for (column, (target, cell)) in targets.iter().zip(row.iter().map(AsRef::as_ref)).enumerate() {
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        // A value longer than its field may be would make a record that no
        // backup of it could restore; it goes to the extras, said so.
        if is_one_line(target) && value.chars().count() > MAX_NAME_LEN {
            let why =
                Message::new("import.note.too_long").with("value", quoted(value)).with("max", MAX_NAME_LEN.to_string());
            r.unreadable(column, Reason::TooLong, value, why);
            continue;
        }
        match *target {
            Target::Ignore => {}
            Target::Extra if mapping.is_quiet(column, value) => {}
            Target::Extra if mapping.is_initials(column) => initials.push((column, value.to_string())),
            Target::Extra | Target::Website => r.keep(column, value),
            Target::GivenName => r.set_once(column, |c| &mut c.given_name, value),
            Target::FamilyName => r.set_once(column, |c| &mut c.family_name, value),
            Target::NamePrefix => r.set_once(column, |c| &mut c.name_prefix, value),
            Target::NameSuffix => r.set_once(column, |c| &mut c.name_suffix, value),
            Target::Nickname => r.set_once(column, |c| &mut c.nickname, value),
            Target::JobTitle => r.set_once(column, |c| &mut c.job_title, value),
            Target::Department => r.set_once(column, |c| &mut c.department, value),
            Target::Source => r.set_once(column, |c| &mut c.source, value),
            Target::MiddleName => {
                if middle.is_empty() {
                    middle = collapse_spaces(value);
                } else {
                    r.keep(column, value);
                }
            }
            Target::FullName => full_names.push((column, collapse_spaces(value))),
            Target::Email { slot, kind } => {
                for address in split_multi(value) {
                    if is_email(address) {
                        let email = Email { kind: kind.unwrap_or_default(), address: address.to_string() };
                        emails.push((slot, kind, email));
                    } else {
                        let why = Message::new("import.note.not_email").with("value", quoted(address));
                        r.unreadable(column, Reason::UnreadableEmail, address, why);
                    }
                }
            }
            Target::Phone { slot, kind } => {
                for number in split_multi(value) {
                    let number = collapse_spaces(number);
                    if is_phone(&number) {
                        phones.push((slot, kind, Phone { kind: kind.unwrap_or_default(), number }));
                    } else {
                        let why = Message::new("import.note.not_phone").with("value", quoted(&number));
                        r.unreadable(column, Reason::UnreadablePhone, &number, why);
                    }
                }
            }
            Target::EmailType { slot } => match kind_word(value) {
                Some(word) => email_types.push((slot, word.email())),
                None if is_transport_type(value) => {}
                None => unknown_type(&mut r, column, value, Message::new("import.note.unknown_email_kind")),
            },
            Target::EmailDisplayName { .. } => display_names.push((column, value.to_string())),
            Target::PhoneType { slot } => match kind_word(value) {
                Some(word) => phone_types.push((slot, word.phone())),
                None => unknown_type(&mut r, column, value, Message::new("import.note.unknown_phone_kind")),
            },
            Target::AddressType { slot } => match kind_word(value) {
                Some(word) => address_types.push((slot, word.address())),
                None => unknown_type(&mut r, column, value, Message::new("import.note.unknown_address_kind")),
            },
            Target::Address { slot, part, kind } => {
                let i = match addresses.iter().position(|a| a.slot == slot && a.fixed == kind) {
                    Some(i) => i,
                    None => {
                        addresses.push(AddressParts { slot, fixed: kind, ..AddressParts::default() });
                        addresses.len() - 1
                    }
                };
                let a = &mut addresses[i];
                let mut second: Option<&str> = None;
                let mut once = |field: &mut String| {
                    if field.is_empty() {
                        *field = collapse_spaces(value);
                    } else if fold(field) != fold(value) {
                        second = Some(value);
                    }
                };
                match part {
                    AddressPart::Street => {
                        // A street cell of several lines: the first is the street, the rest line 2.
                        let mut lines = value.lines().map(collapse_spaces).filter(|l| !l.is_empty());
                        if let Some(first) = lines.next() {
                            if a.street.is_empty() {
                                a.street = first;
                            } else {
                                a.street2.push(first);
                            }
                        }
                        a.street2.extend(lines);
                    }
                    AddressPart::Street2 => {
                        a.street2.extend(value.lines().map(collapse_spaces).filter(|l| !l.is_empty()))
                    }
                    AddressPart::PoBox => {
                        let v = collapse_spaces(value);
                        a.street2.push(if v.bytes().all(|b| b.is_ascii_digit()) { format!("PO Box {v}") } else { v });
                    }
                    AddressPart::StreetNumber => once(&mut a.number),
                    AddressPart::Locality => a.localities.push(collapse_spaces(value)),
                    AddressPart::City => once(&mut a.city),
                    AddressPart::Region => once(&mut a.region),
                    AddressPart::PostalCode => once(&mut a.postal_code),
                    AddressPart::Country => match &a.country {
                        None => a.country = Some((column, collapse_spaces(value))),
                        Some((_, c)) if fold(c) != fold(value) => second = Some(value),
                        Some(_) => {}
                    },
                    AddressPart::Formatted => match &a.formatted {
                        None => a.formatted = Some((column, value.to_string())),
                        Some(_) => second = Some(value),
                    },
                }
                if let Some(v) = second {
                    r.keep(column, v);
                }
            }
            Target::Company => {
                let other = r.out.company_name.as_deref().map(|c| fold(c) != fold(value));
                match other {
                    None => r.out.company_name = Some(collapse_spaces(value)),
                    Some(true) => r.keep(column, value),
                    Some(false) => {}
                }
            }
            Target::Birthday => {
                if let Some(date) = read_date(&mut r, column, value, options) {
                    let implausible =
                        date.date().is_some_and(|d| d.year() < 1900 || options.today.is_some_and(|t| d > t));
                    if implausible {
                        r.note_on(
                            column,
                            Reason::ImplausibleBirthday,
                            Message::new("import.note.implausible_birthday").with("value", quoted(value)),
                        );
                        r.keep(column, value);
                    } else if r.out.contact.birthday.is_none() {
                        r.out.contact.birthday = Some(date);
                    } else if r.out.contact.birthday != Some(date) {
                        r.keep(column, value);
                    }
                }
            }
            Target::Anniversary => {
                if let Some(date) = read_date(&mut r, column, value, options) {
                    r.out.contact.important_dates.push(ImportantDate { label: "Anniversary".into(), date });
                }
            }
            Target::Event { slot } => {
                if let Some(date) = read_date(&mut r, column, value, options) {
                    events.push((slot, date, column));
                }
            }
            Target::EventType { slot } => {
                event_labels.push((slot, collapse_spaces(value.trim_start_matches("* ")), column))
            }
            Target::Tags => {
                for tag in split_tags(value) {
                    if tag.chars().count() > MAX_TAG_LEN {
                        let why = Message::new("import.note.long_tag")
                            .with("value", quoted(&tag))
                            .with("max", MAX_TAG_LEN.to_string());
                        r.unreadable(column, Reason::LongTag, &tag, why);
                    } else {
                        r.out.contact.tags.push(tag);
                    }
                }
            }
            Target::Notes => append_paragraph(&mut r.out.contact.notes, value),
            Target::LifecycleStage => match parse_stage(value) {
                Some(stage) => match r.out.contact.lifecycle_stage {
                    None => r.out.contact.lifecycle_stage = Some(stage),
                    Some(s) if s != stage => r.keep(column, value),
                    Some(_) => {}
                },
                None => {
                    let why = Message::new("import.note.unknown_stage").with("value", quoted(value));
                    r.unreadable(column, Reason::UnknownStage, value, why);
                }
            },
        }
    }

    finish_names(&mut r, full_names, middle);
    let c = &mut r.out.contact;
    // Type columns set the kind of same-slot values whose header fixed none.
    c.emails = emails
        .into_iter()
        .map(|(slot, fixed, mut e)| {
            if fixed.is_none() {
                e.kind = lookup(&email_types, slot).unwrap_or(e.kind);
            }
            e
        })
        .collect();
    c.phones = phones
        .into_iter()
        .map(|(slot, fixed, mut p)| {
            if fixed.is_none() {
                p.kind = lookup(&phone_types, slot).unwrap_or(p.kind);
            }
            p
        })
        .collect();
    for (column, name) in display_names {
        // Outlook's "Jane Roe (jane@example.com)" only repeats the name and address.
        let c = &r.out.contact;
        let repeats = c.emails.iter().any(|e| name.contains(&e.address))
            || fold(&name) == fold(&format!("{} {}", c.given_name, c.family_name));
        if !repeats {
            r.keep(column, &name);
        }
    }
    for (column, text) in initials {
        // "J.M." beside Jörg Müller only repeats the names.
        let c = &r.out.contact;
        let of_names: String = [&c.given_name, &c.family_name]
            .iter()
            .flat_map(|n| n.split([' ', '-']))
            .filter_map(|w| w.chars().next())
            .flat_map(char::to_lowercase)
            .collect();
        let given: String = text.chars().filter(|ch| ch.is_alphabetic()).flat_map(char::to_lowercase).collect();
        if given != of_names {
            r.keep(column, &text);
        }
    }
    for (slot, date, _) in &events {
        let label = event_labels.iter().find(|(s, _, _)| s == slot).map(|(_, l, _)| l.clone());
        let label = label.filter(|l| !l.is_empty()).unwrap_or_else(|| "Important date".to_string());
        r.out.contact.important_dates.push(ImportantDate { label, date: *date });
    }
    for (slot, label, column) in event_labels {
        if !events.iter().any(|(s, _, _)| *s == slot) {
            r.keep(column, &label);
        }
    }
    for parts in addresses {
        finish_address(&mut r, parts, &address_types, options);
    }
    let c = &mut r.out.contact;
    c.tags = tidy_tags(&c.tags);
    c.extras = r.extras;
    // Joined parts (a street number and street, a whole address kept as its
    // street) can still be too long; and the notes with the extras too.
    let notes_column = targets.iter().position(|t| *t == Target::Notes);
    let mut fitted = fit_draft(&mut r.out.contact, &mut r.out.company_name);
    for note in &mut fitted {
        if note.message.key == NOTES_TOO_LONG {
            note.column = notes_column;
        }
    }
    r.out.notes.extend(fitted);
    r.out
}

/// Whether a target's value must fit in one line of [`MAX_NAME_LEN`]
/// characters.
fn is_one_line(target: &Target) -> bool {
    match target {
        Target::GivenName
        | Target::MiddleName
        | Target::FamilyName
        | Target::FullName
        | Target::NamePrefix
        | Target::NameSuffix
        | Target::Nickname
        | Target::JobTitle
        | Target::Department
        | Target::Company
        | Target::Source => true,
        Target::Address { part, .. } => !matches!(part, AddressPart::Country | AddressPart::Formatted),
        _ => false,
    }
}

/// The key of the note that says the notes with the extras are too long.
pub const NOTES_TOO_LONG: &str = "import.note.notes_too_long";

/// Keeps a draft within the record's limits, for drafts read without
/// column targets (a vCard) and as the last step of [`map_row`]: a name,
/// title, department, source, address part or company too long for its field
/// and a tag too long for a tag go to the extras, with a note each; notes
/// that with the extras would be longer than a contact's notes may be get a
/// note saying that only their first [`MAX_NOTES_LEN`] characters are kept.
pub fn fit_draft(c: &mut ContactDraft, company: &mut Option<String>) -> Vec<RowNote> {
    let mut notes = Vec::new();
    let mut moved: Vec<(String, String)> = Vec::new();
    let too_long = |v: &str, max: usize| v.chars().count() > max;
    // The field's name in the note (in the person's language) and in the extras (English, as data).
    let mut say = |reason: Reason, field: &'static str, value: &str, max: usize| {
        let why = Message::new("import.note.too_long").with("value", quoted(value)).with("max", max.to_string());
        notes.push(RowNote {
            reason,
            column: None,
            message: Message::new("import.note.unreadable")
                .with_message("label", Message::new(field))
                .with_message("why", why),
        });
    };
    for (field, label, value) in [
        ("contacts.field.name_prefix", "Name prefix", &mut c.name_prefix),
        ("contacts.field.given_name", "Given name", &mut c.given_name),
        ("contacts.field.family_name", "Family name", &mut c.family_name),
        ("contacts.field.name_suffix", "Name suffix", &mut c.name_suffix),
        ("contacts.field.nickname", "Nickname", &mut c.nickname),
        ("contacts.field.job_title", "Job title", &mut c.job_title),
        ("contacts.field.department", "Department", &mut c.department),
        ("contacts.field.source", "Source", &mut c.source),
    ] {
        if too_long(value, MAX_NAME_LEN) {
            let value = std::mem::take(value);
            say(Reason::TooLong, field, &value, MAX_NAME_LEN);
            moved.push((label.to_string(), value));
        }
    }
    for a in &mut c.addresses {
        for value in [&mut a.street, &mut a.street2, &mut a.city, &mut a.region, &mut a.postal_code, &mut a.country] {
            if too_long(value, MAX_NAME_LEN) {
                let value = std::mem::take(value);
                say(Reason::TooLong, "companies.field.address", &value, MAX_NAME_LEN);
                moved.push(("Address".to_string(), value));
            }
        }
    }
    c.addresses.retain(|a| !a.is_blank());
    if let Some(name) = company.take_if(|n| too_long(n, MAX_NAME_LEN)) {
        say(Reason::TooLong, "contacts.field.company", &name, MAX_NAME_LEN);
        moved.push(("Company".to_string(), name));
    }
    let (kept, long): (Vec<String>, Vec<String>) =
        std::mem::take(&mut c.tags).into_iter().partition(|t| !too_long(t, MAX_TAG_LEN));
    c.tags = kept;
    for tag in long {
        say(Reason::LongTag, "import.note.tag", &tag, MAX_TAG_LEN);
        moved.push(("Tag".to_string(), tag));
    }
    c.extras.extend(moved);
    if too_long(&c.notes_with_extras(), MAX_NOTES_LEN) {
        notes.push(RowNote {
            reason: Reason::TooLong,
            column: None,
            message: Message::new(NOTES_TOO_LONG).with("max", MAX_NOTES_LEN.to_string()),
        });
    }
    notes
}

/// Cuts notes longer than [`MAX_NOTES_LEN`] characters; `true` when it cut.
pub fn cut_notes(notes: &mut String) -> bool {
    match notes.char_indices().nth(MAX_NOTES_LEN) {
        Some((end, _)) => {
            notes.truncate(end);
            true
        }
        None => false,
    }
}

/// Reads a date cell; an unreadable one is kept in the extras with a note,
/// and a date without a year gets a note saying how it is stored.
fn read_date(r: &mut Reader<'_>, column: usize, value: &str, options: &MapOptions) -> Option<YearlyDate> {
    match parse_date(value, options.date_order) {
        Ok(Some(date)) => {
            if date.year().is_none() {
                r.note_on(
                    column,
                    Reason::YearlessDate,
                    Message::new("import.note.yearless").with("value", quoted(value)).with_date("date", date),
                );
            }
            Some(date)
        }
        Ok(None) => None,
        Err(e) => {
            let reason = if e.is_ambiguous { Reason::AmbiguousDate } else { Reason::UnreadableDate };
            r.unreadable(column, reason, value, e.message);
            None
        }
    }
}

/// `message` is one of `import.note.unknown_*_kind`, whose English says
/// "{label}: {value} is not a kind of email the app has; …".
fn unknown_type(r: &mut Reader<'_>, column: usize, value: &str, message: Message) {
    r.note_on(column, Reason::UnknownType, message.with("value", quoted(value)));
    r.keep(column, value);
}

/// Given and family names from a full name when the row has neither, the
/// middle name after the given name; a full name that says more than the
/// names is kept in the extras.
fn finish_names(r: &mut Reader<'_>, full_names: Vec<(usize, String)>, middle: String) {
    let mut full = full_names.into_iter();
    let c = &mut r.out.contact;
    let first = full.next();
    if let Some((column, name)) = &first {
        if c.given_name.is_empty() && c.family_name.is_empty() {
            let parts = split_name(name);
            (c.given_name, c.family_name) = (parts.given, parts.family);
            // Titles and suffixes of the full name fill fields the row left empty, else go to the extras.
            for (field, value) in [(&mut c.name_prefix, parts.prefix), (&mut c.name_suffix, parts.suffix)] {
                if field.is_empty() {
                    *field = value;
                } else if !value.is_empty() && fold(field) != fold(&value) {
                    r.extras.push((r.headers.get(*column).cloned().unwrap_or_default(), value));
                }
            }
        } else {
            // "Name" beside "Given Name" and "Family Name" usually just joins them.
            let words = |s: &str| {
                let mut w: Vec<String> = fold(s)
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(String::from)
                    .collect();
                w.sort();
                w
            };
            let known = words(&format!(
                "{} {} {} {} {} {}",
                c.name_prefix, c.given_name, middle, c.family_name, c.name_suffix, c.nickname
            ));
            if !words(name).iter().all(|w| known.contains(w)) {
                let (column, name) = (*column, name.clone());
                r.keep(column, &name);
            }
        }
    }
    for (column, name) in full {
        r.keep(column, &name);
    }
    let c = &mut r.out.contact;
    if !middle.is_empty() {
        c.given_name = collapse_spaces(&format!("{} {middle}", c.given_name));
    }
}

/// Puts an address together: its kind, its country (the default country
/// when it names none), the house number joined to the street, localities,
/// a whole-address block split or kept.
fn finish_address(r: &mut Reader<'_>, p: AddressParts, types: &[(u8, AddressKind)], options: &MapOptions) {
    let kind = p.fixed.or_else(|| lookup(types, p.slot)).unwrap_or_default();
    let mut a = Address {
        kind,
        street: p.street,
        city: p.city,
        region: p.region,
        postal_code: p.postal_code,
        ..Address::default()
    };
    let mut street2 = p.street2;
    for locality in p.localities {
        if a.city.is_empty() {
            a.city = locality;
        } else if fold(&a.city) != fold(&locality) {
            street2.push(locality);
        }
    }
    if let Some((column, country)) = &p.country {
        if set_country(&mut a, country) == CountryRead::Unrecognised {
            let message = Message::new("import.note.unknown_country").with("value", quoted(country));
            r.note_on(*column, Reason::UnknownCountry, message);
        }
    }
    let has_parts = !(a.street.is_empty()
        && street2.is_empty()
        && a.city.is_empty()
        && a.postal_code.is_empty()
        && p.number.is_empty());
    if let Some((column, block)) = p.formatted {
        if !has_parts {
            match split_address_block(&block) {
                Some(split) => {
                    a.street = split.street;
                    street2.push(split.street2);
                    a.city = split.city;
                    a.region = if a.region.is_empty() { split.region } else { a.region };
                    a.postal_code = split.postal_code;
                    if a.country.is_empty() {
                        a.country = split.country;
                    }
                }
                None => {
                    r.note_on(column, Reason::AddressAsWritten, Message::new("import.note.address_as_written"));
                    let lines: Vec<String> = block.lines().map(collapse_spaces).filter(|l| !l.is_empty()).collect();
                    a.street = lines.join(", ");
                }
            }
        } else if !block_is_repeated(&block, &a, &street2, &p.number) {
            r.keep(column, &block);
        }
    }
    if a.country.is_empty()
        && !options.default_country.is_empty()
        && !(a.is_blank() && street2.is_empty() && p.number.is_empty())
    {
        a.country = options.default_country.clone();
    }
    a.street = join_street_number(&a.street, &p.number, &a.country);
    a.street2 = street2.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
    if !a.is_blank() {
        r.out.contact.addresses.push(a);
    }
}

/// Whether every word of a whole-address block is already in the address's
/// parts (or its country's name), so the block adds nothing.
fn block_is_repeated(block: &str, a: &Address, street2: &[String], number: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        fold(s).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(String::from).collect()
    };
    let country = country_name(&a.country).unwrap_or_default();
    let known = words(&format!(
        "{} {} {} {} {} {} {} {}",
        a.street,
        street2.join(" "),
        number,
        a.city,
        a.region,
        a.postal_code,
        a.country,
        country
    ));
    words(block).iter().all(|w| known.contains(w))
}

fn append_paragraph(notes: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !notes.is_empty() {
        notes.push_str("\n\n");
    }
    notes.push_str(text);
}

fn lookup<K: Copy>(types: &[(u8, K)], slot: u8) -> Option<K> {
    types.iter().find(|(s, _)| *s == slot).map(|(_, k)| *k)
}

/// Google puts several values in one cell separated by " ::: ".
fn split_multi(value: &str) -> impl Iterator<Item = &str> {
    value.split(":::").map(str::trim).filter(|v| !v.is_empty())
}

// Native only: proptest is not a wasm dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::core::import::contacts_map::auto_map;
    use crate::core::import::real_exports::{headers, row, GOOGLE_CLASSIC, GOOGLE_CURRENT, OUTLOOK, SEPARATE_ADDRESS};
    use crate::core::import::values::kind_word;
    use proptest::prelude::*;

    fn map(line: &str, cells: &[(&str, &str)], options: &MapOptions) -> MappedRow {
        let h = headers(line);
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        map_row(&row(&h, cells), &mapping, options)
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, 1).unwrap()
    }

    fn options(country: &str) -> MapOptions {
        MapOptions { default_country: country.into(), date_order: None, today: Some(today()) }
    }

    fn extras(m: &MappedRow) -> Vec<(&str, &str)> {
        m.contact.extras.iter().map(|(l, v)| (l.as_str(), v.as_str())).collect()
    }

    fn reasons(m: &MappedRow) -> Vec<Reason> {
        m.notes.iter().map(|n| n.reason).collect()
    }

    fn address(
        kind: AddressKind,
        street: &str,
        street2: &str,
        city: &str,
        region: &str,
        postal: &str,
        country: &str,
    ) -> Address {
        Address {
            kind,
            street: street.into(),
            street2: street2.into(),
            city: city.into(),
            region: region.into(),
            postal_code: postal.into(),
            country: country.into(),
        }
    }

    #[test]
    fn a_classic_google_row_comes_in_whole() {
        assert_eq!(headers(GOOGLE_CLASSIC).len(), 56);
        let m = map(
            GOOGLE_CLASSIC,
            &[
                ("Name", "Dr. Jane Roe PhD"),
                ("Given Name", "Jane"),
                ("Family Name", "Roe"),
                ("Yomi Name", "ジェーン"),
                ("Name Prefix", "Dr."),
                ("Name Suffix", "PhD"),
                ("Nickname", "Janie"),
                ("Birthday", "--03-07"),
                ("Occupation", "Engineer"),
                ("Notes", "Met at the Expo.\nLikes tea."),
                ("Group Membership", "* myContacts ::: Friends ::: Board"),
                ("E-mail 1 - Type", "* Work"),
                ("E-mail 1 - Value", "jane@acme.example ::: j.roe@acme.example"),
                ("E-mail 2 - Type", "Home"),
                ("E-mail 2 - Value", "jane@home.example"),
                ("Phone 1 - Type", "Mobile"),
                ("Phone 1 - Value", "+354 555 1234"),
                ("Phone 2 - Type", "Google Voice"),
                ("Phone 2 - Value", "555 6789"),
                ("Address 1 - Type", "Home"),
                ("Address 1 - Formatted", "Laugavegur 1\nFlat 3\n101 Reykjavík\nIceland"),
                ("Address 1 - Street", "Laugavegur 1"),
                ("Address 1 - City", "Reykjavík"),
                ("Address 1 - Postal Code", "101"),
                ("Address 1 - Country", "Iceland"),
                ("Address 1 - Extended Address", "Flat 3"),
                ("Organization 1 - Name", "Acme hf."),
                ("Organization 1 - Title", "CTO"),
                ("Organization 1 - Department", "Research"),
                ("Organization 1 - Location", "Building 2"),
                ("Website 1 - Type", "Profile"),
                ("Website 1 - Value", "https://jane.example"),
            ],
            &options("GB"),
        );
        let c = &m.contact;
        assert_eq!(
            (c.name_prefix.as_str(), c.given_name.as_str(), c.family_name.as_str(), c.name_suffix.as_str()),
            ("Dr.", "Jane", "Roe", "PhD")
        );
        assert_eq!(c.nickname, "Janie");
        assert_eq!(c.birthday, YearlyDate::without_year(3, 7));
        assert_eq!(c.notes, "Met at the Expo.\nLikes tea.");
        assert_eq!(c.tags, ["Friends", "Board"]);
        let emails: Vec<(EmailKind, &str)> = c.emails.iter().map(|e| (e.kind, e.address.as_str())).collect();
        assert_eq!(
            emails,
            [
                (EmailKind::Work, "jane@acme.example"),
                (EmailKind::Work, "j.roe@acme.example"),
                (EmailKind::Personal, "jane@home.example")
            ]
        );
        let phones: Vec<(PhoneKind, &str)> = c.phones.iter().map(|p| (p.kind, p.number.as_str())).collect();
        assert_eq!(phones, [(PhoneKind::Mobile, "+354 555 1234"), (PhoneKind::Mobile, "555 6789")]);
        // An unknown country would stay as written; Iceland is known, by any name.
        assert_eq!(c.addresses, [address(AddressKind::Home, "Laugavegur 1", "Flat 3", "Reykjavík", "", "101", "IS")]);
        assert_eq!(m.company_name.as_deref(), Some("Acme hf."));
        assert_eq!((c.job_title.as_str(), c.department.as_str()), ("CTO", "Research"));
        // The formatted block repeats the parts; "Name" repeats the names.
        assert_eq!(
            extras(&m),
            [
                ("Yomi Name", "ジェーン"),
                ("Occupation", "Engineer"),
                ("Phone 2 - Type", "Google Voice"),
                ("Organization 1 - Location", "Building 2"),
                ("Website 1 - Type", "Profile"),
                ("Website 1 - Value", "https://jane.example"),
            ]
        );
        assert_eq!(reasons(&m), [Reason::YearlessDate, Reason::UnknownType]);
        assert_eq!(m.notes[0].message.english(), "Birthday: \"--03-07\" has no year; it is stored as 7 March");
        assert_eq!(m.notes[0].column, Some(14));
        let notes = c.clone().into_contact("x".into(), DateTime::UNIX_EPOCH, None).notes;
        assert!(
            notes.starts_with(
                "Met at the Expo.\nLikes tea.\n\nImported extras:\nYomi Name: ジェーン\nOccupation: Engineer\n"
            ),
            "{notes}"
        );
    }

    #[test]
    fn a_current_google_row_with_events_relations_and_custom_fields() {
        let m = map(
            GOOGLE_CURRENT,
            &[
                ("First Name", "Sigríður"),
                ("Middle Name", "Anna"),
                ("Last Name", "Jónsdóttir"),
                ("Phonetic First Name", "Sigrithur"),
                ("File As", "Jónsdóttir, Sigríður"),
                ("Organization Name", "Fjord ehf."),
                ("Organization Title", "Skipper"),
                ("Birthday", "1984-03-07"),
                ("Photo", "https://lh3.googleusercontent.com/contacts/abc"),
                ("Labels", "* myContacts ::: * starred ::: Crew"),
                ("E-mail 1 - Label", "* Other"),
                ("E-mail 1 - Value", "sigga@fjord.example"),
                ("Phone 1 - Label", "Work"),
                ("Phone 1 - Value", "+354 555 0001"),
                ("Address 1 - Label", "Work"),
                ("Address 1 - Formatted", "Hafnarstræti 5\n101 Reykjavík\nÍsland"),
                ("Relation 1 - Label", "Spouse"),
                ("Relation 1 - Value", "Jón"),
                ("Website 1 - Value", "fjord.example"),
                ("Event 1 - Label", "Anniversary"),
                ("Event 1 - Value", "--06-21"),
                ("Custom Field 1 - Label", "Boat"),
                ("Custom Field 1 - Value", "Sæbjörg"),
            ],
            &options(""),
        );
        let c = &m.contact;
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Sigríður Anna", "Jónsdóttir"));
        assert_eq!(c.birthday, YearlyDate::new(Some(1984), 3, 7));
        assert_eq!(
            c.important_dates,
            [ImportantDate { label: "Anniversary".into(), date: YearlyDate::without_year(6, 21).unwrap() }]
        );
        assert_eq!(c.tags, ["starred", "Crew"]);
        assert_eq!(c.emails, [Email { kind: EmailKind::Other, address: "sigga@fjord.example".into() }]);
        assert_eq!(c.phones, [Phone { kind: PhoneKind::Work, number: "+354 555 0001".into() }]);
        // Only the formatted block: split into its parts (a three-digit postcode
        // is not a usual form, so it is kept whole as the street).
        assert_eq!(c.addresses.len(), 1);
        assert_eq!(c.addresses[0].street, "Hafnarstræti 5, 101 Reykjavík, Ísland");
        assert_eq!(reasons(&m), [Reason::YearlessDate, Reason::AddressAsWritten]);
        assert_eq!(
            extras(&m),
            [
                ("Phonetic First Name", "Sigrithur"),
                ("File As", "Jónsdóttir, Sigríður"),
                ("Relation 1 - Label", "Spouse"),
                ("Relation 1 - Value", "Jón"),
                ("Website 1 - Value", "fjord.example"),
                ("Custom Field 1 - Label", "Boat"),
                ("Custom Field 1 - Value", "Sæbjörg"),
            ]
        );
        // A block in a usual form is split.
        let m = map(
            GOOGLE_CURRENT,
            &[("First Name", "Ann"), ("Address 1 - Formatted", "Damrak 1\n1012 LG Amsterdam\nNetherlands")],
            &options(""),
        );
        assert_eq!(m.contact.addresses, [address(AddressKind::Work, "Damrak 1", "", "Amsterdam", "", "1012 LG", "NL")]);
        assert!(m.notes.is_empty() && m.contact.extras.is_empty());
    }

    #[test]
    fn a_european_outlook_row_with_its_empty_date_markers() {
        assert_eq!(headers(OUTLOOK).len(), 92);
        let m = map(
            OUTLOOK,
            &[
                ("Title", "Herr"),
                ("First Name", "Jörg"),
                ("Last Name", "Müller"),
                ("Suffix", "Jr."),
                ("Company", "Müller & Söhne GmbH"),
                ("Department", "Einkauf"),
                ("Job Title", "Leiter"),
                ("Business Street", "Hauptstraße 12"),
                ("Business Street 2", "Hinterhaus"),
                ("Business City", "Berlin"),
                ("Business Postal Code", "10115"),
                ("Business Country/Region", "Deutschland"),
                ("Home Street", "Laugavegur 1"),
                ("Home City", "Reykjavík"),
                ("Home Country/Region", "Island"),
                ("Business Fax", "+49 30 123457"),
                ("Business Phone", "030 123456"),
                ("Mobile Phone", "0171 1234567"),
                ("Anniversary", "21.06.2001"),
                ("Birthday", "0.0.00"),
                ("Categories", "Kunden;VIP"),
                ("E-mail Address", "joerg@mueller.example"),
                ("E-mail Type", "SMTP"),
                ("E-mail Display Name", "Jörg Müller (joerg@mueller.example)"),
                ("Gender", "Unspecified"),
                ("Initials", "J.M."),
                ("Notes", "Rechnung über 1.200 € – „dringend“"),
                ("Priority", "Normal"),
                ("Private", "False"),
                ("Sensitivity", "Normal"),
                ("Spouse", "Anna"),
                ("Web Page", "www.mueller.example"),
            ],
            &options("DE"),
        );
        let c = &m.contact;
        assert_eq!(
            (c.name_prefix.as_str(), c.given_name.as_str(), c.family_name.as_str(), c.name_suffix.as_str()),
            ("Herr", "Jörg", "Müller", "Jr.")
        );
        assert_eq!((c.department.as_str(), c.job_title.as_str()), ("Einkauf", "Leiter"));
        assert_eq!(c.birthday, None, "0.0.00 is Outlook's empty date");
        assert_eq!(
            c.important_dates,
            [ImportantDate { label: "Anniversary".into(), date: YearlyDate::new(Some(2001), 6, 21).unwrap() }]
        );
        assert_eq!(c.tags, ["Kunden", "VIP"]);
        assert_eq!(c.emails, [Email { kind: EmailKind::Work, address: "joerg@mueller.example".into() }]);
        let phones: Vec<(PhoneKind, &str)> = c.phones.iter().map(|p| (p.kind, p.number.as_str())).collect();
        assert_eq!(phones, [(PhoneKind::Work, "030 123456"), (PhoneKind::Mobile, "0171 1234567")]);
        assert_eq!(
            c.addresses,
            [
                address(AddressKind::Work, "Hauptstraße 12", "Hinterhaus", "Berlin", "", "10115", "DE"),
                address(AddressKind::Home, "Laugavegur 1", "", "Reykjavík", "", "", "IS"),
            ]
        );
        assert_eq!(c.notes, "Rechnung über 1.200 € – „dringend“");
        // Outlook's defaults, the e-mail type and a display name that repeats say nothing.
        assert_eq!(
            extras(&m),
            [("Business Fax", "+49 30 123457"), ("Spouse", "Anna"), ("Web Page", "www.mueller.example")]
        );
        assert_eq!(m.notes, []);
    }

    #[test]
    fn separate_street_number_suburb_and_second_line_make_one_address() {
        let m = map(
            SEPARATE_ADDRESS,
            &[
                ("first_name", "Mia"),
                ("last_name", "Nguyen"),
                ("email", "mia@harbour.example"),
                ("phone", "0412 345 678"),
                ("company", "Harbour Pty Ltd"),
                ("street_number", "42"),
                ("address_1", "George St"),
                ("address_2", "Unit 3"),
                ("suburb", "The Rocks"),
                ("state", "NSW"),
                ("postcode", "2000"),
                ("country", "Australia"),
            ],
            &options("GB"),
        );
        assert_eq!(
            m.contact.addresses,
            [address(AddressKind::Work, "42 George St", "Unit 3", "The Rocks", "NSW", "2000", "AU")]
        );
        assert!(m.notes.is_empty() && m.contact.extras.is_empty(), "{:?} {:?}", m.notes, m.contact.extras);
        // In a country that writes the number after the street, it goes after;
        // a suburb beside a city is a street line.
        let h = headers("street,house number,suburb,city,zip,country");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let m = map_row(&["Hauptstraße", "12a", "Mitte", "Berlin", "10115", ""], &mapping, &options("DE"));
        assert_eq!(
            m.contact.addresses,
            [address(AddressKind::Work, "Hauptstraße 12a", "Mitte", "Berlin", "", "10115", "DE")]
        );
    }

    #[test]
    fn values_too_long_for_their_field_go_to_the_extras_and_long_notes_are_said() {
        let h = headers("First,Last,Company,Notes,City,Tags");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let long = "X".repeat(MAX_NAME_LEN + 1);
        let long_tag = "T".repeat(MAX_TAG_LEN + 1);
        let m = map_row(
            &["Ada", long.as_str(), long.as_str(), "Met at the fair", long.as_str(), &format!("vip;{long_tag}")],
            &mapping,
            &options(""),
        );
        let c = &m.contact;
        assert_eq!(
            (c.given_name.as_str(), c.family_name.as_str(), c.tags.clone()),
            ("Ada", "", vec!["vip".to_string()])
        );
        assert_eq!((m.company_name.as_deref(), c.addresses.len()), (None, 0));
        assert_eq!(
            extras(&m),
            [("Last", long.as_str()), ("Company", long.as_str()), ("City", long.as_str()), ("Tags", long_tag.as_str())]
        );
        assert_eq!(reasons(&m), [Reason::TooLong, Reason::TooLong, Reason::TooLong, Reason::LongTag]);
        let quoted80 = format!("Last: \"{}…\" is longer than 200 characters", "X".repeat(80));
        assert!(m.notes[0].message.english().starts_with(&quoted80), "{}", m.notes[0].message.english());
        assert_eq!(m.notes[0].column, Some(1));
        assert!(m.notes.iter().all(|n| n.message.english().chars().count() < 200));
        // 200 characters fit.
        let fits = "Y".repeat(MAX_NAME_LEN);
        assert_eq!(map_row(&["Ada", fits.as_str()], &mapping, &options("")).contact.family_name, fits);

        // A 1 MB name: kept in the extras; the notes would pass their limit,
        // which the preview says, and the contact keeps their first 20,000 characters.
        let huge = "Z".repeat(1 << 20);
        let m = map_row(&["Ada", huge.as_str()], &mapping, &options(""));
        assert_eq!(reasons(&m), [Reason::TooLong, Reason::TooLong]);
        assert_eq!(
            m.notes[1].message.english(),
            "The notes with the imported extras are longer than 20000 characters; only the first 20000 would be kept"
        );
        assert_eq!(m.notes[1].column, Some(3));
        let notes = m.contact.into_contact("x".into(), DateTime::UNIX_EPOCH, None).notes;
        assert_eq!(notes.chars().count(), MAX_NOTES_LEN);
        assert!(notes.starts_with("Imported extras:\nLast: ZZZ"), "{}", &notes[..40]);
    }

    #[test]
    fn messages_quote_a_huge_unreadable_value_in_part() {
        let h = headers("Name,Email,Birthday");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let huge = "x".repeat(1 << 20);
        let m = map_row(&["Ada", huge.as_str(), huge.as_str()], &mapping, &options(""));
        // (2 MB of extras also pass the notes' limit, which is said too.)
        assert_eq!(reasons(&m), [Reason::UnreadableEmail, Reason::UnreadableDate, Reason::TooLong]);
        assert!(
            m.notes.iter().all(|n| n.message.english().chars().count() < 300),
            "{}",
            m.notes[0].message.english().len()
        );
        // The values themselves are kept whole in the extras.
        assert_eq!(extras(&m), [("Email", huge.as_str()), ("Birthday", huge.as_str())]);
    }

    #[test]
    fn fit_draft_moves_long_values_of_a_card_to_the_extras() {
        let long = "ü".repeat(MAX_NAME_LEN + 1);
        let long_tag = "t".repeat(MAX_TAG_LEN + 1);
        let mut d = ContactDraft {
            given_name: "Bo".into(),
            job_title: long.clone(),
            department: long.clone(),
            tags: vec!["vip".into(), long_tag.clone()],
            addresses: vec![
                Address { street2: long.clone(), ..Address::default() },
                Address { city: "Oslo".into(), ..Address::default() },
            ],
            ..ContactDraft::default()
        };
        let mut company = Some(long.clone());
        let notes = fit_draft(&mut d, &mut company);
        let reasons: Vec<Reason> = notes.iter().map(|n| n.reason).collect();
        assert_eq!(reasons, [Reason::TooLong, Reason::TooLong, Reason::TooLong, Reason::TooLong, Reason::LongTag]);
        assert_eq!((d.given_name.as_str(), d.job_title.as_str(), d.department.as_str(), company), ("Bo", "", "", None));
        assert_eq!(d.tags, ["vip"]);
        assert_eq!(d.addresses, [Address { city: "Oslo".into(), ..Address::default() }]);
        let labels: Vec<&str> = d.extras.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(labels, ["Job title", "Department", "Address", "Company", "Tag"]);
        let mut fine = ContactDraft { given_name: "Bo".into(), ..ContactDraft::default() };
        assert!(fit_draft(&mut fine, &mut Some("Acme".into())).is_empty());
    }

    #[test]
    fn a_value_problem_is_not_a_row_problem() {
        let h = headers("Name,Email,Phone,Birthday,Lifecycle Stage,Country,Tags,Anniversary");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let long_tag = "x".repeat(60);
        let m = map_row(
            &["Jane Roe", "jane@", "call me", "31/02/1984", "other", "Narnia", &format!("vip; {long_tag}"), "3/4/2001"],
            &mapping,
            &options("DE"),
        );
        let c = &m.contact;
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jane", "Roe"));
        assert!(c.emails.is_empty() && c.phones.is_empty() && c.birthday.is_none() && c.lifecycle_stage.is_none());
        assert_eq!(c.tags, ["vip"]);
        // The unknown country stays in the country, as written; the default country does not replace it.
        assert_eq!(c.addresses, [Address { country: "Narnia".into(), ..Address::default() }]);
        assert_eq!(
            reasons(&m),
            [
                Reason::UnreadableEmail,
                Reason::UnreadablePhone,
                Reason::UnreadableDate,
                Reason::UnknownStage,
                Reason::LongTag,
                Reason::AmbiguousDate,
                Reason::UnknownCountry,
            ]
        );
        assert_eq!(
            m.notes[0].message.english(),
            "Email: \"jane@\" is not an email address; it is kept in the imported extras"
        );
        assert_eq!(m.notes[0].column, Some(1));
        assert!(m.notes[5].message.english().contains("choose the date order"), "{}", m.notes[5].message.english());
        assert_eq!(
            extras(&m),
            [
                ("Email", "jane@"),
                ("Phone", "call me"),
                ("Birthday", "31/02/1984"),
                ("Lifecycle Stage", "other"),
                ("Tags", long_tag.as_str()),
                ("Anniversary", "3/4/2001"),
            ]
        );
        // With the date order chosen, the ambiguous date is read.
        let m = map_row(
            &["Jane", "", "", "", "", "", "", "3/4/2001"],
            &mapping,
            &MapOptions { date_order: Some(DateOrder::DayMonthYear), ..options("") },
        );
        assert_eq!(m.contact.important_dates[0].date, YearlyDate::new(Some(2001), 4, 3).unwrap());
    }

    #[test]
    fn implausible_birthdays_and_second_values_are_kept_aside() {
        let h = headers("First,Last,Birthday,DOB,Company,Organisation,Lifecycle Stage,Stage,Full Name");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let m = map_row(
            &["Ada", "King", "1815-12-10", "2030-01-01", "Acme", "Globex", "lead", "customer", "Augusta Ada King"],
            &mapping,
            &options(""),
        );
        assert_eq!(m.contact.birthday, None);
        assert_eq!(m.company_name.as_deref(), Some("Acme"));
        assert_eq!(m.contact.lifecycle_stage, Some(LifecycleStage::Acquisition));
        // "DOB" repeats the birthday column, so it is an extra (see `auto_map`): kept, without a note.
        assert_eq!(reasons(&m), [Reason::ImplausibleBirthday]);
        assert_eq!(
            extras(&m),
            [
                ("Birthday", "1815-12-10"),
                ("DOB", "2030-01-01"),
                ("Organisation", "Globex"),
                ("Stage", "customer"),
                ("Full Name", "Augusta Ada King"),
            ]
        );
        // A full name alone gives the names, with its title and suffix.
        let h = headers("Name");
        let m = map_row(&["Prof. Grace Hopper PhD"], &Mapping::new(h.clone(), auto_map(&h)), &options(""));
        let c = &m.contact;
        assert_eq!(
            (c.name_prefix.as_str(), c.given_name.as_str(), c.family_name.as_str(), c.name_suffix.as_str()),
            ("Prof.", "Grace", "Hopper", "PhD")
        );
    }

    #[test]
    fn dont_import_is_the_only_way_to_leave_a_column_out() {
        let h = headers("Name,Loyalty number,Photo");
        let mut mapping = Mapping::new(h.clone(), auto_map(&h));
        assert_eq!(mapping.targets, [Target::FullName, Target::Extra, Target::Ignore]);
        let m = map_row(&["Jo Doe", "4711", "https://photos.example/1.jpg"], &mapping, &options(""));
        assert_eq!(extras(&m), [("Loyalty number", "4711")]);
        assert_eq!(mapping.unimported(&[true, true, true]), [2]);
        mapping.targets[1] = Target::Ignore;
        assert!(map_row(&["Jo Doe", "4711", ""], &mapping, &options("")).contact.extras.is_empty());
        assert_eq!(mapping.unimported(&[true, true, false]), [1]);
    }

    #[test]
    fn draft_becomes_a_valid_contact_with_its_extras_in_the_notes() {
        let h = headers("Person - Name,Person - Email,Person - Labels,Shoe size");
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let m = map_row(&["Dr. Jürgen  Müller", " j@x.de ", "a, b", "44\nwide"], &mapping, &options(""));
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 1, 2, 3, 4, 5).unwrap();
        let c = m.contact.into_contact("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), t, None);
        assert_eq!(
            (c.name_prefix.as_str(), c.given_name.as_str(), c.family_name.as_str()),
            ("Dr.", "Jürgen", "Müller")
        );
        assert_eq!(c.tags, ["a", "b"]);
        assert_eq!(c.notes, "Imported extras:\nShoe size: 44\n  wide");
        assert!(crate::core::validate::validate_contact(&c, today()).is_empty());
    }

    /// The words of a text, folded, with leading zeros dropped from numbers.
    fn words(text: &str) -> Vec<String> {
        fold(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.bytes().all(|b| b.is_ascii_digit()) {
                    w.trim_start_matches('0').to_string()
                } else {
                    w.to_string()
                }
            })
            .collect()
    }

    /// Everything a mapped row keeps, as words.
    fn kept_words(m: &MappedRow) -> Vec<String> {
        let c = &m.contact;
        let mut text = format!(
            "{} {} {} {} {} {} {} {} {} {} {}",
            c.name_prefix,
            c.given_name,
            c.family_name,
            c.name_suffix,
            c.nickname,
            c.job_title,
            c.department,
            c.source,
            c.tags.join(" "),
            m.company_name.clone().unwrap_or_default(),
            c.notes_with_extras()
        );
        for e in &c.emails {
            text.push_str(&format!(" {} {}", e.address, e.kind.label()));
        }
        for p in &c.phones {
            text.push_str(&format!(" {} {}", p.number, p.kind.label()));
        }
        for a in &c.addresses {
            let name = crate::core::countries::country_name(&a.country).unwrap_or_default();
            text.push_str(&format!(" {} {} {name}", a.one_line(), a.kind.label()));
        }
        let dates = c.birthday.into_iter().chain(c.important_dates.iter().map(|d| d.date));
        for d in dates {
            text.push_str(&format!(" {} {} {}", d.year().unwrap_or_default(), d.month(), d.day()));
        }
        for d in &c.important_dates {
            text.push_str(&format!(" {}", d.label));
        }
        if let Some(stage) = c.lifecycle_stage {
            text.push_str(&format!(" {}", stage.key()));
        }
        words(&text)
    }

    /// Headers of every kind the mapper knows, and some it does not.
    const HEADERS: &[&str] = &[
        "Name",
        "Given Name",
        "Family Name",
        "Name Prefix",
        "Name Suffix",
        "Nickname",
        "Middle Name",
        "E-mail 1 - Type",
        "E-mail 1 - Value",
        "Phone 1 - Type",
        "Phone 1 - Value",
        "Address 1 - Street",
        "Address 1 - City",
        "Address 1 - Country",
        "Address 1 - Extended Address",
        "Address 1 - Formatted",
        "street_number",
        "suburb",
        "Organization 1 - Name",
        "Organization 1 - Title",
        "Organization 1 - Department",
        "Birthday",
        "Anniversary",
        "Event 1 - Label",
        "Event 1 - Value",
        "Notes",
        "Labels",
        "Source",
        "Web Page",
        "Shoe size",
        "Hobby",
        "E-mail Display Name",
        "Initials",
        "Company",
        "Title",
        "Job Title",
        "Lifecycle Stage",
    ];

    fn cell() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Za-zäöüßé]{1,8}( [A-Za-z0-9]{1,6}){0,2}",
            "[a-z]{1,6}@[a-z]{2,6}\\.(de|com|is)",
            "\\+?[0-9]{2,4} [0-9]{3,7}",
            "(19[0-9]{2}-0[1-9]-1[0-9]|--0[1-9]-2[0-8]|[12][0-9]\\.0[1-9]\\.19[5-9][0-9])",
            "(Iceland|Germany|Narnia|Atlantis)",
            "(Work|Home|Mobile|Other|Pager|Skype)",
            "[0-9]{1,4}",
            Just(String::new()),
        ]
    }

    proptest! {
        /// Every word of every cell with data is kept somewhere (a field, a
        /// kind, the company or the imported extras) unless its column is set
        /// to "Don't import", except what only describes another value:
        /// Google's "My Contacts" group, e-mail transport types, Outlook's
        /// default values.
        #[test]
        fn no_column_with_data_is_dropped(
            picks in prop::collection::vec((0..HEADERS.len(), cell()), 1..14),
            ignored in prop::collection::vec(any::<bool>(), 14),
        ) {
            let h: Vec<String> = picks.iter().map(|(i, _)| HEADERS[*i].to_string()).collect();
            let cells: Vec<String> = picks.iter().map(|(_, c)| c.clone()).collect();
            let mut targets = auto_map(&h);
            for (t, ignore) in targets.iter_mut().zip(&ignored) {
                if *ignore && *t == Target::Extra {
                    *t = Target::Ignore;
                }
            }
            let mapping = Mapping::new(h.clone(), targets.clone());
            let m = map_row(&cells, &mapping, &options("DE"));
            let kept = kept_words(&m);
            for (i, value) in cells.iter().enumerate() {
                if value.trim().is_empty() || targets[i] == Target::Ignore || mapping.is_quiet(i, value) {
                    continue;
                }
                let typed = matches!(targets[i], Target::EmailType { .. } | Target::PhoneType { .. } | Target::AddressType { .. });
                if typed && kind_word(value).is_some() {
                    continue;
                }
                if targets[i] == Target::LifecycleStage && crate::core::import::values::parse_stage(value).is_some() {
                    continue;
                }
                if mapping.is_initials(i) {
                    // Initials that are the names' initials only repeat them.
                    let c = &m.contact;
                    let of_names: String = [&c.given_name, &c.family_name]
                        .iter()
                        .flat_map(|n| n.split([' ', '-']))
                        .filter_map(|w| w.chars().next())
                        .flat_map(char::to_lowercase)
                        .collect();
                    let letters: String = value.chars().filter(|ch| ch.is_alphabetic()).flat_map(char::to_lowercase).collect();
                    if letters == of_names {
                        continue;
                    }
                }
                for w in words(value) {
                    prop_assert!(kept.contains(&w), "{:?} of column {:?} ({:?}) is lost: {:?}", w, h[i], targets[i], m);
                }
            }
        }

        #[test]
        fn mapping_never_panics(cells in prop::collection::vec(".{0,20}", 0..12), names in prop::collection::vec("[A-Za-z ,.-]{0,20}", 0..12)) {
            let mapping = Mapping::new(names.clone(), auto_map(&names));
            let _ = map_row(&cells, &mapping, &options("GB"));
            for c in &cells {
                let _ = split_name(c);
                let _ = parse_date(c, Some(DateOrder::DayMonthYear));
                let _ = split_address_block(c);
            }
        }
    }
}
