//! The contacts list: instant search, sort, and only the visible rows rendered.

use std::collections::HashSet;
use std::time::Duration;

use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use crate::core::dataset::ContactSort;
use crate::core::export::{contacts_csv, contacts_vcard};
use crate::core::lists::with_tag_contacts;
use crate::state::{AppState, NoticeKind};
use crate::ui::components::demo_loader::DemoLoader;
use crate::ui::components::search_list::{search_list, Computed};
use crate::ui::components::tag_chips::TagFilter;
use crate::ui::components::virtual_list::VirtualList;
use crate::ui::download::{download, save_csv};
use crate::ui::format::encode;
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf, tn};

const ROW_HEIGHT: f64 = 48.0;
/// How long typing must pause before the URL follows the search.
const URL_DELAY: Duration = Duration::from_millis(300);

#[component]
pub fn ContactsPage() -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let query = use_query_map();
    // The URL is the source at load; typing updates the local signal at once
    // and the URL (replace, no history entry) once typing pauses, so a
    // keystroke does not pay for a router navigation.
    let q = RwSignal::new(query.with_untracked(|m| m.get("q").unwrap_or_default()));
    let sort = RwSignal::new(ContactSort::from_key(&query.with_untracked(|m| m.get("sort").unwrap_or_default())));
    let pending_url = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(h) = pending_url.get_value() {
            h.clear();
        }
    });
    Effect::new({
        let navigate = navigate.clone();
        move |prev: Option<()>| {
            let (q, sort) = (q.get(), sort.get());
            if prev.is_none() {
                return;
            }
            let mut url = String::from("/contacts");
            let mut params = Vec::new();
            if !q.is_empty() {
                params.push(format!("q={}", encode(&q)));
            }
            if sort != ContactSort::default() {
                params.push(format!("sort={}", sort.key()));
            }
            if !params.is_empty() {
                url.push('?');
                url.push_str(&params.join("&"));
            }
            if let Some(h) = pending_url.get_value() {
                h.clear();
            }
            let navigate = navigate.clone();
            let update = move || navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
            pending_url.set_value(set_timeout_with_handle(update, URL_DELAY).ok());
        }
    });
    let order = Memo::new(move |_| Computed::new(state.data.with(|d| d.contact_order(sort.get()))));
    let matches =
        search_list(order, move || q.get(), move |base, query| state.data.with(|d| d.filter_contacts(base, query)));
    let tag = RwSignal::new(String::new());
    let matches = Memo::new(move |_| {
        let tag = tag.get();
        matches
            .with(|m| if tag.is_empty() { Vec::clone(m) } else { state.data.with(|d| with_tag_contacts(d, m, &tag)) })
    });
    let is_empty = move || state.data.with(|d| d.is_empty());
    // Exactly the rows the list shows, in its order, with its columns.
    let export_csv = move |_| {
        let text = matches.with_untracked(|m| state.data.with_untracked(|d| contacts_csv(d, m)));
        save_csv(state, "contacts.csv", &text);
    };
    // Contacts ticked for a vCard export, by id (kept across searches).
    let selected = RwSignal::new(HashSet::<String>::new());
    let new_contact = {
        let navigate = navigate.clone();
        move |_| navigate("/contacts/new", Default::default())
    };

    view! {
        <div class="page-header">
            <h1>{t("contacts.list.title")}</h1>
            <button type="button" class="primary" on:click=new_contact>
                {t("contacts.new")}
            </button>
        </div>
        <Show when=move || !is_empty() fallback=|| view! { <DemoLoader /> }>
            <div class="toolbar">
                <input
                    type="search"
                    class="search"
                    aria-label=t("contacts.list.search")
                    placeholder=t("contacts.list.search_placeholder")
                    prop:value=move || q.get()
                    on:input=move |ev| q.set(event_target_value(&ev))
                />
                <TagFilter value=tag />
                <label>
                    {t("contacts.list.sort_by")}
                    " "
                    <select
                        prop:value=move || sort.get().key()
                        on:change=move |ev| sort.set(ContactSort::from_key(&event_target_value(&ev)))
                    >
                        {ContactSort::ALL
                            .into_iter()
                            .map(|s| view! { <option value=s.key()>{label("contact_sort", s.key())}</option> })
                            .collect_view()}
                    </select>
                </label>
                <button type="button" on:click=export_csv>{t("contacts.list.export_csv")}</button>
                <SelectionTools matches selected />
                <p class="count" aria-live="polite">
                    {move || tn("common.contacts", matches.with(Vec::len))}
                </p>
            </div>
            <div class="row-head contact-row" aria-hidden="true">
                <span>{t("contacts.list.col.name")}</span>
                <span>{t("contacts.list.col.company")}</span>
                <span>{t("contacts.list.col.email")}</span>
                <span>{t("contacts.list.col.phone")}</span>
                <span>{t("contacts.list.col.stage")}</span>
            </div>
            <VirtualList
                rows=matches
                row_height=ROW_HEIGHT
                label=t("contacts.list.title")
                row_key=move |i| {
                    state
                        .data
                        .with_untracked(|d| {
                            d.contacts().get(i as usize).map(|c| (c.id.clone(), c.updated.timestamp_millis()))
                        })
                }
                render_row=move |_, i| view! { <ContactRow position=i selected /> }
            />
        </Show>
    }
}

/// "Select all shown" and the vCard export of the ticked contacts.
#[component]
fn SelectionTools(matches: Memo<Vec<u32>>, selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let state = AppState::expect();
    let all_shown_selected = move || {
        selected.with(|s| {
            !s.is_empty()
                && matches.with(|m| {
                    state
                        .data
                        .with(|d| m.iter().all(|&i| d.contacts().get(i as usize).is_some_and(|c| s.contains(&c.id))))
                })
        })
    };
    let select_all_shown = move |on: bool| {
        let ids: Vec<String> = matches.with_untracked(|m| {
            state.data.with_untracked(|d| {
                m.iter().filter_map(|&i| d.contacts().get(i as usize)).map(|c| c.id.clone()).collect()
            })
        });
        selected.update(|s| {
            for id in ids {
                if on {
                    s.insert(id);
                } else {
                    s.remove(&id);
                }
            }
        });
    };
    let export_vcard = move |_| {
        let text =
            selected.with_untracked(|s| state.data.with_untracked(|d| contacts_vcard(d, s.iter().map(String::as_str))));
        if let Err(e) = download("contacts.vcf", "text/vcard;charset=utf-8", &text) {
            state.notify(NoticeKind::Error, tf("contacts.list.vcard_failed", &[("error", &e.to_string())]));
        }
    };
    view! {
        <label class="check">
            <input type="checkbox" prop:checked=all_shown_selected
                on:change=move |ev| select_all_shown(event_target_checked(&ev)) />
            {t("contacts.list.select_all_shown")}
        </label>
        <button type="button" on:click=export_vcard disabled=move || selected.with(|s| s.is_empty())>
            {move || match selected.with(|s| s.len()) {
                0 => t("contacts.list.export_vcard").to_string(),
                n => tn("contacts.list.export_n_vcard", n),
            }}
        </button>
    }
}

/// One row of the list: a tick box named for the contact, its name (a link),
/// company, first email and phone, and stage.
#[component]
fn ContactRow(position: u32, selected: RwSignal<HashSet<String>>) -> impl IntoView {
    let state = AppState::expect();
    state.data.with_untracked(|d| {
        let c = &d.contacts()[position as usize];
        let company = d.company_name_of(c).unwrap_or_default().to_string();
        let (id, tick_id) = (c.id.clone(), c.id.clone());
        let name = c.display_name();
        let tick_label = tf("contacts.list.select", &[("name", &name)]);
        view! {
            <div class="contact-row">
                <span class="name">
                    <input
                        type="checkbox"
                        class="row-select"
                        aria-label=tick_label
                        prop:checked=move || selected.with(|s| s.contains(&id))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            selected.update(|s| {
                                if on {
                                    s.insert(tick_id.clone());
                                } else {
                                    s.remove(&tick_id);
                                }
                            });
                        }
                    />
                    <a href=link(&format!("/contacts/{}", c.id))>{name}</a>
                </span>
                <span>{company}</span>
                <span>{c.primary_email().unwrap_or_default().to_string()}</span>
                <span>{c.primary_phone().unwrap_or_default().to_string()}</span>
                <span class="stage">{label("lifecycle", c.lifecycle_stage.key())}</span>
            </div>
        }
    })
}
