//! The duplicate-detection index of every contact, built once per data
//! change when first needed, and shared by everything that looks for
//! duplicates: the contact forms' while-typing check, the import preview and
//! the Duplicates scan.

use std::sync::Arc;

use leptos::prelude::*;

use super::timing::timed;
use super::AppState;
use crate::core::dedupe::{build_index, DedupeIndex, DedupeSettings};

#[derive(Clone, Copy)]
pub struct SharedDedupeIndex(Memo<Arc<DedupeIndex>>);

impl SharedDedupeIndex {
    pub fn provide(state: AppState) -> SharedDedupeIndex {
        let index = Memo::new_with_compare(
            move |_| {
                state.data.with(|d| {
                    timed("dedupe:index", || {
                        Arc::new(build_index(d.contacts(), &DedupeSettings::for_app(d.settings())))
                    })
                })
            },
            // A rebuilt index is new even when it holds the same contacts.
            |a: Option<&Arc<DedupeIndex>>, b: Option<&Arc<DedupeIndex>>| match (a, b) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b),
                _ => true,
            },
        );
        let shared = SharedDedupeIndex(index);
        provide_context(shared);
        shared
    }

    pub fn expect() -> SharedDedupeIndex {
        expect_context::<SharedDedupeIndex>()
    }

    /// The index of the contacts as they are now, built if the data changed
    /// since it was last used. Not tracked: callers read it on demand.
    pub fn get(self) -> Arc<DedupeIndex> {
        self.0.get_untracked()
    }
}
