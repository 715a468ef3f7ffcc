//! The pure domain: record types, validation, search and sort, the stored
//! and backup formats, imports, duplicate detection, reports and demo data.
//!
//! Rooms: `records` (what is stored, one file per kind), `changes`,
//! `dataset` (memory and indexes), `history`/`delete`/`tab_sync` (undo, what a
//! delete unlinks, a tab's place in the stored history), `merge3`/`edit`
//! (saving a form over a record that changed meanwhile), `snapshot` and
//! `backup` (formats), `forms`/`validate`/`normalize` (what a save checks and
//! suggests), the sales logic (`lifecycle`, `pipeline`, `timeline`, `tasks`,
//! `today`, `lists`), `import` and `export`, `dedupe` and `audit`, `reports`,
//! `demo`, and the helpers `text`, `display` (numbers, money, dates and
//! times for people), `money` (the one rounding rule), `zone` (the person's
//! time zone as data), `countries`, `hash`, `ids`.
//!
//! Architecture invariant: nothing here touches the browser, the clock or
//! randomness. No web crate is named in this folder (CI checks it); time and
//! random bytes are parameters. So all of it is tested natively with
//! `cargo test`, and the same code runs in the app and in native tools.

pub mod audit;
pub mod backup;
pub mod changes;
pub mod countries;
pub mod dataset;
pub mod dedupe;
pub mod delete;
pub mod demo;
pub mod display;
pub mod edit;
pub mod export;
pub mod forms;
pub mod hash;
pub mod history;
pub mod i18n;
mod id_index;
pub mod ids;
pub mod import;
pub mod lifecycle;
pub mod lists;
pub mod merge3;
pub mod money;
pub mod normalize;
pub mod pipeline;
pub mod records;
pub mod reports;
pub mod snapshot;
pub mod tab_sync;
pub mod tasks;
pub mod text;
pub mod timeline;
pub mod today;
pub mod validate;
pub mod zone;
