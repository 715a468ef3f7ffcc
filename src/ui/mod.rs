//! UI: the app shell, routes, pages and components (Leptos 0.8, client-side).
//!
//! Pages read the dataset from [`AppState`] and write only through its
//! commands. Search text and sort live in the URL. Every control has an
//! accessible name; lists render only their visible rows.

mod activities_page;
mod audit_page;
mod backup_page;
mod charts;
mod commit;
mod companies_page;
mod company_form;
mod company_page;
mod confirm_delete;
mod contact_form;
mod contact_page;
mod contacts_page;
mod dashboard_page;
mod deal_form;
mod deal_page;
mod deals_page;
mod demo_loader;
mod download;
mod duplicates_page;
mod fields;
mod format;
mod import_page;
mod import_records;
mod merge_page;
mod pipeline_page;
mod record_sections;
mod reports_page;
mod search_list;
mod settings_page;
mod suggestions;
mod tag_chips;
mod task_rows;
mod tasks_page;
mod theme;
mod timeline;
mod today_page;
mod virtual_list;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::state::{
    commands, AppState, LastScanRate, LoadStatus, NoticeKind, ReportControls, SharedDedupeIndex, Today,
};
use activities_page::ActivitiesPage;
use audit_page::AuditPage;
use backup_page::BackupPage;
use companies_page::CompaniesPage;
use company_form::CompanyFormPage;
use company_page::CompanyPage;
use contact_form::ContactFormPage;
use contact_page::ContactPage;
use contacts_page::ContactsPage;
use dashboard_page::HomePage;
use deal_form::DealFormPage;
use deal_page::DealPage;
use deals_page::DealsPage;
use duplicates_page::DuplicatesPage;
use import_page::ImportPage;
use merge_page::MergePage;
use pipeline_page::PipelinePage;
use reports_page::ReportsPage;
use settings_page::SettingsPage;
use tasks_page::TasksPage;
use theme::ThemePicker;
use today_page::TodayPage;

/// The IndexedDB database the app uses.
pub const DB_NAME: &str = "crm";

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(App);
}

/// The path the app is served under ("" at the root, "/crm" under a sub-path),
/// read once from the `<base href>` Trunk writes for `--public-url`.
fn base_path() -> String {
    thread_local! {
        static BASE: String = read_base_path();
    }
    BASE.with(String::clone)
}

/// An app path ("/contacts/1") as a link target under the base path. The
/// router prefixes the base when navigating, but `<A>` and `<a>` do not.
pub fn link(path: &str) -> String {
    format!("{}{}", base_path(), path)
}

fn read_base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide(DB_NAME);
    ReportControls::provide(state);
    LastScanRate::provide();
    SharedDedupeIndex::provide(state);
    let today = Today::provide(state);
    let today_count = move || today.count();
    view! {
        <Router base=base_path()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <header class="app-header">
                <A href=link("/") exact=true attr:class="brand">"CRM"</A>
                <nav aria-label="Main">
                    <A href=link("/today")>
                        "Today"
                        {move || match today_count() {
                            0 => None,
                            n => Some(view! { <span class="nav-count" aria-label=format!("{n} items")>{n}</span> }),
                        }}
                    </A>
                    <A href=link("/contacts")>"Contacts"</A>
                    <A href=link("/companies")>"Companies"</A>
                    <A href=link("/pipeline")>"Pipeline"</A>
                    <A href=link("/activities")>"Activities"</A>
                    <A href=link("/reports")>"Reports"</A>
                    <A href=link("/tasks")>"Tasks"</A>
                    <A href=link("/import")>"Import"</A>
                    <A href=link("/duplicates")>"Duplicates"</A>
                    <A href=link("/audit")>"Data audit"</A>
                    <A href=link("/backup")>"Backup"</A>
                    <A href=link("/settings")>"Settings"</A>
                </nav>
                <ThemePicker />
            </header>
            <StatusLine />
            <main id="main" tabindex="-1">
                {move || match state.status.get() {
                    LoadStatus::Loading => view! { <p class="loading">"Loading your data…"</p> }.into_any(),
                    LoadStatus::Failed(msg) => {
                        view! {
                            <div role="alert" class="banner error">
                                <h1>"The CRM could not open its data"</h1>
                                <p>{msg}</p>
                            </div>
                        }
                            .into_any()
                    }
                    LoadStatus::Outdated => view! { <OutdatedBanner /> }.into_any(),
                    LoadStatus::Ready => {
                        view! {
                            <Routes fallback=|| view! { <h1>"Page not found"</h1> }>
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
        </Router>
    }
}

/// The last message: "Saved" politely, errors assertively.
#[component]
fn StatusLine() -> impl IntoView {
    let state = AppState::expect();
    let success = move || state.notice.get().filter(|n| n.kind == NoticeKind::Success).map(|n| n.text);
    let error = move || state.notice.get().filter(|n| n.kind == NoticeKind::Error).map(|n| n.text);
    let undo = Action::new_local(move |key: &f64| commands::undo(state, *key, "Undone", "That was undone already"));
    view! {
        <div class="status-line">
            <Show when=move || state.status.with(|s| *s == LoadStatus::Ready) && !state.is_complete.get()>
                <p class="progress">"Loading activities…"</p>
            </Show>
            <p role="status" class="notice success">{success}</p>
            {move || error().map(|t| view! { <div role="alert" class="notice error"><p class="pre">{t}</p></div> })}
            {move || state.notice.with(|n| n.as_ref().and_then(|n| n.undo)).map(|key| view! {
                <button type="button" disabled=move || undo.pending().get() on:click=move |_| {
                    undo.dispatch(key);
                }>"Undo"</button>
            })}
            <Show when=move || state.notice.with(Option::is_some)>
                <button type="button" class="link-button" on:click=move |_| state.notice.set(None)>
                    "Dismiss message"
                </button>
            </Show>
        </div>
    }
}

#[component]
fn OutdatedBanner() -> impl IntoView {
    let reload = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    };
    view! {
        <div role="alert" class="banner warning">
            <h1>"A newer version of the CRM is open"</h1>
            <p>
                "The CRM was updated in another tab, so this tab has stopped to protect your data. Reload to continue with the new version."
            </p>
            <button type="button" on:click=reload>
                "Reload"
            </button>
        </div>
    }
}
