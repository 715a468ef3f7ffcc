//! Exports of lists as files people open elsewhere: CSV (through
//! [`write_csv`], so UTF-8 with a byte order mark and formula-safe cells).

use super::csv::write_csv;
use super::dataset::Dataset;

/// The columns of the contacts list, in its order.
pub const CONTACT_COLUMNS: [&str; 5] = ["Name", "Company", "Email", "Phone", "Stage"];

/// The contacts at `rows` (indices into `data.contacts()`, in list order) as
/// CSV with the list's visible columns.
pub fn contacts_csv(data: &Dataset, rows: &[u32]) -> String {
    let cells: Vec<[String; 5]> = rows
        .iter()
        .filter_map(|&i| data.contacts().get(i as usize))
        .map(|c| {
            [
                c.display_name(),
                data.company_name_of(c).unwrap_or_default().to_string(),
                c.primary_email().unwrap_or_default().to_string(),
                c.primary_phone().unwrap_or_default().to_string(),
                c.lifecycle_stage.label().to_string(),
            ]
        })
        .collect();
    write_csv(&CONTACT_COLUMNS, &cells)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::model::{Company, Contact, Email, Phone};
    use chrono::{TimeZone, Utc};

    #[test]
    fn exports_the_given_rows_in_order_safely() {
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
        let mut acme = Company::blank("acme".into(), t);
        acme.name = "Acme, Inc.".into();
        let mut a = Contact::blank("a".into(), t);
        a.given_name = "=HYPERLINK(\"x\")".into();
        a.company_id = Some("acme".into());
        a.phones = vec![Phone { number: "+441632960001".into(), ..Default::default() }];
        let mut b = Contact::blank("b".into(), t);
        b.given_name = "Bea".into();
        b.emails = vec![Email { address: "bea@example.com".into(), ..Default::default() }];
        let data = Dataset::from_records(vec![acme], vec![a, b]).unwrap();
        let i = |id: &str| data.contacts().iter().position(|c| c.id == id).unwrap() as u32;
        let stage = data.contacts()[0].lifecycle_stage.label();
        let text = contacts_csv(&data, &[i("b"), i("a")]);
        assert_eq!(
            text,
            format!(
                "\u{FEFF}Name,Company,Email,Phone,Stage\r\nBea,,bea@example.com,,{stage}\r\n\
                 \"'=HYPERLINK(\"\"x\"\")\",\"Acme, Inc.\",,'+441632960001,{stage}\r\n"
            )
        );
    }
}
