//! Duplicate detection for contacts (and companies, see [`companies`]).
//!
//! The flow: [`build_index`] computes each contact's [`Features`] once, the
//! blocks they fall in ([`blocking`]), and the weights: learned from this
//! list by expectation–maximisation ([`em`]) starting from the hand-set
//! values ([`weights`]), or hand-set when the settings say so. A [`Scan`]
//! compares only contacts that share a block (or sit next to each other in
//! name order), dismisses most pairs with a cheap upper bound of their score
//! ([`scoring::Summary`]), compares the rest field by field into graded levels
//! ([`compare`]) and scores them Fellegi–Sunter style ([`scoring`]), and
//! groups the pairs into probable and possible [`Cluster`]s without chaining
//! ([`cluster`]). The scan runs in slices ([`Scan::step`]) so the browser can
//! show progress. While a contact is being typed, [`check_one`] looks the
//! draft up in the same block maps. [`merge`] joins two records and can
//! undo it. The decisions behind all this are in `docs/dedupe.md`.
//!
//! # What the UI uses
//!
//! - **Scan**: `build_index(contacts, &DedupeSettings::for_app(settings))`,
//!   then [`Scan::new`] with the settings' `not_duplicates`, [`Scan::step`]
//!   until [`Scan::is_done`], [`Scan::finish`] for the clusters. A cluster
//!   is *probable* when `best_score >= settings.threshold_probable`, else
//!   *possible*; clusters of the two levels may share a contact (a
//!   duplicate pair, and a family member offered for review beside it), so
//!   key a cluster by its level and first member. A possible cluster's
//!   `best_score` is capped below the probable threshold even when one of
//!   its pairs scored higher (kept out of a probable cluster by a conflict).
//!   [`report`] is the JSON of "Export report". How much was compared:
//!   [`DedupeIndex::block_pair_count`] (the bound the blocks allow),
//!   [`Scan::compared`], [`Scan::scored`], [`DedupeIndex::skipped_blocks`].
//! - **Reasons**: every [`Candidate`] (a scored pair) has `reasons`, one
//!   [`Reason::Compared`] per comparison with its `level` and `weight` in
//!   bits (`Display` gives "given name: nickname (robert / bob) +4.3",
//!   "same email (ann@example.com) +15.7"),
//!   plus notes for swapped names. A pair that needs a person's judgement
//!   has `review: Some(`[`Review`]`)` (first among its reasons, e.g.
//!   "different given name — family member or typo?"); its score is capped
//!   below the probable threshold, so it is always possible, never probable.
//!   "Not a duplicate" stays a settings change
//!   (`Settings::with_not_duplicate`), which every scan leaves out.
//! - **Learned weights** (Settings page): [`DedupeIndex::weight_table`]
//!   lists each comparison's levels with the hand-set and the used weight in
//!   bits (and m, u); [`DedupeIndex::learning`] says whether learning ran,
//!   whether it converged, on how many pairs, and what kept its hand-set
//!   values. The shared index of the while-typing check already holds both.
//!   "Reset" stores `Settings::duplicate_weights = Some(DuplicateWeights::HandSet)`
//!   (and "Learn from my contacts" `None`); [`DedupeSettings::for_app`]
//!   turns that into `learn_weights`.
//! - **While typing**: [`check_one`] on the shared index; the import preview
//!   treats a candidate at or above the probable threshold as a duplicate.

pub mod blocking;
pub mod cluster;
pub mod companies;
pub mod compare;
pub mod em;
pub mod features;
pub mod index;
pub mod merge;
pub mod report;
pub mod scan;
pub mod scoring;
pub mod settings;
pub mod similarity;
pub mod weights;

pub use blocking::SkippedBlock;
pub use cluster::{cluster_pairs, Cluster};
pub use compare::{Comparison, Level};
pub use em::Learning;
pub use features::Features;
pub use index::{build_index, check_one, DedupeIndex, DRAFT};
pub use merge::{merge_changes, merge_contacts, moved_counts, undo, FieldChoices, ListPick, MergeRecord, Moved, Pick};
pub use report::report;
pub use scan::{scan, Progress, Scan};
pub use scoring::{Candidate, Reason, Review};
pub use settings::DedupeSettings;
pub use weights::{ComparisonWeights, LevelWeight, Weights};

#[cfg(test)]
mod tests;
