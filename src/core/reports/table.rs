//! Any report as a table: typed cells that show one way on screen (grouped
//! numbers, amounts with their currency, percentages, month names, words
//! from the catalogue, in the person's locale) and another in a CSV file
//! (plain numbers, the currency in the column header, ISO months and days,
//! English words: files are not UI).

use chrono::NaiveDate;

use crate::core::display::{iso_date, iso_month, money, number, time, Locale};
use crate::core::i18n;
use crate::core::import::csv::write_csv;

/// One cell of a report table.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text that is data (a stage name, an owner, a company).
    Text(String),
    /// A word of the app, by its catalogue key (`reports.col.deals`): in
    /// the person's language on screen, English in a file. `{currency}` in
    /// it is the table's currency.
    Term(&'static str),
    /// The name of a record kind (`label.<kind>.<key>` in the catalogue,
    /// e.g. an activity type or lifecycle stage): translated like a term.
    Kind(&'static str, &'static str),
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
        self.in_file("")
    }

    /// The cell as a CSV file holds it, `{currency}` in a term filled.
    fn in_file(&self, currency: &str) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Term(key) => i18n::fill(Locale::En, key, &[("currency", currency)]),
            Cell::Kind(kind, key) => i18n::label(Locale::En, kind, key),
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
            Cell::Term(key) => i18n::fill(locale, key, &[("currency", currency)]),
            Cell::Kind(kind, key) => i18n::label(locale, kind, key),
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
/// CSV export. Amounts are in `currency` (the settings currency). Headers
/// are cells too: terms of the catalogue, or text that is data.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportTable {
    pub headers: Vec<Cell>,
    pub rows: Vec<Vec<Cell>>,
    pub currency: String,
}

impl ReportTable {
    pub fn new<S: Into<Cell>>(headers: impl IntoIterator<Item = S>) -> ReportTable {
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
        self.rows.iter().map(|r| r.iter().map(|c| c.in_file(&self.currency)).collect()).collect()
    }

    /// The headers as the CSV file holds them (English).
    pub fn plain_headers(&self) -> Vec<String> {
        self.headers.iter().map(|c| c.in_file(&self.currency)).collect()
    }

    /// The headers as people read them.
    pub fn shown_headers(&self, locale: Locale) -> Vec<String> {
        self.headers.iter().map(|c| c.shown(locale, &self.currency)).collect()
    }

    /// Row `i` as people read it.
    pub fn shown_row(&self, i: usize, locale: Locale) -> Vec<String> {
        self.rows[i].iter().map(|c| c.shown(locale, &self.currency)).collect()
    }

    /// The table as CSV (BOM, CRLF, cells guarded against formula injection
    /// by [`crate::core::import::csv::write_csv`]).
    pub fn to_csv(&self) -> String {
        write_csv(&self.plain_headers(), &self.plain_rows())
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
    fn a_term_is_english_in_a_file_and_in_the_locale_on_screen() {
        let mut t =
            ReportTable::new([Cell::Term("reports.col.stage"), Cell::Term("reports.col.value")]).in_currency("EUR");
        t.push(vec![Cell::Term("reports.row.total"), Cell::Money(100)]);
        assert_eq!(t.plain_headers(), ["Stage", "Value (EUR)"]);
        assert_eq!(t.shown_headers(Locale::De), ["Phase", "Wert (EUR)"]);
        assert_eq!(t.plain_rows()[0], ["Total", "1.00"]);
        assert_eq!(t.shown_row(0, Locale::Fr)[0], "Total");
        assert_eq!(t.shown_row(0, Locale::De)[0], "Summe");
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
