//! End-to-end tests of the index, the scan and the while-typing check on
//! small hand-made lists and demo data. The labelled benchmark's accuracy
//! checks are in `tests/dedupe_benchmark.rs`.

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::core::records::{Address, Contact, Email, Phone};

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
}

fn person(id: &str, given: &str, family: &str) -> Contact {
    let mut c = Contact::blank(id.into(), now());
    c.given_name = given.into();
    c.family_name = family.into();
    c
}

fn at(mut c: Contact, street: &str, postcode: &str, city: &str) -> Contact {
    c.addresses.push(Address {
        street: street.into(),
        postal_code: postcode.into(),
        city: city.into(),
        ..Default::default()
    });
    c
}

#[test]
fn sliced_scan_equals_full_scan_and_is_deterministic() {
    let contacts = crate::core::demo::generate_demo(5, 800, now()).contacts;
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    let mut sliced = Scan::new(&index, &settings, &[]);
    let mut steps = 0;
    while !sliced.is_done() {
        let p = sliced.step(500);
        assert!(p.done <= p.total);
        steps += 1;
    }
    assert!(steps > 3);
    let whole = scan(&index, &settings, &[]);
    assert!(!whole.is_empty());
    assert_eq!(sliced.finish(), whole);
    assert_eq!(scan(&build_index(&contacts, &settings), &settings, &[]), whole);
}

#[test]
fn not_duplicate_pairs_are_excluded() {
    let mut a = person("a", "Maria", "Lopez");
    let mut b = person("b", "Maria", "López");
    for c in [&mut a, &mut b] {
        c.phones.push(Phone { number: "+34 912 345 678".into(), ..Default::default() });
    }
    let contacts = [a, b];
    let settings = DedupeSettings::default();
    let index = build_index(&contacts, &settings);
    assert_eq!(scan(&index, &settings, &[]).len(), 1);
    assert!(scan(&index, &settings, &[("b".into(), "a".into())]).is_empty());
}

#[test]
fn check_one_finds_the_existing_record_while_typing() {
    let mut existing = person("e1", "Katherine", "O'Brien");
    existing.emails.push(Email { address: "kate.obrien@gmail.com".into(), ..Default::default() });
    let contacts = vec![existing, person("e2", "Kevin", "Brown"), person("e3", "Karl", "Obermann")];
    let index = build_index(&contacts, &DedupeSettings::default());
    let mut draft = person("new", "Kate", "OBrien");
    draft.emails.push(Email { address: "Kate.OBrien+crm@gmail.com".into(), ..Default::default() });
    let found = check_one(&index, &draft);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].a, found[0].b), (DRAFT, 0));
    let reasons: Vec<String> = found[0].reasons.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        [
            "given name: nickname (kate / katherine) +4.3",
            "same family name (obrien) +5.4",
            "same email (kateobrien@gmail.com) +15.7"
        ]
    );
    // Editing the stored record itself finds nothing.
    let mut same = contacts[0].clone();
    same.given_name = "Kathy".into();
    assert!(check_one(&index, &same).is_empty());
}

#[test]
fn oversized_blocks_are_reported() {
    let contacts: Vec<Contact> = (0..12).map(|i| person(&format!("c{i}"), "James", "Smith")).collect();
    let settings = DedupeSettings { max_block_size: 10, ..DedupeSettings::default() };
    let index = build_index(&contacts, &settings);
    let keys: Vec<&str> = index.skipped_blocks().iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["r:JMS|SMT"]);
    // The sorted-name window still compares close neighbours.
    assert!(index.are_compared(0, 1));
}

/// A household: one person twice (a typo), a spouse and a child. The
/// duplicates are probable; the family members are never probable.
#[test]
fn households_give_probable_duplicates_and_possible_relatives() {
    let home = |c| at(c, "14 Elm Street", "02139", "Cambridge");
    let mut john = home(person("j1", "John", "Walker"));
    let mut johm = home(person("j2", "Jonh", "Walker"));
    let mut mary = home(person("m", "Mary", "Walker"));
    let mut tim = home(person("t", "Tim", "Walker"));
    john.birthday = NaiveDate::from_ymd_opt(1971, 4, 9).map(Into::into);
    johm.birthday = john.birthday;
    mary.birthday = NaiveDate::from_ymd_opt(1973, 12, 1).map(Into::into);
    tim.birthday = NaiveDate::from_ymd_opt(2004, 6, 30).map(Into::into);
    let contacts = vec![john, johm, mary.clone(), tim.clone()];
    let settings = DedupeSettings::default();
    let clusters = scan(&build_index(&contacts, &settings), &settings, &[]);
    let probable: Vec<&Cluster> = clusters.iter().filter(|c| c.best_score >= settings.threshold_probable).collect();
    assert_eq!(probable.len(), 1);
    assert_eq!(probable[0].members, [0, 1]);
    // Without birthdays Mary and Tim are offered for review, never probable.
    mary.birthday = None;
    tim.birthday = None;
    let contacts = vec![mary, tim];
    let index = build_index(&contacts, &settings);
    let clusters = scan(&index, &settings, &[]);
    assert_eq!(clusters.len(), 1);
    assert!(clusters[0].best_score < settings.threshold_probable);
    assert_eq!(clusters[0].pairs[0].review, Some(Review::DifferentGivenName));
    let shown = clusters[0].pairs[0].reasons[0].to_string();
    assert_eq!(shown, "different given name — family member or typo?");
}

/// Names swapped between the fields, a typo in both, the postcode and
/// house number retyped: the blocks still bring the pair together.
#[test]
fn blocking_survives_swaps_and_typos() {
    let a = at(person("a", "Wei", "Chen"), "Unit 4, 27 Harbour Road", "2000", "Sydney");
    let b = at(person("b", "Chne", "Wie"), "72 Harbour Rd", "2001", "Sydney");
    let c = at(person("c", "Li", "Wang"), "27 Harbour Road", "2000", "Sydney");
    let mut d = person("d", "Xavier", "Okafor");
    d.birthday = NaiveDate::from_ymd_opt(1980, 3, 12).map(Into::into);
    let mut e = person("e", "Xaveir", "Okfaor");
    e.birthday = NaiveDate::from_ymd_opt(1980, 12, 3).map(Into::into);
    let contacts = vec![a, b, c, d, e];
    let index = build_index(&contacts, &DedupeSettings::default());
    assert!(index.are_compared(0, 1));
    assert!(index.are_compared(3, 4));
    let keys = blocking::block_keys(index.features(0));
    assert!(keys.contains(&"a:2000|27".to_string()), "{keys:?}");
    assert!(keys.contains(&"z:2000|c".to_string()) && keys.contains(&"z:2000|w".to_string()), "{keys:?}");
}

#[test]
fn hand_set_weights_skip_learning() {
    let contacts = crate::core::demo::generate_demo(3, 400, now()).contacts;
    let settings = DedupeSettings { learn_weights: false, ..DedupeSettings::default() };
    let index = build_index(&contacts, &settings);
    assert!(!index.learning().is_learned);
    assert_eq!(index.weights(), &Weights::hand_set());
    let table = index.weight_table();
    assert!(table.iter().flat_map(|c| &c.levels).all(|l| l.used == l.hand_set));
}
