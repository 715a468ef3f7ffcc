//! Times what every start of the app does with the stored chunks, natively,
//! for 500,000 activities: encoding them (a snapshot write), parsing them,
//! and parsing and indexing them into a dataset, in chunk format 3 (bytes,
//! what the app writes) and format 2 (JSON text, what older versions wrote):
//! `cargo run --release --example decode_timing`.

use std::time::Instant;

use chrono::{TimeZone, Utc};
use crm::core::dataset::{Dataset, Records};
use crm::core::records::{Activity, ActivityKind};
use crm::core::snapshot::{decode_dataset, decode_records, encode_chunks, encode_text_chunks, ChunkData};

fn main() {
    let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    let activities: Vec<Activity> = (0..500_000)
        .map(|n| {
            let mut a = Activity::blank(format!("{n:08x}-6d7e-4f80-9a1b-2c3d4e5f6a7b"), ActivityKind::Call, t);
            a.subject = format!("Follow-up call {n}");
            a.outcome = "Connected".into();
            a.duration_min = Some(15);
            a.contact_ids = vec!["0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into()];
            a.company_id = Some("1b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into());
            a
        })
        .collect();
    let data = Dataset::from_parts(Records { activities, ..Records::default() }).unwrap();
    time(
        "format 3 (bytes)",
        &data,
        |d| encode_chunks(d).into_iter().map(|(_, c)| c).collect::<Vec<Vec<u8>>>(),
        |c| c.len(),
    );
    time(
        "format 2 (text)",
        &data,
        |d| encode_text_chunks(d).into_iter().map(|(_, c)| c).collect::<Vec<String>>(),
        |c| c.len(),
    );
}

fn time<C: ChunkData>(name: &str, data: &Dataset, encode: impl Fn(&Dataset) -> Vec<C>, len: impl Fn(&C) -> usize) {
    let start = Instant::now();
    let chunks = encode(data);
    let encoded = start.elapsed();
    let bytes: usize = chunks.iter().map(len).sum();
    let start = Instant::now();
    let records = decode_records(&chunks).unwrap();
    let parsed = start.elapsed();
    assert_eq!(records.activities.len(), 500_000);
    drop(records);
    let start = Instant::now();
    let back = decode_dataset(&chunks, Vec::<String>::new()).unwrap();
    println!(
        "500k activities, {name}, {:.1} MB: encode {encoded:?}, parse {parsed:?}, parse and index {:?}",
        bytes as f64 / 1e6,
        start.elapsed(),
    );
    assert_eq!(back.activities().len(), 500_000);
}
