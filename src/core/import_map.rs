//! Turning rows of an imported spreadsheet into contacts.
//!
//! Each column of the file gets a [`Target`]: the contact field its cells go
//! to. [`auto_map`] guesses targets from the header row, knowing the exports
//! of Google Contacts (old and new), Outlook, HubSpot and Pipedrive and common
//! headers in English, German, French, Spanish and Dutch; people can then
//! change the guesses, and the list can be saved (targets are serde values).
//! [`map_row`] applies the targets to one row and gives a [`MappedRow`]: a
//! [`ContactDraft`] without id or timestamps, the company named in the row,
//! and a [`CellProblem`] for every cell that could not be used as it is.
//! Nothing is silently dropped: a value that is not a valid email address or
//! phone number is reported and kept in the notes.
//!
//! Lifecycle stages from other tools map onto ours as follows (HubSpot's
//! internal names and labels are both accepted, as are our own keys):
//!
//! | Other tool                                   | Ours           |
//! |----------------------------------------------|----------------|
//! | subscriber, visitor                          | Reach          |
//! | lead, marketing qualified lead (MQL), prospect | Acquisition  |
//! | sales qualified lead (SQL), opportunity      | Conversion     |
//! | customer, client, won                        | Retention      |
//! | evangelist, advocate, promoter               | Loyalty        |
//! | lost, closed lost, churned, former customer  | Lost           |
//! | disqualified, unqualified, bad fit, spam     | Disqualified   |
//!
//! HubSpot's "other" and unknown names are reported and leave the stage unset.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{Address, AddressKind, Contact, Email, EmailKind, LifecycleStage, Phone, PhoneKind};
use super::text::{collapse_spaces, fold};
use super::validate::{is_email, is_phone, tidy_contact, tidy_tags, MAX_TAG_LEN};

/// A part of a postal address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AddressPart {
    Street,
    City,
    Region,
    PostalCode,
    /// A country name or ISO code; see [`country_code`].
    Country,
}

/// Where the cells of one column go.
///
/// Emails, phones and addresses have a `slot`: columns with the same slot
/// belong together, so that a `PhoneType { slot: 2 }` column ("Phone 2 -
/// Type") sets the kind of the `Phone { slot: 2, .. }` value, and the parts of
/// address 1 form one address. A `kind` fixed by the header ("Mobile Phone")
/// wins over a type column. Emails and phones are kept in column order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "target", rename_all = "snake_case")]
pub enum Target {
    /// The column is not imported.
    Ignore,
    GivenName,
    /// Added to the given name after a space.
    MiddleName,
    FamilyName,
    /// Split into given and family name by [`split_full_name`], used only
    /// when the row has no given or family name.
    FullName,
    /// One or more addresses (Google separates several with " ::: ").
    Email {
        slot: u8,
        kind: Option<EmailKind>,
    },
    /// The kind of the emails in `slot`: "Work", "Home", "* Other"...
    EmailType {
        slot: u8,
    },
    Phone {
        slot: u8,
        kind: Option<PhoneKind>,
    },
    PhoneType {
        slot: u8,
    },
    Address {
        slot: u8,
        part: AddressPart,
        kind: Option<AddressKind>,
    },
    AddressType {
        slot: u8,
    },
    /// The company's name, returned apart as [`MappedRow::company_name`].
    Company,
    JobTitle,
    /// A web address; its host becomes [`MappedRow::company_domain`].
    Website,
    Birthday,
    /// Tags separated by `;`, `,` or Google's " ::: ".
    Tags,
    /// Several notes columns are joined with a blank line.
    Notes,
    Source,
    LifecycleStage,
}

impl Target {
    /// The name shown in the mapping screen.
    pub fn label(self) -> String {
        let kind = |k: Option<&'static str>| k.map(|k| format!(" ({k})")).unwrap_or_default();
        match self {
            Target::Ignore => "Don't import".into(),
            Target::GivenName => "First name".into(),
            Target::MiddleName => "Middle name".into(),
            Target::FamilyName => "Last name".into(),
            Target::FullName => "Full name".into(),
            Target::Email { slot, kind: k } => format!("Email {slot}{}", kind(k.map(EmailKind::label))),
            Target::EmailType { slot } => format!("Email {slot} type"),
            Target::Phone { slot, kind: k } => format!("Phone {slot}{}", kind(k.map(PhoneKind::label))),
            Target::PhoneType { slot } => format!("Phone {slot} type"),
            Target::Address { slot, part, kind: k } => {
                let part = match part {
                    AddressPart::Street => "street",
                    AddressPart::City => "city",
                    AddressPart::Region => "region",
                    AddressPart::PostalCode => "postal code",
                    AddressPart::Country => "country",
                };
                format!("Address {slot} {part}{}", kind(k.map(AddressKind::label)))
            }
            Target::AddressType { slot } => format!("Address {slot} type"),
            Target::Company => "Company".into(),
            Target::JobTitle => "Job title".into(),
            Target::Website => "Website".into(),
            Target::Birthday => "Birthday".into(),
            Target::Tags => "Tags".into(),
            Target::Notes => "Notes".into(),
            Target::Source => "Source".into(),
            Target::LifecycleStage => "Lifecycle stage".into(),
        }
    }
}

/// A header reduced for matching: accents removed, lower case, letters and
/// digits only. "E-mail 1 - Value" becomes "email1value".
pub(crate) fn header_key(header: &str) -> String {
    fold(header).chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Replaces the first run of digits with `#` and returns it as the slot:
/// "email2address" gives ("email#address", 2); no digits gives slot 1.
fn take_slot(key: &str) -> (String, u8) {
    let Some(start) = key.find(|c: char| c.is_ascii_digit()) else { return (key.to_string(), 1) };
    let len = key[start..].find(|c: char| !c.is_ascii_digit()).unwrap_or(key.len() - start);
    let slot = key[start..start + len].parse::<u8>().unwrap_or(u8::MAX);
    (format!("{}#{}", &key[..start], &key[start + len..]), slot)
}

/// Recognises one reduced header, with `slot` taken from its number.
fn recognise(key: &str, slot: u8) -> Option<Target> {
    use AddressPart::*;
    let email = |kind| Some(Target::Email { slot, kind });
    let phone = |kind| Some(Target::Phone { slot, kind });
    let address = |part, kind| Some(Target::Address { slot, part, kind });
    // Outlook writes business, home and other addresses side by side; they
    // take slots 1, 2 and 3.
    let outlook_address = |part, kind| Some(Target::Address { slot: kind_slot(kind), part, kind: Some(kind) });
    match key {
        "givenname" | "firstname" | "first" | "forename" | "vorname" | "prenom" | "nombre" | "voornaam" | "nome" => {
            Some(Target::GivenName)
        }
        "middlename" | "additionalname" | "secondname" | "tussenvoegsel" => Some(Target::MiddleName),
        "familyname" | "lastname" | "last" | "surname" | "nachname" | "familienname" | "nom" | "nomdefamille"
        | "apellidos" | "apellido" | "achternaam" | "cognome" => Some(Target::FamilyName),
        "name" | "fullname" | "displayname" | "contactname" | "contact" | "naam" | "nomcomplet" | "nombrecompleto"
        | "vollstandigername" | "volledigenaam" => Some(Target::FullName),
        "email" | "email#" | "emailaddress" | "email#address" | "email#value" | "mail" | "emailadresse"
        | "adresseemail" | "courriel" | "correo" | "correoelectronico" | "emailadres" => email(None),
        "workemail" | "businessemail" | "emailwork" => email(Some(EmailKind::Work)),
        "personalemail" | "homeemail" | "privateemail" | "emailhome" | "emailpersonal" => {
            email(Some(EmailKind::Personal))
        }
        "otheremail" | "emailother" => email(Some(EmailKind::Other)),
        "email#type" | "email#label" => Some(Target::EmailType { slot }),
        "phone" | "phone#" | "phonenumber" | "phone#value" | "telephone" | "telephonenumber" | "tel" | "telefon"
        | "telefonnummer" | "telefono" | "telefoon" | "telefoonnummer" | "numerodetelephone" => phone(None),
        "mobile" | "mobilephone" | "mobilephonenumber" | "mobilenumber" | "cell" | "cellphone" | "phonemobile"
        | "handy" | "mobil" | "mobiel" | "portable" | "movil" => phone(Some(PhoneKind::Mobile)),
        "businessphone" | "businessphone#" | "workphone" | "officephone" | "phonework" | "companymainphone" => {
            phone(Some(PhoneKind::Work))
        }
        "homephone" | "homephone#" | "phonehome" | "privatephone" => phone(Some(PhoneKind::Home)),
        "otherphone" | "phoneother" => phone(Some(PhoneKind::Other)),
        "phone#type" | "phone#label" => Some(Target::PhoneType { slot }),
        "addressline#" => Some(Target::Address { slot: 1, part: Street, kind: None }),
        "address#street" | "street" | "streetaddress" | "address" | "address#" | "strasse" | "adresse" | "rue"
        | "direccion" | "calle" | "adres" | "straat" => address(Street, None),
        "address#city" | "city" | "town" | "ort" | "stadt" | "ville" | "ciudad" | "plaats" | "woonplaats" => {
            address(City, None)
        }
        "address#region" | "region" | "state" | "stateregion" | "province" | "stateprovince" | "bundesland"
        | "provincia" | "provincie" => address(Region, None),
        "address#postalcode" | "postalcode" | "postcode" | "zip" | "zipcode" | "plz" | "postleitzahl"
        | "codepostal" | "codigopostal" | "zippostalcode" | "postalzipcode" => address(PostalCode, None),
        "address#country" | "country" | "countryregion" | "land" | "pays" | "pais" => address(Country, None),
        "address#type" | "address#label" => Some(Target::AddressType { slot }),
        "company" | "companyname" | "organization" | "organisation" | "organization#name" | "organizationname"
        | "account" | "accountname" | "employer" | "firma" | "unternehmen" | "societe" | "entreprise" | "empresa"
        | "bedrijf" | "bedrijfsnaam" => Some(Target::Company),
        "jobtitle" | "title" | "position" | "role" | "organization#title" | "organizationtitle" | "funktion"
        | "berufsbezeichnung" | "poste" | "fonction" | "cargo" | "puesto" | "functie" => Some(Target::JobTitle),
        "website" | "websiteurl" | "website#value" | "web" | "url" | "homepage" | "webpage" | "domain"
        | "companydomainname" | "webseite" | "siteweb" | "sitioweb" | "paginaweb" => Some(Target::Website),
        "birthday" | "birthdate" | "dateofbirth" | "dob" | "geburtstag" | "geburtsdatum" | "anniversaire"
        | "datedenaissance" | "cumpleanos" | "fechadenacimiento" | "verjaardag" | "geboortedatum" => {
            Some(Target::Birthday)
        }
        "tags" | "tag" | "labels" | "groupmembership" | "categories" | "category" | "groups" | "kategorien"
        | "schlagworte" | "etiquettes" | "etiquetas" | "categorieen" => Some(Target::Tags),
        "notes" | "note" | "comments" | "comment" | "description" | "notizen" | "notiz" | "bemerkungen"
        | "remarques" | "notas" | "notities" | "opmerkingen" => Some(Target::Notes),
        "source" | "leadsource" | "originalsource" | "quelle" | "origine" | "fuente" | "bron" => Some(Target::Source),
        "lifecyclestage" | "lifecycle" | "stage" => Some(Target::LifecycleStage),
        _ => outlook_parts(key).and_then(|(kind, part)| outlook_address(part, kind)),
    }
}

/// The slot auto-mapping gives Outlook's address of each kind.
fn kind_slot(kind: AddressKind) -> u8 {
    match kind {
        AddressKind::Work => 1,
        AddressKind::Home => 2,
        AddressKind::Other => 3,
    }
}

/// Outlook's "Business Street", "Home City", "Other Country/Region"...
fn outlook_parts(key: &str) -> Option<(AddressKind, AddressPart)> {
    let (kind, rest) = [("business", AddressKind::Work), ("home", AddressKind::Home), ("other", AddressKind::Other)]
        .into_iter()
        .find_map(|(prefix, kind)| key.strip_prefix(prefix).map(|rest| (kind, rest)))?;
    let part = match rest {
        "street" | "address" => AddressPart::Street,
        "city" => AddressPart::City,
        "state" | "region" => AddressPart::Region,
        "postalcode" | "zip" => AddressPart::PostalCode,
        "countryregion" | "country" => AddressPart::Country,
        _ => return None,
    };
    Some((kind, part))
}

/// Headers that only probably mean their target: "Title" may be "Mr." and
/// "Name" may be a company's. They give way to a column that surely does.
const WEAK_KEYS: &[&str] = &["title", "role", "position", "name", "contact", "web", "url", "stage", "account"];

/// The target a header names, and whether that is only a weak guess.
fn guess(header: &str) -> (Target, bool) {
    let (key, slot) = take_slot(&header_key(header));
    // Pipedrive's "Person - Email" and headers like "Contact Phone" name the person's field.
    let key = match recognise(&key, slot) {
        None => key.strip_prefix("person").or_else(|| key.strip_prefix("contact")).unwrap_or(&key),
        Some(_) => &key,
    };
    (recognise(key, slot).unwrap_or(Target::Ignore), WEAK_KEYS.contains(&key))
}

/// Guesses the target of each column from its header.
///
/// Matching ignores case, accents, spaces and punctuation. A header that is
/// not recognised gives [`Target::Ignore`]. When several columns name the
/// same field (two "Company" columns), the first is used and the others are
/// ignored, except that a weak guess ("Title") gives way to a sure one
/// ("Job Title") wherever it is. Emails, phones, streets ("Address Line 1",
/// "Address Line 2"), tags and notes may repeat.
pub fn auto_map(headers: &[String]) -> Vec<Target> {
    let guesses: Vec<(Target, bool)> = headers.iter().map(|h| guess(h)).collect();
    let repeatable = |t: Target| {
        matches!(
            t,
            Target::Ignore
                | Target::Email { .. }
                | Target::Phone { .. }
                | Target::Address { part: AddressPart::Street, .. }
                | Target::Tags
                | Target::Notes
        )
    };
    guesses
        .iter()
        .enumerate()
        .map(|(i, &(target, weak))| {
            let beaten = guesses.iter().enumerate().any(|(j, &(other, other_weak))| {
                j != i && other == target && ((weak && !other_weak) || (weak == other_weak && j < i))
            });
            if beaten && !repeatable(target) {
                Target::Ignore
            } else {
                target
            }
        })
        .collect()
}

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

/// The order of day and month in dates such as 3/2/1984.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    DayMonthYear,
    MonthDayYear,
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
                        problem(format!("\"{address}\" is not an email address; it was put in the notes"));
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
                        problem(format!("\"{number}\" is not a phone number; it was put in the notes"));
                        rejected.push(format!("Phone: {number}"));
                    }
                }
            }
            Target::EmailType { slot } => match kind_word(value) {
                Some(word) => email_types.push((slot, word.email())),
                None => problem(format!("Unknown email type \"{value}\"")),
            },
            Target::PhoneType { slot } => match kind_word(value) {
                Some(word) => phone_types.push((slot, word.phone())),
                None => problem(format!("Unknown phone type \"{value}\"")),
            },
            Target::AddressType { slot } => match kind_word(value) {
                Some(word) => address_types.push((slot, word.address())),
                None => problem(format!("Unknown address type \"{value}\"")),
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
                        problem(format!("\"{value}\" is not a web address"));
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
                        problem(format!("The tag \"{tag}\" is longer than {MAX_TAG_LEN} characters; it was left out"));
                    } else {
                        c.tags.push(tag);
                    }
                }
            }
            Target::Notes => append_paragraph(&mut c.notes, value),
            Target::Source => set_once(&mut c.source, value),
            Target::LifecycleStage => match parse_stage(value) {
                Some(stage) => c.lifecycle_stage = c.lifecycle_stage.or(Some(stage)),
                None => problem(format!("Unknown lifecycle stage \"{value}\"; the stage was left unset")),
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
    out
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

/// Splits tags on `;`, `,` and " ::: ". Google's group names lose their
/// leading "* ", and its "My Contacts" system group is dropped.
pub fn split_tags(value: &str) -> Vec<String> {
    let tags: Vec<String> = value
        .split(":::")
        .flat_map(|part| part.split([';', ',']))
        .map(|t| collapse_spaces(t.trim().trim_start_matches("* ")))
        .filter(|t| !t.is_empty() && !t.eq_ignore_ascii_case("mycontacts"))
        .collect();
    tidy_tags(&tags)
}

/// A kind word from a type column or a vCard `TYPE`, meaning a different
/// kind of each record: "home" is a personal email but a home phone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KindWord {
    Work,
    Home,
    Mobile,
    Other,
}

impl KindWord {
    pub(crate) fn email(self) -> EmailKind {
        match self {
            KindWord::Work => EmailKind::Work,
            KindWord::Home => EmailKind::Personal,
            KindWord::Mobile | KindWord::Other => EmailKind::Other,
        }
    }

    pub(crate) fn phone(self) -> PhoneKind {
        match self {
            KindWord::Work => PhoneKind::Work,
            KindWord::Home => PhoneKind::Home,
            KindWord::Mobile => PhoneKind::Mobile,
            KindWord::Other => PhoneKind::Other,
        }
    }

    pub(crate) fn address(self) -> AddressKind {
        match self {
            KindWord::Work => AddressKind::Work,
            KindWord::Home => AddressKind::Home,
            KindWord::Mobile | KindWord::Other => AddressKind::Other,
        }
    }
}

/// Reads "Work", "* Home", "Mobile", "Privat"... Google marks the primary
/// value with "* " and may list several types with " ::: ": the first counts.
fn kind_word(value: &str) -> Option<KindWord> {
    let first = value.split(":::").next().unwrap_or(value);
    Some(match header_key(first).as_str() {
        "work" | "business" | "office" | "company" | "arbeit" | "geschaftlich" | "travail" | "trabajo" | "werk" => {
            KindWord::Work
        }
        "home" | "personal" | "private" | "privat" | "zuhause" | "domicile" | "personnel" | "casa" | "thuis"
        | "prive" => KindWord::Home,
        "mobile" | "cell" | "cellular" | "iphone" | "handy" | "mobil" | "portable" | "movil" | "celular" | "mobiel" => {
            KindWord::Mobile
        }
        "other" | "main" | "fax" | "workfax" | "homefax" | "pager" | "custom" | "andere" | "autre" | "otro" => {
            KindWord::Other
        }
        _ => return None,
    })
}

/// Reads a lifecycle stage name; see the table in the module documentation.
pub fn parse_stage(value: &str) -> Option<LifecycleStage> {
    let key = header_key(value);
    if let Some(stage) = LifecycleStage::from_key(&key) {
        return Some(stage);
    }
    Some(match key.as_str() {
        "subscriber" | "visitor" => LifecycleStage::Reach,
        "lead" | "marketingqualifiedlead" | "mql" | "prospect" => LifecycleStage::Acquisition,
        "salesqualifiedlead" | "sql" | "opportunity" => LifecycleStage::Conversion,
        "customer" | "client" | "won" | "closedwon" => LifecycleStage::Retention,
        "evangelist" | "advocate" | "promoter" => LifecycleStage::Loyalty,
        "closedlost" | "churned" | "formercustomer" => LifecycleStage::Lost,
        "unqualified" | "badfit" | "spam" => LifecycleStage::Disqualified,
        _ => return None,
    })
}

/// The host of a web address, lower case and without "www.":
/// "https://www.Example.com/about" gives "example.com".
pub fn domain_from_url(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    super::validate::is_domain(host).then(|| host.to_string())
}

/// Reads a birthday. Accepted: ISO `1984-03-02` (also with `/`, without
/// separators or followed by a time), `02.03.1984` (day first, as in German),
/// and `3/2/1984` or `3-2-1984`, which is ambiguous unless a number is above
/// 12, the two numbers are equal, or `order` says. Anything else is an
/// `Err` with a message for people, including a date without a year
/// (`--03-02`), so that they learn the birthday was not imported.
pub fn parse_date(value: &str, order: Option<DateOrder>) -> Result<Option<NaiveDate>, String> {
    let value = value.trim();
    let date_part = value.split(['T', ' ']).next().unwrap_or(value);
    let invalid = || format!("\"{value}\" is not a date; use a form like 1984-03-02");
    if date_part.starts_with("--") {
        return Err(format!("The birthday \"{value}\" has no year; it was left out"));
    }
    let numbers: Vec<&str> = date_part.split(['-', '/', '.']).collect();
    if !numbers.iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())) {
        return Err(invalid());
    }
    let num = |s: &str| s.parse::<u32>().ok();
    let make = |y: &str, m: &str, d: &str| -> Result<Option<NaiveDate>, String> {
        if y.len() != 4 {
            return Err(format!("\"{value}\" needs a four-digit year"));
        }
        let y = i32::try_from(num(y).ok_or_else(invalid)?).map_err(|_| invalid())?;
        NaiveDate::from_ymd_opt(y, num(m).ok_or_else(invalid)?, num(d).ok_or_else(invalid)?)
            .map(Some)
            .ok_or_else(|| format!("\"{value}\" is not a real date"))
    };
    match numbers.as_slice() {
        [ymd] if ymd.len() == 8 => make(&ymd[..4], &ymd[4..6], &ymd[6..]),
        [y, m, d] if y.len() == 4 => make(y, m, d),
        [_, _, y] if y.len() != 4 => Err(format!("\"{value}\" needs a four-digit year")),
        [d, m, y] if date_part.contains('.') => make(y, m, d),
        [a, b, y] => {
            let (x, z) = (num(a).unwrap_or(0), num(b).unwrap_or(0));
            let order = if x > 12 || x == z {
                DateOrder::DayMonthYear
            } else if z > 12 {
                DateOrder::MonthDayYear
            } else {
                order.ok_or_else(|| {
                    format!("\"{value}\" could be day/month or month/day; choose the date order for this file")
                })?
            };
            match order {
                DateOrder::DayMonthYear => make(y, b, a),
                DateOrder::MonthDayYear => make(y, a, b),
            }
        }
        _ => Err(invalid()),
    }
}

/// Looks at a column of dates and returns the order that a number above 12
/// proves (3/25/1984 is month first), if the column settles it one way only.
pub fn guess_date_order<S: AsRef<str>>(cells: impl IntoIterator<Item = S>) -> Option<DateOrder> {
    let (mut day_first, mut month_first) = (false, false);
    for cell in cells {
        let cell = cell.as_ref().trim();
        if cell.contains('.') {
            continue;
        }
        let parts: Vec<u32> = cell.split(['/', '-']).map_while(|p| p.parse().ok()).collect();
        if let [a, b, y] = parts[..] {
            if y > 31 {
                day_first |= a > 12 && b <= 12;
                month_first |= b > 12 && a <= 12;
            }
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayMonthYear),
        (false, true) => Some(DateOrder::MonthDayYear),
        _ => None,
    }
}

/// Country names (reduced like headers) and their ISO 3166-1 codes.
const COUNTRIES: &[(&str, &str)] = &[
    ("unitedkingdom", "GB"),
    ("greatbritain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northernireland", "GB"),
    ("uk", "GB"),
    ("vereinigteskonigreich", "GB"),
    ("royaumeuni", "GB"),
    ("reinounido", "GB"),
    ("verenigdkoninkrijk", "GB"),
    ("unitedstates", "US"),
    ("unitedstatesofamerica", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("vereinigtestaaten", "US"),
    ("etatsunis", "US"),
    ("estadosunidos", "US"),
    ("verenigdestaten", "US"),
    ("germany", "DE"),
    ("deutschland", "DE"),
    ("allemagne", "DE"),
    ("alemania", "DE"),
    ("duitsland", "DE"),
    ("france", "FR"),
    ("frankreich", "FR"),
    ("francia", "FR"),
    ("frankrijk", "FR"),
    ("spain", "ES"),
    ("espana", "ES"),
    ("spanien", "ES"),
    ("espagne", "ES"),
    ("spanje", "ES"),
    ("netherlands", "NL"),
    ("thenetherlands", "NL"),
    ("holland", "NL"),
    ("nederland", "NL"),
    ("niederlande", "NL"),
    ("paysbas", "NL"),
    ("paisesbajos", "NL"),
    ("belgium", "BE"),
    ("belgie", "BE"),
    ("belgique", "BE"),
    ("belgien", "BE"),
    ("austria", "AT"),
    ("osterreich", "AT"),
    ("autriche", "AT"),
    ("switzerland", "CH"),
    ("schweiz", "CH"),
    ("suisse", "CH"),
    ("svizzera", "CH"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("italien", "IT"),
    ("italie", "IT"),
    ("portugal", "PT"),
    ("ireland", "IE"),
    ("irland", "IE"),
    ("irlande", "IE"),
    ("luxembourg", "LU"),
    ("luxemburg", "LU"),
    ("denmark", "DK"),
    ("danmark", "DK"),
    ("danemark", "DK"),
    ("sweden", "SE"),
    ("sverige", "SE"),
    ("schweden", "SE"),
    ("norway", "NO"),
    ("norge", "NO"),
    ("norwegen", "NO"),
    ("finland", "FI"),
    ("suomi", "FI"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("polen", "PL"),
    ("czechrepublic", "CZ"),
    ("czechia", "CZ"),
    ("greece", "GR"),
    ("canada", "CA"),
    ("mexico", "MX"),
    ("brazil", "BR"),
    ("brasil", "BR"),
    ("argentina", "AR"),
    ("australia", "AU"),
    ("newzealand", "NZ"),
    ("japan", "JP"),
    ("china", "CN"),
    ("india", "IN"),
    ("southafrica", "ZA"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("israel", "IL"),
    ("singapore", "SG"),
];

/// The ISO 3166-1 alpha-2 code for a country name in the small built-in
/// table, or for a two-letter code as it is ("de" gives "DE", "UK" gives "GB").
pub fn country_code(name: &str) -> Option<&'static str> {
    let key = header_key(name);
    if let Some((_, code)) = COUNTRIES.iter().find(|(n, _)| *n == key) {
        return Some(code);
    }
    iso_code(&name.trim().to_ascii_uppercase())
}

/// Every assigned ISO 3166-1 alpha-2 code, so that any valid code is accepted.
const ISO_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR \
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ \
FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE \
JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR \
MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU \
RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG \
UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

fn iso_code(code: &str) -> Option<&'static str> {
    ISO_CODES.split(' ').find(|c| *c == code)
}

/// Sets the address's country from a name or code. An unknown name is kept
/// in the region (after any region already there) and a message returned.
pub(crate) fn set_country(a: &mut Address, value: &str) -> Option<String> {
    if !a.country.is_empty() {
        return None;
    }
    match country_code(value) {
        Some(code) => {
            a.country = code.to_string();
            None
        }
        None => {
            let value = collapse_spaces(value);
            a.region = if a.region.is_empty() { value.clone() } else { format!("{}, {value}", a.region) };
            Some(format!("Unknown country \"{value}\"; it was kept in the region"))
        }
    }
}

const NAME_PREFIXES: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "herr", "frau", "mme", "mlle", "sra", "srta", "dhr",
    "mevr",
];
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "phd", "md", "esq", "mba", "dds", "jun", "sen"];
const FAMILY_PARTICLES: &[&str] = &[
    "van", "von", "der", "den", "de", "del", "della", "di", "da", "du", "la", "le", "ter", "ten", "dos", "das", "zu",
    "bin", "ibn", "al", "el", "st", "mac",
];

fn is_in(word: &str, list: &[&str]) -> bool {
    let key = header_key(word);
    list.contains(&key.as_str())
}

/// Splits a full name into (given, family). Handles "Roe, Jane", titles and
/// suffixes ("Dr. Jane Roe Jr." gives Jane / Roe), family names with
/// particles ("Jane van der Berg" gives Jane / van der Berg), and single names
/// (given name only).
pub fn split_full_name(name: &str) -> (String, String) {
    let name = collapse_spaces(name);
    // "Roe, Jane" is family first, unless what follows the comma is a suffix ("Jane Roe, Jr.").
    let parts: Vec<&str> = name.split(',').map(str::trim).filter(|p| !p.is_empty()).collect();
    let main: Vec<&str> = parts.iter().copied().filter(|p| !is_in(p, NAME_SUFFIXES)).collect();
    if let [family, given, ..] = main[..] {
        return (strip_titles(given).join(" "), family.to_string());
    }
    let words = strip_titles(main.first().copied().unwrap_or(""));
    match words.len() {
        0 => (String::new(), String::new()),
        1 => (words[0].to_string(), String::new()),
        n => {
            let family_start = (1..n - 1).find(|&i| is_in(words[i], FAMILY_PARTICLES)).unwrap_or(n - 1);
            (words[..family_start].join(" "), words[family_start..].join(" "))
        }
    }
}

/// The words of a name without leading titles and trailing suffixes; a name
/// made only of such words is kept whole.
fn strip_titles(name: &str) -> Vec<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let start = words.iter().take_while(|w| is_in(w, NAME_PREFIXES)).count();
    let end = words.len() - words[start..].iter().rev().take_while(|w| is_in(w, NAME_SUFFIXES)).count();
    if start < end {
        words[start..end].to_vec()
    } else {
        words
    }
}

// Native only: proptest is not a wasm dev-dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use AddressPart::*;

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_string).collect()
    }

    fn email(slot: u8, kind: Option<EmailKind>) -> Target {
        Target::Email { slot, kind }
    }

    fn phone(slot: u8, kind: Option<PhoneKind>) -> Target {
        Target::Phone { slot, kind }
    }

    fn addr(slot: u8, part: AddressPart, kind: Option<AddressKind>) -> Target {
        Target::Address { slot, part, kind }
    }

    #[test]
    fn maps_old_google_export() {
        let h = headers(
            "Name,Given Name,Additional Name,Family Name,Yomi Name,Given Name Yomi,Name Prefix,Nickname,Birthday,\
             Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,E-mail 2 - Type,E-mail 2 - Value,\
             Phone 1 - Type,Phone 1 - Value,Address 1 - Type,Address 1 - Formatted,Address 1 - Street,\
             Address 1 - City,Address 1 - Region,Address 1 - Postal Code,Address 1 - Country,\
             Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                FullName,
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Ignore,
                Ignore,
                Ignore,
                Birthday,
                Notes,
                Tags,
                EmailType { slot: 1 },
                email(1, None),
                EmailType { slot: 2 },
                email(2, None),
                PhoneType { slot: 1 },
                phone(1, None),
                AddressType { slot: 1 },
                Ignore,
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, Region, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Ignore,
                Company,
                JobTitle,
                Ignore,
                Website,
            ]
        );
    }

    #[test]
    fn maps_new_google_export() {
        let h = headers(
            "First Name,Middle Name,Last Name,Phonetic First Name,Nickname,File As,E-mail 1 - Label,\
             E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Phone 2 - Label,Phone 2 - Value,Address 1 - Label,\
             Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Organization Name,\
             Organization Title,Organization Department,Birthday,Notes,Labels",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Ignore,
                Ignore,
                EmailType { slot: 1 },
                email(1, None),
                PhoneType { slot: 1 },
                phone(1, None),
                PhoneType { slot: 2 },
                phone(2, None),
                AddressType { slot: 1 },
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Company,
                JobTitle,
                Ignore,
                Birthday,
                Notes,
                Tags,
            ]
        );
    }

    #[test]
    fn maps_outlook_export() {
        let h = headers(
            "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,\
             Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,\
             Home Postal Code,Home Country/Region,Business Phone,Business Phone 2,Home Phone,Mobile Phone,\
             Other Phone,Birthday,Categories,E-mail Address,E-mail Display Name,E-mail 2 Address,Notes,Web Page",
        );
        use Target::*;
        let work = Some(AddressKind::Work);
        let home = Some(AddressKind::Home);
        assert_eq!(
            auto_map(&h),
            [
                // "Title" alone is only a weak guess for the job title, and Outlook has a "Job Title".
                Ignore,
                GivenName,
                MiddleName,
                FamilyName,
                Ignore,
                Company,
                Ignore,
                JobTitle,
                Address { slot: 1, part: Street, kind: work },
                Address { slot: 1, part: City, kind: work },
                Address { slot: 1, part: Region, kind: work },
                Address { slot: 1, part: PostalCode, kind: work },
                Address { slot: 1, part: Country, kind: work },
                Address { slot: 2, part: Street, kind: home },
                Address { slot: 2, part: City, kind: home },
                Address { slot: 2, part: PostalCode, kind: home },
                Address { slot: 2, part: Country, kind: home },
                phone(1, Some(PhoneKind::Work)),
                phone(2, Some(PhoneKind::Work)),
                phone(1, Some(PhoneKind::Home)),
                phone(1, Some(PhoneKind::Mobile)),
                phone(1, Some(PhoneKind::Other)),
                Birthday,
                Tags,
                email(1, None),
                Ignore,
                email(2, None),
                Notes,
                Website,
            ]
        );
    }

    #[test]
    fn maps_hubspot_export() {
        let h = headers(
            "Record ID,First Name,Last Name,Email,Phone Number,Mobile Phone Number,Company Name,Job Title,\
             Lifecycle Stage,Street Address,City,State/Region,Postal Code,Country/Region,Website URL,\
             Original Source,Create Date",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                Ignore,
                GivenName,
                FamilyName,
                email(1, None),
                phone(1, None),
                phone(1, Some(PhoneKind::Mobile)),
                Company,
                JobTitle,
                LifecycleStage,
                addr(1, Street, None),
                addr(1, City, None),
                addr(1, Region, None),
                addr(1, PostalCode, None),
                addr(1, Country, None),
                Website,
                Source,
                Ignore,
            ]
        );
    }

    #[test]
    fn maps_pipedrive_export() {
        let h = headers(
            "Person - ID,Person - Name,Person - Email,Person - Phone,Organization - Name,Person - Job title,\
             Person - Labels,Person - Email - Work,Person - Phone - Mobile,Organization - Address",
        );
        use Target::*;
        assert_eq!(
            auto_map(&h),
            [
                Ignore,
                FullName,
                email(1, None),
                phone(1, None),
                Company,
                JobTitle,
                Tags,
                email(1, Some(EmailKind::Work)),
                phone(1, Some(PhoneKind::Mobile)),
                Ignore,
            ]
        );
    }

    #[test]
    fn maps_spreadsheet_headers_in_several_languages() {
        use Target::*;
        for line in [
            "Vorname;Nachname;E-Mail;Telefon;Firma;Straße;PLZ;Ort;Land;Geburtstag",
            "Prénom;Nom;Courriel;Téléphone;Société;Adresse;Code postal;Ville;Pays;Date de naissance",
            "Nombre;Apellidos;Correo electrónico;Teléfono;Empresa;Dirección;Código postal;Ciudad;País;Cumpleaños",
            "Voornaam;Achternaam;E-mailadres;Telefoon;Bedrijf;Adres;Postcode;Plaats;Land;Geboortedatum",
            "FIRST_NAME;last-name;  e mail ;PHONE;company;street;zip;city;country;DOB",
        ] {
            let h: Vec<String> = line.split(';').map(str::to_string).collect();
            assert_eq!(
                auto_map(&h),
                [
                    GivenName,
                    FamilyName,
                    email(1, None),
                    phone(1, None),
                    Company,
                    addr(1, Street, None),
                    addr(1, PostalCode, None),
                    addr(1, City, None),
                    addr(1, Country, None),
                    Birthday,
                ],
                "{line}"
            );
        }
    }

    #[test]
    fn targets_are_stored_as_tagged_json() {
        let t = vec![Target::GivenName, email(2, Some(EmailKind::Personal)), addr(1, PostalCode, None)];
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(
            json,
            r#"[{"target":"given_name"},{"target":"email","slot":2,"kind":"personal"},{"target":"address","slot":1,"part":"postal_code","kind":null}]"#
        );
        assert_eq!(serde_json::from_str::<Vec<Target>>(&json).unwrap(), t);
    }

    #[test]
    fn splits_full_names() {
        let split = |s| split_full_name(s);
        let pair = |g: &str, f: &str| (g.to_string(), f.to_string());
        assert_eq!(split("Roe, Jane"), pair("Jane", "Roe"));
        assert_eq!(split("Jane van der Berg"), pair("Jane", "van der Berg"));
        assert_eq!(split("Dr. Jane Roe Jr."), pair("Jane", "Roe"));
        assert_eq!(split("Jane Roe, PhD"), pair("Jane", "Roe"));
        assert_eq!(split("Madonna"), pair("Madonna", ""));
        assert_eq!(split("  Mary  Jane   Watson "), pair("Mary Jane", "Watson"));
        assert_eq!(split("Ludwig von Beethoven"), pair("Ludwig", "von Beethoven"));
        assert_eq!(split("Van Morrison"), pair("Van", "Morrison"));
        assert_eq!(split("Roe, Dr. Jane"), pair("Jane", "Roe"));
        assert_eq!(split("Dr."), pair("Dr.", ""));
        assert_eq!(split(""), pair("", ""));
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
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
    fn parses_birthdays() {
        let d = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d));
        assert_eq!(parse_date("1984-03-02", None), d(1984, 3, 2));
        assert_eq!(parse_date("1984/03/02", None), d(1984, 3, 2));
        assert_eq!(parse_date("19840302", None), d(1984, 3, 2));
        assert_eq!(parse_date("1984-03-02T00:00:00Z", None), d(1984, 3, 2));
        assert_eq!(parse_date("02.03.1984", None), d(1984, 3, 2));
        assert_eq!(parse_date("25/12/1984", None), d(1984, 12, 25));
        assert_eq!(parse_date("12/25/1984", None), d(1984, 12, 25));
        assert_eq!(parse_date("3/3/1984", None), d(1984, 3, 3));
        assert!(parse_date("3/2/1984", None).unwrap_err().contains("day/month"));
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::MonthDayYear)), d(1984, 3, 2));
        assert_eq!(parse_date("3/2/1984", Some(DateOrder::DayMonthYear)), d(1984, 2, 3));
        assert!(parse_date("--03-02", None).unwrap_err().contains("no year"));
        assert!(parse_date("3/2/84", None).unwrap_err().contains("four-digit"));
        assert!(parse_date("1984-02-30", None).unwrap_err().contains("real date"));
        assert!(parse_date("March 2nd", None).is_err());
        assert_eq!(guess_date_order(["3/2/1984", "", "25/12/1990"]), Some(DateOrder::DayMonthYear));
        assert_eq!(guess_date_order(["3/2/1984", "12/25/1990"]), Some(DateOrder::MonthDayYear));
        assert_eq!(guess_date_order(["3/2/1984"]), None);
    }

    #[test]
    fn maps_lifecycle_stages() {
        use LifecycleStage::*;
        for (name, stage) in [
            ("subscriber", Reach),
            ("lead", Acquisition),
            ("marketingqualifiedlead", Acquisition),
            ("Marketing Qualified Lead", Acquisition),
            ("salesqualifiedlead", Conversion),
            ("opportunity", Conversion),
            ("customer", Retention),
            ("evangelist", Loyalty),
            ("Retention", Retention),
            ("lost", Lost),
            ("disqualified", Disqualified),
        ] {
            assert_eq!(parse_stage(name), Some(stage), "{name}");
        }
        assert_eq!(parse_stage("other"), None);
    }

    #[test]
    fn country_names_and_codes() {
        assert_eq!(country_code("United Kingdom"), Some("GB"));
        assert_eq!(country_code("Deutschland"), Some("DE"));
        assert_eq!(country_code("France"), Some("FR"));
        assert_eq!(country_code("España"), Some("ES"));
        assert_eq!(country_code("uk"), Some("GB"));
        assert_eq!(country_code("nz"), Some("NZ"));
        assert_eq!(country_code("XX"), None);
        assert_eq!(country_code("Narnia"), None);
    }

    #[test]
    fn tags_split_on_all_separators() {
        assert_eq!(
            split_tags("vip; partner, Event 2026 ::: * starred ::: VIP"),
            ["vip", "partner", "Event 2026", "starred"]
        );
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
