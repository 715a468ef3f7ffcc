//! The data audit: completeness per field, values with a suggested
//! fix (one click each, or all of a kind in one transaction), contacts that
//! have gone quiet, the duplicate rate of the last scan, and a work list
//! that walks through incomplete contacts. The figures are `core::audit`'s.

use chrono::Duration;
use leptos::prelude::*;

use crate::core::audit::{audit, Audit, Completeness};
use crate::state::commands::local_action;
use crate::state::{commands, AppState, LastScanRate, ReportControls};
use crate::ui::components::suggested_fixes::field_label;
use crate::ui::format::{count_of, thousands};
use crate::ui::paths::link;

fn percent(part: usize, whole: usize) -> String {
    crate::ui::format::percent(if whole == 0 { 0.0 } else { part as f64 / whole as f64 })
}

#[component]
pub fn AuditPage() -> impl IntoView {
    let state = AppState::expect();
    let last = ReportControls::expect().last_contacted;
    let months = RwSignal::new(6u32);
    let report = Memo::new(move |_| {
        let cut = state.clock.now() - Duration::days(i64::from(months.get()) * 30);
        state.data.with(|d| {
            let country = d.settings().default_country.clone();
            last.with(|l| audit(d, l, cut, &country))
        })
    });
    let rate = LastScanRate::expect();
    view! {
        <h1>"Data audit"</h1>
        <p class="muted">"How complete and tidy the data is. Fixes change only the value shown, each as one save."</p>
        <section aria-labelledby="completeness-heading" class="card">
            <h2 id="completeness-heading">"Completeness"</h2>
            {move || report.with(|a| view! {
                <CompletenessTable title="Contacts" noun=("contact", "contacts") total=a.contacts fields=a.contact_fields.clone() company=false />
                <CompletenessTable title="Companies" noun=("company", "companies") total=a.companies fields=a.company_fields.clone() company=true />
            })}
        </section>
        <Fixes report />
        <section aria-labelledby="stale-heading" class="card">
            <h2 id="stale-heading">"Gone quiet"</h2>
            <label>
                "No call, email or meeting for at least (months)"
                <input type="number" min="1" max="120" prop:value=move || months.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            months.set(n.clamp(1, 120));
                        }
                    } />
            </label>
            <p>{move || report.with(|a| format!("{} of {} ({})", thousands(a.stale), count_of(a.contacts, "contact", "contacts"), percent(a.stale, a.contacts)))}</p>
            <RecordLinks positions=Signal::derive(move || report.with(|a| a.stale_first.clone())) company=false label="Contacts gone quiet" />
        </section>
        <section aria-labelledby="dup-heading" class="card">
            <h2 id="dup-heading">"Duplicates"</h2>
            {move || match rate.get() {
                Some((inside, total)) => view! {
                    <p>{format!(
                        "Duplicate rate at the last scan: {} ({} of {} {} in a group of possible duplicates).",
                        percent(inside, total),
                        thousands(inside),
                        count_of(total, "contact", "contacts"),
                        if inside == 1 { "is" } else { "are" },
                    )}</p>
                }.into_any(),
                None => view! { <p>"The duplicate rate is measured by a scan: " <a href=link("/duplicates")>"scan for duplicates"</a> "."</p> }.into_any(),
            }}
        </section>
        <WorkList report />
    }
}

#[component]
fn CompletenessTable(
    title: &'static str,
    /// (one, many)
    noun: (&'static str, &'static str),
    total: usize,
    fields: Vec<Completeness>,
    company: bool,
) -> impl IntoView {
    let open = RwSignal::new(None::<&'static str>);
    let rows = fields
        .into_iter()
        .map(|f| {
            let field = f.field;
            let label = format!("Show {} without {field}", noun.1);
            let first = f.first.clone();
            view! {
                <tr>
                    <th scope="row">{field}</th>
                    <td>{format!("{} without {field}", count_of(f.missing, noun.0, noun.1))}</td>
                    <td>{percent(total - f.missing, total)}" complete"</td>
                    <td>
                        {(f.missing > 0).then(|| view! {
                            <button type="button" aria-label=label.clone() aria-expanded=move || (open.get() == Some(field)).to_string()
                                on:click=move |_| open.update(|o| *o = if *o == Some(field) { None } else { Some(field) })>
                                "Show"
                            </button>
                        })}
                    </td>
                </tr>
                <Show when=move || open.get() == Some(field)>
                    <tr><td colspan="4">
                        <RecordLinks positions=Signal::derive({ let first = first.clone(); move || first.clone() }) company label=format!("{title} without {field}") />
                    </td></tr>
                </Show>
            }
        })
        .collect_view();
    view! {
        <table class="audit-table">
            <caption>{title}</caption>
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Missing"</th><th scope="col">"Filled"</th><th scope="col"></th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// Links to records by position (contacts or companies).
#[component]
fn RecordLinks(positions: Signal<Vec<u32>>, company: bool, #[prop(into)] label: String) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <ul class="audit-links" aria-label=label>
            {move || state.data.with(|d| positions.get().into_iter().filter_map(|i| {
                if company {
                    d.companies().get(i as usize).map(|c| (format!("/companies/{}", c.id), c.name.clone()))
                } else {
                    d.contacts().get(i as usize).map(|c| (format!("/contacts/{}", c.id), c.display_name()))
                }
            }).map(|(href, name)| view! { <li><a href=link(&href)>{name}</a></li> }).collect_view())}
        </ul>
    }
}

#[component]
fn Fixes(report: Memo<Audit>) -> impl IntoView {
    let state = AppState::expect();
    // By position in the report's lists, read when the button is pressed.
    let fix_one = local_action(move |i: &usize| {
        let f = report.with_untracked(|a| a.fixable.get(*i).cloned());
        async move {
            if let Some(f) = f {
                commands::fix_value(state, f).await;
            }
        }
    });
    let fix_reason = local_action(move |i: &usize| {
        let reason = report.with_untracked(|a| a.fixable_by_reason.get(*i).map(|(r, _)| r.clone()));
        async move {
            if let Some(reason) = reason {
                commands::fix_every(state, reason).await;
            }
        }
    });
    let is_fixing = move || fix_one.pending().get() || fix_reason.pending().get();
    view! {
        <section aria-labelledby="fixes-heading" class="card">
            <h2 id="fixes-heading">"Values to tidy"</h2>
            <p>{move || report.with(|a| format!("{} with a suggested fix.", count_of(a.fixable_total, "value", "values")))}</p>
            <ul class="audit-reasons">
                {move || report.with(|a| a.fixable_by_reason.iter().enumerate().map(|(i, (reason, n))| {
                    let label = if *n == 1 {
                        format!("Fix the value with {reason}")
                    } else {
                        format!("Fix all {} with {reason}", count_of(*n, "value", "values"))
                    };
                    view! {
                        <li>
                            {format!("{reason}: {}", thousands(*n))} " "
                            <button type="button" disabled=is_fixing on:click=move |_| { fix_reason.dispatch(i); }>{label}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <ul class="audit-fixes" aria-label="Values with a suggested fix">
                {move || state.data.with(|d| report.with(|a| a.fixable.iter().enumerate().map(|(i, f)| {
                    let name = if f.company {
                        d.companies().get(f.position as usize).map(|c| c.name.clone())
                    } else {
                        d.contacts().get(f.position as usize).map(|c| c.display_name())
                    }.unwrap_or_default();
                    let field = field_label(&f.suggestion.field);
                    let text = format!("{name} — {field}: \"{}\" → \"{}\" ({})", f.suggestion.current, f.suggestion.suggested, f.suggestion.reason);
                    let label = format!("Fix {field} of {name}");
                    view! {
                        <li><span>{text}</span> " " <button type="button" aria-label=label disabled=is_fixing on:click=move |_| { fix_one.dispatch(i); }>"Fix"</button></li>
                    }
                }).collect_view()))}
            </ul>
        </section>
    }
}

/// "Fill in the gaps": one incomplete contact at a time.
#[component]
fn WorkList(report: Memo<Audit>) -> impl IntoView {
    let state = AppState::expect();
    let at = RwSignal::new(0usize);
    let total = move || report.with(|a| a.incomplete.len());
    let current = move || {
        let i = at.get().min(total().saturating_sub(1));
        report.with(|a| a.incomplete.get(i).copied()).and_then(|p| {
            state.data.with(|d| {
                d.contacts().get(p as usize).map(|c| {
                    let mut missing = Vec::new();
                    if c.emails.iter().all(|e| e.address.trim().is_empty())
                        && c.phones.iter().all(|p| p.number.trim().is_empty())
                    {
                        missing.push("an email or phone");
                    }
                    if c.company_id.is_none() {
                        missing.push("a company");
                    }
                    (c.id.clone(), c.display_name(), missing.join(" and "))
                })
            })
        })
    };
    view! {
        <section aria-labelledby="gaps-heading" class="card">
            <h2 id="gaps-heading">"Fill in the gaps"</h2>
            <p>{move || format!("{} without an email or phone, or without a company.", count_of(total(), "contact", "contacts"))}</p>
            {move || current().map(|(id, name, missing)| view! {
                <div class="work-item" role="group" aria-label="Incomplete contact">
                    <p>{format!("Contact {} of {}: ", at.get().min(total() - 1) + 1, thousands(total()))}<strong>{name.clone()}</strong>{format!(" needs {missing}.")}</p>
                    <a href=link(&format!("/contacts/{id}/edit"))>{format!("Fill in {name}")}</a>
                </div>
            })}
            <div class="toolbar">
                <button type="button" disabled=move || at.get() == 0 on:click=move |_| at.update(|i| *i = i.saturating_sub(1))>"Previous"</button>
                <button type="button" disabled=move || { at.get() + 1 >= total() } on:click=move |_| at.update(|i| *i += 1)>"Next"</button>
            </div>
        </section>
    }
}
