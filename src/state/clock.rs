//! The clock, the local date and the UTC offset, and the randomness that
//! `core` is given as parameters. The browser is asked in this one place.

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;

use crate::core::ids::uuid_v4;

/// The time where the user is, provided at the root (inside [`AppState`]
/// too, for commands). Reports count a timestamp on the local day of the
/// browser's current UTC offset; forms read and show local times with the
/// offset at that time.
///
/// [`AppState`]: super::AppState
#[derive(Clone, Copy, Debug, Default)]
pub struct Clock;

impl Clock {
    /// Provides the browser's clock as context.
    pub fn provide() -> Clock {
        provide_context(Clock);
        Clock
    }

    pub fn expect() -> Clock {
        expect_context::<Clock>()
    }

    /// The current time in UTC, to the millisecond.
    pub fn now(self) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
    }

    /// Today's date where the user is (birthdays and due dates are local).
    pub fn today(self) -> NaiveDate {
        let d = js_sys::Date::new_0();
        NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or_default()
    }

    /// The browser's current offset from UTC in minutes (east positive).
    /// Reports use today's offset for the whole period (a daylight-saving
    /// change moves at most an hour's records at the edges of a day).
    pub fn utc_offset_minutes(self) -> i32 {
        -(js_sys::Date::new_0().get_timezone_offset() as i32)
    }

    /// The browser's offset from UTC at `t`, in minutes (east positive).
    pub fn offset_at(self, t: DateTime<Utc>) -> i64 {
        let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(t.timestamp_millis() as f64));
        -(d.get_timezone_offset() as i64)
    }
}

/// A new random record id.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // Math.random is weaker but ids only need to be unique, not secret.
        for b in &mut bytes {
            *b = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    uuid_v4(bytes)
}

/// Lets the browser paint (a progress message, a disabled button) before
/// long synchronous work starts.
pub async fn yield_to_browser() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until the browser has painted the current state (one animation
/// frame, then a task), so a long synchronous step that follows does not
/// delay what is already on screen.
pub async fn after_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    yield_to_browser().await;
}
