//! Writes a demo backup file for benchmarks and manual tests:
//!
//! ```text
//! cargo run --release --example make_backup -- <contacts> <out.json> [seed]
//! ```
//!
//! The records (contacts, companies, deals, activities, tasks and settings)
//! come from `core::demo::generate_demo` with a fixed "now"
//! (2026-11-01T00:00:00Z), so the same arguments always give the same file.
//! It uses only `core`, so it runs natively, and prints how long generating
//! and exporting took.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use chrono::{TimeZone, Utc};
use crm::core::backup::export_backup;
use crm::core::dataset::Dataset;
use crm::core::demo::generate_demo;

const USAGE: &str = "usage: make_backup <contacts> <out.json> [seed]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(count), Some(out)) = (args.first(), args.get(1)) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let Ok(count) = count.parse::<usize>() else {
        eprintln!("<contacts> must be a number\n{USAGE}");
        return ExitCode::FAILURE;
    };
    let seed = match args.get(2).map(|s| s.parse::<u64>()) {
        None => 42,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("[seed] must be a number\n{USAGE}");
            return ExitCode::FAILURE;
        }
    };
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let start = Instant::now();
    let demo = generate_demo(seed, count, now);
    let generated = start.elapsed();
    let data = match Dataset::from_parts(demo.into_records()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("the demo data has two {} records with the id {}", e.kind, e.id);
            return ExitCode::FAILURE;
        }
    };
    let start = Instant::now();
    let text = export_backup(&data, "bench", now);
    let exported = start.elapsed();
    let out = Path::new(out);
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!("cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} ({:.1} MB): {} contacts, {} companies, {} deals, {} activities, {} tasks",
        out.display(),
        text.len() as f64 / 1_048_576.0,
        data.contacts().len(),
        data.companies().len(),
        data.deals().len(),
        data.activities().len(),
        data.tasks().len()
    );
    println!("generated in {generated:.2?}, exported in {exported:.2?}");
    ExitCode::SUCCESS
}
