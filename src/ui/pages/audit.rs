//! The data audit: completeness per field, values with a suggested
//! fix (one click each, or all of a kind in one transaction), contacts that
//! have gone quiet, the duplicate rate of the last scan, and a work list
//! that walks through incomplete contacts. The figures are `core::audit`'s.

use chrono::Duration;
use leptos::prelude::*;

use crate::core::audit::{audit, Audit, Completeness};
use crate::core::normalize::FixReason;
use crate::state::commands::local_action;
use crate::state::{commands, AppState, LastScanRate, ReportControls};
use crate::ui::components::suggested_fixes::field_label;
use crate::ui::format::thousands;
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn, tnf};

/// A field `core::audit` counts ("job title"), in the person's language.
fn field_name(field: &str) -> &'static str {
    match field {
        "email" => t("audit.field.email"),
        "phone" => t("audit.field.phone"),
        "company" => t("audit.field.company"),
        "address" => t("audit.field.address"),
        "job title" => t("audit.field.job_title"), // not text: core::audit's field, matched
        "owner" => t("audit.field.owner"),
        "source" => t("audit.field.source"),
        "web domain" => t("audit.field.domain"), // not text: core::audit's field, matched
        "industry" => t("audit.field.industry"),
        "size" => t("audit.field.size"),
        _ => t("audit.field.other"),
    }
}

/// Why `core::normalize` suggests a fix ("extra spaces"), in the person's
/// language.
fn reason_text(reason: FixReason) -> &'static str {
    t(match reason {
        FixReason::SpacesAndCapitals => "audit.reason.spaces_and_capitals",
        FixReason::Spaces => "audit.reason.spaces",
        FixReason::Capitals => "audit.reason.capitals",
        FixReason::EmailCase => "audit.reason.email_case",
        FixReason::International => "audit.reason.international",
        FixReason::CountryCode => "audit.reason.country_code",
        FixReason::BareDomain => "audit.reason.bare_domain",
    })
}

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
        <h1>{t("audit.title")}</h1>
        <p class="muted">{t("audit.intro")}</p>
        <section aria-labelledby="completeness-heading" class="card">
            <h2 id="completeness-heading">{t("audit.completeness")}</h2>
            {move || report.with(|a| view! {
                <CompletenessTable title=t("contacts.list.title") total=a.contacts fields=a.contact_fields.clone() company=false />
                <CompletenessTable title=t("companies.list.title") total=a.companies fields=a.company_fields.clone() company=true />
            })}
        </section>
        <Fixes report />
        <section aria-labelledby="stale-heading" class="card">
            <h2 id="stale-heading">{t("audit.stale.title")}</h2>
            <label>
                {t("audit.stale.months")}
                <input type="number" min="1" max="120" prop:value=move || months.get().to_string()
                    on:change=move |ev| {
                        if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                            months.set(n.clamp(1, 120));
                        }
                    } />
            </label>
            <p>{move || report.with(|a| tnf("audit.stale.count", a.contacts, &[("stale", &thousands(a.stale)), ("percent", &percent(a.stale, a.contacts))]))}</p>
            <RecordLinks positions=Signal::derive(move || report.with(|a| a.stale_first.clone())) company=false label=t("audit.stale.list") />
        </section>
        <section aria-labelledby="dup-heading" class="card">
            <h2 id="dup-heading">{t("audit.duplicates.title")}</h2>
            {move || match rate.get() {
                Some((inside, total)) => view! {
                    <p>{tnf(
                        "audit.duplicates.rate",
                        inside,
                        &[("rate", &percent(inside, total)), ("contacts", &tn("common.contacts", total))],
                    )}</p>
                }.into_any(),
                None => view! { <p>{t("audit.duplicates.no_scan")} " " <a href=link("/duplicates")>{t("audit.duplicates.scan")}</a> "."</p> }.into_any(),
            }}
        </section>
        <WorkList report />
    }
}

#[component]
fn CompletenessTable(title: &'static str, total: usize, fields: Vec<Completeness>, company: bool) -> impl IntoView {
    let open = RwSignal::new(None::<&'static str>);
    let rows = fields
        .into_iter()
        .map(|f| {
            let field = f.field;
            let name = field_name(field);
            let (show_key, missing_key, list_key) = if company {
                ("audit.completeness.show_companies", "audit.completeness.companies_without", "audit.completeness.list_companies")
            } else {
                ("audit.completeness.show_contacts", "audit.completeness.contacts_without", "audit.completeness.list_contacts")
            };
            let label = tf(show_key, &[("field", name)]);
            let first = f.first.clone();
            view! {
                <tr>
                    <th scope="row">{name}</th>
                    <td>{tnf(missing_key, f.missing, &[("field", name)])}</td>
                    <td>{tf("audit.completeness.complete", &[("percent", &percent(total - f.missing, total))])}</td>
                    <td>
                        {(f.missing > 0).then(|| view! {
                            <button type="button" aria-label=label.clone() aria-expanded=move || (open.get() == Some(field)).to_string()
                                on:click=move |_| open.update(|o| *o = if *o == Some(field) { None } else { Some(field) })>
                                {t("audit.completeness.show")}
                            </button>
                        })}
                    </td>
                </tr>
                <Show when=move || open.get() == Some(field)>
                    <tr><td colspan="4">
                        <RecordLinks positions=Signal::derive({ let first = first.clone(); move || first.clone() }) company label=tf(list_key, &[("field", name)]) />
                    </td></tr>
                </Show>
            }
        })
        .collect_view();
    view! {
        <table class="audit-table">
            <caption>{title}</caption>
            <thead><tr><th scope="col">{t("audit.completeness.field")}</th><th scope="col">{t("audit.completeness.missing")}</th><th scope="col">{t("audit.completeness.filled")}</th><th scope="col"></th></tr></thead>
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
        let reason = report.with_untracked(|a| a.fixable_by_reason.get(*i).map(|(r, _)| *r));
        async move {
            if let Some(reason) = reason {
                commands::fix_every(state, reason).await;
            }
        }
    });
    let is_fixing = move || fix_one.pending().get() || fix_reason.pending().get();
    view! {
        <section aria-labelledby="fixes-heading" class="card">
            <h2 id="fixes-heading">{t("audit.fixes.title")}</h2>
            <p>{move || report.with(|a| tn("audit.fixes.count", a.fixable_total))}</p>
            <ul class="audit-reasons">
                {move || report.with(|a| a.fixable_by_reason.iter().enumerate().map(|(i, (reason, n))| {
                    let reason = reason_text(*reason);
                    let label = tnf("audit.fixes.fix_all", *n, &[("reason", reason)]);
                    view! {
                        <li>
                            {format!("{reason}: {}", thousands(*n))} " "
                            <button type="button" disabled=is_fixing on:click=move |_| { fix_reason.dispatch(i); }>{label}</button>
                        </li>
                    }
                }).collect_view())}
            </ul>
            <ul class="audit-fixes" aria-label=t("audit.fixes.list")>
                {move || state.data.with(|d| report.with(|a| a.fixable.iter().enumerate().map(|(i, f)| {
                    let name = if f.company {
                        d.companies().get(f.position as usize).map(|c| c.name.clone())
                    } else {
                        d.contacts().get(f.position as usize).map(|c| c.display_name())
                    }.unwrap_or_default();
                    let field = field_label(&f.suggestion.field);
                    let text = tf(
                        "audit.fixes.item",
                        &[
                            ("name", &name),
                            ("field", &field),
                            ("current", &f.suggestion.current),
                            ("suggested", &f.suggestion.suggested),
                            ("reason", reason_text(f.suggestion.reason)),
                        ],
                    );
                    let label = tf("audit.fixes.fix_one", &[("field", &field), ("name", &name)]);
                    view! {
                        <li><span>{text}</span> " " <button type="button" aria-label=label disabled=is_fixing on:click=move |_| { fix_one.dispatch(i); }>{t("audit.fixes.fix")}</button></li>
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
                    let no_reach = c.emails.iter().all(|e| e.address.trim().is_empty())
                        && c.phones.iter().all(|p| p.number.trim().is_empty());
                    let missing = match (no_reach, c.company_id.is_none()) {
                        (true, true) => t("audit.gaps.needs_both"),
                        (true, false) => t("audit.gaps.needs_reach"),
                        _ => t("audit.gaps.needs_company"),
                    };
                    (c.id.clone(), c.display_name(), missing)
                })
            })
        })
    };
    view! {
        <section aria-labelledby="gaps-heading" class="card">
            <h2 id="gaps-heading">{t("audit.gaps.title")}</h2>
            <p>{move || tn("audit.gaps.count", total())}</p>
            {move || current().map(|(id, name, missing)| view! {
                <div class="work-item" role="group" aria-label=t("audit.gaps.item")>
                    <p>{tf("audit.gaps.position", &[("at", &thousands(at.get().min(total() - 1) + 1)), ("total", &thousands(total()))])} " " <strong>{name.clone()}</strong> " " {tf("audit.gaps.needs", &[("missing", missing)])}</p>
                    <a href=link(&format!("/contacts/{id}/edit"))>{tf("audit.gaps.fill_in", &[("name", &name)])}</a>
                </div>
            })}
            <div class="toolbar">
                <button type="button" disabled=move || at.get() == 0 on:click=move |_| at.update(|i| *i = i.saturating_sub(1))>{t("audit.gaps.previous")}</button>
                <button type="button" disabled=move || { at.get() + 1 >= total() } on:click=move |_| at.update(|i| *i += 1)>{t("audit.gaps.next")}</button>
            </div>
        </section>
    }
}
