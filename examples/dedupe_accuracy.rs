//! Measures duplicate detection on the labelled benchmark of
//! `examples/support/people.rs`: pairwise precision, recall and F1 per level
//! (probable; probable + possible), recall per corruption kind, and what
//! happened to the look-alikes (households, colleagues, a father and son),
//! for four data sets: names + address + birthday; names + address only;
//! two files linked (names + address only, only pairs across the files
//! count); and every field (emails and phones too).
//!
//! ```text
//! cargo run --release --example dedupe_accuracy -- [--people N] [--seed S] [--households H] [--hand-set] [--explain [N]] [--only NAME]
//! ```
//!
//! `--households H` gives H of every 100 people a household member (5 by
//! default); `--hand-set` scores with the hand-set weights instead of learned ones;
//! `--explain` prints some (N, default 15) false and missed pairs with their reasons.

#[path = "support/people.rs"]
mod people;

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use crm::core::dedupe::{build_index, Cluster, DedupeIndex, DedupeSettings, Scan};
use people::{
    claimed, evaluate, generate, lookalike_pairs, pair_kinds, pair_role, Labelled, Metrics, Mix, Record, Variant, MIX,
};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let people: usize = value(&args, "--people").unwrap_or(10_000);
    let seed: u64 = value(&args, "--seed").unwrap_or(42);
    let mix = Mix { households: value(&args, "--households").unwrap_or(MIX.households), ..MIX };
    let only: Option<String> = args.iter().position(|a| a == "--only").and_then(|i| args.get(i + 1)).cloned();
    // How many pairs of each kind `--explain` shows (15 unless a number follows).
    let explain: Option<usize> =
        args.iter().position(|a| a == "--explain").map(|i| args.get(i + 1).and_then(|v| v.parse().ok()).unwrap_or(15));
    let settings =
        DedupeSettings { learn_weights: !args.iter().any(|a| a == "--hand-set"), ..DedupeSettings::default() };
    println!(
        "duplicate-detection benchmark: {people} people, seed {seed}, {} household members per 100 people, {} weights\n",
        mix.households,
        if settings.learn_weights { "learned" } else { "hand-set" }
    );
    let runs = [
        ("with birthdays", Variant::WithBirthdays, false),
        ("names + address only", Variant::NamesAddress, false),
        ("two files linked, names + address only", Variant::NamesAddress, true),
        ("every field (emails and phones too)", Variant::Full, false),
    ];
    for (name, variant, two_files) in runs {
        if only.as_deref().is_some_and(|o| !name.starts_with(o)) {
            continue;
        }
        run(name, &generate(seed, people, variant, two_files, mix), two_files, &settings, explain);
    }
}

/// The value after `--name`, if any and readable.
fn value<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok())
}

fn run(name: &str, data: &Labelled, two_files: bool, settings: &DedupeSettings, explain: Option<usize>) {
    let contacts = data.contacts();
    let start = Instant::now();
    let index = build_index(&contacts, settings);
    let built = start.elapsed();
    let start = Instant::now();
    let mut scan = Scan::new(&index, settings, &[]);
    scan.step(usize::MAX);
    let compared = scan.compared();
    let clusters = scan.finish();
    let scanned = start.elapsed();
    let truth: HashSet<(u32, u32)> = data.truth.iter().copied().collect();
    let blocked = data.truth.iter().filter(|&&(a, b)| index.are_compared(a, b)).count();
    let learning = index.learning();
    println!("## {name}");
    println!(
        "{} records, {} true pairs; {} candidate pairs in blocks, {} compared, blocking recall {:.4}; index {:.0} ms (with learning), scan {:.0} ms",
        contacts.len(),
        truth.len(),
        index.block_pair_count(),
        compared,
        blocked as f64 / truth.len().max(1) as f64,
        built.as_secs_f64() * 1000.0,
        scanned.as_secs_f64() * 1000.0
    );
    let passes: Vec<String> = learning
        .passes
        .iter()
        .map(|p| {
            format!(
                "{}: {} pairs, {} iterations, {:.1}% duplicates{}",
                p.pairs_from,
                p.pairs,
                p.iterations,
                p.duplicate_share * 100.0,
                if p.learned.is_empty() { ", hand-set kept" } else { "" }
            )
        })
        .collect();
    println!(
        "learning: converged {}; {}; duplicate pairs per record {} (true {:.3}); {:?}\n",
        learning.converged,
        passes.join("; "),
        learning.duplicate_rate.map_or("hand-set".to_string(), |r| format!("{r:.3}")),
        truth.len() as f64 / contacts.len() as f64,
        learning.notes
    );
    let probable: Vec<Cluster> =
        clusters.iter().filter(|c| c.best_score >= settings.threshold_probable).cloned().collect();
    let found_probable = claimed(&probable, &data.records, two_files);
    let found_all = claimed(&clusters, &data.records, two_files);
    let p = evaluate(&found_probable, &truth);
    let a = evaluate(&found_all, &truth);
    println!("| level | precision | recall | F1 | true pairs found | false pairs | missed |");
    println!("| --- | --- | --- | --- | --- | --- | --- |");
    row("probable", p);
    row("probable + possible", a);
    // The review list as it would be without household members, who are
    // offered for review by design when no birthday tells them apart.
    let households: HashSet<(u32, u32)> = found_all
        .iter()
        .copied()
        .filter(|&pair| !truth.contains(&pair) && pair_role(&data.records, pair) == "household")
        .collect();
    let without: HashSet<(u32, u32)> = found_all.difference(&households).copied().collect();
    row("probable + possible, household pairs left out", evaluate(&without, &truth));
    let members = data.records.iter().filter(|r| r.role == people::Role::Household).count();
    println!(
        "(household members: {members} of {} records, {:.1}%)",
        data.records.len(),
        members as f64 * 100.0 / data.records.len() as f64
    );
    println!();
    kinds_table(data, &found_probable, &found_all);
    lookalikes_table(data, &found_probable, &found_all, two_files);
    false_pairs(data, &found_probable, &found_all, &truth);
    missed_table(&index, &found_probable, &truth, settings);
    if let Some(shown) = explain {
        show_errors(data, &index, shown, &found_probable, &found_all, &truth);
    }
    println!();
}

fn row(label: &str, m: Metrics) {
    println!("| {label} | {:.4} | {:.4} | {:.4} | {} | {} | {} |", m.precision, m.recall, m.f1, m.tp, m.fp, m.missed);
}

fn kinds_table(data: &Labelled, probable: &HashSet<(u32, u32)>, all: &HashSet<(u32, u32)>) {
    let mut by_kind: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for &pair in &data.truth {
        let kinds = pair_kinds(&data.records, pair);
        let names: Vec<String> =
            if kinds.is_empty() { vec!["(none)".into()] } else { kinds.iter().map(|k| format!("{k:?}")).collect() };
        for k in names {
            let e = by_kind.entry(k).or_default();
            e.0 += 1;
            e.1 += usize::from(probable.contains(&pair));
            e.2 += usize::from(all.contains(&pair));
        }
    }
    println!("| corruption (pairs with it) | pairs | probable recall | probable + possible recall |");
    println!("| --- | --- | --- | --- |");
    for (k, (n, p, a)) in by_kind {
        println!("| {k} | {n} | {:.3} | {:.3} |", p as f64 / n as f64, a as f64 / n as f64);
    }
    // Pairs the review rules do not hold back by design: no name missing
    // or replaced, no other birthday, no move and no missing address.
    use people::Corruption::*;
    let telling = [GivenMissing, FamilyMissing, GivenReplaced, FamilyReplaced, BirthdayReplaced, Moved, AddressMissing];
    let plain: Vec<(u32, u32)> = data
        .truth
        .iter()
        .copied()
        .filter(|&p| !pair_kinds(&data.records, p).iter().any(|k| telling.contains(k)))
        .collect();
    let count =
        |set: &HashSet<(u32, u32)>| plain.iter().filter(|p| set.contains(p)).count() as f64 / plain.len().max(1) as f64;
    println!(
        "| all but a missing or replaced name or birthday, a move or a missing address | {} | {:.3} | {:.3} |",
        plain.len(),
        count(probable),
        count(all)
    );
    println!();
}

fn lookalikes_table(data: &Labelled, probable: &HashSet<(u32, u32)>, all: &HashSet<(u32, u32)>, two_files: bool) {
    let mut by_role: BTreeMap<String, (usize, usize, usize)> = BTreeMap::new();
    for (pair, role) in lookalike_pairs(&data.records) {
        let (a, b) = pair;
        if two_files && data.records[a as usize].file == data.records[b as usize].file {
            continue;
        }
        let e = by_role.entry(format!("{role:?}")).or_default();
        e.0 += 1;
        e.1 += usize::from(probable.contains(&pair));
        e.2 += usize::from(all.contains(&pair) && !probable.contains(&pair));
    }
    println!("| look-alikes at one address (not duplicates) | pairs | probable | possible |");
    println!("| --- | --- | --- | --- |");
    for (role, (n, p, a)) in by_role {
        println!("| {role} | {n} | {p} | {a} |");
    }
    println!();
}

fn false_pairs(
    data: &Labelled,
    probable: &HashSet<(u32, u32)>,
    all: &HashSet<(u32, u32)>,
    truth: &HashSet<(u32, u32)>,
) {
    let mut by_role: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for &pair in all.difference(truth) {
        let e = by_role.entry(pair_role(&data.records, pair)).or_default();
        if probable.contains(&pair) {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
    }
    println!("| false pairs by who they are | probable | possible |");
    println!("| --- | --- | --- |");
    for (role, (p, a)) in by_role {
        println!("| {role} | {p} | {a} |");
    }
}

/// Why true pairs are not probable: held for review (by which reason),
/// scored below the threshold, never compared, or kept out of a cluster.
fn missed_table(
    index: &DedupeIndex,
    probable: &HashSet<(u32, u32)>,
    truth: &HashSet<(u32, u32)>,
    settings: &DedupeSettings,
) {
    let mut by_cause: BTreeMap<String, usize> = BTreeMap::new();
    for &(a, b) in truth.difference(probable) {
        let c = index.score(a, b);
        let cause = if !index.are_compared(a, b) {
            "never compared".to_string()
        } else if let Some(review) = c.review {
            format!("held for review: {review}")
        } else if c.score < settings.threshold_probable {
            "scored below probable".to_string()
        } else {
            "kept out of a probable cluster".to_string()
        };
        *by_cause.entry(cause).or_default() += 1;
    }
    println!("\n| true pairs not probable, by why | pairs |");
    println!("| --- | --- |");
    for (cause, n) in by_cause {
        println!("| {cause} | {n} |");
    }
}

fn line(r: &Record) -> String {
    let c = &r.contact;
    let addr = c
        .addresses
        .first()
        .map(|a| format!("{} | {} {} {}", a.street.replace('\n', " / "), a.postal_code, a.city, a.region))
        .unwrap_or_default();
    format!("[{} {} | {addr} | {:?} | {:?}]", c.given_name, c.family_name, c.birthday, r.corruptions)
}

fn show_errors(
    data: &Labelled,
    index: &DedupeIndex,
    shown: usize,
    probable: &HashSet<(u32, u32)>,
    all: &HashSet<(u32, u32)>,
    truth: &HashSet<(u32, u32)>,
) {
    let show = |title: &str, mut pairs: Vec<(u32, u32)>| {
        pairs.sort_unstable();
        println!("\n{title}: {}", pairs.len());
        for (a, b) in pairs.into_iter().take(shown) {
            let c = index.score(a, b);
            let reasons: Vec<String> = c.reasons.iter().map(ToString::to_string).collect();
            println!(
                "  {:.3} compared={} {reasons:?}\n    {}\n    {}",
                c.score,
                index.are_compared(a, b),
                line(&data.records[a as usize]),
                line(&data.records[b as usize])
            );
        }
    };
    show("false probable pairs", probable.difference(truth).copied().collect());
    show("false possible pairs", all.difference(truth).filter(|p| !probable.contains(p)).copied().collect());
    show("missed at probable", truth.difference(probable).filter(|p| all.contains(p)).copied().collect());
    show("missed at both levels", truth.difference(all).copied().collect());
}
