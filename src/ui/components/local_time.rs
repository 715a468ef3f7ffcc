//! A time on screen: the person's local time, with the zone on hover and
//! the instant in UTC for machines (`<time datetime>`).

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::ui::format::{local_minute, zoned_minute};

#[component]
pub fn LocalTime(at: DateTime<Utc>) -> impl IntoView {
    view! { <time datetime=at.to_rfc3339() title=zoned_minute(at)>{local_minute(at)}</time> }
}
