//! Entry rules on the forms: values that look unnormalised ("  jane ",
//! "020 7946 0958", "https://www.acme.co.uk/") get a suggested fix, shown as
//! current → suggested with the reason. Nothing changes unless the person
//! accepts it; "Keep as typed" hides the suggestion for that value.

use leptos::prelude::*;

use crate::core::normalize::{FixReason, Suggestion};
use crate::ui::text::{t, tf};

/// A field path ("emails[0].address") as the form labels it ("Email 1").
pub fn field_label(path: &str) -> String {
    let (field, rest) = path.split_once('[').unwrap_or((path, ""));
    let n = rest.split(']').next().and_then(|i| i.parse::<usize>().ok()).map_or(1, |i| i + 1);
    let part = rest.split_once("].").map_or("", |(_, p)| p);
    let n = n.to_string();
    let numbered = |key: &str| tf(key, &[("n", &n)]);
    match (field, part) {
        ("given_name", _) => t("fixes.field.given_name").into(),
        ("family_name", _) => t("fixes.field.family_name").into(),
        ("job_title", _) => t("fixes.field.job_title").into(),
        ("emails", _) => numbered("fixes.field.email"),
        ("phones", _) => numbered("fixes.field.phone"),
        ("addresses", "street") => numbered("fixes.field.street"),
        ("addresses", "city") => numbered("fixes.field.city"),
        ("addresses", "postal_code") => numbered("fixes.field.postal_code"),
        ("addresses", "country") => numbered("fixes.field.country"),
        ("name", _) => t("fixes.field.name").into(),
        ("domain", _) => t("fixes.field.domain").into(),
        (other, _) => other.replace('_', " "),
    }
}

/// A suggestion's reason in the person's language.
fn reason_text(reason: FixReason) -> &'static str {
    t(match reason {
        FixReason::SpacesAndCapitals => "fixes.reason.spaces_and_capitals",
        FixReason::Spaces => "fixes.reason.spaces",
        FixReason::Capitals => "fixes.reason.capitals",
        FixReason::EmailCase => "fixes.reason.email_case",
        FixReason::International => "fixes.reason.international",
        FixReason::CountryCode => "fixes.reason.country_code",
        FixReason::BareDomain => "fixes.reason.bare_domain",
    })
}

/// The suggested fixes for a draft, each with "Use …" and "Keep as typed".
#[component]
pub fn SuggestedFixes(suggestions: Signal<Vec<Suggestion>>, on_accept: Callback<Suggestion>) -> impl IntoView {
    // Values the person chose to keep: (field, value) pairs.
    let kept = RwSignal::new(Vec::<(String, String)>::new());
    let shown = move || {
        suggestions
            .get()
            .into_iter()
            .filter(|s| kept.with(|k| !k.iter().any(|(f, v)| *f == s.field && *v == s.current)))
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || !shown().is_empty()>
            <section class="suggestions" aria-labelledby="suggestions-heading">
                <h2 id="suggestions-heading">{t("fixes.heading")}</h2>
                <ul>
                    {move || shown().into_iter().map(|s| {
                        let label = field_label(&s.field);
                        let use_label = tf("fixes.use_label", &[("value", &s.suggested), ("field", &label)]);
                        let keep_label = tf("fixes.keep_label", &[("field", &label)]);
                        let text = tf(
                            "fixes.suggestion",
                            &[("field", &label), ("current", &s.current), ("suggested", &s.suggested), ("reason", reason_text(s.reason))],
                        );
                        let keep = (s.field.clone(), s.current.clone());
                        view! {
                            <li>
                                <span>{text}</span>
                                " "
                                <button type="button" aria-label=use_label on:click=move |_| on_accept.run(s.clone())>{t("fixes.use")}</button>
                                " "
                                <button type="button" aria-label=keep_label on:click=move |_| kept.update(|k| k.push(keep.clone()))>
                                    {t("fixes.keep")}
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
