//! Sections shared by the contact and company pages: the lifecycle stage
//! history and the record's deals.

use leptos::prelude::*;

use crate::core::records::DealStatus;
use crate::core::records::StageChange;
use crate::core::timeline::deals_of;
use crate::state::AppState;
use crate::ui::components::local_time::LocalTime;
use crate::ui::format::money;
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf};

#[component]
pub fn StageHistory(history: Vec<StageChange>) -> impl IntoView {
    view! {
        <section aria-labelledby="stage-history-heading">
            <h2 id="stage-history-heading">{t("contacts.history.title")}</h2>
            {if history.is_empty() {
                view! { <p class="muted">{t("contacts.history.empty")}</p> }.into_any()
            } else {
                view! {
                    <ol class="plain-list" aria-label=t("contacts.history.list")>
                        {history.iter().rev().map(|h| view! {
                            <li>{match h.from {
                                Some(from) => tf("contacts.history.change", &[("from", &label("lifecycle", from.key())), ("to", &label("lifecycle", h.to.key()))]),
                                None => tf("contacts.history.started", &[("to", &label("lifecycle", h.to.key()))]),
                            }}", "<LocalTime at=h.at /></li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
}

#[component]
pub fn RecordDeals(record_id: String, new_deal_query: String) -> impl IntoView {
    let state = AppState::expect();
    let deals = Memo::new(move |_| {
        state.data.with(|d| {
            deals_of(d, &record_id)
                .into_iter()
                .filter_map(|i| d.deals().all().get(i as usize))
                .map(|x| {
                    let stage = match x.status {
                        DealStatus::Open => {
                            d.settings().stage(&x.stage).map_or_else(|| x.stage.clone(), |s| s.name.clone())
                        }
                        s => label("deal_status", s.key()),
                    };
                    (x.id.clone(), x.title.clone(), money(x.amount_cents, &x.currency), stage)
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section aria-labelledby="deals-heading">
            <h2 id="deals-heading">{t("deals.list.title")}</h2>
            <a href=link(&format!("/deals/new?{new_deal_query}"))>{t("deals.new")}</a>
            <Show when=move || deals.with(Vec::is_empty)><p class="muted">{t("deals.record.none")}</p></Show>
            <ul class="plain-list" aria-label=t("deals.list.title")>
                <For each=move || deals.get() key=|d| d.clone() let:d>
                    <li><a href=link(&format!("/deals/{}", d.0))>{d.1.clone()}</a>{format!(" — {} · {}", d.2, d.3)}</li>
                </For>
            </ul>
        </section>
    }
}
