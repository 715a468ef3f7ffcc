//! Columns of a companies or deals file: the field sets a column can be
//! mapped to ([`ImportField`]), the automatic mapping from headers, and the
//! planned record each row becomes. Companies are in [`super::companies`],
//! deals in [`super::deals`]; both use the classes and choices of
//! [`super::plan`], as contacts do.

use super::plan::RowClass;
use super::values::header_key;
use crate::core::display::Locale;
use crate::core::i18n;

/// A field set a column can be mapped to.
pub trait ImportField: Copy + PartialEq + 'static {
    const ALL: &'static [Self];
    const IGNORE: Self;
    fn label(self) -> &'static str;
    /// A stable name: the catalogue's `<CATALOGUE>.<key>` holds the label in
    /// every language.
    fn key(self) -> &'static str;
    /// Where the labels are in the catalogue: `import.company_field`.
    const CATALOGUE: &'static str;
    /// [`ImportField::label`] in `locale`.
    fn name(self, locale: Locale) -> &'static str {
        i18n::lookup(locale, &format!("{}.{}", Self::CATALOGUE, self.key())).unwrap_or(self.label())
    }
    /// Header keys (folded, letters and digits only) that map to the field.
    fn aliases(self) -> &'static [&'static str];
}

/// Maps each header to the first field whose aliases hold it; a field is
/// used once (a second "Name" column is left out).
pub fn auto_map_fields<F: ImportField>(headers: &[String]) -> Vec<F> {
    let mut used: Vec<F> = Vec::new();
    headers
        .iter()
        .map(|h| {
            let key = header_key(h);
            let found = F::ALL.iter().copied().find(|f| !used.contains(f) && f.aliases().contains(&key.as_str()));
            match found {
                Some(f) => {
                    used.push(f);
                    f
                }
                None => F::IGNORE,
            }
        })
        .collect()
}

/// A row of the file read for one record kind.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRecord<T> {
    /// The row number people see (the header is row 1).
    pub row: usize,
    /// `None` for an invalid row.
    pub record: Option<T>,
    /// The company name a deal row gives (created on import when missing).
    pub company_name: Option<String>,
    /// What the preview says beyond the class (contacts not found, …).
    pub notes: Vec<String>,
    pub class: RowClass,
}

pub(super) fn invalid<T>(row: usize, column: Option<usize>, reason: String) -> PlannedRecord<T> {
    PlannedRecord {
        row,
        record: None,
        company_name: None,
        notes: Vec::new(),
        class: RowClass::Invalid { column, reason },
    }
}

/// The cell of the first column mapped to `field`, trimmed, with its column.
pub(super) fn cell<'a, F: PartialEq + Copy>(fields: &'a [String], targets: &[F], field: F) -> Option<(usize, &'a str)> {
    let column = targets.iter().position(|t| *t == field)?;
    Some((column, fields.get(column).map_or("", |s| s.trim())))
}

#[cfg(test)]
pub(crate) mod fixtures {
    //! A small dataset the companies and deals tests import into.
    use chrono::{DateTime, TimeZone, Utc};

    use crate::core::dataset::{Dataset, Records};
    use crate::core::records::{Company, Contact, Deal, Email, Settings};

    pub(crate) fn t() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 1, 8, 0, 0).unwrap()
    }

    pub(crate) fn rows(lines: &[&[&str]]) -> Vec<(usize, Vec<String>)> {
        lines.iter().enumerate().map(|(i, r)| (i + 2, r.iter().map(|s| s.to_string()).collect())).collect()
    }

    pub(crate) fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    pub(crate) fn data() -> Dataset {
        let mut acme = Company::blank("11111111-1111-4111-8111-111111111111".into(), t());
        acme.name = "Acme Ltd".into();
        acme.domain = "acme.example".into();
        let mut ada = Contact::blank("22222222-2222-4222-8222-222222222222".into(), t());
        (ada.given_name, ada.family_name) = ("Ada".into(), "Lovelace".into());
        ada.emails = vec![Email { address: "ada@example.com".into(), ..Default::default() }];
        let settings = Settings::initial(t());
        let mut roof = Deal::blank("33333333-3333-4333-8333-333333333333".into(), &settings.pipeline[0], "EUR", t());
        roof.title = "Roof".into();
        roof.company_id = Some(acme.id.clone());
        Dataset::from_parts(Records {
            companies: vec![acme],
            contacts: vec![ada],
            deals: vec![roof],
            activities: vec![],
            tasks: vec![],
            settings: Some(settings),
        })
        .unwrap()
    }
}

#[cfg(test)]
mod names {
    use super::*;
    use crate::core::import::companies::CompanyField;
    use crate::core::import::deals::DealField;

    fn all_named<F: ImportField>() {
        for l in Locale::ALL {
            for f in F::ALL {
                let key = format!("{}.{}", F::CATALOGUE, f.key());
                assert!(i18n::lookup(l, &key).is_some(), "no [{key}]");
            }
        }
        for f in F::ALL {
            assert_eq!(f.name(Locale::En), f.label());
        }
    }

    #[test]
    fn every_company_and_deal_field_has_a_name_in_every_language() {
        all_named::<CompanyField>();
        all_named::<DealField>();
    }
}
