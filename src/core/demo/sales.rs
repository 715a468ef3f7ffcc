//! Sales records for the demo people: stage histories, owners, deals,
//! activities and tasks.

use chrono::{DateTime, NaiveDate, Utc};

use super::rng::DemoRng;
use super::tables::*;
use crate::core::records::*;

// Sales records: stage histories, owners, deals, activities, tasks

/// The team members who own records.
pub(super) const TEAM: &[&str] =
    &["Alex Morgan", "Priya Shah", "Jonas Weber", "Camille Laurent", "Lucía Romero", "Sam Okafor"];
pub(super) const LOST_REASONS: &[&str] = &["Price", "Chose a competitor", "No budget", "No decision", "Timing"];
pub(super) const LOST_REASON_WEIGHTS: [u32; 5] = [30, 25, 20, 15, 10];
pub(super) const PRODUCTS: &[&str] = &[
    "Annual licence",
    "Pilot project",
    "Support renewal",
    "Fleet contract",
    "Consulting retainer",
    "Data migration",
    "Training package",
    "Expansion",
    "Website redesign",
    "Hardware upgrade",
    "Framework agreement",
    "Onboarding",
];
pub(super) const CALL_SUBJECTS: &[&str] =
    &["Intro call", "Follow-up call", "Check-in", "Pricing questions", "Renewal call", "Discovery call"];
pub(super) const EMAIL_SUBJECTS: &[&str] =
    &["Proposal", "Re: Quote", "Meeting notes", "Introduction", "Contract draft", "Re: Next steps", "Invoice"];
pub(super) const MEETING_SUBJECTS: &[&str] =
    &["Demo", "Kick-off", "Quarterly review", "Site visit", "Workshop", "Lunch"];
pub(super) const NOTE_SUBJECTS: &[&str] = &[
    "Prefers email",
    "Budget approved",
    "Decision maker is the CFO",
    "Evaluating competitors",
    "Back from leave next month",
    "Asked for references",
];
pub(super) const TASK_VERBS: &[&str] =
    &["Call back", "Send proposal to", "Prepare demo for", "Follow up with", "Book a meeting with", "Send contract to"];
pub(super) const DATE_LABELS: &[&str] =
    &["Work anniversary", "Contract anniversary", "Wedding anniversary", "Name day"];
pub(super) const CADENCES: &[u32] = &[7, 14, 30, 90];
/// Deal amounts in euros at 21 evenly spaced points of a log scale from 500
/// to 250,000 (500 · 500^(i/20)); amounts interpolate between them, so no
/// floating point is needed and every platform gives the same numbers.
pub(super) const AMOUNT_SCALE: [u64; 21] = [
    500, 682, 931, 1270, 1733, 2364, 3226, 4402, 6006, 8194, 11180, 15255, 20814, 28399, 38748, 52869, 72135, 98423,
    134290, 183228, 250000,
];
pub(super) const DAY: i64 = 86_400;
pub(super) const TWO_YEARS: i64 = 730 * DAY;
/// Seeds the generator of the sales records apart from the people, so that
/// adding sales data left every contact's name, email and phone as before.
pub(super) const SALES_SEED: u64 = 0x5A1E_5DA7_A5EE_D000;

/// Stages a contact or company went through to reach `stage`, from reach.
pub(super) fn stage_path(rng: &mut DemoRng, stage: LifecycleStage) -> &'static [LifecycleStage] {
    use LifecycleStage::*;
    const FUNNEL: [LifecycleStage; 5] = [Reach, Acquisition, Conversion, Retention, Loyalty];
    const LOST: [&[LifecycleStage]; 4] = [
        &[Reach, Lost],
        &[Reach, Acquisition, Lost],
        &[Reach, Acquisition, Conversion, Lost],
        &[Reach, Acquisition, Conversion, Retention, Lost],
    ];
    const DISQUALIFIED: [&[LifecycleStage]; 2] = [&[Reach, Disqualified], &[Reach, Acquisition, Disqualified]];
    match stage {
        Lost => LOST[rng.weighted(&[20, 40, 25, 15])],
        Disqualified => DISQUALIFIED[rng.weighted(&[60, 40])],
        _ => &FUNNEL[..=FUNNEL.iter().position(|&s| s == stage).unwrap_or(0)],
    }
}

/// A stage history ending in `stage`: the first entry at `created`, the
/// others at increasing times up to `updated` (which moves later when the
/// record was never updated but went through several stages).
pub(super) fn stage_history(
    rng: &mut DemoRng,
    stage: LifecycleStage,
    created: DateTime<Utc>,
    updated: &mut DateTime<Utc>,
    now_s: i64,
) -> Vec<StageChange> {
    let path = stage_path(rng, stage);
    let created_s = created.timestamp();
    let mut end_s = updated.timestamp();
    if path.len() > 1 && end_s == created_s {
        end_s = created_s + rng.below((now_s - created_s) as u64 + 1) as i64;
        *updated = at(end_s);
    }
    let mut times: Vec<i64> =
        (1..path.len()).map(|_| created_s + rng.below((end_s - created_s) as u64 + 1) as i64).collect();
    times.sort_unstable();
    let mut out = Vec::with_capacity(path.len());
    out.push(StageChange { from: None, to: path[0], at: created });
    for (k, &t) in times.iter().enumerate() {
        out.push(StageChange { from: Some(path[k]), to: path[k + 1], at: at(t) });
    }
    out
}

pub(super) fn at(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// A time between `from` and `to` (inclusive), in whole seconds.
pub(super) fn between(rng: &mut DemoRng, from: i64, to: i64) -> i64 {
    from + rng.below((to - from).max(0) as u64 + 1) as i64
}

pub(super) fn team_member(rng: &mut DemoRng) -> String {
    rng.pick(TEAM).to_string()
}

/// A deal amount in euros, log-normal-ish between 500 and 250,000, rounded
/// to a plausible figure.
pub(super) fn amount_euros(rng: &mut DemoRng) -> u64 {
    // The sum of two uniform draws peaks in the middle of the log scale.
    let t = rng.below(1001) + rng.below(1001);
    let (i, frac) = ((t / 100) as usize, t % 100);
    let (lo, hi) = (AMOUNT_SCALE[i], AMOUNT_SCALE[(i + 1).min(20)]);
    let euros = lo + (hi - lo) * frac / 100;
    let step = if euros < 5_000 {
        50
    } else if euros < 50_000 {
        500
    } else {
        5_000
    };
    (euros + step / 2) / step * step
}

/// Adds stage histories, lead statuses, cadences, important dates and owners.
pub(super) fn enrich_people(rng: &mut DemoRng, companies: &mut [Company], contacts: &mut [Contact], now_s: i64) {
    for c in companies.iter_mut() {
        c.stage_history = stage_history(rng, c.lifecycle_stage, c.created, &mut c.updated, now_s);
        if rng.chance(10) {
            c.owner = team_member(rng);
        }
    }
    for c in contacts.iter_mut() {
        c.stage_history = stage_history(rng, c.lifecycle_stage, c.created, &mut c.updated, now_s);
        if c.lifecycle_stage == LifecycleStage::Acquisition {
            const STATUSES: [LeadStatus; 4] =
                [LeadStatus::New, LeadStatus::AttemptingContact, LeadStatus::Qualified, LeadStatus::Unqualified];
            c.lead_status = Some(STATUSES[rng.weighted(&[30, 35, 25, 10])]);
        }
        if rng.chance(5) {
            c.cadence_days = Some(rng.pick(CADENCES));
        }
        if rng.chance(3) {
            let year = 2000 + rng.below(25) as i32;
            let date = NaiveDate::from_yo_opt(year, 1 + rng.below(365) as u32);
            if let Some(date) = date {
                c.important_dates.push(ImportantDate { label: rng.pick(DATE_LABELS).to_string(), date: date.into() });
            }
        }
        if rng.chance(10) {
            c.owner = team_member(rng);
        }
    }
}

/// Deals, activities and tasks for the given people.
pub(super) struct Sales {
    pub(super) deals: Vec<Deal>,
    pub(super) activities: Vec<Activity>,
    pub(super) tasks: Vec<Task>,
}

pub(super) fn generate_sales(
    rng: &mut DemoRng,
    companies: &[Company],
    contacts: &[Contact],
    settings: &Settings,
    now: DateTime<Utc>,
) -> Sales {
    let now_s = now.timestamp();
    let today = now.date_naive();
    let company_pos: std::collections::HashMap<&str, usize> =
        companies.iter().enumerate().map(|(i, c)| (c.id.as_str(), i)).collect();
    let contact_company: Vec<Option<usize>> =
        contacts.iter().map(|c| c.company_id.as_deref().and_then(|id| company_pos.get(id).copied())).collect();
    // Activities start no earlier than two years ago, nor before their contact.
    let contact_start: Vec<i64> = contacts.iter().map(|c| c.created.timestamp().max(now_s - TWO_YEARS)).collect();
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
    for (i, k) in contact_company.iter().enumerate() {
        if let Some(k) = k {
            members[*k].push(i as u32);
        }
    }

    // Deals: one per five contacts, at the company of a random contact.
    let n = contacts.len();
    let mut deals = Vec::with_capacity(n / 5);
    let mut deal_company = Vec::with_capacity(n / 5);
    let mut company_deals: Vec<Vec<u32>> = vec![Vec::new(); companies.len()];
    for _ in 0..n / 5 {
        let Some((first, k)) = (0..8).find_map(|_| {
            let i = rng.index(n);
            contact_company[i].map(|k| (i, k))
        }) else {
            continue;
        };
        let company = &companies[k];
        let mut contact_ids = vec![contacts[first].id.clone()];
        let team = &members[k];
        for _ in 0..rng.weighted(&[55, 30, 15]) {
            let other = &contacts[team[rng.index(team.len())] as usize].id;
            if !contact_ids.contains(other) {
                contact_ids.push(other.clone());
            }
        }
        let status = [DealStatus::Open, DealStatus::Won, DealStatus::Lost][rng.weighted(&[60, 25, 15])];
        let stages = &settings.pipeline;
        let stage = match status {
            DealStatus::Won => &stages[stages.len() - 1],
            _ => &stages[rng.weighted(&[30, 25, 20, 15, 10]).min(stages.len() - 1)],
        };
        let created_s = between(rng, (now_s - TWO_YEARS).max(company.created.timestamp()), now_s);
        let (closed, updated_s) = match status {
            DealStatus::Open => (None, between(rng, created_s, now_s)),
            _ => {
                let closed = between(rng, created_s, now_s);
                (Some(at(closed)), closed)
            }
        };
        let expected_close = match closed {
            Some(c) => c.date_naive(),
            None => today + chrono::Duration::days(rng.below(105) as i64 - 14),
        };
        deals.push(Deal {
            id: rng.uuid(),
            title: format!("{} – {}", rng.pick(PRODUCTS), company.name),
            company_id: Some(company.id.clone()),
            contact_ids,
            amount_cents: (amount_euros(rng) * 100) as i64,
            currency: settings.currency.clone(),
            stage: stage.id.clone(),
            probability: match status {
                DealStatus::Open => stage.probability,
                DealStatus::Won => 100,
                DealStatus::Lost => 0,
            },
            expected_close: Some(expected_close),
            owner: if rng.chance(85) { team_member(rng) } else { String::new() },
            status,
            lost_reason: match status {
                DealStatus::Lost => LOST_REASONS[rng.weighted(&LOST_REASON_WEIGHTS)].to_string(),
                _ => String::new(),
            },
            tags: if rng.chance(10) { vec!["priority".to_string()] } else { Vec::new() },
            notes: String::new(),
            created: at(created_s),
            updated: at(updated_s),
            closed,
        });
        company_deals[k].push((deals.len() - 1) as u32);
        deal_company.push(k);
    }

    // Activities: five per contact, over the last two years; a few meetings ahead.
    let mut activities = Vec::with_capacity(n * 5);
    for _ in 0..n * 5 {
        let i = rng.index(n);
        let contact = &contacts[i];
        const KINDS: [ActivityKind; 4] =
            [ActivityKind::Call, ActivityKind::Email, ActivityKind::Meeting, ActivityKind::Note];
        let kind = KINDS[rng.weighted(&[35, 35, 15, 15])];
        let start = contact_start[i];
        let planned = kind == ActivityKind::Meeting && rng.chance(4);
        let (at_s, created_s) = if planned {
            let at_s = now_s + 3600 + rng.below(14 * DAY as u64) as i64;
            (at_s, between(rng, start.max(now_s - 14 * DAY), now_s))
        } else {
            let at_s = between(rng, start, now_s);
            (at_s, at_s)
        };
        let (subjects, duration_min) = match kind {
            ActivityKind::Call => (CALL_SUBJECTS, Some(2 + rng.below(44) as u32)),
            ActivityKind::Email => (EMAIL_SUBJECTS, None),
            ActivityKind::Meeting => (MEETING_SUBJECTS, Some(15 * (1 + rng.below(8) as u32))),
            ActivityKind::Note => (NOTE_SUBJECTS, None),
        };
        let outcomes = kind.outcomes();
        let outcome = if planned || outcomes.is_empty() {
            String::new()
        } else {
            outcomes[rng.index(outcomes.len())].to_string()
        };
        let company = contact_company[i];
        let deal_id = company
            .map(|k| &company_deals[k])
            .filter(|d| !d.is_empty() && rng.chance(30))
            .map(|d| deals[d[rng.index(d.len())] as usize].id.clone());
        activities.push(Activity {
            id: rng.uuid(),
            kind,
            at: at(at_s),
            duration_min,
            outcome,
            subject: rng.pick(subjects).to_string(),
            body: if kind == ActivityKind::Note && rng.chance(50) {
                rng.pick(CONTACT_NOTES).to_string()
            } else {
                String::new()
            },
            contact_ids: vec![contact.id.clone()],
            company_id: company.map(|k| companies[k].id.clone()),
            deal_id,
            owner: if contact.owner.is_empty() { team_member(rng) } else { contact.owner.clone() },
            created: at(created_s),
            updated: at(created_s),
        });
    }

    // Tasks: one per twenty contacts, due within a month either way.
    let mut tasks = Vec::with_capacity(n / 20);
    for _ in 0..n / 20 {
        let due_in = if rng.chance(10) { 0 } else { rng.below(61) as i64 - 30 };
        let created_s = (now_s - rng.below(45 * DAY as u64) as i64).min(now_s);
        let done_at = if rng.chance(30) { Some(between(rng, created_s, now_s)) } else { None };
        let (title, contact_id, company_id, deal_id);
        if deals.is_empty() || rng.chance(60) {
            let c = &contacts[rng.index(n)];
            title = format!("{} {} {}", rng.pick(TASK_VERBS), c.given_name, c.family_name);
            contact_id = Some(c.id.clone());
            company_id = c.company_id.clone();
            deal_id = None;
        } else {
            let d = rng.index(deals.len());
            title = format!("{} {}", rng.pick(TASK_VERBS), companies[deal_company[d]].name);
            contact_id = None;
            company_id = deals[d].company_id.clone();
            deal_id = Some(deals[d].id.clone());
        }
        const PRIORITIES: [Priority; 3] = [Priority::Low, Priority::Normal, Priority::High];
        tasks.push(Task {
            id: rng.uuid(),
            title,
            due: Some(today + chrono::Duration::days(due_in)),
            priority: PRIORITIES[rng.weighted(&[25, 55, 20])],
            done_at: done_at.map(at),
            contact_id,
            company_id,
            deal_id,
            owner: team_member(rng),
            notes: String::new(),
            created: at(created_s),
            updated: at(done_at.unwrap_or(created_s)),
        });
    }
    Sales { deals, activities, tasks }
}
