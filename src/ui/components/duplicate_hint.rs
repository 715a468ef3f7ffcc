//! "Looks like Jane Roe, jane@example.com — open it?" under the contact
//! form: the best existing contact the draft looks like, checked with the
//! shared duplicate index after typing pauses, in a polite live region.

use std::time::Duration;

use leptos::prelude::*;
use leptos_router::components::A;

use crate::core::dedupe::check_one;
use crate::core::dedupe::scoring::Review;
use crate::core::dedupe::{Comparison, Level};
use crate::core::records::Contact;
use crate::state::{timed, AppState, SharedDedupeIndex};
use crate::ui::paths::link;
use crate::ui::text::{t, tf};

/// How long typing must pause before the draft is looked up.
const CHECK_DELAY: Duration = Duration::from_millis(300);

/// The best existing contact the draft looks like, as its id and "Looks like
/// Jane Roe, jane@example.com", checked after typing pauses.
fn looks_like(state: AppState, draft: RwSignal<Contact>) -> ReadSignal<Option<(String, String)>> {
    let shared = SharedDedupeIndex::expect();
    let (found, set_found) = signal(None::<(String, String)>);
    let pending = StoredValue::new_local(None::<TimeoutHandle>);
    // The effect only schedules the lookup; the result is this form's own
    // hint, read nowhere else.
    Effect::new(move |_| {
        draft.track();
        if let Some(h) = pending.get_value() {
            h.clear();
        }
        let check = move || {
            let Some(d) = draft.try_get_untracked() else { return };
            let is_blank = d.given_name.trim().is_empty()
                && d.family_name.trim().is_empty()
                && d.emails.iter().all(|e| e.address.trim().is_empty())
                && d.phones.iter().all(|p| p.number.trim().is_empty());
            if is_blank {
                set_found.try_set(None);
                return;
            }
            // An edited contact may have pairs marked "not a duplicate".
            let is_dismissed = |other: &str| {
                let pair = if d.id.as_str() <= other {
                    (d.id.clone(), other.to_string())
                } else {
                    (other.to_string(), d.id.clone())
                };
                state.data.with_untracked(|data| data.settings().not_duplicates.binary_search(&pair).is_ok())
            };
            // The index is built (once per data change) before the check is timed.
            let i = shared.get();
            let best = timed("dedupe:check", || {
                check_one(&i, &d).into_iter().map(|c| i.id(c.b).to_string()).find(|id| !is_dismissed(id))
            });
            let hint = best.and_then(|id| {
                state.data.with_untracked(|data| {
                    data.contact(&id).map(|c| {
                        let text = match c.primary_email() {
                            Some(e) if e != c.display_name() => {
                                tf("contacts.hint.looks_like_email", &[("name", &c.display_name()), ("email", e)])
                            }
                            _ => tf("contacts.hint.looks_like", &[("name", &c.display_name())]),
                        };
                        (id.clone(), text)
                    })
                })
            });
            set_found.try_set(hint);
        };
        pending.set_value(set_timeout_with_handle(check, CHECK_DELAY).ok());
    });
    on_cleanup(move || {
        if let Some(h) = pending.try_get_value().flatten() {
            h.clear();
        }
    });
    found
}

/// The hint for the contact `draft`; an edited contact never matches itself.
#[component]
pub fn DuplicateHint(draft: RwSignal<Contact>) -> impl IntoView {
    let state = AppState::expect();
    let looks_like = looks_like(state, draft);
    view! {
        <div role="status" aria-live="polite" class="duplicate-hint">
            {move || looks_like.get().map(|(id, text)| view! {
                <p>{text} " — " <A href=link(&format!("/contacts/{id}"))>{t("contacts.hint.open")}</A></p>
            })}
        </div>
    }
}

/// Why a company looks like another, in the person's language: core's
/// "same domain acme.com" or "same name acme" (`CompanyKeys::lookup`).
pub fn company_match_reason(reason: &str) -> String {
    let (domain, name) = (reason.strip_prefix("same domain "), reason.strip_prefix("same name ")); // not text: core's reasons, matched
    if let Some(domain) = domain {
        tf("companies.hint.same_domain", &[("domain", domain)])
    } else if let Some(name) = name {
        tf("companies.hint.same_name", &[("name", name)])
    } else {
        reason.to_string()
    }
}

/// What a duplicate comparison is called (`core::dedupe::Comparison::label`),
/// in the person's language; shared by the Duplicates page and its settings.
pub fn comparison_name(c: Comparison) -> &'static str {
    match c {
        Comparison::GivenName => t("duplicates.comparison.given_name"),
        Comparison::FamilyName => t("duplicates.comparison.family_name"),
        Comparison::Birthday => t("duplicates.comparison.birthday"),
        Comparison::HouseNumber => t("duplicates.comparison.house_number"),
        Comparison::Street => t("duplicates.comparison.street"),
        Comparison::Place => t("duplicates.comparison.place"),
        Comparison::Email => t("duplicates.comparison.email"),
        Comparison::Phone => t("duplicates.comparison.phone"),
        Comparison::Company => t("duplicates.comparison.company"),
        Comparison::Generation => t("duplicates.comparison.generation"),
    }
}

/// What a comparison's level is called (`core::dedupe::Level::label`), in
/// the person's language.
pub fn level_name(level: Level, c: Comparison) -> &'static str {
    match (level, c) {
        (Level::Exact, Comparison::Place) => t("duplicates.level.same_postcode"),
        (Level::Exact, _) => t("duplicates.level.exact"),
        (Level::Nickname, _) => t("duplicates.level.nickname"),
        (Level::Part, _) => t("duplicates.level.part"),
        (Level::Typo, _) => t("duplicates.level.typo"),
        (Level::Phonetic, _) => t("duplicates.level.phonetic"),
        (Level::Similar, _) => t("duplicates.level.similar"),
        (Level::Initial, _) => t("duplicates.level.initial"),
        (Level::DayMonthSwapped, _) => t("duplicates.level.day_month_swapped"),
        (Level::OneDigit, _) => t("duplicates.level.one_digit"),
        (Level::SameYear, _) => t("duplicates.level.same_year"),
        (Level::Subset, Comparison::HouseNumber) => t("duplicates.level.unit_more"),
        (Level::Subset, _) => t("duplicates.level.line_more"),
        (Level::Partial, Comparison::HouseNumber) => t("duplicates.level.another_unit"),
        (Level::Partial, Comparison::Generation) => t("duplicates.level.suffix_one"),
        (Level::Partial, _) => t("duplicates.level.word_shared"),
        (Level::NearPostcode, _) => t("duplicates.level.near_postcode"),
        (Level::NearPostcodeSameCity, _) => t("duplicates.level.near_postcode_same_city"),
        (Level::SameCity, _) => t("duplicates.level.same_city"),
        (Level::SameDomain, _) => t("duplicates.level.same_domain"),
        (Level::Different, _) => t("duplicates.level.different"),
    }
}

/// Why a pair needs a person's judgement (`core::dedupe::scoring::Review`),
/// in the person's language.
pub fn review_text(r: Review) -> &'static str {
    match r {
        Review::DifferentGivenName => t("duplicates.review.different_given_name"),
        Review::Twins => t("duplicates.review.twins"),
        Review::MissingGivenName => t("duplicates.review.missing_given_name"),
        Review::InitialOnly => t("duplicates.review.initial_only"),
        Review::DifferentFamilyName => t("duplicates.review.different_family_name"),
        Review::MissingFamilyName => t("duplicates.review.missing_family_name"),
        Review::DifferentBirthday => t("duplicates.review.different_birthday"),
        Review::DifferentGeneration => t("duplicates.review.different_generation"),
        Review::Neighbour => t("duplicates.review.neighbour"),
    }
}

/// A weight in bits with its sign and one decimal, in the person's number
/// format: "+2.5", "-1.0" ("+2,5" in German).
pub fn signed_bits(x: f64) -> String {
    let d = crate::core::display::number::decimal(crate::ui::format::locale(), x, 1);
    if d.starts_with('-') {
        d
    } else {
        format!("+{d}")
    }
}
