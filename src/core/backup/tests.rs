use super::*;
use crate::core::model::{Address, AddressKind, Email, EmailKind, LifecycleStage, Phone, PhoneKind};
use chrono::TimeZone;
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
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["schema_version"], 2);
    assert_eq!(v["app_version"], "0.1.0");
    assert_eq!(v["exported_at"], "2026-03-20T12:00:00Z");
    assert_eq!(v["counts"]["contacts"], 2);
    assert_eq!(v["counts"]["companies"], 1);
    // Sorted by id whatever the order in memory.
    assert_eq!(v["payload"]["contacts"][0]["id"], ID_A);
    assert!(file.starts_with(r#"{"format":"crm-backup","format_version":1,"#));
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
    let newer = good.replacen("\"format_version\":1", "\"format_version\":2", 1);
    assert_eq!(parse_backup(&newer, today()).unwrap_err(), BackupError::NewerFormat { found: 2 });
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
    )
        .prop_map(|(id, given, family, job, notes, stage, secs, tags)| {
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
                city: "Zürich".into(),
                country: "CH".into(),
                ..Default::default()
            });
            c.updated = created + chrono::Duration::milliseconds(secs % 5000);
            c
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_valid_dataset_round_trips(contacts in prop::collection::vec(arb_contact(), 0..20)) {
        let mut seen = std::collections::HashSet::new();
        let contacts: Vec<Contact> = contacts.into_iter().filter(|c| seen.insert(c.id.clone())).collect();
        let data = Dataset::from_records(vec![], contacts).unwrap();
        let first = export_backup(&data, "0.1.0", at(20));
        let back = parse_backup(&first, today()).unwrap();
        for c in data.contacts() {
            prop_assert_eq!(Some(c), back.data.contact(&c.id));
        }
        let second = export_backup(&back.data, "0.1.0", at(20));
        prop_assert_eq!(first, second);
    }
}
