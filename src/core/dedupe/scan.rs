//! A scan of the whole index, in slices so the browser can show progress.

use std::collections::HashSet;
use std::hash::BuildHasherDefault;

use serde::{Deserialize, Serialize};

use super::cluster::Cluster;
use super::index::{DedupeIndex, Reach};
use super::scoring::Candidate;
use super::settings::DedupeSettings;
use crate::core::hash::FxHasher;

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
    scored: usize,
    found: Vec<Candidate>,
    partners: Vec<u32>,
    needed: f64,
}

impl<'i> Scan<'i> {
    /// Starts a scan. `not_duplicates` are pairs of contact ids marked "not a
    /// duplicate"; they are never reported. The thresholds and window come
    /// from `settings` (the index's blocks and weights are kept).
    pub fn new(index: &'i DedupeIndex, settings: &DedupeSettings, not_duplicates: &[(String, String)]) -> Scan<'i> {
        // Ids are looked up only when some pair was marked (a map of
        // 100,000 ids costs milliseconds that a first scan need not spend).
        let excluded = if not_duplicates.is_empty() {
            HashSet::new()
        } else {
            type Map<'a> = std::collections::HashMap<&'a str, u32, BuildHasherDefault<FxHasher>>;
            let position: Map = (0..index.len() as u32).map(|i| (index.id(i), i)).collect();
            not_duplicates
                .iter()
                .filter_map(|(x, y)| Some((*position.get(x.as_str())?, *position.get(y.as_str())?)))
                .map(|(a, b)| (a.min(b), a.max(b)))
                .collect()
        };
        Scan {
            index,
            needed: index.needed(settings.threshold_possible),
            settings: settings.clone(),
            excluded,
            next: 0,
            compared: 0,
            scored: 0,
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
        let i = self.index.at_rank(pos);
        let mut partners = std::mem::take(&mut self.partners);
        self.index.partners(i, self.settings.window, &mut partners);
        for &j in &partners {
            // Each pair is scored with its lower index first.
            let (a, b) = (i.min(j), i.max(j));
            if !self.excluded.is_empty() && self.excluded.contains(&(a, b)) {
                continue;
            }
            self.compared += 1;
            match self.index.reaches(self.index.both(a), self.index.both(b), self.needed) {
                Reach::Dismissed => {}
                Reach::Scored => self.scored += 1,
                Reach::Reached => {
                    self.scored += 1;
                    self.found.push(self.index.candidate(a, b, self.index.features(a), self.index.features(b)));
                }
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

    /// Pairs compared so far that the cheap bound could not dismiss, so
    /// were scored in full.
    pub fn scored(&self) -> usize {
        self.scored
    }

    /// Pairs found so far at or above the possible threshold.
    pub fn candidates(&self) -> &[Candidate] {
        &self.found
    }

    /// Runs to the end and clusters the pairs: probable clusters, then
    /// possible ones (see [`super::cluster`]).
    pub fn finish(mut self) -> Vec<Cluster> {
        while !self.is_done() {
            self.step(usize::MAX);
        }
        self.index.cluster(&self.found, &self.settings)
    }
}

/// A whole scan at once: clusters of possible duplicates, best first.
pub fn scan(index: &DedupeIndex, settings: &DedupeSettings, not_duplicates: &[(String, String)]) -> Vec<Cluster> {
    Scan::new(index, settings, not_duplicates).finish()
}
