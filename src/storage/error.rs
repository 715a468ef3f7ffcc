use wasm_bindgen::{JsCast, JsValue};

/// Why a storage operation failed. Carries strings, not JS values, so it is
/// `Clone` and can flow into signals and messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// IndexedDB is missing or refused (private mode in some browsers, blocked storage).
    Unavailable(String),
    /// A request or transaction failed; nothing of the action was written.
    Failed(String),
    /// The disk is full or the origin's quota is used up; nothing was written.
    QuotaExceeded,
    /// Another tab replaced the data since this tab loaded it; reload and retry.
    Stale,
    /// The stored data cannot be read by this version.
    Corrupt(String),
    /// A newer version of the app opened the database in another tab.
    Outdated,
    /// The browser lacks what this needs (the File System Access API,
    /// WebCrypto on a plain-http page, the Storage API); the UI falls back.
    Unsupported(String),
    /// An encrypted backup did not open: GCM's tag failed, so the file was
    /// changed or the passphrase is wrong (the two cannot be told apart).
    WrongPassphrase,
    /// A file that cannot be read as what it claims to be; the text is a
    /// complete message from core (unknown format, version or KDF, cut off).
    BadFile(String),
    /// The person closed a browser prompt (the folder picker) without choosing.
    Cancelled,
    /// The browser did not allow access (to the backup folder).
    NotAllowed(String),
}

impl std::fmt::Display for StorageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StorageError::Unavailable(d) => write!(f, "This browser does not let the CRM store data here ({d})."),
            StorageError::Failed(d) => write!(f, "Saving failed and nothing was changed ({d})."),
            StorageError::QuotaExceeded => {
                write!(
                    f,
                    "The browser's storage for this site is full, so nothing was saved. Free some space and try again."
                )
            }
            StorageError::Stale => {
                write!(f, "Another tab changed the data meanwhile; it has been reloaded. Please try again.")
            }
            StorageError::Corrupt(d) => write!(f, "{d}"),
            StorageError::Outdated => {
                write!(f, "A newer version of the CRM is open in another tab. Reload this tab to continue.")
            }
            StorageError::Unsupported(d) => write!(f, "This browser cannot do that ({d})."),
            StorageError::WrongPassphrase => {
                write!(f, "The file is damaged or the passphrase is wrong. Nothing was changed.")
            }
            StorageError::BadFile(d) => write!(f, "{d}"),
            StorageError::Cancelled => write!(f, "Cancelled; nothing was changed."),
            StorageError::NotAllowed(d) => write!(f, "The browser did not allow access ({d})."),
        }
    }
}

impl StorageError {
    /// Builds an error from whatever a failed request, transaction or event carried.
    pub(crate) fn from_js(v: &JsValue) -> StorageError {
        let dom = if let Some(e) = v.dyn_ref::<web_sys::DomException>() {
            Some(e.clone())
        } else if let Some(ev) = v.dyn_ref::<web_sys::Event>() {
            ev.target().and_then(|t| {
                if let Some(r) = t.dyn_ref::<web_sys::IdbRequest>() {
                    r.error().ok().flatten()
                } else if let Some(tx) = t.dyn_ref::<web_sys::IdbTransaction>() {
                    tx.error()
                } else {
                    None
                }
            })
        } else {
            None
        };
        match dom {
            Some(e) if e.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
            Some(e) => StorageError::Failed(format!("{}: {}", e.name(), e.message())),
            None => StorageError::Failed(v.as_string().unwrap_or_else(|| "the transaction was aborted".to_string())),
        }
    }
}
