//! Exports of lists as files people open elsewhere: CSV (through
//! [`write_csv`], so UTF-8 with a byte order mark and formula-safe cells) and
//! vCard 4.0 (through [`write_vcard`]).

use super::csv::write_csv;
use super::dataset::Dataset;
use super::vcard::write_vcard;

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

/// The contacts with these ids, in the dataset's order, as one vCard 4.0
/// file (one card each; ids no longer in the data are left out).
pub fn contacts_vcard<'a>(data: &Dataset, ids: impl IntoIterator<Item = &'a str>) -> String {
    let wanted: std::collections::HashSet<&str> = ids.into_iter().collect();
    if wanted.is_empty() {
        return String::new();
    }
    data.contacts()
        .iter()
        .filter(|c| wanted.contains(c.id.as_str()))
        .map(|c| write_vcard(c, data.company_name_of(c)))
        .collect()
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

    #[test]
    fn a_selection_exports_as_one_vcard_file() {
        use crate::core::vcard::parse_vcards;
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
        let person = |id: &str, given: &str| {
            let mut c = Contact::blank(id.into(), t);
            c.given_name = given.into();
            c
        };
        let data =
            Dataset::from_records(vec![], vec![person("a", "Ann"), person("b", "Bea"), person("c", "Cy")]).unwrap();
        let text = contacts_vcard(&data, ["c", "a", "gone", "a"]);
        let cards = parse_vcards(&text).unwrap();
        let mut names: Vec<String> = cards.iter().map(|c| c.contact.given_name.clone()).collect();
        names.sort();
        assert_eq!(names, ["Ann", "Cy"]);
        assert_eq!(text.matches("BEGIN:VCARD").count(), 2);
        assert_eq!(contacts_vcard(&data, []), "");
    }
}
