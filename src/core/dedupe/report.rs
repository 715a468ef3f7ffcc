//! The duplicate report as JSON: what `examples/dedupe_report.rs` writes and
//! the Duplicates page's "Export report" downloads, so both stay the same.

use serde_json::{json, Value};

use super::{Cluster, DedupeIndex, DedupeSettings};
use crate::core::records::Contact;

/// The report of `clusters` found in `contacts` (the list `index` was built
/// from): each cluster's level, best score, members and scored pairs with
/// their reasons, plus the settings and the blocks the scan skipped.
pub fn report(contacts: &[Contact], index: &DedupeIndex, settings: &DedupeSettings, clusters: &[Cluster]) -> Value {
    let clusters: Vec<Value> = clusters
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::dedupe::{build_index, scan};
    use crate::core::records::{Email, EmailKind};
    use chrono::{TimeZone, Utc};

    #[test]
    fn report_names_members_and_reasons() {
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let person = |id: &str, given: &str| {
            let mut c = Contact::blank(id.into(), t);
            c.given_name = given.into();
            c.family_name = "Miller".into();
            c.emails = vec![Email { kind: EmailKind::Work, address: "robert.miller@example.com".into() }];
            c
        };
        let contacts = vec![person("a", "Robert"), person("b", "Robert")];
        let settings = DedupeSettings::default();
        let index = build_index(&contacts, &settings);
        let clusters = scan(&index, &settings, &[]);
        let r = report(&contacts, &index, &settings, &clusters);
        assert_eq!(r["contacts"], 2);
        assert_eq!(r["clusters"][0]["level"], "probable");
        assert_eq!(r["clusters"][0]["members"][0], json!({ "id": "a", "name": "Robert Miller" }));
        let reasons = r["clusters"][0]["pairs"][0]["reasons"].as_array().unwrap();
        assert!(reasons.iter().any(|x| x.as_str().unwrap().starts_with("same email")), "{reasons:?}");
        assert!(scan(&index, &settings, &[("a".into(), "b".into())]).is_empty());
    }
}
