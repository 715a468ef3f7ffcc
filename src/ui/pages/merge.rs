//! The merge screen (`/duplicates/merge?a=<id>&b=<id>`): two contacts side
//! by side, a choice per field (and "Keep all" for lists), which record
//! stays, a preview of the result and what moves, then one undoable
//! transaction.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::core::dedupe::{merge_contacts, moved_counts, FieldChoices, ListPick, Pick};
use crate::core::records::Contact;
use crate::state::commands::local_action;
use crate::state::{commands, AppState};
use crate::ui::paths::link;
use crate::ui::text::{label, t, tf, tn};

/// Which record a field's value comes from, by position on the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    First,
    Second,
    /// Both records' entries (list fields only).
    All,
}

/// The fields a person chooses between, in screen order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    GivenName,
    FamilyName,
    Emails,
    Phones,
    Addresses,
    JobTitle,
    Company,
    Stage,
    Tags,
    Birthday,
    Source,
    Notes,
}

const FIELDS: [Field; 12] = [
    Field::GivenName,
    Field::FamilyName,
    Field::Emails,
    Field::Phones,
    Field::Addresses,
    Field::JobTitle,
    Field::Company,
    Field::Stage,
    Field::Tags,
    Field::Birthday,
    Field::Source,
    Field::Notes,
];

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::GivenName => t("contacts.field.given_name"),
            Field::FamilyName => t("contacts.field.family_name"),
            Field::Emails => t("duplicates.merge.emails"),
            Field::Phones => t("duplicates.merge.phones"),
            Field::Addresses => t("duplicates.merge.addresses"),
            Field::JobTitle => t("contacts.field.job_title"),
            Field::Company => t("contacts.field.company"),
            Field::Stage => t("contacts.field.lifecycle_stage"),
            Field::Tags => t("contacts.field.tags"),
            Field::Birthday => t("contacts.field.birthday"),
            Field::Source => t("contacts.field.source"),
            Field::Notes => t("contacts.field.notes"),
        }
    }

    fn is_list(self) -> bool {
        matches!(self, Field::Emails | Field::Phones | Field::Addresses | Field::Tags)
    }

    fn key(self) -> &'static str {
        match self {
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::Emails => "emails",
            Field::Phones => "phones",
            Field::Addresses => "addresses",
            Field::JobTitle => "job_title",
            Field::Company => "company",
            Field::Stage => "stage",
            Field::Tags => "tags",
            Field::Birthday => "birthday",
            Field::Source => "source",
            Field::Notes => "notes",
        }
    }

    /// The field's value as text; `company` names a company id.
    fn text(self, c: &Contact, company: &dyn Fn(&str) -> String) -> String {
        let join = |items: Vec<String>| items.join(", ");
        match self {
            Field::GivenName => c.given_name.clone(),
            Field::FamilyName => c.family_name.clone(),
            Field::Emails => join(c.emails.iter().map(|e| e.address.clone()).collect()),
            Field::Phones => join(c.phones.iter().map(|p| p.number.clone()).collect()),
            Field::Addresses => c.addresses.iter().map(|a| a.one_line()).collect::<Vec<_>>().join("; "),
            Field::JobTitle => c.job_title.clone(),
            Field::Company => c.company_id.as_deref().map(company).unwrap_or_default(),
            Field::Stage => label("lifecycle", c.lifecycle_stage.key()),
            Field::Tags => join(c.tags.clone()),
            Field::Birthday => c.birthday.map(crate::ui::format::yearly_date).unwrap_or_default(),
            Field::Source => c.source.clone(),
            Field::Notes => c.notes.clone(),
        }
    }
}

/// The person's choices by screen position, as choices for the merge.
fn to_choices(sides: &[Side], first_survives: bool) -> FieldChoices {
    let pick = |f: Field| {
        if (sides[f as usize] == Side::First) == first_survives {
            Pick::Survivor
        } else {
            Pick::Removed
        }
    };
    let list = |f: Field| match sides[f as usize] {
        Side::All => ListPick::All,
        _ if pick(f) == Pick::Survivor => ListPick::Survivor,
        _ => ListPick::Removed,
    };
    FieldChoices {
        given_name: pick(Field::GivenName),
        family_name: pick(Field::FamilyName),
        job_title: pick(Field::JobTitle),
        company_id: pick(Field::Company),
        lifecycle_stage: pick(Field::Stage),
        birthday: pick(Field::Birthday),
        source: pick(Field::Source),
        notes: pick(Field::Notes),
        emails: list(Field::Emails),
        phones: list(Field::Phones),
        addresses: list(Field::Addresses),
        tags: list(Field::Tags),
    }
}

/// The suggested choices (the first record's values, the second's where the
/// first has none, and all list entries) by screen position.
fn suggested_sides(first: &Contact, second: &Contact) -> Vec<Side> {
    let c = FieldChoices::suggested(first, second);
    let side = |p: Pick| if p == Pick::Survivor { Side::First } else { Side::Second };
    let list = |p: ListPick| match p {
        ListPick::All => Side::All,
        ListPick::Survivor => Side::First,
        ListPick::Removed => Side::Second,
    };
    FIELDS
        .iter()
        .map(|f| match f {
            Field::GivenName => side(c.given_name),
            Field::FamilyName => side(c.family_name),
            Field::Emails => list(c.emails),
            Field::Phones => list(c.phones),
            Field::Addresses => list(c.addresses),
            Field::JobTitle => side(c.job_title),
            Field::Company => side(c.company_id),
            Field::Stage => side(c.lifecycle_stage),
            Field::Tags => list(c.tags),
            Field::Birthday => side(c.birthday),
            Field::Source => side(c.source),
            Field::Notes => side(c.notes),
        })
        .collect()
}

#[component]
pub fn MergePage() -> impl IntoView {
    let state = AppState::expect();
    let query = use_query_map();
    let ids = query.with_untracked(|q| (q.get("a").unwrap_or_default(), q.get("b").unwrap_or_default()));
    let pair = state.data.with_untracked(|d| Some((d.contact(&ids.0)?.clone(), d.contact(&ids.1)?.clone())));
    match pair {
        Some((first, second)) if first.id != second.id => view! { <MergeForm first second /> }.into_any(),
        _ => view! {
            <h1>{t("duplicates.merge.title")}</h1>
            <p>{t("duplicates.merge.gone")} " " <A href=link("/duplicates")>{t("duplicates.merge.back")}</A></p>
        }
        .into_any(),
    }
}

#[component]
fn MergeForm(first: Contact, second: Contact) -> impl IntoView {
    let state = AppState::expect();
    let navigate = use_navigate();
    let sides = RwSignal::new(suggested_sides(&first, &second));
    let first_survives = RwSignal::new(true);
    let show_all = RwSignal::new(false);
    let company = move |id: &str| {
        state
            .data
            .with_untracked(|d| d.company(id).map(|c| c.name.clone()))
            .unwrap_or_else(|| t("duplicates.merge.unknown_company").to_string())
    };
    let (first, second) = (StoredValue::new(first), StoredValue::new(second));
    let survivor_and_removed = move || {
        if first_survives.get() {
            (first.get_value(), second.get_value())
        } else {
            (second.get_value(), first.get_value())
        }
    };
    let merged = Memo::new(move |_| {
        let (s, r) = survivor_and_removed();
        merge_contacts(&s, &r, &sides.with(|x| to_choices(x, first_survives.get())), state.clock.now())
    });
    let moved = move || {
        let (s, r) = survivor_and_removed();
        let n = state.data.with(|d| moved_counts(d, &r.id));
        tf(
            "duplicates.merge.moves",
            &[
                ("deals", &tn("deals.count", n.deals)),
                ("activities", &tn("duplicates.merge.activities", n.activities)),
                ("tasks", &tn("duplicates.merge.tasks", n.tasks)),
                ("name", &s.display_name()),
            ],
        )
    };
    let merge = local_action(move |_: &()| {
        let navigate = navigate.clone();
        async move {
            let (s, r) = survivor_and_removed();
            let choices = sides.with_untracked(|x| to_choices(x, first_survives.get_untracked()));
            let to = format!("/contacts/{}", s.id);
            if commands::merge(state, s, r, choices).await {
                navigate(&to, Default::default());
            }
        }
    });

    let name_of = move |c: StoredValue<Contact>| c.with_value(|c| c.display_name());
    let rows = FIELDS
        .iter()
        .copied()
        .map(|f| {
            let (t1, t2) = (first.with_value(|c| f.text(c, &company)), second.with_value(|c| f.text(c, &company)));
            let differs = t1 != t2;
            let shown = move || differs || show_all.get();
            let radio = move |side: Side, text: String| {
                let id = format!("pick-{}-{side:?}", f.key());
                view! {
                    <div class="choice">
                        <input
                            type="radio"
                            id=id.clone()
                            name=format!("pick-{}", f.key())
                            prop:checked=move || sides.with(|x| x[f as usize] == side)
                            on:change=move |_| sides.update(|x| x[f as usize] = side)
                        />
                        <label for=id>{text}</label>
                    </div>
                }
            };
            let value = |v: &str| if v.is_empty() { t("duplicates.merge.empty").to_string() } else { v.to_string() };
            let keep_all = f.is_list().then(|| radio(Side::All, t("duplicates.merge.keep_all").to_string()));
            view! {
                <Show when=shown>
                    <fieldset class="merge-field">
                        <legend>{f.label()}</legend>
                        {radio(Side::First, tf("duplicates.merge.record_1", &[("value", &value(&t1))]))}
                        {radio(Side::Second, tf("duplicates.merge.record_2", &[("value", &value(&t2))]))}
                        {keep_all.clone()}
                    </fieldset>
                </Show>
            }
        })
        .collect_view();
    let preview = move || {
        let m = merged.get();
        FIELDS
            .iter()
            .map(|f| {
                let v = f.text(&m, &company);
                view! { <dt>{f.label()}</dt><dd>{if v.is_empty() { "—".to_string() } else { v }}</dd> }
            })
            .collect_view()
    };

    view! {
        <h1>{t("duplicates.merge.title")}</h1>
        <p>
            {t("duplicates.merge.record_1_is")} " " <A href=link(&format!("/contacts/{}", first.with_value(|c| c.id.clone())))>{name_of(first)}</A>
            ". " {t("duplicates.merge.record_2_is")} " " <A href=link(&format!("/contacts/{}", second.with_value(|c| c.id.clone())))>{name_of(second)}</A> "."
        </p>
        <form
            class="record-form"
            on:submit=move |ev| {
                ev.prevent_default();
                merge.dispatch(());
            }
        >
            <fieldset>
                <legend>{t("duplicates.merge.which_stays")}</legend>
                <div class="choice">
                    <input type="radio" id="survivor-first" name="survivor"
                        prop:checked=move || first_survives.get() on:change=move |_| first_survives.set(true) />
                    <label for="survivor-first">{tf("duplicates.merge.keep_1", &[("name", &name_of(first))])}</label>
                </div>
                <div class="choice">
                    <input type="radio" id="survivor-second" name="survivor"
                        prop:checked=move || !first_survives.get() on:change=move |_| first_survives.set(false) />
                    <label for="survivor-second">{tf("duplicates.merge.keep_2", &[("name", &name_of(second))])}</label>
                </div>
            </fieldset>
            <div class="field">
                <input type="checkbox" id="show-all-fields" prop:checked=move || show_all.get()
                    on:change=move |ev| show_all.set(event_target_checked(&ev)) />
                <label for="show-all-fields">{t("duplicates.merge.show_all")}</label>
            </div>
            {rows}
            <section aria-labelledby="merge-preview-heading">
                <h2 id="merge-preview-heading">{t("duplicates.merge.preview")}</h2>
                <dl class="merge-preview">{preview}</dl>
                <p>{moved}</p>
            </section>
            <div class="form-actions">
                <button type="submit" class="primary" disabled=move || merge.pending().get()>
                    {move || if merge.pending().get() { t("duplicates.merge.merging") } else { t("duplicates.merge.merge") }}
                </button>
                <A href=link("/duplicates")>{t("duplicates.merge.back")}</A>
            </div>
        </form>
    }
}
