//! The duplicate report as JSON: what `examples/dedupe_report.rs` writes and
//! the Duplicates page's "Export report" downloads, so both stay the same.
//! Besides the clusters it holds the weights in use and what learning them
//! did, and how many candidate pairs the blocks allowed.

use serde_json::{json, Value};

use super::cluster::Cluster;
use super::index::DedupeIndex;
use super::settings::DedupeSettings;
use crate::core::records::Contact;

/// How many skipped blocks the report lists (the largest; the total is given).
const MAX_SKIPPED_LISTED: usize = 100;

/// The report of `clusters` found in `contacts` (the list `index` was built
/// from): each cluster's level, best score, members and scored pairs with
/// their reasons, plus the settings, the weights and what learning them did,
/// the candidate pairs the blocks allowed and the largest blocks the scan
/// skipped.
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
                    let mut pair =
                        json!({ "a": index.id(p.a), "b": index.id(p.b), "score": p.score, "reasons": reasons });
                    if let Some(review) = p.review {
                        pair["review"] = json!(review.to_string());
                    }
                    pair
                })
                .collect();
            let level = if c.best_score >= settings.threshold_probable { "probable" } else { "possible" };
            json!({ "level": level, "best_score": c.best_score, "members": members, "pairs": pairs })
        })
        .collect();
    json!({
        "contacts": contacts.len(),
        "settings": settings,
        "candidate_pairs": index.block_pair_count(),
        "skipped_blocks": &index.skipped_blocks()[..index.skipped_blocks().len().min(MAX_SKIPPED_LISTED)],
        "skipped_blocks_total": index.skipped_blocks().len(),
        "learning": index.learning(),
        "weights": index.weight_table(),
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
        assert!(
            reasons.iter().any(|x| x.as_str().unwrap().starts_with("same email (robert.miller@example.com)")),
            "{reasons:?}"
        );
        assert_eq!(r["weights"][0]["label"], "given name");
        assert_eq!(r["learning"]["is_learned"], true);
        assert!(scan(&index, &settings, &[("a".into(), "b".into())]).is_empty());
    }
}
