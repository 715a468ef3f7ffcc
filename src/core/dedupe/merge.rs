//! Merging two contacts as pure functions. The survivor keeps its id; for
//! each field the person chooses the survivor's value or the removed
//! record's, and for lists (emails, phones, addresses, tags) may keep both,
//! without repeats (compared in canonical form). A [`MergeRecord`] keeps full
//! copies of both records, so [`undo`] restores them exactly.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::normalize::{canonical_email, parse_phone};
use crate::core::records::{Address, Contact, Email, Phone, StageChange};
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
        owner: or_other(&s.owner, &r.owner),
        nickname: or_other(&s.nickname, &r.nickname),
        name_prefix: or_other(&s.name_prefix, &r.name_prefix),
        name_suffix: or_other(&s.name_suffix, &r.name_suffix),
        department: or_other(&s.department, &r.department),
    }
}

/// The survivor's text, or the removed record's when the survivor has none.
fn or_other(survivor: &str, removed: &str) -> String {
    if survivor.is_empty() { removed } else { survivor }.to_string()
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

/// How many linked records a merge moves to the survivor.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Moved {
    pub deals: usize,
    pub activities: usize,
    pub tasks: usize,
}

/// Replaces `removed` by `survivor` in a list of ids, keeping each id once;
/// whether anything changed.
fn relink_list(ids: &mut Vec<String>, removed: &str, survivor: &str) -> bool {
    if !ids.iter().any(|x| x == removed) {
        return false;
    }
    let had_survivor = ids.iter().any(|x| x == survivor);
    let mut out = Vec::with_capacity(ids.len());
    for id in ids.drain(..) {
        if id == removed {
            if !had_survivor && !out.iter().any(|x: &String| x == survivor) {
                out.push(survivor.to_string());
            }
        } else {
            out.push(id);
        }
    }
    *ids = out;
    true
}

/// The deals, activities and tasks linking `removed` that a merge into
/// `survivor` would move.
pub fn moved_counts(data: &Dataset, removed: &str) -> Moved {
    Moved {
        deals: data.deals().all().iter().filter(|d| d.contact_ids.iter().any(|c| c == removed)).count(),
        activities: data.activities().all().iter().filter(|a| a.contact_ids.iter().any(|c| c == removed)).count(),
        tasks: data.tasks().all().iter().filter(|t| t.contact_id.as_deref() == Some(removed)).count(),
    }
}

/// Every change of merging contact `removed_id` into `survivor_id`, as one
/// user action: the merged survivor, the removed contact's deletion, each
/// deal, activity and task linking the removed contact relinked to the
/// survivor (without repeating an id), and the settings without the "not a
/// duplicate" pairs that name the removed contact. Undo is the
/// [`inverse`](crate::core::history::inverse) of this list, computed before
/// it is applied.
pub fn merge_changes(
    data: &Dataset,
    survivor_id: &str,
    removed_id: &str,
    choices: &FieldChoices,
    now: DateTime<Utc>,
) -> Result<Vec<Change>, String> {
    if survivor_id == removed_id {
        return Err("A contact cannot be merged with itself".into());
    }
    let survivor = data.contact(survivor_id).ok_or("The surviving contact no longer exists")?;
    let removed = data.contact(removed_id).ok_or("The contact to merge no longer exists")?;
    let mut changes = vec![
        Change::PutContact { record: merge_contacts(survivor, removed, choices, now) },
        Change::DeleteContact { id: removed_id.to_string() },
    ];
    for d in data.deals().all() {
        let mut record = d.clone();
        if relink_list(&mut record.contact_ids, removed_id, survivor_id) {
            record.updated = now;
            changes.push(Change::PutDeal { record });
        }
    }
    for a in data.activities().all() {
        let mut record = a.clone();
        if relink_list(&mut record.contact_ids, removed_id, survivor_id) {
            record.updated = now;
            changes.push(Change::PutActivity { record });
        }
    }
    for t in data.tasks().all().iter().filter(|t| t.contact_id.as_deref() == Some(removed_id)) {
        let mut record = t.clone();
        record.contact_id = Some(survivor_id.to_string());
        record.updated = now;
        changes.push(Change::PutTask { record });
    }
    let settings = data.settings();
    if settings.not_duplicates.iter().any(|(a, b)| a == removed_id || b == removed_id) {
        let mut record = settings.clone();
        record.not_duplicates.retain(|(a, b)| a != removed_id && b != removed_id);
        record.updated = now;
        changes.push(Change::PutSettings { record });
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::records::{EmailKind, LifecycleStage, PhoneKind};
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
                c.birthday =
                    birthday.and_then(|d| NaiveDate::from_num_days_from_ce_opt(700_000 + d as i32)).map(Into::into);
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

    fn linked_dataset(a: Contact, b: Contact, links: &[(u8, u8)]) -> Dataset {
        use crate::core::records::{Activity, ActivityKind, Deal, Settings, Task};
        let settings = Settings::initial(t(1));
        let ids = [a.id.clone(), b.id.clone(), "other".to_string()];
        let mut deals = Vec::new();
        let mut activities = Vec::new();
        let mut tasks = Vec::new();
        for (n, &(kind, mask)) in links.iter().enumerate() {
            let linked: Vec<String> = (0..3).filter(|i| mask & (1 << i) != 0).map(|i| ids[i].clone()).collect();
            match kind % 3 {
                0 => {
                    let mut d = Deal::blank(format!("d{n}"), &settings.pipeline[0], "EUR", t(1));
                    d.contact_ids = linked;
                    deals.push(d);
                }
                1 => {
                    let mut x = Activity::blank(format!("x{n}"), ActivityKind::Call, t(1));
                    x.contact_ids = linked;
                    activities.push(x);
                }
                _ => {
                    let mut k = Task::blank(format!("t{n}"), t(1));
                    k.contact_id = linked.into_iter().next();
                    tasks.push(k);
                }
            }
        }
        let mut settings = settings;
        settings.not_duplicates = vec![(ids[0].clone().min(ids[2].clone()), ids[0].clone().max(ids[2].clone()))];
        if ids[1] != ids[2] {
            settings = settings.with_not_duplicate(&ids[1], &ids[2], t(1));
        }
        Dataset::from_parts(crate::core::dataset::Records {
            contacts: vec![a, b, Contact::blank("other".into(), t(1))],
            deals,
            activities,
            tasks,
            settings: Some(settings),
            ..Default::default()
        })
        .unwrap()
    }

    fn sorted(data: &Dataset) -> crate::core::dataset::Records {
        let mut r = data.to_parts();
        r.contacts.sort_by(|a, b| a.id.cmp(&b.id));
        r.deals.sort_by(|a, b| a.id.cmp(&b.id));
        r.activities.sort_by(|a, b| a.id.cmp(&b.id));
        r.tasks.sort_by(|a, b| a.id.cmp(&b.id));
        r
    }

    #[test]
    fn merge_changes_relink_everything_once_and_drop_pairs_of_the_removed() {
        let mut s = Contact::blank("s".into(), t(1));
        s.given_name = "Ann".into();
        let mut r = Contact::blank("r".into(), t(2));
        r.given_name = "Anne".into();
        // A deal with both, an activity with the removed one, a task of the removed one.
        let mut data = linked_dataset(s, r, &[(0, 0b011), (1, 0b110), (2, 0b010), (2, 0b100)]);
        assert_eq!(moved_counts(&data, "r"), Moved { deals: 1, activities: 1, tasks: 1 });
        let choices = FieldChoices { given_name: Pick::Removed, ..FieldChoices::default() };
        let changes = merge_changes(&data, "s", "r", &choices, t(9)).unwrap();
        for c in &changes {
            data.apply(c);
        }
        assert!(data.contact("r").is_none());
        assert_eq!(data.contact("s").unwrap().given_name, "Anne");
        assert_eq!(data.deals().get("d0").unwrap().contact_ids, ["s"]);
        assert_eq!(data.activities().get("x1").unwrap().contact_ids, ["s", "other"]);
        assert_eq!(data.tasks().get("t2").unwrap().contact_id.as_deref(), Some("s"));
        assert_eq!(data.tasks().get("t3").unwrap().contact_id.as_deref(), Some("other"));
        assert_eq!(data.settings().not_duplicates, [("other".to_string(), "s".to_string())]);
        assert!(merge_changes(&data, "s", "s", &choices, t(9)).is_err());
        assert!(merge_changes(&data, "s", "r", &choices, t(9)).is_err());
    }

    proptest! {
        #[test]
        fn merge_changes_then_inverse_restore_the_dataset(
            s in contact_strategy(),
            r in contact_strategy(),
            c in choices_strategy(),
            links in prop::collection::vec((0u8..3, 0u8..8), 0..8),
        ) {
            let mut s = s;
            let mut r = r;
            s.id = "s".into();
            r.id = "r".into();
            let mut data = linked_dataset(s, r, &links);
            let before = sorted(&data);
            let changes = merge_changes(&data, "s", "r", &c, t(28)).unwrap();
            let undo = crate::core::history::inverse(&data, &changes);
            for ch in &changes {
                data.apply(ch);
            }
            prop_assert!(data.contact("r").is_none());
            prop_assert!(data.deals().all().iter().all(|d| !d.contact_ids.contains(&"r".to_string())));
            let relinked_once = |ids: &[String]| !ids.iter().any(|x| x == "r") && ids.iter().filter(|x| *x == "s").count() <= 1;
            prop_assert!(data.activities().all().iter().all(|a| relinked_once(&a.contact_ids)));
            prop_assert!(data.deals().all().iter().all(|d| relinked_once(&d.contact_ids)));
            for ch in &undo {
                data.apply(ch);
            }
            prop_assert_eq!(sorted(&data), before);
        }
    }
}
