//! The overdue deals beside the forecast: open deals expected to close
//! before today are not in the forecast (they need a new date), so the
//! dashboard and the pipeline report say how many there are and what they
//! weigh, with a link to them.

use leptos::prelude::*;

use crate::ui::format::whole_money;
use crate::ui::paths::link;
use crate::ui::text::{t, tf, tn};

/// The deals list filtered to the overdue deals.
pub const OVERDUE_DEALS: &str = "/deals?status=open&close=overdue";

/// "Overdue: 2 deals, €3,000" (weighted) as a link to them; nothing when
/// none is overdue. `overdue` is (deals, weighted cents, currency).
#[component]
pub fn OverdueDeals(overdue: Signal<(usize, i64, String)>) -> impl IntoView {
    move || {
        let (n, cents, currency) = overdue.get();
        (n > 0).then(|| {
            view! {
                <p class="overdue-deals">
                    <a href=link(OVERDUE_DEALS)>
                        {tf("work.overdue_deals.link", &[("deals", &tn("common.deals", n)), ("amount", &whole_money(cents, &currency))])}
                    </a>
                    " "{t("work.overdue_deals.why")}
                </p>
            }
        })
    }
}
