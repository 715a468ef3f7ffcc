//! The pipeline board: one column per configured stage with its count, total
//! and probability-weighted total. Cards move by drag and drop, or by
//! keyboard (arrow keys on a focused card, or its move buttons). Dropping on
//! "Won" or "Lost" closes the deal.

use leptos::html::Article;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use wasm_bindgen::JsCast;

use crate::core::lists::with_tag_deals;
use crate::core::pipeline::{board, Column, CurrencyTotal};
use crate::state::commands::{self, local_action, DealMove};
use crate::state::AppState;
use crate::ui::components::tag_chips::TagFilter;
use crate::ui::format::{long_date, money};
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn};

/// Cards shown per column before "Show more" (a column can hold thousands).
const CARDS_PER_PAGE: usize = 60;

/// Moves a deal (to a stage, or won or lost) and says so.
type Moves = Action<(String, DealMove), ()>;

/// Moves `deal_id` to `to`. The card is rebuilt where it lands and takes
/// focus there.
fn move_card(moves: Moves, focus: RwSignal<Option<String>>, deal_id: String, to: DealMove) {
    focus.set(Some(deal_id.clone()));
    moves.dispatch((deal_id, to));
}

fn totals_text(totals: &[CurrencyTotal]) -> String {
    totals
        .iter()
        .map(|c| {
            tf(
                "deals.pipeline.total",
                &[("total", &money(c.total_cents, &c.currency)), ("weighted", &money(c.weighted_cents, &c.currency))],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn dragged_id(ev: &web_sys::DragEvent) -> Option<String> {
    ev.data_transfer().and_then(|dt| dt.get_data("text/plain").ok()).filter(|s| !s.is_empty())
}

#[component]
pub fn PipelinePage() -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let q = RwSignal::new(String::new());
    let tag = RwSignal::new(String::new());
    let focus = RwSignal::new(None::<String>);
    let moves: Moves = local_action(move |(deal_id, to): &(String, DealMove)| {
        commands::move_deal_to(state, deal_id.clone(), to.clone())
    });
    let columns = Memo::new(move |_| {
        state.data.with(|d| {
            let all: Vec<u32> = (0..d.deals().len() as u32).collect();
            let hits = d.deals().filter(&all, &q.get());
            let hits = with_tag_deals(d, &hits, &tag.get());
            board(d, &hits)
        })
    });
    let stage_ids = Memo::new(move |_| {
        state.data.with(|d| d.settings().pipeline.iter().map(|s| (s.id.clone(), s.name.clone())).collect::<Vec<_>>())
    });
    let new_deal = move |_| navigate("/deals/new", Default::default());
    let drop_zone = move |target: &'static str| {
        move |ev: web_sys::DragEvent| {
            ev.prevent_default();
            if let Some(id) = dragged_id(&ev) {
                move_card(
                    moves,
                    focus,
                    id,
                    if target == "won" { DealMove::Won } else { DealMove::Lost(String::new()) },
                );
            }
        }
    };
    view! {
        <div class="page-header">
            <h1>{t("deals.pipeline.title")}</h1>
            <div class="actions">
                <a href=link("/deals")>{t("deals.pipeline.all_deals")}</a>
                <a href=link("/settings")>{t("deals.pipeline.edit_stages")}</a>
                <button type="button" class="primary" on:click=new_deal>{t("deals.new")}</button>
            </div>
        </div>
        <div class="toolbar">
            <input type="search" class="search" aria-label=t("deals.list.search") placeholder=t("deals.pipeline.search_placeholder")
                prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev)) />
            <TagFilter value=tag />
        </div>
        <p class="hint">{t("deals.pipeline.hint")}</p>
        <div class="board">
            <For
                each={move || columns.get().into_iter().enumerate().collect::<Vec<_>>()}
                key=|(i, c)| (*i, c.stage.clone(), c.deals.clone(), c.totals.clone())
                children=move |(i, column)| view! { <BoardColumn index=i column stage_ids focus moves /> }
            />
        </div>
        <div class="drop-zones">
            <div class="drop-zone won" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=drop_zone("won")>{t("deals.pipeline.drop_won")}</div>
            <div class="drop-zone lost" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=drop_zone("lost")>{t("deals.pipeline.drop_lost")}</div>
        </div>
    }
}

#[component]
fn BoardColumn(
    index: usize,
    column: Column,
    stage_ids: Memo<Vec<(String, String)>>,
    focus: RwSignal<Option<String>>,
    moves: Moves,
) -> impl IntoView {
    let state = AppState::expect();
    let limit = RwSignal::new(CARDS_PER_PAGE);
    let heading_id = format!("stage-{}", column.stage.id);
    let stage_id = column.stage.id.clone();
    let is_over = RwSignal::new(false);
    let n = column.deals.len();
    let deals = column.deals.clone();
    let shown = move || deals.iter().take(limit.get()).copied().collect::<Vec<_>>();
    let summary = format!("{} · {}", tn("deals.count", n), totals_text(&column.totals));
    view! {
        <section
            class=move || if is_over.get() { "board-column over" } else { "board-column" }
            aria-labelledby=heading_id.clone()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); is_over.set(true); }
            on:dragleave=move |_| is_over.set(false)
            on:drop={
                let stage_id = stage_id.clone();
                move |ev: web_sys::DragEvent| {
                    ev.prevent_default();
                    is_over.set(false);
                    if let Some(id) = dragged_id(&ev) {
                        move_card(moves, focus, id, DealMove::Stage(stage_id.clone()));
                    }
                }
            }
        >
            <h2 id=heading_id.clone()>{column.stage.name.clone()}</h2>
            <p class="column-summary">{summary}</p>
            <div role="list" aria-label=tf("deals.pipeline.deals_in", &[("stage", &column.stage.name)])>
                <For
                    each=shown
                    key=move |&i| state.data.with_untracked(|d| d.deals().all().get(i as usize).map(|x| (x.id.clone(), x.updated)))
                    children=move |i| view! { <div role="listitem"><DealCard pos=i column=index stage_ids focus moves /></div> }
                />
            </div>
            <Show when=move || limit.get() < n>
                <button type="button" on:click=move |_| limit.update(|l| *l += CARDS_PER_PAGE)>
                    {move || tn("deals.pipeline.show_more", n.saturating_sub(limit.get()))}
                </button>
            </Show>
        </section>
    }
}

#[component]
fn DealCard(
    pos: u32,
    column: usize,
    stage_ids: Memo<Vec<(String, String)>>,
    focus: RwSignal<Option<String>>,
    moves: Moves,
) -> impl IntoView {
    let state = AppState::expect();
    let Some((deal, company)) = state.data.with_untracked(|d| {
        d.deals()
            .all()
            .get(pos as usize)
            .map(|x| (x.clone(), x.company_id.as_ref().and_then(|id| d.company(id)).map(|c| c.name.clone())))
    }) else {
        return ().into_any();
    };
    let card = NodeRef::<Article>::new();
    let id = deal.id.clone();
    // After a keyboard move the card is rebuilt in its new column: focus it again.
    Effect::new({
        let id = id.clone();
        move |_| {
            if focus.get().as_deref() == Some(id.as_str()) {
                if let Some(el) = card.get() {
                    let _ = el.focus();
                }
            }
        }
    });
    let neighbour = move |delta: i64| {
        stage_ids.with(|s| {
            let j = column as i64 + delta;
            (j >= 0).then(|| s.get(j as usize).cloned()).flatten()
        })
    };
    let move_to = {
        let id = id.clone();
        move |delta: i64| {
            if let Some((stage, _)) = neighbour(delta) {
                move_card(moves, focus, id.clone(), DealMove::Stage(stage));
            }
        }
    };
    let on_key = {
        let move_to = move_to.clone();
        move |ev: web_sys::KeyboardEvent| {
            let is_card = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
                .is_some_and(|t| t.tag_name() == "ARTICLE");
            if !is_card {
                return;
            }
            let delta = match ev.key().as_str() {
                "ArrowRight" => 1, // not text: a key name
                "ArrowLeft" => -1, // not text: a key name
                _ => 0,
            };
            if delta != 0 {
                ev.prevent_default();
                move_to(delta);
            }
        }
    };
    let title = deal.title.clone();
    let prev = neighbour(-1);
    let next = neighbour(1);
    view! {
        <article
            class="deal-card"
            tabindex="0"
            draggable="true"
            node_ref=card
            aria-label=format!("{}, {}", deal.title, money(deal.amount_cents, &deal.currency))
            aria-keyshortcuts="ArrowLeft ArrowRight" // not text: key names
            on:dragstart={
                let id = id.clone();
                move |ev: web_sys::DragEvent| {
                    if let Some(dt) = ev.data_transfer() {
                        let _ = dt.set_data("text/plain", &id);
                        dt.set_effect_allowed("move");
                    }
                }
            }
            on:keydown=on_key
        >
            <a href=link(&format!("/deals/{}", deal.id))>{deal.title.clone()}</a>
            <p class="card-meta">
                <strong>{money(deal.amount_cents, &deal.currency)}</strong>
                " · "
                {tf("deals.pipeline.percent", &[("p", &deal.probability.to_string())])}
                {company.map(|c| format!(" · {c}"))}
            </p>
            {deal.expected_close.map(|d| view! { <p class="card-meta muted">{tf("deals.pipeline.close_by", &[("date", &long_date(d))])}</p> })}
            <div class="card-moves">
                {prev.map(|(_, name)| {
                    let move_to = move_to.clone();
                    view! { <button type="button" class="link-button" aria-label=tf("deals.pipeline.move_to", &[("title", &title), ("stage", &name)]) disabled=move || moves.pending().get() on:click=move |_| move_to(-1)>"◀"</button> }
                })}
                {next.map(|(_, name)| {
                    let move_to = move_to.clone();
                    view! { <button type="button" class="link-button" aria-label=tf("deals.pipeline.move_to", &[("title", &deal.title), ("stage", &name)]) disabled=move || moves.pending().get() on:click=move |_| move_to(1)>"▶"</button> }
                })}
            </div>
        </article>
    }
    .into_any()
}
