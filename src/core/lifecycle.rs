//! Lifecycle rules: how contacts and companies move between lifecycle
//! stages (and the history each move leaves), how a qualified lead becomes a
//! deal, and what winning, losing, moving and reopening a deal change.
//!
//! Every command here takes the time as a parameter and returns the
//! [`Change`]s of one user action; nothing is written until the caller
//! commits them. Records a command changes get `updated = now`.

use chrono::{DateTime, Duration, Utc};

use super::changes::Change;
use super::dataset::Dataset;
use super::records::{Company, Contact, LeadStatus, LifecycleStage, StageChange};
use super::records::{Deal, DealStatus};

/// The history of a record created in `stage`: one entry without `from`.
pub fn initial_history(stage: LifecycleStage, created: DateTime<Utc>) -> Vec<StageChange> {
    vec![StageChange { from: None, to: stage, at: created }]
}

/// Moves a stage and records the move. Records written before stage history
/// existed have none: their creation entry is written first, so the history
/// always starts with the stage the record was created in (as far as we know).
fn set_stage(
    stage: &mut LifecycleStage,
    history: &mut Vec<StageChange>,
    created: DateTime<Utc>,
    to: LifecycleStage,
    at: DateTime<Utc>,
) {
    if *stage == to {
        return;
    }
    if history.is_empty() {
        history.push(StageChange { from: None, to: *stage, at: created });
    }
    history.push(StageChange { from: Some(*stage), to, at });
    *stage = to;
}

/// Moves a contact to `to` at `at`, recording the move; nothing happens when
/// it is already there. Does not touch `updated` (the caller decides).
pub fn set_contact_stage(c: &mut Contact, to: LifecycleStage, at: DateTime<Utc>) {
    set_stage(&mut c.lifecycle_stage, &mut c.stage_history, c.created, to, at);
}

/// Moves a company to `to` at `at`, recording the move; nothing happens when
/// it is already there. Does not touch `updated` (the caller decides).
pub fn set_company_stage(c: &mut Company, to: LifecycleStage, at: DateTime<Utc>) {
    set_stage(&mut c.lifecycle_stage, &mut c.stage_history, c.created, to, at);
}

/// The shared part of the form rules: `edited` is the stage the form holds,
/// `before` the stored stage (None for a new record).
fn record_edit(
    before: Option<LifecycleStage>,
    stage: &mut LifecycleStage,
    history: &mut Vec<StageChange>,
    created: DateTime<Utc>,
    now: DateTime<Utc>,
) {
    match before {
        None => {
            if history.is_empty() {
                *history = initial_history(*stage, created);
            }
        }
        Some(old) if old != *stage => {
            let edited = *stage;
            *stage = old;
            set_stage(stage, history, created, edited, now);
        }
        Some(_) => {}
    }
}

/// For the contact form on save: `after` holds the edited stage. A new
/// contact (no `before`) gets its creation entry; a changed stage is
/// appended to the history.
pub fn record_stage_edit(before: Option<&Contact>, after: &mut Contact, now: DateTime<Utc>) {
    let old = before.map(|b| b.lifecycle_stage);
    record_edit(old, &mut after.lifecycle_stage, &mut after.stage_history, after.created, now);
}

/// [`record_stage_edit`] for the company form.
pub fn record_company_stage_edit(before: Option<&Company>, after: &mut Company, now: DateTime<Utc>) {
    let old = before.map(|b| b.lifecycle_stage);
    record_edit(old, &mut after.lifecycle_stage, &mut after.stage_history, after.created, now);
}

/// How long each history entry lasted: until the next entry, or until `now`
/// for the last one. In history order. A clock that went backwards between
/// entries counts as no time rather than negative time.
pub fn time_in_stage(history: &[StageChange], now: DateTime<Utc>) -> Vec<(LifecycleStage, Duration)> {
    history
        .iter()
        .enumerate()
        .map(|(i, entry)| {
            let end = history.get(i + 1).map_or(now, |next| next.at);
            (entry.to, (end - entry.at).max(Duration::zero()))
        })
        .collect()
}

/// Whether the contact is a lead ready to become a deal.
pub fn can_convert(c: &Contact) -> bool {
    c.lead_status == Some(LeadStatus::Qualified)
}

/// The deal of a converted lead: a qualified lead that has a deal has been
/// converted, and its page says "Converted — see deal" (this deal, the
/// first one created) instead of offering "Convert to deal" again; more
/// deals are added from its Deals section. `None` when the contact has no
/// deal.
pub fn converted_deal<'a>(data: &'a Dataset, contact_id: &str) -> Option<&'a Deal> {
    data.deals()
        .all()
        .iter()
        .filter(|d| d.contact_ids.iter().any(|c| c == contact_id))
        .min_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)))
}

/// Why a lead could not be converted to a deal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConvertError {
    /// The contact was deleted (in another tab).
    Gone,
    NotQualified,
    AlreadyConverted,
    NoStages,
}

impl ConvertError {
    /// The catalogue key of the reason (`notices.convert.*`).
    pub fn key(self) -> &'static str {
        match self {
            ConvertError::Gone => "notices.convert.gone",
            ConvertError::NotQualified => "notices.convert.not_qualified",
            ConvertError::AlreadyConverted => "notices.convert.already",
            ConvertError::NoStages => "notices.convert.no_stages",
        }
    }
}

/// The reason in English.
impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::core::i18n::text(crate::core::display::Locale::En, self.key()))
    }
}

/// Turns a qualified lead into a deal in the first pipeline stage. The
/// contact moves from reach to acquisition (and stays a qualified lead).
/// Returns the deal (first) and, when its stage changed, the contact. A
/// lead that already has a deal was converted: it is not converted twice.
pub fn convert_lead(
    data: &Dataset,
    contact_id: &str,
    deal_id: String,
    now: DateTime<Utc>,
) -> Result<Vec<Change>, ConvertError> {
    let contact = data.contact(contact_id).ok_or(ConvertError::Gone)?;
    if !can_convert(contact) {
        return Err(ConvertError::NotQualified);
    }
    if converted_deal(data, contact_id).is_some() {
        return Err(ConvertError::AlreadyConverted);
    }
    let settings = data.settings();
    let stage = settings.pipeline.first().ok_or(ConvertError::NoStages)?;
    let mut deal = Deal::blank(deal_id, stage, &settings.currency, now);
    deal.title = match data.company_name_of(contact) {
        Some(company) => format!("{company} – {}", contact.display_name()),
        None => contact.display_name(),
    };
    deal.company_id = contact.company_id.clone();
    deal.contact_ids = vec![contact.id.clone()];
    deal.owner = contact.owner.clone();
    let mut changes = vec![Change::PutDeal { record: deal }];
    if contact.lifecycle_stage == LifecycleStage::Reach {
        let mut record = contact.clone();
        set_contact_stage(&mut record, LifecycleStage::Acquisition, now);
        record.updated = now;
        changes.push(Change::PutContact { record });
    }
    Ok(changes)
}

/// Moves a deal to another pipeline stage, taking that stage's default
/// probability. A won or lost deal moved on the board is open again. None
/// when the deal or stage is unknown or the deal is already there.
pub fn move_deal(data: &Dataset, deal_id: &str, stage_id: &str, now: DateTime<Utc>) -> Option<Change> {
    let deal = data.deals().get(deal_id)?;
    let stage = data.settings().stage(stage_id)?;
    if deal.stage == stage.id {
        return None;
    }
    let mut record = deal.clone();
    record.stage = stage.id.clone();
    record.probability = stage.probability;
    reopen(&mut record);
    record.updated = now;
    Some(Change::PutDeal { record })
}

/// Makes a deal open again. The lost reason goes too: it explained a status
/// the deal no longer has, and losing it again asks for a new one.
fn reopen(deal: &mut Deal) {
    deal.status = DealStatus::Open;
    deal.closed = None;
    deal.lost_reason.clear();
}

/// Position in the funnel, for "has this record got as far as the won
/// stage?". Lost and disqualified records count as before everything, so a
/// won deal brings them back.
fn funnel_rank(stage: LifecycleStage) -> i8 {
    match stage {
        LifecycleStage::Lost | LifecycleStage::Disqualified => -1,
        LifecycleStage::Reach => 0,
        LifecycleStage::Acquisition => 1,
        LifecycleStage::Conversion => 2,
        LifecycleStage::Retention => 3,
        LifecycleStage::Loyalty => 4,
    }
}

/// Marks a deal won, and moves its contacts and company to the settings'
/// won stage when they have not got that far yet. Empty when the deal is
/// unknown.
pub fn win_deal(data: &Dataset, deal_id: &str, now: DateTime<Utc>) -> Vec<Change> {
    let Some(deal) = data.deals().get(deal_id) else { return Vec::new() };
    let mut record = deal.clone();
    record.status = DealStatus::Won;
    record.probability = 100;
    record.closed = Some(now);
    record.lost_reason.clear();
    record.updated = now;
    let mut changes = vec![Change::PutDeal { record }];
    let won = data.settings().won_stage;
    let behind = |stage: LifecycleStage| funnel_rank(stage) < funnel_rank(won);
    let mut seen: Vec<&str> = Vec::new();
    for id in &deal.contact_ids {
        if seen.contains(&id.as_str()) {
            continue;
        }
        seen.push(id);
        if let Some(c) = data.contact(id).filter(|c| behind(c.lifecycle_stage)) {
            let mut record = c.clone();
            set_contact_stage(&mut record, won, now);
            record.updated = now;
            changes.push(Change::PutContact { record });
        }
    }
    if let Some(c) = deal.company_id.as_deref().and_then(|id| data.company(id)).filter(|c| behind(c.lifecycle_stage)) {
        let mut record = c.clone();
        set_company_stage(&mut record, won, now);
        record.updated = now;
        changes.push(Change::PutCompany { record });
    }
    changes
}

/// Marks a deal lost with the reason given (trimmed). Empty when the deal is
/// unknown.
pub fn lose_deal(data: &Dataset, deal_id: &str, reason: &str, now: DateTime<Utc>) -> Vec<Change> {
    let Some(deal) = data.deals().get(deal_id) else { return Vec::new() };
    let mut record = deal.clone();
    record.status = DealStatus::Lost;
    record.probability = 0;
    record.closed = Some(now);
    record.lost_reason = reason.trim().to_string();
    record.updated = now;
    vec![Change::PutDeal { record }]
}

/// Makes a won or lost deal open again in its stage, with the stage's
/// default probability (kept as it is if the stage no longer exists). Empty
/// when the deal is unknown.
pub fn reopen_deal(data: &Dataset, deal_id: &str, now: DateTime<Utc>) -> Vec<Change> {
    let Some(deal) = data.deals().get(deal_id) else { return Vec::new() };
    let mut record = deal.clone();
    reopen(&mut record);
    if let Some(stage) = data.settings().stage(&record.stage) {
        record.probability = stage.probability;
    }
    record.updated = now;
    vec![Change::PutDeal { record }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::Settings;
    use chrono::TimeZone;

    fn t(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).unwrap()
    }

    fn person(id: &str, given: &str, stage: LifecycleStage) -> Contact {
        let mut c = Contact::blank(id.into(), t(1, 9));
        c.given_name = given.into();
        c.lifecycle_stage = stage;
        c
    }

    fn change_of(from: Option<LifecycleStage>, to: LifecycleStage, at: DateTime<Utc>) -> StageChange {
        StageChange { from, to, at }
    }

    use LifecycleStage::*;

    #[test]
    fn setting_a_stage_writes_the_creation_entry_first_and_ignores_no_ops() {
        let mut c = person("a", "Ann", Reach);
        set_contact_stage(&mut c, Reach, t(2, 9));
        assert!(c.stage_history.is_empty());
        set_contact_stage(&mut c, Acquisition, t(3, 9));
        set_contact_stage(&mut c, Acquisition, t(4, 9));
        set_contact_stage(&mut c, Conversion, t(5, 9));
        assert_eq!(c.lifecycle_stage, Conversion);
        assert_eq!(
            c.stage_history,
            [
                change_of(None, Reach, t(1, 9)),
                change_of(Some(Reach), Acquisition, t(3, 9)),
                change_of(Some(Acquisition), Conversion, t(5, 9)),
            ]
        );
        assert_eq!(c.updated, t(1, 9));

        let mut co = Company::blank("co".into(), t(1, 8));
        co.stage_history = initial_history(Reach, t(1, 8));
        set_company_stage(&mut co, Lost, t(6, 0));
        assert_eq!(co.stage_history, [change_of(None, Reach, t(1, 8)), change_of(Some(Reach), Lost, t(6, 0))]);
    }

    #[test]
    fn form_edits_record_creation_and_changes() {
        // A new contact gets its creation entry, in the stage chosen.
        let mut new = person("n", "New", Acquisition);
        record_stage_edit(None, &mut new, t(1, 9));
        assert_eq!(new.stage_history, [change_of(None, Acquisition, t(1, 9))]);

        // An edit that changes the stage of a contact without history.
        let before = person("a", "Ann", Reach);
        let mut after = before.clone();
        after.lifecycle_stage = Retention;
        record_stage_edit(Some(&before), &mut after, t(7, 12));
        assert_eq!(after.lifecycle_stage, Retention);
        assert_eq!(after.stage_history, [change_of(None, Reach, t(1, 9)), change_of(Some(Reach), Retention, t(7, 12))]);

        // An edit that keeps the stage leaves the history alone.
        let mut again = after.clone();
        again.given_name = "Anne".into();
        record_stage_edit(Some(&after), &mut again, t(8, 0));
        assert_eq!(again.stage_history.len(), 2);

        let before = Company::blank("co".into(), t(1, 0));
        let mut after = before.clone();
        after.lifecycle_stage = Loyalty;
        record_company_stage_edit(Some(&before), &mut after, t(2, 0));
        assert_eq!(after.stage_history, [change_of(None, Reach, t(1, 0)), change_of(Some(Reach), Loyalty, t(2, 0))]);
    }

    #[test]
    fn time_in_stage_runs_to_the_next_entry_or_now() {
        let history = [
            change_of(None, Reach, t(1, 0)),
            change_of(Some(Reach), Acquisition, t(3, 12)),
            change_of(Some(Acquisition), Conversion, t(4, 0)),
        ];
        assert_eq!(
            time_in_stage(&history, t(10, 0)),
            [(Reach, Duration::hours(60)), (Acquisition, Duration::hours(12)), (Conversion, Duration::days(6))]
        );
        assert!(time_in_stage(&[], t(10, 0)).is_empty());
    }

    fn data_with(contacts: Vec<Contact>, companies: Vec<Company>, deals: Vec<Deal>) -> Dataset {
        Dataset::from_parts(Records {
            contacts,
            companies,
            deals,
            settings: Some(Settings::initial(t(1, 0))),
            ..Default::default()
        })
        .unwrap()
    }

    #[test]
    fn converting_a_qualified_lead_makes_a_deal_and_moves_the_contact() {
        let mut co = Company::blank("co".into(), t(1, 0));
        co.name = "Acme".into();
        let mut lead = person("a", "Ann", Reach);
        lead.family_name = "Lee".into();
        lead.company_id = Some("co".into());
        lead.owner = "sam".into();
        lead.lead_status = Some(LeadStatus::Qualified);
        let mut solo = person("b", "Bo", Conversion);
        solo.lead_status = Some(LeadStatus::Qualified);
        let mut cold = person("c", "Cy", Reach);
        cold.lead_status = Some(LeadStatus::New);
        let data = data_with(vec![lead, solo, cold], vec![co], vec![]);

        let changes = convert_lead(&data, "a", "d1".into(), t(9, 10)).unwrap();
        assert_eq!(changes.len(), 2);
        let Change::PutDeal { record: deal } = &changes[0] else { panic!("{changes:?}") };
        assert_eq!(deal.id, "d1");
        assert_eq!(deal.title, "Acme – Ann Lee");
        assert_eq!(deal.company_id.as_deref(), Some("co"));
        assert_eq!(deal.contact_ids, ["a"]);
        assert_eq!((deal.stage.as_str(), deal.probability), ("qualified", 10));
        assert_eq!(deal.currency, "EUR");
        assert_eq!(deal.owner, "sam");
        assert_eq!((deal.created, deal.status), (t(9, 10), DealStatus::Open));
        let Change::PutContact { record: c } = &changes[1] else { panic!("{changes:?}") };
        assert_eq!(c.lifecycle_stage, Acquisition);
        assert_eq!(c.lead_status, Some(LeadStatus::Qualified));
        assert_eq!(c.stage_history.last(), Some(&change_of(Some(Reach), Acquisition, t(9, 10))));
        assert_eq!(c.updated, t(9, 10));

        // Without a company the title is the name; beyond reach the contact stays.
        let changes = convert_lead(&data, "b", "d2".into(), t(9, 10)).unwrap();
        assert_eq!(changes.len(), 1);
        let Change::PutDeal { record: deal } = &changes[0] else { panic!() };
        assert_eq!(deal.title, "Bo");
        assert_eq!(deal.company_id, None);

        assert_eq!(convert_lead(&data, "c", "d3".into(), t(9, 10)), Err(ConvertError::NotQualified));
        assert!(convert_lead(&data, "zz", "d3".into(), t(9, 10)).is_err());
        assert_eq!(ConvertError::NotQualified.to_string(), "Only a qualified lead can be converted to a deal.");
    }

    /// Once converted, a lead is not offered or converted again: its deal is
    /// the one the page links to ("Converted — see deal").
    #[test]
    fn a_converted_lead_has_its_deal_and_is_not_converted_twice() {
        let mut lead = person("a", "Ann", Reach);
        lead.lead_status = Some(LeadStatus::Qualified);
        let mut data = data_with(vec![lead], vec![], vec![]);
        assert!(converted_deal(&data, "a").is_none());
        for change in convert_lead(&data, "a", "d1".into(), t(9, 10)).unwrap() {
            data.apply(&change);
        }
        assert_eq!(converted_deal(&data, "a").map(|d| d.id.as_str()), Some("d1"));
        assert_eq!(convert_lead(&data, "a", "d2".into(), t(9, 11)), Err(ConvertError::AlreadyConverted));
        // A second deal added later does not change which one converted it.
        let mut later = deal("d0", "demo", &["a"], None);
        later.created = t(10, 9);
        data.apply(&Change::PutDeal { record: later });
        assert_eq!(converted_deal(&data, "a").map(|d| d.id.as_str()), Some("d1"));
    }

    fn deal(id: &str, stage: &str, contacts: &[&str], company: Option<&str>) -> Deal {
        let s = Settings::initial(t(1, 0));
        let mut d = Deal::blank(id.into(), s.stage(stage).unwrap(), "EUR", t(1, 0));
        d.contact_ids = contacts.iter().map(|c| c.to_string()).collect();
        d.company_id = company.map(str::to_string);
        d
    }

    #[test]
    fn moving_a_deal_takes_the_stage_probability_and_reopens_it() {
        let mut lost = deal("l", "demo", &[], None);
        lost.status = DealStatus::Lost;
        lost.closed = Some(t(2, 0));
        lost.lost_reason = "Price".into();
        let data = data_with(vec![], vec![], vec![deal("d", "qualified", &[], None), lost]);
        let Some(Change::PutDeal { record }) = move_deal(&data, "d", "proposal", t(5, 0)) else { panic!() };
        assert_eq!((record.stage.as_str(), record.probability, record.updated), ("proposal", 60, t(5, 0)));
        assert_eq!(move_deal(&data, "d", "qualified", t(5, 0)), None);
        assert_eq!(move_deal(&data, "d", "nowhere", t(5, 0)), None);
        assert_eq!(move_deal(&data, "nope", "demo", t(5, 0)), None);
        let Some(Change::PutDeal { record }) = move_deal(&data, "l", "negotiation", t(5, 0)) else { panic!() };
        assert_eq!((record.status, record.closed, record.probability), (DealStatus::Open, None, 80));
        assert_eq!(record.lost_reason, "");
    }

    #[test]
    fn winning_moves_only_the_records_behind_the_won_stage() {
        let contacts = vec![
            person("reach", "R", Reach),
            person("lost", "L", Lost),
            person("conv", "C", Conversion),
            person("loyal", "Y", Loyalty),
        ];
        let mut co = Company::blank("co".into(), t(1, 0));
        co.lifecycle_stage = Acquisition;
        let mut loyal_co = Company::blank("co2".into(), t(1, 0));
        loyal_co.lifecycle_stage = Retention;
        let deals = vec![
            deal("d", "demo", &["reach", "lost", "conv", "loyal", "gone", "reach"], Some("co")),
            deal("e", "demo", &[], Some("co2")),
        ];
        let data = data_with(contacts, vec![co, loyal_co], deals);

        let changes = win_deal(&data, "d", t(8, 15));
        assert_eq!(changes.len(), 4, "{changes:#?}");
        let Change::PutDeal { record: d } = &changes[0] else { panic!() };
        assert_eq!((d.status, d.probability, d.closed, d.updated), (DealStatus::Won, 100, Some(t(8, 15)), t(8, 15)));
        let moved: Vec<(String, LifecycleStage)> = changes[1..]
            .iter()
            .map(|ch| match ch {
                Change::PutContact { record } => (record.id.clone(), record.lifecycle_stage),
                Change::PutCompany { record } => (record.id.clone(), record.lifecycle_stage),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            moved,
            [("reach".to_string(), Conversion), ("lost".to_string(), Conversion), ("co".to_string(), Conversion)]
        );
        let Change::PutContact { record: lost } = &changes[2] else { panic!() };
        assert_eq!(lost.stage_history, [change_of(None, Lost, t(1, 9)), change_of(Some(Lost), Conversion, t(8, 15))]);

        // A company already beyond the won stage is left alone.
        assert_eq!(win_deal(&data, "e", t(8, 15)).len(), 1);
        assert!(win_deal(&data, "missing", t(8, 15)).is_empty());
    }

    #[test]
    fn losing_and_reopening() {
        let data = data_with(vec![], vec![], vec![deal("d", "proposal", &[], None)]);
        let [Change::PutDeal { record }] = &lose_deal(&data, "d", "  Went with a competitor \n", t(3, 0))[..] else {
            panic!()
        };
        assert_eq!(record.status, DealStatus::Lost);
        assert_eq!((record.probability, record.closed), (0, Some(t(3, 0))));
        assert_eq!(record.lost_reason, "Went with a competitor");

        let mut data = data;
        data.apply(&Change::PutDeal { record: record.clone() });
        let [Change::PutDeal { record }] = &reopen_deal(&data, "d", t(4, 0))[..] else { panic!() };
        assert_eq!((record.status, record.closed, record.probability), (DealStatus::Open, None, 60));
        assert_eq!((record.lost_reason.as_str(), record.updated), ("", t(4, 0)));
        assert!(lose_deal(&data, "x", "", t(3, 0)).is_empty());
        assert!(reopen_deal(&data, "x", t(3, 0)).is_empty());
    }
}
