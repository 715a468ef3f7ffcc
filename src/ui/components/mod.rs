//! The parts pages share. Each file holds one component (or a few small
//! ones that only make sense together) and is named for it.

pub mod activity_form;
pub mod address_rows;
pub mod cell_fix;
pub mod charts;
pub mod class_choice;
pub mod confirm_delete;
pub mod demo_loader;
pub mod duplicate_hint;
pub mod fields;
pub mod important_dates;
pub mod kinded_rows;
pub mod outdated_banner;
pub mod record_sections;
pub mod search_list;
pub mod status_line;
pub mod suggested_fixes;
pub mod tag_chips;
pub mod task_row;
pub mod tasks_panel;
pub mod theme_picker;
pub mod timeline;
pub mod undo_history;
pub mod virtual_list;
