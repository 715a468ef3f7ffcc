//! A list that renders only the rows in view, so 100,000 rows cost the same
//! as fifty. Rows have a fixed height; the list is a scroll container. As
//! only some rows are in the page, the list says how many there are: its
//! name carries the count ("Contacts (1,000)") and every row its place
//! (`aria-posinset` of `aria-setsize`), so a screen reader announces "12 of
//! 1,000" rather than the rows that happen to be rendered.

use leptos::html::Div;
use leptos::prelude::*;

use crate::ui::format::thousands;

const OVERSCAN: usize = 8;

/// `rows` are the items in order; `row_key` must change whenever the row's
/// content does; `render_row(position, item)` builds one row.
#[component]
pub fn VirtualList<K, KF, R, V>(
    rows: Memo<Vec<u32>>,
    /// Pixel height of one row (matches the CSS).
    row_height: f64,
    /// The list's accessible name.
    label: &'static str,
    row_key: KF,
    render_row: R,
) -> impl IntoView
where
    K: Eq + std::hash::Hash + Clone + Send + Sync + 'static,
    KF: Fn(u32) -> K + Clone + Send + Sync + 'static,
    R: Fn(usize, u32) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0f64);
    let viewport = RwSignal::new(600.0f64);
    let container = NodeRef::<Div>::new();
    let on_scroll = move |_| {
        if let Some(el) = container.get() {
            scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height().max(1) as f64);
        }
    };
    Effect::new(move |_| {
        if let Some(el) = container.get() {
            viewport.set(el.client_height().max(1) as f64);
        }
    });
    // A new list (another search) starts at the top.
    Effect::new(move |_| {
        rows.track();
        if let Some(el) = container.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let total = move || rows.with(Vec::len);
    let visible = move || {
        let first = (scroll_top.get() / row_height) as usize;
        let start = first.saturating_sub(OVERSCAN);
        let end = first + (viewport.get() / row_height).ceil() as usize + OVERSCAN;
        let key = row_key.clone();
        rows.with(|r| {
            let end = end.min(r.len());
            (start.min(end)..end).map(|pos| (pos, r[pos], key(r[pos]))).collect::<Vec<_>>()
        })
    };
    view! {
        <div class="virtual-list" node_ref=container on:scroll=on_scroll>
            <div
                role="list"
                aria-label=move || format!("{label} ({})", thousands(total()))
                class="virtual-spacer"
                style:height=move || format!("{}px", total() as f64 * row_height)
            >
                <For
                    each=visible
                    key=|(pos, _, key)| (*pos, key.clone())
                    children=move |(pos, item, _)| {
                        let render = render_row.clone();
                        view! {
                            <div
                                role="listitem"
                                class="virtual-row"
                                aria-posinset=pos + 1
                                aria-setsize=total
                                style:top=format!("{}px", pos as f64 * row_height)
                                style:height=format!("{row_height}px")
                            >
                                {render(pos, item)}
                            </div>
                        }
                    }
                />
            </div>
        </div>
    }
}
