//! The period and filters every report shares, and what the reports derive
//! from the data once per change (filter options, tag and company names,
//! every contact's last contact).
//!
//! They live for the whole session, so moving between reports (or away and
//! back) keeps them, and they are mirrored in the reports' URL
//! (`?period=last-month&compare=1&owner=Sam…`), so a reload or a shared link
//! shows the same view.

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;

use super::timing::timed;
use super::AppState;
use crate::core::lists::all_tags;
use crate::core::reports::period::{period_of, PeriodChoice};
use crate::core::reports::{filter_options, first_of_month, Filter, FilterOptions, Period};
use crate::core::timeline::last_contacted;
use crate::core::zone::Zone;

#[derive(Clone, Copy)]
pub struct ReportControls {
    pub choice: RwSignal<PeriodChoice>,
    /// The custom range's first and last day, `YYYY-MM-DD` as typed.
    pub from: RwSignal<String>,
    pub to: RwSignal<String>,
    pub compare: RwSignal<bool>,
    pub owner: RwSignal<String>,
    pub tag: RwSignal<String>,
    pub source: RwSignal<String>,
    /// A company's name as typed (matched case-insensitively).
    pub company: RwSignal<String>,
    pub country: RwSignal<String>,
    /// The period the controls mean today, or why the custom range is invalid.
    pub period: Memo<Result<Period, String>>,
    pub filter: Memo<Filter>,
    // Derived from the data once per change (lazily, on first use) rather
    // than each time a report opens.
    pub options: Memo<FilterOptions>,
    pub tags: Memo<Vec<String>>,
    pub company_names: Memo<Vec<String>>,
    /// Every contact's last call, email or meeting, by position.
    pub last_contacted: Memo<Vec<Option<DateTime<Utc>>>>,
    /// The browser's time zone, for the local days of timestamps.
    pub zone: &'static Zone,
}

/// The URL query names of the controls, in the order they are written.
const KEYS: [&str; 9] = ["period", "from", "to", "compare", "owner", "tag", "source", "company", "country"];

impl ReportControls {
    pub fn provide(state: AppState) -> ReportControls {
        let t = state.clock.today();
        let choice = RwSignal::new(PeriodChoice::ThisYear);
        let from = RwSignal::new(first_of_month(t).to_string());
        let to = RwSignal::new(t.to_string());
        let (owner, tag, source, company, country) = (
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
            RwSignal::new(String::new()),
        );
        let period = Memo::new(move |_| period_of(choice.get(), state.clock.today(), &from.get(), &to.get()));
        let filter = Memo::new(move |_| {
            let some = |s: RwSignal<String>| Some(s.get()).filter(|v| !v.is_empty());
            let company = company.get();
            let company_id = (!company.trim().is_empty()).then(|| {
                state.data.with(|d| {
                    d.companies()
                        .iter()
                        .find(|c| c.name.eq_ignore_ascii_case(company.trim()))
                        .map_or_else(|| format!("(unknown) {company}"), |c| c.id.clone())
                })
            });
            Filter { owner: some(owner), tag: some(tag), source: some(source), company_id, country: some(country) }
        });
        let options = Memo::new(move |_| state.data.with(filter_options));
        let tags = Memo::new(move |_| state.data.with(|d| all_tags(d).into_iter().map(|(t, _)| t).collect::<Vec<_>>()));
        let company_names = Memo::new(move |_| {
            state.data.with(|d| {
                let mut names: Vec<String> = d.companies().iter().map(|c| c.name.clone()).collect();
                names.sort();
                names.dedup();
                names
            })
        });
        // One pass over all activities, shared by the reports and the data
        // audit until the data changes.
        let last_contacted = Memo::new(move |_| {
            state.data.with(|d| timed("report:last-contacted", || last_contacted(d, state.clock.now())))
        });
        let controls = ReportControls {
            choice,
            from,
            to,
            compare: RwSignal::new(false),
            owner,
            tag,
            source,
            company,
            country,
            period,
            filter,
            options,
            tags,
            company_names,
            last_contacted,
            zone: state.clock.zone(),
        };
        provide_context(controls);
        controls
    }

    pub fn expect() -> ReportControls {
        expect_context::<ReportControls>()
    }

    /// The period, or this year's while the custom range is being typed.
    pub fn period_or_this_year(&self, state: AppState) -> Period {
        self.period.get().unwrap_or_else(|_| Period::this_year(state.clock.today()))
    }

    /// The text fields of the controls, with their URL names.
    fn texts(&self) -> [(&'static str, RwSignal<String>); 7] {
        [
            ("from", self.from),
            ("to", self.to),
            ("owner", self.owner),
            ("tag", self.tag),
            ("source", self.source),
            ("company", self.company),
            ("country", self.country),
        ]
    }

    /// The controls as a URL query, in the order of [`KEYS`]: the period,
    /// its range only when it is custom, the comparison when on, and the
    /// filters that are set.
    pub fn to_query(&self) -> String {
        let choice = self.choice.get();
        let mut query = format!("period={}", choice.key());
        let mut add = |key: &str, value: String| {
            if !value.is_empty() {
                query.push_str(&format!("&{key}={}", String::from(js_sys::encode_uri_component(&value))));
            }
        };
        if choice == PeriodChoice::Custom {
            add("from", self.from.get());
            add("to", self.to.get());
        }
        if self.compare.get() {
            add("compare", "1".into());
        }
        for (key, value) in self.texts().into_iter().skip(2) {
            add(key, value.get());
        }
        query
    }

    /// Makes the URL the source of the controls on a reports page: a link or
    /// a reload with a query sets them; then every change of a control
    /// replaces the query (no history entry). `path` is the page's app path
    /// ("/reports/funnel"). Call inside the router.
    pub fn follow_url(self, path: impl Fn() -> String + 'static) {
        let query = use_query_map();
        query.with_untracked(|q| {
            if KEYS.iter().all(|k| q.get(k).is_none()) {
                return;
            }
            self.choice.set(PeriodChoice::from_key(&q.get("period").unwrap_or_default()));
            self.compare.set(q.get("compare").is_some_and(|v| v == "1"));
            for (key, value) in self.texts() {
                match q.get(key) {
                    Some(v) => value.set(v),
                    // Without a range in the URL, the custom range keeps its days.
                    None if key == "from" || key == "to" => {}
                    None => value.set(String::new()),
                }
            }
        });
        let navigate = use_navigate();
        let location = use_location();
        Effect::new(move |_| {
            let query = self.to_query();
            if location.search.get_untracked().trim_start_matches('?') != query {
                navigate(
                    &format!("{}?{query}", untrack(&path)),
                    NavigateOptions { replace: true, scroll: false, ..Default::default() },
                );
            }
        });
    }
}
