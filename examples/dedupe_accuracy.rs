//! Measures duplicate detection on the labelled benchmark: pairwise
//! precision, recall and F1 for the Full and NoEmailNoPhone variants at
//! 10,000 contacts, blocking recall, and the time of a full scan of 100,000
//! demo contacts. Run with `cargo run --release --example dedupe_accuracy`;
//! add `--explain` to print some missed and wrong pairs.

use std::time::Instant;

use chrono::{TimeZone, Utc};
use crm::core::dedupe::benchmark::{cluster_implied_pairs, evaluate, labelled_dataset, Metrics, Variant};
use crm::core::dedupe::{build_index, score_pair, Cluster, DedupeIndex, DedupeSettings, Scan};
use crm::core::demo::generate_demo;
use crm::core::records::Contact;

fn main() {
    let explain = std::env::args().any(|a| a == "--explain");
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let settings = DedupeSettings::default();
    for variant in [Variant::Full, Variant::NoEmailNoPhone] {
        let (contacts, truth) = labelled_dataset(42, 10_000, now, variant);
        let index = build_index(&contacts, &settings);
        let blocked = truth.iter().filter(|&&(a, b)| index.are_compared(a, b)).count();
        let start = Instant::now();
        let mut scan = Scan::new(&index, &settings, &[]);
        let clusters = {
            scan.step(usize::MAX);
            let compared = scan.compared();
            let clusters = scan.finish();
            println!(
                "{variant:?}: {} contacts, {} true pairs, {} pairs compared, blocking recall {:.4}, scan {:.0} ms",
                contacts.len(),
                truth.len(),
                compared,
                blocked as f64 / truth.len() as f64,
                start.elapsed().as_secs_f64() * 1000.0
            );
            clusters
        };
        let probable: Vec<Cluster> =
            clusters.iter().filter(|c| c.best_score >= settings.threshold_probable).cloned().collect();
        report("  probable clusters", evaluate(&cluster_implied_pairs(&probable), &truth));
        report("  probable + possible", evaluate(&cluster_implied_pairs(&clusters), &truth));
        if explain {
            explain_errors(&contacts, &truth, &probable, &index);
        }
    }
    time_large_scan(now, &settings);
}

fn report(label: &str, m: Metrics) {
    println!(
        "{label}: precision {:.4} recall {:.4} F1 {:.4} (tp {}, fp {}, fn {})",
        m.precision, m.recall, m.f1, m.tp, m.fp, m.r#fn
    );
}

fn time_large_scan(now: chrono::DateTime<Utc>, settings: &DedupeSettings) {
    let contacts = generate_demo(1, 100_000, now).contacts;
    let start = Instant::now();
    let index = build_index(&contacts, settings);
    let built = start.elapsed();
    let mut scan = Scan::new(&index, settings, &[]);
    scan.step(usize::MAX);
    let compared = scan.compared();
    let clusters = scan.finish();
    println!(
        "100k demo contacts: index {:.0} ms, scan {:.0} ms ({} pairs compared, {} clusters, {} blocks skipped)",
        built.as_secs_f64() * 1000.0,
        (start.elapsed() - built).as_secs_f64() * 1000.0,
        compared,
        clusters.len(),
        index.skipped_blocks().len()
    );
}

fn line(c: &Contact) -> String {
    let emails: Vec<&str> = c.emails.iter().map(|e| e.address.as_str()).collect();
    let phones: Vec<&str> = c.phones.iter().map(|p| p.number.as_str()).collect();
    let addr = c.addresses.first().map(|a| a.one_line()).unwrap_or_default();
    format!(
        "{} {} | {emails:?} {phones:?} | {addr} | {:?} | {:?}",
        c.given_name,
        c.family_name,
        c.birthday,
        c.company_id.as_deref().map(|s| &s[..4])
    )
}

fn explain_errors(contacts: &[Contact], truth: &[(u32, u32)], probable: &[Cluster], index: &DedupeIndex) {
    let found: std::collections::HashSet<(u32, u32)> = cluster_implied_pairs(probable).into_iter().collect();
    let truth_set: std::collections::HashSet<(u32, u32)> = truth.iter().copied().collect();
    let show = |title: &str, pairs: Vec<(u32, u32)>| {
        println!("  {title}: {}", pairs.len());
        for (a, b) in pairs.into_iter().take(12) {
            let mut reasons = Vec::new();
            let s = score_pair(index.features(a), index.features(b), index.context(), Some(&mut reasons));
            let r: Vec<String> = reasons.iter().map(ToString::to_string).collect();
            println!(
                "    {s:.3} blocked={} {r:?}\n      {}\n      {}",
                index.are_compared(a, b),
                line(&contacts[a as usize]),
                line(&contacts[b as usize])
            );
        }
    };
    let mut fp: Vec<(u32, u32)> = found.difference(&truth_set).copied().collect();
    let mut fnn: Vec<(u32, u32)> = truth_set.difference(&found).copied().collect();
    fp.sort_unstable();
    fnn.sort_by_key(|&(a, b)| (index.are_compared(a, b), a, b));
    show("false positives", fp);
    show("missed", fnn);
}
