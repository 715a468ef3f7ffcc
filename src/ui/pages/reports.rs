//! Reports (issue 5): pipeline and forecast, won/lost, the lifecycle funnel,
//! activities, customer value (revenue and RFM) and a pivot table, each with
//! a period picker, a comparison with the previous period and filters.
//!
//! All figures come from `core::reports` (pure, natively tested); this page
//! only picks the inputs and draws the results. The period and filters are
//! kept while moving between reports.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use crate::core::dataset::Dataset;
use crate::core::display::thousands;
use crate::core::reports::activity::{activities, not_contacted_with};
use crate::core::reports::customer_value::{revenue_by_company, revenue_by_group, rfm, GroupBy, RevenueReport};
use crate::core::reports::deals::{forecast, pipeline_by_stage, won_lost, WonLostReport};
use crate::core::reports::funnel::{lifecycle_funnel, FUNNEL};
use crate::core::reports::period::{period_text, PeriodChoice};
use crate::core::reports::pivot::{pivot, Dimension, Field, Measure, RecordKind};
use crate::core::reports::{format_cents, format_percent, month_label, Filter, Period, ReportTable};
use crate::state::{timed, AppState, ReportControls};
use crate::ui::components::charts::{Chart, ChartFigure, ChartKind, ReportTableView, Unit};
use crate::ui::paths::link;

/// The reports, in the order of their tabs: (route key, tab name).
pub const REPORTS: [(&str, &str); 6] = [
    ("pipeline", "Pipeline"),
    ("deals", "Won and lost"),
    ("funnel", "Lifecycle funnel"),
    ("activities", "Activities"),
    ("customers", "Customer value"),
    ("pivot", "Pivot table"),
];

/// What every report needs: the data's filter options, the period (or why
/// it is invalid), the previous period and the filter.
#[derive(Clone, Copy)]
struct Inputs {
    period: Memo<Result<Period, String>>,
    filter: Memo<Filter>,
    compare: RwSignal<bool>,
    offset: i32,
    state: AppState,
}

impl Inputs {
    fn new(state: AppState, controls: ReportControls) -> Inputs {
        Inputs {
            period: controls.period,
            filter: controls.filter,
            compare: controls.compare,
            offset: controls.offset,
            state,
        }
    }

    /// The period, or this year while the custom range is being typed.
    fn period(&self) -> Period {
        self.period.get().unwrap_or_else(|_| Period::this_year(self.state.clock.today()))
    }
}

#[component]
pub fn ReportsPage() -> impl IntoView {
    let state = AppState::expect();
    let controls = ReportControls::expect();
    let params = use_params_map();
    let current = move || params.with(|p| p.get("report").unwrap_or_else(|| "pipeline".to_string()));
    let inputs = Inputs::new(state, controls);
    controls.follow_url(move || format!("/reports/{}", current()));
    view! {
        <div class="page-header">
            <h1>"Reports"</h1>
        </div>
        <nav aria-label="Reports" class="report-tabs">
            {REPORTS
                .iter()
                .map(|(key, name)| view! { <A href=move || link(&format!("/reports/{key}?{}", controls.to_query()))>{*name}</A> })
                .collect_view()}
        </nav>
        <Controls controls=controls inputs=inputs />
        {move || {
            let key = current();
            let view = match key.as_str() {
                "deals" => view! { <WonLostReportView inputs=inputs /> }.into_any(),
                "funnel" => view! { <FunnelReportView inputs=inputs /> }.into_any(),
                "activities" => view! { <ActivityReportView inputs=inputs /> }.into_any(),
                "customers" => view! { <CustomerValueView inputs=inputs /> }.into_any(),
                "pivot" => view! { <PivotView inputs=inputs /> }.into_any(),
                _ => view! { <PipelineReportView inputs=inputs /> }.into_any(),
            };
            view! { <section class="report" data-report=key>{view}</section> }
        }}
    }
}

#[component]
fn Controls(controls: ReportControls, inputs: Inputs) -> impl IntoView {
    let (options, tags, company_names) = (controls.options, controls.tags, controls.company_names);
    let select = move |label: &'static str, any: &'static str, value: RwSignal<String>, list: Signal<Vec<String>>| {
        view! {
            <label>
                {label}
                <select prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                    <option value="">{any}</option>
                    {move || list.get().into_iter().map(|v| view! { <option value=v.clone()>{v.clone()}</option> }).collect_view()}
                </select>
            </label>
        }
    };
    let owners = Signal::derive(move || options.with(|o| o.owners.clone()));
    let sources = Signal::derive(move || options.with(|o| o.sources.clone()));
    let countries = Signal::derive(move || options.with(|o| o.countries.clone()));
    let tag_list = Signal::derive(move || tags.get());
    // The company names (thousands) go into the page once the field is used.
    let show_names = RwSignal::new(false);
    let company_unknown = move || {
        let filter = inputs.filter.get();
        filter.company_id.as_deref().is_some_and(|id| id.starts_with("(unknown)"))
    };
    view! {
        <form class="report-controls" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>"Period"</legend>
                <label>
                    "Period"
                    <select
                        prop:value=move || controls.choice.get().key()
                        on:change=move |ev| controls.choice.set(PeriodChoice::from_key(&event_target_value(&ev)))
                    >
                        {PeriodChoice::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.key()>{c.label()}</option> })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || controls.choice.get() == PeriodChoice::Custom>
                    <label>
                        "From"
                        <input type="date" prop:value=move || controls.from.get()
                            on:change=move |ev| controls.from.set(event_target_value(&ev)) />
                    </label>
                    <label>
                        "To"
                        <input type="date" prop:value=move || controls.to.get()
                            on:change=move |ev| controls.to.set(event_target_value(&ev)) />
                    </label>
                </Show>
                <label class="check">
                    <input type="checkbox" prop:checked=move || controls.compare.get()
                        on:change=move |ev| controls.compare.set(event_target_checked(&ev)) />
                    "Compare with the previous period"
                </label>
                <p class="muted period-text" aria-live="polite">
                    {move || match inputs.period.get() {
                        Ok(p) => period_text(&p, inputs.compare.get()),
                        Err(e) => e,
                    }}
                </p>
            </fieldset>
            <fieldset>
                <legend>"Filters"</legend>
                {select("Owner", "Any owner", controls.owner, owners)}
                {select("Tag", "Any tag", controls.tag, tag_list)}
                {select("Source", "Any source", controls.source, sources)}
                <label>
                    "Company"
                    <input type="search" list="report-companies" placeholder="Any company"
                        on:focus=move |_| show_names.set(true)
                        prop:value=move || controls.company.get()
                        on:change=move |ev| controls.company.set(event_target_value(&ev)) />
                </label>
                <datalist id="report-companies">
                    {move || {
                        show_names
                            .get()
                            .then(|| company_names.get().into_iter().map(|n| view! { <option value=n /> }).collect_view())
                    }}
                </datalist>
                {select("Country", "Any country", controls.country, countries)}
                <Show when=company_unknown>
                    <p class="field-error" role="alert">"No company has that name: the reports show nothing for it."</p>
                </Show>
            </fieldset>
        </form>
    }
}

/// Cents as whole currency units for charts.
fn units(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// A label/value table with a "Previous period" column when comparing.
fn compared(rows: Vec<(String, String, String)>, compare: bool) -> ReportTable {
    let mut headers = vec!["Measure", "This period"];
    if compare {
        headers.push("Previous period");
    }
    let mut t = ReportTable::new(headers);
    for (label, now, before) in rows {
        let mut row = vec![label, now];
        if compare {
            row.push(before);
        }
        t.push(row);
    }
    t
}

// ---------------------------------------------------------------------------
// Pipeline and forecast

#[component]
fn PipelineReportView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let report = Memo::new(move |_| {
        let filter = inputs.filter.get();
        let period = inputs.period();
        state.data.with(|d| {
            timed("report:pipeline", || {
                let months = period.months().len().max(1) as u32;
                (pipeline_by_stage(d, &filter), forecast(d, &period, months, &filter))
            })
        })
    });
    let stage_chart = Signal::derive(move || {
        report.with(|(p, _)| {
            Chart::new(ChartKind::Bar, Unit::Money, p.stages.iter().map(|s| s.name.clone()).collect())
                .series(format!("Value ({})", p.currency), p.stages.iter().map(|s| units(s.value_cents)).collect())
                .series(
                    format!("Weighted value ({})", p.currency),
                    p.stages.iter().map(|s| units(s.weighted_cents)).collect(),
                )
        })
    });
    let stage_table = Signal::derive(move || report.with(|(p, _)| p.to_table()));
    let forecast_chart = Signal::derive(move || {
        report.with(|(_, f)| {
            Chart::new(ChartKind::StackedBar, Unit::Money, f.months.iter().map(|m| month_label(m.month)).collect())
                .series(
                    format!("Weighted value ({})", f.currency),
                    f.months.iter().map(|m| units(m.weighted_cents)).collect(),
                )
        })
    });
    let forecast_table = Signal::derive(move || report.with(|(_, f)| f.to_table()));
    view! {
        <h2>"Pipeline"</h2>
        <p class="muted">"Open deals now, by stage (the period does not apply); the forecast weighs them by probability and groups them by expected close month in the period."</p>
        {move || report.with(|(p, _)| {
            (p.other_currency_deals > 0).then(|| view! {
                <p class="muted">{format!("{} open deals in other currencies are counted but not added to the amounts.", p.other_currency_deals)}</p>
            })
        })}
        <ChartFigure title="Pipeline by stage" chart=stage_chart table=stage_table open=true />
        <ChartFigure title="Forecast by expected close month" chart=forecast_chart table=forecast_table />
    }
}

// ---------------------------------------------------------------------------
// Won and lost

fn won_lost_summary(now: &WonLostReport, before: Option<&WonLostReport>) -> Vec<(String, String, String)> {
    type Figure = fn(&WonLostReport) -> String;
    let rows: [(String, Figure); 6] = [
        ("Deals won".into(), |r| r.won.to_string()),
        ("Deals lost".into(), |r| r.lost.to_string()),
        (format!("Won value ({})", now.currency), |r| format_cents(r.won_cents)),
        ("Win rate (%)".into(), |r| format_percent(r.win_rate)),
        (format!("Average won deal ({})", now.currency), |r| r.average_won_cents.map_or(String::new(), format_cents)),
        ("Average days to close".into(), |r| r.average_days_to_close.map_or(String::new(), |d| format!("{d:.1}"))),
    ];
    rows.into_iter().map(|(label, f)| (label, f(now), before.map_or(String::new(), f))).collect()
}

#[component]
fn WonLostReportView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let report = Memo::new(move |_| {
        let (filter, period, compare) = (inputs.filter.get(), inputs.period(), inputs.compare.get());
        state.data.with(|d| {
            timed("report:deals", || {
                let now = won_lost(d, &period, inputs.offset, &filter);
                let before = compare.then(|| won_lost(d, &period.previous(), inputs.offset, &filter));
                (now, before)
            })
        })
    });
    let summary = Signal::derive(move || {
        report.with(|(now, before)| compared(won_lost_summary(now, before.as_ref()), before.is_some()))
    });
    let month_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(ChartKind::StackedBar, Unit::Count, r.months.iter().map(|m| month_label(m.month)).collect())
                .series("Won", r.months.iter().map(|m| m.won as f64).collect())
                .series("Lost", r.months.iter().map(|m| m.lost as f64).collect())
        })
    });
    let month_table = Signal::derive(move || report.with(|(r, _)| r.to_table()));
    let reasons_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let top: Vec<&(String, usize)> = r.lost_reasons.iter().take(10).collect();
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(n, _)| n.clone()).collect())
                .series("Lost deals", top.iter().map(|(_, c)| *c as f64).collect())
        })
    });
    let reasons_table = Signal::derive(move || report.with(|(r, _)| r.lost_reasons_table()));
    view! {
        <h2>"Won and lost"</h2>
        <ReportTableView title="Won and lost summary" table=summary />
        <ChartFigure title="Deals won and lost by month" chart=month_chart table=month_table />
        <ChartFigure title="Lost reasons" chart=reasons_chart table=reasons_table />
    }
}

// ---------------------------------------------------------------------------
// Lifecycle funnel

#[component]
fn FunnelReportView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let report = Memo::new(move |_| {
        let (filter, period, compare) = (inputs.filter.get(), inputs.period(), inputs.compare.get());
        state.data.with(|d| {
            timed("report:funnel", || {
                let now = lifecycle_funnel(d, &period, inputs.offset, &filter);
                let before = compare.then(|| lifecycle_funnel(d, &period.previous(), inputs.offset, &filter));
                (now, before)
            })
        })
    });
    let summary = Signal::derive(move || {
        report.with(|(now, before)| {
            let mut rows = vec![(
                "New contacts".to_string(),
                now.contacts.to_string(),
                before.as_ref().map_or(String::new(), |b| b.contacts.to_string()),
            )];
            for (i, s) in now.stages.iter().enumerate().skip(1) {
                rows.push((
                    format!("Conversion to {} (%)", s.stage.label()),
                    format_percent(s.conversion),
                    before.as_ref().map_or(String::new(), |b| format_percent(b.stages[i].conversion)),
                ));
            }
            compared(rows, before.is_some())
        })
    });
    let funnel_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(ChartKind::Funnel, Unit::Count, r.stages.iter().map(|s| s.stage.label().to_string()).collect())
                .series("Contacts who reached the stage", r.stages.iter().map(|s| s.reached as f64).collect())
        })
    });
    let funnel_table = Signal::derive(move || report.with(|(r, _)| r.to_table()));
    let cohort_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let cats = r.cohorts.iter().map(|c| month_label(c.month)).collect();
            FUNNEL.iter().enumerate().fold(Chart::new(ChartKind::Line, Unit::Count, cats), |chart, (i, stage)| {
                chart.series(stage.label(), r.cohorts.iter().map(|c| c.reached[i] as f64).collect())
            })
        })
    });
    let cohort_table = Signal::derive(move || report.with(|(r, _)| r.cohorts_table()));
    view! {
        <h2>"Lifecycle funnel"</h2>
        <p class="muted">"Contacts first seen in the period: how many reached each stage, the conversion between stages and the median days spent in each."</p>
        <ReportTableView title="Funnel summary" table=summary />
        <ChartFigure title="Lifecycle funnel" chart=funnel_chart table=funnel_table open=true />
        <ChartFigure title="Cohorts by month of first contact" chart=cohort_chart table=cohort_table />
    }
}

// ---------------------------------------------------------------------------
// Activities

#[component]
fn ActivityReportView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let days = RwSignal::new(30u32);
    let report = Memo::new(move |_| {
        let (filter, period, compare) = (inputs.filter.get(), inputs.period(), inputs.compare.get());
        state.data.with(|d| {
            timed("report:activities", || {
                let now = activities(d, &period, inputs.offset, &filter);
                let before = compare.then(|| activities(d, &period.previous(), inputs.offset, &filter).total);
                (now, before)
            })
        })
    });
    let last = ReportControls::expect().last_contacted;
    let quiet = Memo::new(move |_| {
        let (filter, days) = (inputs.filter.get(), days.get());
        state.data.with(|d| {
            last.with(|l| {
                timed("report:not-contacted", || {
                    not_contacted_with(d, l, state.clock.now(), days, inputs.offset, &filter)
                })
            })
        })
    });
    let summary = Signal::derive(move || {
        report.with(|(r, before)| {
            compared(
                vec![("Activities".into(), r.total.to_string(), before.map_or(String::new(), |b| b.to_string()))],
                before.is_some(),
            )
        })
    });
    let kind_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(ChartKind::Bar, Unit::Count, r.by_kind.iter().map(|(k, _)| k.label().to_string()).collect())
                .series("Activities", r.by_kind.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let kind_table = Signal::derive(move || report.with(|(r, _)| r.by_kind_table()));
    let week_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            Chart::new(ChartKind::Line, Unit::Count, r.by_week.iter().map(|w| format!("W{:02}", w.iso_week)).collect())
                .series("Activities", r.by_week.iter().map(|w| w.count as f64).collect())
        })
    });
    let week_table = Signal::derive(move || report.with(|(r, _)| r.by_week_table()));
    let owner_chart = Signal::derive(move || {
        report.with(|(r, _)| {
            let top: Vec<&(String, usize)> = r.by_owner.iter().take(12).collect();
            let label = |o: &String| if o.is_empty() { "(no owner)".to_string() } else { o.clone() };
            Chart::new(ChartKind::Bar, Unit::Count, top.iter().map(|(o, _)| label(o)).collect())
                .series("Activities", top.iter().map(|(_, n)| *n as f64).collect())
        })
    });
    let owner_table = Signal::derive(move || report.with(|(r, _)| r.by_owner_table()));
    let quiet_table = Signal::derive(move || state.data.with(|d| quiet.with(|q| q.first_rows(d, 100))));
    let quiet_full = Callback::new(move |()| state.data.with_untracked(|d| quiet.with_untracked(|q| q.to_table(d))));
    let quiet_count = Signal::derive(move || quiet.with(|q| q.count()));
    view! {
        <h2>"Activities"</h2>
        <ReportTableView title="Activities summary" table=summary />
        <ChartFigure title="Activities by type" chart=kind_chart table=kind_table open=true />
        <ChartFigure title="Activities by week" chart=week_chart table=week_table />
        <ChartFigure title="Activities by owner" chart=owner_chart table=owner_table />
        <h3>"Contacts not contacted lately"</h3>
        <label>
            "Not contacted for at least (days)"
            <input type="number" min="1" max="3650" prop:value=move || days.get().to_string()
                on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                        days.set(n.clamp(1, 3650));
                    }
                } />
        </label>
        <p>{move || format!("{} contacts have had no call, email or meeting for {} days or more.", thousands(quiet.with(|q| q.count())), days.get())}</p>
        <ReportTableView title="Contacts not contacted lately" table=quiet_table full=(quiet_full, quiet_count) />
    }
}

// ---------------------------------------------------------------------------
// Customer value

fn revenue_chart(r: &RevenueReport, top: usize) -> Chart {
    let rows: Vec<_> = r.rows.iter().take(top).collect();
    Chart::new(ChartKind::Bar, Unit::Money, rows.iter().map(|x| x.label.clone()).collect())
        .series(format!("Revenue ({})", r.currency), rows.iter().map(|x| units(x.revenue_cents)).collect())
}

#[component]
fn CustomerValueView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let group = RwSignal::new(GroupBy::Tag);
    let report = Memo::new(move |_| {
        let (filter, period, group) = (inputs.filter.get(), inputs.period(), group.get());
        state.data.with(|d| {
            timed("report:customers", || {
                (
                    revenue_by_company(d, &period, inputs.offset, &filter),
                    revenue_by_group(d, &period, inputs.offset, group, &filter),
                    rfm(d, &period, state.clock.today(), inputs.offset, &filter),
                )
            })
        })
    });
    let company_chart = Signal::derive(move || report.with(|(c, _, _)| revenue_chart(c, 12)));
    let company_table = Signal::derive(move || report.with(|(c, _, _)| c.to_table()));
    let group_chart = Signal::derive(move || report.with(|(_, g, _)| revenue_chart(g, 12)));
    let group_table = Signal::derive(move || report.with(|(_, g, _)| g.to_table()));
    let segment_chart = Signal::derive(move || {
        report.with(|(_, _, r)| {
            Chart::new(ChartKind::Bar, Unit::Money, r.segments.iter().map(|s| s.segment.label().to_string()).collect())
                .series(
                    format!("Revenue ({})", r.currency),
                    r.segments.iter().map(|s| units(s.revenue_cents)).collect(),
                )
        })
    });
    let segment_table = Signal::derive(move || report.with(|(_, _, r)| r.segments_table()));
    let rfm_table = Signal::derive(move || report.with(|(_, _, r)| r.to_table()));
    let group_title = move || format!("Revenue by {}", group.get().label().to_lowercase());
    view! {
        <h2>"Customer value"</h2>
        <p class="muted">"Revenue is the amount of won deals closed in the period. RFM scores customers by recency, frequency and money of their won deals (1–5, by fifths) and names the segments."</p>
        <ChartFigure title="Revenue by company" chart=company_chart table=company_table limit=50 />
        <label>
            "Group revenue by"
            <select prop:value=move || group.get().label()
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(g) = GroupBy::ALL.into_iter().find(|g| g.label() == v) {
                        group.set(g);
                    }
                }>
                {GroupBy::ALL.into_iter().map(|g| view! { <option value=g.label()>{g.label()}</option> }).collect_view()}
            </select>
        </label>
        {move || {
            let title = group_title();
            view! { <ChartFigure title=title chart=group_chart table=group_table limit=50 /> }
        }}
        <ChartFigure title="Revenue by RFM segment" chart=segment_chart table=segment_table open=true />
        <h3>"Customers by RFM"</h3>
        <ReportTableView title="RFM scores per customer" table=rfm_table limit=50 />
    }
}

// ---------------------------------------------------------------------------
// Pivot table

const KINDS: [(RecordKind, &str); 4] = [
    (RecordKind::Contacts, "Contacts"),
    (RecordKind::Companies, "Companies"),
    (RecordKind::Deals, "Deals"),
    (RecordKind::Activities, "Activities"),
];

const DIMENSIONS: [(Dimension, &str); 8] = [
    (Dimension::Stage, "Stage"),
    (Dimension::Status, "Status"),
    (Dimension::Owner, "Owner"),
    (Dimension::Source, "Source"),
    (Dimension::Country, "Country"),
    (Dimension::Industry, "Industry"),
    (Dimension::Kind, "Activity type"),
    (Dimension::Month, "Month"),
];

const MEASURES: [(Measure, &str); 6] = [
    (Measure::Count, "Count"),
    (Measure::Sum(Field::Amount), "Sum of amount"),
    (Measure::Average(Field::Amount), "Average amount"),
    (Measure::Average(Field::Probability), "Average probability"),
    (Measure::Sum(Field::DurationMinutes), "Sum of duration (minutes)"),
    (Measure::Average(Field::DurationMinutes), "Average duration (minutes)"),
];

fn pick<T: Copy + PartialEq>(list: &[(T, &'static str)], label: &str) -> Option<T> {
    list.iter().find(|(_, l)| *l == label).map(|(v, _)| *v)
}

fn name_of<T: Copy + PartialEq>(list: &[(T, &'static str)], value: T) -> &'static str {
    list.iter().find(|(v, _)| *v == value).map_or("", |(_, l)| l)
}

/// The pivot as a table, amounts in currency units instead of cents.
fn pivot_table(
    d: &Dataset,
    t: &crate::core::reports::pivot::PivotTable,
    measure: Measure,
    rows: Dimension,
) -> ReportTable {
    let mut table = t.to_table(name_of(&DIMENSIONS, rows));
    if matches!(measure, Measure::Sum(Field::Amount) | Measure::Average(Field::Amount)) {
        for row in &mut table.rows {
            for cell in row.iter_mut().skip(1) {
                if let Ok(v) = cell.parse::<f64>() {
                    *cell = format!("{:.2}", v / 100.0);
                }
            }
        }
        let currency = &d.settings().currency;
        for h in table.headers.iter_mut().skip(1) {
            h.push_str(&format!(" ({currency})"));
        }
    }
    table
}

#[component]
fn PivotView(inputs: Inputs) -> impl IntoView {
    let state = AppState::expect();
    let kind = RwSignal::new(RecordKind::Deals);
    let rows = RwSignal::new(Dimension::Stage);
    let cols = RwSignal::new(Some(Dimension::Status));
    let measure = RwSignal::new(Measure::Count);
    let result = Memo::new(move |_| {
        let (filter, period) = (inputs.filter.get(), inputs.period());
        let (kind, rows, cols, measure) = (kind.get(), rows.get(), cols.get(), measure.get());
        state.data.with(|d| {
            timed("report:pivot", || {
                let t = pivot(d, kind, rows, cols, measure, &period, inputs.offset, &filter);
                pivot_table(d, &t, measure, rows)
            })
        })
    });
    let chart = Signal::derive(move || {
        result.with(|t| {
            let has_total = t.headers.last().is_some_and(|h| h == "Total") && t.headers.len() > 2;
            let value_cols = if has_total { t.headers.len() - 2 } else { t.headers.len() - 1 };
            let cats: Vec<String> = t.rows.iter().take(20).map(|r| r[0].clone()).collect();
            let kind = if value_cols > 1 { ChartKind::StackedBar } else { ChartKind::Bar };
            (1..=value_cols.min(6)).fold(Chart::new(kind, Unit::Count, cats), |chart, c| {
                chart.series(
                    t.headers[c].clone(),
                    t.rows.iter().take(20).map(|r| r[c].parse::<f64>().unwrap_or(0.0)).collect(),
                )
            })
        })
    });
    let table = Signal::derive(move || result.get());
    let choose =
        |label: &'static str, options: Vec<&'static str>, current: Signal<&'static str>, set: Callback<String>| {
            view! {
                <label>
                    {label}
                    <select prop:value=move || current.get() on:change=move |ev| set.run(event_target_value(&ev))>
                        {options.into_iter().map(|o| view! { <option value=o>{o}</option> }).collect_view()}
                    </select>
                </label>
            }
        };
    let mut col_options = vec!["(none)"];
    col_options.extend(DIMENSIONS.iter().map(|(_, l)| *l));
    view! {
        <h2>"Pivot table"</h2>
        <p class="muted">"Records dated in the period (contacts, companies and deals by creation, activities by their date) that match the filters."</p>
        <div class="pivot-controls">
            {choose("Records", KINDS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&KINDS, kind.get())),
                Callback::new(move |v: String| if let Some(k) = pick(&KINDS, &v) { kind.set(k) }))}
            {choose("Rows", DIMENSIONS.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&DIMENSIONS, rows.get())),
                Callback::new(move |v: String| if let Some(r) = pick(&DIMENSIONS, &v) { rows.set(r) }))}
            {choose("Columns", col_options, Signal::derive(move || cols.get().map_or("(none)", |c| name_of(&DIMENSIONS, c))),
                Callback::new(move |v: String| cols.set(pick(&DIMENSIONS, &v))))}
            {choose("Measure", MEASURES.iter().map(|(_, l)| *l).collect(), Signal::derive(move || name_of(&MEASURES, measure.get())),
                Callback::new(move |v: String| if let Some(m) = pick(&MEASURES, &v) { measure.set(m) }))}
        </div>
        <ChartFigure title="Pivot" chart=chart table=table open=true limit=200 />
    }
}
