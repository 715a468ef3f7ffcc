//! A minimal promise bridge over web-sys IndexedDB.
//!
//! Requests and transactions are turned into promises by handing the promise's
//! own `resolve`/`reject` functions to `onsuccess`/`oncomplete`/`onerror`, so
//! no Rust closure has to be kept alive. Awaiting one of these inside a
//! transaction is safe: it resolves in the same task, before the transaction
//! auto-commits. Nothing else may be awaited while a transaction is open.

use js_sys::{Array, Promise};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction, IdbTransactionMode};

use super::error::StorageError;

/// Waits for a request and returns its result.
pub async fn request(req: IdbRequest) -> Result<JsValue, StorageError> {
    let promise = Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    });
    JsFuture::from(promise).await.map_err(|e| StorageError::from_js(&e))?;
    req.result().map_err(|e| StorageError::from_js(&e))
}

/// A future for the transaction's end: `Ok` once it committed, `Err` if it aborted.
/// Create it right after the transaction, before issuing requests.
pub fn done(tx: &IdbTransaction) -> JsFuture {
    let promise = Promise::new(&mut |resolve, reject| {
        tx.set_oncomplete(Some(&resolve));
        tx.set_onabort(Some(&reject));
    });
    JsFuture::from(promise)
}

/// Awaits a future from [`done`], turning an abort into an error.
pub async fn committed(done: JsFuture, tx: &IdbTransaction) -> Result<(), StorageError> {
    match done.await {
        Ok(_) => Ok(()),
        Err(e) => Err(match tx.error() {
            Some(dom) => StorageError::from_js(&dom.into()),
            None => StorageError::from_js(&e),
        }),
    }
}

pub fn transaction(
    db: &IdbDatabase,
    stores: &[&str],
    mode: IdbTransactionMode,
) -> Result<IdbTransaction, StorageError> {
    let names: Array = stores.iter().map(|s| JsValue::from_str(s)).collect();
    db.transaction_with_str_sequence_and_mode(&names, mode).map_err(|e| StorageError::from_js(&e))
}

pub fn store(tx: &IdbTransaction, name: &str) -> Result<IdbObjectStore, StorageError> {
    tx.object_store(name).map_err(|e| StorageError::from_js(&e))
}

/// Maps a synchronous `Result<IdbRequest, JsValue>` (a request that could not even start).
pub fn started(r: Result<IdbRequest, JsValue>) -> Result<IdbRequest, StorageError> {
    r.map_err(|e| StorageError::from_js(&e))
}

/// Converts a JS array of strings into Rust strings.
pub fn strings(v: &JsValue) -> Result<Vec<String>, StorageError> {
    let arr: &Array = v.dyn_ref().ok_or_else(|| StorageError::Corrupt("expected a list".into()))?;
    arr.iter()
        .map(|s| s.as_string().ok_or_else(|| StorageError::Corrupt("a stored value is not text".into())))
        .collect()
}

/// Converts a JS array of numeric keys.
pub fn numbers(v: &JsValue) -> Result<Vec<f64>, StorageError> {
    let arr: &Array = v.dyn_ref().ok_or_else(|| StorageError::Corrupt("expected a list".into()))?;
    arr.iter()
        .map(|s| s.as_f64().ok_or_else(|| StorageError::Corrupt("a journal key is not a number".into())))
        .collect()
}
