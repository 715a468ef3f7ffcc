//! Bringing records in from other tools: reading CSV and vCard files, mapping
//! columns to fields, and the preview that classifies every row before
//! anything is written (create, update, duplicate, invalid), then the one
//! change list that carries out the person's choices.
//!
//! - [`csv`], [`vcard`]: reading (and writing) the file formats.
//! - [`values`]: reading what people put in cells (dates, tags, countries…);
//!   [`addresses`]: house numbers and whole-address blocks.
//! - [`contacts_map`], [`contacts_rows`], [`contacts_plan`]: contacts.
//! - [`columns`], [`companies`], [`deals`]: companies and deals files.
//! - [`plan`]: the classes, choices and counts every import shares.
//!
//! Nothing is silently dropped: every value with data goes to a field or to
//! the record's "Imported extras" (a section of its notes) unless the person
//! chose "Don't import" for its column; a value that cannot be read is kept
//! there too, and the preview says why.

pub mod addresses;
pub mod columns;
pub mod companies;
pub mod contacts_map;
pub mod contacts_plan;
pub mod contacts_rows;
pub mod csv;
pub mod deals;
pub mod plan;
#[cfg(test)]
pub(crate) mod real_exports;
pub mod stored;
pub mod values;
pub mod vcard;
