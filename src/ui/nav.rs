//! The main navigation: the pages in four groups — Work (the daily lists),
//! Insight (reports), Data (bringing data in, keeping it clean and safe) and
//! Settings. On a wide screen it is a column beside the page; on a narrow
//! one it folds behind a "Menu" button in the header and opens over the
//! page (see `style/main.css`, "The shell").

use leptos::prelude::*;
use leptos_router::components::A;

use crate::state::Today;
use crate::ui::paths::link;
use crate::ui::text::{t, tn};

/// A group of pages: its name and its pages (path, name), the names as
/// catalogue keys.
struct NavGroup {
    id: &'static str,
    name: &'static str,
    pages: &'static [(&'static str, &'static str)],
}

const GROUPS: [NavGroup; 4] = [
    NavGroup {
        id: "work",
        name: "shell.nav.work",
        pages: &[
            ("/today", "shell.nav.today"),
            ("/contacts", "shell.nav.contacts"),
            ("/companies", "shell.nav.companies"),
            ("/pipeline", "shell.nav.pipeline"),
            ("/activities", "shell.nav.activities"),
            ("/tasks", "shell.nav.tasks"),
        ],
    },
    NavGroup { id: "insight", name: "shell.nav.insight", pages: &[("/reports", "shell.nav.reports")] },
    NavGroup {
        id: "data",
        name: "shell.nav.data",
        pages: &[
            ("/import", "shell.nav.import"),
            ("/duplicates", "shell.nav.duplicates"),
            ("/audit", "shell.nav.audit"),
            ("/backup", "shell.nav.backup"),
        ],
    },
    NavGroup { id: "settings", name: "shell.nav.settings", pages: &[("/settings", "shell.nav.settings")] },
];

/// The navigation's id, for the menu button's `aria-controls`.
pub const NAV_ID: &str = "main-nav";

/// The grouped navigation. `is_open` is the narrow screen's menu state; a
/// click on a link closes it (the page changes under it).
#[component]
pub fn MainNav(is_open: RwSignal<bool>) -> impl IntoView {
    let today = Today::expect();
    view! {
        <nav id=NAV_ID aria-label=t("shell.nav.main") class="main-nav" class:open=move || is_open.get()
            on:click=move |ev| {
                let on_link = ev
                    .target()
                    .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .is_some_and(|el| el.closest("a").ok().flatten().is_some());
                if on_link {
                    is_open.set(false);
                }
            }>
            {GROUPS
                .iter()
                .map(|g| {
                    let heading = format!("nav-{}", g.id);
                    view! {
                        <div class="nav-group">
                            <p class="nav-heading" id=heading.clone()>{t(g.name)}</p>
                            <ul aria-labelledby=heading>
                                {g.pages
                                    .iter()
                                    .map(|&(path, name)| {
                                        let count = (path == "/today").then_some(move || match today.count() {
                                            0 => None,
                                            n => Some(view! {
                                                <span class="nav-count" aria-label=tn("shell.nav.items", n)>{n}</span>
                                            }),
                                        });
                                        view! { <li><A href=link(path)>{t(name)}{count}</A></li> }
                                    })
                                    .collect_view()}
                            </ul>
                        </div>
                    }
                })
                .collect_view()}
        </nav>
    }
}
