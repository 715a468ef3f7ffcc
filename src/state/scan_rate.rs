//! The duplicate rate of the last full scan in this session, measured by the
//! Duplicates page and shown by the Data audit.

use leptos::prelude::*;

/// The share of contacts in a group of possible duplicates at the last scan
/// of this session: (contacts in groups, contacts scanned), `None` before
/// the first scan.
#[derive(Clone, Copy)]
pub struct LastScanRate(RwSignal<Option<(usize, usize)>>);

impl LastScanRate {
    pub fn provide() -> LastScanRate {
        let rate = LastScanRate(RwSignal::new(None));
        provide_context(rate);
        rate
    }

    pub fn expect() -> LastScanRate {
        expect_context::<LastScanRate>()
    }

    pub fn get(self) -> Option<(usize, usize)> {
        self.0.get()
    }

    /// Records a finished scan: `inside` of `total` contacts are in a group.
    pub fn record(self, inside: usize, total: usize) {
        self.0.set(Some((inside, total)));
    }
}
