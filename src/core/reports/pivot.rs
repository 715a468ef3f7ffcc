//! The pivot (group-by) table: pick a record kind, a row dimension, an
//! optional column dimension and a measure, for the questions the fixed
//! reports don't answer.
//!
//! Records count when their date falls (local day) in the period: the
//! creation for contacts, companies and deals, the `at` time for
//! activities; the same date gives the `Month` dimension. The filter applies
//! to the kind as documented on [`Filter`]. A dimension that means nothing
//! for a kind (an activity's industry without a company, a contact's kind)
//! puts the record under "(none)", which sorts last.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::{
    add_months, company_country, contact_country, in_currency, month_index_of, Cell, FastMap, Filter, Period,
    ReportTable,
};
use crate::core::dataset::Dataset;
use crate::core::display::Locale;
use crate::core::i18n;
use crate::core::money::div_round;
use crate::core::records::{Activity, ActivityKind, Deal, DealStatus, LeadStatus, LifecycleStage};
use crate::core::records::{Company, Contact};
use crate::core::zone::Zone;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    Contacts,
    Companies,
    Deals,
    Activities,
}

/// What rows and columns group by. For each kind:
/// - `Stage`: lifecycle stage (contacts, companies), pipeline stage (deals);
/// - `Status`: lead status (contacts), deal status (deals);
/// - `Owner`: every kind;
/// - `Source`: contacts, and deals (first linked contact with a source);
/// - `Country`: own address (contacts, companies), the company's (deals, activities);
/// - `Industry`: companies, and the company's for the others;
/// - `Kind`: activity kind;
/// - `Month`: the record's date (see the module notes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dimension {
    Stage,
    Status,
    Owner,
    Source,
    Country,
    Industry,
    Kind,
    Month,
}

/// Numeric fields a measure can add up: a deal's amount (cents, settings
/// currency only) and probability, an activity's duration in minutes.
/// Records without the field add nothing to sums and averages. An average
/// amount is rounded to the cent by the one rule
/// ([`crate::core::money::div_round`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Amount,
    Probability,
    DurationMinutes,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Measure {
    Count,
    Sum(Field),
    Average(Field),
}

/// The result: `values[row][col]`, with totals. A cell is `None` only for an
/// average over nothing. Without a column dimension there is one column,
/// "Total", and `col_totals` equals it. Amounts are in cents of `currency`.
#[derive(Clone, Debug, PartialEq)]
pub struct PivotTable {
    pub measure: Measure,
    pub currency: String,
    pub row_labels: Vec<String>,
    pub col_labels: Vec<String>,
    /// The labels as table cells: names of record kinds (lifecycle stages,
    /// statuses, activity types) and "(none)" are words of the app, in the
    /// person's language on screen; the rest is data.
    pub row_cells: Vec<Cell>,
    pub col_cells: Vec<Cell>,
    pub values: Vec<Vec<Option<f64>>>,
    pub row_totals: Vec<Option<f64>>,
    pub col_totals: Vec<Option<f64>>,
    pub total: Option<f64>,
}

const NONE_RANK: i64 = i64::MAX;

/// The label of records without a value for a dimension (sorts last).
pub const NONE_LABEL: &str = "(none)";

#[derive(Clone, Copy)]
enum Rec<'a> {
    Contact(&'a Contact),
    Company(&'a Company),
    Deal(&'a Deal),
    Activity(&'a Activity),
}

impl<'a> Rec<'a> {
    fn date(self) -> DateTime<Utc> {
        match self {
            Rec::Contact(c) => c.created,
            Rec::Company(c) => c.created,
            Rec::Deal(d) => d.created,
            Rec::Activity(a) => a.at,
        }
    }

    fn company(self, data: &'a Dataset) -> Option<&'a Company> {
        let id = match self {
            Rec::Contact(c) => c.company_id.as_deref(),
            Rec::Company(c) => return Some(c),
            Rec::Deal(d) => d.company_id.as_deref(),
            Rec::Activity(a) => a.company_id.as_deref(),
        };
        id.and_then(|id| data.company(id))
    }

    /// The sort rank and label of the record's value for a dimension.
    fn key(self, data: &'a Dataset, dim: Dimension, zone: &Zone) -> (i64, Cow<'a, str>) {
        fn none<'x>() -> (i64, Cow<'x, str>) {
            (NONE_RANK, Cow::Borrowed(""))
        }
        let text = |s: &'a str| if s.is_empty() { none() } else { (0, Cow::Borrowed(s)) };
        let ranked = |rank: usize, s: &'static str| (rank as i64, Cow::Borrowed(s));
        match (dim, self) {
            (Dimension::Stage, Rec::Contact(c)) => ranked(c.lifecycle_stage as usize, c.lifecycle_stage.label()),
            (Dimension::Stage, Rec::Company(c)) => ranked(c.lifecycle_stage as usize, c.lifecycle_stage.label()),
            (Dimension::Stage, Rec::Deal(d)) => {
                let pipeline = &data.settings().pipeline;
                match pipeline.iter().position(|s| s.id == d.stage) {
                    Some(i) => (i as i64, Cow::Borrowed(pipeline[i].name.as_str())),
                    None => (pipeline.len() as i64, Cow::Borrowed(d.stage.as_str())),
                }
            }
            (Dimension::Status, Rec::Deal(d)) => ranked(d.status as usize, d.status.label()),
            (Dimension::Status, Rec::Contact(c)) => c.lead_status.map_or_else(none, |s| ranked(s as usize, s.label())),
            (Dimension::Owner, Rec::Contact(c)) => text(&c.owner),
            (Dimension::Owner, Rec::Company(c)) => text(&c.owner),
            (Dimension::Owner, Rec::Deal(d)) => text(&d.owner),
            (Dimension::Owner, Rec::Activity(a)) => text(&a.owner),
            (Dimension::Source, Rec::Contact(c)) => text(&c.source),
            (Dimension::Source, Rec::Deal(d)) => d
                .contact_ids
                .iter()
                .filter_map(|id| data.contact(id))
                .find(|c| !c.source.is_empty())
                .map_or_else(none, |c| text(&c.source)),
            (Dimension::Country, Rec::Contact(c)) => text(contact_country(c)),
            (Dimension::Country, _) => self.company(data).map_or_else(none, |c| text(company_country(c))),
            (Dimension::Industry, _) => self.company(data).map_or_else(none, |c| text(&c.industry)),
            (Dimension::Kind, Rec::Activity(a)) => ranked(a.kind as usize, a.kind.label()),
            (Dimension::Month, _) => (month_index_of(zone.local_date(self.date())) as i64, Cow::Borrowed("")),
            _ => none(),
        }
    }

    fn value(self, field: Field, currency: &str) -> Option<f64> {
        match (field, self) {
            (Field::Amount, Rec::Deal(d)) if in_currency(d, currency) => Some(d.amount_cents as f64),
            (Field::Probability, Rec::Deal(d)) => Some(f64::from(d.probability)),
            (Field::DurationMinutes, Rec::Activity(a)) => a.duration_min.map(f64::from),
            _ => None,
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Acc {
    count: usize,
    sum: f64,
    values: usize,
}

impl Acc {
    fn add(&mut self, value: Option<f64>) {
        self.count += 1;
        if let Some(v) = value {
            self.sum += v;
            self.values += 1;
        }
    }

    fn result(self, measure: Measure) -> Option<f64> {
        match measure {
            Measure::Count => Some(self.count as f64),
            Measure::Sum(_) => Some(self.sum),
            Measure::Average(Field::Amount) => {
                (self.values > 0).then(|| div_round(self.sum as i128, self.values as i128) as f64)
            }
            Measure::Average(_) => (self.values > 0).then(|| self.sum / self.values as f64),
        }
    }
}

fn label(dim: Dimension, (rank, label): &(i64, Cow<'_, str>)) -> String {
    if *rank == NONE_RANK {
        NONE_LABEL.to_string()
    } else if dim == Dimension::Month {
        super::month_label(add_months(chrono::NaiveDate::from_ymd_opt(0, 1, 1).expect("year 0 exists"), *rank as i32))
    } else {
        label.to_string()
    }
}

/// A label as a table cell: see [`PivotTable::row_cells`].
fn label_cell(kind: RecordKind, dim: Dimension, label: &str) -> Cell {
    fn named<T: Copy>(
        all: &[T],
        name: impl Fn(T) -> &'static str,
        key: impl Fn(T) -> &'static str,
        label: &str,
    ) -> Option<&'static str> {
        all.iter().copied().find(|&k| name(k) == label).map(key)
    }
    let found = match (dim, kind) {
        _ if label == NONE_LABEL => return Cell::Term("reports.row.none"),
        (Dimension::Stage, RecordKind::Contacts | RecordKind::Companies) => {
            named(LifecycleStage::ALL.as_slice(), LifecycleStage::label, LifecycleStage::key, label)
                .map(|k| ("lifecycle", k))
        }
        (Dimension::Status, RecordKind::Deals) => {
            named(DealStatus::ALL, DealStatus::label, DealStatus::key, label).map(|k| ("deal_status", k))
        }
        (Dimension::Status, RecordKind::Contacts) => {
            named(LeadStatus::ALL, LeadStatus::label, LeadStatus::key, label).map(|k| ("lead_status", k))
        }
        (Dimension::Kind, RecordKind::Activities) => {
            named(ActivityKind::ALL, ActivityKind::label, ActivityKind::key, label).map(|k| ("activity_kind", k))
        }
        _ => None,
    };
    match found {
        Some((group, key)) => Cell::Kind(group, key),
        None => Cell::text(label),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn pivot<'a>(
    data: &'a Dataset,
    kind: RecordKind,
    rows: Dimension,
    cols: Option<Dimension>,
    measure: Measure,
    period: &Period,
    zone: &Zone,
    filter: &Filter,
) -> PivotTable {
    let currency = data.settings().currency.as_str();
    let field = match measure {
        Measure::Count => None,
        Measure::Sum(f) | Measure::Average(f) => Some(f),
    };
    let mut row_keys: FastMap<(i64, Cow<'a, str>), usize> = FastMap::default();
    let mut col_keys: FastMap<(i64, Cow<'a, str>), usize> = FastMap::default();
    let mut cells: Vec<Vec<Acc>> = Vec::new();
    let range = period.utc_range(zone);
    let mut visit = |rec: Rec<'a>| {
        if !range.contains(rec.date()) {
            return;
        }
        let r = rec.key(data, rows, zone);
        let n = row_keys.len();
        let r = *row_keys.entry(r).or_insert(n);
        let c = match cols {
            Some(dim) => {
                let n = col_keys.len();
                *col_keys.entry(rec.key(data, dim, zone)).or_insert(n)
            }
            None => 0,
        };
        if cells.len() <= r {
            cells.resize_with(r + 1, Vec::new);
        }
        let row = &mut cells[r];
        if row.len() <= c {
            row.resize(c + 1, Acc::default());
        }
        row[c].add(field.and_then(|f| rec.value(f, currency)));
    };
    match kind {
        RecordKind::Contacts => {
            data.contacts().iter().filter(|c| filter.contact(c)).for_each(|c| visit(Rec::Contact(c)))
        }
        RecordKind::Companies => {
            data.companies().iter().filter(|c| filter.company(c)).for_each(|c| visit(Rec::Company(c)))
        }
        RecordKind::Deals => {
            data.deals().all().iter().filter(|d| filter.deal(data, d)).for_each(|d| visit(Rec::Deal(d)))
        }
        RecordKind::Activities => {
            data.activities().all().iter().filter(|a| filter.activity(a)).for_each(|a| visit(Rec::Activity(a)))
        }
    }

    let sorted = |keys: FastMap<(i64, Cow<str>), usize>, dim: Dimension| {
        let mut keys: Vec<((i64, Cow<str>), usize)> = keys.into_iter().collect();
        keys.sort_by(|a, b| a.0.cmp(&b.0));
        let labels: Vec<String> = keys.iter().map(|(k, _)| label(dim, k)).collect();
        let order: Vec<usize> = keys.into_iter().map(|(_, i)| i).collect();
        (labels, order)
    };
    let (row_labels, row_order) = sorted(row_keys, rows);
    let (col_labels, col_order) = match cols {
        Some(dim) => sorted(col_keys, dim),
        None => (vec!["Total".to_string()], vec![0]),
    };
    let row_cells = row_labels.iter().map(|l| label_cell(kind, rows, l)).collect();
    let col_cells = match cols {
        Some(dim) => col_labels.iter().map(|l| label_cell(kind, dim, l)).collect(),
        None => vec![Cell::Term("reports.row.total")],
    };
    let mut row_acc = vec![Acc::default(); row_order.len()];
    let mut col_acc = vec![Acc::default(); col_order.len()];
    let mut all = Acc::default();
    let merge = |into: &mut Acc, from: &Acc| {
        into.count += from.count;
        into.sum += from.sum;
        into.values += from.values;
    };
    let values = row_order
        .iter()
        .enumerate()
        .map(|(ri, &r)| {
            col_order
                .iter()
                .enumerate()
                .map(|(ci, &c)| {
                    let acc: Acc = cells.get(r).and_then(|row: &Vec<Acc>| row.get(c)).copied().unwrap_or_default();
                    merge(&mut row_acc[ri], &acc);
                    merge(&mut col_acc[ci], &acc);
                    merge(&mut all, &acc);
                    acc.result(measure)
                })
                .collect()
        })
        .collect();
    PivotTable {
        measure,
        currency: currency.to_string(),
        row_labels,
        col_labels,
        row_cells,
        col_cells,
        values,
        row_totals: row_acc.into_iter().map(|a| a.result(measure)).collect(),
        col_totals: col_acc.into_iter().map(|a| a.result(measure)).collect(),
        total: all.result(measure),
    }
}

impl PivotTable {
    /// A value as a table cell: amounts as money, counts and sums of
    /// minutes as whole numbers, averages with one decimal.
    fn cell(&self, v: Option<f64>) -> Cell {
        match (self.measure, v) {
            (_, None) => Cell::Empty,
            (Measure::Sum(Field::Amount) | Measure::Average(Field::Amount), Some(v)) => Cell::Money(v.round() as i64),
            (Measure::Count | Measure::Sum(_), Some(v)) => Cell::Count(v.round() as i64),
            (Measure::Average(_), Some(v)) => Cell::Decimal(Some(v)),
        }
    }

    /// The table with a first column of row labels, and a "Total" column
    /// and row when there is a column dimension. Amount columns name the
    /// currency.
    /// `row_header` is a catalogue term (`reports.pivot.dim.owner`).
    pub fn to_table(&self, row_header: &'static str) -> ReportTable {
        let has_cols = self.col_labels.len() != 1 || self.col_labels[0] != "Total";
        let is_money = matches!(self.measure, Measure::Sum(Field::Amount) | Measure::Average(Field::Amount));
        // An amount column names the currency: data labels get " (EUR)";
        // words of the app have a form with `{currency}`.
        let column = |c: &Cell| match (c, is_money) {
            (_, false) => c.clone(),
            (Cell::Term("reports.row.none"), true) => Cell::Term("reports.row.none_in_currency"),
            (Cell::Text(l), true) => Cell::text(format!("{l} ({})", self.currency)),
            (Cell::Kind(group, key), true) => {
                Cell::text(format!("{} ({})", i18n::label(Locale::En, group, key), self.currency))
            }
            _ => c.clone(),
        };
        let total = Cell::Term(if is_money { "reports.col.total_in_currency" } else { "reports.row.total" });
        let mut headers = vec![Cell::Term(row_header)];
        if has_cols {
            headers.extend(self.col_cells.iter().map(column));
        }
        headers.push(total);
        let mut t = ReportTable::new(headers).in_currency(&self.currency);
        for (i, label) in self.row_cells.iter().enumerate() {
            let mut row = vec![label.clone()];
            row.extend(self.values[i].iter().map(|&v| self.cell(v)));
            if has_cols {
                row.push(self.cell(self.row_totals[i]));
            }
            t.push(row);
        }
        if has_cols {
            let mut row = vec![Cell::Term("reports.row.total")];
            row.extend(self.col_totals.iter().map(|&v| self.cell(v)));
            row.push(self.cell(self.total));
            t.push(row);
        }
        t
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{activity, at, dataset, day, deals_dataset};
    use super::*;
    use crate::core::records::ActivityKind;

    fn q1() -> Period {
        Period::this_quarter(day(2026, 1, 1))
    }

    #[test]
    fn kinds_and_none_are_words_of_the_app() {
        let t = pivot(
            &deals_dataset(),
            RecordKind::Deals,
            Dimension::Owner,
            Some(Dimension::Status),
            Measure::Count,
            &q1(),
            &Zone::fixed(0),
            &Filter::default(),
        );
        assert_eq!(
            t.col_cells,
            vec![
                Cell::Kind("deal_status", "open"),
                Cell::Kind("deal_status", "won"),
                Cell::Kind("deal_status", "lost")
            ]
        );
        let table = t.to_table("reports.pivot.dim.owner");
        assert_eq!(table.plain_headers(), vec!["Owner", "Open", "Won", "Lost", "Total"]);
        assert_eq!(table.shown_headers(Locale::De)[0], "Verantwortlich");
        assert_eq!(table.shown_headers(Locale::De)[4], "Summe");
    }

    #[test]
    fn deals_by_owner_and_status() {
        let t = pivot(
            &deals_dataset(),
            RecordKind::Deals,
            Dimension::Owner,
            Some(Dimension::Status),
            Measure::Count,
            &q1(),
            &Zone::fixed(0),
            &Filter::default(),
        );
        assert_eq!(t.row_labels, vec!["ann", "bob"]);
        assert_eq!(t.col_labels, vec!["Open", "Won", "Lost"]);
        assert_eq!(t.values, vec![vec![Some(3.0), Some(2.0), Some(1.0)], vec![Some(1.0), Some(1.0), Some(1.0)]]);
        assert_eq!(t.row_totals, vec![Some(6.0), Some(3.0)]);
        assert_eq!(t.col_totals, vec![Some(4.0), Some(3.0), Some(2.0)]);
        assert_eq!(t.total, Some(9.0));
        let table = t.to_table("Owner");
        assert_eq!(table.plain_headers(), vec!["Owner", "Open", "Won", "Lost", "Total"]);
        assert_eq!(table.plain_rows()[2], vec!["Total", "4", "3", "2", "9"]);
    }

    #[test]
    fn sums_averages_and_months() {
        let data = deals_dataset();
        let none = Filter::default();
        // The USD deal adds nothing to the open amount.
        let sum = pivot(
            &data,
            RecordKind::Deals,
            Dimension::Status,
            None,
            Measure::Sum(Field::Amount),
            &q1(),
            &Zone::fixed(0),
            &none,
        );
        assert_eq!(sum.values, vec![vec![Some(350_000.0)], vec![Some(900_000.0)], vec![Some(90_000.0)]]);
        let avg = pivot(
            &data,
            RecordKind::Deals,
            Dimension::Stage,
            None,
            Measure::Average(Field::Probability),
            &q1(),
            &Zone::fixed(0),
            &none,
        );
        assert_eq!(avg.row_labels, vec!["Qualified", "Demo scheduled", "Proposal made", "Negotiation"]);
        assert_eq!(avg.values, vec![vec![Some(10.0)], vec![Some(40.0)], vec![Some(60.0)], vec![Some(80.0)]]);
        let months =
            pivot(&data, RecordKind::Deals, Dimension::Month, None, Measure::Count, &q1(), &Zone::fixed(0), &none);
        assert_eq!(months.row_labels, vec!["2026-01", "2026-02", "2026-03"]);
        assert_eq!(months.row_totals, vec![Some(2.0), Some(4.0), Some(3.0)]);
        let country =
            pivot(&data, RecordKind::Deals, Dimension::Country, None, Measure::Count, &q1(), &Zone::fixed(0), &none);
        assert_eq!(country.row_labels, vec!["DE", "FR", "(none)"]);
        assert_eq!(country.row_totals, vec![Some(4.0), Some(4.0), Some(1.0)]);
        assert_eq!(
            pivot(
                &data,
                RecordKind::Companies,
                Dimension::Industry,
                None,
                Measure::Count,
                &q1(),
                &Zone::fixed(0),
                &none
            )
            .total,
            Some(0.0)
        );
    }

    /// The average amount of won deals in Q1: 300,000, 100,000 and 500,000
    /// cents are 300,000 each; with 2 cents more on w1 the average is
    /// 300,000.67 cents, which rounds to 300,001. Amount columns are money in
    /// the settings currency.
    #[test]
    fn average_amounts_round_to_the_cent() {
        let avg = |data: &Dataset| {
            pivot(
                data,
                RecordKind::Deals,
                Dimension::Status,
                None,
                Measure::Average(Field::Amount),
                &q1(),
                &Zone::fixed(0),
                &Filter::default(),
            )
        };
        let mut data = deals_dataset();
        assert_eq!(avg(&data).values[1], vec![Some(300_000.0)]);
        let mut w1 = data.deals().get("w1").unwrap().clone();
        w1.amount_cents += 2;
        data.apply(&crate::core::changes::Change::PutDeal { record: w1 });
        let t = avg(&data);
        assert_eq!(t.values[1], vec![Some(300_001.0)]);
        let table = t.to_table("Status");
        assert_eq!(table.plain_headers(), vec!["Status", "Total (EUR)"]);
        assert_eq!(table.plain_rows()[1], vec!["Won", "3000.01"]);
        assert_eq!(table.shown_row(1, crate::core::display::Locale::En), vec!["Won", "€3,000.01"]);
    }

    #[test]
    fn activities_average_duration_by_kind() {
        let mut a1 = activity("a1", ActivityKind::Call, at(2026, 1, 5, 9, 0), "ann", &[]);
        a1.duration_min = Some(10);
        let mut a2 = activity("a2", ActivityKind::Call, at(2026, 1, 6, 9, 0), "ann", &[]);
        a2.duration_min = Some(20);
        let a3 = activity("a3", ActivityKind::Email, at(2026, 1, 7, 9, 0), "bob", &[]);
        let data = dataset(Vec::new(), Vec::new(), Vec::new(), vec![a1, a2, a3]);
        let t = pivot(
            &data,
            RecordKind::Activities,
            Dimension::Kind,
            None,
            Measure::Average(Field::DurationMinutes),
            &q1(),
            &Zone::fixed(0),
            &Filter::default(),
        );
        assert_eq!(t.row_labels, vec!["Call", "Email"]);
        assert_eq!(t.values, vec![vec![Some(15.0)], vec![None]]);
        assert_eq!(t.total, Some(15.0));
        assert_eq!(t.to_table("Type").plain_rows()[1], vec!["Email", ""]);
        assert_eq!(t.to_table("Type").plain_rows()[0], vec!["Call", "15.0"]);
    }

    #[test]
    fn empty_pivot() {
        let t = pivot(
            &Dataset::default(),
            RecordKind::Contacts,
            Dimension::Owner,
            Some(Dimension::Month),
            Measure::Count,
            &q1(),
            &Zone::fixed(0),
            &Filter::default(),
        );
        assert!(t.row_labels.is_empty() && t.values.is_empty());
        assert_eq!(t.total, Some(0.0));
    }
}
