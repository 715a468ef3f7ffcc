//! The import's progress: which phase it is in (reading the file, checking
//! it, writing the data) and how far, as text and as a progress bar. The
//! card that reads the file and the preview that writes it share one
//! [`Phase`] signal.

use leptos::prelude::*;

use crate::ui::text::{t, tf};

/// What the import is doing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Phase {
    Idle,
    Reading,
    /// How much of the file is checked, 0 to 1.
    Checking(f64),
    /// How much of the data is written, 0 to 1.
    Writing(f64),
}

impl Phase {
    fn text(self) -> String {
        let pct = |share: f64| (share * 100.0).floor().clamp(0.0, 100.0);
        match self {
            Phase::Idle => String::new(),
            Phase::Reading => t("backup.progress.reading").into(),
            Phase::Checking(share) => tf("backup.progress.checking", &[("percent", &pct(share).to_string())]),
            Phase::Writing(share) => tf("backup.progress.writing", &[("percent", &pct(share).to_string())]),
        }
    }

    fn share(self) -> Option<f64> {
        match self {
            Phase::Checking(share) | Phase::Writing(share) => Some(share),
            Phase::Idle | Phase::Reading => None,
        }
    }
}

/// The phase as text (announced politely) and a progress bar named by it;
/// nothing while idle.
#[component]
pub fn ImportProgress(phase: RwSignal<Phase>) -> impl IntoView {
    view! {
        <Show when=move || phase.get() != Phase::Idle>
            <div class="import-progress">
                <p id="backup-progress-text" class="progress" aria-live="polite">{move || phase.get().text()}</p>
                {move || match phase.get().share() {
                    Some(share) => view! {
                        <progress aria-labelledby="backup-progress-text" max="100" value=(share * 100.0).round()></progress>
                    }.into_any(),
                    None => view! { <progress aria-labelledby="backup-progress-text"></progress> }.into_any(),
                }}
            </div>
        </Show>
    }
}
