//! One contact: its details, with Edit and Delete.

use leptos::prelude::*;

use super::commit::commit_then_go;
use super::confirm_delete::ConfirmDelete;
use super::format::{long_date, utc_minute};
use super::link;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::changes::Change;
use crate::core::model::Contact;
use crate::state::AppState;

#[component]
pub fn ContactPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let contact = Memo::new(move |_| state.data.with(|d| d.contact(&id()).cloned()));
    move || match contact.get() {
        None => view! {
            <h1>"Contact not found"</h1>
            <p>"It may have been deleted. " <A href=link("/contacts")>"Back to contacts"</A></p>
        }
        .into_any(),
        Some(c) => view! { <ContactDetails contact=c /> }.into_any(),
    }
}

#[component]
fn ContactDetails(contact: Contact) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let name = contact.display_name();
    let id = contact.id.clone();
    let company = contact
        .company_id
        .as_ref()
        .map(|cid| (cid.clone(), state.data.with_untracked(|d| d.company(cid).map(|c| c.name.clone()))));
    let delete = Action::new_local({
        let navigate = navigate.clone();
        let id = id.clone();
        move |_: &()| {
            let navigate = navigate.clone();
            let id = id.clone();
            async move {
                commit_then_go(state, vec![Change::DeleteContact { id }], "Deleted".into(), "/contacts", navigate)
                    .await;
            }
        }
    });
    let edit = {
        let id = id.clone();
        move |_| navigate(&format!("/contacts/{id}/edit"), Default::default())
    };
    let row =
        |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    view! {
        <div class="page-header">
            <h1>{name.clone()}</h1>
            <div class="actions">
                <button type="button" on:click=edit>"Edit"</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Delete"</button>
            </div>
        </div>
        <ConfirmDelete
            open=confirming
            message=format!("Delete {name}? This cannot be undone.")
            is_pending=delete.pending()
            on_confirm=Callback::new(move |()| {
                delete.dispatch(());
            })
        />
        <dl class="details">
            {row("Job title", contact.job_title.clone())}
            {company.map(|(cid, name)| view! {
                <dt>"Company"</dt>
                <dd>{match name {
                    Some(n) => view! { <A href=link(&format!("/companies/{cid}"))>{n}</A> }.into_any(),
                    None => view! { <span>"Unknown company"</span> }.into_any(),
                }}</dd>
            })}
            <dt>"Lifecycle stage"</dt>
            <dd>{contact.lifecycle_stage.label()}</dd>
            {contact.emails.iter().map(|e| view! {
                <dt>{format!("Email ({})", e.kind.label())}</dt>
                <dd><a href=format!("mailto:{}", e.address)>{e.address.clone()}</a></dd>
            }).collect_view()}
            {contact.phones.iter().map(|p| view! {
                <dt>{format!("Phone ({})", p.kind.label())}</dt>
                <dd><a href=format!("tel:{}", p.number.replace(' ', ""))>{p.number.clone()}</a></dd>
            }).collect_view()}
            {contact.addresses.iter().map(|a| view! {
                <dt>{format!("Address ({})", a.kind.label())}</dt>
                <dd>{a.one_line()}</dd>
            }).collect_view()}
            {row("Tags", contact.tags.join(", "))}
            {row("Birthday", contact.birthday.map(long_date).unwrap_or_default())}
            {row("Source", contact.source.clone())}
            {row("Added", utc_minute(contact.created))}
            {row("Updated", utc_minute(contact.updated))}
        </dl>
        {(!contact.notes.is_empty()).then(|| view! { <h2>"Notes"</h2><p class="notes">{contact.notes.clone()}</p> })}
    }
}
