//! Customer value: revenue from won deals per company and per group, and an
//! RFM (recency, frequency, monetary) segmentation of customer companies.
//!
//! Revenue is the amount of won deals closed (local day) in the period, in
//! the settings currency; deals in other currencies are left out and
//! counted. The filter applies to deals.
//!
//! Which group a won deal counts in:
//! - tag: each of the deal's tags and its company's tags (so a deal with two
//!   tags counts in both, and the groups can add up to more than the total);
//! - source: the first linked contact with a source;
//! - industry: the company's;
//! - country and lifecycle stage: the company's, else the first linked
//!   contact's.
//!
//! A deal with no value for the group counts in "(none)".

use std::collections::HashMap;

use chrono::NaiveDate;

use super::{company_country, contact_country, in_currency, Cell, Filter, Period, ReportTable};
use crate::core::dataset::Dataset;
use crate::core::records::{Deal, DealStatus};
use crate::core::zone::Zone;

/// The label of deals without a value for a group.
pub const NONE_LABEL: &str = "(none)";

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GroupBy {
    Tag,
    Source,
    Industry,
    Country,
    LifecycleStage,
}

impl GroupBy {
    pub const ALL: [GroupBy; 5] =
        [GroupBy::Tag, GroupBy::Source, GroupBy::Industry, GroupBy::Country, GroupBy::LifecycleStage];

    pub fn label(self) -> &'static str {
        match self {
            GroupBy::Tag => "Tag",
            GroupBy::Source => "Source",
            GroupBy::Industry => "Industry",
            GroupBy::Country => "Country",
            GroupBy::LifecycleStage => "Lifecycle stage",
        }
    }

    /// The group's name in the catalogue (`reports.group.*`): English in
    /// files, the person's language on screen.
    pub fn term(self) -> &'static str {
        match self {
            GroupBy::Tag => "reports.group.tag",
            GroupBy::Source => "reports.group.source",
            GroupBy::Industry => "reports.group.industry",
            GroupBy::Country => "reports.group.country",
            GroupBy::LifecycleStage => "reports.group.lifecycle_stage",
        }
    }
}

/// The label of won deals without a company.
pub const NO_COMPANY_LABEL: &str = "(no company)";

#[derive(Clone, Debug, PartialEq)]
pub struct RevenueRow {
    /// The company id or the group value ("" for none).
    pub key: String,
    pub label: String,
    pub deals: usize,
    pub revenue_cents: i64,
}

/// Rows by revenue, largest first, then by label.
#[derive(Clone, Debug, PartialEq)]
pub struct RevenueReport {
    pub currency: String,
    /// What the rows are, as a catalogue term: `reports.group.company` or
    /// a [`GroupBy::term`].
    pub grouped_by: &'static str,
    pub rows: Vec<RevenueRow>,
    /// Revenue of all counted deals (each once).
    pub total_cents: i64,
    pub other_currency_deals: usize,
}

/// Won deals closed in the period in the settings currency, and how many
/// others were left out for their currency.
fn won_deals<'a>(
    data: &'a Dataset,
    period: &Period,
    zone: &Zone,
    filter: &Filter,
) -> (Vec<(&'a Deal, NaiveDate)>, usize) {
    let currency = &data.settings().currency;
    let mut other = 0;
    let mut out = Vec::new();
    for d in data.deals().all() {
        let Some(closed) = d.closed else { continue };
        if d.status != DealStatus::Won {
            continue;
        }
        let day = zone.local_date(closed);
        if !period.contains(day) || !filter.deal(data, d) {
            continue;
        }
        if in_currency(d, currency) {
            out.push((d, day));
        } else {
            other += 1;
        }
    }
    (out, other)
}

fn revenue_report(
    data: &Dataset,
    grouped_by: &'static str,
    deals: &[(&Deal, NaiveDate)],
    other: usize,
    keys: impl Fn(&Deal) -> Vec<(String, String)>,
) -> RevenueReport {
    let mut rows: HashMap<String, RevenueRow> = HashMap::new();
    let mut total_cents = 0i64;
    for (d, _) in deals {
        total_cents += d.amount_cents;
        for (key, label) in keys(d) {
            let row = rows.entry(key.clone()).or_insert_with(|| RevenueRow { key, label, deals: 0, revenue_cents: 0 });
            row.deals += 1;
            row.revenue_cents += d.amount_cents;
        }
    }
    let mut rows: Vec<RevenueRow> = rows.into_values().collect();
    rows.sort_by(|a, b| b.revenue_cents.cmp(&a.revenue_cents).then_with(|| a.label.cmp(&b.label)));
    RevenueReport {
        currency: data.settings().currency.clone(),
        grouped_by,
        rows,
        total_cents,
        other_currency_deals: other,
    }
}

/// Revenue per company; deals without one make a "(no company)" row.
pub fn revenue_by_company(data: &Dataset, period: &Period, zone: &Zone, filter: &Filter) -> RevenueReport {
    let (deals, other) = won_deals(data, period, zone, filter);
    revenue_report(data, "reports.group.company", &deals, other, |d| {
        let id = d.company_id.clone().unwrap_or_default();
        let label = match data.company(&id) {
            Some(c) => c.name.clone(),
            None if id.is_empty() => NO_COMPANY_LABEL.to_string(),
            None => id.clone(),
        };
        vec![(id, label)]
    })
}

/// Revenue per group value (see the module notes for the attribution).
pub fn revenue_by_group(
    data: &Dataset,
    period: &Period,
    zone: &Zone,
    group: GroupBy,
    filter: &Filter,
) -> RevenueReport {
    let (deals, other) = won_deals(data, period, zone, filter);
    revenue_report(data, group.term(), &deals, other, |d| {
        let company = d.company_id.as_deref().and_then(|id| data.company(id));
        let mut contacts = d.contact_ids.iter().filter_map(|id| data.contact(id));
        let values: Vec<String> = match group {
            GroupBy::Tag => {
                let mut tags: Vec<String> = d.tags.clone();
                for t in company.map_or(&[][..], |c| &c.tags[..]) {
                    if !tags.contains(t) {
                        tags.push(t.clone());
                    }
                }
                tags
            }
            GroupBy::Source => contacts.find(|c| !c.source.is_empty()).map(|c| c.source.clone()).into_iter().collect(),
            GroupBy::Industry => company.map(|c| c.industry.clone()).into_iter().collect(),
            GroupBy::Country => {
                let country = company.map(company_country).filter(|c| !c.is_empty());
                country.or_else(|| contacts.next().map(contact_country)).map(str::to_string).into_iter().collect()
            }
            GroupBy::LifecycleStage => company
                .map(|c| c.lifecycle_stage)
                .or_else(|| contacts.next().map(|c| c.lifecycle_stage))
                .map(|s| s.label().to_string())
                .into_iter()
                .collect(),
        };
        let values: Vec<(String, String)> =
            values.into_iter().filter(|v| !v.is_empty()).map(|v| (v.clone(), v)).collect();
        if values.is_empty() {
            vec![(String::new(), NONE_LABEL.to_string())]
        } else {
            values
        }
    })
}

/// A revenue row's label as a cell: the placeholders for no group and no
/// company, and lifecycle stages, are words of the app; the rest is data.
pub fn row_label(label: &str) -> Cell {
    match label {
        NONE_LABEL => Cell::Term("reports.row.none"),
        NO_COMPANY_LABEL => Cell::Term("reports.row.no_company"),
        _ => match crate::core::records::LifecycleStage::ALL.iter().find(|s| s.label() == label) {
            Some(s) => Cell::Kind("lifecycle", s.key()),
            None => label.into(),
        },
    }
}

impl RevenueReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term(self.grouped_by),
            Cell::Term("reports.col.won_deals"),
            Cell::Term("reports.col.revenue"),
        ])
        .in_currency(&self.currency);
        for r in &self.rows {
            t.push(vec![row_label(&r.label), Cell::count(r.deals), Cell::Money(r.revenue_cents)]);
        }
        t
    }
}

/// Named RFM segments, from the usual recency × frequency map:
///
/// | R \ F | 1           | 2          | 3          | 4          | 5            |
/// |-------|-------------|------------|------------|------------|--------------|
/// | 5     | New         | Potential loyalist | Potential loyalist | Champions | Champions |
/// | 4     | Promising   | Potential loyalist | Potential loyalist | Loyal | Loyal |
/// | 3     | About to sleep | About to sleep | Need attention | Loyal | Loyal |
/// | 2     | Hibernating | Hibernating | At risk   | At risk    | Can't lose them |
/// | 1     | Lost        | Hibernating | At risk   | At risk    | Can't lose them |
///
/// The monetary score is shown but does not pick the segment (as in the
/// common map); "Lost" is the bottom corner of "Hibernating".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    Champions,
    Loyal,
    PotentialLoyalist,
    New,
    Promising,
    NeedAttention,
    AboutToSleep,
    AtRisk,
    CantLose,
    Hibernating,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 11] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::PotentialLoyalist,
        Segment::New,
        Segment::Promising,
        Segment::NeedAttention,
        Segment::AboutToSleep,
        Segment::AtRisk,
        Segment::CantLose,
        Segment::Hibernating,
        Segment::Lost,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Segment::Champions => "Champions",
            Segment::Loyal => "Loyal",
            Segment::PotentialLoyalist => "Potential loyalist",
            Segment::New => "New",
            Segment::Promising => "Promising",
            Segment::NeedAttention => "Need attention",
            Segment::AboutToSleep => "About to sleep",
            Segment::AtRisk => "At risk",
            Segment::CantLose => "Can't lose them",
            Segment::Hibernating => "Hibernating",
            Segment::Lost => "Lost",
        }
    }

    /// The segment's name in the catalogue (`reports.segment.*`).
    pub fn term(self) -> &'static str {
        match self {
            Segment::Champions => "reports.segment.champions",
            Segment::Loyal => "reports.segment.loyal",
            Segment::PotentialLoyalist => "reports.segment.potential_loyalist",
            Segment::New => "reports.segment.new",
            Segment::Promising => "reports.segment.promising",
            Segment::NeedAttention => "reports.segment.need_attention",
            Segment::AboutToSleep => "reports.segment.about_to_sleep",
            Segment::AtRisk => "reports.segment.at_risk",
            Segment::CantLose => "reports.segment.cant_lose",
            Segment::Hibernating => "reports.segment.hibernating",
            Segment::Lost => "reports.segment.lost",
        }
    }

    /// The segment for recency and frequency scores 1–5.
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (1, 1) => Segment::Lost,
            (1 | 2, 1 | 2) => Segment::Hibernating,
            (1 | 2, 3 | 4) => Segment::AtRisk,
            (1 | 2, _) => Segment::CantLose,
            (3, 1 | 2) => Segment::AboutToSleep,
            (3, 3) => Segment::NeedAttention,
            (3 | 4, _) if f >= 4 => Segment::Loyal,
            (4, 1) => Segment::Promising,
            (5, 1) => Segment::New,
            (_, 2 | 3) => Segment::PotentialLoyalist,
            _ => Segment::Champions,
        }
    }
}

/// Quintile scores 1–5 by rank: the worst fifth scores 1, the best 5.
/// Equal values share the score of the first of them in rank order, so a
/// tie never splits across scores. `better` orders worse before better.
/// With fewer than five values the best cannot reach 5 (with three it
/// scores 4), which is why [`rfm`] scores small sets another way.
pub fn quintile_scores<T>(values: &[T], better: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<u8> {
    let n = values.len();
    let mut scores = vec![0u8; n];
    for (i, tie_start, _) in ranks(values, &better) {
        scores[i] = 1 + (tie_start * 5 / n) as u8;
    }
    scores
}

/// Scores 1–5 spread over the whole range by rank, for small sets: the
/// worst scores 1 and the best 5 (two values: 1 and 5; three: 1, 3, 5).
/// Equal values share the score of their average rank; a single value, or
/// values all equal, score 3 (there is nothing to compare them with).
pub fn spread_scores<T>(values: &[T], better: impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<u8> {
    let n = values.len();
    let mut scores = vec![3u8; n];
    if n < 2 {
        return scores;
    }
    for (i, tie_start, tie_end) in ranks(values, &better) {
        let rank = (tie_start + tie_end) as f64 / 2.0;
        scores[i] = 1 + (rank * 4.0 / (n - 1) as f64).round() as u8;
    }
    scores
}

/// Each value's index with the first and last rank (worst first) of the
/// values equal to it.
fn ranks<T>(values: &[T], better: &impl Fn(&T, &T) -> std::cmp::Ordering) -> Vec<(usize, usize, usize)> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&a, &b| better(&values[a], &values[b]));
    let mut out = Vec::with_capacity(order.len());
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && better(&values[order[start]], &values[order[end + 1]]).is_eq() {
            end += 1;
        }
        out.extend(order[start..=end].iter().map(|&i| (i, start, end)));
        start = end + 1;
    }
    out
}

/// Below this many customers, RFM scores recency and frequency by fixed
/// thresholds ([`recency_score`], [`frequency_score`]) instead of by
/// quintiles, and money by [`spread_scores`].
pub const RFM_QUINTILES_FROM: usize = 5;

/// The recency score of a small set: a won deal in the last 30 days scores
/// 5, 90 days 4, 180 days 3, a year 2, longer 1.
pub fn recency_score(days: i64) -> u8 {
    match days {
        ..=30 => 5,
        31..=90 => 4,
        91..=180 => 3,
        181..=365 => 2,
        _ => 1,
    }
}

/// The frequency score of a small set: the number of won deals, 5 and more
/// scoring 5.
pub fn frequency_score(deals: usize) -> u8 {
    deals.clamp(1, 5) as u8
}

/// One customer company's RFM figures.
#[derive(Clone, Debug, PartialEq)]
pub struct RfmRow {
    pub company_id: String,
    pub name: String,
    /// Local days from the last won deal to `today`.
    pub recency_days: i64,
    pub frequency: usize,
    pub monetary_cents: i64,
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SegmentRow {
    pub segment: Segment,
    pub customers: usize,
    pub revenue_cents: i64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RfmReport {
    pub currency: String,
    /// Customers by revenue, largest first, then by name.
    pub customers: Vec<RfmRow>,
    /// Every segment in [`Segment::ALL`] order.
    pub segments: Vec<SegmentRow>,
    /// Won deals with no company, which no customer holds.
    pub unassigned_deals: usize,
    pub other_currency_deals: usize,
}

/// RFM of the companies with won deals closed in the period up to `today`
/// (local days): recency = days since the last, frequency = how many,
/// monetary = their amount.
///
/// Scores 1–5: from [`RFM_QUINTILES_FROM`] (five) customers on, by quintile
/// of rank ([`quintile_scores`]), so the best fifth scores 5 and the worst
/// fifth scores 1. Fewer customers cannot fill five quintiles (with three,
/// the best recency scored 4 and the best customer landed in "At risk"), so
/// below five, recency and frequency use fixed thresholds
/// ([`recency_score`], [`frequency_score`]) and money is spread over the
/// whole range by rank ([`spread_scores`]). Segments come from recency and
/// frequency.
pub fn rfm(data: &Dataset, period: &Period, today: NaiveDate, zone: &Zone, filter: &Filter) -> RfmReport {
    let (deals, other) = won_deals(data, period, zone, filter);
    let mut by_company: HashMap<&str, (NaiveDate, usize, i64)> = HashMap::new();
    let mut unassigned = 0;
    for (d, day) in deals.into_iter().filter(|(_, day)| *day <= today) {
        let Some(id) = d.company_id.as_deref() else {
            unassigned += 1;
            continue;
        };
        let e = by_company.entry(id).or_insert((day, 0, 0));
        e.0 = e.0.max(day);
        e.1 += 1;
        e.2 += d.amount_cents;
    }
    let mut customers: Vec<RfmRow> = by_company
        .into_iter()
        .map(|(id, (last, frequency, monetary_cents))| RfmRow {
            company_id: id.to_string(),
            name: data.company(id).map_or_else(|| id.to_string(), |c| c.name.clone()),
            recency_days: (today - last).num_days(),
            frequency,
            monetary_cents,
            r: 0,
            f: 0,
            m: 0,
            segment: Segment::Lost,
        })
        .collect();
    customers.sort_by(|a, b| {
        b.monetary_cents
            .cmp(&a.monetary_cents)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.company_id.cmp(&b.company_id))
    });
    let by_money = |a: &RfmRow, b: &RfmRow| a.monetary_cents.cmp(&b.monetary_cents);
    let (r, f, m) = if customers.len() >= RFM_QUINTILES_FROM {
        (
            quintile_scores(&customers, |a, b| b.recency_days.cmp(&a.recency_days)),
            quintile_scores(&customers, |a, b| a.frequency.cmp(&b.frequency)),
            quintile_scores(&customers, by_money),
        )
    } else {
        (
            customers.iter().map(|c| recency_score(c.recency_days)).collect(),
            customers.iter().map(|c| frequency_score(c.frequency)).collect(),
            spread_scores(&customers, by_money),
        )
    };
    let mut segments: Vec<SegmentRow> =
        Segment::ALL.iter().map(|&segment| SegmentRow { segment, customers: 0, revenue_cents: 0 }).collect();
    for (i, c) in customers.iter_mut().enumerate() {
        (c.r, c.f, c.m) = (r[i], f[i], m[i]);
        c.segment = Segment::of(c.r, c.f);
        let row = &mut segments[Segment::ALL.iter().position(|&s| s == c.segment).expect("listed")];
        row.customers += 1;
        row.revenue_cents += c.monetary_cents;
    }
    RfmReport {
        currency: data.settings().currency.clone(),
        customers,
        segments,
        unassigned_deals: unassigned,
        other_currency_deals: other,
    }
}

impl RfmReport {
    pub fn to_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.group.company"),
            Cell::Term("reports.col.segment"),
            Cell::Term("reports.col.days_since_won"),
            Cell::Term("reports.col.won_deals"),
            Cell::Term("reports.col.revenue"),
            Cell::Term("reports.col.r"),
            Cell::Term("reports.col.f"),
            Cell::Term("reports.col.m"),
        ]);
        for c in &self.customers {
            t.push(vec![
                c.name.clone().into(),
                Cell::Term(c.segment.term()),
                Cell::Count(c.recency_days),
                Cell::count(c.frequency),
                Cell::Money(c.monetary_cents),
                Cell::count(usize::from(c.r)),
                Cell::count(usize::from(c.f)),
                Cell::count(usize::from(c.m)),
            ]);
        }
        t.in_currency(&self.currency)
    }

    pub fn segments_table(&self) -> ReportTable {
        let mut t = ReportTable::new([
            Cell::Term("reports.col.segment"),
            Cell::Term("reports.col.customers"),
            Cell::Term("reports.col.revenue"),
        ])
        .in_currency(&self.currency);
        for s in &self.segments {
            t.push(vec![Cell::Term(s.segment.term()), Cell::count(s.customers), Cell::Money(s.revenue_cents)]);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{at, company, dataset, day, deal};
    use super::*;

    #[test]
    fn segments_and_groups_are_named_in_every_language() {
        use crate::core::display::Locale;
        use crate::core::i18n::lookup;
        for l in Locale::ALL {
            for s in Segment::ALL {
                assert!(lookup(l, s.term()).is_some(), "{}", s.term());
            }
            for g in GroupBy::ALL {
                assert!(lookup(l, g.term()).is_some(), "{}", g.term());
            }
        }
        for s in Segment::ALL {
            assert_eq!(lookup(Locale::En, s.term()), Some(s.label()));
        }
        for g in GroupBy::ALL {
            assert_eq!(lookup(Locale::En, g.term()), Some(g.label()));
        }
    }
    use crate::core::records::LifecycleStage;

    /// Five customers, as of 30 June 2026:
    ///
    /// | company | won deals (cents, close day)                 | days since last | revenue | R F M | segment        |
    /// |---------|----------------------------------------------|-----------------|---------|-------|----------------|
    /// | A       | 30000 Jan 10, 30000 Mar 1, 30000 Jun 25      | 5               | 90000   | 5 5 5 | Champions      |
    /// | B       | 10000 Jun 20                                 | 10              | 10000   | 4 1 2 | Promising      |
    /// | C       | 25000 Mar 1, 25000 Apr 1                     | 90              | 50000   | 3 3 3 | Need attention |
    /// | D       | 30000 Jan 15, 30000 Feb 1                    | 149             | 60000   | 2 3 4 | At risk        |
    /// | E       | 5000 Jan 2                                   | 179             | 5000    | 1 1 1 | Lost           |
    ///
    /// plus x1, 1000 on 1 June with no company, and a lost deal.
    fn customers() -> Dataset {
        let won = |id: &str, company: Option<&str>, amount, closed| {
            deal(id, company, "negotiation", amount, DealStatus::Won, at(2025, 12, 1, 9, 0), Some(closed), "ann")
        };
        let mut a1 = won("a1", Some("A"), 30_000, at(2026, 6, 25, 9, 0));
        a1.tags = vec!["vip".into()];
        let deals = vec![
            a1,
            won("a2", Some("A"), 30_000, at(2026, 3, 1, 9, 0)),
            won("a3", Some("A"), 30_000, at(2026, 1, 10, 9, 0)),
            won("b1", Some("B"), 10_000, at(2026, 6, 20, 9, 0)),
            won("c1", Some("C"), 25_000, at(2026, 4, 1, 9, 0)),
            won("c2", Some("C"), 25_000, at(2026, 3, 1, 9, 0)),
            won("d1", Some("D"), 30_000, at(2026, 2, 1, 9, 0)),
            won("d2", Some("D"), 30_000, at(2026, 1, 15, 9, 0)),
            won("e1", Some("E"), 5_000, at(2026, 1, 2, 9, 0)),
            won("x1", None, 1_000, at(2026, 6, 1, 9, 0)),
            deal(
                "l1",
                Some("A"),
                "demo",
                99_000,
                DealStatus::Lost,
                at(2026, 1, 1, 9, 0),
                Some(at(2026, 2, 1, 9, 0)),
                "ann",
            ),
        ];
        let mut a = company("A", "Alpha", "Software", "DE");
        a.lifecycle_stage = LifecycleStage::Loyalty;
        let companies = vec![
            a,
            company("B", "Beta", "Software", "FR"),
            company("C", "Gamma", "Retail", "DE"),
            company("D", "Delta", "Retail", "FR"),
            company("E", "Epsilon", "", "DE"),
        ];
        dataset(companies, Vec::new(), deals, Vec::new())
    }

    fn rows(r: &RevenueReport) -> Vec<(&str, usize, i64)> {
        r.rows.iter().map(|r| (r.label.as_str(), r.deals, r.revenue_cents)).collect()
    }

    #[test]
    fn revenue_per_company_and_group() {
        let data = customers();
        let year = Period::this_year(day(2026, 6, 30));
        let none = Filter::default();
        let utc = Zone::fixed(0);
        let by_company = revenue_by_company(&data, &year, &utc, &none);
        assert_eq!(
            rows(&by_company),
            vec![
                ("Alpha", 3, 90_000),
                ("Delta", 2, 60_000),
                ("Gamma", 2, 50_000),
                ("Beta", 1, 10_000),
                ("Epsilon", 1, 5_000),
                ("(no company)", 1, 1_000)
            ]
        );
        assert_eq!(by_company.total_cents, 216_000);
        let industry = revenue_by_group(&data, &year, &utc, GroupBy::Industry, &none);
        assert_eq!(rows(&industry), vec![("Retail", 4, 110_000), ("Software", 4, 100_000), ("(none)", 2, 6_000)]);
        let country = revenue_by_group(&data, &year, &utc, GroupBy::Country, &none);
        assert_eq!(rows(&country), vec![("DE", 6, 145_000), ("FR", 3, 70_000), ("(none)", 1, 1_000)]);
        let tag = revenue_by_group(&data, &year, &utc, GroupBy::Tag, &none);
        assert_eq!(rows(&tag), vec![("(none)", 9, 186_000), ("vip", 1, 30_000)]);
        let stage = revenue_by_group(&data, &year, &utc, GroupBy::LifecycleStage, &none);
        assert_eq!(rows(&stage), vec![("Reach", 6, 125_000), ("Loyalty", 3, 90_000), ("(none)", 1, 1_000)]);
        let q2 = revenue_by_company(&data, &Period::this_quarter(day(2026, 6, 30)), &utc, &none);
        assert_eq!(
            rows(&q2),
            vec![("Alpha", 1, 30_000), ("Gamma", 1, 25_000), ("Beta", 1, 10_000), ("(no company)", 1, 1_000)]
        );
        assert_eq!(by_company.to_table().plain_rows()[0], vec!["Alpha", "3", "900.00"]);
    }

    #[test]
    fn rfm_scores_and_segments() {
        let r = rfm(
            &customers(),
            &Period::this_year(day(2026, 6, 30)),
            day(2026, 6, 30),
            &Zone::fixed(0),
            &Filter::default(),
        );
        type Row<'a> = (&'a str, i64, usize, i64, u8, u8, u8, Segment);
        let got: Vec<Row> = r
            .customers
            .iter()
            .map(|c| (c.company_id.as_str(), c.recency_days, c.frequency, c.monetary_cents, c.r, c.f, c.m, c.segment))
            .collect();
        assert_eq!(
            got,
            vec![
                ("A", 5, 3, 90_000, 5, 5, 5, Segment::Champions),
                ("D", 149, 2, 60_000, 2, 3, 4, Segment::AtRisk),
                ("C", 90, 2, 50_000, 3, 3, 3, Segment::NeedAttention),
                ("B", 10, 1, 10_000, 4, 1, 2, Segment::Promising),
                ("E", 179, 1, 5_000, 1, 1, 1, Segment::Lost),
            ]
        );
        assert_eq!(r.unassigned_deals, 1);
        let held: Vec<(Segment, usize, i64)> =
            r.segments.iter().filter(|s| s.customers > 0).map(|s| (s.segment, s.customers, s.revenue_cents)).collect();
        assert_eq!(
            held,
            vec![
                (Segment::Champions, 1, 90_000),
                (Segment::Promising, 1, 10_000),
                (Segment::NeedAttention, 1, 50_000),
                (Segment::AtRisk, 1, 60_000),
                (Segment::Lost, 1, 5_000)
            ]
        );
        assert_eq!(r.segments.len(), 11);
        assert_eq!(r.segments_table().plain_rows()[0], vec!["Champions", "1", "900.00"]);
    }

    #[test]
    fn quintiles_share_scores_on_ties() {
        let ten: Vec<i64> = (1..=10).collect();
        assert_eq!(quintile_scores(&ten, |a, b| a.cmp(b)), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        assert_eq!(quintile_scores(&[7, 7, 7], |a: &i32, b| a.cmp(b)), vec![1, 1, 1]);
        assert_eq!(quintile_scores(&[1, 2, 2, 3], |a: &i32, b| a.cmp(b)), vec![1, 2, 2, 4]);
        assert_eq!(quintile_scores::<i32>(&[], |a, b| a.cmp(b)), Vec::<u8>::new());
        assert_eq!(quintile_scores(&[4], |a: &i32, b| a.cmp(b)), vec![1]);
    }

    /// Customers of won deals on 30 June 2026, each `(id, [(days before 30
    /// June, cents)])`, scored and segmented.
    fn rfm_of(customers: &[(&str, &[(i64, i64)])]) -> Vec<(String, u8, u8, u8, Segment)> {
        let june30 = day(2026, 6, 30);
        let mut deals = Vec::new();
        let mut companies = Vec::new();
        for (id, won) in customers {
            companies.push(company(id, id, "", ""));
            for (i, (days, cents)) in won.iter().enumerate() {
                let closed = (june30 - chrono::Duration::days(*days)).and_hms_opt(12, 0, 0).unwrap().and_utc();
                let created = closed - chrono::Duration::days(10);
                deals.push(deal(
                    &format!("{id}{i}"),
                    Some(id),
                    "negotiation",
                    *cents,
                    DealStatus::Won,
                    created,
                    Some(closed),
                    "ann",
                ));
            }
        }
        let data = dataset(companies, Vec::new(), deals, Vec::new());
        let year = Period::last_12_months(june30);
        let mut rows: Vec<(String, u8, u8, u8, Segment)> =
            rfm(&data, &year, june30, &Zone::fixed(0), &Filter::default())
                .customers
                .into_iter()
                .map(|c| (c.company_id, c.r, c.f, c.m, c.segment))
                .collect();
        rows.sort();
        rows
    }

    fn row(id: &str, r: u8, f: u8, m: u8, segment: Segment) -> (String, u8, u8, u8, Segment) {
        (id.to_string(), r, f, m, segment)
    }

    #[test]
    fn rfm_with_one_customer() {
        // Three deals, the last five days ago: recent and returning.
        assert_eq!(
            rfm_of(&[("A", &[(5, 1000), (40, 1000), (100, 1000)])]),
            [row("A", 5, 3, 3, Segment::PotentialLoyalist)]
        );
        // One deal, 200 days ago.
        assert_eq!(rfm_of(&[("A", &[(200, 90_000)])]), [row("A", 2, 1, 3, Segment::Hibernating)]);
        // One deal, 14 days ago: new, not lost.
        assert_eq!(rfm_of(&[("A", &[(14, 90_000)])]), [row("A", 5, 1, 3, Segment::New)]);
    }

    #[test]
    fn rfm_with_two_customers() {
        // By quintiles A scored 3/3 ("Need attention") and B 1/1 ("Lost")
        // although B bought 100 days ago.
        assert_eq!(
            rfm_of(&[("A", &[(20, 5000), (70, 5000)]), ("B", &[(100, 20_000)])]),
            [row("A", 5, 2, 1, Segment::PotentialLoyalist), row("B", 3, 1, 5, Segment::AboutToSleep)]
        );
    }

    #[test]
    fn rfm_with_three_customers() {
        // The most recent and most frequent customer: by quintiles its best
        // recency was 4 (three customers never reach 5) and it was "Loyal"
        // at best; the one with the largest deal (300 days ago) was "Lost".
        assert_eq!(
            rfm_of(&[
                ("A", &[(10, 3000), (50, 3000), (90, 3000), (120, 3000), (150, 3000)]),
                ("B", &[(60, 4000), (200, 4000)]),
                ("C", &[(300, 50_000)]),
            ]),
            [
                row("A", 5, 5, 3, Segment::Champions),
                row("B", 4, 2, 1, Segment::PotentialLoyalist),
                row("C", 2, 1, 5, Segment::Hibernating),
            ]
        );
    }

    /// From five customers on, scores are quintiles of rank and use the
    /// whole range: the best scores 5 and the worst 1.
    #[test]
    fn rfm_with_five_and_seven_customers() {
        let five = rfm_of(&[
            ("A", &[(1, 500), (2, 500), (3, 500), (4, 500), (5, 500)]),
            ("B", &[(30, 400), (31, 400), (32, 400), (33, 400)]),
            ("C", &[(60, 300), (61, 300), (62, 300)]),
            ("D", &[(90, 200), (91, 200)]),
            ("E", &[(120, 100)]),
        ]);
        assert_eq!(
            five,
            [
                row("A", 5, 5, 5, Segment::Champions),
                row("B", 4, 4, 4, Segment::Loyal),
                row("C", 3, 3, 3, Segment::NeedAttention),
                row("D", 2, 2, 2, Segment::Hibernating),
                row("E", 1, 1, 1, Segment::Lost),
            ]
        );
        // Seven customers, one deal each, a month apart: recency 1,1,2,3,3,4,5
        // and every frequency ties at 1.
        let seven: Vec<(&str, [(i64, i64); 1])> = ["A", "B", "C", "D", "E", "F", "G"]
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, [(1 + 30 * i as i64, 1000 * (7 - i as i64))]))
            .collect();
        let seven: Vec<(&str, &[(i64, i64)])> = seven.iter().map(|(id, d)| (*id, &d[..])).collect();
        let scores: Vec<(u8, u8, u8, Segment)> =
            rfm_of(&seven).into_iter().map(|(_, r, f, m, s)| (r, f, m, s)).collect();
        assert_eq!(
            scores,
            [
                (5, 1, 5, Segment::New),
                (4, 1, 4, Segment::Promising),
                (3, 1, 3, Segment::AboutToSleep),
                (3, 1, 3, Segment::AboutToSleep),
                (2, 1, 2, Segment::Hibernating),
                (1, 1, 1, Segment::Lost),
                (1, 1, 1, Segment::Lost),
            ]
        );
    }

    #[test]
    fn spread_scores_use_the_whole_range() {
        let cmp = |a: &i32, b: &i32| a.cmp(b);
        assert_eq!(spread_scores(&[7], cmp), vec![3]);
        assert_eq!(spread_scores(&[1, 2], cmp), vec![1, 5]);
        assert_eq!(spread_scores(&[3, 1, 2], cmp), vec![5, 1, 3]);
        assert_eq!(spread_scores(&[1, 2, 3, 4], cmp), vec![1, 2, 4, 5]);
        assert_eq!(spread_scores(&[5, 5], cmp), vec![3, 3]);
        assert_eq!(spread_scores(&[1, 5, 5], cmp), vec![1, 4, 4]);
        assert_eq!((recency_score(30), recency_score(31), recency_score(365), recency_score(366)), (5, 4, 2, 1));
        assert_eq!((frequency_score(1), frequency_score(4), frequency_score(9)), (1, 4, 5));
    }

    #[test]
    fn segment_map_covers_every_score() {
        assert_eq!(Segment::of(5, 5), Segment::Champions);
        assert_eq!(Segment::of(5, 1), Segment::New);
        assert_eq!(Segment::of(4, 4), Segment::Loyal);
        assert_eq!(Segment::of(3, 5), Segment::Loyal);
        assert_eq!(Segment::of(5, 3), Segment::PotentialLoyalist);
        assert_eq!(Segment::of(3, 2), Segment::AboutToSleep);
        assert_eq!(Segment::of(1, 5), Segment::CantLose);
        assert_eq!(Segment::of(2, 4), Segment::AtRisk);
        assert_eq!(Segment::of(2, 1), Segment::Hibernating);
        let mut seen: Vec<Segment> = (1..=5).flat_map(|r| (1..=5).map(move |f| Segment::of(r, f))).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen, Segment::ALL.to_vec());
    }

    #[test]
    fn empty_customer_value() {
        let data = Dataset::default();
        let year = Period::this_year(day(2026, 1, 1));
        assert!(revenue_by_company(&data, &year, &Zone::fixed(0), &Filter::default()).rows.is_empty());
        let r = rfm(&data, &year, day(2026, 1, 1), &Zone::fixed(0), &Filter::default());
        assert!(r.customers.is_empty() && r.segments.iter().all(|s| s.customers == 0));
    }
}
