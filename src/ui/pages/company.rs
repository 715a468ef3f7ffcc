//! One company: its details and its contacts.

use leptos::prelude::*;

use crate::core::timeline::Links;
use crate::ui::components::confirm_delete::delete_record;
use crate::ui::components::confirm_delete::ConfirmDelete;
use crate::ui::components::record_sections::{RecordDeals, StageHistory};
use crate::ui::components::tag_chips::TagChips;
use crate::ui::components::tasks_panel::TasksPanel;
use crate::ui::components::timeline::{timeline_entries, Timeline};
use crate::ui::paths::link;
use crate::ui::text::{label, t};
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};

use crate::core::delete::delete_company_changes;
use crate::core::records::Company;
use crate::state::AppState;

#[component]
pub fn CompanyPage() -> impl IntoView {
    let state = AppState::expect();
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").unwrap_or_default());
    let company = Memo::new(move |_| state.data.with(|d| d.company(&id()).cloned()));
    move || match company.get() {
        None => view! {
            <h1>{t("companies.detail.not_found")}</h1>
            <p>
                {t("companies.detail.may_be_deleted")} " "
                <A href=link("/companies")>{t("companies.detail.back")}</A>
            </p>
        }
        .into_any(),
        Some(c) => view! { <CompanyDetails company=c /> }.into_any(),
    }
}

#[component]
fn CompanyDetails(company: Company) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let id = company.id.clone();
    let people = Memo::new({
        let id = id.clone();
        move |_| {
            state.data.with(|d| {
                d.contacts_of_company(&id)
                    .into_iter()
                    .map(|i| {
                        let c = &d.contacts()[i as usize];
                        (c.id.clone(), c.display_name(), c.job_title.clone())
                    })
                    .collect::<Vec<_>>()
            })
        }
    });
    let (delete, delete_message) =
        delete_record(delete_company_changes, id.clone(), company.name.clone(), "/companies");
    let edit = {
        let id = id.clone();
        move |_| navigate(&format!("/companies/{id}/edit"), Default::default())
    };
    let row =
        |label: &'static str, value: String| (!value.is_empty()).then(|| view! { <dt>{label}</dt><dd>{value}</dd> });
    view! {
        <div class="page-header">
            <h1>{company.name.clone()}</h1>
            <div class="actions">
                <button type="button" on:click=edit>{t("common.edit")}</button>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>{t("common.delete")}</button>
            </div>
        </div>
        <ConfirmDelete
            open=confirming
            message=delete_message
            is_pending=delete.pending()
            on_confirm=Callback::new(move |()| {
                delete.dispatch(());
            })
        />
        <dl class="details">
            {(!company.domain.is_empty()).then(|| view! {
                <dt>{t("companies.field.domain")}</dt>
                <dd><a href=format!("https://{}", company.domain) rel="noopener noreferrer" target="_blank">{company.domain.clone()}</a></dd>
            })}
            {row(t("companies.field.industry"), company.industry.clone())}
            {row(t("companies.field.size"), company.size.map(|s| label("company_size", s.key())).unwrap_or_default())}
            {row(t("contacts.field.lifecycle_stage"), label("lifecycle", company.lifecycle_stage.key()))}
            {row(t("companies.field.address"), company.address.as_ref().map(|a| a.one_line()).unwrap_or_default())}
            {(!company.tags.is_empty()).then(|| view! { <dt>{t("contacts.field.tags")}</dt><dd><TagChips tags=company.tags.clone() /></dd> })}
            {row(t("contacts.field.owner"), company.owner.clone())}
        </dl>
        {(!company.notes.is_empty()).then(|| view! { <h2>{t("contacts.field.notes")}</h2><p class="notes">{company.notes.clone()}</p> })}
        <section aria-labelledby="company-contacts">
            <h2 id="company-contacts">{t("contacts.list.title")}</h2>
            <Show when=move || people.with(|p| !p.is_empty()) fallback=|| view! { <p>{t("companies.detail.no_contacts")}</p> }>
                <ul class="plain-list">
                    <For each=move || people.get() key=|(id, name, title)| (id.clone(), name.clone(), title.clone()) let:p>
                        <li>
                            <A href=link(&format!("/contacts/{}", p.0))>{p.1.clone()}</A>
                            {(!p.2.is_empty()).then(|| format!(" — {}", p.2))}
                        </li>
                    </For>
                </ul>
            </Show>
        </section>
        <StageHistory history=company.stage_history.clone() />
        <RecordDeals record_id=company.id.clone() new_deal_query=format!("company={}", company.id) />
        <TasksPanel record_id=company.id.clone() links=Links::of_company(&company.id) />
        <Timeline entries=timeline_entries(company.id.clone()) links=Links::of_company(&company.id) />
    }
}
