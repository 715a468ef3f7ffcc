//! Turning rows of an imported spreadsheet into contacts.
//!
//! [`map_row`] applies the column targets ([`super::contacts_map`]) to one
//! row and gives a [`MappedRow`]: a [`ContactDraft`] without id or
//! timestamps, the company named in the row, and a [`CellProblem`] for every
//! cell that could not be used as it is. Nothing is silently dropped: a
//! value that is not a valid email address or phone number is reported and
//! kept in the notes.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::contacts_map::{AddressPart, Target};
use super::values::{
    domain_from_url, kind_word, parse_date, parse_stage, set_country, split_full_name, split_tags, DateOrder,
};
use crate::core::records::{Address, AddressKind, Contact, Email, EmailKind, LifecycleStage, Phone, PhoneKind};
use crate::core::text::{collapse_spaces, quoted};
use crate::core::validate::{is_email, is_phone, tidy_contact, tidy_tags, MAX_NAME_LEN, MAX_NOTES_LEN, MAX_TAG_LEN};

/// A contact read from a file, before it gets an id and timestamps.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDraft {
    pub given_name: String,
    pub family_name: String,
    pub emails: Vec<Email>,
    pub phones: Vec<Phone>,
    pub addresses: Vec<Address>,
    pub job_title: String,
    /// `None` when the file did not say; the caller picks a default.
    pub lifecycle_stage: Option<LifecycleStage>,
    pub tags: Vec<String>,
    pub birthday: Option<NaiveDate>,
    pub source: String,
    pub notes: String,
}

impl ContactDraft {
    /// Whether the draft holds nothing worth importing.
    pub fn is_empty(&self) -> bool {
        *self == ContactDraft::default()
    }

    /// A tidied [`Contact`] with the id, time and company the caller chose.
    pub fn into_contact(self, id: String, now: DateTime<Utc>, company_id: Option<String>) -> Contact {
        let mut c = Contact::blank(id, now);
        c.given_name = self.given_name;
        c.family_name = self.family_name;
        c.emails = self.emails;
        c.phones = self.phones;
        c.addresses = self.addresses;
        c.job_title = self.job_title;
        c.company_id = company_id;
        c.lifecycle_stage = self.lifecycle_stage.unwrap_or_default();
        c.tags = self.tags;
        c.birthday = self.birthday;
        c.source = self.source;
        c.notes = self.notes;
        tidy_contact(&mut c);
        c
    }
}

/// A cell that could not be imported as it is. `column` counts from 0.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellProblem {
    pub column: usize,
    pub message: String,
}

/// One row turned into a contact.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MappedRow {
    pub contact: ContactDraft,
    /// The company named in the row; the caller finds or creates it.
    pub company_name: Option<String>,
    /// The host of the website column, lower case, without "www.".
    pub company_domain: Option<String>,
    pub problems: Vec<CellProblem>,
}

/// Settings for [`map_row_with`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapOptions {
    /// The ISO code given to addresses that have no country, or empty.
    pub default_country: String,
    /// How to read dates like 3/2/1984; `None` reports them as ambiguous
    /// unless a number above 12 settles it. See [`guess_date_order`].
    pub date_order: Option<DateOrder>,
}

/// [`map_row_with`] with a default country and no known date order.
pub fn map_row<S: AsRef<str>>(row: &[S], targets: &[Target], default_country: &str) -> MappedRow {
    map_row_with(row, targets, &MapOptions { default_country: default_country.to_string(), date_order: None })
}

/// Applies the column targets to one row. Missing cells count as empty and
/// cells beyond the targets are ignored, so ragged rows map too.
pub fn map_row_with<S: AsRef<str>>(row: &[S], targets: &[Target], options: &MapOptions) -> MappedRow {
    let mut out = MappedRow::default();
    let mut full_name: Option<&str> = None;
    let mut middle = String::new();
    let mut emails: Vec<(u8, Option<EmailKind>, Email)> = Vec::new();
    let mut phones: Vec<(u8, Option<PhoneKind>, Phone)> = Vec::new();
    // (slot, kind fixed by the header, address, its first column, whether a country cell was filled).
    let mut addresses: Vec<(u8, Option<AddressKind>, Address, usize, bool)> = Vec::new();
    let mut email_types: Vec<(u8, EmailKind)> = Vec::new();
    let mut phone_types: Vec<(u8, PhoneKind)> = Vec::new();
    let mut address_types: Vec<(u8, AddressKind)> = Vec::new();
    let mut rejected: Vec<String> = Vec::new();

    for (column, (target, cell)) in targets.iter().zip(row.iter().map(AsRef::as_ref)).enumerate() {
        let value = cell.trim();
        if value.is_empty() {
            continue;
        }
        let mut problem = |message: String| out.problems.push(CellProblem { column, message });
        // A value longer than its field may be would make a record that no
        // backup of it could restore; it goes into the notes, said so.
        if let Some(label) = line_label(target).filter(|_| value.chars().count() > MAX_NAME_LEN) {
            problem(format!("{} is longer than {MAX_NAME_LEN} characters; it was put in the notes", quoted(value)));
            rejected.push(format!("{label}: {value}"));
            continue;
        }
        let c = &mut out.contact;
        match *target {
            Target::Ignore => {}
            Target::GivenName => set_once(&mut c.given_name, value),
            Target::MiddleName => set_once(&mut middle, value),
            Target::FamilyName => set_once(&mut c.family_name, value),
            Target::FullName => full_name = full_name.or(Some(value)),
            Target::Email { slot, kind } => {
                for address in split_multi(value) {
                    if is_email(address) {
                        let email = Email { kind: kind.unwrap_or_default(), address: address.to_string() };
                        emails.push((slot, kind, email));
                    } else {
                        problem(format!("{} is not an email address; it was put in the notes", quoted(address)));
                        rejected.push(format!("Email: {address}"));
                    }
                }
            }
            Target::Phone { slot, kind } => {
                for number in split_multi(value) {
                    let number = collapse_spaces(number);
                    if is_phone(&number) {
                        phones.push((slot, kind, Phone { kind: kind.unwrap_or_default(), number }));
                    } else {
                        problem(format!("{} is not a phone number; it was put in the notes", quoted(&number)));
                        rejected.push(format!("Phone: {number}"));
                    }
                }
            }
            Target::EmailType { slot } => match kind_word(value) {
                Some(word) => email_types.push((slot, word.email())),
                None => problem(format!("Unknown email type {}", quoted(value))),
            },
            Target::PhoneType { slot } => match kind_word(value) {
                Some(word) => phone_types.push((slot, word.phone())),
                None => problem(format!("Unknown phone type {}", quoted(value))),
            },
            Target::AddressType { slot } => match kind_word(value) {
                Some(word) => address_types.push((slot, word.address())),
                None => problem(format!("Unknown address type {}", quoted(value))),
            },
            Target::Address { slot, part, kind } => {
                let i = match addresses.iter().position(|a| a.0 == slot && a.1 == kind) {
                    Some(i) => i,
                    None => {
                        let a = Address { kind: kind.unwrap_or_default(), ..Address::default() };
                        addresses.push((slot, kind, a, column, false));
                        addresses.len() - 1
                    }
                };
                let a = &mut addresses[i].2;
                match part {
                    AddressPart::Street => append_to(&mut a.street, ", ", value),
                    AddressPart::City => set_once(&mut a.city, value),
                    AddressPart::Region => set_once(&mut a.region, value),
                    AddressPart::PostalCode => set_once(&mut a.postal_code, value),
                    AddressPart::Country => {
                        addresses[i].4 = true;
                        if let Some(message) = set_country(&mut addresses[i].2, value) {
                            problem(message);
                        }
                    }
                }
            }
            Target::Company => {
                out.company_name.get_or_insert_with(|| collapse_spaces(value));
            }
            Target::JobTitle => set_once(&mut c.job_title, value),
            Target::Website => {
                if out.company_domain.is_none() {
                    out.company_domain = domain_from_url(value);
                    if out.company_domain.is_none() {
                        problem(format!("{} is not a web address", quoted(value)));
                    }
                }
            }
            Target::Birthday => match parse_date(value, options.date_order) {
                Ok(date) => c.birthday = c.birthday.or(date),
                Err(message) => problem(message),
            },
            Target::Tags => {
                for tag in split_tags(value) {
                    if tag.chars().count() > MAX_TAG_LEN {
                        problem(format!(
                            "The tag {} is longer than {MAX_TAG_LEN} characters; it was put in the notes",
                            quoted(&tag)
                        ));
                        rejected.push(format!("Tag: {tag}"));
                    } else {
                        c.tags.push(tag);
                    }
                }
            }
            Target::Notes => append_paragraph(&mut c.notes, value),
            Target::Source => set_once(&mut c.source, value),
            Target::LifecycleStage => match parse_stage(value) {
                Some(stage) => c.lifecycle_stage = c.lifecycle_stage.or(Some(stage)),
                None => problem(format!("Unknown lifecycle stage {}; the stage was left unset", quoted(value))),
            },
        }
    }

    let c = &mut out.contact;
    if c.given_name.is_empty() && c.family_name.is_empty() {
        if let Some(name) = full_name {
            (c.given_name, c.family_name) = split_full_name(name);
        }
    }
    if !middle.is_empty() {
        c.given_name = collapse_spaces(&format!("{} {middle}", c.given_name));
    }
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
    for (slot, fixed, mut a, column, country_given) in addresses {
        if fixed.is_none() {
            a.kind = lookup(&address_types, slot).unwrap_or(a.kind);
        }
        if a.is_blank() {
            continue;
        }
        if !country_given && !options.default_country.is_empty() {
            if let Some(message) = set_country(&mut a, &options.default_country) {
                out.problems.push(CellProblem { column, message: format!("Default country: {message}") });
            }
        }
        c.addresses.push(a);
    }
    c.tags = tidy_tags(&c.tags);
    for line in rejected {
        append_paragraph(&mut c.notes, &line);
    }
    if let Some(message) = cut_notes(&mut c.notes) {
        let column = targets.iter().position(|t| *t == Target::Notes).unwrap_or(0);
        out.problems.push(CellProblem { column, message });
    }
    out
}

/// What a one-line target is called in the notes, for the targets whose
/// value must fit in one line of [`MAX_NAME_LEN`] characters.
fn line_label(target: &Target) -> Option<&'static str> {
    match target {
        Target::GivenName | Target::MiddleName | Target::FamilyName | Target::FullName => Some("Name"),
        Target::JobTitle => Some("Job title"),
        Target::Company => Some("Company"),
        Target::Source => Some("Source"),
        Target::Address { part, .. } if *part != AddressPart::Country => Some("Address"),
        _ => None,
    }
}

/// Keeps a draft read without column targets (a vCard) within the record's
/// limits, as [`map_row_with`] does cell by cell: a name, job title, source,
/// address part, company or tag too long for its field goes into the notes, and notes too
/// long are cut. Returns what it did, one message each.
pub fn fit_draft(c: &mut ContactDraft, company: &mut Option<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut moved = Vec::new();
    let too_long = |v: &str, max: usize| v.chars().count() > max;
    for (label, value) in [
        ("Name", &mut c.given_name),
        ("Name", &mut c.family_name),
        ("Job title", &mut c.job_title),
        ("Source", &mut c.source),
    ] {
        if too_long(value, MAX_NAME_LEN) {
            let value = std::mem::take(value);
            problems
                .push(format!("{} is longer than {MAX_NAME_LEN} characters; it was put in the notes", quoted(&value)));
            moved.push(format!("{label}: {value}"));
        }
    }
    for a in &mut c.addresses {
        for value in [&mut a.street, &mut a.city, &mut a.region, &mut a.postal_code] {
            if too_long(value, MAX_NAME_LEN) {
                let value = std::mem::take(value);
                problems.push(format!(
                    "{} is longer than {MAX_NAME_LEN} characters; it was put in the notes",
                    quoted(&value)
                ));
                moved.push(format!("Address: {value}"));
            }
        }
    }
    c.addresses.retain(|a| !a.is_blank());
    if let Some(name) = company.take_if(|n| too_long(n, MAX_NAME_LEN)) {
        problems.push(format!("{} is longer than {MAX_NAME_LEN} characters; it was put in the notes", quoted(&name)));
        moved.push(format!("Company: {name}"));
    }
    let (kept, long): (Vec<String>, Vec<String>) =
        std::mem::take(&mut c.tags).into_iter().partition(|t| !too_long(t, MAX_TAG_LEN));
    c.tags = kept;
    for tag in long {
        problems
            .push(format!("The tag {} is longer than {MAX_TAG_LEN} characters; it was put in the notes", quoted(&tag)));
        moved.push(format!("Tag: {tag}"));
    }
    for line in moved {
        append_paragraph(&mut c.notes, &line);
    }
    problems.extend(cut_notes(&mut c.notes));
    problems
}

/// Cuts notes longer than [`MAX_NOTES_LEN`] characters and says so; the
/// row is then invalid, so it is imported only if the person chooses to.
pub fn cut_notes(notes: &mut String) -> Option<String> {
    let (end, _) = notes.char_indices().nth(MAX_NOTES_LEN)?;
    notes.truncate(end);
    Some(format!("The notes are longer than {MAX_NOTES_LEN} characters; only the first {MAX_NOTES_LEN} would be kept"))
}

fn set_once(field: &mut String, value: &str) {
    if field.is_empty() {
        *field = collapse_spaces(value);
    }
}

fn append_to(field: &mut String, separator: &str, text: &str) {
    if !field.is_empty() {
        field.push_str(separator);
    }
    field.push_str(text.trim());
}

fn append_paragraph(notes: &mut String, text: &str) {
    append_to(notes, "\n\n", text);
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
    use crate::core::import::contacts_map::targets::{addr, email, headers, phone};
    use proptest::prelude::*;
    use AddressPart::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn values_too_long_for_their_field_go_to_the_notes_and_long_notes_are_cut() {
        let targets =
            [Target::GivenName, Target::FamilyName, Target::Company, Target::Notes, addr(1, City, None), Target::Tags];
        let long = "X".repeat(MAX_NAME_LEN + 1);
        let long_tag = "T".repeat(MAX_TAG_LEN + 1);
        let m =
            map_row(&row(&["Ada", &long, &long, "Met at the fair", &long, &format!("vip;{long_tag}")]), &targets, "");
        assert_eq!(m.contact.tags, ["vip"]);
        assert_eq!((m.contact.given_name.as_str(), m.contact.family_name.as_str()), ("Ada", ""));
        assert_eq!(m.company_name, None);
        assert_eq!(m.contact.addresses, []);
        assert_eq!(
            m.contact.notes,
            format!("Met at the fair\n\nName: {long}\n\nCompany: {long}\n\nAddress: {long}\n\nTag: {long_tag}")
        );
        let quoted80 = format!("\"{}…\" is longer than 200 characters; it was put in the notes", "X".repeat(80));
        let problems: Vec<(usize, &str)> = m.problems.iter().map(|p| (p.column, p.message.as_str())).collect();
        assert_eq!(problems[..3], [(1, quoted80.as_str()), (2, quoted80.as_str()), (4, quoted80.as_str())]);
        assert_eq!(
            problems[3],
            (5, format!("The tag \"{long_tag}\" is longer than 50 characters; it was put in the notes").as_str())
        );
        // 200 characters fit.
        let fits = "Y".repeat(MAX_NAME_LEN);
        assert_eq!(map_row(&row(&["Ada", &fits]), &targets, "").contact.family_name, fits);

        // A 1 MB name: the notes keep its first 20,000 characters, said so.
        let huge = "Z".repeat(1 << 20);
        let m = map_row(&row(&["Ada", &huge]), &targets, "");
        assert_eq!(m.contact.notes.chars().count(), MAX_NOTES_LEN);
        assert!(m.contact.notes.starts_with("Name: ZZZ"));
        assert_eq!(m.problems.len(), 2);
        assert_eq!(
            m.problems[1],
            CellProblem {
                column: 3,
                message: "The notes are longer than 20000 characters; only the first 20000 would be kept".into()
            }
        );
        assert!(m.problems.iter().all(|p| p.message.chars().count() < 200));
    }

    #[test]
    fn fit_draft_moves_long_values_of_a_card_to_the_notes() {
        let long = "ü".repeat(MAX_NAME_LEN + 1);
        let long_tag = "t".repeat(MAX_TAG_LEN + 1);
        let mut d = ContactDraft {
            given_name: "Bo".into(),
            job_title: long.clone(),
            tags: vec!["vip".into(), long_tag.clone()],
            addresses: vec![
                Address { street: long.clone(), ..Address::default() },
                Address { city: "Oslo".into(), ..Address::default() },
            ],
            ..ContactDraft::default()
        };
        let mut company = Some(long.clone());
        let problems = fit_draft(&mut d, &mut company);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert_eq!((d.given_name.as_str(), d.job_title.as_str(), company), ("Bo", "", None));
        assert_eq!(d.tags, ["vip"]);
        assert_eq!(d.addresses, [Address { city: "Oslo".into(), ..Address::default() }]);
        assert_eq!(d.notes, format!("Job title: {long}\n\nAddress: {long}\n\nCompany: {long}\n\nTag: {long_tag}"));
        let mut fine = ContactDraft { given_name: "Bo".into(), ..ContactDraft::default() };
        assert!(fit_draft(&mut fine, &mut Some("Acme".into())).is_empty());
    }

    #[test]
    fn maps_a_google_row_with_types_multi_values_and_labels() {
        let h = headers(
            "Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,\
             Phone 2 - Type,Phone 2 - Value,Address 1 - Type,Address 1 - City,Address 1 - Country,\
             Organization 1 - Name,Organization 1 - Title,Birthday,Group Membership,Notes",
        );
        let targets = auto_map(&h);
        let r = row(&[
            "Jane Roe",
            "",
            "",
            "* Home",
            "jane@home.example ::: jane.roe@mail.example",
            "Mobile",
            "+44 7700 900123",
            "Work",
            "020 7946 0958",
            "Home",
            "London",
            "United Kingdom",
            "Acme Ltd",
            "CTO",
            "1984-03-02",
            "* myContacts ::: Friends ::: VIP",
            "Met at \"Expo\"",
        ]);
        let m = map_row(&r, &targets, "");
        assert_eq!(m.problems, []);
        let c = &m.contact;
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jane", "Roe"));
        assert_eq!(
            c.emails,
            [
                Email { kind: EmailKind::Personal, address: "jane@home.example".into() },
                Email { kind: EmailKind::Personal, address: "jane.roe@mail.example".into() },
            ]
        );
        assert_eq!(
            c.phones,
            [
                Phone { kind: PhoneKind::Mobile, number: "+44 7700 900123".into() },
                Phone { kind: PhoneKind::Work, number: "020 7946 0958".into() },
            ]
        );
        assert_eq!(
            c.addresses,
            [Address { kind: AddressKind::Home, city: "London".into(), country: "GB".into(), ..Address::default() }]
        );
        assert_eq!(m.company_name.as_deref(), Some("Acme Ltd"));
        assert_eq!(c.job_title, "CTO");
        assert_eq!(c.birthday, NaiveDate::from_ymd_opt(1984, 3, 2));
        assert_eq!(c.tags, ["Friends", "VIP"]);
        assert_eq!(c.notes, "Met at \"Expo\"");
    }

    #[test]
    fn maps_a_hubspot_row_and_pads_short_rows() {
        let h = headers("First Name,Last Name,Email,Lifecycle Stage,Website URL,City,Country/Region,Phone Number");
        let targets = auto_map(&h);
        let m = map_row(
            &row(&["Zoë", "Ødegaard", "zoe@example.no", "marketingqualifiedlead", "https://www.Acme.no/x", "Oslo"]),
            &targets,
            "NO",
        );
        assert_eq!(m.problems, []);
        assert_eq!(m.contact.lifecycle_stage, Some(LifecycleStage::Acquisition));
        assert_eq!(m.company_domain.as_deref(), Some("acme.no"));
        assert_eq!(m.contact.addresses[0].country, "NO");
        assert!(m.contact.phones.is_empty());
        // Extra cells beyond the targets are ignored.
        let long = map_row(&row(&["A", "B", "", "", "", "", "", "", "extra"]), &targets, "");
        assert_eq!((long.contact.given_name.as_str(), long.problems.len()), ("A", 0));
    }

    #[test]
    fn reports_bad_cells_and_keeps_their_text() {
        let targets = [
            Target::GivenName,
            email(1, None),
            phone(1, None),
            Target::Birthday,
            Target::LifecycleStage,
            addr(1, Country, None),
            Target::Website,
            Target::EmailType { slot: 1 },
        ];
        let m = map_row(
            &row(&["Jane", "jane@", "call me", "3/2/1984", "other", "Atlantis", "not a url", "weird"]),
            &targets,
            "DE",
        );
        let columns: Vec<usize> = m.problems.iter().map(|p| p.column).collect();
        assert_eq!(columns, [1, 2, 3, 4, 5, 6, 7]);
        assert!(m.problems[2].message.contains("day/month or month/day"), "{}", m.problems[2].message);
        assert_eq!(m.contact.notes, "Email: jane@\n\nPhone: call me");
        assert!(m.contact.emails.is_empty() && m.contact.birthday.is_none() && m.contact.lifecycle_stage.is_none());
        // The unknown country is kept in the region, and the default country is not applied over it.
        assert_eq!(m.contact.addresses[0].region, "Atlantis");
        assert_eq!(m.contact.addresses[0].country, "");
    }

    #[test]
    fn draft_becomes_a_valid_contact() {
        let targets = auto_map(&headers("Person - Name,Person - Email,Person - Labels"));
        let m = map_row(&row(&["Dr. Jürgen  Müller", " j@x.de ", "a, b"]), &targets, "");
        let t = chrono::TimeZone::with_ymd_and_hms(&Utc, 2026, 1, 2, 3, 4, 5).unwrap();
        let c = m.contact.into_contact("0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), t, None);
        assert_eq!((c.given_name.as_str(), c.family_name.as_str()), ("Jürgen", "Müller"));
        assert_eq!(c.tags, ["a", "b"]);
        let today = NaiveDate::from_ymd_opt(2026, 1, 2).unwrap();
        assert!(crate::core::validate::validate_contact(&c, today).is_empty());
    }

    proptest! {
        #[test]
        fn mapping_never_panics(cells in prop::collection::vec(".{0,20}", 0..12), names in prop::collection::vec("[A-Za-z ,.-]{0,20}", 0..12)) {
            let targets = auto_map(&names);
            let _ = map_row(&cells, &targets, "GB");
            let all = [Target::FullName, Target::Birthday, Target::Tags, Target::Website, phone(1, None), email(1, None), Target::EmailType { slot: 1 }, addr(1, Country, None), Target::LifecycleStage, Target::MiddleName, Target::Company, Target::Notes];
            let m = map_row(&cells, &all, "GB");
            prop_assert!(m.problems.iter().all(|p| p.column < all.len()));
            for c in &cells {
                let _ = split_full_name(c);
                let _ = parse_date(c, Some(DateOrder::DayMonthYear));
            }
        }
    }
}
