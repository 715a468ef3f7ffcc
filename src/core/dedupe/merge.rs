//! Merging two contacts as pure functions. The survivor keeps its id; for
//! each field the person chooses the survivor's value or the removed
//! record's, and for lists (emails, phones, addresses, tags) may keep both,
//! without repeats (compared in canonical form). A [`MergeRecord`] keeps full
//! copies of both records, so [`undo`] restores them exactly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::model::{Address, Contact, Email, Phone, StageChange};
use crate::core::normalize::{canonical_email, parse_phone};
use crate::core::text::fold;

/// Whose value a single-valued field takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pick {
    #[default]
    Survivor,
    Removed,
}

/// Whose entries a list field takes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ListPick {
    Survivor,
    Removed,
    /// The survivor's entries, then the removed record's that are new.
    #[default]
    All,
}

/// The person's choice for every field of a merge.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChoices {
    pub given_name: Pick,
    pub family_name: Pick,
    pub job_title: Pick,
    pub company_id: Pick,
    pub lifecycle_stage: Pick,
    pub birthday: Pick,
    pub source: Pick,
    pub notes: Pick,
    pub emails: ListPick,
    pub phones: ListPick,
    pub addresses: ListPick,
    pub tags: ListPick,
}

impl FieldChoices {
    /// The default offered in the merge dialog: the survivor's values, the
    /// removed record's where the survivor has none, and all list entries.
    pub fn suggested(survivor: &Contact, removed: &Contact) -> FieldChoices {
        let fill = |empty: bool, other_empty: bool| if empty && !other_empty { Pick::Removed } else { Pick::Survivor };
        FieldChoices {
            given_name: fill(survivor.given_name.is_empty(), removed.given_name.is_empty()),
            family_name: fill(survivor.family_name.is_empty(), removed.family_name.is_empty()),
            job_title: fill(survivor.job_title.is_empty(), removed.job_title.is_empty()),
            company_id: fill(survivor.company_id.is_none(), removed.company_id.is_none()),
            lifecycle_stage: Pick::Survivor,
            birthday: fill(survivor.birthday.is_none(), removed.birthday.is_none()),
            source: fill(survivor.source.is_empty(), removed.source.is_empty()),
            notes: fill(survivor.notes.is_empty(), removed.notes.is_empty()),
            ..FieldChoices::default()
        }
    }
}

fn pick<T: Clone>(choice: Pick, survivor: &T, removed: &T) -> T {
    match choice {
        Pick::Survivor => survivor.clone(),
        Pick::Removed => removed.clone(),
    }
}

/// Joins two lists by `choice`; with `All`, entries of `removed` whose key is
/// already present are dropped.
fn pick_list<T: Clone, K: PartialEq>(choice: ListPick, survivor: &[T], removed: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    match choice {
        ListPick::Survivor => survivor.to_vec(),
        ListPick::Removed => removed.to_vec(),
        ListPick::All => {
            let mut out = survivor.to_vec();
            for item in removed {
                let k = key(item);
                if !out.iter().any(|o| key(o) == k) {
                    out.push(item.clone());
                }
            }
            out
        }
    }
}

fn email_key(e: &Email) -> String {
    canonical_email(&e.address).unwrap_or_else(|| e.address.trim().to_lowercase())
}

fn phone_key(p: &Phone) -> String {
    // Without a country, "+" numbers compare in E.164 and others by digits.
    parse_phone(&p.number, "")
        .map(|n| n.e164)
        .unwrap_or_else(|_| p.number.chars().filter(char::is_ascii_digit).collect())
}

fn address_key(a: &Address) -> String {
    fold(&a.one_line()).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The merged contact: the survivor's id, the earlier creation time, `now`
/// as the update time, and each field as chosen.
pub fn merge_contacts(survivor: &Contact, removed: &Contact, choices: &FieldChoices, now: DateTime<Utc>) -> Contact {
    let (s, r, c) = (survivor, removed, choices);
    Contact {
        id: s.id.clone(),
        given_name: pick(c.given_name, &s.given_name, &r.given_name),
        family_name: pick(c.family_name, &s.family_name, &r.family_name),
        emails: pick_list(c.emails, &s.emails, &r.emails, email_key),
        phones: pick_list(c.phones, &s.phones, &r.phones, phone_key),
        addresses: pick_list(c.addresses, &s.addresses, &r.addresses, address_key),
        job_title: pick(c.job_title, &s.job_title, &r.job_title),
        company_id: pick(c.company_id, &s.company_id, &r.company_id),
        lifecycle_stage: pick(c.lifecycle_stage, &s.lifecycle_stage, &r.lifecycle_stage),
        tags: pick_list(c.tags, &s.tags, &r.tags, |t| fold(t)),
        birthday: pick(c.birthday, &s.birthday, &r.birthday),
        source: pick(c.source, &s.source, &r.source),
        notes: pick(c.notes, &s.notes, &r.notes),
        created: s.created.min(r.created),
        updated: now,
        lead_status: s.lead_status.or(r.lead_status),
        stage_history: merged_history(&s.stage_history, &r.stage_history),
        important_dates: pick_list(ListPick::All, &s.important_dates, &r.important_dates, |d| {
            format!("{}|{}", fold(&d.label), d.date)
        }),
        cadence_days: s.cadence_days.or(r.cadence_days),
        owner: if s.owner.is_empty() { r.owner.clone() } else { s.owner.clone() },
    }
}

/// Both records' stage changes, oldest first, each once.
fn merged_history(a: &[StageChange], b: &[StageChange]) -> Vec<StageChange> {
    let mut out: Vec<StageChange> = a.iter().chain(b).cloned().collect();
    out.sort_by_key(|c| c.at);
    out.dedup();
    out
}

/// What a merge changed, kept so it can be undone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRecord {
    pub survivor_before: Contact,
    pub removed: Contact,
    pub survivor_after: Contact,
    pub choices: FieldChoices,
    pub merged_at: DateTime<Utc>,
}

impl MergeRecord {
    /// Merges and records the merge.
    pub fn new(survivor: &Contact, removed: &Contact, choices: &FieldChoices, now: DateTime<Utc>) -> MergeRecord {
        MergeRecord {
            survivor_before: survivor.clone(),
            removed: removed.clone(),
            survivor_after: merge_contacts(survivor, removed, choices, now),
            choices: choices.clone(),
            merged_at: now,
        }
    }
}

/// The two contacts as they were before the merge: (survivor, removed).
pub fn undo(record: &MergeRecord) -> (Contact, Contact) {
    (record.survivor_before.clone(), record.removed.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{EmailKind, LifecycleStage, PhoneKind};
    use chrono::{NaiveDate, TimeZone};
    use proptest::prelude::*;

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 1, day, 0, 0, 0).unwrap()
    }

    fn email(a: &str) -> Email {
        Email { kind: EmailKind::Work, address: a.into() }
    }

    fn phone(n: &str) -> Phone {
        Phone { kind: PhoneKind::Mobile, number: n.into() }
    }

    #[test]
    fn keep_all_drops_repeats_in_canonical_form() {
        let mut s = Contact::blank("s".into(), t(5));
        s.emails = vec![email("Jo.Smith@gmail.com")];
        s.phones = vec![phone("+44 20 7946 0958")];
        s.tags = vec!["VIP".into()];
        let mut r = Contact::blank("r".into(), t(2));
        r.given_name = "Jo".into();
        r.emails = vec![email("josmith+crm@gmail.com"), email("jo@acme.com")];
        r.phones = vec![phone("+442079460958")];
        r.tags = vec!["vip".into(), "Lead".into()];
        let choices = FieldChoices::suggested(&s, &r);
        assert_eq!(choices.given_name, Pick::Removed);
        let m = merge_contacts(&s, &r, &choices, t(9));
        assert_eq!(m.id, "s");
        assert_eq!(m.given_name, "Jo");
        assert_eq!(m.emails, [email("Jo.Smith@gmail.com"), email("jo@acme.com")]);
        assert_eq!(m.phones.len(), 1);
        assert_eq!(m.tags, ["VIP", "Lead"]);
        assert_eq!((m.created, m.updated), (t(2), t(9)));
    }

    fn contact_strategy() -> impl Strategy<Value = Contact> {
        let text = "[A-Za-z +@.]{0,12}";
        (
            text,
            text,
            prop::collection::vec(text, 0..3),
            prop::collection::vec("[0-9 +]{0,12}", 0..3),
            prop::collection::vec(text, 0..3),
            prop::option::of(0u32..20_000),
            0usize..7,
            1u32..28,
        )
            .prop_map(|(given, family, emails, phones, tags, birthday, stage, day)| {
                let mut c = Contact::blank(format!("id-{given}"), t(day));
                c.given_name = given;
                c.family_name = family;
                c.emails = emails.iter().map(|e| email(e)).collect();
                c.phones = phones.iter().map(|p| phone(p)).collect();
                c.tags = tags;
                c.birthday = birthday.and_then(|d| NaiveDate::from_num_days_from_ce_opt(700_000 + d as i32));
                c.lifecycle_stage = LifecycleStage::ALL[stage];
                c
            })
    }

    fn choices_strategy() -> impl Strategy<Value = FieldChoices> {
        let p = || prop_oneof![Just(Pick::Survivor), Just(Pick::Removed)];
        let l = || prop_oneof![Just(ListPick::Survivor), Just(ListPick::Removed), Just(ListPick::All)];
        ((p(), p(), p(), p(), p(), p()), (l(), l(), l(), l())).prop_map(|((g, f, j, b, s, n), (e, ph, a, tg))| {
            FieldChoices {
                given_name: g,
                family_name: f,
                job_title: j,
                birthday: b,
                source: s,
                notes: n,
                emails: e,
                phones: ph,
                addresses: a,
                tags: tg,
                ..FieldChoices::default()
            }
        })
    }

    proptest! {
        #[test]
        fn merge_then_undo_restores_both(s in contact_strategy(), r in contact_strategy(), c in choices_strategy()) {
            let record = MergeRecord::new(&s, &r, &c, t(28));
            prop_assert_eq!(&record.survivor_after.id, &s.id);
            prop_assert!(record.survivor_after.emails.len() <= s.emails.len() + r.emails.len());
            let (s2, r2) = undo(&record);
            prop_assert_eq!(s2, s);
            prop_assert_eq!(r2, r);
        }

        #[test]
        fn merge_record_survives_serialisation(s in contact_strategy(), r in contact_strategy()) {
            let record = MergeRecord::new(&s, &r, &FieldChoices::suggested(&s, &r), t(28));
            let json = serde_json::to_string(&record).unwrap();
            let back: MergeRecord = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(undo(&back), (s, r));
        }
    }
}
