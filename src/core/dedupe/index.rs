//! The index a scan and the while-typing check share: every contact's
//! features and summary, the blocks and name order, the name frequencies,
//! and the weights (learned from this list, see [`super::em`], or hand-set).

use super::blocking::{Blocks, SkippedBlock, SortedNames};
use super::cluster::{cluster_pairs, Cluster};
use super::em::{learn, Learning};
use super::features::{Crowds, Features, NameCounts};
use super::scoring::{conflicts, Candidate, Reason, Review, Scorer, Summary};
use super::settings::DedupeSettings;
use super::weights::{ComparisonWeights, Context, Weights};
use crate::core::records::Contact;

/// What became of a compared pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reach {
    /// Dismissed by the cheap bound.
    Dismissed,
    /// Scored in full, below the threshold.
    Scored,
    /// Scored at or above the threshold.
    Reached,
}

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
    weights: Weights,
    learning: Learning,
    scorer: Scorer,
    pub(crate) settings: DedupeSettings,
}

/// Builds the index: features, name frequencies, blocks and name order,
/// then the weights (learned when `settings.learn_weights`).
pub fn build_index(contacts: &[Contact], settings: &DedupeSettings) -> DedupeIndex {
    // Two passes over the contacts, each doing all it can while a
    // contact's features are in the cache: make the features and count
    // the names and the families at each address; then write those counts
    // in and summarise.
    let mut counts = NameCounts::default();
    let mut crowds = Crowds::default();
    let mut features: Vec<Features> = Vec::with_capacity(contacts.len());
    for c in contacts {
        let f = Features::of(c, &settings.default_country);
        counts.add(&f);
        crowds.add(&f);
        features.push(f);
    }
    let crowds = crowds.finish();
    let mut summaries: Vec<Summary> = Vec::with_capacity(features.len());
    for f in &mut features {
        counts.apply(f);
        crowds.apply(f);
        summaries.push(Summary::of(f));
    }
    let blocks = Blocks::build(&features, settings.max_block_size);
    let (weights, learning) = if settings.learn_weights {
        learn(&features, &blocks, Context::for_size(features.len()))
    } else {
        (Weights::hand_set(), Learning::hand_set())
    };
    let context = match learning.duplicate_rate {
        Some(rate) => Context::with_rate(features.len(), rate),
        None => Context::for_size(features.len()),
    };
    let scorer = Scorer::new(&weights, context, settings.threshold_probable, settings.threshold_possible);
    DedupeIndex {
        blocks,
        sorted: SortedNames::build(&features),
        ids: contacts.iter().map(|c| c.id.clone()).collect(),
        context,
        summaries,
        features,
        counts,
        weights,
        learning,
        scorer,
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

    /// The weights in use (learned or hand-set).
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// What learning the weights did: whether it converged, on how many
    /// pairs, and what kept its hand-set values.
    pub fn learning(&self) -> &Learning {
        &self.learning
    }

    /// Every comparison's levels with their hand-set and used weights in
    /// bits, for the Settings page.
    pub fn weight_table(&self) -> Vec<ComparisonWeights> {
        self.weights.table(self.context)
    }

    /// Scores two contacts of this index, with reasons.
    pub fn score(&self, a: u32, b: u32) -> Candidate {
        self.candidate(a, b, self.features(a), self.features(b))
    }

    /// Clusters candidates of this index at the thresholds of `settings`,
    /// never grouping contacts that conflict.
    pub fn cluster(&self, candidates: &[Candidate], settings: &DedupeSettings) -> Vec<Cluster> {
        cluster_pairs(candidates, settings.threshold_probable, settings.threshold_possible, |a, b, probable| {
            conflicts(self.features(a), self.features(b), probable)
        })
    }

    /// Blocks too big to compare within, largest first: what a scan left out.
    pub fn skipped_blocks(&self) -> &[SkippedBlock] {
        &self.blocks.skipped
    }

    /// An upper bound on the pairs a scan compares from blocks (the name
    /// window adds at most `window` per contact).
    pub fn block_pair_count(&self) -> usize {
        self.blocks.pair_count()
    }

    /// The contacts compared with contact `i` by a scan (those after it in
    /// name order only, so each pair is generated once), into `out`, sorted.
    pub(crate) fn partners(&self, i: u32, window: usize, out: &mut Vec<u32>) {
        out.clear();
        let after = |j: &&u32| self.sorted.rank(**j) > self.sorted.rank(i);
        for &b in self.blocks.of_record(i) {
            out.extend(self.blocks.members(b).iter().filter(after));
        }
        out.extend(self.sorted.neighbours(i, window).iter().filter(after));
        out.sort_unstable();
        out.dedup();
    }

    /// The contact at sorted position `pos`.
    pub(crate) fn at_rank(&self, pos: u32) -> u32 {
        self.sorted.at(pos)
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
    /// `sb`) reach `needed` weight; the cheap bound of [`Scorer::may_reach`]
    /// dismisses most pairs before they are compared.
    pub(crate) fn reaches(
        &self,
        (sa, fa): (&Summary, &Features),
        (sb, fb): (&Summary, &Features),
        needed: f64,
    ) -> Reach {
        if !self.scorer.may_reach(sa, sb, needed) {
            return Reach::Dismissed;
        }
        if self.scorer.reaches(fa, fb, needed) {
            Reach::Reached
        } else {
            Reach::Scored
        }
    }

    /// The weight a pair needs to score `threshold`.
    pub(crate) fn needed(&self, threshold: f64) -> f64 {
        self.scorer.needed(threshold)
    }

    /// The summary and features of a stored contact.
    pub(crate) fn both(&self, i: u32) -> (&Summary, &Features) {
        (&self.summaries[i as usize], &self.features[i as usize])
    }

    pub(crate) fn candidate(&self, a: u32, b: u32, fa: &Features, fb: &Features) -> Candidate {
        let mut reasons: Vec<Reason> = Vec::new();
        let (score, review): (f64, Option<Review>) = self.scorer.score(fa, fb, Some(&mut reasons));
        Candidate { a, b, score, reasons, review }
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
    others.extend(index.sorted.neighbours_of_name(&index.features, &f.name, index.settings.window));
    others.sort_unstable();
    others.dedup();
    let needed = index.needed(index.settings.threshold_possible);
    let summary = Summary::of(&f);
    let mut found: Vec<Candidate> = others
        .into_iter()
        .filter(|&j| index.ids[j as usize] != draft.id)
        .filter(|&j| index.reaches((&summary, &f), index.both(j), needed) == Reach::Reached)
        .map(|j| index.candidate(DRAFT, j, &f, &index.features[j as usize]))
        .collect();
    found.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.b.cmp(&y.b)));
    found
}
