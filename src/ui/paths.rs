//! App paths as link targets under the base path the app is served from.

/// The path the app is served under ("" at the root, "/crm" under a sub-path),
/// read once from the `<base href>` Trunk writes for `--public-url`.
pub fn base_path() -> String {
    thread_local! {
        static BASE: String = read_base_path();
    }
    BASE.with(String::clone)
}

/// An app path ("/contacts/1") as a link target under the base path. The
/// router prefixes the base when navigating, but `<A>` and `<a>` do not.
pub fn link(path: &str) -> String {
    format!("{}{}", base_path(), path)
}

fn read_base_path() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|u| u.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}
