//! Importing deals from a CSV file: automatic column mapping, the preview
//! of every row, and the changes that carry out the user's choices.
//!
//! A row *updates* the deal with the same title at the same company; a
//! duplicate repeats an earlier row's title and company. Companies named by
//! deal rows are linked by name and created when missing; contacts are
//! linked by email or exact full name (a name that is not found is reported,
//! not invented). The stage is read by name or id ("closed won" / "closed
//! lost" set the status). An update fills empty fields and adds tags or
//! contacts; it never overwrites.

use std::collections::HashMap;

use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

use super::columns::{cell, invalid, ImportField, PlannedRecord};
use super::plan::{add_missing_tags, Choice, Choices, Diff, DuplicateOf, FieldDiff, ImportCounts, RowClass};
use super::values::{header_key, parse_full_date, split_tags};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::display::{parse_money, Locale};
use crate::core::i18n;
use crate::core::records::{Company, Deal, DealStatus, Settings};
use crate::core::text::{collapse_spaces, fold, quoted};
use crate::core::validate::{is_currency, validate_deal};

/// Where a column of a deals file goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DealField {
    Ignore,
    Title,
    Company,
    /// A contact's email address or full name; several separated by `;` or `,`.
    Contact,
    Amount,
    Currency,
    Stage,
    Probability,
    ExpectedClose,
    Owner,
    Status,
    LostReason,
    Tags,
    Notes,
}

impl ImportField for DealField {
    const ALL: &'static [Self] = &[
        DealField::Ignore,
        DealField::Title,
        DealField::Company,
        DealField::Contact,
        DealField::Amount,
        DealField::Currency,
        DealField::Stage,
        DealField::Probability,
        DealField::ExpectedClose,
        DealField::Owner,
        DealField::Status,
        DealField::LostReason,
        DealField::Tags,
        DealField::Notes,
    ];
    const IGNORE: Self = DealField::Ignore;
    const CATALOGUE: &'static str = "import.deal_field";

    fn label(self) -> &'static str {
        match self {
            DealField::Ignore => "Don't import",
            DealField::Title => "Title",
            DealField::Company => "Company (by name)",
            DealField::Contact => "Contacts (email or full name)",
            DealField::Amount => "Amount",
            DealField::Currency => "Currency",
            DealField::Stage => "Pipeline stage",
            DealField::Probability => "Probability (%)",
            DealField::ExpectedClose => "Expected close",
            DealField::Owner => "Owner",
            DealField::Status => "Status (open, won, lost)",
            DealField::LostReason => "Lost reason",
            DealField::Tags => "Tags",
            DealField::Notes => "Notes",
        }
    }

    fn key(self) -> &'static str {
        match self {
            DealField::Ignore => "ignore",
            DealField::Title => "title",
            DealField::Company => "company",
            DealField::Contact => "contact",
            DealField::Amount => "amount",
            DealField::Currency => "currency",
            DealField::Stage => "stage",
            DealField::Probability => "probability",
            DealField::ExpectedClose => "expected_close",
            DealField::Owner => "owner",
            DealField::Status => "status",
            DealField::LostReason => "lost_reason",
            DealField::Tags => "tags",
            DealField::Notes => "notes",
        }
    }

    fn aliases(self) -> &'static [&'static str] {
        match self {
            DealField::Ignore => &[],
            DealField::Title => &["title", "dealname", "name", "deal", "dealtitle", "opportunity", "opportunityname"],
            DealField::Company => &[
                "company",
                "organization",
                "organisation",
                "organizationname",
                "companyname",
                "account",
                "accountname",
                "associatedcompany",
            ],
            DealField::Contact => &[
                "contact",
                "contactperson",
                "person",
                "contactemail",
                "email",
                "associatedcontact",
                "contacts",
                "personname",
            ],
            DealField::Amount => &["amount", "value", "dealvalue", "dealamount", "price", "revenue"],
            DealField::Currency => &["currency", "dealcurrency", "valuecurrency", "currencycode"],
            DealField::Stage => &["stage", "dealstage", "pipelinestage"],
            DealField::Probability => &["probability", "dealprobability", "winprobability"],
            DealField::ExpectedClose => {
                &["expectedclosedate", "closedate", "expectedclose", "expectedclosingdate", "closingdate"]
            }
            DealField::Owner => &["owner", "dealowner", "assignedto", "user", "owneremail"],
            DealField::Status => &["status", "dealstatus", "state"],
            DealField::LostReason => &["lostreason", "closedlostreason", "reasonlost", "lossreason"],
            DealField::Tags => &["tags", "label", "labels"],
            DealField::Notes => &["notes", "note", "description", "dealdescription"],
        }
    }
}

/// The pipeline stage a cell names (by id or name, any case), or won / lost.
fn read_stage<'a>(settings: &'a Settings, text: &str) -> Option<(Option<&'a str>, Option<DealStatus>)> {
    let key = header_key(text);
    if let Some(s) = settings.pipeline.iter().find(|s| header_key(&s.id) == key || header_key(&s.name) == key) {
        return Some((Some(&s.id), None));
    }
    match key.as_str() {
        "won" | "closedwon" | "dealwon" => Some((None, Some(DealStatus::Won))),
        "lost" | "closedlost" | "deallost" => Some((None, Some(DealStatus::Lost))),
        _ => None,
    }
}

struct DealRow {
    deal: Deal,
    company_name: Option<String>,
    notes: Vec<String>,
}

fn deal_from_row(
    data: &Dataset,
    fields: &[String],
    targets: &[DealField],
    row: usize,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<DealRow, (Option<usize>, String)> {
    let settings = data.settings();
    let says = |key: &str, v: &str| i18n::fill(locale, key, &[("value", &quoted(v))]);
    let get = |f: DealField| cell(fields, targets, f);
    let text = |f: DealField| get(f).map_or(String::new(), |(_, v)| collapse_spaces(v));
    let Some(first) = settings.pipeline.first() else {
        return Err((None, i18n::text(locale, "import.deal.no_stages").into()));
    };
    let mut d = Deal::blank(format!("import-row-{row}"), first, &settings.currency, now);
    d.title = text(DealField::Title);
    if d.title.is_empty() {
        return Err((get(DealField::Title).map(|(i, _)| i), i18n::text(locale, "import.deal.no_title").into()));
    }
    if let Some((column, v)) = get(DealField::Amount).filter(|(_, v)| !v.is_empty()) {
        let digits: String = v.chars().filter(|c| c.is_ascii_digit() || matches!(c, '.' | ',')).collect();
        let symbols_only =
            v.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ') || !c.is_alphanumeric());
        d.amount_cents = parse_money(&digits)
            .filter(|_| symbols_only)
            .ok_or_else(|| (Some(column), says("import.deal.not_amount", v)))?;
    }
    if let Some((column, v)) = get(DealField::Currency).filter(|(_, v)| !v.is_empty()) {
        let code = v.to_uppercase();
        if !is_currency(&code) {
            return Err((Some(column), says("import.deal.not_currency", v)));
        }
        d.currency = code;
    }
    if let Some((column, v)) = get(DealField::Stage).filter(|(_, v)| !v.is_empty()) {
        let names: Vec<&str> = settings.pipeline.iter().map(|s| s.name.as_str()).collect();
        let (stage, status) = read_stage(settings, v).ok_or_else(|| {
            let text =
                i18n::fill(locale, "import.deal.not_stage", &[("value", &quoted(v)), ("stages", &names.join(", "))]);
            (Some(column), text)
        })?;
        if let Some(id) = stage {
            let s = settings.stage(id).expect("found above");
            d.stage = s.id.clone();
            d.probability = s.probability;
        }
        if let Some(status) = status {
            d.status = status;
            let last = settings.pipeline.last().expect("not empty");
            d.stage = last.id.clone();
        }
    }
    if let Some((column, v)) = get(DealField::Status).filter(|(_, v)| !v.is_empty()) {
        d.status = match header_key(v).as_str() {
            "open" | "active" | "inprogress" => DealStatus::Open,
            "won" | "closedwon" => DealStatus::Won,
            "lost" | "closedlost" => DealStatus::Lost,
            _ => return Err((Some(column), says("import.deal.not_status", v))),
        };
    }
    if let Some((column, v)) = get(DealField::Probability).filter(|(_, v)| !v.is_empty()) {
        d.probability = v
            .trim_end_matches('%')
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|p| (0.0..=100.0).contains(p))
            .map(|p| p.round() as u8)
            .ok_or_else(|| (Some(column), says("import.deal.not_probability", v)))?;
    }
    if let Some((column, v)) = get(DealField::ExpectedClose).filter(|(_, v)| !v.is_empty()) {
        d.expected_close = parse_full_date(v, None).map_err(|e| (Some(column), e.render(locale)))?;
    }
    d.owner = text(DealField::Owner);
    d.lost_reason = text(DealField::LostReason);
    d.tags = get(DealField::Tags).map_or(Vec::new(), |(_, v)| split_tags(v));
    d.notes = get(DealField::Notes).map_or(String::new(), |(_, v)| v.to_string());
    if d.status != DealStatus::Open {
        // Closed on the expected close date when there is one.
        let closed =
            d.expected_close.map_or(now, |day| day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap()).and_utc());
        d.closed = Some(closed);
        // The file does not say when the deal was created: not after it closed.
        d.created = d.created.min(closed);
    }
    let mut notes = Vec::new();
    let company = text(DealField::Company);
    let company_name = (!company.is_empty()).then(|| {
        let key = fold(&company);
        match data.companies().iter().find(|c| fold(&c.name) == key) {
            Some(c) => d.company_id = Some(c.id.clone()),
            None => notes.push(says("import.deal.new_company", &company)),
        }
        company.clone()
    });
    if let Some((_, v)) = get(DealField::Contact) {
        for who in v.split([';', ',']).map(str::trim).filter(|w| !w.is_empty()) {
            match find_contact(data, who) {
                Some(id) if !d.contact_ids.contains(&id) => d.contact_ids.push(id),
                Some(_) => {}
                None => notes.push(says("import.deal.no_contact", who)),
            }
        }
    }
    let check = Deal {
        id: "00000000-0000-4000-8000-000000000000".into(),
        company_id: d.company_id.as_ref().map(|_| "00000000-0000-4000-8000-000000000001".into()),
        ..d.clone()
    };
    if let Some(e) = validate_deal(&check, settings).into_iter().find(|e| !e.field.starts_with("contact_ids")) {
        return Err((None, format!("{}: {}", e.field, i18n::field_error(locale, &e.message))));
    }
    Ok(DealRow { deal: d, company_name, notes })
}

/// A contact by email (any case) or by exact full name, if only one has it.
fn find_contact(data: &Dataset, who: &str) -> Option<String> {
    if who.contains('@') {
        return data
            .contacts()
            .iter()
            .find(|c| c.emails.iter().any(|e| e.address.eq_ignore_ascii_case(who)))
            .map(|c| c.id.clone());
    }
    let key = fold(who);
    let mut found = data.contacts().iter().filter(|c| fold(&format!("{} {}", c.given_name, c.family_name)) == key);
    match (found.next(), found.next()) {
        (Some(c), None) => Some(c.id.clone()),
        _ => None,
    }
}

fn fill_deal(existing: &Deal, incoming: &Deal, now: DateTime<Utc>) -> Deal {
    let mut d = existing.clone();
    if d.amount_cents == 0 {
        d.amount_cents = incoming.amount_cents;
    }
    if d.expected_close.is_none() {
        d.expected_close = incoming.expected_close;
    }
    if d.owner.is_empty() {
        d.owner = incoming.owner.clone();
    }
    if d.notes.is_empty() {
        d.notes = incoming.notes.clone();
    }
    for id in &incoming.contact_ids {
        if !d.contact_ids.contains(id) {
            d.contact_ids.push(id.clone());
        }
    }
    add_missing_tags(&mut d.tags, &incoming.tags);
    if d != *existing {
        d.updated = now;
    }
    d
}

fn deal_diff(before: &Deal, after: &Deal) -> Vec<FieldDiff> {
    let mut diff = Diff::default();
    diff.field("Amount", before.amount_cents.to_string(), after.amount_cents.to_string());
    let date = |d: &Deal| d.expected_close.map_or(String::new(), |x| x.to_string());
    diff.field("Expected close", date(before), date(after));
    diff.field("Owner", before.owner.clone(), after.owner.clone());
    diff.field("Contacts", before.contact_ids.len().to_string(), after.contact_ids.len().to_string());
    diff.field("Tags", before.tags.join(", "), after.tags.join(", "));
    diff.field("Notes", before.notes.clone(), after.notes.clone());
    diff.finish()
}

/// Classifies every row of a deals file (rows are `(row number, cells)`).
pub fn plan_deals(
    data: &Dataset,
    rows: &[(usize, Vec<String>)],
    targets: &[DealField],
    now: DateTime<Utc>,
    locale: Locale,
) -> Vec<PlannedRecord<Deal>> {
    let company_key = |id: Option<&str>, name: Option<&str>| match (id, name) {
        (Some(id), _) => format!("id:{id}"),
        (None, Some(n)) => format!("name:{}", fold(n)),
        (None, None) => String::new(),
    };
    let mut existing: HashMap<(String, String), usize> = HashMap::new();
    for (i, d) in data.deals().all().iter().enumerate() {
        existing.entry((fold(&d.title), company_key(d.company_id.as_deref(), None))).or_insert(i);
    }
    let mut seen: HashMap<(String, String), usize> = HashMap::new();
    rows.iter()
        .map(|(row, fields)| {
            let r = match deal_from_row(data, fields, targets, *row, now, locale) {
                Ok(r) => r,
                Err((column, reason)) => return invalid(*row, column, reason),
            };
            let key = (fold(&r.deal.title), company_key(r.deal.company_id.as_deref(), r.company_name.as_deref()));
            let earlier = seen.get(&key).copied();
            seen.entry(key.clone()).or_insert(*row);
            let class = match (existing.get(&key), earlier) {
                (Some(&i), _) => {
                    let e = &data.deals().all()[i];
                    RowClass::Update { id: e.id.clone(), diff: deal_diff(e, &fill_deal(e, &r.deal, e.updated)) }
                }
                (None, Some(row)) => RowClass::Duplicate(DuplicateOf::Row(row)),
                (None, None) => RowClass::Create,
            };
            PlannedRecord { row: *row, record: Some(r.deal), company_name: r.company_name, notes: r.notes, class }
        })
        .collect()
}

/// The changes that import planned deals with `choices`, creating the
/// companies they name that do not exist yet (one per name).
pub fn build_deal_changes(
    data: &Dataset,
    plan: &[PlannedRecord<Deal>],
    choices: &Choices,
    now: DateTime<Utc>,
    mut new_id: impl FnMut() -> String,
) -> (Vec<Change>, ImportCounts) {
    let mut counts = ImportCounts::default();
    let mut companies: HashMap<String, String> = HashMap::new();
    let mut new_companies = Vec::new();
    let mut deals = Vec::new();
    let mut updated: HashMap<String, Deal> = HashMap::new();
    let mut order = Vec::new();
    for p in plan {
        let Some(d) = &p.record else { continue };
        match (choices.get(p.class.kind()), &p.class) {
            (Choice::Skip, _) | (Choice::Update, RowClass::Create | RowClass::Duplicate(_)) => {}
            (Choice::Update, RowClass::Update { id, .. }) => {
                let Some(existing) = updated.get(id).cloned().or_else(|| data.deals().get(id).cloned()) else {
                    continue;
                };
                if !updated.contains_key(id) {
                    order.push(id.clone());
                }
                updated.insert(id.clone(), fill_deal(&existing, d, now));
            }
            (Choice::Create, _) | (Choice::Update, RowClass::Invalid { .. }) => {
                let mut record = d.clone();
                record.id = new_id();
                if record.company_id.is_none() {
                    if let Some(name) = &p.company_name {
                        let id = companies.entry(fold(name)).or_insert_with(|| {
                            let mut c = Company::blank(new_id(), now);
                            c.name = name.clone();
                            new_companies.push(c.clone());
                            c.id
                        });
                        record.company_id = Some(id.clone());
                    }
                }
                counts.created += 1;
                deals.push(Change::PutDeal { record });
            }
        }
    }
    counts.companies = new_companies.len();
    let mut changes: Vec<Change> = new_companies.into_iter().map(|record| Change::PutCompany { record }).collect();
    changes.extend(deals);
    for id in order {
        let record = updated.remove(&id).expect("listed");
        if data.deals().get(&id) != Some(&record) {
            counts.updated += 1;
            changes.push(Change::PutDeal { record });
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
    use chrono::{NaiveDate, TimeZone};

    #[test]
    fn maps_pipedrive_and_hubspot_deal_headers() {
        let pipedrive = headers(&[
            "Title",
            "Value",
            "Currency",
            "Organization",
            "Contact person",
            "Stage",
            "Status",
            "Expected close date",
            "Owner",
            "Lost reason",
        ]);
        use DealField as D;
        assert_eq!(
            auto_map_fields::<DealField>(&pipedrive),
            [
                D::Title,
                D::Amount,
                D::Currency,
                D::Company,
                D::Contact,
                D::Stage,
                D::Status,
                D::ExpectedClose,
                D::Owner,
                D::LostReason
            ]
        );
        let hubspot_deals =
            headers(&["Deal Name", "Amount", "Deal Stage", "Close Date", "Deal owner", "Associated Company"]);
        assert_eq!(
            auto_map_fields::<DealField>(&hubspot_deals),
            [D::Title, D::Amount, D::Stage, D::ExpectedClose, D::Owner, D::Company]
        );
    }

    #[test]
    fn classifies_deal_rows_links_records_and_creates_missing_companies() {
        let mut data = data();
        let before = data.clone();
        let targets = [
            DealField::Title,
            DealField::Company,
            DealField::Contact,
            DealField::Amount,
            DealField::Stage,
            DealField::ExpectedClose,
        ];
        let plan = plan_deals(
            &data,
            &rows(&[
                &["Windows", "Acme Ltd", "ADA@example.com", "€12,500.50", "Proposal made", "2026-06-30"],
                &["Roof", "acme ltd", "", "900", "", ""],
                &["Doors", "Newco", "Ada Lovelace; Nobody", "100", "closed won", "2026-04-02"],
                &["Doors", "newco", "", "", "", ""],
                &["", "Acme Ltd", "", "1", "", ""],
                &["Gate", "", "", "12 apples", "", ""],
                &["Fence", "", "", "", "Somewhere", ""],
            ]),
            &targets,
            t(),
            Locale::En,
        );
        assert_eq!(plan[0].class, RowClass::Create);
        let windows = plan[0].record.as_ref().unwrap();
        assert_eq!((windows.amount_cents, windows.stage.as_str(), windows.probability), (1_250_050, "proposal", 60));
        assert_eq!(windows.contact_ids, ["22222222-2222-4222-8222-222222222222"]);
        assert_eq!(windows.expected_close, NaiveDate::from_ymd_opt(2026, 6, 30));
        assert!(matches!(&plan[1].class, RowClass::Update { id, .. } if id == "33333333-3333-4333-8333-333333333333"));
        assert_eq!(plan[2].class, RowClass::Create);
        let doors = plan[2].record.as_ref().unwrap();
        assert_eq!(doors.status, DealStatus::Won);
        assert_eq!(doors.closed, Some(Utc.with_ymd_and_hms(2026, 4, 2, 12, 0, 0).unwrap()));
        assert_eq!(
            plan[2].notes,
            ["The company \"Newco\" is new: it will be created", "No contact \"Nobody\": not linked"]
        );
        assert_eq!(plan[3].class, RowClass::Duplicate(DuplicateOf::Row(4)));
        assert_eq!(plan[4].class, RowClass::Invalid { column: Some(0), reason: "The row has no deal title.".into() });
        assert!(matches!(plan[5].class, RowClass::Invalid { column: Some(3), .. }));
        assert!(
            matches!(&plan[6].class, RowClass::Invalid { column: Some(4), reason } if reason.contains("Proposal made"))
        );

        let mut n = 0;
        let (changes, counts) = build_deal_changes(&data, &plan, &Choices::default(), t(), || {
            n += 1;
            format!("55555555-5555-4555-8555-55555555555{n}")
        });
        assert_eq!(counts, ImportCounts { created: 2, updated: 1, companies: 1 });
        let undo = inverse(&data, &changes);
        changes.iter().for_each(|c| data.apply(c));
        assert_eq!(data.deals().all().len(), 3);
        let newco = data.companies().iter().find(|c| c.name == "Newco").unwrap().id.clone();
        assert!(data
            .deals()
            .all()
            .iter()
            .any(|d| d.title == "Doors" && d.company_id.as_deref() == Some(newco.as_str())));
        assert_eq!(data.deals().get("33333333-3333-4333-8333-333333333333").unwrap().amount_cents, 90_000);
        undo.iter().for_each(|c| data.apply(c));
        assert_eq!(data.deals().all(), before.deals().all());
        assert_eq!(data.companies(), before.companies());
    }
}
