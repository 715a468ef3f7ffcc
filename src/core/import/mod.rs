//! Bringing records in from other tools: reading CSV and vCard files, mapping
//! columns to fields, and the preview that classifies every row before
//! anything is written (create, update, duplicate, invalid), then the one
//! change list that carries out the person's choices.
//!
//! - [`csv`], [`vcard`]: reading (and writing) the file formats.
//! - [`values`]: reading what people put in cells (dates, tags, countries…).
//! - [`contacts_map`], [`contacts_rows`], [`contacts_plan`]: contacts.
//! - [`columns`], [`companies`], [`deals`]: companies and deals files.
//! - [`plan`]: the classes, choices and counts every import shares.
//!
//! Nothing is silently dropped: a value that cannot be read is reported with
//! the reason, and kept where the record has room for it.

pub mod columns;
pub mod companies;
pub mod contacts_map;
pub mod contacts_plan;
pub mod contacts_rows;
pub mod csv;
pub mod deals;
pub mod plan;
pub mod values;
pub mod vcard;
