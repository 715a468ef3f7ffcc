//! Entry rules on the forms: values that look unnormalised ("  jane ",
//! "020 7946 0958", "https://www.acme.co.uk/") get a suggested fix, shown as
//! current → suggested with the reason. Nothing changes unless the person
//! accepts it; "Keep as typed" hides the suggestion for that value.

use leptos::prelude::*;

use crate::core::normalize::Suggestion;

/// A field path ("emails[0].address") as the form labels it ("Email 1").
pub fn field_label(path: &str) -> String {
    let (field, rest) = path.split_once('[').unwrap_or((path, ""));
    let n = rest.split(']').next().and_then(|i| i.parse::<usize>().ok()).map_or(1, |i| i + 1);
    let part = rest.split_once("].").map_or("", |(_, p)| p);
    match (field, part) {
        ("given_name", _) => "Given name".into(),
        ("family_name", _) => "Family name".into(),
        ("job_title", _) => "Job title".into(),
        ("emails", _) => format!("Email {n}"),
        ("phones", _) => format!("Phone {n}"),
        ("addresses", "street") => format!("Street (address {n})"),
        ("addresses", "city") => format!("City (address {n})"),
        ("addresses", "postal_code") => format!("Postal code (address {n})"),
        ("addresses", "country") => format!("Country (address {n})"),
        ("name", _) => "Name".into(),
        ("domain", _) => "Web domain".into(),
        (other, _) => other.replace('_', " "),
    }
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
                <h2 id="suggestions-heading">"Suggested fixes"</h2>
                <ul>
                    {move || shown().into_iter().map(|s| {
                        let label = field_label(&s.field);
                        let use_label = format!("Use \"{}\" for {label}", s.suggested);
                        let keep_label = format!("Keep {label} as typed");
                        let text = format!("{label}: \"{}\" → \"{}\" ({})", s.current, s.suggested, s.reason);
                        let keep = (s.field.clone(), s.current.clone());
                        view! {
                            <li>
                                <span>{text}</span>
                                " "
                                <button type="button" aria-label=use_label on:click=move |_| on_accept.run(s.clone())>"Use"</button>
                                " "
                                <button type="button" aria-label=keep_label on:click=move |_| kept.update(|k| k.push(keep.clone()))>
                                    "Keep as typed"
                                </button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        </Show>
    }
}
