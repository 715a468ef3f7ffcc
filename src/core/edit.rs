//! Saving an edit form over a record that may have changed since the form
//! opened: in another tab, or by an action in this one.
//!
//! An edit form remembers the record as it opened it (the *base*). On Save,
//! the form's record (*mine*, already finished by `core::forms`) is merged
//! field by field with the stored record (*theirs*) by
//! [`merge3`](super::merge3::merge3), so only the fields the person changed
//! are written on top of what is stored:
//!
//! - nothing both sides changed differently: [`EditOutcome::Merged`], the
//!   record to write;
//! - some field changed differently on both sides:
//!   [`EditOutcome::Conflicts`]; the form shows both values of each such
//!   field and the person keeps theirs or takes the other
//!   ([`EditConflict::resolve`]); the resolved record is merged again with
//!   the stored record the person saw as its base, so a change made while
//!   they were choosing is not lost either;
//! - the stored record is gone (deleted elsewhere): [`EditOutcome::Deleted`];
//!   the form offers to save it as a new record with the links it had
//!   ([`IncomingLinks`], [`relink`]) or to drop the edit.
//!
//! `updated` and the lifecycle stage history are set by the app, never
//! typed, so they never conflict: they take the stored value and the caller
//! stamps the time and records a stage change against the stored record.
//!
//! The fields of a conflict are shown with [`field_label`] and
//! [`value_text`], in the words of the form.

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

use super::changes::Change;
use super::dataset::Dataset;
use super::display::money::{money, Cents};
use super::display::time::local_minute;
use super::display::Locale;
use super::i18n;
use super::merge3::{merge3, FieldConflict, Merged};
use super::records::{Address, CompanySize, DealStatus, LeadStatus, LifecycleStage};
use super::zone::Zone;

/// The record kinds that have an edit form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditKind {
    Contact,
    Company,
    Deal,
}

impl EditKind {
    /// "contact", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            EditKind::Contact => "contact",
            EditKind::Company => "company",
            EditKind::Deal => "deal",
        }
    }
}

/// Fields the app sets itself: they take the stored value, never conflict.
const SET_BY_THE_APP: &[&str] = &["updated", "stage_history"];

/// What saving an edit over the stored record comes to.
#[derive(Clone, Debug, PartialEq)]
pub enum EditOutcome<T> {
    /// The form's changes on top of the stored record, ready to write once
    /// the caller stamped `updated` (and recorded a stage change).
    Merged(T),
    /// Fields both sides changed differently: the person decides.
    Conflicts(EditConflict),
    /// The stored record is gone (deleted in another tab).
    Deleted,
}

/// Fields both the form and the stored record changed, differently.
#[derive(Clone, Debug, PartialEq)]
pub struct EditConflict {
    /// The stored record as it was when the conflicts were found: the base
    /// of the next merge, once the person has chosen.
    pub theirs: Value,
    /// The merge, holding the form's value on every conflicted field.
    pub merged: Merged,
}

impl EditConflict {
    pub fn conflicts(&self) -> &[FieldConflict] {
        &self.merged.conflicts
    }

    /// The record with the person's choices: the stored value for every
    /// field in `take_theirs`, the form's for the other conflicted fields.
    pub fn resolve<T: DeserializeOwned>(&self, take_theirs: &[String]) -> Result<T, EditError> {
        let mut merged = self.merged.clone();
        for field in take_theirs {
            merged.take_theirs(field);
        }
        from_value(Value::Object(merged.record))
    }

    /// The stored record the conflicts were found against.
    pub fn theirs<T: DeserializeOwned>(&self) -> Result<T, EditError> {
        from_value(self.theirs.clone())
    }
}

/// A record that cannot be turned into its merged form or back: a bug, not
/// a person's mistake, so the message says what failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditError(pub String);

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "The changes could not be combined ({}). Nothing was saved.", self.0)
    }
}

fn to_value<T: Serialize>(record: &T) -> Result<Value, EditError> {
    serde_json::to_value(record).map_err(|e| EditError(e.to_string()))
}

fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, EditError> {
    serde_json::from_value(value).map_err(|e| EditError(e.to_string()))
}

/// Merges the form's record `mine` (opened as `base`) with the stored record
/// `stored` (`None` when it was deleted). See the module documentation.
pub fn merge_edit<T: Serialize + DeserializeOwned>(
    base: &T,
    mine: &T,
    stored: Option<&T>,
) -> Result<EditOutcome<T>, EditError> {
    let Some(stored) = stored else { return Ok(EditOutcome::Deleted) };
    let theirs = to_value(stored)?;
    let merged =
        merge3(&to_value(base)?, &to_value(mine)?, &theirs, SET_BY_THE_APP).map_err(|e| EditError(e.to_string()))?;
    if merged.conflicts.is_empty() {
        Ok(EditOutcome::Merged(from_value(Value::Object(merged.record))?))
    } else {
        Ok(EditOutcome::Conflicts(EditConflict { theirs, merged }))
    }
}

/// A field's name as its form labels it, in `locale`.
pub fn field_label(kind: EditKind, field: &str, locale: Locale) -> String {
    let key = match (kind, field) {
        (_, "tags") => "contacts.field.tags",
        (_, "notes") => "contacts.field.notes",
        (_, "owner") => "contacts.field.owner",
        (_, "lifecycle_stage") => "contacts.field.lifecycle_stage",
        (_, "company_id") => "contacts.field.company",
        (EditKind::Contact, "given_name") => "contacts.field.given_name",
        (EditKind::Contact, "family_name") => "contacts.field.family_name",
        (EditKind::Contact, "job_title") => "contacts.field.job_title",
        (EditKind::Contact, "lead_status") => "contacts.field.lead_status",
        (EditKind::Contact, "emails") => "contacts.form.emails",
        (EditKind::Contact, "phones") => "contacts.form.phones",
        (EditKind::Contact, "addresses") => "contacts.form.addresses",
        (EditKind::Contact, "birthday") => "contacts.field.birthday",
        (EditKind::Contact, "cadence_days") => "contacts.form.cadence",
        (EditKind::Contact, "important_dates") => "import.field.important_dates",
        (EditKind::Contact, "source") => "contacts.field.source",
        (EditKind::Company, "name") => "companies.field.name",
        (EditKind::Company, "domain") => "companies.field.domain",
        (EditKind::Company, "industry") => "companies.field.industry",
        (EditKind::Company, "size") => "companies.field.size",
        (EditKind::Company, "address") => "companies.field.address",
        (EditKind::Deal, "title") => "deals.field.title",
        (EditKind::Deal, "amount_cents") => "deals.field.amount",
        (EditKind::Deal, "currency") => "deals.field.currency",
        (EditKind::Deal, "stage") => "contacts.list.col.stage",
        (EditKind::Deal, "probability") => "deals.form.probability",
        (EditKind::Deal, "expected_close") => "deals.form.expected_close",
        (EditKind::Deal, "status") => "deals.field.status",
        (EditKind::Deal, "lost_reason") => "deals.detail.lost_reason",
        (EditKind::Deal, "contact_ids") => "import.field.contacts",
        (EditKind::Deal, "closed") => "deals.detail.closed",
        // A field this table does not know yet: its name, readable.
        (_, other) => {
            let mut s = other.replace('_', " ");
            if let Some(first) = s.get(..1) {
                s.replace_range(..1, &first.to_ascii_uppercase());
            }
            return s;
        }
    };
    i18n::text(locale, key).to_string()
}

/// What an empty value reads as, in English.
pub const EMPTY_VALUE: &str = "(empty)";

fn address_text(a: &Address) -> String {
    [&a.street, &a.city, &a.region, &a.postal_code, &a.country]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(", ")
}

/// A field's value as the form shows it: names for linked records, labels
/// for stages and kinds, money with the record's currency. `record` is the
/// record the value belongs to (for the currency); `data` names links;
/// amounts and times are written for `locale` and `zone`, as on screen.
pub fn value_text(
    kind: EditKind,
    field: &str,
    value: &Value,
    record: &Map<String, Value>,
    data: &Dataset,
    (locale, zone): (Locale, &Zone),
) -> String {
    let empty = || i18n::text(locale, "edit.value.empty").to_string();
    if value.is_null() {
        return empty();
    }
    let typed = |v: &Value| v.as_str().map(str::to_string);
    let text = match (kind, field) {
        (_, "company_id") => value.as_str().map(|id| {
            data.company(id)
                .map_or_else(|| i18n::text(locale, "edit.value.deleted_company").to_string(), |c| c.name.clone())
        }),
        (_, "lifecycle_stage") => serde_json::from_value::<LifecycleStage>(value.clone())
            .ok()
            .map(|s| i18n::label(locale, "lifecycle", s.key())),
        (EditKind::Contact, "lead_status") => serde_json::from_value::<LeadStatus>(value.clone())
            .ok()
            .map(|s| i18n::label(locale, "lead_status", s.key())),
        (EditKind::Company, "size") => serde_json::from_value::<CompanySize>(value.clone())
            .ok()
            .map(|s| i18n::label(locale, "company_size", s.key())),
        (EditKind::Deal, "status") => serde_json::from_value::<DealStatus>(value.clone())
            .ok()
            .map(|s| i18n::label(locale, "deal_status", s.key())),
        (EditKind::Deal, "stage") => value.as_str().map(|id| {
            data.settings()
                .stage(id)
                .map_or_else(|| i18n::fill(locale, "edit.value.removed_stage", &[("id", id)]), |s| s.name.clone())
        }),
        (EditKind::Deal, "amount_cents") => value.as_i64().map(|cents| {
            let currency = record.get("currency").and_then(Value::as_str).unwrap_or_default();
            money(locale, cents, currency, Cents::WhenAny)
        }),
        (EditKind::Deal, "closed") => {
            serde_json::from_value::<DateTime<Utc>>(value.clone()).ok().map(|t| local_minute(locale, t, zone))
        }
        (EditKind::Deal, "contact_ids") => value.as_array().map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(|id| {
                    data.contact(id).map_or_else(
                        || i18n::text(locale, "edit.value.deleted_contact").to_string(),
                        |c| c.display_name(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", ")
        }),
        (EditKind::Contact, "emails") => list_of(value, |v| v.get("address").and_then(typed), ", "),
        (EditKind::Contact, "phones") => list_of(value, |v| v.get("number").and_then(typed), ", "),
        (EditKind::Contact, "addresses") => {
            list_of(value, |v| serde_json::from_value::<Address>(v.clone()).ok().map(|a| address_text(&a)), "; ")
        }
        (EditKind::Company, "address") => {
            serde_json::from_value::<Address>(value.clone()).ok().map(|a| address_text(&a))
        }
        (EditKind::Contact, "important_dates") => list_of(
            value,
            |v| {
                let label = v.get("label").and_then(Value::as_str).unwrap_or_default();
                let date = v.get("date").and_then(Value::as_str).unwrap_or_default();
                Some(format!("{label} {date}").trim().to_string())
            },
            "; ",
        ),
        _ => None,
    };
    let text = text.unwrap_or_else(|| plain_text(value, locale));
    if text.is_empty() {
        empty()
    } else {
        text
    }
}

fn list_of(value: &Value, item: impl Fn(&Value) -> Option<String>, sep: &str) -> Option<String> {
    value.as_array().map(|items| items.iter().filter_map(&item).collect::<Vec<_>>().join(sep))
}

/// Any JSON value as text: strings as they are, lists joined with commas.
fn plain_text(value: &Value, locale: Locale) -> String {
    let text = |v: &Value| plain_text(v, locale);
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => i18n::text(locale, if *b { "edit.value.yes" } else { "edit.value.no" }).to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map.values().map(text).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", "),
    }
}

/// The records that link to a record (which a delete unlinks), noted when
/// its form opens so that "Save as new" can link them to the new record.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncomingLinks {
    /// Contacts whose company it is (companies only).
    pub contacts: Vec<String>,
    /// Deals it is on (contacts) or whose company it is (companies).
    pub deals: Vec<String>,
    pub activities: Vec<String>,
    pub tasks: Vec<String>,
}

/// What links to record `id` of `kind` in `data`.
pub fn incoming_links(data: &Dataset, kind: EditKind, id: &str) -> IncomingLinks {
    let is = |link: &Option<String>| link.as_deref() == Some(id);
    let mut links = IncomingLinks::default();
    match kind {
        EditKind::Contact => {
            links.deals = data
                .deals()
                .all()
                .iter()
                .filter(|d| d.contact_ids.iter().any(|c| c == id))
                .map(|d| d.id.clone())
                .collect();
            links.activities = data
                .activities()
                .all()
                .iter()
                .filter(|a| a.contact_ids.iter().any(|c| c == id))
                .map(|a| a.id.clone())
                .collect();
            links.tasks = data.tasks().all().iter().filter(|t| is(&t.contact_id)).map(|t| t.id.clone()).collect();
        }
        EditKind::Company => {
            links.contacts = data.contacts().iter().filter(|c| is(&c.company_id)).map(|c| c.id.clone()).collect();
            links.deals = data.deals().all().iter().filter(|d| is(&d.company_id)).map(|d| d.id.clone()).collect();
            links.activities =
                data.activities().all().iter().filter(|a| is(&a.company_id)).map(|a| a.id.clone()).collect();
            links.tasks = data.tasks().all().iter().filter(|t| is(&t.company_id)).map(|t| t.id.clone()).collect();
        }
        EditKind::Deal => {
            links.activities =
                data.activities().all().iter().filter(|a| is(&a.deal_id)).map(|a| a.id.clone()).collect();
            links.tasks = data.tasks().all().iter().filter(|t| is(&t.deal_id)).map(|t| t.id.clone()).collect();
        }
    }
    links
}

/// The changes that link the records in `links` that still exist to the
/// record `new_id` of `kind`, stamped `now`. A single link (a contact's
/// company, a task's contact) is set only where it is empty now, so a link
/// made meanwhile is never replaced; a list of links gains the id.
pub fn relink(data: &Dataset, kind: EditKind, new_id: &str, links: &IncomingLinks, now: DateTime<Utc>) -> Vec<Change> {
    let mut changes = Vec::new();
    let fill = |link: &mut Option<String>| {
        let empty = link.is_none();
        if empty {
            *link = Some(new_id.to_string());
        }
        empty
    };
    let add = |ids: &mut Vec<String>| {
        let missing = !ids.iter().any(|x| x == new_id);
        if missing {
            ids.push(new_id.to_string());
        }
        missing
    };
    for id in &links.contacts {
        if let Some(mut record) = data.contact(id).cloned() {
            if kind == EditKind::Company && fill(&mut record.company_id) {
                record.updated = now;
                changes.push(Change::PutContact { record });
            }
        }
    }
    for id in &links.deals {
        if let Some(mut record) = data.deals().get(id).cloned() {
            let hit = match kind {
                EditKind::Contact => add(&mut record.contact_ids),
                EditKind::Company => fill(&mut record.company_id),
                EditKind::Deal => false,
            };
            if hit {
                record.updated = now;
                changes.push(Change::PutDeal { record });
            }
        }
    }
    for id in &links.activities {
        if let Some(mut record) = data.activities().get(id).cloned() {
            let hit = match kind {
                EditKind::Contact => add(&mut record.contact_ids),
                EditKind::Company => fill(&mut record.company_id),
                EditKind::Deal => fill(&mut record.deal_id),
            };
            if hit {
                record.updated = now;
                changes.push(Change::PutActivity { record });
            }
        }
    }
    for id in &links.tasks {
        if let Some(mut record) = data.tasks().get(id).cloned() {
            let hit = match kind {
                EditKind::Contact => fill(&mut record.contact_id),
                EditKind::Company => fill(&mut record.company_id),
                EditKind::Deal => fill(&mut record.deal_id),
            };
            if hit {
                record.updated = now;
                changes.push(Change::PutTask { record });
            }
        }
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::delete::{delete_contact_changes as contact_delete, delete_deal_changes as deal_delete};
    use crate::core::records::{Activity, ActivityKind, Company, Contact, Deal, Email, Settings, Task};
    use chrono::TimeZone;
    use serde_json::json;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()
    }

    fn contact() -> Contact {
        let mut c = Contact::blank("c1".into(), at(1));
        c.given_name = "Ann".into();
        c.family_name = "One".into();
        c.job_title = "Buyer".into();
        c
    }

    fn merged(o: EditOutcome<Contact>) -> Contact {
        match o {
            EditOutcome::Merged(c) => c,
            other => panic!("expected a merge, got {other:?}"),
        }
    }

    #[test]
    fn a_stale_form_writes_only_what_it_changed() {
        // Tab A saved a new job title; tab B's form (opened before) changes
        // the family name. B's save keeps A's job title.
        let base = contact();
        let mut theirs = base.clone();
        theirs.job_title = "Head buyer".into();
        theirs.updated = at(2);
        let mut mine = base.clone();
        mine.family_name = "Smith".into();
        mine.updated = at(3);
        let c = merged(merge_edit(&base, &mine, Some(&theirs)).unwrap());
        assert_eq!((c.family_name.as_str(), c.job_title.as_str()), ("Smith", "Head buyer"));
        assert_eq!(c.updated, at(2), "updated is the caller's to stamp");
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_a_choice() {
        let base = contact();
        let mut theirs = base.clone();
        theirs.job_title = "CEO".into();
        theirs.notes = "met at the fair".into();
        let mut mine = base.clone();
        mine.job_title = "CFO".into();
        mine.given_name = "Anna".into();
        let EditOutcome::Conflicts(conflict) = merge_edit(&base, &mine, Some(&theirs)).unwrap() else {
            panic!("expected a conflict")
        };
        assert_eq!(
            conflict.conflicts(),
            [FieldConflict { field: "job_title".into(), mine: json!("CFO"), theirs: json!("CEO") }]
        );
        // Keeping mine: my title, my name, their notes.
        let kept: Contact = conflict.resolve(&[]).unwrap();
        assert_eq!(
            (kept.job_title.as_str(), kept.given_name.as_str(), kept.notes.as_str()),
            ("CFO", "Anna", "met at the fair")
        );
        // Taking theirs: their title, still my name.
        let taken: Contact = conflict.resolve(&["job_title".to_string()]).unwrap();
        assert_eq!((taken.job_title.as_str(), taken.given_name.as_str()), ("CEO", "Anna"));
        // The resolved record saved against the stored one it was chosen on
        // merges cleanly, and a change made meanwhile is kept too.
        let seen: Contact = conflict.theirs().unwrap();
        let mut later = seen.clone();
        later.source = "Referral".into();
        let c = merged(merge_edit(&seen, &taken, Some(&later)).unwrap());
        assert_eq!((c.job_title.as_str(), c.given_name.as_str(), c.source.as_str()), ("CEO", "Anna", "Referral"));
    }

    #[test]
    fn stage_history_and_updated_never_conflict() {
        let base = contact();
        let mut theirs = base.clone();
        theirs.lifecycle_stage = LifecycleStage::Acquisition;
        theirs.stage_history.push(crate::core::records::StageChange {
            from: Some(LifecycleStage::Reach),
            to: LifecycleStage::Acquisition,
            at: at(2),
        });
        theirs.updated = at(2);
        let mut mine = base.clone();
        mine.notes = "x".into();
        mine.stage_history.push(crate::core::records::StageChange { from: None, to: LifecycleStage::Reach, at: at(1) });
        mine.updated = at(3);
        let c = merged(merge_edit(&base, &mine, Some(&theirs)).unwrap());
        assert_eq!(c.stage_history, theirs.stage_history);
        assert_eq!((c.lifecycle_stage, c.notes.as_str()), (LifecycleStage::Acquisition, "x"));
    }

    #[test]
    fn a_deleted_record_is_reported() {
        let base = contact();
        assert_eq!(merge_edit(&base, &base, None).unwrap(), EditOutcome::Deleted);
    }

    fn data() -> Dataset {
        let mut d = Dataset::default();
        let mut acme = Company::blank("co1".into(), at(1));
        acme.name = "Acme".into();
        d.apply(&Change::PutCompany { record: acme });
        d.apply(&Change::PutContact { record: contact() });
        let mut bo = Contact::blank("c2".into(), at(1));
        bo.emails.push(Email { address: "bo@example.com".into(), ..Default::default() });
        d.apply(&Change::PutContact { record: bo });
        let settings = Settings::initial(at(1));
        let mut deal = Deal::blank("d1".into(), &settings.pipeline[0], "EUR", at(1));
        deal.title = "Roof".into();
        deal.contact_ids = vec!["c1".into(), "c2".into()];
        d.apply(&Change::PutDeal { record: deal });
        let mut call = Activity::blank("a1".into(), ActivityKind::Call, at(1));
        call.contact_ids = vec!["c1".into()];
        call.deal_id = Some("d1".into());
        d.apply(&Change::PutActivity { record: call });
        let mut task = Task::blank("t1".into(), at(1));
        task.title = "Call back".into();
        task.contact_id = Some("c1".into());
        d.apply(&Change::PutTask { record: task });
        d
    }

    #[test]
    fn values_read_as_the_form_shows_them() {
        let d = data();
        let deal = serde_json::to_value(d.deals().get("d1").unwrap()).unwrap();
        let record = deal.as_object().unwrap();
        let text =
            |kind, field: &str, v: Value| value_text(kind, field, &v, record, &d, (Locale::En, &Zone::fixed(60)));
        assert_eq!(text(EditKind::Deal, "amount_cents", json!(1_250_050)), "€12,500.50");
        assert_eq!(
            text(EditKind::Deal, "contact_ids", json!(["c1", "c2", "gone"])),
            "Ann One, bo@example.com, (a deleted contact)"
        );
        assert_eq!(text(EditKind::Deal, "stage", deal["stage"].clone()), d.settings().pipeline[0].name);
        assert_eq!(text(EditKind::Deal, "status", json!("won")), "Won");
        assert_eq!(text(EditKind::Contact, "company_id", json!("co1")), "Acme");
        assert_eq!(text(EditKind::Contact, "lifecycle_stage", json!("acquisition")), "Acquisition");
        assert_eq!(
            text(EditKind::Contact, "emails", json!([{"kind":"work","address":"a@x.com"},{"address":"b@y.org"}])),
            "a@x.com, b@y.org"
        );
        assert_eq!(text(EditKind::Contact, "tags", json!(["vip", "board"])), "vip, board");
        assert_eq!(text(EditKind::Contact, "notes", Value::Null), EMPTY_VALUE);
        assert_eq!(text(EditKind::Contact, "notes", json!("")), EMPTY_VALUE);
        assert_eq!(
            text(EditKind::Company, "address", json!({"street":"A 1","city":"Bonn","country":"DE"})),
            "A 1, Bonn, DE"
        );
        assert_eq!(field_label(EditKind::Contact, "job_title", Locale::En), "Job title");
        assert_eq!(field_label(EditKind::Deal, "amount_cents", Locale::En), "Amount");
        assert_eq!(field_label(EditKind::Deal, "amount_cents", Locale::De), "Betrag");
        assert_eq!(field_label(EditKind::Deal, "some_new_field", Locale::En), "Some new field");
    }

    #[test]
    fn save_as_new_links_what_linked_to_the_deleted_record() {
        let mut d = data();
        let links = incoming_links(&d, EditKind::Contact, "c1");
        assert_eq!(
            links,
            IncomingLinks {
                contacts: vec![],
                deals: vec!["d1".into()],
                activities: vec!["a1".into()],
                tasks: vec!["t1".into()]
            }
        );
        // Another tab deletes the contact: its links are removed.
        let (changes, _) = contact_delete(&d, "c1", at(2));
        for c in &changes {
            d.apply(c);
        }
        assert!(d.activities().get("a1").unwrap().contact_ids.is_empty());
        // Saved as new under another id, the links come back to it.
        let changes = relink(&d, EditKind::Contact, "c9", &links, at(3));
        assert_eq!(changes.len(), 3);
        for c in &changes {
            d.apply(c);
        }
        assert_eq!(d.deals().get("d1").unwrap().contact_ids, ["c2", "c9"]);
        assert_eq!(d.activities().get("a1").unwrap().contact_ids, ["c9"]);
        assert_eq!(d.tasks().get("t1").unwrap().contact_id.as_deref(), Some("c9"));
        assert_eq!(d.tasks().get("t1").unwrap().updated, at(3));
        // Relinking again changes nothing; a link set meanwhile is not replaced.
        assert!(relink(&d, EditKind::Contact, "c9", &links, at(4)).is_empty());
        let mut task = d.tasks().get("t1").unwrap().clone();
        task.contact_id = Some("c2".into());
        d.apply(&Change::PutTask { record: task });
        assert!(relink(&d, EditKind::Contact, "c10", &links, at(4))
            .iter()
            .all(|c| !matches!(c, Change::PutTask { .. })));
    }

    #[test]
    fn a_deals_links_come_back_too() {
        let mut d = data();
        let links = incoming_links(&d, EditKind::Deal, "d1");
        assert_eq!(links.activities, ["a1"]);
        let (changes, _) = deal_delete(&d, "d1", at(2));
        for c in &changes {
            d.apply(c);
        }
        assert_eq!(d.activities().get("a1").unwrap().deal_id, None);
        for c in relink(&d, EditKind::Deal, "d9", &links, at(3)) {
            d.apply(&c);
        }
        assert_eq!(d.activities().get("a1").unwrap().deal_id.as_deref(), Some("d9"));
    }
}
