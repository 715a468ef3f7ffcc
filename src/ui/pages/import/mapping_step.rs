//! The mapping step of a contacts file: each column with sample values and
//! the contact field it goes to (guessed, or saved for these headers).

use leptos::prelude::*;

use crate::core::import::contacts_map::{AddressPart, Target};

/// The targets offered in every column's select, plus `extra` ones.
fn target_choices(extra: &[Target]) -> Vec<Target> {
    let mut out = vec![Target::Ignore, Target::GivenName, Target::MiddleName, Target::FamilyName, Target::FullName];
    for slot in 1..=3 {
        out.push(Target::Email { slot, kind: None });
        out.push(Target::EmailType { slot });
    }
    for slot in 1..=3 {
        out.push(Target::Phone { slot, kind: None });
        out.push(Target::PhoneType { slot });
    }
    for part in
        [AddressPart::Street, AddressPart::City, AddressPart::Region, AddressPart::PostalCode, AddressPart::Country]
    {
        out.push(Target::Address { slot: 1, part, kind: None });
    }
    out.push(Target::AddressType { slot: 1 });
    out.extend([
        Target::Company,
        Target::JobTitle,
        Target::Website,
        Target::Birthday,
        Target::Tags,
        Target::Notes,
        Target::Source,
        Target::LifecycleStage,
    ]);
    for t in extra {
        if !out.contains(t) {
            out.push(*t);
        }
    }
    out
}

/// The columns of a CSV file with sample values and where each one goes.
#[component]
pub fn MappingStep(
    headers: RwSignal<Vec<String>>,
    samples: RwSignal<Vec<Vec<String>>>,
    targets: RwSignal<Vec<Target>>,
) -> impl IntoView {
    let options = Memo::new(move |_| target_choices(&targets.read()));
    view! {
        <section aria-labelledby="mapping-heading" class="card">
            <h2 id="mapping-heading">"Columns"</h2>
            <p>"Choose where each column of the file goes. Columns set to \"Don't import\" are left out."</p>
            <table class="mapping">
                <thead>
                    <tr><th scope="col">"Column"</th><th scope="col">"Sample values"</th><th scope="col">"Import as"</th></tr>
                </thead>
                <tbody>
                    {move || headers.get().into_iter().enumerate().map(|(i, name)| {
                        let sample = samples.with(|s| s.get(i).map(|v| v.join(" · ")).unwrap_or_default());
                        let label = format!("Import column {name} as");
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                <td>{sample}</td>
                                <td>
                                    <select
                                        aria-label=label
                                        prop:value=move || {
                                            let t = targets.with(|t| t.get(i).copied().unwrap_or(Target::Ignore));
                                            options.with(|o| o.iter().position(|x| *x == t).unwrap_or(0)).to_string()
                                        }
                                        on:change=move |ev| {
                                            let choice = event_target_value(&ev).parse::<usize>().ok();
                                            let t = choice.and_then(|c| options.with_untracked(|o| o.get(c).copied())).unwrap_or(Target::Ignore);
                                            targets.update(|ts| if let Some(x) = ts.get_mut(i) { *x = t });
                                        }
                                    >
                                        {move || options.get().into_iter().enumerate().map(|(j, t)| {
                                            let selected = targets.with_untracked(|ts| ts.get(i) == Some(&t));
                                            view! { <option value=j.to_string() selected=selected>{t.label()}</option> }
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}
