//! Writes the duplicate clusters of a backup file as JSON, with the app's
//! default settings: `cargo run --release --example dedupe_report -- backup.json [out.json]`.
//! The backup is a JSON object whose `payload.contacts` holds the contacts.

use std::process::ExitCode;

use crm::core::dedupe::{build_index, scan, DedupeIndex, DedupeSettings};
use crm::core::model::Contact;
use serde_json::{json, Value};

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
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    let report = report(&contacts, &index, &settings);
    let json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    match output {
        Some(path) => std::fs::write(path, json + "\n").map_err(|e| format!("{path}: {e}")),
        None => {
            println!("{json}");
            Ok(())
        }
    }
}

fn report(contacts: &[Contact], index: &DedupeIndex, settings: &DedupeSettings) -> Value {
    let clusters: Vec<Value> = scan(index, settings, &[])
        .iter()
        .map(|c| {
            let members: Vec<Value> = c
                .members
                .iter()
                .map(|&i| json!({ "id": contacts[i as usize].id, "name": contacts[i as usize].display_name() }))
                .collect();
            let pairs: Vec<Value> = c
                .pairs
                .iter()
                .map(|p| {
                    let reasons: Vec<String> = p.reasons.iter().map(ToString::to_string).collect();
                    json!({ "a": index.id(p.a), "b": index.id(p.b), "score": p.score, "reasons": reasons })
                })
                .collect();
            let level = if c.best_score >= settings.threshold_probable { "probable" } else { "possible" };
            json!({ "level": level, "best_score": c.best_score, "members": members, "pairs": pairs })
        })
        .collect();
    json!({
        "contacts": contacts.len(),
        "settings": settings,
        "skipped_blocks": index.skipped_blocks(),
        "clusters": clusters,
    })
}
