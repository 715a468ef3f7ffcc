//! Native checks of duplicate detection on the labelled benchmark
//! (`examples/support/people.rs`): the generator is deterministic and
//! corrupts every kind of field, the blocks find nearly every true pair, and
//! the scan is accurate with look-alikes never probable. The full figures
//! come from `cargo run --release --example dedupe_accuracy`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../examples/support/people.rs"]
mod people;

use std::collections::HashSet;

use crm::core::dedupe::{build_index, scan, Cluster, DedupeSettings};
use people::{claimed, evaluate, generate, lookalike_pairs, Variant, MIX};

#[test]
fn the_generator_is_deterministic_and_corrupts_every_kind() {
    let a = generate(3, 600, Variant::Full, false, MIX);
    let b = generate(3, 600, Variant::Full, false, MIX);
    assert_eq!(a.records, b.records);
    assert_eq!(a.truth, b.truth);
    assert!(a.truth.len() > 150, "{}", a.truth.len());
    let kinds: HashSet<_> = a.records.iter().flat_map(|r| r.corruptions.iter().copied()).collect();
    assert!(kinds.len() >= 30, "{kinds:?}");
    assert!(!lookalike_pairs(&a.records).is_empty());
    let bare = generate(3, 600, Variant::NamesAddress, false, MIX);
    assert!(bare.records.iter().all(|r| r.contact.emails.is_empty() && r.contact.birthday.is_none()));
    let linked = generate(3, 300, Variant::NamesAddress, true, MIX);
    assert!(linked.truth.iter().all(|&(x, y)| linked.records[x as usize].file != linked.records[y as usize].file));
}

fn accuracy(variant: Variant) -> (f64, f64, f64, f64, usize, f64) {
    let data = generate(11, 3000, variant, false, MIX);
    let settings = DedupeSettings::default();
    let index = build_index(&data.contacts(), &settings);
    let blocked =
        data.truth.iter().filter(|&&(a, b)| index.are_compared(a, b)).count() as f64 / data.truth.len() as f64;
    let clusters = scan(&index, &settings, &[]);
    let probable: Vec<Cluster> =
        clusters.iter().filter(|c| c.best_score >= settings.threshold_probable).cloned().collect();
    let truth: HashSet<(u32, u32)> = data.truth.iter().copied().collect();
    let found = claimed(&probable, &data.records, false);
    let p = evaluate(&found, &truth);
    let all = evaluate(&claimed(&clusters, &data.records, false), &truth);
    let lookalikes_probable = lookalike_pairs(&data.records).iter().filter(|(pair, _)| found.contains(pair)).count();
    (p.precision, p.recall, all.precision, all.recall, lookalikes_probable, blocked)
}

#[test]
fn with_birthdays_probable_pairs_are_right_and_look_alikes_never_probable() {
    let (precision, recall, _, _, lookalikes, blocked) = accuracy(Variant::WithBirthdays);
    assert!(blocked >= 0.99, "blocking recall {blocked}");
    assert!(precision >= 0.995 && recall >= 0.85, "probable P {precision} R {recall}");
    assert_eq!(lookalikes, 0);
}

#[test]
fn names_and_address_only_offer_nearly_every_pair() {
    let (precision, _, _, recall_all, lookalikes, blocked) = accuracy(Variant::NamesAddress);
    assert!(blocked >= 0.98, "blocking recall {blocked}");
    assert!(precision >= 0.995, "probable P {precision}");
    assert!(recall_all >= 0.95, "probable + possible R {recall_all}");
    assert_eq!(lookalikes, 0);
}
