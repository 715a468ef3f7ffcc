//! End-to-end tests of the index, the scan and the while-typing check, on the
//! labelled benchmark data and on small hand-made lists.

use chrono::{TimeZone, Utc};

use super::benchmark::{cluster_implied_pairs, evaluate, labelled_dataset, Variant};
use super::*;
use crate::core::records::{Email, Phone};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

fn person(id: &str, given: &str, family: &str) -> Contact {
    let mut c = Contact::blank(id.into(), now());
    c.given_name = given.into();
    c.family_name = family.into();
    c
}

/// Share of true pairs that land in a common block or name window, on the
/// benchmark's data set (10,000 contacts, seed 42).
fn blocking_recall(variant: Variant) -> f64 {
    let (contacts, truth) = labelled_dataset(42, 10_000, now(), variant);
    let index = build_index(&contacts, &DedupeSettings::default());
    let hits = truth.iter().filter(|&&(a, b)| index.are_compared(a, b)).count();
    hits as f64 / truth.len() as f64
}

#[test]
fn blocking_finds_almost_all_true_pairs() {
    let (full, bare) = (blocking_recall(Variant::Full), blocking_recall(Variant::NoEmailNoPhone));
    assert!(full >= 0.99, "{full}");
    assert!(bare >= 0.9, "{bare}");
}

#[test]
fn labelled_data_is_deterministic_and_has_duplicates() {
    let (a, ta) = labelled_dataset(3, 500, now(), Variant::Full);
    let (b, tb) = labelled_dataset(3, 500, now(), Variant::Full);
    assert_eq!((a.len(), &ta), (b.len(), &tb));
    assert_eq!(a, b);
    assert!(ta.len() > 30, "{}", ta.len());
    let (c, _) = labelled_dataset(3, 500, now(), Variant::NoEmailNoPhone);
    assert!(c.iter().all(|c| c.emails.is_empty() && c.phones.is_empty()));
}

#[test]
fn scan_is_accurate_on_the_full_variant() {
    let (contacts, truth) = labelled_dataset(11, 3000, now(), Variant::Full);
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    let clusters = scan(&index, &settings, &[]);
    let probable: Vec<Cluster> = clusters.into_iter().filter(|c| c.best_score >= settings.threshold_probable).collect();
    let m = evaluate(&cluster_implied_pairs(&probable), &truth);
    assert!(m.precision >= 0.97 && m.recall >= 0.9, "{m:?}");
}

#[test]
fn sliced_scan_equals_full_scan_and_is_deterministic() {
    let (contacts, _) = labelled_dataset(5, 800, now(), Variant::Full);
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    let mut sliced = Scan::new(&index, &settings, &[]);
    let mut steps = 0;
    while !sliced.is_done() {
        let p = sliced.step(500);
        assert!(p.done <= p.total);
        steps += 1;
    }
    assert!(steps > 3);
    let whole = scan(&index, &settings, &[]);
    assert_eq!(sliced.finish(), whole);
    assert_eq!(scan(&build_index(&contacts, &settings), &settings, &[]), whole);
}

#[test]
fn not_duplicate_pairs_are_excluded() {
    let mut a = person("a", "Maria", "Lopez");
    let mut b = person("b", "Maria", "López");
    for c in [&mut a, &mut b] {
        c.phones.push(Phone { number: "+34 912 345 678".into(), ..Default::default() });
    }
    let contacts = [a, b];
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    assert_eq!(scan(&index, &settings, &[]).len(), 1);
    assert!(scan(&index, &settings, &[("b".into(), "a".into())]).is_empty());
}

#[test]
fn check_one_finds_the_existing_record_while_typing() {
    let mut existing = person("e1", "Katherine", "O'Brien");
    existing.emails.push(Email { address: "kate.obrien@gmail.com".into(), ..Default::default() });
    let contacts = vec![existing, person("e2", "Kevin", "Brown"), person("e3", "Karl", "Obermann")];
    let index = build_index(&contacts, &DedupeSettings::default());
    let mut draft = person("new", "Kate", "OBrien");
    draft.emails.push(Email { address: "Kate.OBrien+crm@gmail.com".into(), ..Default::default() });
    let found = check_one(&index, &draft);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].a, found[0].b), (DRAFT, 0));
    let reasons: Vec<String> = found[0].reasons.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        ["kate and katherine are forms of one name", "names 1.00 similar", "same email kateobrien@gmail.com"]
    );
    // Editing the stored record itself finds nothing.
    let mut same = contacts[0].clone();
    same.given_name = "Kathy".into();
    assert!(check_one(&index, &same).is_empty());
}

#[test]
fn oversized_blocks_are_reported() {
    let contacts: Vec<Contact> = (0..12).map(|i| person(&format!("c{i}"), "James", "Smith")).collect();
    let settings = DedupeSettings { max_block_size: 10, ..DedupeSettings::default() };
    let index = build_index(&contacts, &settings);
    let keys: Vec<&str> = index.skipped_blocks().iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["r:JMS|SMT"]);
    // The sorted-name window still compares close neighbours.
    assert!(index.are_compared(0, 1));
}

/// Where a full scan of the 100k demo contacts spends its time, natively:
/// `cargo test --release --lib index_and_scan_timing -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement; run in release with --nocapture"]
fn index_and_scan_timing() {
    use std::time::Instant;
    let data = crate::core::demo::generate_demo(7, 100_000, now()).into_records();
    let contacts = data.contacts;
    let settings = DedupeSettings::default();
    let t = Instant::now();
    let mut features: Vec<Features> = contacts.iter().map(|c| Features::of(c, &settings.default_country)).collect();
    println!("features {:?}", t.elapsed());
    let t = Instant::now();
    let counts = super::features::NameCounts::count(&features);
    for f in &mut features {
        counts.apply(f);
    }
    println!("counts {:?}", t.elapsed());
    let t = Instant::now();
    let index = build_index(&contacts, &settings);
    println!("whole index {:?}", t.elapsed());
    let t = Instant::now();
    let mut scan = Scan::new(&index, &settings, &[]);
    while !scan.is_done() {
        scan.step(10_000);
    }
    let clusters = scan.finish();
    println!("scan {:?}, {} clusters", t.elapsed(), clusters.len());
}
