//! What several report views share: amounts in whole units for charts, and
//! a summary table with a "Previous period" column when comparing.

use crate::core::reports::ReportTable;

/// Cents as whole currency units for charts.
pub fn units(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A label/value table with a "Previous period" column when comparing.
pub fn compared(rows: Vec<(String, String, String)>, compare: bool) -> ReportTable {
    let mut headers = vec!["Measure", "This period"];
    if compare {
        headers.push("Previous period");
    }
    let mut t = ReportTable::new(headers);
    for (label, now, before) in rows {
        let mut row = vec![label, now];
        if compare {
            row.push(before);
        }
        t.push(row);
    }
    t
}
