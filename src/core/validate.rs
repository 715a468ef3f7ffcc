//! Validation and clean-up of records before they are saved or imported.
//!
//! `tidy_*` only trims and collapses spaces and drops rows that are entirely
//! empty: it never changes what a person typed in any other way. `validate_*`
//! then reports every problem as a [`FieldError`] whose `field` names the form
//! field (`emails[1].address`) so the UI can show it next to that field.
//! Validation takes `today` because core never reads the clock.

use chrono::{Datelike, NaiveDate};

use super::ids::is_uuid;
use super::model::{Address, Company, Contact};
use super::text::collapse_spaces;

/// One problem with one field of a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// A path such as `given_name`, `emails[0].address` or `address.country`.
    pub field: String,
    /// A sentence for people, saying what to do.
    pub message: String,
}

impl FieldError {
    fn new(field: impl Into<String>, message: impl Into<String>) -> FieldError {
        FieldError { field: field.into(), message: message.into() }
    }
}

pub const MAX_NAME_LEN: usize = 200;
pub const MAX_NOTES_LEN: usize = 20_000;
pub const MAX_TAG_LEN: usize = 50;

pub const MSG_NEED_NAME: &str = "Enter a name or an email address";
pub const MSG_EMAIL: &str = "Enter an email address like name@example.com";
pub const MSG_PHONE: &str = "Enter a phone number with 4 to 20 digits, using only digits, spaces and + ( ) - . /";
pub const MSG_DOMAIN: &str = "Enter a web domain like example.com";

/// Trims text fields, collapses spaces in one-line fields and drops empty rows.
pub fn tidy_contact(c: &mut Contact) {
    c.given_name = collapse_spaces(&c.given_name);
    c.family_name = collapse_spaces(&c.family_name);
    c.job_title = collapse_spaces(&c.job_title);
    c.source = collapse_spaces(&c.source);
    c.notes = c.notes.trim().to_string();
    for e in &mut c.emails {
        e.address = e.address.trim().to_string();
    }
    c.emails.retain(|e| !e.address.is_empty());
    for p in &mut c.phones {
        p.number = collapse_spaces(&p.number);
    }
    c.phones.retain(|p| !p.number.is_empty());
    c.addresses.iter_mut().for_each(tidy_address);
    c.addresses.retain(|a| !a.is_blank());
    c.tags = tidy_tags(&c.tags);
    if c.company_id.as_deref().is_some_and(str::is_empty) {
        c.company_id = None;
    }
}

pub fn tidy_company(c: &mut Company) {
    c.name = collapse_spaces(&c.name);
    c.domain = c.domain.trim().to_string();
    c.industry = collapse_spaces(&c.industry);
    c.notes = c.notes.trim().to_string();
    if let Some(a) = &mut c.address {
        tidy_address(a);
        if a.is_blank() {
            c.address = None;
        }
    }
    c.tags = tidy_tags(&c.tags);
}

fn tidy_address(a: &mut Address) {
    a.street = collapse_spaces(&a.street);
    a.city = collapse_spaces(&a.city);
    a.region = collapse_spaces(&a.region);
    a.postal_code = collapse_spaces(&a.postal_code);
    a.country = a.country.trim().to_string();
}

/// Trimmed, without empties or repeats (case-insensitive), in the order given.
pub fn tidy_tags(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = collapse_spaces(t);
        if !t.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(&t)) {
            out.push(t);
        }
    }
    out
}

/// Splits "vip, newsletter" into tags.
pub fn parse_tags(text: &str) -> Vec<String> {
    tidy_tags(&text.split(',').map(str::to_string).collect::<Vec<_>>())
}

/// Every problem with a contact; empty when it can be saved.
pub fn validate_contact(c: &Contact, today: NaiveDate) -> Vec<FieldError> {
    let mut errs = Vec::new();
    check_id(&c.id, &mut errs);
    if c.given_name.trim().is_empty() && c.family_name.trim().is_empty() && c.emails.is_empty() {
        errs.push(FieldError::new("given_name", MSG_NEED_NAME));
    }
    check_len("given_name", &c.given_name, MAX_NAME_LEN, &mut errs);
    check_len("family_name", &c.family_name, MAX_NAME_LEN, &mut errs);
    check_len("job_title", &c.job_title, MAX_NAME_LEN, &mut errs);
    check_len("source", &c.source, MAX_NAME_LEN, &mut errs);
    check_len("notes", &c.notes, MAX_NOTES_LEN, &mut errs);
    for (i, e) in c.emails.iter().enumerate() {
        if !is_email(&e.address) {
            errs.push(FieldError::new(format!("emails[{i}].address"), MSG_EMAIL));
        }
    }
    for (i, p) in c.phones.iter().enumerate() {
        if !is_phone(&p.number) {
            errs.push(FieldError::new(format!("phones[{i}].number"), MSG_PHONE));
        }
    }
    for (i, a) in c.addresses.iter().enumerate() {
        check_address(&format!("addresses[{i}]"), a, &mut errs);
    }
    if let Some(id) = &c.company_id {
        if !is_uuid(id) {
            errs.push(FieldError::new("company_id", "Choose a company from the list"));
        }
    }
    check_tags(&c.tags, &mut errs);
    if let Some(b) = c.birthday {
        if b > today {
            errs.push(FieldError::new("birthday", "A birthday cannot be in the future"));
        } else if b.year() < 1900 {
            errs.push(FieldError::new("birthday", "Enter a birthday after 1900"));
        }
    }
    if c.updated < c.created {
        errs.push(FieldError::new("updated", "The update time is before the creation time"));
    }
    errs
}

/// Every problem with a company; empty when it can be saved.
pub fn validate_company(c: &Company) -> Vec<FieldError> {
    let mut errs = Vec::new();
    check_id(&c.id, &mut errs);
    if c.name.trim().is_empty() {
        errs.push(FieldError::new("name", "Enter the company's name"));
    }
    check_len("name", &c.name, MAX_NAME_LEN, &mut errs);
    check_len("industry", &c.industry, MAX_NAME_LEN, &mut errs);
    check_len("notes", &c.notes, MAX_NOTES_LEN, &mut errs);
    if !c.domain.is_empty() && !is_domain(&c.domain) {
        errs.push(FieldError::new("domain", MSG_DOMAIN));
    }
    if let Some(a) = &c.address {
        check_address("address", a, &mut errs);
    }
    check_tags(&c.tags, &mut errs);
    if c.updated < c.created {
        errs.push(FieldError::new("updated", "The update time is before the creation time"));
    }
    errs
}

fn check_id(id: &str, errs: &mut Vec<FieldError>) {
    if !is_uuid(id) {
        errs.push(FieldError::new("id", "The id must be a lower-case UUID"));
    }
}

fn check_len(field: &str, value: &str, max: usize, errs: &mut Vec<FieldError>) {
    if value.chars().count() > max {
        errs.push(FieldError::new(field, format!("Use at most {max} characters")));
    }
}

fn check_tags(tags: &[String], errs: &mut Vec<FieldError>) {
    for (i, t) in tags.iter().enumerate() {
        if t.trim().is_empty() || t.contains(',') || t.chars().count() > MAX_TAG_LEN {
            errs.push(FieldError::new(
                format!("tags[{i}]"),
                format!("A tag has 1 to {MAX_TAG_LEN} characters and no comma"),
            ));
        }
    }
}

fn check_address(prefix: &str, a: &Address, errs: &mut Vec<FieldError>) {
    for (name, value) in
        [("street", &a.street), ("city", &a.city), ("region", &a.region), ("postal_code", &a.postal_code)]
    {
        check_len(&format!("{prefix}.{name}"), value, MAX_NAME_LEN, errs);
    }
    let country_ok =
        a.country.is_empty() || (a.country.len() == 2 && a.country.bytes().all(|b| b.is_ascii_uppercase()));
    if !country_ok {
        errs.push(FieldError::new(format!("{prefix}.country"), "Use a two-letter country code such as GB or DE"));
    }
}

/// A practical email check: one `@`, a local part without spaces, and a
/// domain of at least two dot-separated labels.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && local.len() <= 64
        && s.len() <= 254
        && !local.chars().any(|c| c.is_whitespace() || c == '@' || c.is_control())
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && is_domain(domain)
}

/// A host name with at least one dot: labels of letters, digits and hyphens
/// (any script), not starting or ending with a hyphen.
pub fn is_domain(s: &str) -> bool {
    let labels: Vec<&str> = s.split('.').collect();
    labels.len() >= 2
        && s.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_alphanumeric() || c == '-')
        })
        && labels.last().is_some_and(|tld| tld.chars().count() >= 2)
}

/// 4 to 20 digits; only digits, spaces and `+ ( ) - . /`; a `+` only first.
pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    (4..=20).contains(&digits)
        && s.chars().all(|c| c.is_ascii_digit() || " +()-./".contains(c))
        && !s.chars().skip(1).any(|c| c == '+')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Email, EmailKind, Phone, PhoneKind};
    use chrono::{TimeZone, Utc};

    const ID: &str = "0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn contact() -> Contact {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Contact::blank(ID.into(), t);
        c.given_name = "Jane".into();
        c
    }

    fn fields(errs: &[FieldError]) -> Vec<&str> {
        errs.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn a_named_contact_is_valid() {
        assert!(validate_contact(&contact(), today()).is_empty());
    }

    #[test]
    fn needs_a_name_or_an_email() {
        let mut c = contact();
        c.given_name.clear();
        assert_eq!(fields(&validate_contact(&c, today())), ["given_name"]);
        c.emails.push(Email { kind: EmailKind::Work, address: "jane@example.com".into() });
        assert!(validate_contact(&c, today()).is_empty());
    }

    #[test]
    fn names_the_bad_email_and_phone_rows() {
        let mut c = contact();
        c.emails.push(Email { kind: EmailKind::Work, address: "jane@example.com".into() });
        c.emails.push(Email { kind: EmailKind::Personal, address: "jane@".into() });
        c.phones.push(Phone { kind: PhoneKind::Mobile, number: "12".into() });
        let errs = validate_contact(&c, today());
        assert_eq!(fields(&errs), ["emails[1].address", "phones[0].number"]);
        assert_eq!(errs[0].message, MSG_EMAIL);
    }

    #[test]
    fn email_rules() {
        for ok in ["a@b.co", "jane.roe+crm@example.co.uk", "zoë@exämple.no", "o'neil@x.ie"] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "",
            "jane",
            "jane@",
            "@x.com",
            "ja ne@x.com",
            "a@b",
            "a@b.c",
            "a@@b.com",
            "a@-b.com",
            ".a@b.com",
            "a..b@c.com",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn phone_rules() {
        for ok in ["+44 20 7946 0958", "(415) 555-0142", "030/1234567", "1234"] {
            assert!(is_phone(ok), "{ok}");
        }
        for bad in ["123", "call me", "+44 +20 1234", "555-0142 ext. 5", "123456789012345678901"] {
            assert!(!is_phone(bad), "{bad}");
        }
    }

    #[test]
    fn birthday_must_be_past_and_after_1900() {
        let mut c = contact();
        c.birthday = NaiveDate::from_ymd_opt(2026, 11, 24);
        assert_eq!(fields(&validate_contact(&c, today())), ["birthday"]);
        c.birthday = NaiveDate::from_ymd_opt(1899, 12, 31);
        assert_eq!(fields(&validate_contact(&c, today())), ["birthday"]);
        c.birthday = NaiveDate::from_ymd_opt(2026, 11, 23);
        assert!(validate_contact(&c, today()).is_empty());
    }

    #[test]
    fn tidy_trims_and_drops_empty_rows_only() {
        let mut c = contact();
        c.given_name = "  Jane   Mary ".into();
        c.family_name = "van  der Berg".into();
        c.emails.push(Email { kind: EmailKind::Work, address: "  ".into() });
        c.emails.push(Email { kind: EmailKind::Work, address: " Jane@Example.com ".into() });
        c.tags = vec![" vip ".into(), "VIP".into(), "".into(), "partner".into()];
        tidy_contact(&mut c);
        assert_eq!(c.given_name, "Jane Mary");
        assert_eq!(c.family_name, "van der Berg");
        assert_eq!(c.emails.len(), 1);
        // Case is kept: tidying never rewrites what was typed.
        assert_eq!(c.emails[0].address, "Jane@Example.com");
        assert_eq!(c.tags, ["vip", "partner"]);
    }

    #[test]
    fn company_rules() {
        let t = Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap();
        let mut c = Company::blank(ID.into(), t);
        assert_eq!(fields(&validate_company(&c)), ["name"]);
        c.name = "Acme".into();
        c.domain = "https://acme.com".into();
        assert_eq!(fields(&validate_company(&c)), ["domain"]);
        c.domain = "acme.com".into();
        assert!(validate_company(&c).is_empty());
    }

    #[test]
    fn parse_tags_splits_on_commas() {
        assert_eq!(parse_tags("vip, newsletter,,  event 2026 "), ["vip", "newsletter", "event 2026"]);
    }
}
