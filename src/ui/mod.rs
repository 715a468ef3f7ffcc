//! UI: the app shell, routes, pages and components (Leptos 0.8, client-side).
//!
//! - [`app`]: the shell (header, navigation, status line) and the routes.
//! - `pages`: one file (or folder) per page, named for it.
//! - `components`: the parts pages share: form fields, charts, lists,
//!   the timeline, task rows, confirmations.
//! - `reports`: the report views, mirroring `core::reports`.
//! - `paths`, `format`, `download`: links under the base path, text for
//!   people, files for the user's computer.
//!
//! Pages read the dataset from `state::AppState` and write only through the
//! named commands of `state::commands`, from an `Action` whose pending state
//! disables the button. Search text, filters and sort live in the URL. Every
//! control has an accessible name; long lists render only their visible rows.
//! Nothing here imports from a page: what pages share is a component here or
//! a context in `state`.

pub mod app;
mod components;
mod download;
mod format;
mod nav;
mod pages;
mod paths;
mod reports;
mod text;

pub use app::{mount, App, DB_NAME};
