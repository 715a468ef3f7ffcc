//! Where a tab is in the stored history, and what it does when it learns of
//! new journal entries: after its own write committed, or after reading
//! what other tabs wrote. These are the decisions `state::AppState` makes;
//! they are pure, so they are tested here, natively.
//!
//! The stored history is a snapshot (a `generation` of chunks) plus an
//! append-only journal whose entries have increasing keys (`seq`). A tab's
//! [`Position`] is the snapshot it holds and the last journal entry applied
//! to it. Another tab can write entries (the journal grows) or replace the
//! snapshot (an import, a compaction: the generation changes).

/// This tab's place in the stored history.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Position {
    /// The snapshot generation the in-memory data was loaded from.
    pub generation: u64,
    /// The key of the last journal entry applied.
    pub last_seq: f64,
    /// Journal entries on top of the snapshot; past a limit the tab folds
    /// them into a new snapshot (compaction).
    pub journal_len: usize,
}

/// What to do with what a write or a catch-up found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reconcile {
    /// The snapshot was replaced meanwhile: read everything again.
    Reload,
    /// Apply the entries found, in order, and move to this position.
    Apply(Position),
    /// Nothing to apply: this tab already moved past what was found.
    Skip,
}

/// After this tab's own entry (key `seq`) committed: `earlier` entries of
/// other tabs came before it and are applied first; `is_stale` says another
/// tab replaced the snapshot, so our entry sits on data we do not hold.
pub fn after_append(at: Position, seq: f64, earlier: usize, is_stale: bool) -> Reconcile {
    if is_stale {
        return Reconcile::Reload;
    }
    Reconcile::Apply(Position { generation: at.generation, last_seq: seq, journal_len: at.journal_len + earlier + 1 })
}

/// After reading the entries other tabs wrote since `from` (the position
/// when the read started): `entries` of them, the last with key `last_seq`.
/// `now` is this tab's position now; a write of its own may have moved it
/// on during the read (and applied those entries already), so it only ever
/// moves forward.
pub fn after_catch_up(from: Position, now: Position, entries: usize, last_seq: f64) -> Reconcile {
    if now.last_seq >= last_seq {
        return Reconcile::Skip;
    }
    Reconcile::Apply(Position { generation: from.generation, last_seq, journal_len: from.journal_len + entries })
}

/// Whether the journal has grown past `limit` entries and should be folded
/// into a new snapshot.
pub fn needs_compaction(at: Position, limit: usize) -> bool {
    at.journal_len > limit
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: Position = Position { generation: 3, last_seq: 10.0, journal_len: 4 };

    #[test]
    fn an_append_moves_past_the_earlier_entries_and_its_own() {
        assert_eq!(
            after_append(AT, 13.0, 2, false),
            Reconcile::Apply(Position { generation: 3, last_seq: 13.0, journal_len: 7 })
        );
        assert_eq!(
            after_append(AT, 11.0, 0, false),
            Reconcile::Apply(Position { generation: 3, last_seq: 11.0, journal_len: 5 })
        );
    }

    #[test]
    fn an_append_on_a_replaced_snapshot_reloads() {
        assert_eq!(after_append(AT, 13.0, 2, true), Reconcile::Reload);
    }

    #[test]
    fn a_catch_up_applies_what_is_new() {
        assert_eq!(
            after_catch_up(AT, AT, 3, 14.0),
            Reconcile::Apply(Position { generation: 3, last_seq: 14.0, journal_len: 7 })
        );
    }

    #[test]
    fn a_catch_up_overtaken_by_a_write_of_this_tab_applies_nothing() {
        // The read started at seq 10; meanwhile this tab wrote seq 12 (which
        // applied the other tab's seq 11 as an earlier entry).
        let now = Position { last_seq: 12.0, journal_len: 6, ..AT };
        assert_eq!(after_catch_up(AT, now, 1, 11.0), Reconcile::Skip);
        assert_eq!(after_catch_up(AT, now, 2, 12.0), Reconcile::Skip);
        // A later entry than this tab's own still counts.
        assert_eq!(
            after_catch_up(AT, now, 3, 13.0),
            Reconcile::Apply(Position { generation: 3, last_seq: 13.0, journal_len: 7 })
        );
    }

    #[test]
    fn compaction_starts_past_the_limit() {
        assert!(!needs_compaction(Position { journal_len: 300, ..AT }, 300));
        assert!(needs_compaction(Position { journal_len: 301, ..AT }, 300));
    }
}
