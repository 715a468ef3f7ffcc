//! Persistent storage and how much is used (the Storage API,
//! `navigator.storage`), for Settings → Storage.
//!
//! Without persistence, a browser may clear the site's data under storage
//! pressure (Safari also after seven days without a visit, unless the app is
//! installed). [`request_persistence`] asks for it; browsers decide on their
//! own (Chromium by engagement, bookmarks or installation, silently; Firefox
//! asks the person), so the answer is reported, never assumed. The app asks
//! once real data is first written, not for the empty app.

use js_sys::Reflect;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::StorageManager;

use super::error::StorageError;

fn manager() -> Result<StorageManager, StorageError> {
    let navigator = web_sys::window().ok_or_else(|| StorageError::Unsupported("no window".into()))?.navigator();
    let storage = Reflect::get(&navigator, &"storage".into()).unwrap_or(JsValue::UNDEFINED);
    if storage.is_undefined() {
        return Err(StorageError::Unsupported("no Storage API (navigator.storage)".into()));
    }
    Ok(storage.unchecked_into())
}

async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, StorageError> {
    let promise = promise.map_err(|e| StorageError::from_js(&e))?;
    JsFuture::from(promise).await.map_err(|e| StorageError::from_js(&e))
}

/// Asks the browser to keep this site's data until the person deletes it.
/// Returns whether the data is now persistent.
pub async fn request_persistence() -> Result<bool, StorageError> {
    Ok(settle(manager()?.persist()).await?.as_bool().unwrap_or(false))
}

/// Whether the data is persistent (the browser will not clear it by itself).
pub async fn is_persisted() -> Result<bool, StorageError> {
    Ok(settle(manager()?.persisted()).await?.as_bool().unwrap_or(false))
}

/// How much this site stores and may store, in bytes, as the browser
/// estimates it (Chromium counts IndexedDB's compressed bytes, so the figure
/// can be well below the backup's size).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StorageEstimate {
    pub usage: f64,
    pub quota: f64,
}

impl StorageEstimate {
    /// What is still free, in bytes (never negative).
    pub fn available(&self) -> f64 {
        (self.quota - self.usage).max(0.0)
    }
}

/// The browser's estimate of usage and quota.
pub async fn estimate() -> Result<StorageEstimate, StorageError> {
    let e = settle(manager()?.estimate()).await?;
    let number = |name: &str| Reflect::get(&e, &name.into()).ok().and_then(|v| v.as_f64());
    match (number("usage"), number("quota")) {
        (Some(usage), Some(quota)) => Ok(StorageEstimate { usage, quota }),
        _ => Err(StorageError::Unsupported("the browser gave no storage estimate".into())),
    }
}
