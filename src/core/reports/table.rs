//! Any report as a table: typed cells that show one way on screen (grouped
//! numbers, amounts with their currency, percentages, month names, in the
//! person's locale) and another in a CSV file (plain numbers, the currency
//! in the column header, ISO months and days).

use chrono::NaiveDate;

use crate::core::display::{iso_date, iso_month, money, number, time, Locale};
use crate::core::import::csv::write_csv;

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count: "1,234" on screen, "1234" in a file.
    Count(i64),
    /// An amount in cents of the table's currency: "€15,500.75" on screen,
    /// "15500.75" in a file.
    Money(i64),
    /// A ratio shown as a percentage with one decimal: "60.0%" on screen,
    /// "60.0" in a file (whose header says "%"). Empty when undefined.
    Percent(Option<f64>),
    /// A number with one decimal ("42.7"); empty when undefined.
    Decimal(Option<f64>),
    /// A month (its first day): "March 2026" on screen, "2026-03" in a file.
    Month(NaiveDate),
    /// A day: "2 March 2026" on screen, "2026-03-02" in a file.
    Day(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    pub fn count(n: usize) -> Cell {
        Cell::Count(i64::try_from(n).unwrap_or(i64::MAX))
    }

    /// The cell as a CSV file holds it.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Count(n) => n.to_string(),
            Cell::Money(c) => money::plain(*c),
            Cell::Percent(r) => r.map_or(String::new(), |r| format!("{:.1}", r * 100.0)),
            Cell::Decimal(v) => v.map_or(String::new(), |v| format!("{v:.1}")),
            Cell::Month(d) => iso_month(*d),
            Cell::Day(d) => iso_date(*d),
            Cell::Empty => String::new(),
        }
    }

    /// The cell as people read it, amounts in `currency`.
    pub fn shown(&self, locale: Locale, currency: &str) -> String {
        match self {
            Cell::Count(n) => number::integer(locale, *n),
            Cell::Money(c) => money::money(locale, *c, currency, money::Cents::Always),
            Cell::Percent(r) => r.map_or(String::new(), |r| number::percent(locale, r, 1)),
            Cell::Decimal(v) => v.map_or(String::new(), |v| number::decimal(locale, v, 1)),
            Cell::Month(d) => time::month_year(locale, *d),
            Cell::Day(d) => time::long_date(locale, *d),
            Cell::Text(_) | Cell::Empty => self.plain(),
        }
    }

    /// The number a chart draws for the cell: amounts in whole units.
    pub fn value(&self) -> Option<f64> {
        match self {
            Cell::Count(n) => Some(*n as f64),
            Cell::Money(c) => Some(*c as f64 / 100.0),
            Cell::Percent(r) => r.map(|r| r * 100.0),
            Cell::Decimal(v) => *v,
            _ => None,
        }
    }

    /// Whether the cell is a number (right-aligned on screen).
    pub fn is_number(&self) -> bool {
        matches!(self, Cell::Count(_) | Cell::Money(_) | Cell::Percent(_) | Cell::Decimal(_))
    }
}

impl From<String> for Cell {
    fn from(s: String) -> Cell {
        Cell::Text(s)
    }
}

impl From<&str> for Cell {
    fn from(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

/// Any report as a table of cells, for the screen-reader table view and
/// CSV export. Amounts are in `currency` (the settings currency).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportTable {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    pub currency: String,
}

impl ReportTable {
    pub fn new<S: Into<String>>(headers: impl IntoIterator<Item = S>) -> ReportTable {
        ReportTable {
            headers: headers.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            currency: String::new(),
        }
    }

    /// The table with its amounts in `currency`.
    pub fn in_currency(mut self, currency: &str) -> ReportTable {
        self.currency = currency.to_string();
        self
    }

    pub fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    /// Every row as the CSV file holds it.
    pub fn plain_rows(&self) -> Vec<Vec<String>> {
        self.rows.iter().map(|r| r.iter().map(Cell::plain).collect()).collect()
    }

    /// Row `i` as people read it.
    pub fn shown_row(&self, i: usize, locale: Locale) -> Vec<String> {
        self.rows[i].iter().map(|c| c.shown(locale, &self.currency)).collect()
    }

    /// The table as CSV (BOM, CRLF, cells guarded against formula injection
    /// by [`crate::core::import::csv::write_csv`]).
    pub fn to_csv(&self) -> String {
        write_csv(&self.headers, &self.plain_rows())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One formatter: the won value of the figures worked out by hand shows
    /// as the tiles show money ("€15,500.75"), and the CSV keeps the plain
    /// number with the currency in its header.
    #[test]
    fn a_cell_on_screen_and_in_a_file() {
        let mut t = ReportTable::new(["Month", "Won", "Won value (EUR)", "Win rate (%)"]).in_currency("EUR");
        t.push(vec![
            Cell::Month(NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()),
            Cell::count(1234),
            Cell::Money(1_550_075),
            Cell::Percent(Some(2.0 / 3.0)),
        ]);
        assert_eq!(t.shown_row(0, Locale::En), ["March 2026", "1,234", "€15,500.75", "66.7%"]);
        assert_eq!(t.shown_row(0, Locale::De), ["März 2026", "1.234", "15.500,75\u{A0}€", "66,7\u{A0}%"]);
        assert_eq!(t.plain_rows()[0], ["2026-03", "1234", "15500.75", "66.7"]);
        assert_eq!(t.to_csv(), "\u{FEFF}Month,Won,Won value (EUR),Win rate (%)\r\n2026-03,1234,15500.75,66.7\r\n");
        assert_eq!(Cell::Money(1_550_075).value(), Some(15_500.75));
        assert_eq!(Cell::Percent(None).shown(Locale::En, "EUR"), "");
    }

    #[test]
    fn csv_export_guards_formulas() {
        let mut t = ReportTable::new(["Reason", "Count"]);
        t.push(vec!["=HYPERLINK(\"x\")".into(), Cell::count(2)]);
        assert_eq!(t.to_csv(), "\u{FEFF}Reason,Count\r\n\"'=HYPERLINK(\"\"x\"\")\",2\r\n");
        assert_eq!(Cell::Money(-1234).plain(), "-12.34");
        assert_eq!(Cell::Money(5).plain(), "0.05");
        assert_eq!(Cell::Percent(Some(0.5)).plain(), "50.0");
    }
}
