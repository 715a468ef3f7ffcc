//! The app shell: the header (the brand, the menu button of narrow screens,
//! the theme), the grouped main navigation ([`MainNav`]) beside the page,
//! the status line, what shows while the data loads (or when it cannot), and
//! the routes. It provides the app-wide state every page uses. The layout
//! is responsive (`style/main.css`, "The shell"): below 900 px the
//! navigation folds behind "Menu", and pages, forms and record details run
//! in one column.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::core::display::Locale;
use crate::core::i18n;
use crate::state::{AppState, Durability, LastScanRate, LoadStatus, ReportControls, SharedDedupeIndex, Today};
use crate::ui::components::backup_reminder::BackupNudge;
use crate::ui::components::outdated_banner::OutdatedBanner;
use crate::ui::components::status_line::StatusLine;
use crate::ui::components::theme_picker::ThemePicker;
use crate::ui::components::update_prompt::UpdatePrompt;
use crate::ui::nav::{MainNav, NAV_ID};
use crate::ui::pages::{
    ActivitiesPage, AuditPage, BackupPage, CompaniesPage, CompanyFormPage, CompanyPage, ContactFormPage, ContactPage,
    ContactsPage, DashboardPage, DealFormPage, DealPage, DealsPage, DuplicatesPage, ImportPage, MergePage,
    PipelinePage, ReportsPage, SettingsPage, TasksPage, TodayPage,
};
use crate::ui::paths::{base_path, link};
use crate::ui::text::t;

/// The key that closes what is open (`KeyboardEvent.key`).
pub const ESCAPE: &str = "Escape"; // not text: a key name

/// The IndexedDB database the app uses.
pub const DB_NAME: &str = "crm";

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    let locale = crate::state::locale();
    // Screen readers speak the page in the person's language.
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.tag());
    }
    if locale == Locale::En {
        start();
    } else {
        // The wasm holds English; another language is fetched first (one
        // small same-origin file, precached by the service worker). If it
        // cannot be had, the app starts in English rather than not at all.
        wasm_bindgen_futures::spawn_local(async move {
            match crate::state::fetch_language(locale).await {
                Ok(text) => {
                    i18n::install(locale, &text);
                }
                Err(e) => web_sys::console::warn_1(&format!("language {}: {e}", locale.tag()).into()),
            }
            start();
        });
    }
}

/// Starts the app once its texts are in place (nothing asks for a text
/// before: the catalogue is fixed at the first one).
fn start() {
    crate::state::pwa::start();
    leptos::mount::mount_to_body(App);
    // The frame index.html paints while the wasm loads has done its job.
    if let Some(frame) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        frame.remove();
    }
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide(DB_NAME);
    ReportControls::provide(state);
    LastScanRate::provide();
    SharedDedupeIndex::provide(state);
    Today::provide(state);
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    // Escape closes the open menu and gives focus back to its button.
    let close_on_escape = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == ESCAPE && menu_open.get_untracked() {
            menu_open.set(false);
            if let Some(b) = menu_button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    Durability::provide(state);
    view! {
        <Router base=base_path()>
            <a class="skip-link" href="#main">{t("shell.skip")}</a>
            <div class="app-shell" on:keydown=close_on_escape>
            <header class="app-header">
                <A href=link("/") exact=true attr:class="brand">"CRM"</A>
                <button type="button" class="menu-button" node_ref=menu_button aria-controls=NAV_ID
                    aria-expanded=move || if menu_open.get() { "true" } else { "false" }
                    on:click=move |_| menu_open.update(|o| *o = !*o)>
                    <span class="menu-icon" aria-hidden="true"></span>
                    {t("shell.menu")}
                </button>
                <ThemePicker />
                <BackupNudge />
            </header>
            <MainNav is_open=menu_open />
            <div class="app-page">
            <UpdatePrompt />
            <StatusLine />
            <main id="main" tabindex="-1">
                {move || match state.status.get() {
                    LoadStatus::Loading => view! { <p class="loading">{t("shell.loading")}</p> }.into_any(),
                    LoadStatus::Failed(msg) => {
                        view! {
                            <div role="alert" class="banner error">
                                <h1>{t("shell.load_failed")}</h1>
                                <p>{msg}</p>
                            </div>
                        }
                            .into_any()
                    }
                    LoadStatus::Outdated => view! { <OutdatedBanner /> }.into_any(),
                    LoadStatus::Ready => {
                        view! {
                            <Routes fallback=|| view! { <h1>{t("shell.not_found")}</h1> }>
                                <Route path=path!("/") view=HomePage />
                                <Route path=path!("/reports") view=ReportsPage />
                                <Route path=path!("/reports/:report") view=ReportsPage />
                                <Route path=path!("/contacts") view=ContactsPage />
                                <Route path=path!("/contacts/new") view=ContactFormPage />
                                <Route path=path!("/contacts/:id") view=ContactPage />
                                <Route path=path!("/contacts/:id/edit") view=ContactFormPage />
                                <Route path=path!("/companies") view=CompaniesPage />
                                <Route path=path!("/companies/new") view=CompanyFormPage />
                                <Route path=path!("/companies/:id") view=CompanyPage />
                                <Route path=path!("/companies/:id/edit") view=CompanyFormPage />
                                <Route path=path!("/backup") view=BackupPage />
                                <Route path=path!("/import") view=ImportPage />
                                <Route path=path!("/today") view=TodayPage />
                                <Route path=path!("/pipeline") view=PipelinePage />
                                <Route path=path!("/deals") view=DealsPage />
                                <Route path=path!("/deals/new") view=DealFormPage />
                                <Route path=path!("/deals/:id") view=DealPage />
                                <Route path=path!("/deals/:id/edit") view=DealFormPage />
                                <Route path=path!("/activities") view=ActivitiesPage />
                                <Route path=path!("/tasks") view=TasksPage />
                                <Route path=path!("/settings") view=SettingsPage />
                                <Route path=path!("/duplicates") view=DuplicatesPage />
                                <Route path=path!("/audit") view=AuditPage />
                                <Route path=path!("/duplicates/merge") view=MergePage />
                            </Routes>
                        }
                            .into_any()
                    }
                }}
            </main>
            </div>
            </div>
        </Router>
    }
}

/// "/" shows the dashboard when there is data, else the contacts list (whose
/// empty state offers demo data and import).
#[component]
fn HomePage() -> impl IntoView {
    let state = AppState::expect();
    let is_empty = move || state.data.with(|d| d.is_empty());
    view! {
        <Show when=move || !is_empty() fallback=|| view! { <ContactsPage /> }>
            <DashboardPage />
        </Show>
    }
}
