//! The mapping step of a contacts file: each column with sample values and
//! the contact field it goes to (guessed, or saved for these headers).

use leptos::prelude::*;

use crate::core::import::contacts_map::{AddressPart, Target};
use crate::core::import::values::DateOrder;
use crate::ui::format::locale;
use crate::ui::text::{t, tf, tn, tnf};

/// The targets offered in every column's select, plus `extra` ones.
fn target_choices(extra: &[Target]) -> Vec<Target> {
    let mut out = vec![
        Target::Ignore,
        Target::Extra,
        Target::NamePrefix,
        Target::GivenName,
        Target::MiddleName,
        Target::FamilyName,
        Target::NameSuffix,
        Target::FullName,
        Target::Nickname,
    ];
    for slot in 1..=3 {
        out.push(Target::Email { slot, kind: None });
        out.push(Target::EmailType { slot });
    }
    for slot in 1..=3 {
        out.push(Target::Phone { slot, kind: None });
        out.push(Target::PhoneType { slot });
    }
    for part in [
        AddressPart::StreetNumber,
        AddressPart::Street,
        AddressPart::Street2,
        AddressPart::Locality,
        AddressPart::City,
        AddressPart::Region,
        AddressPart::PostalCode,
        AddressPart::Country,
        AddressPart::Formatted,
    ] {
        out.push(Target::Address { slot: 1, part, kind: None });
    }
    out.push(Target::AddressType { slot: 1 });
    out.extend([
        Target::Company,
        Target::JobTitle,
        Target::Department,
        Target::Website,
        Target::Birthday,
        Target::Anniversary,
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
    /// The order of day and month chosen for dates such as 3/2/1984.
    date_order: RwSignal<Option<DateOrder>>,
    /// Whether the file has such dates and nothing in it settles their order.
    dates_undecided: Signal<bool>,
) -> impl IntoView {
    let options = Memo::new(move |_| target_choices(&targets.read()));
    // A column's samples are its first non-empty values in the whole file,
    // so no samples means the column is empty in every row.
    let has_data = move |i: usize| samples.with(|s| s.get(i).is_some_and(|v| !v.is_empty()));
    let show_empty = RwSignal::new(false);
    let empty_count = move || headers.with(|h| (0..h.len()).filter(|&i| !has_data(i)).count());
    // Columns holding data that the person set to "Don't import": said before the import.
    let dropped = move || {
        headers.with(|h| {
            targets.with(|t| {
                (0..h.len())
                    .filter(|&i| has_data(i) && t.get(i) == Some(&Target::Ignore))
                    .map(|i| h[i].clone())
                    .collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section aria-labelledby="mapping-heading" class="card">
            <h2 id="mapping-heading">{t("import.mapping.heading")}</h2>
            <p>{t("import.mapping.intro")}</p>
            {move || {
                let list = dropped();
                (!list.is_empty()).then(|| view! {
                    <p class="warning" role="status">
                        {tnf("import.mapping.dropped", list.len(), &[("columns", &list.join(", "))])}
                    </p>
                })
            }}
            {move || (empty_count() > 0).then(|| view! {
                <p>
                    {move || tn("import.mapping.empty_hidden", empty_count())}
                    " "
                    <button type="button" class="link-button" aria-pressed=move || show_empty.get().to_string()
                        on:click=move |_| show_empty.update(|v| *v = !*v)>
                        {move || if show_empty.get() { t("import.mapping.hide_empty") } else { t("import.mapping.show_empty") }}
                    </button>
                </p>
            })}
            {move || (dates_undecided.get() || date_order.get().is_some()).then(|| view! {
                <p class="field">
                    <label for="date-order">{t("import.mapping.date_order")}</label>
                    " "
                    <select id="date-order" aria-describedby="date-order-hint"
                        prop:value=move || match date_order.get() {
                            Some(DateOrder::DayMonthYear) => "dmy",
                            Some(DateOrder::MonthDayYear) => "mdy",
                            None => "",
                        }
                        on:change=move |ev| date_order.set(match event_target_value(&ev).as_str() {
                            "dmy" => Some(DateOrder::DayMonthYear),
                            "mdy" => Some(DateOrder::MonthDayYear),
                            _ => None,
                        })
                    >
                        <option value="">{t("import.mapping.date_order.unknown")}</option>
                        <option value="dmy">{t("import.mapping.date_order.dmy")}</option>
                        <option value="mdy">{t("import.mapping.date_order.mdy")}</option>
                    </select>
                    <span id="date-order-hint" class="hint">{t("import.mapping.date_order.hint")}</span>
                </p>
            })}
            <table class="mapping">
                <thead>
                    <tr>
                        <th scope="col">{t("import.mapping.column")}</th>
                        <th scope="col">{t("import.mapping.samples")}</th>
                        <th scope="col">{t("import.mapping.import_as")}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || headers.get().into_iter().enumerate().filter(|&(i, _)| show_empty.get() || has_data(i)).map(|(i, name)| {
                        let sample = samples.with(|s| s.get(i).map(|v| v.join(" · ")).unwrap_or_default());
                        let label = tf("import.mapping.column_label", &[("column", &name)]);
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
                                            view! { <option value=j.to_string() selected=selected>{t.name(locale())}</option> }
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
