//! The report views, one file per `core::reports` module.
