//! What an import row will store, field by field, for the preview: every
//! value the contact gets (name parts, emails, phones, each address part,
//! the birthday and yearly dates, tags, the notes and the imported extras),
//! so a wrong date or a lost suburb can be seen before anything is written.
//! The UI names each field from the catalogue (`stored.<field>` keys) and
//! writes dates in the person's locale.

use crate::core::import::contacts_rows::ContactDraft;
use crate::core::records::YearlyDate;

/// A value as the preview shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoredValue {
    Text(String),
    /// Written by the UI in the person's locale ("7 March", "7 March 1984").
    Date(YearlyDate),
}

/// One stored value: which field (a catalogue key), the kind of a value
/// that has one (`("email_kind", "work")` for `label()`), a label the file
/// gave (an important date's "Anniversary"), and the value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub field: &'static str,
    pub kind: Option<(&'static str, &'static str)>,
    pub label: Option<String>,
    pub value: StoredValue,
}

fn text(out: &mut Vec<Stored>, field: &'static str, kind: Option<(&'static str, &'static str)>, value: &str) {
    if !value.trim().is_empty() {
        out.push(Stored { field, kind, label: None, value: StoredValue::Text(value.to_string()) });
    }
}

/// Every non-empty value the row's contact will have, in the order the
/// contact page shows them; `company` is the company it will be linked to.
pub fn stored_fields(draft: &ContactDraft, company: Option<&str>) -> Vec<Stored> {
    let mut out = Vec::new();
    text(&mut out, "stored.name_prefix", None, &draft.name_prefix);
    text(&mut out, "stored.given_name", None, &draft.given_name);
    text(&mut out, "stored.family_name", None, &draft.family_name);
    text(&mut out, "stored.name_suffix", None, &draft.name_suffix);
    text(&mut out, "stored.nickname", None, &draft.nickname);
    text(&mut out, "stored.company", None, company.unwrap_or(""));
    text(&mut out, "stored.job_title", None, &draft.job_title);
    text(&mut out, "stored.department", None, &draft.department);
    for e in &draft.emails {
        text(&mut out, "stored.email", Some(("email_kind", e.kind.key())), &e.address);
    }
    for p in &draft.phones {
        text(&mut out, "stored.phone", Some(("phone_kind", p.kind.key())), &p.number);
    }
    for a in &draft.addresses {
        let kind = Some(("address_kind", a.kind.key()));
        text(&mut out, "stored.street", kind, &a.street);
        text(&mut out, "stored.street2", kind, &a.street2);
        text(&mut out, "stored.postal_code", kind, &a.postal_code);
        text(&mut out, "stored.city", kind, &a.city);
        text(&mut out, "stored.region", kind, &a.region);
        text(&mut out, "stored.country", kind, &a.country);
    }
    if let Some(b) = draft.birthday {
        out.push(Stored { field: "stored.birthday", kind: None, label: None, value: StoredValue::Date(b) });
    }
    for d in &draft.important_dates {
        out.push(Stored {
            field: "stored.important_date",
            kind: None,
            label: Some(d.label.clone()),
            value: StoredValue::Date(d.date),
        });
    }
    if let Some(stage) = draft.lifecycle_stage {
        text(&mut out, "stored.lifecycle_stage", Some(("lifecycle", stage.key())), stage.key());
    }
    text(&mut out, "stored.tags", None, &draft.tags.join(", "));
    text(&mut out, "stored.source", None, &draft.source);
    text(&mut out, "stored.notes", None, &draft.notes);
    for (label, value) in &draft.extras {
        if !value.trim().is_empty() {
            out.push(Stored {
                field: "stored.extra",
                kind: None,
                label: Some(label.clone()),
                value: StoredValue::Text(value.clone()),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::import::contacts_map::{auto_map, Mapping};
    use crate::core::import::contacts_rows::{map_row, MapOptions};
    use crate::core::import::real_exports::{headers, SEPARATE_ADDRESS};

    #[test]
    fn every_value_of_the_row_is_listed_with_its_field_and_kind() {
        let h = headers(SEPARATE_ADDRESS);
        let mapping = Mapping::new(h.clone(), auto_map(&h));
        let row = [
            "Mia",
            "Nguyen",
            "mia@harbour.example",
            "0412 345 678",
            "Harbour Pty Ltd",
            "42",
            "George St",
            "Unit 3",
            "The Rocks",
            "NSW",
            "2000",
            "Australia",
        ];
        let options = MapOptions { default_country: "GB".into(), ..MapOptions::default() };
        let m = map_row(&row, &mapping, &options);
        let stored = stored_fields(&m.contact, m.company_name.as_deref());
        let shown: Vec<(&str, Option<&str>, String)> = stored
            .iter()
            .map(|s| {
                let value = match &s.value {
                    StoredValue::Text(t) => t.clone(),
                    StoredValue::Date(d) => d.to_string(),
                };
                (s.field, s.kind.map(|k| k.1), value)
            })
            .collect();
        let expect = |f: &'static str, k: Option<&'static str>, v: &str| (f, k, v.to_string());
        assert_eq!(
            shown,
            [
                expect("stored.given_name", None, "Mia"),
                expect("stored.family_name", None, "Nguyen"),
                expect("stored.company", None, "Harbour Pty Ltd"),
                expect("stored.email", Some("work"), "mia@harbour.example"),
                expect("stored.phone", Some("mobile"), "0412 345 678"),
                expect("stored.street", Some("work"), "42 George St"),
                expect("stored.street2", Some("work"), "Unit 3"),
                expect("stored.postal_code", Some("work"), "2000"),
                expect("stored.city", Some("work"), "The Rocks"),
                expect("stored.region", Some("work"), "NSW"),
                expect("stored.country", Some("work"), "AU"),
            ]
        );
    }

    #[test]
    fn dates_extras_and_labels_are_kept_for_the_ui_to_write() {
        let draft = ContactDraft {
            given_name: "Jane".into(),
            birthday: YearlyDate::without_year(3, 7),
            important_dates: vec![crate::core::records::ImportantDate {
                label: "Anniversary".into(),
                date: YearlyDate::new(Some(2001), 6, 21).unwrap(),
            }],
            extras: vec![("Occupation".into(), "Engineer".into()), ("Empty".into(), " ".into())],
            ..ContactDraft::default()
        };
        let stored = stored_fields(&draft, None);
        assert_eq!(stored.len(), 4, "{stored:?}");
        assert_eq!(stored[1].value, StoredValue::Date(YearlyDate::without_year(3, 7).unwrap()));
        assert_eq!((stored[2].field, stored[2].label.as_deref()), ("stored.important_date", Some("Anniversary")));
        assert_eq!(
            (stored[3].field, stored[3].label.as_deref(), &stored[3].value),
            ("stored.extra", Some("Occupation"), &StoredValue::Text("Engineer".into()))
        );
        // Every field key has its text in every language.
        for key in [
            "stored.name_prefix",
            "stored.given_name",
            "stored.family_name",
            "stored.name_suffix",
            "stored.nickname",
            "stored.company",
            "stored.job_title",
            "stored.department",
            "stored.email",
            "stored.phone",
            "stored.street",
            "stored.street2",
            "stored.postal_code",
            "stored.city",
            "stored.region",
            "stored.country",
            "stored.birthday",
            "stored.important_date",
            "stored.lifecycle_stage",
            "stored.tags",
            "stored.source",
            "stored.notes",
            "stored.extra",
            "stored.heading",
        ] {
            for l in crate::core::display::Locale::ALL {
                assert!(crate::core::i18n::lookup(l, key).is_some(), "{key} in {}", l.tag());
            }
        }
    }
}
