//! A list filtered by search text that stays fast while typing: when the text
//! only gets more specific (one more letter, another word) and the list it
//! filters is the same, the previous result is filtered instead of the whole
//! list — same answer, a fraction of the work.

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::dataset::query_refines;

/// A computed list that counts as new each time it is computed, so that
/// `Arc::ptr_eq` tells whether a cached result belongs to it.
#[derive(Clone)]
pub struct Computed(pub Arc<Vec<u32>>);

impl PartialEq for Computed {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Computed {
    pub fn new(list: Vec<u32>) -> Computed {
        Computed(Arc::new(list))
    }
}

/// `base` filtered by `query` with `filter(positions, query)`, which must keep
/// the order of the positions it is given.
pub fn search_list(
    base: Memo<Computed>,
    query: impl Fn() -> String + Send + Sync + 'static,
    filter: impl Fn(&[u32], &str) -> Vec<u32> + Send + Sync + 'static,
) -> Memo<Vec<u32>> {
    let last = StoredValue::new(None::<(Arc<Vec<u32>>, String, Arc<Vec<u32>>)>);
    Memo::new(move |_| {
        let query = query();
        let base = base.get().0;
        let from = last.with_value(|l| match l {
            Some((b, old, result)) if Arc::ptr_eq(b, &base) && query_refines(old, &query) => Some(result.clone()),
            _ => None,
        });
        let result = Arc::new(filter(from.as_deref().unwrap_or(&base), &query));
        last.set_value(Some((base, query, result.clone())));
        Vec::clone(&result)
    })
}
