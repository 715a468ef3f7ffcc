//! Exports of lists as files people open elsewhere: CSV (through
//! [`write_csv`], so UTF-8 with a byte order mark and formula-safe cells) and
//! vCard 4.0 (through [`write_vcard`]).

use super::dataset::Dataset;
use super::display::{iso_date, money};
use super::import::csv::write_csv;
use super::import::vcard::write_vcard;
use super::records::DealStatus;
use super::zone::Zone;

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

/// The columns of the companies list, in its order.
pub const COMPANY_COLUMNS: [&str; 4] = ["Name", "Domain", "Industry", "Stage"];

/// The companies at `rows` (indices into `data.companies()`, in list order)
/// as CSV with the list's visible columns.
pub fn companies_csv(data: &Dataset, rows: &[u32]) -> String {
    let cells: Vec<[String; 4]> = rows
        .iter()
        .filter_map(|&i| data.companies().get(i as usize))
        .map(|c| [c.name.clone(), c.domain.clone(), c.industry.clone(), c.lifecycle_stage.label().to_string()])
        .collect();
    write_csv(&COMPANY_COLUMNS, &cells)
}

/// The columns of the deals list; the amount is a plain number with its
/// currency in the next column, so spreadsheets can add amounts up.
pub const DEAL_COLUMNS: [&str; 6] = ["Title", "Company", "Amount", "Currency", "Stage", "Expected close"];

/// The deals at `rows` (indices into `data.deals().all()`, in list order).
/// The stage of a won or lost deal is its status, as the list shows it.
pub fn deals_csv(data: &Dataset, rows: &[u32]) -> String {
    let cells: Vec<[String; 6]> = rows
        .iter()
        .filter_map(|&i| data.deals().all().get(i as usize))
        .map(|d| {
            let company = d.company_id.as_deref().and_then(|id| data.company(id)).map(|c| c.name.clone());
            let stage = match d.status {
                DealStatus::Open => data.settings().stage(&d.stage).map_or_else(|| d.stage.clone(), |s| s.name.clone()),
                s => s.label().to_string(),
            };
            [
                d.title.clone(),
                company.unwrap_or_default(),
                money::plain(d.amount_cents),
                d.currency.clone(),
                stage,
                d.expected_close.map(iso_date).unwrap_or_default(),
            ]
        })
        .collect();
    write_csv(&DEAL_COLUMNS, &cells)
}

/// The columns of the activities list; "When" names the zone its times are
/// in.
pub const ACTIVITY_COLUMNS: [&str; 4] = ["When", "Kind", "Subject", "With"];

/// The activities at `rows` (indices into `data.activities().all()`), with
/// their times as the list shows them, local times of `zone`, written
/// "2026-11-23 10:05" for spreadsheets; the header says which zone:
/// "When (Europe/Berlin)", or its offset now when it has no name.
pub fn activities_csv(data: &Dataset, rows: &[u32], zone: &Zone, now: chrono::DateTime<chrono::Utc>) -> String {
    let cells: Vec<[String; 4]> = rows
        .iter()
        .filter_map(|&i| data.activities().all().get(i as usize))
        .map(|a| {
            let subject = if a.subject.is_empty() { a.outcome.clone() } else { a.subject.clone() };
            let with = a.contact_ids.first().and_then(|id| data.contact(id)).map(|c| c.display_name());
            let when = super::display::time::input_minute(a.at, zone).replacen('T', " ", 1);
            [when, a.kind.label().to_string(), subject, with.unwrap_or_default()]
        })
        .collect();
    let zone_name = match zone.name() {
        "" => super::zone::offset_text(zone.offset_at(now)),
        name => name.to_string(),
    };
    let mut headers = ACTIVITY_COLUMNS.map(String::from);
    headers[0] = format!("When ({zone_name})");
    write_csv(&headers, &cells)
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
    use crate::core::records::{Company, Contact, Email, Phone};
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
        use crate::core::import::vcard::parse_vcards;
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

    #[test]
    fn every_list_exports_its_rows_and_columns() {
        use crate::core::dataset::Records;
        use crate::core::records::{Activity, ActivityKind, Deal, Settings};
        let t = Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap();
        let mut acme = Company::blank("acme".into(), t);
        (acme.name, acme.domain, acme.industry) = ("Acme".into(), "acme.example".into(), "=cmd".into());
        let mut ann = Contact::blank("ann".into(), t);
        ann.given_name = "Ann".into();
        let settings = Settings::initial(t);
        let mut d = Deal::blank("d1".into(), &settings.pipeline[3], "EUR", t);
        (d.title, d.company_id, d.amount_cents) = ("Roof".into(), Some("acme".into()), 1_250_050);
        d.expected_close = chrono::NaiveDate::from_ymd_opt(2026, 6, 30);
        let mut won = d.clone();
        (won.id, won.title, won.status) = ("d2".into(), "Door".into(), DealStatus::Won);
        let mut call = Activity::blank("a1".into(), ActivityKind::Call, t);
        (call.subject, call.contact_ids) = ("Intro".into(), vec!["ann".into()]);
        let data = Dataset::from_parts(Records {
            companies: vec![acme],
            contacts: vec![ann],
            deals: vec![d, won],
            activities: vec![call],
            tasks: vec![],
            settings: Some(settings),
        })
        .unwrap();
        assert_eq!(
            companies_csv(&data, &[0]),
            "\u{FEFF}Name,Domain,Industry,Stage\r\nAcme,acme.example,'=cmd,Reach\r\n"
        );
        let deals = deals_csv(&data, &[1, 0]);
        assert_eq!(
            deals,
            "\u{FEFF}Title,Company,Amount,Currency,Stage,Expected close\r\n\
             Door,Acme,12500.50,EUR,Won,2026-06-30\r\nRoof,Acme,12500.50,EUR,Proposal made,2026-06-30\r\n"
        );
        // Local times with the zone in the header (08:00 UTC is 10:00 in
        // Berlin in May), or the offset when the zone has no name.
        let berlin = crate::core::zone::tests::berlin();
        let acts = activities_csv(&data, &[0], &berlin, t);
        assert_eq!(acts, "\u{FEFF}When (Europe/Berlin),Kind,Subject,With\r\n2026-05-01 10:00,Call,Intro,Ann\r\n");
        let acts = activities_csv(&data, &[0], &crate::core::zone::Zone::fixed(-300), t);
        assert_eq!(acts, "\u{FEFF}When (UTC−05:00),Kind,Subject,With\r\n2026-05-01 03:00,Call,Intro,Ann\r\n");
    }
}
