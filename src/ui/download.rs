//! Saving text the app made (an export) as a file on the user's computer.

use wasm_bindgen::JsCast;

/// Offers `text` as a download named `filename`, of media type `mime`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_blob(filename, &text_blob(mime, text)?)
}

/// `text` as a blob of media type `mime`.
pub fn text_blob(mime: &str, text: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&text.into());
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(|e| format!("{e:?}"))
}

/// Offers a blob (a PNG the app drew) as a download named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(err)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers a CSV export, or says why it could not be saved.
pub fn save_csv(state: crate::state::AppState, filename: &str, text: &str) {
    if let Err(e) = download(filename, "text/csv;charset=utf-8", text) {
        state.notify(crate::state::NoticeKind::Error, format!("The CSV file could not be downloaded: {e}"));
    }
}
