//! The clock, the local date, the time zone, the locale, and the
//! randomness that `core` is given as parameters. The browser is asked in
//! this one place.

use std::sync::OnceLock;

use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::core::display::Locale;
use crate::core::ids::uuid_v4;
use crate::core::zone::Zone;

/// The time where the user is, provided at the root (inside [`AppState`]
/// too, for commands). Reports count a timestamp on its local day in the
/// browser's time zone ([`Clock::zone`], with the offset in force at that
/// instant); screens show local times of that zone.
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

    /// The browser's time zone: its name and every change of its offset
    /// from 1970 to 2100, read once (see [`browser_zone`]).
    pub fn zone(self) -> &'static Zone {
        static ZONE: OnceLock<Zone> = OnceLock::new();
        ZONE.get_or_init(browser_zone)
    }
}

/// The person's locale: the language of every text (`core::i18n`) and the
/// conventions of numbers, money, dates and times (`core::display`). The
/// language chosen in Settings (`state::prefs::language`), else the
/// browser's first language we have, else English. Read once: choosing
/// another language in Settings reloads the page (the data is in
/// IndexedDB; nothing is lost).
pub fn locale() -> Locale {
    static LOCALE: OnceLock<Locale> = OnceLock::new();
    *LOCALE.get_or_init(|| match crate::state::prefs::language() {
        Some(tag) => Locale::from_tag(&tag),
        None => browser_locale(),
    })
}

/// The browser's first language we have, else English: the locale when
/// none is chosen in Settings.
pub fn browser_locale() -> Locale {
    let navigator = web_sys::window().map(|w| w.navigator());
    let languages = navigator.as_ref().map(|n| n.languages().to_vec()).unwrap_or_default();
    languages.iter().filter_map(|l| l.as_string()).find_map(|tag| Locale::known_tag(&tag)).unwrap_or_default()
}

/// The texts of a language other than English, fetched from this build
/// (`i18n/<tag>.txt` beside index.html, written by scripts/post-build.mjs;
/// same origin, precached by the service worker). The reason in words when
/// it cannot be had.
pub async fn fetch_language(locale: Locale) -> Result<String, String> {
    let window = web_sys::window().ok_or("no window")?; // not text: a console diagnostic
    let url = format!("i18n/{}.txt", locale.tag());
    let said = |e: JsValue| e.as_string().unwrap_or_else(|| format!("{e:?}"));
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(&url)).await.map_err(said)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| "not a response".to_string())?; // not text: a console diagnostic
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = wasm_bindgen_futures::JsFuture::from(response.text().map_err(said)?).await.map_err(said)?;
    text.as_string().ok_or_else(|| format!("{url} is not text")) // not text: a console diagnostic
}

/// The browser's zone as data for `core`: the offset is sampled every week
/// from 1970 to 2100 and each change is found to the minute by bisection
/// (two changes less than a week apart would be missed; no zone has them
/// today). Times before 1970 take the 1970 offset, after 2100 the last one.
fn browser_zone() -> Zone {
    const MINUTE: f64 = 60_000.0;
    const WEEK_MINUTES: i64 = 7 * 24 * 60;
    const FROM: i64 = 0; // 1970-01-01, in minutes since then
    const TO: i64 = 68_744_160; // 2100-01-01
    let offset = |minutes: i64| -> i32 {
        -(js_sys::Date::new(&JsValue::from_f64(minutes as f64 * MINUTE)).get_timezone_offset() as i32)
    };
    let initial = offset(FROM);
    let (mut t, mut current, mut changes) = (FROM, initial, Vec::new());
    while t < TO {
        let next = (t + WEEK_MINUTES).min(TO);
        let after = offset(next);
        if after != current {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if let Some(at) = DateTime::from_timestamp(hi * 60, 0) {
                changes.push((at, after));
            }
            current = after;
        }
        t = next;
    }
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new()).resolved_options();
    let name = js_sys::Reflect::get(&options, &JsValue::from_str("timeZone")).ok().and_then(|v| v.as_string());
    Zone::new(&name.unwrap_or_default(), initial, changes)
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

/// Gives the browser a turn between two steps of long work (input, a
/// painted progress bar) and comes back as soon as it is done: with
/// `scheduler.yield()` where the browser has it, else a zero timeout (which
/// browsers stretch to 4 ms after a few in a row).
pub async fn take_turn() {
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &"scheduler".into()).ok().filter(|s| s.is_object());
    let yield_fn = scheduler.as_ref().and_then(|s| js_sys::Reflect::get(s, &"yield".into()).ok());
    if let (Some(s), Some(f)) = (scheduler, yield_fn.and_then(|f| f.dyn_into::<js_sys::Function>().ok())) {
        if let Ok(promise) = f.call0(&s).and_then(|p| p.dyn_into::<js_sys::Promise>()) {
            let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
            return;
        }
    }
    yield_to_browser().await;
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
