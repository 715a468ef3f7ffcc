//! The Backup page: export (optionally encrypted), import (an encrypted
//! file asks for its passphrase), automatic backups to a folder and their
//! passphrase, and when to be reminded. One card per file; the import's
//! progress bar (`progress`) is shared by the card that checks the file and
//! the preview that writes it.

mod automatic_card;
mod errors;
mod export_card;
mod import_card;
mod preview;
mod progress;
mod schedule_card;

use leptos::prelude::*;

use crate::ui::text::t;

use automatic_card::{AutomaticCard, KeyCard};
use export_card::ExportCard;
use import_card::ImportCard;
use schedule_card::ScheduleCard;

#[component]
pub fn BackupPage() -> impl IntoView {
    view! {
        <h1>{t("backup.title")}</h1>
        <ExportCard />
        <ImportCard />
        <AutomaticCard />
        <KeyCard />
        <ScheduleCard />
    }
}
