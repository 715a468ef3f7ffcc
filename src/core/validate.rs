//! Validation and clean-up of records before they are saved or imported.
//!
//! `tidy_*` only trims and collapses spaces and drops rows that are entirely
//! empty: it never changes what a person typed in any other way. `validate_*`
//! then reports every problem as a [`FieldError`] whose `field` names the form
//! field (`emails[1].address`) so the UI can show it next to that field.
//! Validation takes `today` because core never reads the clock.

use chrono::{Datelike, NaiveDate};

use super::ids::is_uuid;
use super::records::{Activity, Deal, DealStatus, Settings, Task, TAG_COLOURS};
use super::records::{Address, Company, Contact, LifecycleStage};
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
pub const MSG_NEED_TITLE: &str = "Enter a title";
pub const MSG_UPDATED: &str = "The update time is before the creation time";
pub const MSG_CURRENCY: &str = "Use a three-letter currency code in capitals, such as EUR or USD";
pub const MSG_COUNTRY: &str = "Use a two-letter country code such as GB or DE";
pub const MSG_BIRTHDAY_FUTURE: &str = "A birthday cannot be in the future";
pub const MSG_BIRTHDAY_1900: &str = "Enter a birthday after 1900, or leave the year empty";
pub const MSG_AMOUNT: &str = "The amount cannot be negative";
pub const MSG_PROBABILITY: &str = "Enter a probability from 0 to 100";
pub const MSG_STAGE: &str = "Choose a stage of the pipeline";
pub const MSG_CLOSED_NEEDED: &str = "A won or lost deal needs the time it was closed";
pub const MSG_CLOSED_OPEN: &str = "An open deal has no closing time";
pub const MSG_CLOSED_BEFORE: &str = "The closing time is before the creation time";
pub const MSG_DURATION: &str = "Enter a duration from 1 to 1,440 minutes (24 hours)";
pub const MSG_NO_DURATION: &str = "Only calls and meetings have a duration";
pub const MSG_EMPTY_NOTE: &str = "Write something in the note";
pub const MSG_CADENCE: &str = "Enter a number of days from 1 to 3,650";
pub const MSG_DATE_LABEL: &str = "Say what the date is, such as \"Work anniversary\"";
pub const MSG_HISTORY_ORDER: &str = "Stage changes must be in time order";
pub const MSG_NEED_STAGES: &str = "The pipeline needs at least one stage";
pub const MSG_STAGE_ID: &str = "Each stage needs its own id";
pub const MSG_STAGE_NAME: &str = "Give each stage its own name";
pub const MSG_TAG_COLOUR: &str = "Choose one of the tag colours";
pub const MSG_NOT_DUPLICATE_PAIR: &str = "A \"not a duplicate\" pair needs two different contact ids, in order";
pub const MSG_WON_STAGE: &str = "Winning a deal moves people to conversion or retention";
/// The maximum duration of an activity, in minutes.
pub const MAX_DURATION_MIN: u32 = 24 * 60;
/// The longest keep-in-touch cadence, in days (ten years).
pub const MAX_CADENCE_DAYS: u32 = 3650;

/// Trims text fields, collapses spaces in one-line fields and drops empty rows.
pub fn tidy_contact(c: &mut Contact) {
    c.given_name = collapse_spaces(&c.given_name);
    c.family_name = collapse_spaces(&c.family_name);
    c.job_title = collapse_spaces(&c.job_title);
    c.source = collapse_spaces(&c.source);
    c.nickname = collapse_spaces(&c.nickname);
    c.name_prefix = collapse_spaces(&c.name_prefix);
    c.name_suffix = collapse_spaces(&c.name_suffix);
    c.department = collapse_spaces(&c.department);
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
    a.street2 = collapse_spaces(&a.street2);
    a.city = collapse_spaces(&a.city);
    a.region = collapse_spaces(&a.region);
    a.postal_code = collapse_spaces(&a.postal_code);
    a.country = collapse_spaces(&a.country);
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
    check_len("nickname", &c.nickname, MAX_NAME_LEN, &mut errs);
    check_len("name_prefix", &c.name_prefix, MAX_NAME_LEN, &mut errs);
    check_len("name_suffix", &c.name_suffix, MAX_NAME_LEN, &mut errs);
    check_len("department", &c.department, MAX_NAME_LEN, &mut errs);
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
    check_len("owner", &c.owner, MAX_NAME_LEN, &mut errs);
    if c.cadence_days.is_some_and(|d| !(1..=MAX_CADENCE_DAYS).contains(&d)) {
        errs.push(FieldError::new("cadence_days", MSG_CADENCE));
    }
    for (i, d) in c.important_dates.iter().enumerate() {
        if d.label.trim().is_empty() {
            errs.push(FieldError::new(format!("important_dates[{i}].label"), MSG_DATE_LABEL));
        }
        check_len(&format!("important_dates[{i}].label"), &d.label, MAX_NAME_LEN, &mut errs);
    }
    check_history(&c.stage_history, &mut errs);
    // A birthday without a year is a day and month, which every year has.
    if let Some(b) = c.birthday.and_then(|b| b.date()) {
        if b > today {
            errs.push(FieldError::new("birthday", MSG_BIRTHDAY_FUTURE));
        } else if b.year() < 1900 {
            errs.push(FieldError::new("birthday", MSG_BIRTHDAY_1900));
        }
    }
    if c.updated < c.created {
        errs.push(FieldError::new("updated", MSG_UPDATED));
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
    check_len("owner", &c.owner, MAX_NAME_LEN, &mut errs);
    check_history(&c.stage_history, &mut errs);
    if c.updated < c.created {
        errs.push(FieldError::new("updated", MSG_UPDATED));
    }
    errs
}

/// Every problem with a deal; empty when it can be saved. Its stage must be
/// one of `settings.pipeline`.
pub fn validate_deal(d: &Deal, settings: &Settings) -> Vec<FieldError> {
    let mut errs = Vec::new();
    check_id(&d.id, &mut errs);
    if d.title.trim().is_empty() {
        errs.push(FieldError::new("title", MSG_NEED_TITLE));
    }
    check_len("title", &d.title, MAX_NAME_LEN, &mut errs);
    if d.company_id.as_deref().is_some_and(|id| !is_uuid(id)) {
        errs.push(FieldError::new("company_id", "Choose a company from the list"));
    }
    for (i, id) in d.contact_ids.iter().enumerate() {
        if !is_uuid(id) {
            errs.push(FieldError::new(format!("contact_ids[{i}]"), "Choose contacts from the list"));
        }
    }
    if d.amount_cents < 0 {
        errs.push(FieldError::new("amount_cents", MSG_AMOUNT));
    }
    if !is_currency(&d.currency) {
        errs.push(FieldError::new("currency", MSG_CURRENCY));
    }
    if settings.stage(&d.stage).is_none() {
        errs.push(FieldError::new("stage", MSG_STAGE));
    }
    if d.probability > 100 {
        errs.push(FieldError::new("probability", MSG_PROBABILITY));
    }
    check_len("owner", &d.owner, MAX_NAME_LEN, &mut errs);
    check_len("lost_reason", &d.lost_reason, MAX_NAME_LEN, &mut errs);
    check_tags(&d.tags, &mut errs);
    check_len("notes", &d.notes, MAX_NOTES_LEN, &mut errs);
    match (d.status, d.closed) {
        (DealStatus::Open, Some(_)) => errs.push(FieldError::new("closed", MSG_CLOSED_OPEN)),
        (DealStatus::Won | DealStatus::Lost, None) => errs.push(FieldError::new("closed", MSG_CLOSED_NEEDED)),
        (_, Some(closed)) if closed < d.created => errs.push(FieldError::new("closed", MSG_CLOSED_BEFORE)),
        _ => {}
    }
    if d.updated < d.created {
        errs.push(FieldError::new("updated", MSG_UPDATED));
    }
    errs
}

/// Every problem with an activity; empty when it can be saved.
pub fn validate_activity(a: &Activity) -> Vec<FieldError> {
    let mut errs = Vec::new();
    check_id(&a.id, &mut errs);
    match a.duration_min {
        Some(_) if !a.kind.has_duration() => errs.push(FieldError::new("duration_min", MSG_NO_DURATION)),
        Some(m) if !(1..=MAX_DURATION_MIN).contains(&m) => errs.push(FieldError::new("duration_min", MSG_DURATION)),
        _ => {}
    }
    check_len("outcome", &a.outcome, MAX_NAME_LEN, &mut errs);
    check_len("subject", &a.subject, MAX_NAME_LEN, &mut errs);
    check_len("body", &a.body, MAX_NOTES_LEN, &mut errs);
    if a.kind == super::records::ActivityKind::Note && a.subject.trim().is_empty() && a.body.trim().is_empty() {
        errs.push(FieldError::new("body", MSG_EMPTY_NOTE));
    }
    for (i, id) in a.contact_ids.iter().enumerate() {
        if !is_uuid(id) {
            errs.push(FieldError::new(format!("contact_ids[{i}]"), "Choose contacts from the list"));
        }
    }
    check_links(a.company_id.as_deref(), a.deal_id.as_deref(), &mut errs);
    check_len("owner", &a.owner, MAX_NAME_LEN, &mut errs);
    if a.updated < a.created {
        errs.push(FieldError::new("updated", MSG_UPDATED));
    }
    errs
}

/// Every problem with a task; empty when it can be saved.
pub fn validate_task(t: &Task) -> Vec<FieldError> {
    let mut errs = Vec::new();
    check_id(&t.id, &mut errs);
    if t.title.trim().is_empty() {
        errs.push(FieldError::new("title", MSG_NEED_TITLE));
    }
    check_len("title", &t.title, MAX_NAME_LEN, &mut errs);
    if t.contact_id.as_deref().is_some_and(|id| !is_uuid(id)) {
        errs.push(FieldError::new("contact_id", "Choose a contact from the list"));
    }
    check_links(t.company_id.as_deref(), t.deal_id.as_deref(), &mut errs);
    check_len("owner", &t.owner, MAX_NAME_LEN, &mut errs);
    check_len("notes", &t.notes, MAX_NOTES_LEN, &mut errs);
    if t.updated < t.created {
        errs.push(FieldError::new("updated", MSG_UPDATED));
    }
    errs
}

/// Every problem with the settings; empty when they can be saved.
pub fn validate_settings(s: &Settings) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some((probable, possible)) = s.duplicate_thresholds {
        if let Err(e) = super::dedupe::settings::check_thresholds(probable, possible) {
            errs.push(FieldError::new("duplicate_thresholds", e));
        }
    }
    if s.pipeline.is_empty() {
        errs.push(FieldError::new("pipeline", MSG_NEED_STAGES));
    }
    for (i, stage) in s.pipeline.iter().enumerate() {
        let earlier = &s.pipeline[..i];
        if stage.id.trim().is_empty() || earlier.iter().any(|e| e.id == stage.id) {
            errs.push(FieldError::new(format!("pipeline[{i}].id"), MSG_STAGE_ID));
        }
        let name = stage.name.trim();
        if name.is_empty() || earlier.iter().any(|e| e.name.trim().to_lowercase() == name.to_lowercase()) {
            errs.push(FieldError::new(format!("pipeline[{i}].name"), MSG_STAGE_NAME));
        }
        check_len(&format!("pipeline[{i}].name"), &stage.name, MAX_NAME_LEN, &mut errs);
        if stage.probability > 100 {
            errs.push(FieldError::new(format!("pipeline[{i}].probability"), MSG_PROBABILITY));
        }
    }
    for (i, tag) in s.tags.iter().enumerate() {
        if !is_tag(&tag.name) {
            errs.push(FieldError::new(format!("tags[{i}].name"), msg_tag()));
        }
        if !TAG_COLOURS.contains(&tag.colour.as_str()) {
            errs.push(FieldError::new(format!("tags[{i}].colour"), MSG_TAG_COLOUR));
        }
    }
    if !matches!(s.won_stage, LifecycleStage::Conversion | LifecycleStage::Retention) {
        errs.push(FieldError::new("won_stage", MSG_WON_STAGE));
    }
    if !is_currency(&s.currency) {
        errs.push(FieldError::new("currency", MSG_CURRENCY));
    }
    if !s.default_country.is_empty() && !is_country(&s.default_country) {
        errs.push(FieldError::new("default_country", MSG_COUNTRY));
    }
    for (i, (a, b)) in s.not_duplicates.iter().enumerate() {
        if a.trim().is_empty() || a >= b {
            errs.push(FieldError::new(format!("not_duplicates[{i}]"), MSG_NOT_DUPLICATE_PAIR));
        }
    }
    errs
}

/// An ISO 4217-shaped code: three upper-case ASCII letters.
pub fn is_currency(s: &str) -> bool {
    s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_country(s: &str) -> bool {
    s.len() == 2 && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn is_tag(t: &str) -> bool {
    !t.trim().is_empty() && !t.contains(',') && t.chars().count() <= MAX_TAG_LEN
}

fn msg_tag() -> String {
    format!("A tag has 1 to {MAX_TAG_LEN} characters and no comma")
}

fn check_links(company_id: Option<&str>, deal_id: Option<&str>, errs: &mut Vec<FieldError>) {
    if company_id.is_some_and(|id| !is_uuid(id)) {
        errs.push(FieldError::new("company_id", "Choose a company from the list"));
    }
    if deal_id.is_some_and(|id| !is_uuid(id)) {
        errs.push(FieldError::new("deal_id", "Choose a deal from the list"));
    }
}

/// Stage changes are oldest first (equal times are allowed).
fn check_history(history: &[super::records::StageChange], errs: &mut Vec<FieldError>) {
    for (i, pair) in history.windows(2).enumerate() {
        if pair[1].at < pair[0].at {
            errs.push(FieldError::new(format!("stage_history[{}].at", i + 1), MSG_HISTORY_ORDER));
        }
    }
}

fn check_id(id: &str, errs: &mut Vec<FieldError>) {
    if !is_uuid(id) {
        errs.push(FieldError::new("id", "The id must be a lower-case UUID"));
    }
}

fn check_len(field: &str, value: &str, max: usize, errs: &mut Vec<FieldError>) {
    // Bytes are never fewer than characters: count only long texts.
    if value.len() > max && value.chars().count() > max {
        errs.push(FieldError::new(field, format!("Use at most {max} characters")));
    }
}

fn check_tags(tags: &[String], errs: &mut Vec<FieldError>) {
    for (i, t) in tags.iter().enumerate() {
        if !is_tag(t) {
            errs.push(FieldError::new(format!("tags[{i}]"), msg_tag()));
        }
    }
}

fn check_address(prefix: &str, a: &Address, errs: &mut Vec<FieldError>) {
    // A country is an ISO code, or (format 3) a name no table knows, kept as
    // written: both are text of at most 200 characters.
    for (name, value) in [
        ("street", &a.street),
        ("street2", &a.street2),
        ("city", &a.city),
        ("region", &a.region),
        ("postal_code", &a.postal_code),
        ("country", &a.country),
    ] {
        check_len(&format!("{prefix}.{name}"), value, MAX_NAME_LEN, errs);
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
    use crate::core::records::{ActivityKind, TagColour};
    use crate::core::records::{Email, EmailKind, ImportantDate, Phone, PhoneKind, StageChange};
    use chrono::{DateTime, Duration, TimeZone, Utc};

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
        c.birthday = NaiveDate::from_ymd_opt(2026, 11, 24).map(Into::into);
        assert_eq!(fields(&validate_contact(&c, today())), ["birthday"]);
        c.birthday = NaiveDate::from_ymd_opt(1899, 12, 31).map(Into::into);
        assert_eq!(fields(&validate_contact(&c, today())), ["birthday"]);
        c.birthday = NaiveDate::from_ymd_opt(2026, 11, 23).map(Into::into);
        assert!(validate_contact(&c, today()).is_empty());
        // Without a year there is nothing to bound: 24 November is any year's.
        c.birthday = crate::core::records::YearlyDate::without_year(11, 24);
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
    fn contact_cadence_dates_and_history() {
        let mut c = contact();
        c.cadence_days = Some(0);
        c.important_dates.push(ImportantDate { label: " ".into(), date: today().into() });
        let t = c.created;
        c.stage_history = vec![
            StageChange { from: None, to: LifecycleStage::Reach, at: t },
            StageChange { from: Some(LifecycleStage::Reach), to: LifecycleStage::Acquisition, at: t },
            StageChange {
                from: Some(LifecycleStage::Acquisition),
                to: LifecycleStage::Lost,
                at: t - Duration::seconds(1),
            },
        ];
        let errs = validate_contact(&c, today());
        assert_eq!(fields(&errs), ["cadence_days", "important_dates[0].label", "stage_history[2].at"]);
        assert_eq!(errs[0].message, MSG_CADENCE);
        assert_eq!(errs[2].message, MSG_HISTORY_ORDER);
        c.cadence_days = Some(3650);
        c.important_dates[0].label = "Work anniversary".into();
        c.stage_history.pop();
        assert!(validate_contact(&c, today()).is_empty());
        c.cadence_days = Some(3651);
        assert_eq!(fields(&validate_contact(&c, today())), ["cadence_days"]);
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5).unwrap()
    }

    fn deal() -> (Deal, Settings) {
        let s = Settings::initial(t0());
        let mut d = Deal::blank(ID.into(), &s.pipeline[1], "EUR", t0());
        d.title = "Roof".into();
        (d, s)
    }

    #[test]
    fn a_titled_deal_in_a_known_stage_is_valid() {
        let (d, s) = deal();
        assert!(validate_deal(&d, &s).is_empty());
    }

    #[test]
    fn deal_rules() {
        let (mut d, s) = deal();
        d.id = "D1".into();
        d.title = "  ".into();
        d.amount_cents = -1;
        d.currency = "eur".into();
        d.stage = "gone".into();
        d.probability = 101;
        d.contact_ids = vec![ID.into(), "x".into()];
        let errs = validate_deal(&d, &s);
        assert_eq!(
            fields(&errs),
            ["id", "title", "contact_ids[1]", "amount_cents", "currency", "stage", "probability"]
        );
        assert_eq!(errs[4].message, MSG_CURRENCY);
        assert_eq!(errs[5].message, MSG_STAGE);
        let (mut d, s) = deal();
        d.currency = "EURO".into();
        d.title = "x".repeat(201);
        assert_eq!(fields(&validate_deal(&d, &s)), ["title", "currency"]);
    }

    #[test]
    fn a_deal_is_closed_exactly_when_won_or_lost() {
        let (mut d, s) = deal();
        d.status = DealStatus::Won;
        assert_eq!(validate_deal(&d, &s)[0].message, MSG_CLOSED_NEEDED);
        d.closed = Some(t0() + Duration::days(3));
        assert!(validate_deal(&d, &s).is_empty());
        d.status = DealStatus::Lost;
        d.lost_reason = "Price".into();
        assert!(validate_deal(&d, &s).is_empty());
        d.closed = Some(t0() - Duration::days(1));
        assert_eq!(validate_deal(&d, &s)[0].message, MSG_CLOSED_BEFORE);
        d.status = DealStatus::Open;
        d.closed = Some(t0());
        assert_eq!(validate_deal(&d, &s)[0].message, MSG_CLOSED_OPEN);
        // A lost reason on an open deal is allowed (it may be reopened).
        d.closed = None;
        assert!(validate_deal(&d, &s).is_empty());
    }

    #[test]
    fn activity_rules() {
        let mut a = Activity::blank(ID.into(), ActivityKind::Call, t0());
        assert!(validate_activity(&a).is_empty());
        a.duration_min = Some(1440);
        assert!(validate_activity(&a).is_empty());
        a.duration_min = Some(1441);
        assert_eq!(fields(&validate_activity(&a)), ["duration_min"]);
        a.duration_min = Some(0);
        assert_eq!(validate_activity(&a)[0].message, MSG_DURATION);
        a.kind = ActivityKind::Email;
        a.duration_min = Some(10);
        assert_eq!(validate_activity(&a)[0].message, MSG_NO_DURATION);
        a.duration_min = None;
        a.kind = ActivityKind::Note;
        assert_eq!(fields(&validate_activity(&a)), ["body"]);
        assert_eq!(validate_activity(&a)[0].message, MSG_EMPTY_NOTE);
        a.body = "Prefers email".into();
        assert!(validate_activity(&a).is_empty());
        a.subject = "s".repeat(201);
        a.deal_id = Some("d1".into());
        a.updated = t0() - Duration::seconds(1);
        assert_eq!(fields(&validate_activity(&a)), ["subject", "deal_id", "updated"]);
    }

    #[test]
    fn task_rules() {
        let mut t = Task::blank(ID.into(), t0());
        assert_eq!(fields(&validate_task(&t)), ["title"]);
        assert_eq!(validate_task(&t)[0].message, MSG_NEED_TITLE);
        t.title = "Send the quote".into();
        assert!(validate_task(&t).is_empty());
        t.contact_id = Some("c".into());
        assert_eq!(fields(&validate_task(&t)), ["contact_id"]);
    }

    #[test]
    fn the_initial_settings_are_valid() {
        assert!(validate_settings(&Settings::initial(t0())).is_empty());
    }

    #[test]
    fn settings_rules() {
        let mut s = Settings::initial(t0());
        s.pipeline[1].id = "qualified".into();
        s.pipeline[2].name = " QUALIFIED ".into();
        s.pipeline[3].id = "".into();
        s.pipeline[3].name = "".into();
        s.pipeline[4].probability = 101;
        s.tags = vec![
            TagColour { name: "vip".into(), colour: "pink".into() },
            TagColour { name: "a,b".into(), colour: "teal".into() },
        ];
        s.won_stage = LifecycleStage::Loyalty;
        s.currency = "€".into();
        s.default_country = "gb".into();
        let errs = validate_settings(&s);
        assert_eq!(
            fields(&errs),
            [
                "pipeline[1].id",
                "pipeline[2].name",
                "pipeline[3].id",
                "pipeline[3].name",
                "pipeline[4].probability",
                "tags[0].colour",
                "tags[1].name",
                "won_stage",
                "currency",
                "default_country"
            ]
        );
        assert_eq!(errs[1].message, MSG_STAGE_NAME);
        assert_eq!(errs[5].message, MSG_TAG_COLOUR);
        s.pipeline.clear();
        assert_eq!(validate_settings(&s)[0].field, "pipeline");
        s = Settings::initial(t0());
        s.won_stage = LifecycleStage::Retention;
        assert!(validate_settings(&s).is_empty());
    }

    #[test]
    fn parse_tags_splits_on_commas() {
        assert_eq!(parse_tags("vip, newsletter,,  event 2026 "), ["vip", "newsletter", "event 2026"]);
    }

    #[test]
    fn not_duplicate_pairs_need_two_sorted_ids() {
        let mut s = Settings::initial(t0());
        s.not_duplicates = vec![("a".into(), "b".into())];
        assert!(validate_settings(&s).is_empty());
        s.not_duplicates.push(("c".into(), "c".into()));
        s.not_duplicates.push(("z".into(), "y".into()));
        let fields: Vec<String> = validate_settings(&s).into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["not_duplicates[1]", "not_duplicates[2]"]);
    }
}
