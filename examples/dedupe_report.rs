//! Writes the duplicate clusters of a backup file as JSON, with the settings
//! the app scans it with: `cargo run --release --example dedupe_report -- backup.json [out.json]`.
//! The backup is a JSON object whose `payload.contacts` holds the contacts.

use std::process::ExitCode;

use crm::core::dedupe::{build_index, report, scan, DedupeSettings};
use crm::core::records::Contact;
use crm::core::records::Settings;
use serde_json::Value;

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
    let backup: Value = serde_json::from_str(&text).map_err(|e| format!("{input}: {e}"))?;
    let contacts: Vec<Contact> =
        serde_json::from_value(backup["payload"]["contacts"].clone()).map_err(|e| format!("payload.contacts: {e}"))?;
    // The app's settings: the defaults, with the backup's default phone country.
    let app_settings: Option<Settings> = serde_json::from_value(backup["payload"]["settings"].clone()).ok();
    let settings = app_settings.as_ref().map_or_else(DedupeSettings::default, DedupeSettings::for_app);
    let index = build_index(&contacts, &settings);
    let clusters = scan(&index, &settings, &[]);
    let report = report(&contacts, &index, &settings, &clusters);
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    match output {
        Some(path) => std::fs::write(path, json + "\n").map_err(|e| format!("{path}: {e}")),
        None => {
            println!("{json}");
            Ok(())
        }
    }
}
