//! Importing companies from a CSV file: automatic column mapping (HubSpot,
//! Pipedrive, Salesforce-style and spreadsheet headers), the preview of
//! every row, and the changes that carry out the user's choices.
//!
//! A row *updates* the company with the same web domain or, when it has
//! none, the same name (case- and accent-insensitive); it is a *duplicate*
//! when an earlier row has that name or domain. An update fills empty fields
//! and adds tags; it never overwrites.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::columns::{cell, invalid, ImportField, PlannedRecord};
use super::plan::{add_missing_tags, Choice, Choices, Diff, DuplicateOf, FieldDiff, ImportCounts, RowClass};
use super::values::{country_code, domain_from_url, parse_stage, split_tags};
use crate::core::changes::Change;
use crate::core::countries::is_country_code;
use crate::core::dataset::Dataset;
use crate::core::display::Locale;
use crate::core::i18n;
use crate::core::records::{Address, Company, CompanySize};
use crate::core::text::{collapse_spaces, fold, quoted};
use crate::core::validate::{tidy_company, validate_company};

/// Where a column of a companies file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CompanyField {
    Ignore,
    Name,
    Domain,
    Website,
    Industry,
    Size,
    Street,
    City,
    Region,
    PostalCode,
    Country,
    Tags,
    Notes,
    Owner,
    LifecycleStage,
}

impl ImportField for CompanyField {
    const ALL: &'static [Self] = &[
        CompanyField::Ignore,
        CompanyField::Name,
        CompanyField::Domain,
        CompanyField::Website,
        CompanyField::Industry,
        CompanyField::Size,
        CompanyField::Street,
        CompanyField::City,
        CompanyField::Region,
        CompanyField::PostalCode,
        CompanyField::Country,
        CompanyField::Tags,
        CompanyField::Notes,
        CompanyField::Owner,
        CompanyField::LifecycleStage,
    ];
    const IGNORE: Self = CompanyField::Ignore;
    const CATALOGUE: &'static str = "import.company_field";

    fn label(self) -> &'static str {
        match self {
            CompanyField::Ignore => "Don't import",
            CompanyField::Name => "Name",
            CompanyField::Domain => "Web domain",
            CompanyField::Website => "Website (domain taken from it)",
            CompanyField::Industry => "Industry",
            CompanyField::Size => "Size",
            CompanyField::Street => "Street",
            CompanyField::City => "City",
            CompanyField::Region => "Region",
            CompanyField::PostalCode => "Postal code",
            CompanyField::Country => "Country",
            CompanyField::Tags => "Tags",
            CompanyField::Notes => "Notes",
            CompanyField::Owner => "Owner",
            CompanyField::LifecycleStage => "Lifecycle stage",
        }
    }

    fn key(self) -> &'static str {
        match self {
            CompanyField::Ignore => "ignore",
            CompanyField::Name => "name",
            CompanyField::Domain => "domain",
            CompanyField::Website => "website",
            CompanyField::Industry => "industry",
            CompanyField::Size => "size",
            CompanyField::Street => "street",
            CompanyField::City => "city",
            CompanyField::Region => "region",
            CompanyField::PostalCode => "postal_code",
            CompanyField::Country => "country",
            CompanyField::Tags => "tags",
            CompanyField::Notes => "notes",
            CompanyField::Owner => "owner",
            CompanyField::LifecycleStage => "lifecycle_stage",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            CompanyField::Ignore => &[],
            CompanyField::Name => &[
                "name",
                "company",
                "companyname",
                "organization",
                "organisation",
                "organizationname",
                "organisationname",
                "account",
                "accountname",
            ],
            CompanyField::Domain => &["domain", "companydomainname", "domainname", "webdomain", "emaildomain"],
            CompanyField::Website => &["website", "websiteurl", "url", "web", "homepage", "site"],
            CompanyField::Industry => &["industry", "sector", "branche"],
            CompanyField::Size => {
                &["size", "companysize", "numberofemployees", "employees", "headcount", "employeecount"]
            }
            CompanyField::Street => &["street", "address", "streetaddress", "address1", "billingstreet", "fulladdress"],
            CompanyField::City => &["city", "town", "billingcity"],
            CompanyField::Region => &["state", "region", "stateregion", "province", "county", "billingstate"],
            CompanyField::PostalCode => &["postalcode", "zip", "zipcode", "postcode", "billingpostalcode"],
            CompanyField::Country => &["country", "countryregion", "billingcountry"],
            CompanyField::Tags => &["tags", "labels", "label", "categories", "category"],
            CompanyField::Notes => &["notes", "note", "description", "about", "companydescription"],
            CompanyField::Owner => &["owner", "companyowner", "accountowner", "assignedto", "owneremail"],
            CompanyField::LifecycleStage => &["lifecyclestage", "lifecycle", "stage", "type"],
        }
    }
}

/// Reads a company size: "11-50", "51–200 people", or a head count ("250").
pub fn parse_size(text: &str) -> Option<CompanySize> {
    let t = text.trim().replace(['–', '—'], "-").replace([',', ' '], "");
    let t = t.trim_end_matches("people").trim_end_matches("employees");
    if let Some(size) = CompanySize::from_key(t) {
        return Some(size);
    }
    let n: u64 = t.trim_end_matches('+').split('-').next_back()?.parse().ok()?;
    Some(match n {
        0..=10 => CompanySize::Micro,
        11..=50 => CompanySize::Small,
        51..=200 => CompanySize::Medium,
        201..=1000 => CompanySize::Large,
        1001..=5000 => CompanySize::VeryLarge,
        _ => CompanySize::Enterprise,
    })
}

fn company_from_row(
    fields: &[String],
    targets: &[CompanyField],
    row: usize,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<Company, (Option<usize>, String)> {
    let get = |f: CompanyField| cell(fields, targets, f);
    let says = |key: &str, v: &str| i18n::fill(locale, key, &[("value", &quoted(v))]);
    let text = |f: CompanyField| get(f).map_or(String::new(), |(_, v)| collapse_spaces(v));
    let mut c = Company::blank(format!("import-row-{row}"), now);
    c.name = text(CompanyField::Name);
    if c.name.is_empty() {
        return Err((get(CompanyField::Name).map(|(i, _)| i), i18n::text(locale, "import.company.no_name").into()));
    }
    for field in [CompanyField::Domain, CompanyField::Website] {
        if let Some((column, v)) = get(field).filter(|(_, v)| !v.is_empty()) {
            match domain_from_url(v) {
                Some(d) if c.domain.is_empty() => c.domain = d,
                Some(_) => {}
                None => return Err((Some(column), says("import.company.not_domain", v))),
            }
        }
    }
    c.industry = text(CompanyField::Industry);
    if let Some((column, v)) = get(CompanyField::Size).filter(|(_, v)| !v.is_empty()) {
        c.size = Some(parse_size(v).ok_or_else(|| (Some(column), says("import.company.not_size", v)))?);
    }
    let mut address = Address {
        street: text(CompanyField::Street),
        city: text(CompanyField::City),
        region: text(CompanyField::Region),
        postal_code: text(CompanyField::PostalCode),
        ..Address::default()
    };
    // A country no table knows is kept as written (the preview says so).
    if let Some((_, v)) = get(CompanyField::Country).filter(|(_, v)| !v.is_empty()) {
        address.country = country_code(v).map_or_else(|| collapse_spaces(v), str::to_string);
    }
    if address != Address::default() {
        c.address = Some(address);
    }
    c.tags = get(CompanyField::Tags).map_or(Vec::new(), |(_, v)| split_tags(v));
    c.notes = get(CompanyField::Notes).map_or(String::new(), |(_, v)| v.to_string());
    c.owner = text(CompanyField::Owner);
    if let Some((column, v)) = get(CompanyField::LifecycleStage).filter(|(_, v)| !v.is_empty()) {
        c.lifecycle_stage = parse_stage(v).ok_or_else(|| (Some(column), says("import.company.not_stage", v)))?;
    }
    tidy_company(&mut c);
    if let Some(e) =
        validate_company(&Company { id: "00000000-0000-4000-8000-000000000000".into(), ..c.clone() }).first()
    {
        return Err((None, format!("{}: {}", e.field, i18n::field_error(locale, &e.message))));
    }
    Ok(c)
}

/// `existing` with what `incoming` adds: empty fields filled, tags added.
fn fill_company(existing: &Company, incoming: &Company, now: DateTime<Utc>) -> Company {
    let mut c = existing.clone();
    let fill = |to: &mut String, from: &str| {
        if to.is_empty() {
            *to = from.to_string();
        }
    };
    fill(&mut c.domain, &incoming.domain);
    fill(&mut c.industry, &incoming.industry);
    fill(&mut c.owner, &incoming.owner);
    fill(&mut c.notes, &incoming.notes);
    if c.size.is_none() {
        c.size = incoming.size;
    }
    if c.address.is_none() {
        c.address = incoming.address.clone();
    }
    add_missing_tags(&mut c.tags, &incoming.tags);
    if c != *existing {
        c.updated = now;
    }
    c
}

fn company_diff(before: &Company, after: &Company) -> Vec<FieldDiff> {
    let mut diff = Diff::default();
    diff.field("Domain", before.domain.clone(), after.domain.clone());
    diff.field("Industry", before.industry.clone(), after.industry.clone());
    let size = |c: &Company| c.size.map_or(String::new(), |s| s.label().to_string());
    diff.field("Size", size(before), size(after));
    let city = |c: &Company| c.address.as_ref().map_or(String::new(), |a| a.city.clone());
    diff.field("City", city(before), city(after));
    diff.field("Owner", before.owner.clone(), after.owner.clone());
    diff.field("Tags", before.tags.join(", "), after.tags.join(", "));
    diff.field("Notes", before.notes.clone(), after.notes.clone());
    diff.finish()
}

/// Classifies every row of a companies file (rows are `(row number, cells)`).
pub fn plan_companies(
    data: &Dataset,
    rows: &[(usize, Vec<String>)],
    targets: &[CompanyField],
    now: DateTime<Utc>,
    locale: Locale,
) -> Vec<PlannedRecord<Company>> {
    let mut by_domain: HashMap<&str, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for (i, c) in data.companies().iter().enumerate() {
        if !c.domain.is_empty() {
            by_domain.entry(c.domain.as_str()).or_insert(i);
        }
        by_name.entry(fold(&c.name)).or_insert(i);
    }
    let mut seen_domain: HashMap<String, usize> = HashMap::new();
    let mut seen_name: HashMap<String, usize> = HashMap::new();
    rows.iter()
        .map(|(row, fields)| {
            let c = match company_from_row(fields, targets, *row, now, locale) {
                Ok(c) => c,
                Err((column, reason)) => return invalid(*row, column, reason),
            };
            let name = fold(&c.name);
            let earlier = seen_name
                .get(&name)
                .or_else(|| (!c.domain.is_empty()).then(|| seen_domain.get(&c.domain)).flatten())
                .copied();
            seen_name.entry(name.clone()).or_insert(*row);
            if !c.domain.is_empty() {
                seen_domain.entry(c.domain.clone()).or_insert(*row);
            }
            let existing =
                by_domain.get(c.domain.as_str()).filter(|_| !c.domain.is_empty()).or_else(|| by_name.get(&name));
            let class = match (existing, earlier) {
                (Some(&i), _) => {
                    let e = &data.companies()[i];
                    RowClass::Update { id: e.id.clone(), diff: company_diff(e, &fill_company(e, &c, e.updated)) }
                }
                (None, Some(r)) => RowClass::Duplicate(DuplicateOf::Row(r)),
                (None, None) => RowClass::Create,
            };
            let notes = c
                .address
                .as_ref()
                .filter(|a| !a.country.is_empty() && !is_country_code(&a.country))
                .map(|a| i18n::fill(locale, "import.company.unknown_country", &[("country", &a.country)]))
                .into_iter()
                .collect();
            PlannedRecord { row: *row, record: Some(c), company_name: None, notes, class }
        })
        .collect()
}

/// The changes that import planned companies with `choices` (per class).
pub fn build_company_changes(
    data: &Dataset,
    plan: &[PlannedRecord<Company>],
    choices: &Choices,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> String,
) -> (Vec<Change>, ImportCounts) {
    let mut counts = ImportCounts::default();
    let mut updated: HashMap<String, Company> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut changes = Vec::new();
    for p in plan {
        let Some(c) = &p.record else { continue };
        match (choices.get(p.class.kind()), &p.class) {
            (Choice::Skip, _) | (Choice::Update, RowClass::Create | RowClass::Duplicate(_)) => {}
            (Choice::Update, RowClass::Update { id, .. }) => {
                let Some(existing) = updated.get(id).cloned().or_else(|| data.company(id).cloned()) else { continue };
                let merged = fill_company(&existing, c, now);
                if !updated.contains_key(id) {
                    order.push(id.clone());
                }
                updated.insert(id.clone(), merged);
            }
            (Choice::Create, _) | (Choice::Update, RowClass::Invalid { .. }) => {
                let mut record = c.clone();
                record.id = new_id();
                counts.created += 1;
                changes.push(Change::PutCompany { record });
            }
        }
    }
    for id in order {
        let record = updated.remove(&id).expect("listed");
        if data.company(&id) != Some(&record) {
            counts.updated += 1;
            changes.push(Change::PutCompany { record });
        }
    }
    (changes, counts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::history::inverse;
    use crate::core::import::columns::auto_map_fields;
    use crate::core::import::columns::fixtures::{data, headers, rows, t};

    #[test]
    fn maps_hubspot_and_pipedrive_headers() {
        let hubspot = headers(&[
            "Record ID",
            "Company name",
            "Company Domain Name",
            "Industry",
            "Number of Employees",
            "City",
            "Country/Region",
            "Company owner",
            "Lifecycle Stage",
        ]);
        use CompanyField as C;
        assert_eq!(
            auto_map_fields::<CompanyField>(&hubspot),
            [C::Ignore, C::Name, C::Domain, C::Industry, C::Size, C::City, C::Country, C::Owner, C::LifecycleStage]
        );
    }

    #[test]
    fn sizes_from_ranges_and_head_counts() {
        assert_eq!(parse_size("11-50"), Some(CompanySize::Small));
        assert_eq!(parse_size("51–200 people"), Some(CompanySize::Medium));
        assert_eq!(parse_size("250"), Some(CompanySize::Large));
        assert_eq!(parse_size("1,200"), Some(CompanySize::VeryLarge));
        assert_eq!(parse_size("5001+"), Some(CompanySize::Enterprise));
        assert_eq!(parse_size("lots"), None);
    }

    #[test]
    fn classifies_company_rows_and_imports_them_undoably() {
        let mut data = data();
        let before = data.clone();
        let targets = [CompanyField::Name, CompanyField::Website, CompanyField::Size, CompanyField::Country];
        let plan = plan_companies(
            &data,
            &rows(&[
                &["Globex", "https://www.globex.example/about", "250", "Germany"],
                &["ACME LTD", "", "11-50", "GB"],
                &["Initech", "initech.example", "", "FR"],
                &["globex", "", "", ""],
                &["", "x.example", "", ""],
                &["Bad Size", "", "lots", ""],
                &["Hooli", "not a domain", "", ""],
            ]),
            &targets,
            t(),
            Locale::En,
        );
        let classes: Vec<&RowClass> = plan.iter().map(|p| &p.class).collect();
        assert_eq!(classes[0], &RowClass::Create);
        let globex = plan[0].record.as_ref().unwrap();
        assert_eq!((globex.domain.as_str(), globex.size), ("globex.example", Some(CompanySize::Large)));
        assert_eq!(globex.address.as_ref().unwrap().country, "DE");
        // By name (case-insensitive): fills the empty size, keeps the rest.
        assert!(matches!(classes[1], RowClass::Update { id, diff }
            if id == "11111111-1111-4111-8111-111111111111" && diff == &[FieldDiff { field: "Size", before: String::new(), after: "11–50 people".into() }]));
        assert_eq!(classes[2], &RowClass::Create);
        assert_eq!(classes[3], &RowClass::Duplicate(DuplicateOf::Row(2)));
        assert_eq!(classes[4], &RowClass::Invalid { column: Some(0), reason: "The row has no company name.".into() });
        assert!(matches!(classes[5], RowClass::Invalid { column: Some(2), .. }));
        assert!(matches!(classes[6], RowClass::Invalid { column: Some(1), .. }));

        let mut n = 0;
        let (changes, counts) = build_company_changes(&data, &plan, &Choices::default(), t(), || {
            n += 1;
            format!("44444444-4444-4444-8444-44444444444{n}")
        });
        assert_eq!(counts, ImportCounts { created: 2, updated: 1, companies: 0 });
        let undo = inverse(&data, &changes);
        changes.iter().for_each(|c| data.apply(c));
        assert_eq!(data.companies().len(), 3);
        assert_eq!(data.company("11111111-1111-4111-8111-111111111111").unwrap().size, Some(CompanySize::Small));
        undo.iter().for_each(|c| data.apply(c));
        assert_eq!(data.companies(), before.companies());
    }
}
