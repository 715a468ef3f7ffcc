//! Saving text the app made (an export) as a file on the user's computer.

use wasm_bindgen::JsCast;

use crate::ui::text::{t, tf};

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

/// Offers `bytes` (a backup file) as a download named `filename`. The bytes
/// are copied into the blob once, never decoded as text.
pub fn download_bytes(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &opts).map_err(|e| format!("{e:?}"))?;
    download_blob(filename, &blob)
}

/// Offers a blob (a PNG the app drew) as a download named `filename`.
pub fn download_blob(filename: &str, blob: &web_sys::Blob) -> Result<(), String> {
    let err = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(err)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or(t("notices.download.no_document"))?;
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
        state.notify(crate::state::NoticeKind::Error, tf("notices.download.csv_failed", &[("error", &e)]));
    }
}

/// Makes a backup of everything (encrypted as asked), offers it as a
/// download and notes it as the last backup, saying how it went. True when
/// the file was offered.
pub async fn download_backup(
    state: crate::state::AppState,
    durability: crate::state::Durability,
    encryption: crate::state::durability::Encryption,
) -> bool {
    use crate::state::NoticeKind;
    let file = match durability.make_backup(encryption).await {
        Ok(f) => f,
        Err(e) => {
            state.notify(NoticeKind::Error, e);
            return false;
        }
    };
    if let Err(e) = download_bytes(&file.name, "application/json", &file.bytes) {
        state.notify(NoticeKind::Error, tf("notices.download.backup_failed", &[("error", &e)]));
        return false;
    }
    match durability.record_download(&file).await {
        Ok(()) => state.notify(NoticeKind::Success, tf("notices.download.exported", &[("file", &file.name)])),
        Err(e) => state.notify(
            NoticeKind::Error,
            tf("notices.download.not_noted", &[("file", &file.name), ("error", &e.to_string())]),
        ),
    }
    true
}
