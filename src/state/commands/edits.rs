//! Saving the edit forms of contacts, companies and deals without losing
//! another tab's save (issue 12): the form's changes are merged onto the
//! stored record field by field (`core::edit`), both values of a field that
//! both sides changed are shown for the person to choose, and a record
//! deleted meanwhile can be saved as a new one with its links.
//!
//! Before merging, the tab catches up with what other tabs wrote, so the
//! stored record it merges onto is the newest it can know of. (Another tab
//! could still write between that read and this write; the window is the
//! length of one IndexedDB read, and both writes stay in the journal.)

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use super::{invalid, save, AppState};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::edit::{
    field_label, incoming_links, merge_edit, relink, value_text, EditConflict, EditKind, EditOutcome, IncomingLinks,
};
use crate::core::forms::{finish_company, finish_contact, finish_deal, ContactTexts, DealTexts};
use crate::core::lifecycle::{record_company_stage_edit, record_stage_edit};
use crate::core::records::{Company, Contact, Deal};
use crate::core::validate::{validate_company, validate_contact, validate_deal, FieldError};
use crate::state::text::{t, tf};
use crate::state::{locale, new_id, Clock};

/// A record as its edit form opened it, with what linked to it then.
#[derive(Clone, Debug)]
pub struct Opened<T> {
    pub record: T,
    /// Noted again once the activities have loaded when the form opened
    /// before they had (a deep link to an edit page).
    links: RwSignal<IncomingLinks>,
}

/// How saving a form went.
#[derive(Clone, Debug)]
pub enum FormSave {
    /// Written; the record's id (new when saved as a new record).
    Saved(String),
    /// The write failed; the status line says why.
    NotSaved,
    /// Nothing written yet: the person decides.
    Unsaved(Unsaved),
}

/// A save that waits for the person's decision.
#[derive(Clone, Debug)]
pub enum Unsaved {
    /// Fields changed differently here and in another tab.
    Conflicts { kind: EditKind, conflict: EditConflict, fields: Vec<ConflictField>, links: IncomingLinks },
    /// The record was deleted in another tab; `record` is the form's version.
    Deleted { kind: EditKind, record: Value, links: IncomingLinks },
}

/// One field both sides changed, in the form's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConflictField {
    pub field: String,
    pub label: String,
    pub mine: String,
    pub theirs: String,
}

/// What the three record kinds with an edit form have in common here.
trait Editable: Serialize + DeserializeOwned + Clone {
    const KIND: EditKind;
    fn id(&self) -> &str;
    fn set_id(&mut self, id: String);
    fn stored(data: &Dataset, id: &str) -> Option<Self>;
    /// Stamps the merged record and checks it again (a merge can combine
    /// two valid versions into an invalid one).
    fn finish_merged(
        &mut self,
        stored: Option<&Self>,
        data: &Dataset,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Vec<FieldError>;
    fn put(self) -> Change;
}

impl Editable for Contact {
    const KIND: EditKind = EditKind::Contact;
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: String) {
        self.id = id;
    }
    fn stored(data: &Dataset, id: &str) -> Option<Self> {
        data.contact(id).cloned()
    }
    fn finish_merged(
        &mut self,
        stored: Option<&Self>,
        _: &Dataset,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Vec<FieldError> {
        self.updated = now;
        record_stage_edit(stored, self, now);
        validate_contact(self, today)
    }
    fn put(self) -> Change {
        Change::PutContact { record: self }
    }
}

impl Editable for Company {
    const KIND: EditKind = EditKind::Company;
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: String) {
        self.id = id;
    }
    fn stored(data: &Dataset, id: &str) -> Option<Self> {
        data.company(id).cloned()
    }
    fn finish_merged(
        &mut self,
        stored: Option<&Self>,
        _: &Dataset,
        now: DateTime<Utc>,
        _: NaiveDate,
    ) -> Vec<FieldError> {
        self.updated = now;
        record_company_stage_edit(stored, self, now);
        validate_company(self)
    }
    fn put(self) -> Change {
        Change::PutCompany { record: self }
    }
}

impl Editable for Deal {
    const KIND: EditKind = EditKind::Deal;
    fn id(&self) -> &str {
        &self.id
    }
    fn set_id(&mut self, id: String) {
        self.id = id;
    }
    fn stored(data: &Dataset, id: &str) -> Option<Self> {
        data.deals().get(id).cloned()
    }
    fn finish_merged(&mut self, _: Option<&Self>, data: &Dataset, now: DateTime<Utc>, _: NaiveDate) -> Vec<FieldError> {
        self.updated = now;
        validate_deal(self, data.settings())
    }
    fn put(self) -> Change {
        Change::PutDeal { record: self }
    }
}

/// The record `id` of `kind` as an edit form opens it, with its links.
fn open<T: Editable>(state: AppState, id: &str) -> Option<Opened<T>> {
    let (record, links) =
        state.data.with_untracked(|d| T::stored(d, id).map(|record| (record, incoming_links(d, T::KIND, id))))?;
    let links = RwSignal::new(links);
    if !state.is_complete.get_untracked() {
        let id = id.to_string();
        leptos::task::spawn_local(async move {
            state.until_complete().await;
            let now = state.data.with_untracked(|d| T::stored(d, &id).map(|_| incoming_links(d, T::KIND, &id)));
            if let Some(now) = now {
                links.try_set(now);
            }
        });
    }
    Some(Opened { record, links })
}

pub fn open_contact(state: AppState, id: &str) -> Option<Opened<Contact>> {
    open(state, id)
}

pub fn open_company(state: AppState, id: &str) -> Option<Opened<Company>> {
    open(state, id)
}

pub fn open_deal(state: AppState, id: &str) -> Option<Opened<Deal>> {
    open(state, id)
}

/// Writes a new record (no merge: nobody else can have it).
async fn save_new<T: Editable>(state: AppState, record: T) -> FormSave {
    let id = record.id().to_string();
    if save(state, vec![record.put()], t("notices.saved")).await {
        FormSave::Saved(id)
    } else {
        FormSave::NotSaved
    }
}

/// Merges the form's finished record `mine` (opened as `base`) onto the
/// stored one and writes it, or says what the person must decide.
async fn save_edit<T: Editable>(
    state: AppState,
    base: &T,
    mine: T,
    links: &IncomingLinks,
) -> Result<FormSave, Vec<FieldError>> {
    let stored = state.data.with_untracked(|d| T::stored(d, mine.id()));
    let outcome = match merge_edit(base, &mine, stored.as_ref()) {
        Ok(o) => o,
        Err(e) => {
            state.notify(super::NoticeKind::Error, edit_error(&e));
            return Ok(FormSave::NotSaved);
        }
    };
    match outcome {
        EditOutcome::Deleted => {
            let record = serde_json::to_value(&mine).unwrap_or(Value::Null);
            Ok(FormSave::Unsaved(Unsaved::Deleted { kind: T::KIND, record, links: links.clone() }))
        }
        EditOutcome::Conflicts(conflict) => {
            let fields = describe(state, T::KIND, &conflict);
            Ok(FormSave::Unsaved(Unsaved::Conflicts { kind: T::KIND, conflict, fields, links: links.clone() }))
        }
        EditOutcome::Merged(mut record) => {
            let (now, today) = (state.clock.now(), state.clock.today());
            let errs = state.data.with_untracked(|d| record.finish_merged(stored.as_ref(), d, now, today));
            if !errs.is_empty() {
                return invalid(state, errs);
            }
            let id = record.id().to_string();
            Ok(if save(state, vec![record.put()], t("notices.saved")).await {
                FormSave::Saved(id)
            } else {
                FormSave::NotSaved
            })
        }
    }
}

fn describe(state: AppState, kind: EditKind, conflict: &EditConflict) -> Vec<ConflictField> {
    let record = &conflict.merged.record;
    let empty = serde_json::Map::new();
    let theirs = conflict.theirs.as_object().unwrap_or(&empty);
    state.data.with_untracked(|d| {
        conflict
            .conflicts()
            .iter()
            .map(|c| ConflictField {
                field: c.field.clone(),
                label: field_label(kind, &c.field, locale()),
                mine: value_text(kind, &c.field, &c.mine, record, d, (locale(), Clock.zone())),
                theirs: value_text(kind, &c.field, &c.theirs, theirs, d, (locale(), Clock.zone())),
            })
            .collect()
    })
}

/// Saves the contact form: a new contact, or an edit of `opened`.
pub async fn save_contact(
    state: AppState,
    draft: Contact,
    texts: ContactTexts,
    opened: Option<&Opened<Contact>>,
) -> Result<FormSave, Vec<FieldError>> {
    if opened.is_some() {
        state.catch_up().await;
    }
    let (now, today) = (state.clock.now(), state.clock.today());
    let stored = state.data.with_untracked(|d| d.contact(&draft.id).cloned());
    let before = stored.as_ref().or(opened.map(|o| &o.record));
    let mine = match finish_contact(draft, &texts, before, opened.is_none(), now, today) {
        Ok(c) => c,
        Err(errs) => return invalid(state, errs),
    };
    match opened {
        None => Ok(save_new(state, mine).await),
        Some(o) => save_edit(state, &o.record, mine, &o.links.get_untracked()).await,
    }
}

/// Saves the company form (`tags` as typed): a new company, or an edit of `opened`.
pub async fn save_company(
    state: AppState,
    draft: Company,
    tags: String,
    opened: Option<&Opened<Company>>,
) -> Result<FormSave, Vec<FieldError>> {
    if opened.is_some() {
        state.catch_up().await;
    }
    let now = state.clock.now();
    let stored = state.data.with_untracked(|d| d.company(&draft.id).cloned());
    let before = stored.as_ref().or(opened.map(|o| &o.record));
    let mine = match finish_company(draft, &tags, before, opened.is_none(), now) {
        Ok(c) => c,
        Err(errs) => return invalid(state, errs),
    };
    match opened {
        None => Ok(save_new(state, mine).await),
        Some(o) => save_edit(state, &o.record, mine, &o.links.get_untracked()).await,
    }
}

/// Saves the deal form: a new deal, or an edit of `opened`.
pub async fn save_deal(
    state: AppState,
    draft: Deal,
    texts: DealTexts,
    opened: Option<&Opened<Deal>>,
) -> Result<FormSave, Vec<FieldError>> {
    if opened.is_some() {
        state.catch_up().await;
    }
    let now = state.clock.now();
    let mine = state.data.with_untracked(|d| finish_deal(draft, &texts, d.settings(), opened.is_none(), now));
    let mine = match mine {
        Ok(d) => d,
        Err(errs) => return invalid(state, errs),
    };
    match opened {
        None => Ok(save_new(state, mine).await),
        Some(o) => save_edit(state, &o.record, mine, &o.links.get_untracked()).await,
    }
}

/// An edit that could not be combined (a defect), in the person's language.
fn edit_error(e: &crate::core::edit::EditError) -> String {
    tf("notices.edit.not_combined", &[("detail", &e.0)])
}

fn resolved<T: Editable>(conflict: &EditConflict, take_theirs: &[String]) -> Result<(T, T), String> {
    let mine: T = conflict.resolve(take_theirs).map_err(|e| edit_error(&e))?;
    let base: T = conflict.theirs().map_err(|e| edit_error(&e))?;
    Ok((base, mine))
}

async fn save_resolved<T: Editable>(
    state: AppState,
    conflict: &EditConflict,
    take_theirs: &[String],
    links: &IncomingLinks,
) -> Result<FormSave, Vec<FieldError>> {
    state.catch_up().await;
    match resolved::<T>(conflict, take_theirs) {
        // The stored record the person chose against is the base now, so a
        // change made meanwhile is merged in (or shown) too.
        Ok((base, mine)) => save_edit(state, &base, mine, links).await,
        Err(e) => {
            state.notify(super::NoticeKind::Error, e);
            Ok(FormSave::NotSaved)
        }
    }
}

/// Saves after the person chose, for each conflicted field, to keep theirs
/// (the form's value) or take the other tab's (the fields in `take_theirs`).
pub async fn resolve_conflicts(
    state: AppState,
    kind: EditKind,
    conflict: &EditConflict,
    take_theirs: &[String],
    links: &IncomingLinks,
) -> Result<FormSave, Vec<FieldError>> {
    match kind {
        EditKind::Contact => save_resolved::<Contact>(state, conflict, take_theirs, links).await,
        EditKind::Company => save_resolved::<Company>(state, conflict, take_theirs, links).await,
        EditKind::Deal => save_resolved::<Deal>(state, conflict, take_theirs, links).await,
    }
}

async fn save_new_copy<T: Editable>(
    state: AppState,
    record: &Value,
    links: &IncomingLinks,
) -> Result<FormSave, Vec<FieldError>> {
    let mut record: T = match serde_json::from_value(record.clone()) {
        Ok(r) => r,
        Err(e) => {
            state.notify(super::NoticeKind::Error, tf("notices.save_as_new_failed", &[("error", &e.to_string())]));
            return Ok(FormSave::NotSaved);
        }
    };
    let id = new_id();
    record.set_id(id.clone());
    let (now, today) = (state.clock.now(), state.clock.today());
    let (errs, links) =
        state.data.with_untracked(|d| (record.finish_merged(None, d, now, today), relink(d, T::KIND, &id, links, now)));
    if !errs.is_empty() {
        return invalid(state, errs);
    }
    let mut changes = vec![record.put()];
    changes.extend(links);
    let done = t(match T::KIND {
        EditKind::Contact => "notices.saved_as_new.contact",
        EditKind::Company => "notices.saved_as_new.company",
        EditKind::Deal => "notices.saved_as_new.deal",
    });
    Ok(if save(state, changes, done).await { FormSave::Saved(id) } else { FormSave::NotSaved })
}

/// Saves the form of a record deleted in another tab as a new record (a new
/// id, so the other tab's undo cannot overwrite it), linking to it again the
/// deals, activities and tasks (and a company's contacts) that linked to the
/// old one, in one transaction.
pub async fn save_as_new(
    state: AppState,
    kind: EditKind,
    record: &Value,
    links: &IncomingLinks,
) -> Result<FormSave, Vec<FieldError>> {
    state.catch_up().await;
    match kind {
        EditKind::Contact => save_new_copy::<Contact>(state, record, links).await,
        EditKind::Company => save_new_copy::<Company>(state, record, links).await,
        EditKind::Deal => save_new_copy::<Deal>(state, record, links).await,
    }
}
