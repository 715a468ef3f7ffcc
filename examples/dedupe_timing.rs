//! Times duplicate detection natively on the demo contacts (what the
//! Duplicates page scans): building the index without and with learning
//! the weights (and each step of the build), a full scan, and the
//! while-typing check, each the median of several runs. A first scan in
//! the browser is the index build plus the scan.
//!
//! ```text
//! cargo run --release --example dedupe_timing -- [contacts (100000)] [runs (5)]
//! ```

use std::time::Instant;

use chrono::{TimeZone, Utc};
use crm::core::dedupe::blocking::{Blocks, SortedNames};
use crm::core::dedupe::em::learn;
use crm::core::dedupe::features::{Crowds, NameCounts};
use crm::core::dedupe::scoring::Summary;
use crm::core::dedupe::weights::Context;
use crm::core::dedupe::{build_index, check_one, DedupeSettings, Features, Scan};
use crm::core::demo::generate_demo;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn ms(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let n = args.first().copied().unwrap_or(100_000);
    let runs = args.get(1).copied().unwrap_or(5).max(1);
    let now = Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap();
    let contacts = generate_demo(7, n, now).contacts;
    let learned = DedupeSettings::default();
    let hand_set = DedupeSettings { learn_weights: false, ..DedupeSettings::default() };
    let (mut plain, mut with_em, mut scans, mut checks, mut drops) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut summary = String::new();
    for _ in 0..runs {
        let t = Instant::now();
        let index = build_index(&contacts, &hand_set);
        plain.push(ms(t));
        drop(index);
        let t = Instant::now();
        let index = build_index(&contacts, &learned);
        with_em.push(ms(t));
        let t = Instant::now();
        let mut scan = Scan::new(&index, &learned, &[]);
        scan.step(usize::MAX);
        let compared = scan.compared();
        let scored = scan.scored();
        let clusters = scan.finish();
        scans.push(ms(t));
        // The while-typing check: a draft like an existing contact, typed
        // afresh (every hundredth contact, with its id changed).
        let t = Instant::now();
        let drafts: Vec<_> = contacts.iter().step_by(100).take(500).collect();
        for c in &drafts {
            let mut draft = (*c).clone();
            draft.id = "draft".into();
            std::hint::black_box(check_one(&index, &draft));
        }
        checks.push(ms(t) / drafts.len() as f64);
        let probable = clusters.iter().filter(|c| c.best_score >= learned.threshold_probable).count();
        summary = format!(
            "{} pairs in blocks, {compared} compared, {scored} scored in full, {} clusters ({probable} probable), {} blocks skipped, learning converged: {}",
            index.block_pair_count(),
            clusters.len(),
            index.skipped_blocks().len(),
            index.learning().converged
        );
        // Freeing the index is part of a scan in the browser too.
        let t = Instant::now();
        drop(index);
        drops.push(ms(t));
    }
    // Where an index build spends its time, step by step as `build_index`
    // takes them (medians of the runs).
    let mut steps: Vec<Vec<f64>> = vec![Vec::new(); 6];
    let mut by_kind = std::collections::BTreeMap::new();
    for _ in 0..runs {
        let t = Instant::now();
        let mut counts = NameCounts::default();
        let mut crowds = Crowds::default();
        let mut features: Vec<Features> = Vec::with_capacity(contacts.len());
        for c in &contacts {
            let f = Features::of(c, &learned.default_country);
            counts.add(&f);
            crowds.add(&f);
            features.push(f);
        }
        steps[0].push(ms(t));
        let t = Instant::now();
        let crowds = crowds.finish();
        let mut summaries: Vec<Summary> = Vec::with_capacity(features.len());
        for f in &mut features {
            counts.apply(f);
            crowds.apply(f);
            summaries.push(Summary::of(f));
        }
        steps[1].push(ms(t));
        let t = Instant::now();
        let blocks = Blocks::build(&features, learned.max_block_size);
        steps[2].push(ms(t));
        let t = Instant::now();
        let _ = learn(&features, &blocks, Context::for_size(features.len()));
        steps[3].push(ms(t));
        let t = Instant::now();
        let sorted = SortedNames::build(&features);
        steps[4].push(ms(t));
        by_kind.clear();
        for b in 0..blocks.count() {
            let m = blocks.members(b).len();
            *by_kind.entry(format!("{:?}", blocks.kind(b))).or_insert(0usize) += m * m.saturating_sub(1) / 2;
        }
        let t = Instant::now();
        drop((features, summaries, blocks, sorted));
        steps[5].push(ms(t));
    }
    let [features_ms, counted_ms, blocks_ms, learn_ms, sorted_ms, free_ms] =
        <[f64; 6]>::try_from(steps.into_iter().map(median).collect::<Vec<f64>>()).unwrap_or_default();
    let (plain, with_em) = (median(plain), median(with_em));
    println!("{n} demo contacts, medians of {runs} runs:");
    println!("  index, hand-set weights   {plain:8.0} ms");
    println!("  index, learned weights    {with_em:8.0} ms, of which:");
    println!("    features and counting   {features_ms:8.0} ms");
    println!("    counts and summaries    {counted_ms:8.0} ms");
    println!("    blocks                  {blocks_ms:8.0} ms");
    println!("    learning the weights    {learn_ms:8.0} ms");
    println!("    name order              {sorted_ms:8.0} ms");
    println!("    (freeing these          {free_ms:8.0} ms)");
    println!("  scan                      {:8.0} ms", median(scans));
    println!("  freeing the index         {:8.0} ms", median(drops));
    println!("  while-typing check        {:8.3} ms per draft", median(checks));
    println!("  {summary}");
    println!("  pairs in blocks by kind: {by_kind:?}");
}
