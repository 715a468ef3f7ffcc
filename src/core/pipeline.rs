//! The pipeline board and its configuration: open deals grouped into the
//! settings' stage columns with money totals per currency, and the commands
//! that add, rename, reorder and remove stages.
//!
//! Stage commands are pure: they return a new [`Settings`] (or, when deals
//! must move too, the [`Change`]s of the action) or why not
//! ([`StageError`], which the UI says in the person's language), and never
//! write anything themselves.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};

use super::changes::Change;
use super::dataset::Dataset;
use super::records::{DealStatus, PipelineStage, Settings};
use super::text::{excerpt, fold};

/// One board column: its stage, the positions of its deals in
/// `data.deals().all()`, and what they add up to.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub stage: PipelineStage,
    pub deals: Vec<u32>,
    pub totals: Vec<CurrencyTotal>,
}

/// The sum of a column's deals in one currency, and that sum weighted by each
/// deal's probability.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct CurrencyTotal {
    pub currency: String,
    pub total_cents: i64,
    pub weighted_cents: i64,
}

/// `amount × probability / 100`, to the nearest cent by the one rounding
/// rule ([`crate::core::money::div_round`]: halves away from zero).
pub fn weighted_cents(amount_cents: i64, probability: u8) -> i64 {
    crate::core::money::percent_of(amount_cents, probability)
}

/// The board: one column per pipeline stage, in order, holding the open
/// deals among `positions`. A deal whose stage no longer exists shows in the
/// first column. Within a column deals closing soonest come first (those
/// without a date last), then by title. A deal without a currency counts in
/// the settings' currency; totals list that currency first, then the others
/// by code.
pub fn board(data: &Dataset, positions: &[u32]) -> Vec<Column> {
    let settings = data.settings();
    let deals = data.deals().all();
    let mut columns: Vec<Column> = settings
        .pipeline
        .iter()
        .map(|stage| Column { stage: stage.clone(), deals: Vec::new(), totals: Vec::new() })
        .collect();
    if columns.is_empty() {
        return columns;
    }
    for &i in positions {
        let Some(d) = deals.get(i as usize) else { continue };
        if d.status != DealStatus::Open {
            continue;
        }
        let column = settings.pipeline.iter().position(|s| s.id == d.stage).unwrap_or(0);
        columns[column].deals.push(i);
    }
    for column in &mut columns {
        let mut keyed: Vec<(Option<chrono::NaiveDate>, String, u32)> = column
            .deals
            .iter()
            .map(|&i| (deals[i as usize].expected_close, fold(&deals[i as usize].title), i))
            .collect();
        keyed.sort_unstable_by(|a, b| {
            let date = match (a.0, b.0) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            date.then_with(|| a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
        });
        column.deals = keyed.into_iter().map(|(_, _, i)| i).collect();

        let mut totals: Vec<CurrencyTotal> = Vec::new();
        for &i in &column.deals {
            let d = &deals[i as usize];
            let currency = if d.currency.is_empty() { settings.currency.as_str() } else { d.currency.as_str() };
            let total = match totals.iter_mut().find(|t| t.currency == currency) {
                Some(t) => t,
                None => {
                    totals.push(CurrencyTotal { currency: currency.to_string(), total_cents: 0, weighted_cents: 0 });
                    totals.last_mut().expect("just pushed")
                }
            };
            total.total_cents = total.total_cents.saturating_add(d.amount_cents);
            total.weighted_cents = total.weighted_cents.saturating_add(weighted_cents(d.amount_cents, d.probability));
        }
        totals.sort_by(|a, b| {
            (a.currency != settings.currency).cmp(&(b.currency != settings.currency)).then(a.currency.cmp(&b.currency))
        });
        column.totals = totals;
    }
    columns
}

/// A stage id from its name: lower-case ASCII letters and digits, other runs
/// of characters as one `_` (like the initial ids, "contact_made"), made
/// unique among `taken` with "-2", "-3"…
fn stage_id(name: &str, taken: &[PipelineStage]) -> String {
    let mut slug = String::new();
    for c in fold(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('_') {
            slug.push('_');
        }
    }
    while slug.ends_with('_') {
        slug.pop();
    }
    if slug.is_empty() {
        slug.push_str("stage");
    }
    let free = |id: &str| taken.iter().all(|s| s.id != id);
    if free(&slug) {
        return slug;
    }
    (2..).map(|n| format!("{slug}-{n}")).find(|id| free(id)).expect("some suffix is free")
}

/// Why a stage command cannot be done. `Display` is the English message;
/// the UI says it in the person's language (`state::text::stage_error`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StageError {
    /// The name is empty.
    NoName,
    /// Another stage has this name (case-insensitively).
    NameTaken(String),
    /// The probability is above 100.
    Probability,
    /// The stage was removed meanwhile.
    Gone,
    /// The pipeline's only stage cannot be removed.
    LastStage,
}

impl std::fmt::Display for StageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StageError::NoName => write!(f, "Enter a name for the stage."),
            StageError::NameTaken(name) => write!(f, "There is already a stage called “{}”.", excerpt(name)),
            StageError::Probability => write!(f, "The probability must be between 0 and 100 %."),
            StageError::Gone => write!(f, "This stage no longer exists."),
            StageError::LastStage => write!(f, "The pipeline needs at least one stage."),
        }
    }
}

/// A trimmed, non-empty name no other stage has (case-insensitively).
fn check_name(s: &Settings, name: &str, except: Option<&str>) -> Result<String, StageError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StageError::NoName);
    }
    let lower = name.to_lowercase();
    if s.pipeline.iter().any(|st| Some(st.id.as_str()) != except && st.name.trim().to_lowercase() == lower) {
        return Err(StageError::NameTaken(name.to_string()));
    }
    Ok(name.to_string())
}

fn check_probability(probability: u8) -> Result<u8, StageError> {
    if probability > 100 {
        return Err(StageError::Probability);
    }
    Ok(probability)
}

fn index_of(s: &Settings, id: &str) -> Result<usize, StageError> {
    s.pipeline.iter().position(|st| st.id == id).ok_or(StageError::Gone)
}

/// Adds a stage at the end of the pipeline.
pub fn add_stage(s: &Settings, name: &str, probability: u8, now: DateTime<Utc>) -> Result<Settings, StageError> {
    let name = check_name(s, name, None)?;
    let probability = check_probability(probability)?;
    let mut out = s.clone();
    out.pipeline.push(PipelineStage { id: stage_id(&name, &s.pipeline), name, probability });
    out.updated = now;
    Ok(out)
}

/// Renames a stage; its id, and so its deals, stay.
pub fn rename_stage(s: &Settings, id: &str, name: &str, now: DateTime<Utc>) -> Result<Settings, StageError> {
    let i = index_of(s, id)?;
    let name = check_name(s, name, Some(id))?;
    let mut out = s.clone();
    out.pipeline[i].name = name;
    out.updated = now;
    Ok(out)
}

/// Changes the probability deals get when they enter the stage (deals
/// already in it keep theirs).
pub fn set_stage_probability(
    s: &Settings,
    id: &str,
    probability: u8,
    now: DateTime<Utc>,
) -> Result<Settings, StageError> {
    let i = index_of(s, id)?;
    let probability = check_probability(probability)?;
    let mut out = s.clone();
    out.pipeline[i].probability = probability;
    out.updated = now;
    Ok(out)
}

/// Moves a stage `delta` places right (positive) or left (negative), stopping
/// at the ends.
pub fn move_stage(s: &Settings, id: &str, delta: i32, now: DateTime<Utc>) -> Result<Settings, StageError> {
    let i = index_of(s, id)?;
    let last = s.pipeline.len() as i64 - 1;
    let to = (i as i64 + delta as i64).clamp(0, last) as usize;
    let mut out = s.clone();
    let stage = out.pipeline.remove(i);
    out.pipeline.insert(to, stage);
    out.updated = now;
    Ok(out)
}

/// Removes a stage. Its open deals move to the stage before it (or after it,
/// when it is the first) and take that stage's probability. Won and lost
/// deals in it are relinked to the same stage but keep their probability, so
/// no deal points at a stage that does not exist. The pipeline keeps at
/// least one stage. Returns the settings first, then the deals.
pub fn remove_stage(data: &Dataset, id: &str, now: DateTime<Utc>) -> Result<Vec<Change>, StageError> {
    let s = data.settings();
    let i = index_of(s, id)?;
    if s.pipeline.len() == 1 {
        return Err(StageError::LastStage);
    }
    let target = if i == 0 { &s.pipeline[1] } else { &s.pipeline[i - 1] };
    let mut settings = s.clone();
    settings.pipeline.remove(i);
    settings.updated = now;
    let mut changes = vec![Change::PutSettings { record: settings }];
    for d in data.deals().all().iter().filter(|d| d.stage == id) {
        let mut record = d.clone();
        record.stage = target.id.clone();
        if record.status == DealStatus::Open {
            record.probability = target.probability;
        }
        record.updated = now;
        changes.push(Change::PutDeal { record });
    }
    Ok(changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dataset::Records;
    use crate::core::records::Deal;
    use chrono::{NaiveDate, TimeZone};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap()
    }

    fn later() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 2, 10, 30, 0).unwrap()
    }

    #[test]
    fn weighted_values_round_half_away_from_zero() {
        assert_eq!(weighted_cents(1000, 25), 250);
        assert_eq!(weighted_cents(333, 50), 167); // 166.5
        assert_eq!(weighted_cents(-333, 50), -167);
        assert_eq!(weighted_cents(101, 10), 10); // 10.1
        assert_eq!(weighted_cents(105, 10), 11); // 10.5
        assert_eq!(weighted_cents(999, 0), 0);
        assert_eq!(weighted_cents(i64::MAX, 100), i64::MAX);
    }

    fn deal(id: &str, title: &str, stage: &str, cents: i64, currency: &str, close: Option<(i32, u32, u32)>) -> Deal {
        let s = Settings::initial(t0());
        let mut d = Deal::blank(id.into(), &s.pipeline[0], currency, t0());
        d.title = title.into();
        d.stage = stage.into();
        d.probability = s.stage(stage).map_or(50, |st| st.probability);
        d.amount_cents = cents;
        d.expected_close = close.map(|(y, m, dd)| NaiveDate::from_ymd_opt(y, m, dd).unwrap());
        d
    }

    fn data(deals: Vec<Deal>) -> Dataset {
        Dataset::from_parts(Records { deals, settings: Some(Settings::initial(t0())), ..Default::default() }).unwrap()
    }

    fn ids(data: &Dataset, positions: &[u32]) -> Vec<String> {
        positions.iter().map(|&i| data.deals().all()[i as usize].id.clone()).collect()
    }

    #[test]
    fn board_groups_open_deals_by_stage_with_totals_per_currency() {
        let mut won = deal("won", "Won one", "demo", 50_000, "EUR", None);
        won.status = DealStatus::Won;
        let d = data(vec![
            deal("a", "Zebra", "demo", 100_000, "EUR", Some((2026, 5, 1))),
            deal("b", "apple", "demo", 25_055, "USD", None),
            deal("c", "Mango", "demo", 333, "EUR", Some((2026, 4, 20))),
            deal("d", "Banana", "demo", 100, "", None),
            deal("e", "Orphan", "retired_stage", 700, "EUR", None),
            deal("f", "Aardvark", "demo", 900, "CHF", None),
            won,
        ]);
        let all: Vec<u32> = (0..d.deals().len() as u32).collect();
        let cols = board(&d, &all);
        assert_eq!(cols.len(), 5);
        assert_eq!(cols.iter().map(|c| c.stage.id.as_str()).collect::<Vec<_>>()[..2], ["qualified", "contact_made"]);
        assert_eq!(ids(&d, &cols[0].deals), ["e"]);
        assert!(cols[1].deals.is_empty() && cols[1].totals.is_empty());
        let demo = &cols[2];
        assert_eq!(ids(&d, &demo.deals), ["c", "a", "f", "b", "d"]);
        // Demo is 40 %: EUR = 1000.00 + 3.33 + 1.00 (no currency: the settings').
        assert_eq!(
            demo.totals,
            [
                CurrencyTotal { currency: "EUR".into(), total_cents: 100_433, weighted_cents: 40_000 + 133 + 40 },
                CurrencyTotal { currency: "CHF".into(), total_cents: 900, weighted_cents: 360 },
                CurrencyTotal { currency: "USD".into(), total_cents: 25_055, weighted_cents: 10_022 },
            ]
        );
        // Only the positions given are shown.
        let some = board(&d, &[0, 6]);
        assert_eq!(some.iter().map(|c| c.deals.len()).collect::<Vec<_>>(), [0, 0, 1, 0, 0]);
    }

    #[test]
    fn adding_stages_derives_unique_ids_and_checks_names() {
        let s = Settings::initial(t0());
        let s2 = add_stage(&s, "  Contract Sent! ", 90, later()).unwrap();
        assert_eq!(
            s2.pipeline.last().unwrap(),
            &PipelineStage { id: "contract_sent".into(), name: "Contract Sent!".into(), probability: 90 }
        );
        assert_eq!(s2.updated, later());
        // "Démo" slugs to "demo", which is taken.
        let s3 = add_stage(&s2, "Démo", 45, later()).unwrap();
        assert_eq!(s3.pipeline.last().unwrap().id, "demo-2");
        let s4 = add_stage(&s3, "demo!!", 45, later()).unwrap();
        assert_eq!(s4.pipeline.last().unwrap().id, "demo-3");
        assert_eq!(add_stage(&s4, "日本", 5, later()).unwrap().pipeline.last().unwrap().id, "stage");
        assert_eq!(
            add_stage(&s, "negotiation", 10, later()).map_err(|e| e.to_string()),
            Err("There is already a stage called “negotiation”.".into())
        );
        assert!(add_stage(&s, "   ", 10, later()).is_err());
        assert!(add_stage(&s, "Later", 101, later()).is_err());
        assert_eq!(s.pipeline.len(), 5);
    }

    #[test]
    fn renaming_and_probability() {
        let s = Settings::initial(t0());
        let r = rename_stage(&s, "demo", " Demo done ", later()).unwrap();
        assert_eq!((r.pipeline[2].id.as_str(), r.pipeline[2].name.as_str()), ("demo", "Demo done"));
        // Changing only the case of its own name is fine; taking another's is not.
        assert!(rename_stage(&s, "demo", "DEMO SCHEDULED", later()).is_ok());
        assert!(rename_stage(&s, "demo", "Negotiation", later()).is_err());
        assert!(rename_stage(&s, "nope", "X", later()).is_err());
        let p = set_stage_probability(&s, "demo", 55, later()).unwrap();
        assert_eq!((p.pipeline[2].probability, p.updated), (55, later()));
        assert!(set_stage_probability(&s, "demo", 120, later()).is_err());
    }

    fn order(s: &Settings) -> Vec<&str> {
        s.pipeline.iter().map(|st| st.id.as_str()).collect()
    }

    #[test]
    fn moving_stages_clamps_at_the_ends() {
        let s = Settings::initial(t0());
        let m = move_stage(&s, "demo", -1, later()).unwrap();
        assert_eq!(order(&m), ["qualified", "demo", "contact_made", "proposal", "negotiation"]);
        let m = move_stage(&s, "contact_made", 10, later()).unwrap();
        assert_eq!(order(&m), ["qualified", "demo", "proposal", "negotiation", "contact_made"]);
        let m = move_stage(&s, "qualified", -1, later()).unwrap();
        assert_eq!(order(&m), order(&s));
        assert_eq!(m.updated, later());
        assert!(move_stage(&s, "nope", 1, later()).is_err());
    }

    #[test]
    fn removing_a_stage_moves_its_deals_to_a_neighbour() {
        let mut won = deal("w", "Won", "demo", 100, "EUR", None);
        won.status = DealStatus::Won;
        won.probability = 100;
        let d = data(vec![
            deal("a", "A", "demo", 100, "EUR", None),
            deal("q", "Q", "qualified", 100, "EUR", None),
            deal("p", "P", "proposal", 100, "EUR", None),
            won,
        ]);
        let changes = remove_stage(&d, "demo", later()).unwrap();
        let Change::PutSettings { record } = &changes[0] else { panic!() };
        assert_eq!(order(record), ["qualified", "contact_made", "proposal", "negotiation"]);
        assert_eq!(record.updated, later());
        let moved: Vec<(&str, &str, u8, DealStatus)> = changes[1..]
            .iter()
            .map(|c| match c {
                Change::PutDeal { record } => {
                    (record.id.as_str(), record.stage.as_str(), record.probability, record.status)
                }
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(moved, [("a", "contact_made", 20, DealStatus::Open), ("w", "contact_made", 100, DealStatus::Won)]);

        // The first stage's deals go to the next one.
        let changes = remove_stage(&d, "qualified", later()).unwrap();
        let Change::PutDeal { record } = &changes[1] else { panic!() };
        assert_eq!((record.id.as_str(), record.stage.as_str(), record.probability), ("q", "contact_made", 20));
        assert_eq!(changes.len(), 2);

        let mut one = Settings::initial(t0());
        one.pipeline.truncate(1);
        let lone = Dataset::from_parts(Records { settings: Some(one), ..Default::default() }).unwrap();
        assert_eq!(remove_stage(&lone, "qualified", later()), Err(StageError::LastStage));
        assert!(remove_stage(&d, "nope", later()).is_err());
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use chrono::TimeZone;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn weighted_is_within_half_a_cent(amount in -10_000_000_000i64..10_000_000_000, p in 0u8..=100) {
            let exact = amount as f64 * p as f64 / 100.0;
            let w = weighted_cents(amount, p);
            prop_assert!((w as f64 - exact).abs() <= 0.5 + 1e-6);
            prop_assert_eq!(weighted_cents(-amount, p), -w);
        }

        #[test]
        fn moving_a_stage_keeps_every_stage(from in 0usize..5, delta in -8i32..8) {
            let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
            let s = Settings::initial(t);
            let id = s.pipeline[from].id.clone();
            let m = move_stage(&s, &id, delta, t).unwrap();
            let mut a: Vec<_> = m.pipeline.iter().map(|x| x.id.clone()).collect();
            let to = m.pipeline.iter().position(|x| x.id == id).unwrap() as i32;
            prop_assert_eq!(to, (from as i32 + delta).clamp(0, 4));
            a.sort();
            let mut b: Vec<_> = s.pipeline.iter().map(|x| x.id.clone()).collect();
            b.sort();
            prop_assert_eq!(a, b);
        }
    }
}
