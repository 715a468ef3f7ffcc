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
use crate::ui::text::t;

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
    // The sentence around its two links, in its language's order.
    let intro = t("work.demo.intro");
    let (before_import, rest) = intro.split_once("{import}").unwrap_or((intro, ""));
    let (between, after_backup) = rest.split_once("{backup}").unwrap_or((rest, ""));
    view! {
        <section class="empty-state" aria-labelledby="empty-heading">
            <h2 id="empty-heading">{t("work.demo.title")}</h2>
            <p>
                {before_import}
                <A href=link("/import")>{t("work.demo.import_link")}</A>
                {between}
                <A href=link("/backup")>{t("work.demo.backup_link")}</A>
                {after_backup}
            </p>
            <div class="toolbar">
                <label>
                    {t("work.demo.size")}" "
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
                    {move || if load.pending().get() { t("work.demo.loading") } else { t("work.demo.load") }}
                </button>
            </div>
        </section>
    }
}
