//! Writes the duplicate clusters of a backup file as JSON, with the settings
//! the app scans it with: `cargo run --release --example dedupe_report -- backup.json [out.json]`.
//!
//! The file is read and checked exactly as the app's import reads it (format,
//! checksum, counts, every record and the settings, through
//! `core::backup::parse_backup`): a damaged file or unreadable settings stop
//! the tool with the app's message and a non-zero exit status, and nothing
//! is written. Pairs marked "Not a duplicate" in the file's settings are left
//! out, as on the Duplicates page.

use std::process::ExitCode;

use chrono::{DateTime, Utc};
use crm::core::backup::parse_backup;
use crm::core::dedupe::{build_index, report, scan, DedupeSettings};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(input) = args.first() else {
        eprintln!("usage: dedupe_report BACKUP.json [OUT.json]");
        return ExitCode::from(2);
    };
    match run(input, args.get(1)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dedupe_report: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str, output: Option<&String>) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("{input}: {e}"))?;
    // Birthdays are checked against today, as the app does on import.
    let today = DateTime::<Utc>::from(std::time::SystemTime::now()).date_naive();
    let backup = parse_backup(&text, today).map_err(|e| format!("{input}: {e}"))?;
    let data = &backup.data;
    let settings = DedupeSettings::for_app(data.settings());
    let index = build_index(data.contacts(), &settings);
    let clusters = scan(&index, &settings, &data.settings().not_duplicates);
    let report = report(data.contacts(), &index, &settings, &clusters);
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    match output {
        Some(path) => std::fs::write(path, json + "\n").map_err(|e| format!("{path}: {e}")),
        None => {
            println!("{json}");
            Ok(())
        }
    }
}
