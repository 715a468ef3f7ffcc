use super::*;
use crate::core::records::YearlyDate;
use crate::core::records::{ActivityKind, DealStatus, PipelineStage, Priority, TagColour};
use crate::core::records::{
    Address, AddressKind, Email, EmailKind, ImportantDate, LeadStatus, LifecycleStage, Phone, PhoneKind, StageChange,
};
use chrono::{Datelike, TimeZone};
use proptest::prelude::*;

const ID_A: &str = "0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";
const ID_B: &str = "1b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";
const ID_CO: &str = "2b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn sample() -> Dataset {
    let mut co = Company::blank(ID_CO.into(), at(1));
    co.name = "Nordwind Logistik GmbH".into();
    co.domain = "nordwind.de".into();
    let mut a = Contact::blank(ID_A.into(), at(2));
    a.given_name = "Zoë".into();
    a.family_name = "Ødegaard".into();
    a.emails.push(Email { kind: EmailKind::Work, address: "zoe@nordwind.de".into() });
    a.company_id = Some(ID_CO.into());
    let mut b = Contact::blank(ID_B.into(), at(3));
    b.given_name = "Jane".into();
    b.phones.push(Phone { kind: PhoneKind::Mobile, number: "+44 20 7946 0958".into() });
    Dataset::from_records(vec![co], vec![b, a]).unwrap()
}

fn payload_of(file: &str) -> &str {
    &file[file.find("\"payload\":").unwrap()..]
}

#[test]
fn export_has_the_documented_envelope() {
    let file = export_backup(&sample(), "0.1.0", at(20));
    let v: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(v["format"], "crm-backup");
    assert_eq!(v["format_version"], 3);
    assert_eq!(v["schema_version"], 4);
    assert_eq!(v["app_version"], "0.1.0");
    assert_eq!(v["exported_at"], "2026-03-20T12:00:00Z");
    assert_eq!(v["counts"]["contacts"], 2);
    assert_eq!(v["counts"]["companies"], 1);
    // Sorted by id whatever the order in memory.
    assert_eq!(v["payload"]["contacts"][0]["id"], ID_A);
    assert!(file.starts_with(r#"{"format":"crm-backup","format_version":3,"schema_version":4,"#));
    assert_eq!(v["counts"]["deals"], 0);
    assert_eq!(v["payload"]["settings"]["currency"], "EUR");
    // The checksum is over the payload bytes as written.
    let payload = payload_of(&file).strip_prefix("\"payload\":").unwrap().strip_suffix('}').unwrap();
    assert_eq!(v["payload_sha256"], sha256_hex(payload.as_bytes()));
}

#[test]
fn the_checksum_can_be_computed_by_the_caller() {
    let file = format!("\u{feff}{}", export_backup(&sample(), "0.1.0", at(20)));
    let env = read_envelope(&file).unwrap();
    let payload = env.payload();
    // The payload is the exact slice of the file that the checksum covers.
    assert_eq!(payload, payload_of(&file).strip_prefix("\"payload\":").unwrap().strip_suffix('}').unwrap());
    let digest = payload_sha256(payload).to_uppercase();
    let b = check_backup(env, &digest, today()).unwrap();
    assert_eq!(b.data.contacts().len(), 2);
    let env = read_envelope(&file).unwrap();
    assert_eq!(check_backup(env, &sha256_hex(b"other"), today()).unwrap_err(), BackupError::ChecksumMismatch);
    // Envelope problems are found before any checksum is needed.
    assert!(matches!(
        read_envelope(r#"{"format":"crm-backup","format_version":1}"#),
        Err(BackupError::NotABackup { .. })
    ));
}

#[test]
fn known_sha256() {
    assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

#[test]
fn export_import_export_gives_the_same_payload() {
    let first = export_backup(&sample(), "0.1.0", at(20));
    let backup = parse_backup(&first, today()).unwrap();
    let second = export_backup(&backup.data, "0.1.0", at(21));
    assert_eq!(payload_of(&first), payload_of(&second));
    assert!(backup.warnings.is_empty());
}

#[test]
fn rejects_garbage_with_clear_reasons() {
    let good = export_backup(&sample(), "0.1.0", at(20));
    assert!(matches!(parse_backup("not json {", today()), Err(BackupError::NotJson { .. })));
    assert!(matches!(parse_backup("", today()), Err(BackupError::NotJson { .. })));
    assert!(matches!(parse_backup("[1,2]", today()), Err(BackupError::NotABackup { .. })));
    let err = parse_backup(r#"{"hello":1}"#, today()).unwrap_err();
    assert!(err.to_string().contains("not a CRM backup"), "{err}");
    let newer = good.replacen("\"format_version\":3", "\"format_version\":4", 1);
    assert_eq!(parse_backup(&newer, today()).unwrap_err(), BackupError::NewerFormat { found: 4 });
    let tampered = good.replacen("Jane", "Joan", 1);
    let err = parse_backup(&tampered, today()).unwrap_err();
    assert_eq!(err, BackupError::ChecksumMismatch);
    assert!(err.to_string().contains("checksum"));
}

/// Re-signs a hand-edited payload so that record checks are reached.
fn signed(payload: &str, contacts: usize, companies: usize) -> String {
    format!(
        r#"{{"format":"crm-backup","format_version":1,"counts":{{"contacts":{contacts},"companies":{companies}}},"payload_sha256":"{}","payload":{payload}}}"#,
        sha256_hex(payload.as_bytes())
    )
}

#[test]
fn names_the_record_and_field_at_fault() {
    let payload = format!(
        r#"{{"companies":[],"contacts":[{{"id":"{ID_A}","given_name":"Jane","family_name":"Roe","emails":[{{"address":"jane@"}}],"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}]}}"#
    );
    let err = parse_backup(&signed(&payload, 1, 0), today()).unwrap_err();
    let BackupError::InvalidRecords { problems, total } = &err else { panic!("{err:?}") };
    assert_eq!(*total, 1);
    assert_eq!(problems[0].record, format!("contacts[0] \"Jane Roe\" (id {ID_A})"));
    assert_eq!(problems[0].field, "emails[0].address");
    assert!(err.to_string().contains("contacts[0] \"Jane Roe\""));
}

#[test]
fn names_the_field_of_an_unreadable_record() {
    let payload = format!(
        r#"{{"companies":[],"contacts":[{{"id":"{ID_A}","given_name":"Jane","lifecycle_stage":"famous","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}},{{"id":"{ID_B}","given_name":"Max"}}]}}"#
    );
    let BackupError::InvalidRecords { problems, total } = parse_backup(&signed(&payload, 2, 0), today()).unwrap_err()
    else {
        panic!()
    };
    assert_eq!(total, 2);
    assert!(problems[0].message.contains("famous"), "{:?}", problems[0]);
    assert_eq!(problems[1].field, "created");
    assert!(problems[1].record.starts_with("contacts[1] \"Max\""));
}

#[test]
fn rejects_wrong_counts_and_duplicate_ids() {
    let file = export_backup(&sample(), "0.1.0", at(20));
    let wrong = file.replacen("\"contacts\":2", "\"contacts\":3", 1);
    assert_eq!(
        parse_backup(&wrong, today()).unwrap_err(),
        BackupError::CountMismatch { kind: "contacts", stated: 3, found: 2 }
    );
    let c = format!(
        r#"{{"id":"{ID_A}","given_name":"A","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}"#
    );
    let payload = format!(r#"{{"companies":[],"contacts":[{c},{c}]}}"#);
    assert_eq!(
        parse_backup(&signed(&payload, 2, 0), today()).unwrap_err(),
        BackupError::DuplicateId { kind: "contact", id: ID_A.into() }
    );
}

#[test]
fn warns_about_links_to_missing_companies() {
    let mut data = sample();
    let mut a = data.contact(ID_A).unwrap().clone();
    a.company_id = Some(ID_B.into());
    data.put_contact(a);
    let b = parse_backup(&export_backup(&data, "x", at(20)), today()).unwrap();
    assert_eq!(b.warnings.len(), 1);
}

#[test]
fn merge_keeps_the_newer_record_and_stored_extras() {
    let stored = sample();
    let mut incoming = stored.clone();
    let mut a = incoming.contact(ID_A).unwrap().clone();
    a.job_title = "CTO".into();
    a.updated = at(25);
    incoming.put_contact(a);
    let mut b = incoming.contact(ID_B).unwrap().clone();
    b.job_title = "Older edit".into();
    b.created = at(1);
    b.updated = at(1);
    incoming.put_contact(b);
    let mut new_one = Contact::blank("3b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), at(4));
    new_one.given_name = "New".into();
    incoming.put_contact(new_one);
    let backup = parse_backup(&export_backup(&incoming, "x", at(26)), today()).unwrap();

    let plan = plan_import(&stored, &backup, ImportMode::Merge);
    assert_eq!(plan.contacts, KindPlan { added: 1, updated: 1, unchanged: 1, removed: 0 });
    assert_eq!(plan.companies, KindPlan { added: 0, updated: 0, unchanged: 1, removed: 0 });
    let merged = apply_import(&stored, &backup, ImportMode::Merge);
    assert_eq!(merged.contacts().len(), 3);
    assert_eq!(merged.contact(ID_A).unwrap().job_title, "CTO");
    assert_eq!(merged.contact(ID_B).unwrap().job_title, "");

    let only_new =
        Dataset::from_records(vec![], vec![merged.contact("3b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b").unwrap().clone()])
            .unwrap();
    let backup = parse_backup(&export_backup(&only_new, "x", at(26)), today()).unwrap();
    let plan = plan_import(&stored, &backup, ImportMode::Replace);
    assert_eq!(plan.contacts, KindPlan { added: 1, updated: 0, unchanged: 0, removed: 2 });
    assert_eq!(plan.companies.removed, 1);
    assert_eq!(apply_import(&stored, &backup, ImportMode::Replace).contacts().len(), 1);
}

const ID_DEAL: &str = "4b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";
const ID_CALL: &str = "5b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";
const ID_TASK: &str = "6b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";
const ID_GONE: &str = "7b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b";

/// The sample with every kind of record and every field set somewhere.
fn full() -> Dataset {
    let mut parts = sample().to_parts();
    let mut settings = Settings::initial(at(5));
    settings.pipeline.push(PipelineStage { id: "vertrag".into(), name: "Vertrag ✍".into(), probability: 90 });
    settings.tags = vec![TagColour { name: "vip".into(), colour: "purple".into() }];
    settings.won_stage = LifecycleStage::Retention;
    settings.default_country = "DE".into();
    let a = parts.contacts.iter_mut().find(|c| c.id == ID_A).unwrap();
    a.lifecycle_stage = LifecycleStage::Acquisition;
    a.lead_status = Some(LeadStatus::AttemptingContact);
    a.stage_history = vec![
        StageChange { from: None, to: LifecycleStage::Reach, at: at(2) },
        StageChange { from: Some(LifecycleStage::Reach), to: LifecycleStage::Acquisition, at: at(3) },
    ];
    a.important_dates = vec![ImportantDate {
        label: "Jubiläum 🎉".into(),
        date: NaiveDate::from_ymd_opt(2015, 4, 1).unwrap().into(),
    }];
    a.cadence_days = Some(14);
    a.owner = "Åsa".into();
    a.updated = at(3);
    parts.companies[0].owner = "Åsa".into();
    parts.companies[0].stage_history = vec![StageChange { from: None, to: LifecycleStage::Reach, at: at(1) }];
    let mut deal = Deal::blank(ID_DEAL.into(), &settings.pipeline[5], "EUR", at(4));
    deal.title = "Flottenvertrag \"Nord\"".into();
    deal.company_id = Some(ID_CO.into());
    deal.contact_ids = vec![ID_A.into(), ID_GONE.into()];
    deal.amount_cents = 4_500_000;
    deal.expected_close = NaiveDate::from_ymd_opt(2026, 4, 30);
    deal.owner = "Åsa".into();
    deal.status = DealStatus::Won;
    deal.closed = Some(at(6));
    deal.lost_reason = "Price".into();
    deal.tags = vec!["vip".into()];
    deal.notes = "Zwei\nZeilen".into();
    deal.updated = at(6);
    let mut call = Activity::blank(ID_CALL.into(), ActivityKind::Call, at(5));
    call.duration_min = Some(12);
    call.outcome = "Left voicemail".into();
    call.subject = "Rückruf 📞".into();
    call.body = "Bitte zurückrufen".into();
    call.contact_ids = vec![ID_A.into()];
    call.company_id = Some(ID_CO.into());
    call.deal_id = Some(ID_DEAL.into());
    call.owner = "Åsa".into();
    let mut task = Task::blank(ID_TASK.into(), at(5));
    task.title = "Angebot schicken".into();
    task.due = NaiveDate::from_ymd_opt(2026, 3, 9);
    task.priority = Priority::High;
    task.done_at = Some(at(7));
    task.contact_id = Some(ID_B.into());
    task.deal_id = Some(ID_DEAL.into());
    task.owner = "Åsa".into();
    task.notes = "ñ".into();
    task.updated = at(7);
    parts.deals = vec![deal];
    parts.activities = vec![call];
    parts.tasks = vec![task];
    parts.settings = Some(settings);
    Dataset::from_parts(parts).unwrap()
}

fn sorted(mut r: Records) -> Records {
    r.companies.sort_by(|a, b| a.id.cmp(&b.id));
    r.contacts.sort_by(|a, b| a.id.cmp(&b.id));
    r.deals.sort_by(|a, b| a.id.cmp(&b.id));
    r.activities.sort_by(|a, b| a.id.cmp(&b.id));
    r.tasks.sort_by(|a, b| a.id.cmp(&b.id));
    r
}

#[test]
fn every_kind_round_trips() {
    let data = full();
    let first = export_backup(&data, "0.2.0", at(20));
    let v: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        v["counts"],
        serde_json::json!({"contacts": 2, "companies": 1, "deals": 1, "activities": 1, "tasks": 1})
    );
    let payload = payload_of(&first);
    let pos = |key: &str| payload.find(&format!("\"{key}\":")).unwrap();
    let keys = ["companies", "contacts", "deals", "activities", "tasks", "settings"];
    assert!(keys.windows(2).all(|w| pos(w[0]) < pos(w[1])), "{payload}");
    assert!(payload_of(&first)
        .contains(r#""settings":{"pipeline":[{"id":"qualified","name":"Qualified","probability":10}"#));
    let backup = parse_backup(&first, today()).unwrap();
    assert!(backup.has_settings);
    // The deal links to a contact that is not in the file: kept, with a warning.
    assert_eq!(backup.warnings.len(), 1, "{:?}", backup.warnings);
    assert_eq!(backup.data.deals().get(ID_DEAL).unwrap().contact_ids[1], ID_GONE);
    assert_eq!(sorted(backup.data.to_parts()), sorted(data.to_parts()));
    let second = export_backup(&backup.data, "0.2.0", at(21));
    assert_eq!(payload_of(&first), payload_of(&second));
}

/// A file written by format 1 (the example in docs/backup-format.md).
const FORMAT_1: &str = r#"{"format":"crm-backup","format_version":1,"schema_version":2,"app_version":"0.1.0","exported_at":"2026-03-20T12:00:00Z","counts":{"contacts":2,"companies":1},"payload_sha256":"51cb88b7256e9346d5983a0dac7e255b8b4e4d2274dec3da0e9e30fc5873e090","payload":{"companies":[{"id":"2b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","name":"Nordwind Logistik GmbH","domain":"nordwind.de","size":"51-200","lifecycle_stage":"conversion","created":"2026-03-01T12:00:00Z","updated":"2026-03-01T12:00:00Z"}],"contacts":[{"id":"0b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","given_name":"Zoë","family_name":"Ødegaard","emails":[{"kind":"work","address":"zoe@nordwind.de"}],"job_title":"Head of Sales","company_id":"2b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","lifecycle_stage":"reach","tags":["vip","newsletter"],"birthday":"1988-05-17","created":"2026-03-02T12:00:00Z","updated":"2026-03-04T08:30:00.250Z"},{"id":"1b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b","given_name":"Jane","phones":[{"kind":"mobile","number":"+44 20 7946 0958"}],"addresses":[{"kind":"home","city":"London","country":"GB"}],"lifecycle_stage":"reach","created":"2026-03-03T12:00:00Z","updated":"2026-03-03T12:00:00Z"}]}}"#;

#[test]
fn a_format_1_file_still_imports_and_keeps_the_stored_settings() {
    let backup = parse_backup(FORMAT_1, today()).unwrap();
    assert_eq!(backup.format_version, 1);
    assert_eq!(backup.schema_version, Some(2));
    assert!(!backup.has_settings);
    assert_eq!(backup.data.contacts().len(), 2);
    assert_eq!(backup.data.company(ID_CO).unwrap().name, "Nordwind Logistik GmbH");
    assert_eq!(backup.data.contact(ID_A).unwrap().job_title, "Head of Sales");
    assert!(backup.data.deals().is_empty() && backup.data.tasks().is_empty());
    assert_eq!(backup.data.settings(), &Settings::default());
    let stored = full();
    let plan = plan_import(&stored, &backup, ImportMode::Replace);
    assert_eq!(plan.deals, KindPlan { removed: 1, ..KindPlan::default() });
    assert_eq!(plan.settings, KindPlan::default());
    let replaced = apply_import(&stored, &backup, ImportMode::Replace);
    assert!(replaced.deals().is_empty());
    assert_eq!(replaced.settings(), stored.settings());
    let merged = apply_import(&stored, &backup, ImportMode::Merge);
    assert_eq!(merged.settings(), stored.settings());
    assert_eq!(merged.deals().len(), 1);
}

#[test]
fn merge_and_replace_cover_every_kind() {
    let stored = full();
    let mut parts = stored.to_parts();
    parts.deals[0].title = "Newer".into();
    parts.deals[0].updated = at(25);
    parts.activities[0].subject = "Older".into();
    parts.activities[0].created = at(1);
    parts.activities[0].updated = at(1);
    let mut extra = Task::blank("8b1c3a52-6d7e-4f80-9a1b-2c3d4e5f6a7b".into(), at(9));
    extra.title = "New".into();
    parts.tasks.push(extra);
    let mut settings = parts.settings.take().unwrap();
    settings.currency = "GBP".into();
    settings.updated = at(26);
    parts.settings = Some(settings);
    let incoming = Dataset::from_parts(parts).unwrap();
    let backup = parse_backup(&export_backup(&incoming, "x", at(27)), today()).unwrap();

    let plan = plan_import(&stored, &backup, ImportMode::Merge);
    assert_eq!(plan.deals, KindPlan { updated: 1, ..KindPlan::default() });
    assert_eq!(plan.activities, KindPlan { unchanged: 1, ..KindPlan::default() });
    assert_eq!(plan.tasks, KindPlan { added: 1, unchanged: 1, ..KindPlan::default() });
    assert_eq!(plan.settings, KindPlan { updated: 1, ..KindPlan::default() });
    let merged = apply_import(&stored, &backup, ImportMode::Merge);
    assert_eq!(merged.deals().get(ID_DEAL).unwrap().title, "Newer");
    assert_eq!(merged.activities().get(ID_CALL).unwrap().subject, "Rückruf 📞");
    assert_eq!(merged.tasks().len(), 2);
    assert_eq!(merged.settings().currency, "GBP");
    // Older settings in the file do not win a merge.
    let older =
        apply_import(&merged, &parse_backup(&export_backup(&stored, "x", at(27)), today()).unwrap(), ImportMode::Merge);
    assert_eq!(older.settings().currency, "GBP");

    let plan = plan_import(&stored, &backup, ImportMode::Replace);
    assert_eq!(plan.activities, KindPlan { updated: 1, ..KindPlan::default() });
    let replaced = apply_import(&stored, &backup, ImportMode::Replace);
    assert_eq!(replaced.activities().get(ID_CALL).unwrap().subject, "Older");
    assert_eq!(replaced.settings().currency, "GBP");
}

#[test]
fn names_bad_deals_activities_tasks_and_settings() {
    let t = r#""created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z""#;
    let payload = format!(
        r#"{{"deals":[{{"id":"{ID_DEAL}","title":"Roof","currency":"EUR","stage":"vertrag",{t}}}],"activities":[{{"id":"{ID_CALL}","kind":"email","at":"2026-01-01T00:00:00Z","duration_min":5,"subject":"Hi",{t}}}],"tasks":[{{"id":"{ID_TASK}","title":"",{t}}}],"settings":{{"pipeline":[],"won_stage":"conversion","currency":"EUR","updated":"2026-01-01T00:00:00Z"}}}}"#
    );
    let err = parse_backup(&signed(&payload, 0, 0), today()).unwrap_err();
    let BackupError::InvalidRecords { problems, total } = &err else { panic!("{err:?}") };
    let found: Vec<(String, &str)> = problems.iter().map(|p| (p.to_string(), p.field.as_str())).collect();
    assert_eq!(*total, 4, "{found:?}");
    assert_eq!(problems[0].record, "settings");
    assert_eq!(problems[0].field, "pipeline");
    assert_eq!(problems[1].record, format!("deals[0] \"Roof\" (id {ID_DEAL})"));
    assert_eq!(problems[1].field, "stage");
    assert_eq!(problems[2].record, format!("activities[0] \"Hi\" (id {ID_CALL})"));
    assert_eq!(problems[2].field, "duration_min");
    assert_eq!(problems[3].field, "title");
}

#[test]
fn refuses_duplicate_ids_and_wrong_counts_of_new_kinds() {
    let t = r#""created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z""#;
    let task = format!(r#"{{"id":"{ID_TASK}","title":"Call",{t}}}"#);
    let payload = format!(r#"{{"tasks":[{task},{task}]}}"#);
    let file = signed(&payload, 0, 0).replacen("\"format_version\":1", "\"format_version\":2", 1);
    assert_eq!(
        parse_backup(&file, today()).unwrap_err(),
        BackupError::DuplicateId { kind: "task", id: ID_TASK.into() }
    );
    let good = export_backup(&full(), "x", at(20));
    let wrong = good.replacen("\"activities\":1", "\"activities\":4", 1);
    assert_eq!(
        parse_backup(&wrong, today()).unwrap_err(),
        BackupError::CountMismatch { kind: "activities", stated: 4, found: 1 }
    );
}

fn text() -> impl Strategy<Value = String> {
    // Non-ASCII on purpose: accents, CJK, emoji, quotes and escapes.
    proptest::string::string_regex("[a-zA-Zäöüßéèçñøå東京😀 \"\\\\/\\n\\t-]{0,24}").unwrap()
}

fn arb_contact() -> impl Strategy<Value = Contact> {
    (
        any::<[u8; 16]>(),
        text(),
        text(),
        text(),
        text(),
        0usize..7,
        0i64..400_000_000,
        prop::collection::vec(text(), 0..3),
        (text(), text(), 0u32..250, any::<bool>()),
    )
        .prop_map(|(id, given, family, job, notes, stage, secs, tags, (nick, line2, day, has_year))| {
            let created = Utc.timestamp_opt(1_600_000_000 + secs, 0).unwrap();
            let mut c = Contact::blank(crate::core::ids::uuid_v4(id), created);
            c.given_name = given.trim().to_string();
            c.family_name = family;
            c.job_title = job;
            c.notes = notes;
            c.lifecycle_stage = LifecycleStage::ALL[stage];
            c.tags = crate::core::validate::parse_tags(&tags.join(","));
            if c.given_name.is_empty() {
                c.given_name = "X".into();
            }
            c.addresses.push(Address {
                kind: AddressKind::Home,
                street2: crate::core::text::collapse_spaces(&line2),
                city: "Zürich".into(),
                country: if has_year { "CH".into() } else { "Narnia".into() },
                ..Default::default()
            });
            c.nickname = crate::core::text::collapse_spaces(&nick);
            c.department = crate::core::text::collapse_spaces(&c.job_title);
            let date = NaiveDate::from_ymd_opt(1950, 1, 1).unwrap() + chrono::Duration::days(i64::from(day) * 97);
            c.birthday = Some(if has_year {
                YearlyDate::full(date)
            } else {
                YearlyDate::without_year(date.month(), date.day()).unwrap()
            });
            c.important_dates =
                vec![ImportantDate { label: "Day".into(), date: YearlyDate::without_year(2, 29).unwrap() }];
            c.updated = created + chrono::Duration::milliseconds(secs % 5000);
            c
        })
}

fn arb_activity() -> impl Strategy<Value = Activity> {
    (any::<[u8; 16]>(), 0usize..4, text(), text(), 1u32..1441, 0i64..400_000_000, any::<bool>()).prop_map(
        |(id, kind, subject, body, minutes, secs, linked)| {
            let kind = ActivityKind::ALL[kind];
            let created = Utc.timestamp_opt(1_600_000_000 + secs, 0).unwrap();
            let mut a = Activity::blank(crate::core::ids::uuid_v4(id), kind, created);
            a.subject = subject.chars().take(200).collect();
            a.body = body;
            if kind == ActivityKind::Note && a.subject.trim().is_empty() && a.body.trim().is_empty() {
                a.body = "x".into();
            }
            a.duration_min = kind.has_duration().then_some(minutes);
            a.at = created - chrono::Duration::milliseconds(secs);
            if linked {
                a.contact_ids = vec![ID_A.into()];
                a.deal_id = Some(ID_DEAL.into());
            }
            a
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_valid_dataset_round_trips(
        contacts in prop::collection::vec(arb_contact(), 0..20),
        activities in prop::collection::vec(arb_activity(), 0..20),
    ) {
        let mut seen = std::collections::HashSet::new();
        let contacts: Vec<Contact> = contacts.into_iter().filter(|c| seen.insert(c.id.clone())).collect();
        let activities: Vec<Activity> = activities.into_iter().filter(|a| seen.insert(a.id.clone())).collect();
        let data = Dataset::from_parts(Records { contacts, activities, ..Records::default() }).unwrap();
        let first = export_backup(&data, "0.1.0", at(20));
        let back = parse_backup(&first, today()).unwrap();
        for c in data.contacts() {
            prop_assert_eq!(Some(c), back.data.contact(&c.id));
        }
        for a in data.activities().all() {
            prop_assert_eq!(Some(a), back.data.activities().get(&a.id));
        }
        let second = export_backup(&back.data, "0.1.0", at(20));
        prop_assert_eq!(first, second);
    }
}

#[test]
fn the_documented_example_reads() {
    let doc = include_str!("../../../docs/backup-format.md");
    let example = doc
        .lines()
        .find(|l| l.starts_with(r#"{"format":"crm-backup","format_version":3,"#) && !l.contains("<64"))
        .expect("docs/backup-format.md has a complete example");
    let backup = parse_backup(example, today()).unwrap();
    assert!(backup.has_settings && backup.warnings.is_empty());
    assert_eq!((backup.data.deals().len(), backup.data.activities().len(), backup.data.tasks().len()), (1, 1, 1));
    // It is exactly what export writes for those records.
    assert_eq!(export_backup(&backup.data, "0.2.0", backup.exported_at.unwrap()), example);
}

#[test]
fn demo_data_of_every_kind_exports_and_imports() {
    let demo = crate::core::demo::generate_demo(5, 300, at(20));
    let data = Dataset::from_parts(demo.into_records()).unwrap();
    let file = export_backup(&data, "x", at(20));
    let backup = parse_backup(&file, today()).unwrap();
    assert!(backup.warnings.is_empty(), "{:?}", backup.warnings);
    assert_eq!(backup.data.activities().len(), 1500);
    assert_eq!(sorted(backup.data.to_parts()), sorted(data.to_parts()));
}

/// A format-2 file as the previous version's encoder wrote it (commit
/// b9ebba5, `tests/fixtures/backup-format2.json`): full birthdays and dates,
/// addresses without a second street line, countries as codes.
const FORMAT_2: &str = include_str!("../../../tests/fixtures/backup-format2.json");

#[test]
fn a_format_2_file_written_by_the_previous_encoder_still_imports() {
    let backup = parse_backup(FORMAT_2, today()).unwrap();
    assert_eq!((backup.format_version, backup.schema_version), (2, Some(3)));
    let data = &backup.data;
    let jane = data.contact(ID_B).unwrap();
    assert_eq!(jane.birthday, YearlyDate::new(Some(1988), 2, 29));
    let a = &jane.addresses[0];
    assert_eq!(
        (a.street.as_str(), a.street2.as_str(), a.city.as_str(), a.postal_code.as_str(), a.country.as_str()),
        ("12 Baker Street", "", "London", "NW1 6XE", "GB")
    );
    let zoe = data.contact(ID_A).unwrap();
    assert_eq!(zoe.important_dates[0].date, YearlyDate::new(Some(2015), 4, 1).unwrap());
    assert_eq!((zoe.nickname.as_str(), zoe.department.as_str()), ("", ""));
    assert_eq!(data.deals().len(), 1);
    // Written again, the records are the same bytes under the new envelope.
    let again = export_backup(data, "0.3.0", at(20));
    assert!(again.starts_with(r#"{"format":"crm-backup","format_version":3,"#));
    assert_eq!(payload_of(&again), payload_of(FORMAT_2));
}

#[test]
fn yearless_dates_and_the_format_3_members_round_trip() {
    let mut parts = sample().to_parts();
    let jane = parts.contacts.iter_mut().find(|c| c.id == ID_B).unwrap();
    jane.birthday = YearlyDate::without_year(3, 7);
    jane.nickname = "Janie".into();
    jane.name_prefix = "Dr.".into();
    jane.name_suffix = "PhD".into();
    jane.department = "Research".into();
    jane.important_dates =
        vec![ImportantDate { label: "Anniversary".into(), date: YearlyDate::without_year(6, 21).unwrap() }];
    jane.addresses = vec![Address {
        kind: AddressKind::Home,
        street: "Laugavegur 1".into(),
        street2: "Flat 3".into(),
        city: "Reykjavík".into(),
        postal_code: "101".into(),
        country: "Narnia".into(),
        ..Address::default()
    }];
    let data = Dataset::from_parts(parts).unwrap();
    let file = export_backup(&data, "0.3.0", at(20));
    let payload = payload_of(&file);
    for member in [
        r#""birthday":"--03-07""#,
        r#""street2":"Flat 3""#,
        r#""country":"Narnia""#,
        r#""date":"--06-21""#,
        r#""nickname":"Janie","name_prefix":"Dr.","name_suffix":"PhD","department":"Research""#,
    ] {
        assert!(payload.contains(member), "{member} in {payload}");
    }
    let back = parse_backup(&file, today()).unwrap();
    assert_eq!(back.data.contact(ID_B), data.contact(ID_B));
    // A date that is neither form is refused with the record and field named.
    let bad = payload_of(&file)
        .strip_prefix("\"payload\":")
        .unwrap()
        .strip_suffix('}')
        .unwrap()
        .replace("--03-07", "--02-30");
    let file = format!(
        r#"{{"format":"crm-backup","format_version":3,"payload_sha256":"{}","payload":{bad}}}"#,
        sha256_hex(bad.as_bytes())
    );
    let err = parse_backup(&file, today()).unwrap_err().to_string();
    assert!(err.contains("contacts[") && err.contains("--02-30"), "{err}");
}

mod stream;
