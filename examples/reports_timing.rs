//! Times every report computation on the demo data for 100,000 contacts
//! (9,090 companies, 20,000 deals, 500,000 activities), natively. Prints the
//! best and the median of five runs each:
//! `cargo run --release --example reports_timing`.

use std::time::Instant;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use crm::core::dataset::Dataset;
use crm::core::demo::generate_demo;
use crm::core::reports::pivot::{pivot, Dimension, Field, Measure, RecordKind};
use crm::core::reports::{Filter, Period};

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Runs `f` five times and prints the fastest and the median run, since
/// a shared machine adds noise.
fn time<T>(name: &str, f: impl Fn() -> T) -> T {
    let mut runs = Vec::new();
    let mut out = None;
    for _ in 0..5 {
        let start = Instant::now();
        out = Some(f());
        runs.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    runs.sort_by(f64::total_cmp);
    println!("{name:<40} best {:>8.2} ms   median {:>8.2} ms", runs[0], runs[2]);
    out.expect("ran")
}

fn main() {
    let now = at(2026, 11, 23, 12, 0);
    let data = Dataset::from_parts(generate_demo(7, 100_000, now).into_records()).unwrap();
    println!(
        "{} contacts, {} companies, {} deals, {} activities",
        data.contacts().len(),
        data.companies().len(),
        data.deals().len(),
        data.activities().len()
    );
    let today = day(2026, 11, 23);
    let year = Period::this_year(today);
    let quarter = Period::this_quarter(today);
    let none = Filter::default();
    // Berlin in 2026: the reports convert on both sides of the changes.
    let zone = crm::core::zone::Zone::new(
        "Europe/Berlin",
        60,
        vec![(at(2026, 3, 29, 1, 0), 120), (at(2026, 10, 25, 1, 0), 60)],
    );
    let offset = &zone;
    time("pipeline_by_stage", || crm::core::reports::deals::pipeline_by_stage(&data, &none));
    time("forecast (quarter)", || crm::core::reports::deals::forecast(&data, &quarter, today, &none));
    time("won_lost (year)", || crm::core::reports::deals::won_lost(&data, &year, offset, &none));
    time("lifecycle_funnel (year)", || crm::core::reports::funnel::lifecycle_funnel(&data, &year, offset, &none));
    time("activities (year)", || crm::core::reports::activity::activities(&data, &year, offset, &none));
    time("not_contacted (30 days)", || crm::core::reports::activity::not_contacted(&data, now, 30, offset, &none));
    let last = crm::core::timeline::last_contacted(&data, now);
    time("not_contacted_with (last contacts given)", || {
        crm::core::reports::activity::not_contacted_with(&data, &last, now, 30, offset, &none)
    });
    time("revenue_by_company (year)", || {
        crm::core::reports::customer_value::revenue_by_company(&data, &year, offset, &none)
    });
    time("revenue_by_group tag (year)", || {
        crm::core::reports::customer_value::revenue_by_group(
            &data,
            &year,
            offset,
            crm::core::reports::customer_value::GroupBy::Tag,
            &none,
        )
    });
    time("revenue_by_group country (year)", || {
        crm::core::reports::customer_value::revenue_by_group(
            &data,
            &year,
            offset,
            crm::core::reports::customer_value::GroupBy::Country,
            &none,
        )
    });
    let r = time("rfm (year)", || crm::core::reports::customer_value::rfm(&data, &year, today, offset, &none));
    println!("  {} customers in RFM", r.customers.len());
    let wide = Period::new(day(2000, 1, 1), day(2100, 1, 1));
    time("pivot activities owner × kind (all)", || {
        pivot(
            &data,
            RecordKind::Activities,
            Dimension::Owner,
            Some(Dimension::Kind),
            Measure::Count,
            &wide,
            offset,
            &none,
        )
    });
    time("pivot activities month × kind (all)", || {
        pivot(
            &data,
            RecordKind::Activities,
            Dimension::Month,
            Some(Dimension::Kind),
            Measure::Count,
            &wide,
            offset,
            &none,
        )
    });
    time("pivot contacts country × stage (all)", || {
        pivot(
            &data,
            RecordKind::Contacts,
            Dimension::Country,
            Some(Dimension::Stage),
            Measure::Count,
            &wide,
            offset,
            &none,
        )
    });
    time("pivot deals industry × status sum (all)", || {
        pivot(
            &data,
            RecordKind::Deals,
            Dimension::Industry,
            Some(Dimension::Status),
            Measure::Sum(Field::Amount),
            &wide,
            offset,
            &none,
        )
    });
    let owner = Filter { owner: data.deals().all().first().map(|d| d.owner.clone()), ..Filter::default() };
    time("won_lost (year, owner filter)", || crm::core::reports::deals::won_lost(&data, &year, offset, &owner));
    time("pipeline_by_stage (country filter)", || {
        crm::core::reports::deals::pipeline_by_stage(&data, &Filter { country: Some("DE".into()), ..Filter::default() })
    });
    let table = time("won_lost to_table + to_csv", || {
        crm::core::reports::deals::won_lost(&data, &year, offset, &none).to_table().to_csv()
    });
    assert!(!table.is_empty());
}
