//! Reports: pure computations over a [`Dataset`] for the dashboard, the
//! fixed reports and the pivot table.
//!
//! Every report takes the dataset, a [`Period`], the browser's UTC offset in
//! minutes and a [`Filter`], and returns plain structs that turn into a
//! [`ReportTable`] for display and CSV export. Nothing here reads the clock:
//! "today" and "now" are parameters.
//!
//! Conventions shared by all reports:
//! - A timestamp belongs to the *local* day of `utc_offset_minutes` (east of
//!   UTC is positive, so Paris in winter is `+60`); a deal closed at 23:30 UTC
//!   on 31 January with offset `+60` was closed on 1 February.
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

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveTime, Utc};

use super::dataset::Dataset;
use super::import::csv::write_csv;
use super::records::{Activity, Deal};
use super::records::{Company, Contact};

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

    /// The comparison period just before this one. A period of whole
    /// calendar months (starting and ending on the 1st) steps back by the
    /// same number of months, so March compares with February and Q2 with
    /// Q1 whatever their lengths; any other range steps back by its length
    /// in days.
    pub fn previous(&self) -> Period {
        let months = self.whole_months();
        match months {
            Some(n) if n > 0 => Period { start: add_months(self.start, -n), end: self.start },
            _ => Period { start: self.start - (self.end - self.start), end: self.start },
        }
    }

    /// Whether the local day falls in the period.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.start <= day && day < self.end
    }

    /// Whether the timestamp falls on a local day in the period.
    pub fn contains_at(&self, at: DateTime<Utc>, utc_offset_minutes: i32) -> bool {
        self.contains(local_date(at, utc_offset_minutes))
    }

    /// The UTC instants the period's local days span, so that a scan over
    /// many records compares timestamps instead of converting each one.
    pub fn utc_range(&self, utc_offset_minutes: i32) -> UtcRange {
        let instant =
            |d: NaiveDate| d.and_time(NaiveTime::MIN).and_utc() - Duration::minutes(i64::from(utc_offset_minutes));
        UtcRange { start: instant(self.start), end: instant(self.end) }
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

    fn whole_months(&self) -> Option<i32> {
        if self.start.day() != 1 || self.end.day() != 1 || self.end <= self.start {
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

/// The local calendar day of a UTC timestamp for a UTC offset in minutes.
pub fn local_date(at: DateTime<Utc>, utc_offset_minutes: i32) -> NaiveDate {
    (at + Duration::minutes(i64::from(utc_offset_minutes))).date_naive()
}

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

/// "2026-03" for any day in March 2026.
pub fn month_label(day: NaiveDate) -> String {
    format!("{:04}-{:02}", day.year(), day.month())
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

/// Any report as a table of text cells, for the screen-reader table view and
/// CSV export.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReportTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl ReportTable {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> ReportTable {
        ReportTable { headers: headers.into_iter().map(Into::into).collect(), rows: Vec::new() }
    }

    pub fn push(&mut self, row: Vec<String>) {
        self.rows.push(row);
    }

    /// The table as CSV (BOM, CRLF, cells guarded against formula injection
    /// by [`crate::core::import::csv::write_csv`]).
    pub fn to_csv(&self) -> String {
        write_csv(&self.headers, &self.rows)
    }
}

/// Cents as a plain decimal number: `-1234` → `"-12.34"`.
pub fn format_cents(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let abs = cents.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// A ratio as a percentage with one decimal, empty when undefined.
pub fn format_percent(ratio: Option<f64>) -> String {
    ratio.map_or(String::new(), |r| format!("{:.1}", r * 100.0))
}

/// A number with one decimal, empty when undefined.
pub fn format_decimal(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| format!("{v:.1}"))
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
    fn local_days_follow_the_offset() {
        let late = at(2026, 1, 31, 23, 30);
        assert_eq!(local_date(late, 0), day(2026, 1, 31));
        assert_eq!(local_date(late, 60), day(2026, 2, 1));
        assert_eq!(local_date(at(2026, 2, 1, 0, 30), -60), day(2026, 1, 31));
        let feb = Period::this_month(day(2026, 2, 1));
        assert!(feb.contains_at(late, 60) && !feb.contains_at(late, 0));
        for offset in [-600, -60, 0, 60, 330] {
            let range = feb.utc_range(offset);
            for t in [late, at(2026, 2, 28, 23, 30), at(2026, 3, 1, 0, 0), at(2026, 2, 1, 5, 0), at(2026, 2, 28, 13, 0)]
            {
                assert_eq!(range.contains(t), feb.contains_at(t, offset), "{t} at {offset}");
            }
        }
        assert_eq!(feb.months(), vec![day(2026, 2, 1)]);
        assert_eq!(Period::new(day(2026, 1, 15), day(2026, 3, 2)).months().len(), 3);
    }

    #[test]
    fn csv_export_guards_formulas() {
        let mut t = ReportTable::new(["Reason", "Count"]);
        t.push(vec!["=HYPERLINK(\"x\")".into(), "2".into()]);
        assert_eq!(t.to_csv(), "\u{FEFF}Reason,Count\r\n\"'=HYPERLINK(\"\"x\"\")\",2\r\n");
        assert_eq!(format_cents(-1234), "-12.34");
        assert_eq!(format_cents(5), "0.05");
        assert_eq!(format_percent(Some(0.5)), "50.0");
    }
}
