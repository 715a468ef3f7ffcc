//! Times the data audit of the demo data for 100,000 contacts, natively:
//! `cargo run --release --example audit_timing`.

use std::time::Instant;

use chrono::{Duration, TimeZone, Utc};
use crm::core::audit::audit;
use crm::core::dataset::Dataset;
use crm::core::demo::generate_demo;
use crm::core::timeline::last_contacted;

fn main() {
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 9, 0, 0).unwrap();
    let data = Dataset::from_parts(generate_demo(7, 100_000, now).into_records()).unwrap();
    let last = last_contacted(&data, now);
    let start = Instant::now();
    let a = audit(&data, &last, now - Duration::days(180), "GB");
    println!("audit of 100k contacts: {:?} ({} fixable, {} stale)", start.elapsed(), a.fixable_total, a.stale);
}
