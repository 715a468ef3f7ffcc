//! The preview of a contact import: every row of a file classified before
//! anything is written, and the changes that carry out the user's choices.
//!
//! A row is *invalid* only when nothing identifies the contact (no name and
//! no email address): a value that cannot be read is not a row problem (the
//! row comes in with that field empty and the value in its imported extras;
//! the row's [`RowNote`]s say so). A row is an *update* when one of its
//! emails is exactly an existing contact's; a *duplicate* when it repeats an
//! earlier row of the file (same email, or same name and phone) or when
//! duplicate detection ([`check_one`]) rates it a probable duplicate of an
//! existing contact; and a *create* otherwise. The user then picks per class
//! what happens (or per row, or for every row with one [`Reason`]), and
//! [`build_changes`] turns the plan into one change list (one transaction),
//! creating the companies the file names that do not exist yet.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::contacts_rows::ContactDraft;
use super::plan::{
    add_missing_tags, Choice, Choices, ClassKind, Diff, DuplicateOf, FieldDiff, ImportCounts, Reason, RowClass, RowNote,
};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::dedupe::{check_one, DedupeIndex};
use crate::core::display::{number, Locale};
use crate::core::i18n;
use crate::core::normalize::{apply_to_contact, suggest_contact};
use crate::core::records::{Company, Contact};
use crate::core::text::fold;

/// The id given to drafts while they are compared; never stored.
const DRAFT_ID: &str = "import-draft";

/// A row of the file, mapped to a contact.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceRow {
    /// The number people see: a spreadsheet's row, or the card's place.
    pub row: usize,
    pub contact: ContactDraft,
    pub company_name: Option<String>,
    /// What could not be used as it is, and what happens to it.
    pub notes: Vec<RowNote>,
}

/// A classified row.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRow {
    pub source: SourceRow,
    pub class: RowClass,
    /// The user's choice for this row alone; `None` follows its class's choice.
    pub choice: Option<Choice>,
}

impl PlannedRow {
    /// What happens to the row: its own choice, else its class's.
    pub fn effective(&self, choices: &Choices) -> Choice {
        self.choice.unwrap_or_else(|| choices.get(self.class.kind()))
    }

    /// Whether the preview says `reason` about the row.
    pub fn has_reason(&self, reason: Reason) -> bool {
        match reason {
            Reason::NoNameOrEmail => matches!(self.class, RowClass::Invalid { .. }),
            r => self.source.notes.iter().any(|n| n.reason == r),
        }
    }

    /// The choices a person can make for this row alone.
    pub fn choices(&self) -> &'static [Choice] {
        match &self.class {
            RowClass::Update { .. } | RowClass::Duplicate(DuplicateOf::Existing { .. }) => {
                &[Choice::Update, Choice::Create, Choice::Skip]
            }
            RowClass::Invalid { .. } => &[Choice::Skip],
            _ => &[Choice::Create, Choice::Skip],
        }
    }
}

/// How many rows have each reason, for the reasons some row has, in
/// [`Reason::ALL`] order.
pub fn reason_counts(rows: &[PlannedRow]) -> Vec<(Reason, usize)> {
    Reason::ALL
        .into_iter()
        .map(|reason| (reason, rows.iter().filter(|r| r.has_reason(reason)).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// Gives every row with `reason` the choice `choice` (or, for `None`, lets
/// them follow their group again), in `row_choices` keyed by row index. A
/// row that cannot take the choice (an invalid row can only be skipped)
/// keeps what it had. Returns how many rows now have the choice.
pub fn choose_for_reason(
    rows: &[PlannedRow],
    reason: Reason,
    choice: Option<Choice>,
    row_choices: &mut HashMap<usize, Choice>,
) -> usize {
    let mut n = 0;
    for (i, row) in rows.iter().enumerate().filter(|(_, r)| r.has_reason(reason)) {
        match choice {
            None => {
                row_choices.remove(&i);
                n += 1;
            }
            Some(c) if row.choices().contains(&c) => {
                row_choices.insert(i, c);
                n += 1;
            }
            Some(_) => {}
        }
    }
    n
}

/// The choices "Rows by reason" offers for `reason`: those that at least
/// one row with it can take (rows with no name or email can only be
/// skipped, so "Create" is not offered for them).
pub fn choices_for_reason(rows: &[PlannedRow], reason: Reason) -> Vec<Choice> {
    [Choice::Create, Choice::Skip]
        .into_iter()
        .filter(|c| rows.iter().any(|r| r.has_reason(reason) && r.choices().contains(c)))
        .collect()
}

/// Why a row is invalid when it holds nothing (English; the UI says it
/// through `import.invalid.nothing`).
pub const NOTHING_TO_IMPORT: &str = "the row holds nothing to import";
/// Why a row is invalid when nothing identifies the contact
/// (`import.invalid.no_name_or_email`).
pub const NO_NAME_OR_EMAIL: &str = "it has no name and no email address, which a contact needs";

/// What will happen to a row under `choice`, in a sentence: "Will be
/// created", "Will update Ada Lovelace: …", "Will be skipped: …".
/// `name_of` gives the name of an existing contact by id. In English; the
/// preview uses [`outcome_in`] with the person's locale.
pub fn outcome(row: &PlannedRow, choice: Choice, name_of: impl Fn(&str) -> String) -> String {
    outcome_in(Locale::En, row, choice, name_of)
}

/// The fields an update changes, in `locale`: `Tags: "a" → "a, b"; Notes: …`.
pub fn changes_in(locale: Locale, diff: &[FieldDiff]) -> String {
    diff.iter()
        .map(|f| {
            i18n::fill(
                locale,
                "import.details.change",
                &[("field", f.name(locale)), ("before", &f.before), ("after", &f.after)],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// [`outcome`] in `locale` (the catalogue's `import.outcome.*` entries).
pub fn outcome_in(locale: Locale, row: &PlannedRow, choice: Choice, name_of: impl Fn(&str) -> String) -> String {
    let say = |key: &str, args: &[(&str, &str)]| i18n::fill(locale, key, args);
    let alike = |score: f64| number::percent(locale, score, 0);
    let diff_text = |diff: &[FieldDiff]| changes_in(locale, diff);
    match (&row.class, choice) {
        (RowClass::Invalid { reason, .. }, _) => {
            let reason = match reason.as_str() {
                NOTHING_TO_IMPORT => i18n::text(locale, "import.invalid.nothing"),
                NO_NAME_OR_EMAIL => i18n::text(locale, "import.invalid.no_name_or_email"),
                other => other,
            };
            say("import.outcome.skipped_because", &[("reason", reason)])
        }
        (_, Choice::Skip) => match &row.class {
            RowClass::Duplicate(DuplicateOf::Row(n)) => {
                say("import.outcome.skipped_repeat", &[("row", &n.to_string())])
            }
            RowClass::Duplicate(DuplicateOf::Existing { id, score }) => {
                say("import.outcome.skipped_probably", &[("name", &name_of(id)), ("alike", &alike(*score))])
            }
            RowClass::Update { id, .. } => say("import.outcome.skipped_not_updated", &[("name", &name_of(id))]),
            _ => say("import.outcome.skipped", &[]),
        },
        (RowClass::Update { id, diff }, Choice::Update) if diff.is_empty() => {
            say("import.outcome.nothing_new", &[("name", &name_of(id))])
        }
        (RowClass::Update { id, diff }, Choice::Update) => {
            say("import.outcome.updates", &[("name", &name_of(id)), ("changes", &diff_text(diff))])
        }
        (RowClass::Duplicate(DuplicateOf::Existing { id, score }), Choice::Update) => {
            say("import.outcome.merged_into", &[("name", &name_of(id)), ("alike", &alike(*score))])
        }
        (RowClass::Duplicate(DuplicateOf::Row(n)), Choice::Update) => {
            say("import.outcome.repeat_not_updated", &[("row", &n.to_string())])
        }
        (RowClass::Duplicate(DuplicateOf::Row(n)), Choice::Create) => {
            say("import.outcome.created_repeat", &[("row", &n.to_string())])
        }
        (RowClass::Duplicate(DuplicateOf::Existing { id, score }), Choice::Create) => {
            say("import.outcome.created_lookalike", &[("name", &name_of(id)), ("alike", &alike(*score))])
        }
        (RowClass::Update { id, .. }, Choice::Create) => {
            say("import.outcome.created_beside", &[("name", &name_of(id))])
        }
        (RowClass::Create, _) => say("import.outcome.created", &[]),
    }
}

/// Rows per class, in [`ClassKind::ALL`] order.
pub fn counts(rows: &[PlannedRow]) -> [usize; 4] {
    let mut out = [0; 4];
    for r in rows {
        out[ClassKind::ALL.iter().position(|k| *k == r.class.kind()).unwrap_or(0)] += 1;
    }
    out
}

/// Classifies rows against `data`. `index` is [`build_index`](super::dedupe::build_index)
/// of `data`'s contacts; `probable` the score from which a match counts as a
/// probable duplicate.
pub struct Planner<'a> {
    data: &'a Dataset,
    index: &'a DedupeIndex,
    probable: f64,
    now: DateTime<Utc>,
    by_email: HashMap<String, usize>,
    seen_email: HashMap<String, usize>,
    seen_name_phone: HashMap<(String, String), usize>,
}

impl<'a> Planner<'a> {
    pub fn new(data: &'a Dataset, index: &'a DedupeIndex, probable: f64, now: DateTime<Utc>) -> Planner<'a> {
        let mut by_email = HashMap::new();
        for (i, c) in data.contacts().iter().enumerate() {
            for e in &c.emails {
                by_email.entry(e.address.to_lowercase()).or_insert(i);
            }
        }
        Planner { data, index, probable, now, by_email, seen_email: HashMap::new(), seen_name_phone: HashMap::new() }
    }

    /// Classifies the next row; call in file order (earlier rows are remembered).
    pub fn plan(&mut self, source: SourceRow) -> PlannedRow {
        let class = self.classify(&source);
        PlannedRow { source, class, choice: None }
    }

    /// Classifies `source` again (after the user fixed a cell) as the row
    /// after `earlier`, the rows before it in the file: it is a duplicate of
    /// an earlier row just as in the first pass. Later rows keep their
    /// class. The row's own choice is reset to its (new) class's.
    pub fn replan(&mut self, earlier: &[PlannedRow], source: SourceRow) -> PlannedRow {
        for r in earlier {
            if !matches!(r.class, RowClass::Invalid { .. }) {
                self.remember(&r.source);
            }
        }
        self.plan(source)
    }

    /// A row's email, folded name and first phone, as earlier rows are matched.
    fn keys(d: &ContactDraft) -> (Vec<String>, String, String) {
        let emails: Vec<String> = d.emails.iter().map(|e| e.address.to_lowercase()).collect();
        let name = fold(&format!("{} {}", d.given_name, d.family_name)).trim().to_string();
        let phone = d.phones.first().map(|p| p.number.clone()).unwrap_or_default();
        (emails, name, phone)
    }

    /// Notes a valid row's keys, so later rows that repeat it are duplicates.
    fn remember(&mut self, s: &SourceRow) {
        let (emails, name, phone) = Self::keys(&s.contact);
        for e in emails {
            self.seen_email.entry(e).or_insert(s.row);
        }
        if !name.is_empty() && !phone.is_empty() {
            self.seen_name_phone.entry((name, phone)).or_insert(s.row);
        }
    }

    fn classify(&mut self, s: &SourceRow) -> RowClass {
        if !s.contact.is_identified() {
            let reason = if s.contact.is_empty() { NOTHING_TO_IMPORT } else { NO_NAME_OR_EMAIL }.to_string();
            return RowClass::Invalid { column: None, reason };
        }
        let (emails, name, phone) = Self::keys(&s.contact);
        let earlier = emails
            .iter()
            .find_map(|e| self.seen_email.get(e).copied())
            .or_else(|| self.seen_name_phone.get(&(name, phone)).copied());
        self.remember(s);
        let company_id = s.company_name.as_deref().and_then(|n| find_company(self.data, n));
        let draft = s.contact.clone().into_contact(DRAFT_ID.into(), self.now, company_id);
        if let Some(&i) = emails.iter().find_map(|e| self.by_email.get(e)) {
            let existing = &self.data.contacts()[i];
            let merged = merge_into(existing, &draft, existing.updated);
            return RowClass::Update { id: existing.id.clone(), diff: diff(self.data, existing, &merged) };
        }
        if let Some(row) = earlier {
            return RowClass::Duplicate(DuplicateOf::Row(row));
        }
        if let Some(best) = check_one(self.index, &draft).into_iter().next().filter(|c| c.score >= self.probable) {
            return RowClass::Duplicate(DuplicateOf::Existing {
                id: self.index.id(best.b).to_string(),
                score: best.score,
            });
        }
        RowClass::Create
    }
}

/// The id of the company named `name` (case-insensitive), if any.
fn find_company(data: &Dataset, name: &str) -> Option<String> {
    let key = fold(name.trim());
    data.companies().iter().find(|c| fold(&c.name) == key).map(|c| c.id.clone())
}

/// `existing` with what `incoming` adds: empty fields filled, new emails,
/// phones, addresses and tags appended. Nothing is removed or overwritten.
pub fn merge_into(existing: &Contact, incoming: &Contact, now: DateTime<Utc>) -> Contact {
    let mut c = existing.clone();
    let fill = |to: &mut String, from: &str| {
        if to.is_empty() && !from.is_empty() {
            *to = from.to_string();
        }
    };
    fill(&mut c.given_name, &incoming.given_name);
    fill(&mut c.family_name, &incoming.family_name);
    fill(&mut c.job_title, &incoming.job_title);
    fill(&mut c.source, &incoming.source);
    fill(&mut c.nickname, &incoming.nickname);
    fill(&mut c.name_prefix, &incoming.name_prefix);
    fill(&mut c.name_suffix, &incoming.name_suffix);
    fill(&mut c.department, &incoming.department);
    if c.notes.is_empty() {
        c.notes = incoming.notes.clone();
    } else if !incoming.notes.is_empty() && !c.notes.contains(&incoming.notes) {
        c.notes = format!("{}\n\n{}", c.notes, incoming.notes);
    }
    for e in &incoming.emails {
        if !c.emails.iter().any(|x| x.address.eq_ignore_ascii_case(&e.address)) {
            c.emails.push(e.clone());
        }
    }
    for p in &incoming.phones {
        if !c.phones.iter().any(|x| x.number == p.number) {
            c.phones.push(p.clone());
        }
    }
    for a in &incoming.addresses {
        if !c.addresses.contains(a) {
            c.addresses.push(a.clone());
        }
    }
    add_missing_tags(&mut c.tags, &incoming.tags);
    if c.birthday.is_none() {
        c.birthday = incoming.birthday;
    }
    for d in &incoming.important_dates {
        if !c.important_dates.contains(d) {
            c.important_dates.push(d.clone());
        }
    }
    if c.company_id.is_none() {
        c.company_id = incoming.company_id.clone();
    }
    if c != *existing {
        c.updated = now;
    }
    c
}

/// The fields that differ between two versions of a contact, for people.
pub fn diff(data: &Dataset, before: &Contact, after: &Contact) -> Vec<FieldDiff> {
    let mut diff = Diff::default();
    let list = |v: Vec<&str>| v.join(", ");
    diff.field("First name", before.given_name.clone(), after.given_name.clone());
    diff.field("Last name", before.family_name.clone(), after.family_name.clone());
    diff.field(
        "Emails",
        list(before.emails.iter().map(|e| e.address.as_str()).collect()),
        list(after.emails.iter().map(|e| e.address.as_str()).collect()),
    );
    diff.field(
        "Phones",
        list(before.phones.iter().map(|p| p.number.as_str()).collect()),
        list(after.phones.iter().map(|p| p.number.as_str()).collect()),
    );
    let addresses = |c: &Contact| c.addresses.iter().map(|a| a.one_line()).collect::<Vec<_>>().join("; ");
    diff.field("Addresses", addresses(before), addresses(after));
    diff.field("Nickname", before.nickname.clone(), after.nickname.clone());
    diff.field("Job title", before.job_title.clone(), after.job_title.clone());
    diff.field("Department", before.department.clone(), after.department.clone());
    let company = |c: &Contact| c.company_id.as_deref().and_then(|id| data.company(id)).map(|c| c.name.clone());
    diff.field("Company", company(before).unwrap_or_default(), company(after).unwrap_or_default());
    diff.field("Tags", before.tags.join(", "), after.tags.join(", "));
    let date = |c: &Contact| {
        c.birthday
            .map(|d| crate::core::display::time::yearly_date(crate::core::display::Locale::En, d))
            .unwrap_or_default()
    };
    diff.field("Birthday", date(before), date(after));
    let dates = |c: &Contact| {
        let list: Vec<String> = c
            .important_dates
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d.label,
                    crate::core::display::time::yearly_date(crate::core::display::Locale::En, d.date)
                )
            })
            .collect();
        list.join(", ")
    };
    diff.field("Important dates", dates(before), dates(after));
    diff.field("Source", before.source.clone(), after.source.clone());
    diff.field("Notes", before.notes.clone(), after.notes.clone());
    diff.finish()
}

/// The changes that import `rows` with `choices`: new contacts, merged
/// updates (one put per contact however many rows match it), and new
/// companies for the names that do not exist yet (case-insensitive).
/// `new_id` supplies record ids.
pub fn build_changes(
    data: &Dataset,
    rows: &[PlannedRow],
    choices: &Choices,
    now: DateTime<Utc>,
    new_id: impl FnMut() -> String,
) -> (Vec<Change>, ImportCounts) {
    build_changes_tidied(data, rows, choices, now, new_id, None)
}

/// The suggested fixes ([`suggest_contact`]) an imported row gets when the
/// user keeps "Apply suggested fixes" on: name capitals and spaces, email
/// case, phone numbers in international form for `country`.
pub fn tidied(mut contact: Contact, country: &str) -> Contact {
    for s in suggest_contact(&contact, country) {
        apply_to_contact(&mut contact, &s);
    }
    contact
}

/// [`build_changes`], with every imported contact [`tidied`] for the
/// country when `tidy_for` is given.
pub fn build_changes_tidied(
    data: &Dataset,
    rows: &[PlannedRow],
    choices: &Choices,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> String,
    tidy_for: Option<&str>,
) -> (Vec<Change>, ImportCounts) {
    let tidy = |c: Contact| match tidy_for {
        Some(country) => tidied(c, country),
        None => c,
    };
    let mut companies: HashMap<String, String> =
        data.companies().iter().map(|c| (fold(&c.name), c.id.clone())).collect();
    let mut new_companies: Vec<Company> = Vec::new();
    let mut created: Vec<Contact> = Vec::new();
    let mut updated: Vec<Contact> = Vec::new();
    let mut updated_at: HashMap<String, usize> = HashMap::new();
    for r in rows {
        let choice = r.effective(choices);
        let target = match (&r.class, choice) {
            (_, Choice::Skip) => continue,
            (RowClass::Update { id, .. }, Choice::Update) => Some(id.clone()),
            (RowClass::Duplicate(DuplicateOf::Existing { id, .. }), Choice::Update) => Some(id.clone()),
            (_, Choice::Update) => continue,
            (_, Choice::Create) => None,
        };
        // A contact needs a name or an email address: an unidentified row is never written.
        if !r.source.contact.is_identified() {
            continue;
        }
        let company_id = r.source.company_name.as_deref().map(str::trim).filter(|n| !n.is_empty()).map(|name| {
            companies
                .entry(fold(name))
                .or_insert_with(|| {
                    let mut c = Company::blank(new_id(), now);
                    c.name = name.to_string();
                    new_companies.push(c.clone());
                    c.id
                })
                .clone()
        });
        match target {
            None => created.push(tidy(r.source.contact.clone().into_contact(new_id(), now, company_id))),
            Some(id) => {
                let incoming = tidy(r.source.contact.clone().into_contact(id.clone(), now, company_id));
                match updated_at.get(&id) {
                    Some(&i) => updated[i] = merge_into(&updated[i], &incoming, now),
                    None => {
                        let Some(existing) = data.contact(&id) else { continue };
                        let merged = merge_into(existing, &incoming, now);
                        if merged != *existing {
                            updated_at.insert(id, updated.len());
                            updated.push(merged);
                        }
                    }
                }
            }
        }
    }
    let counts = ImportCounts { created: created.len(), updated: updated.len(), companies: new_companies.len() };
    let mut changes: Vec<Change> = new_companies.into_iter().map(|record| Change::PutCompany { record }).collect();
    changes.extend(created.into_iter().map(|record| Change::PutContact { record }));
    changes.extend(updated.into_iter().map(|record| Change::PutContact { record }));
    (changes, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dedupe::{build_index, DedupeSettings};
    use crate::core::history::inverse;
    use crate::core::records::{Email, Phone};
    use chrono::TimeZone;

    fn t() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap()
    }

    fn draft(given: &str, family: &str, email: &str, phone: &str) -> ContactDraft {
        ContactDraft {
            given_name: given.into(),
            family_name: family.into(),
            emails: if email.is_empty() { vec![] } else { vec![Email { address: email.into(), ..Default::default() }] },
            phones: if phone.is_empty() { vec![] } else { vec![Phone { number: phone.into(), ..Default::default() }] },
            ..Default::default()
        }
    }

    fn row(n: usize, d: ContactDraft, company: Option<&str>) -> SourceRow {
        SourceRow { row: n, contact: d, company_name: company.map(str::to_string), notes: Vec::new() }
    }

    fn bad_email(column: usize) -> RowNote {
        RowNote {
            reason: Reason::UnreadableEmail,
            column: Some(column),
            message: crate::core::i18n::Message::new("import.note.unreadable")
                .with("label", "Email")
                .with_message("why", crate::core::i18n::Message::new("import.note.not_email").with("value", "\"x@\"")),
        }
    }

    #[test]
    fn invalid_reasons_read_the_same_in_the_catalogue() {
        use crate::core::display::Locale;
        use crate::core::i18n::text;
        assert_eq!(text(Locale::En, "import.invalid.nothing"), NOTHING_TO_IMPORT);
        assert_eq!(text(Locale::En, "import.invalid.no_name_or_email"), NO_NAME_OR_EMAIL);
    }

    #[test]
    fn each_row_says_what_happens_to_it_under_the_choice() {
        let data = data();
        let rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), None),
                row(3, draft("Ada", "", "ada@example.com", "+441632960099"), None),
                row(4, draft("Grace", "Hopper", "GRACE@example.com", ""), None),
                row(5, draft("Alan", "Turing", "", "+441632960001"), None),
                row(6, draft("", "", "", "+441632960777"), None),
            ],
        );
        let name = |id: &str| data.contact(id).map(|c| c.display_name()).unwrap_or_default();
        let said = |i: usize, c: Choice| outcome(&rows[i], c, name);
        assert_eq!(said(0, Choice::Create), "Will be created");
        assert_eq!(said(0, Choice::Skip), "Will be skipped");
        assert_eq!(said(1, Choice::Update), "Will update Ada Lovelace: Phones: \"\" → \"+441632960099\"");
        assert_eq!(said(1, Choice::Skip), "Will be skipped: Ada Lovelace is not updated");
        assert_eq!(said(2, Choice::Skip), "Will be skipped: it repeats row 2 of the file");
        assert_eq!(said(2, Choice::Create), "Will be created, although it repeats row 2 of the file");
        assert!(
            said(3, Choice::Skip).starts_with("Will be skipped: probably Alan Turing already ("),
            "{}",
            said(3, Choice::Skip)
        );
        assert!(said(3, Choice::Update).starts_with("Will be merged into Alan Turing ("));
        assert_eq!(
            said(4, Choice::Create),
            "Will be skipped: it has no name and no email address, which a contact needs"
        );
        // The choices offered for one row follow its class.
        assert_eq!(rows[0].choices(), [Choice::Create, Choice::Skip]);
        assert_eq!(rows[1].choices(), [Choice::Update, Choice::Create, Choice::Skip]);
        assert_eq!(rows[4].choices(), [Choice::Skip]);
        // An unidentified row is never written, whatever the choice says.
        let mut forced = rows.clone();
        forced[4].choice = Some(Choice::Create);
        let (_, n) = build_changes(&data, &forced, &Choices::default(), t(), || "id".into());
        assert_eq!(n.created, 1, "only Grace");
    }

    fn data() -> Dataset {
        let mut ada = Contact::blank("ada".into(), t());
        ada.given_name = "Ada".into();
        ada.family_name = "Lovelace".into();
        ada.emails = vec![Email { address: "ada@example.com".into(), ..Default::default() }];
        let mut alan = Contact::blank("alan".into(), t());
        alan.given_name = "Alan".into();
        alan.family_name = "Turing".into();
        alan.phones = vec![Phone { number: "+441632960001".into(), ..Default::default() }];
        let mut acme = Company::blank("acme".into(), t());
        acme.name = "Acme Ltd".into();
        Dataset::from_records(vec![acme], vec![ada, alan]).unwrap()
    }

    fn plan(data: &Dataset, rows: Vec<SourceRow>) -> Vec<PlannedRow> {
        let settings = DedupeSettings::default();
        let index = build_index(data.contacts(), &settings);
        let mut p = Planner::new(data, &index, settings.threshold_probable, t());
        rows.into_iter().map(|r| p.plan(r)).collect()
    }

    #[test]
    fn classifies_each_kind_of_row() {
        let data = data();
        let rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), None),
                row(3, draft("Ada", "", "ADA@example.com", "+441632960099"), None),
                row(4, draft("Grace", "Hopper", "GRACE@example.com", ""), None),
                row(5, draft("Alan", "Turing", "", "+441632960001"), None),
                row(6, ContactDraft::default(), None),
                SourceRow { notes: vec![bad_email(3)], ..row(7, draft("X", "", "", ""), None) },
                row(8, draft("", "", "", "+441632960777"), None),
            ],
        );
        assert_eq!(rows[0].class, RowClass::Create);
        match &rows[1].class {
            RowClass::Update { id, diff } => {
                assert_eq!(id, "ada");
                assert_eq!(
                    diff,
                    &vec![FieldDiff { field: "Phones", before: String::new(), after: "+441632960099".into() }]
                );
            }
            other => panic!("expected an update, got {other:?}"),
        }
        assert_eq!(rows[2].class, RowClass::Duplicate(DuplicateOf::Row(2)));
        assert!(matches!(&rows[3].class, RowClass::Duplicate(DuplicateOf::Existing { id, .. }) if id == "alan"));
        assert_eq!(rows[4].class, RowClass::Invalid { column: None, reason: "the row holds nothing to import".into() });
        // A value that cannot be read does not make the row invalid.
        assert_eq!(rows[5].class, RowClass::Create);
        assert!(rows[5].has_reason(Reason::UnreadableEmail) && !rows[5].has_reason(Reason::NoNameOrEmail));
        // A choice for a reason reaches every row with it that can take it.
        let mut chosen = HashMap::new();
        assert_eq!(choose_for_reason(&rows, Reason::UnreadableEmail, Some(Choice::Skip), &mut chosen), 1);
        assert_eq!(chosen, HashMap::from([(5, Choice::Skip)]));
        assert_eq!(choose_for_reason(&rows, Reason::NoNameOrEmail, Some(Choice::Create), &mut chosen), 0);
        // ...so "Create" is not offered for it, while a readable row's reason offers both.
        assert_eq!(choices_for_reason(&rows, Reason::NoNameOrEmail), [Choice::Skip]);
        assert_eq!(choices_for_reason(&rows, Reason::UnreadableEmail), [Choice::Create, Choice::Skip]);
        assert_eq!(choose_for_reason(&rows, Reason::NoNameOrEmail, Some(Choice::Skip), &mut chosen), 2);
        assert_eq!(chosen.len(), 3);
        assert_eq!(choose_for_reason(&rows, Reason::UnreadableEmail, None, &mut chosen), 1);
        assert!(!chosen.contains_key(&5));
        // A phone alone does not identify a contact.
        assert_eq!(
            rows[6].class,
            RowClass::Invalid {
                column: None,
                reason: "it has no name and no email address, which a contact needs".into()
            }
        );
        assert!(rows[6].has_reason(Reason::NoNameOrEmail));
        assert_eq!(counts(&rows), [2, 1, 2, 2]);
        assert_eq!(reason_counts(&rows), [(Reason::NoNameOrEmail, 2), (Reason::UnreadableEmail, 1)]);
    }

    #[test]
    fn builds_one_change_list_that_undoes_cleanly() {
        let mut data = data();
        let before = data.clone();
        let rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), Some("acme ltd")),
                row(3, draft("Edsger", "Dijkstra", "ed@example.com", ""), Some("Mathematisch Centrum")),
                row(4, draft("Ada", "", "ada@example.com", "+441632960099"), Some("mathematisch centrum")),
                row(5, draft("Alan", "Turing", "", "+441632960001"), None),
            ],
        );
        let mut n = 0;
        let (changes, counts) = build_changes(&data, &rows, &Choices::default(), t(), || {
            n += 1;
            format!("id{n}")
        });
        assert_eq!(counts, ImportCounts { created: 2, updated: 1, companies: 1 });
        assert_eq!(changes.len(), 4);
        let undo = inverse(&data, &changes);
        changes.iter().for_each(|c| data.apply(c));
        assert_eq!(data.contacts().len(), 4);
        assert_eq!(data.contact("id1").unwrap().company_id.as_deref(), Some("acme"));
        let ada = data.contact("ada").unwrap();
        assert_eq!(ada.phones.len(), 1);
        assert_eq!(ada.company_id.as_deref(), Some("id2"));
        assert_eq!(data.company("id2").unwrap().name, "Mathematisch Centrum");
        undo.iter().for_each(|c| data.apply(c));
        assert_eq!(data.contacts(), before.contacts());
        assert_eq!(data.companies(), before.companies());
    }

    #[test]
    fn choices_skip_and_create_classes() {
        let data = data();
        let rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), None),
                row(3, draft("Alan", "Turing", "", "+441632960001"), None),
            ],
        );
        let choices = Choices { create: Choice::Skip, duplicate: Choice::Create, ..Choices::default() };
        let (changes, counts) = build_changes(&data, &rows, &choices, t(), || "new".into());
        assert_eq!(counts.created, 1);
        assert!(matches!(&changes[0], Change::PutContact { record } if record.given_name == "Alan"));
        let choices = Choices { duplicate: Choice::Update, ..Choices::default() };
        let (_, counts) = build_changes(&data, &rows, &choices, t(), || "new".into());
        assert_eq!(counts, ImportCounts { created: 1, updated: 0, companies: 0 });
    }

    #[test]
    fn merge_keeps_what_exists() {
        let data = data();
        let ada = data.contact("ada").unwrap();
        let mut incoming = Contact::blank("x".into(), t());
        incoming.given_name = "Augusta".into();
        incoming.job_title = "Analyst".into();
        let merged = merge_into(ada, &incoming, t());
        assert_eq!(merged.given_name, "Ada");
        assert_eq!(merged.job_title, "Analyst");
        assert_eq!(
            diff(&data, ada, &merged),
            [FieldDiff { field: "Job title", before: String::new(), after: "Analyst".into() }]
        );
    }

    #[test]
    fn a_diff_names_every_field_that_changed_with_both_values() {
        let mut data = data();
        let mut lab = Company::blank("lab".into(), t());
        lab.name = "Analytical Engines".into();
        data.apply(&Change::PutCompany { record: lab });
        let before = data.contact("ada").unwrap().clone();
        let mut after = before.clone();
        after.given_name = "Augusta Ada".into();
        after.family_name = "King".into();
        after.emails.push(crate::core::records::Email { address: "countess@example.com".into(), ..Default::default() });
        after.phones = vec![Phone { number: "+441632960123".into(), ..Default::default() }];
        after.addresses = vec![crate::core::records::Address { city: "London".into(), ..Default::default() }];
        after.job_title = "Analyst".into();
        after.company_id = Some("lab".into());
        after.tags = vec!["math".into(), "poetry".into()];
        after.birthday = chrono::NaiveDate::from_ymd_opt(1815, 12, 10).map(Into::into);
        after.source = "Babbage".into();
        after.notes = "Wrote the first program.".into();
        let fd = |field: &'static str, before: &str, after: &str| FieldDiff {
            field,
            before: before.to_string(),
            after: after.to_string(),
        };
        assert_eq!(
            diff(&data, &before, &after),
            [
                fd("First name", "Ada", "Augusta Ada"),
                fd("Last name", "Lovelace", "King"),
                fd("Emails", "ada@example.com", "ada@example.com, countess@example.com"),
                fd("Phones", "", "+441632960123"),
                fd("Addresses", "", "London"),
                fd("Job title", "", "Analyst"),
                fd("Company", "", "Analytical Engines"),
                fd("Tags", "", "math, poetry"),
                fd("Birthday", "", "10 December 1815"),
                fd("Source", "", "Babbage"),
                fd("Notes", "", "Wrote the first program."),
            ]
        );
        // Nothing changed, nothing listed; a field changed back is not listed.
        assert!(diff(&data, &before, &before).is_empty());
        let mut only_tags = before.clone();
        only_tags.tags = vec!["vip".into()];
        assert_eq!(diff(&data, &before, &only_tags), [fd("Tags", "", "vip")]);
    }

    #[test]
    fn a_row_choice_overrides_its_class() {
        let data = data();
        let mut rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), None),
                row(3, draft("Edsger", "Dijkstra", "ed@example.com", ""), None),
                row(4, draft("Alan", "Turing", "", "+441632960001"), None),
            ],
        );
        // Skip one new contact; create the probable duplicate anyway.
        rows[1].choice = Some(Choice::Skip);
        rows[2].choice = Some(Choice::Create);
        assert_eq!(rows[0].effective(&Choices::default()), Choice::Create);
        assert_eq!(rows[1].effective(&Choices::default()), Choice::Skip);
        let mut n = 0;
        let (changes, counts) = build_changes(&data, &rows, &Choices::default(), t(), || {
            n += 1;
            format!("id{n}")
        });
        assert_eq!(counts, ImportCounts { created: 2, updated: 0, companies: 0 });
        let names: Vec<String> = changes
            .iter()
            .filter_map(|c| match c {
                Change::PutContact { record } => Some(record.given_name.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(names, ["Grace", "Alan"]);
    }

    #[test]
    fn a_fixed_row_is_classified_again_after_the_rows_before_it() {
        let data = data();
        let rows = plan(
            &data,
            vec![
                row(2, draft("Grace", "Hopper", "grace@example.com", ""), None),
                SourceRow { notes: vec![bad_email(2)], ..row(3, draft("", "", "", ""), None) },
            ],
        );
        assert!(matches!(rows[1].class, RowClass::Invalid { .. }));
        let settings = DedupeSettings::default();
        let index = build_index(data.contacts(), &settings);
        // Fixed to a new address: a new contact.
        let fixed = row(3, draft("Bad", "", "bad@example.com", ""), None);
        let mut p = Planner::new(&data, &index, settings.threshold_probable, t());
        let again = p.replan(&rows[..1], fixed);
        assert_eq!((again.class, again.choice), (RowClass::Create, None));
        // Fixed to the address of the row before it: a duplicate of that row.
        let repeat = row(3, draft("Grace", "", "GRACE@example.com", ""), None);
        let mut p = Planner::new(&data, &index, settings.threshold_probable, t());
        assert_eq!(p.replan(&rows[..1], repeat).class, RowClass::Duplicate(DuplicateOf::Row(2)));
        // Fixed to an existing contact's address: an update of that contact.
        let existing = row(3, draft("Ada", "", "ada@example.com", ""), None);
        let mut p = Planner::new(&data, &index, settings.threshold_probable, t());
        assert!(matches!(p.replan(&rows[..1], existing).class, RowClass::Update { ref id, .. } if id == "ada"));
    }

    #[test]
    fn suggested_fixes_apply_on_import_only_when_chosen() {
        let data = data();
        let rows = plan(&data, vec![row(2, draft("GRACE", "hopper", "Grace@Example.COM", "020 7946 0958"), None)]);
        let created = |tidy: Option<&str>| {
            let (changes, _) = build_changes_tidied(&data, &rows, &Choices::default(), t(), || "id1".into(), tidy);
            match &changes[0] {
                Change::PutContact { record } => record.clone(),
                other => panic!("{other:?}"),
            }
        };
        let kept = created(None);
        assert_eq!((kept.given_name.as_str(), kept.phones[0].number.as_str()), ("GRACE", "020 7946 0958"));
        let fixed = created(Some("GB"));
        assert_eq!((fixed.given_name.as_str(), fixed.family_name.as_str()), ("Grace", "Hopper"));
        assert_eq!(fixed.phones[0].number, "+442079460958");
        assert_eq!(fixed.emails[0].address, "Grace@example.com");
    }
}
