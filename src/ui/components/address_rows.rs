//! The inputs of one of a contact's postal addresses, with "Remove".

use leptos::prelude::*;

use crate::core::records::{Address, Contact};
use crate::core::validate::FieldError;
use crate::ui::components::fields::TextField;
use crate::ui::text::{t, tf};

/// The inputs of one postal address.
#[component]
pub fn AddressRows(draft: RwSignal<Contact>, i: usize, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let part = move |get: fn(&Address) -> &String| {
        Signal::derive(move || draft.with(|d| d.addresses.get(i).map(|a| get(a).clone()).unwrap_or_default()))
    };
    let put = move |set: fn(&mut Address, String)| {
        Callback::new(move |v: String| {
            draft.update(|d| {
                if let Some(a) = d.addresses.get_mut(i) {
                    set(a, v)
                }
            })
        })
    };
    let n = (i + 1).to_string();
    let name = |key: &str| tf(key, &[("n", &n)]);
    view! {
        <div class="address-block">
            <TextField label=name("contacts.form.address_n_street") field=format!("addresses[{i}].street") value=part(|a| &a.street) on_input=put(|a, v| a.street = v) errors />
            <TextField label=name("contacts.form.address_n_street2") field=format!("addresses[{i}].street2") value=part(|a| &a.street2) on_input=put(|a, v| a.street2 = v) errors />
            <TextField label=name("contacts.form.address_n_city") field=format!("addresses[{i}].city") value=part(|a| &a.city) on_input=put(|a, v| a.city = v) errors />
            <TextField label=name("contacts.form.address_n_region") field=format!("addresses[{i}].region") value=part(|a| &a.region) on_input=put(|a, v| a.region = v) errors />
            <TextField label=name("contacts.form.address_n_postal_code") field=format!("addresses[{i}].postal_code") value=part(|a| &a.postal_code) on_input=put(|a, v| a.postal_code = v) errors />
            <TextField label=name("contacts.form.address_n_country") field=format!("addresses[{i}].country") value=part(|a| &a.country) on_input=put(|a, v| a.country = country_as_typed(&v)) errors />
            <button type="button" class="link-button" aria-label=name("contacts.form.remove_address_n")
                on:click=move |_| draft.update(|d| { if i < d.addresses.len() { d.addresses.remove(i); } })>
                {t("contacts.form.remove")}
            </button>
        </div>
    }
}

/// A two-letter code is stored in capitals ("gb" → "GB"); a longer text is a
/// country name no table knows, kept as written (issue 14).
fn country_as_typed(text: &str) -> String {
    let t = text.trim();
    if t.chars().count() == 2 {
        t.to_ascii_uppercase()
    } else {
        t.to_string()
    }
}
