//! Duplicate detection for contacts (and companies, see [`companies`]).
//!
//! The flow: [`build_index`] computes each contact's [`Features`] once and
//! the blocks they fall in; a [`Scan`] compares only contacts that share a
//! block (or sit next to each other in name order), dismisses most pairs with
//! a cheap upper bound of their score ([`Summary`]), scores the rest with
//! Fellegi–Sunter weights ([`scoring`]), and groups the pairs above the
//! threshold into [`Cluster`]s without chaining ([`cluster`]). The scan runs
//! in slices ([`Scan::step`]) so the browser can show progress. While a
//! contact is being typed, [`check_one`] looks the draft up in the same block
//! maps. [`merge`] joins two records and can undo it.

pub mod benchmark;
pub mod blocking;
pub mod cluster;
pub mod companies;
pub mod features;
pub mod merge;
pub mod report;
pub mod scoring;
pub mod settings;
pub mod similarity;

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::core::records::Contact;
pub use blocking::SkippedBlock;
use blocking::{Blocks, SortedNames};
pub use cluster::{cluster_pairs, Cluster};
pub use features::Features;
use features::NameCounts;
pub use merge::{merge_changes, merge_contacts, moved_counts, undo, FieldChoices, ListPick, MergeRecord, Moved, Pick};
pub use report::report;
pub use scoring::{conflicts, score_pair, Candidate, Context, Reason, Summary};
pub use settings::DedupeSettings;

/// The `a` of a candidate from [`check_one`]: the draft, which has no index.
pub const DRAFT: u32 = u32::MAX;

/// Everything a scan or a while-typing check needs, built once per list of contacts.
#[derive(Clone, Debug)]
pub struct DedupeIndex {
    features: Vec<Features>,
    /// One compact [`Summary`] per contact, for dismissing pairs cheaply.
    summaries: Vec<Summary>,
    ids: Vec<String>,
    blocks: Blocks,
    sorted: SortedNames,
    counts: NameCounts,
    context: Context,
    settings: DedupeSettings,
}

/// Builds the index: features, name frequencies, blocks and name order.
pub fn build_index(contacts: &[Contact], settings: &DedupeSettings) -> DedupeIndex {
    let mut features: Vec<Features> = contacts.iter().map(|c| Features::of(c, &settings.default_country)).collect();
    let counts = NameCounts::count(&features);
    for f in &mut features {
        counts.apply(f);
    }
    DedupeIndex {
        blocks: Blocks::build(&features, settings.max_block_size),
        sorted: SortedNames::build(&features),
        ids: contacts.iter().map(|c| c.id.clone()).collect(),
        context: Context::for_size(features.len()),
        summaries: features.iter().map(Summary::of).collect(),
        features,
        counts,
        settings: settings.clone(),
    }
}

impl DedupeIndex {
    pub fn len(&self) -> usize {
        self.features.len()
    }

    pub fn is_empty(&self) -> bool {
        self.features.is_empty()
    }

    /// The id of the contact at `index`.
    pub fn id(&self, index: u32) -> &str {
        &self.ids[index as usize]
    }

    pub fn features(&self, index: u32) -> &Features {
        &self.features[index as usize]
    }

    /// The scoring context (list size) of this index.
    pub fn context(&self) -> Context {
        self.context
    }

    /// Clusters candidates of this index at `threshold`, never grouping
    /// contacts that conflict.
    pub fn cluster(&self, candidates: &[Candidate], threshold: f64) -> Vec<Cluster> {
        cluster_pairs(candidates, threshold, |a, b| conflicts(self.features(a), self.features(b)))
    }

    /// Blocks too big to compare within, largest first: what a scan left out.
    pub fn skipped_blocks(&self) -> &[SkippedBlock] {
        &self.blocks.skipped
    }

    /// An upper bound on the pairs a scan compares.
    pub fn block_pair_count(&self) -> usize {
        self.blocks.pair_count()
    }

    /// The contacts compared with contact `i` by a scan (those after it in
    /// name order only, so each pair is generated once), into `out`, sorted.
    fn partners(&self, i: u32, window: usize, out: &mut Vec<u32>) {
        out.clear();
        let after = |j: &&u32| self.sorted.rank(**j) > self.sorted.rank(i);
        for &b in self.blocks.of_record(i) {
            out.extend(self.blocks.members(b).iter().filter(after));
        }
        out.extend(self.sorted.neighbours(i, window).iter().filter(after));
        out.sort_unstable();
        out.dedup();
    }

    /// Whether contacts `a` and `b` share a block or a name window (for
    /// measuring blocking recall).
    pub fn are_compared(&self, a: u32, b: u32) -> bool {
        let (first, second) = if self.sorted.rank(a) < self.sorted.rank(b) { (a, b) } else { (b, a) };
        let mut out = Vec::new();
        self.partners(first, self.settings.window, &mut out);
        out.binary_search(&second).is_ok()
    }

    /// Whether a contact (`fa`, summarised as `sa`) and `fb` (summarised as
    /// `sb`) score at least `threshold`; the cheap bound of
    /// [`Summary::may_reach`] dismisses most pairs before the full score is
    /// computed.
    fn reaches(&self, (sa, fa): (&Summary, &Features), (sb, fb): (&Summary, &Features), threshold: f64) -> bool {
        sa.may_reach(sb, self.context, threshold) && score_pair(fa, fb, self.context, None) >= threshold
    }

    /// The summary and features of a stored contact.
    fn both(&self, i: u32) -> (&Summary, &Features) {
        (&self.summaries[i as usize], &self.features[i as usize])
    }

    fn candidate(&self, a: u32, b: u32, fa: &Features, fb: &Features) -> Candidate {
        let mut reasons = Vec::new();
        let score = score_pair(fa, fb, self.context, Some(&mut reasons));
        Candidate { a, b, score, reasons }
    }
}

/// Possible duplicates of a contact being typed, best first, scoring at least
/// the possible threshold; `a` is [`DRAFT`] and `b` the existing contact. Only
/// the draft's blocks are looked at, so it is fast on any list size. A stored
/// contact with the draft's id (the record being edited) is left out.
pub fn check_one(index: &DedupeIndex, draft: &Contact) -> Vec<Candidate> {
    let mut f = Features::of(draft, &index.settings.default_country);
    index.counts.apply(&mut f);
    let mut others: Vec<u32> = Vec::new();
    for b in index.blocks.lookup(&f) {
        others.extend(index.blocks.members(b));
    }
    others.extend(index.sorted.neighbours_of_key(&index.features, &f.sort_key, index.settings.window));
    others.sort_unstable();
    others.dedup();
    let threshold = index.settings.threshold_possible;
    let summary = Summary::of(&f);
    let mut found: Vec<Candidate> = others
        .into_iter()
        .filter(|&j| index.ids[j as usize] != draft.id)
        .filter(|&j| index.reaches((&summary, &f), index.both(j), threshold))
        .map(|j| index.candidate(DRAFT, j, &f, &index.features[j as usize]))
        .collect();
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.b.cmp(&y.b)));
    found
}

/// How far a scan has got, in contacts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub done: usize,
    pub total: usize,
}

/// A scan of the whole index that can run in slices.
pub struct Scan<'i> {
    index: &'i DedupeIndex,
    settings: DedupeSettings,
    excluded: HashSet<(u32, u32)>,
    next: u32,
    compared: usize,
    found: Vec<Candidate>,
    partners: Vec<u32>,
}

impl<'i> Scan<'i> {
    /// Starts a scan. `not_duplicates` are pairs of contact ids marked "not a
    /// duplicate"; they are never reported. The thresholds and window come
    /// from `settings` (the index's blocks are kept).
    pub fn new(index: &'i DedupeIndex, settings: &DedupeSettings, not_duplicates: &[(String, String)]) -> Scan<'i> {
        let position: std::collections::HashMap<&str, u32> =
            index.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
        let excluded = not_duplicates
            .iter()
            .filter_map(|(x, y)| Some((*position.get(x.as_str())?, *position.get(y.as_str())?)))
            .map(|(a, b)| (a.min(b), a.max(b)))
            .collect();
        Scan {
            index,
            settings: settings.clone(),
            excluded,
            next: 0,
            compared: 0,
            found: Vec::new(),
            partners: Vec::new(),
        }
    }

    /// Compares about `budget_pairs` pairs (whole contacts at a time) and
    /// reports progress.
    pub fn step(&mut self, budget_pairs: usize) -> Progress {
        let n = self.index.len() as u32;
        let start = self.compared;
        while self.next < n && self.compared - start < budget_pairs.max(1) {
            self.compare_contact(self.next);
            self.next += 1;
        }
        self.progress()
    }

    /// Compares the contact at sorted position `pos` with its partners.
    /// Going in name order keeps the summaries of one block's members,
    /// which sit close together in that order, in the cache.
    fn compare_contact(&mut self, pos: u32) {
        let i = self.index.sorted.at(pos);
        let mut partners = std::mem::take(&mut self.partners);
        self.index.partners(i, self.settings.window, &mut partners);
        for &j in &partners {
            // Each pair is scored with its lower index first, as before.
            let (a, b) = (i.min(j), i.max(j));
            if !self.excluded.is_empty() && self.excluded.contains(&(a, b)) {
                continue;
            }
            self.compared += 1;
            if self.index.reaches(self.index.both(a), self.index.both(b), self.settings.threshold_possible) {
                self.found.push(self.index.candidate(a, b, self.index.features(a), self.index.features(b)));
            }
        }
        self.partners = partners;
    }

    pub fn progress(&self) -> Progress {
        Progress { done: self.next as usize, total: self.index.len() }
    }

    pub fn is_done(&self) -> bool {
        self.next as usize >= self.index.len()
    }

    /// Pairs compared so far.
    pub fn compared(&self) -> usize {
        self.compared
    }

    /// Pairs found so far at or above the possible threshold.
    pub fn candidates(&self) -> &[Candidate] {
        &self.found
    }

    /// Runs to the end and clusters the pairs at the possible threshold.
    pub fn finish(mut self) -> Vec<Cluster> {
        while !self.is_done() {
            self.step(usize::MAX);
        }
        self.index.cluster(&self.found, self.settings.threshold_possible)
    }
}

/// A whole scan at once: clusters of possible duplicates, best first.
pub fn scan(index: &DedupeIndex, settings: &DedupeSettings, not_duplicates: &[(String, String)]) -> Vec<Cluster> {
    Scan::new(index, settings, not_duplicates).finish()
}

#[cfg(test)]
mod tests;
