//! The parts pages share. Each file holds one component (or a few small
//! ones that only make sense together) and is named for it.

pub mod activity_form;
pub mod address_rows;
pub mod backup_reminder;
pub mod cell_fix;
pub mod charts;
pub mod class_choice;
pub mod confirm_delete;
pub mod date_fields;
pub mod demo_loader;
pub mod duplicate_hint;
pub mod fields;
pub mod important_dates;
pub mod kinded_rows;
pub mod local_time;
pub mod new_passphrase;
pub mod outdated_banner;
pub mod overdue_deals;
pub mod record_sections;
pub mod search_list;
pub mod status_line;
pub mod storage_card;
pub mod suggested_fixes;
pub mod tag_chips;
pub mod task_row;
pub mod tasks_panel;
pub mod theme_picker;
pub mod timeline;
pub mod undo_history;
pub mod unsaved_edit;
pub mod update_prompt;
pub mod virtual_list;
