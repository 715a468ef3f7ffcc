//! Reports: pure computations over a [`Dataset`] for the dashboard, the
//! fixed reports and the pivot table.
//!
//! Every report takes the dataset, a [`Period`], the person's time [`Zone`]
//! and a [`Filter`], and returns plain structs that turn into a
//! [`ReportTable`] for display and CSV export. Nothing here reads the clock:
//! "today" and "now" are parameters.
//!
//! Conventions shared by all reports:
//! - A timestamp belongs to the *local* day it has in the zone, with the
//!   offset in force at that instant: a deal closed at 23:30 UTC on 31
//!   January in Paris (`+60` in winter) was closed on 1 February, and a
//!   winter evening stays on its day when the report is run in summer. A
//!   period's local days start at local midnight, so the day of a
//!   daylight-saving change is 23 or 25 hours long.
//! - Periods are whole local days ([`Period`]); the choices of the period
//!   picker are in [`period`]. Weeks are ISO weeks, Monday to Sunday.
//! - Money divided (averages, weighted amounts) is rounded to the cent by
//!   [`crate::core::money::div_round`]: halves away from zero.
//! - Money is counted in the settings currency only: a deal with an empty
//!   currency counts as the settings currency, and deals in any other
//!   currency are left out of every amount and counted in an
//!   `other_currency_deals` field, so nobody adds euros to dollars. Counts
//!   (deals won, win rate) include every currency.
//! - [`Filter`] fields apply as documented on [`Filter`]; a field that makes
//!   no sense for a record kind is ignored for that kind.

pub mod activity;
pub mod customer_value;
pub mod dashboard;
pub mod deals;
pub mod funnel;
pub mod period;
pub mod pivot;
mod table;

pub use table::{Cell, ReportTable};

use chrono::{DateTime, Datelike, Duration, Months, NaiveDate, Utc};

use super::dataset::Dataset;
use super::records::{Activity, Deal};
use super::records::{Company, Contact};
use super::zone::Zone;

/// A range of local days: `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Period {
        Period { start, end }
    }

    /// The calendar month that holds `today`.
    pub fn this_month(today: NaiveDate) -> Period {
        let start = first_of_month(today);
        Period { start, end: add_months(start, 1) }
    }

    /// The calendar quarter (Jan–Mar, Apr–Jun, …) that holds `today`.
    pub fn this_quarter(today: NaiveDate) -> Period {
        let month0 = (today.month0() / 3) * 3;
        let start = NaiveDate::from_ymd_opt(today.year(), month0 + 1, 1).expect("valid quarter start");
        Period { start, end: add_months(start, 3) }
    }

    /// The calendar year that holds `today`.
    pub fn this_year(today: NaiveDate) -> Period {
        let start = NaiveDate::from_ymd_opt(today.year(), 1, 1).expect("1 January exists");
        Period { start, end: add_months(start, 12) }
    }

    /// The twelve months up to and including `today`: from the day after
    /// the same date a year ago (4 December → 5 December of the year
    /// before; 29 February → 1 March). No day still to come is in it.
    pub fn last_12_months(today: NaiveDate) -> Period {
        let a_year_ago = today.checked_sub_months(Months::new(12)).expect("a date a year back exists");
        Period { start: a_year_ago + Duration::days(1), end: today + Duration::days(1) }
    }

    /// The last `n` calendar months with this one up to and including
    /// `today` (on 4 December, six months are 1 July to 4 December).
    pub fn months_to_date(today: NaiveDate, n: u32) -> Period {
        let start = add_months(first_of_month(today), 1 - n.max(1) as i32);
        Period { start, end: today + Duration::days(1) }
    }

    /// The comparison period just before this one. A period of whole
    /// months — from a day of the month to the same day some months later,
    /// such as calendar months (1st to 1st) or the last 12 months (5
    /// December to 5 December) — steps back by the same number of months,
    /// so March compares with February and Q2 with Q1 whatever their
    /// lengths; any other range steps back by its length in days.
    pub fn previous(&self) -> Period {
        match self.whole_months() {
            Some(n) if n > 0 => Period {
                start: self.start.checked_sub_months(Months::new(n as u32)).expect("a date months back exists"),
                end: self.start,
            },
            _ => Period { start: self.start - (self.end - self.start), end: self.start },
        }
    }

    /// Whether the local day falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }

    /// Whether the timestamp falls on a local day in the period.
    pub fn contains_at(&self, at: DateTime<Utc>, zone: &Zone) -> bool {
        self.contains(zone.local_date(at))
    }

    /// The UTC instants the period's local days span (from the first local
    /// midnight to the one after the last day), so that a scan over many
    /// records compares timestamps instead of converting each one.
    pub fn utc_range(&self, zone: &Zone) -> UtcRange {
        UtcRange { start: zone.start_of_day(self.start), end: zone.start_of_day(self.end) }
    }

    /// The number of days in the period.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days()
    }

    /// The first day of every month that overlaps the period, in order.
    pub fn months(&self) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut m = first_of_month(self.start);
        while m < self.end {
            out.push(m);
            m = add_months(m, 1);
        }
        out
    }

    /// The months from start to end when both are the same day of the
    /// month (up to the 28th, which every month has).
    fn whole_months(&self) -> Option<i32> {
        if self.start.day() != self.end.day() || self.start.day() > 28 || self.end <= self.start {
            return None;
        }
        Some(month_index(self.end) - month_index(self.start))
    }
}

/// A period as UTC instants: `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UtcRange {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl UtcRange {
    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        self.start <= at && at < self.end
    }
}

pub(crate) use crate::core::hash::FastMap;

/// The first day of the month of `day`.
pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).expect("every month has a 1st")
}

/// The first of the month `n` months after the month of `day` (negative
/// goes back).
pub fn add_months(day: NaiveDate, n: i32) -> NaiveDate {
    let index = month_index(day) + n;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 1).expect("valid month")
}

fn month_index(day: NaiveDate) -> i32 {
    month_index_of(day)
}

/// Months since January of year 0, for sorting and stepping months.
pub(crate) fn month_index_of(day: NaiveDate) -> i32 {
    day.year() * 12 + day.month0() as i32
}

/// "2026-03" for any day in March 2026 (a month in a file, or a key).
pub fn month_label(day: NaiveDate) -> String {
    crate::core::display::iso_month(day)
}

/// Narrows the records a report counts. Empty (`None`) fields match all.
/// Text matches are exact (tags, owners and sources are picked from lists).
///
/// Which field applies to which record kind:
///
/// | field        | contacts               | companies        | deals                         | activities             |
/// |--------------|------------------------|------------------|-------------------------------|------------------------|
/// | `owner`      | owner                  | owner            | owner                         | owner                  |
/// | `tag`        | tags                   | tags             | the deal's tags               | ignored                |
/// | `source`     | source                 | ignored          | any linked contact's source   | ignored                |
/// | `company_id` | company                | the company itself | company                     | company                |
/// | `country`    | first address's country| address country  | the company's country         | ignored                |
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub owner: Option<String>,
    pub tag: Option<String>,
    pub source: Option<String>,
    pub company_id: Option<String>,
    pub country: Option<String>,
}

fn matches(wanted: &Option<String>, value: &str) -> bool {
    wanted.as_deref().is_none_or(|w| w == value)
}

/// The country of a contact: its first address's.
pub fn contact_country(c: &Contact) -> &str {
    c.addresses.first().map_or("", |a| a.country.as_str())
}

/// The country of a company: its address's.
pub fn company_country(c: &Company) -> &str {
    c.address.as_ref().map_or("", |a| a.country.as_str())
}

impl Filter {
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    pub fn contact(&self, c: &Contact) -> bool {
        matches(&self.owner, &c.owner)
            && self.tag.as_ref().is_none_or(|t| c.tags.contains(t))
            && matches(&self.source, &c.source)
            && matches(&self.company_id, c.company_id.as_deref().unwrap_or(""))
            && matches(&self.country, contact_country(c))
    }

    pub fn company(&self, c: &Company) -> bool {
        matches(&self.owner, &c.owner)
            && self.tag.as_ref().is_none_or(|t| c.tags.contains(t))
            && matches(&self.company_id, &c.id)
            && matches(&self.country, company_country(c))
    }

    pub fn deal(&self, data: &Dataset, d: &Deal) -> bool {
        matches(&self.owner, &d.owner)
            && self.tag.as_ref().is_none_or(|t| d.tags.contains(t))
            && matches(&self.company_id, d.company_id.as_deref().unwrap_or(""))
            && self
                .source
                .as_ref()
                .is_none_or(|s| d.contact_ids.iter().filter_map(|id| data.contact(id)).any(|c| &c.source == s))
            && self.country.as_ref().is_none_or(|country| {
                d.company_id.as_deref().and_then(|id| data.company(id)).map_or("", company_country) == country
            })
    }

    pub fn activity(&self, a: &Activity) -> bool {
        matches(&self.owner, &a.owner) && matches(&self.company_id, a.company_id.as_deref().unwrap_or(""))
    }
}

/// The values the report filters offer, each sorted and without blanks.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterOptions {
    /// Owners of contacts, companies, deals and activities.
    pub owners: Vec<String>,
    /// Contact sources.
    pub sources: Vec<String>,
    /// Countries of contacts' first addresses and of companies.
    pub countries: Vec<String>,
}

pub fn filter_options(data: &Dataset) -> FilterOptions {
    use std::collections::BTreeSet;
    let mut owners: BTreeSet<&str> = BTreeSet::new();
    let mut sources: BTreeSet<&str> = BTreeSet::new();
    let mut countries: BTreeSet<&str> = BTreeSet::new();
    // Runs of the same value are common (demo owners, imports): skip them
    // before touching the set.
    let mut last_owner = "";
    for c in data.contacts() {
        if c.owner != last_owner {
            owners.insert(&c.owner);
            last_owner = &c.owner;
        }
        sources.insert(&c.source);
        countries.insert(contact_country(c));
    }
    for c in data.companies() {
        owners.insert(&c.owner);
        countries.insert(company_country(c));
    }
    for d in data.deals().all() {
        owners.insert(&d.owner);
    }
    for a in data.activities().all() {
        if a.owner != last_owner {
            owners.insert(&a.owner);
            last_owner = &a.owner;
        }
    }
    let list = |set: BTreeSet<&str>| set.into_iter().filter(|v| !v.is_empty()).map(String::from).collect();
    FilterOptions { owners: list(owners), sources: list(sources), countries: list(countries) }
}

/// Whether a deal's amount counts in the settings currency.
pub(crate) fn in_currency(d: &Deal, currency: &str) -> bool {
    d.currency.is_empty() || d.currency == currency
}

/// `part / whole`, undefined when `whole` is zero.
pub(crate) fn ratio(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

#[cfg(test)]
pub(crate) mod fixture {
    //! A small hand-made dataset shared by the report tests.
    use chrono::{DateTime, NaiveDate, TimeZone, Utc};

    use crate::core::dataset::{Dataset, Records};
    use crate::core::records::{Activity, ActivityKind, Deal, DealStatus, Settings};
    use crate::core::records::{Address, Company, Contact, LifecycleStage, StageChange};

    pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
    }

    pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    pub fn company(id: &str, name: &str, industry: &str, country: &str) -> Company {
        let mut c = Company::blank(id.into(), at(2025, 1, 1, 9, 0));
        c.name = name.into();
        c.industry = industry.into();
        c.address = Some(Address { country: country.into(), ..Address::default() });
        c
    }

    pub fn contact(
        id: &str,
        company: Option<&str>,
        created: DateTime<Utc>,
        history: &[(LifecycleStage, DateTime<Utc>)],
    ) -> Contact {
        let mut c = Contact::blank(id.into(), created);
        c.given_name = id.into();
        c.company_id = company.map(Into::into);
        let mut from = None;
        for &(to, at) in history {
            c.stage_history.push(StageChange { from, to, at });
            from = Some(to);
        }
        c.lifecycle_stage = from.unwrap_or_default();
        c
    }

    #[allow(clippy::too_many_arguments)]
    pub fn deal(
        id: &str,
        company: Option<&str>,
        stage: &str,
        amount: i64,
        status: DealStatus,
        created: DateTime<Utc>,
        closed: Option<DateTime<Utc>>,
        owner: &str,
    ) -> Deal {
        let settings = Settings::initial(created);
        let s = settings.stage(stage).unwrap().clone();
        let mut d = Deal::blank(id.into(), &s, "EUR", created);
        d.title = id.into();
        d.company_id = company.map(Into::into);
        d.amount_cents = amount;
        d.status = status;
        d.closed = closed;
        d.owner = owner.into();
        d
    }

    pub fn activity(id: &str, kind: ActivityKind, at_: DateTime<Utc>, owner: &str, contacts: &[&str]) -> Activity {
        let mut a = Activity::blank(id.into(), kind, at_);
        a.owner = owner.into();
        a.contact_ids = contacts.iter().map(|c| c.to_string()).collect();
        a
    }

    pub fn dataset(
        companies: Vec<Company>,
        contacts: Vec<Contact>,
        deals: Vec<Deal>,
        activities: Vec<Activity>,
    ) -> Dataset {
        Dataset::from_parts(Records {
            companies,
            contacts,
            deals,
            activities,
            tasks: Vec::new(),
            settings: Some(Settings::initial(at(2025, 1, 1, 0, 0))),
        })
        .unwrap()
    }

    /// Two companies and the deals the deal reports are checked against
    /// (amounts in cents, EUR unless stated):
    ///
    /// | deal | company | stage       | amount  | status | created       | closed              | owner |
    /// |------|---------|-------------|---------|--------|---------------|---------------------|-------|
    /// | d1   | acme    | qualified   | 100000  | open   | 2026-01-05    | –                   | ann   |
    /// | d2   | acme    | proposal    | 200000  | open   | 2026-02-01    | –                   | bob   |
    /// | d3   | globex  | proposal    | 50000   | open   | 2026-02-10    | –                   | ann   |
    /// | w1   | acme    | negotiation | 300000  | won    | 2026-01-01    | 2026-03-11 10:00    | ann   |
    /// | w2   | globex  | negotiation | 100000  | won    | 2026-02-20    | 2026-03-31 23:30 UTC| bob   |
    /// | w3   | acme    | negotiation | 500000  | won    | 2026-03-01    | 2026-03-21 12:00    | ann   |
    /// | l1   | globex  | demo        | 80000   | lost   | 2026-03-01    | 2026-03-05 12:00    | ann   |
    /// | l2   | –       | demo        | 10000   | lost   | 2026-03-02    | 2026-03-12 08:00    | bob   |
    pub fn deals_dataset() -> Dataset {
        let mut d1 =
            deal("d1", Some("acme"), "qualified", 100_000, DealStatus::Open, at(2026, 1, 5, 9, 0), None, "ann");
        d1.expected_close = Some(day(2026, 3, 20));
        let mut d2 = deal("d2", Some("acme"), "proposal", 200_000, DealStatus::Open, at(2026, 2, 1, 9, 0), None, "bob");
        d2.expected_close = Some(day(2026, 4, 2));
        let mut d3 =
            deal("d3", Some("globex"), "proposal", 50_000, DealStatus::Open, at(2026, 2, 10, 9, 0), None, "ann");
        d3.expected_close = Some(day(2026, 2, 27));
        let mut usd =
            deal("u1", Some("globex"), "proposal", 70_000, DealStatus::Open, at(2026, 2, 10, 9, 0), None, "ann");
        usd.currency = "USD".into();
        let w1 = deal(
            "w1",
            Some("acme"),
            "negotiation",
            300_000,
            DealStatus::Won,
            at(2026, 1, 1, 9, 0),
            Some(at(2026, 3, 11, 10, 0)),
            "ann",
        );
        let w2 = deal(
            "w2",
            Some("globex"),
            "negotiation",
            100_000,
            DealStatus::Won,
            at(2026, 2, 20, 9, 0),
            Some(at(2026, 3, 31, 23, 30)),
            "bob",
        );
        let w3 = deal(
            "w3",
            Some("acme"),
            "negotiation",
            500_000,
            DealStatus::Won,
            at(2026, 3, 1, 9, 0),
            Some(at(2026, 3, 21, 12, 0)),
            "ann",
        );
        let mut l1 = deal(
            "l1",
            Some("globex"),
            "demo",
            80_000,
            DealStatus::Lost,
            at(2026, 3, 1, 9, 0),
            Some(at(2026, 3, 5, 12, 0)),
            "ann",
        );
        l1.lost_reason = "Price".into();
        let mut l2 = deal(
            "l2",
            None,
            "demo",
            10_000,
            DealStatus::Lost,
            at(2026, 3, 2, 9, 0),
            Some(at(2026, 3, 12, 8, 0)),
            "bob",
        );
        l2.lost_reason = "Timing".into();
        dataset(
            vec![company("acme", "Acme", "Software", "DE"), company("globex", "Globex", "Retail", "FR")],
            Vec::new(),
            vec![d1, d2, d3, usd, w1, w2, w3, l1, l2],
            Vec::new(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{at, day};
    use super::*;

    #[test]
    fn filter_options_list_each_value_once() {
        use super::fixture::{activity, company, contact, dataset};
        use crate::core::records::ActivityKind;
        use crate::core::records::Address;
        let mut ann = contact("ann", None, at(2026, 1, 1, 0, 0), &[]);
        (ann.owner, ann.source) = ("zoe".into(), "Web".into());
        ann.addresses.push(Address { country: "GB".into(), ..Address::default() });
        let mut bob = contact("bob", None, at(2026, 1, 1, 0, 0), &[]);
        (bob.owner, bob.source) = ("amy".into(), "Fair".into());
        let mut cid = contact("cid", None, at(2026, 1, 1, 0, 0), &[]);
        cid.source = "Web".into();
        let data = dataset(
            vec![company("acme", "Acme", "Software", "DE")],
            vec![ann, bob, cid],
            Vec::new(),
            vec![
                activity("a1", ActivityKind::Call, at(2026, 1, 2, 0, 0), "max", &[]),
                activity("a2", ActivityKind::Call, at(2026, 1, 2, 0, 0), "zoe", &[]),
            ],
        );
        let o = filter_options(&data);
        assert_eq!(o.owners, ["amy", "max", "zoe"]);
        assert_eq!(o.sources, ["Fair", "Web"]);
        assert_eq!(o.countries, ["DE", "GB"]);
    }

    #[test]
    fn the_last_12_months_end_today() {
        // On 4 December: 5 December a year ago to today, nothing to come.
        let p = Period::last_12_months(day(2026, 12, 4));
        assert_eq!(p, Period::new(day(2025, 12, 5), day(2026, 12, 5)));
        assert_eq!(p.days(), 365);
        assert!(p.contains(day(2026, 12, 4)) && !p.contains(day(2026, 12, 5)) && !p.contains(day(2025, 12, 4)));
        assert_eq!(p.previous(), Period::new(day(2024, 12, 5), day(2025, 12, 5)));
        // 29 February: from 1 March, 366 days with the leap day.
        let leap = Period::last_12_months(day(2028, 2, 29));
        assert_eq!(leap, Period::new(day(2027, 3, 1), day(2028, 3, 1)));
        assert_eq!(leap.days(), 366);
        assert_eq!(leap.previous(), Period::new(day(2026, 3, 1), day(2027, 3, 1)));
        assert_eq!(Period::last_12_months(day(2027, 1, 1)), Period::new(day(2026, 1, 2), day(2027, 1, 2)));
    }

    #[test]
    fn recent_months_end_today() {
        let p = Period::months_to_date(day(2026, 12, 4), 6);
        assert_eq!(p, Period::new(day(2026, 7, 1), day(2026, 12, 5)));
        assert_eq!(p.months().len(), 6);
        assert_eq!(Period::months_to_date(day(2026, 3, 31), 6).start, day(2025, 10, 1));
        assert_eq!(Period::months_to_date(day(2026, 3, 31), 1), Period::new(day(2026, 3, 1), day(2026, 4, 1)));
    }

    #[test]
    fn calendar_periods_and_their_previous() {
        let today = day(2026, 5, 17);
        assert_eq!(Period::this_month(today), Period::new(day(2026, 5, 1), day(2026, 6, 1)));
        assert_eq!(Period::this_quarter(today), Period::new(day(2026, 4, 1), day(2026, 7, 1)));
        assert_eq!(Period::this_year(today), Period::new(day(2026, 1, 1), day(2027, 1, 1)));
        assert_eq!(Period::this_month(day(2026, 3, 31)).previous(), Period::new(day(2026, 2, 1), day(2026, 3, 1)));
        assert_eq!(Period::this_quarter(day(2026, 2, 3)).previous(), Period::new(day(2025, 10, 1), day(2026, 1, 1)));
        assert_eq!(Period::this_year(today).previous(), Period::new(day(2025, 1, 1), day(2026, 1, 1)));
        // A custom range steps back by its length in days.
        assert_eq!(
            Period::new(day(2026, 3, 10), day(2026, 3, 17)).previous(),
            Period::new(day(2026, 3, 3), day(2026, 3, 10))
        );
        assert_eq!(Period::this_month(day(2026, 12, 9)).end, day(2027, 1, 1));
    }

    #[test]
    fn local_days_follow_the_zone() {
        let late = at(2026, 1, 31, 23, 30);
        assert_eq!(Zone::fixed(0).local_date(late), day(2026, 1, 31));
        assert_eq!(Zone::fixed(60).local_date(late), day(2026, 2, 1));
        assert_eq!(Zone::fixed(-60).local_date(at(2026, 2, 1, 0, 30)), day(2026, 1, 31));
        let feb = Period::this_month(day(2026, 2, 1));
        assert!(feb.contains_at(late, &Zone::fixed(60)) && !feb.contains_at(late, &Zone::fixed(0)));
        for zone in [-600, -60, 0, 60, 330].map(Zone::fixed).into_iter().chain([crate::core::zone::tests::berlin()]) {
            let range = feb.utc_range(&zone);
            for t in [late, at(2026, 2, 28, 23, 30), at(2026, 3, 1, 0, 0), at(2026, 2, 1, 5, 0), at(2026, 2, 28, 13, 0)]
            {
                assert_eq!(range.contains(t), feb.contains_at(t, &zone), "{t} in {zone:?}");
            }
        }
        assert_eq!(feb.months(), vec![day(2026, 2, 1)]);
        assert_eq!(Period::new(day(2026, 1, 15), day(2026, 3, 2)).months().len(), 3);
    }

    /// A period's days run from local midnight to local midnight on the days
    /// the clocks change too: in Berlin, 29 March 2026 is 23 hours long and
    /// 25 October 25 hours, and a record at 00:30 local time on the day
    /// after either belongs to that next day.
    #[test]
    fn periods_across_daylight_saving_changes() {
        let berlin = crate::core::zone::tests::berlin();
        let spring = Period::new(day(2026, 3, 29), day(2026, 3, 30));
        let range = spring.utc_range(&berlin);
        assert_eq!((range.start, range.end), (at(2026, 3, 28, 23, 0), at(2026, 3, 29, 22, 0)));
        assert!(range.contains(at(2026, 3, 29, 21, 59)) && !range.contains(at(2026, 3, 29, 22, 30)));
        let autumn = Period::new(day(2026, 10, 25), day(2026, 10, 26)).utc_range(&berlin);
        assert_eq!((autumn.end - autumn.start).num_hours(), 25);
        // Summer's offset for the whole of March would put 23:30 on 28 March
        // (22:30 UTC, still winter time) on the 29th.
        assert!(!spring.contains_at(at(2026, 3, 28, 22, 30), &berlin));
        assert!(spring.contains_at(at(2026, 3, 28, 22, 30), &Zone::fixed(120)));
        // A whole month keeps its records on both sides of the change.
        let march = Period::this_month(day(2026, 3, 10)).utc_range(&berlin);
        assert_eq!((march.start, march.end), (at(2026, 2, 28, 23, 0), at(2026, 3, 31, 22, 0)));
    }
}
