//! The empty state: start with demo data, an import, or a first contact.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;

use crate::core::dataset::Dataset;
use crate::core::demo::generate_demo;
use crate::state::commands::local_action;
use crate::state::{commands, yield_to_browser, AppState};
use crate::ui::format::thousands;
use crate::ui::paths::link;

const SIZES: [usize; 4] = [100, 1_000, 10_000, 100_000];
/// Demo data is the same everywhere: a fixed seed.
const DEMO_SEED: u64 = 2026;

#[component]
pub fn DemoLoader() -> impl IntoView {
    let state = AppState::expect();
    let size = RwSignal::new(1_000usize);
    let load = local_action(move |n: &usize| {
        let n = *n;
        async move {
            yield_to_browser().await;
            let demo =
                Dataset::from_parts(generate_demo(DEMO_SEED, n, state.clock.now()).into_records()).unwrap_or_default();
            commands::load_demo(state, demo, n).await;
        }
    });
    // A static demo can link straight to data: `/?demo=1000` loads it once
    // when the database is empty (this component only shows then).
    let requested = use_query_map()
        .with_untracked(|q| q.get("demo"))
        .and_then(|v| v.replace(',', "").parse::<usize>().ok())
        .filter(|n| SIZES.contains(n));
    if let Some(n) = requested {
        size.set(n);
        load.dispatch(n);
    }
    view! {
        <section class="empty-state" aria-labelledby="empty-heading">
            <h2 id="empty-heading">"No contacts yet"</h2>
            <p>
                "Everything you enter stays in this browser. Start with a contact, "
                <A href=link("/import")>"import contacts from a CSV or vCard file"</A>
                ", "
                <A href=link("/backup")>"import a backup"</A>
                ", or try the CRM with realistic demo data."
            </p>
            <div class="toolbar">
                <label>
                    "Demo size "
                    <select
                        prop:value=move || size.get().to_string()
                        on:change=move |ev| size.set(event_target_value(&ev).parse().unwrap_or(1_000))
                    >
                        {SIZES
                            .into_iter()
                            .map(|n| view! { <option value=n.to_string()>{thousands(n)}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" on:click=move |_| { load.dispatch(size.get_untracked()); } disabled=move || load.pending().get()>
                    {move || if load.pending().get() { "Loading demo data…" } else { "Load demo data" }}
                </button>
            </div>
        </section>
    }
}
