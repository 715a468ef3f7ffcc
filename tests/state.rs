//! Browser tests of `AppState`'s reconciliation with the stored history
//! (wasm-bindgen-test in headless Chromium): two app states on one database
//! stand for two tabs, and a bare `Store` for a tab that writes without
//! telling anyone. They check what each tab holds and where it stands after
//! its own writes (`after_append`) and after reading the others'
//! (`catch_up`): live, stale, and after the data was replaced.
#![cfg(target_arch = "wasm32")]

use std::cell::Cell;
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use leptos::prelude::*;
use wasm_bindgen_test::*;

use crm::core::changes::Change;
use crm::core::dataset::Dataset;
use crm::core::demo::generate_demo;
use crm::core::records::Contact;
use crm::core::tab_sync::Position;
use crm::state::{yield_to_browser, AppState, LoadStatus};
use crm::storage::{SnapshotBase, Store};

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn db_name(test: &str) -> String {
    format!("crm-state-{test}-{}", js_sys::Math::random())
}

fn contact(n: u32, name: &str) -> Contact {
    let mut c = Contact::blank(format!("00000000-0000-4000-8000-{n:012}"), now());
    c.given_name = name.into();
    c
}

fn put(c: &Contact) -> Vec<Change> {
    vec![Change::PutContact { record: c.clone() }]
}

fn names(state: AppState) -> Vec<String> {
    let mut out: Vec<String> =
        state.data.with_untracked(|d| d.contacts().iter().map(|c| c.given_name.clone()).collect());
    out.sort();
    out
}

/// Waits (giving the browser turns) until `cond` holds; fails after 10 s.
async fn until(what: &str, cond: impl Fn() -> bool) {
    let start = js_sys::Date::now();
    while !cond() {
        assert!(js_sys::Date::now() - start < 10_000.0, "timed out waiting for {what}");
        yield_to_browser().await;
    }
}

/// A tab: the app's state for `db_name`, provided under its own reactive
/// owner (mounted as the app is, which also starts Leptos's executor) and
/// loaded.
async fn tab(db_name: &str) -> AppState {
    let slot = Rc::new(Cell::new(None));
    let (out, name) = (slot.clone(), db_name.to_string());
    leptos::mount::mount_to_body(move || out.set(Some(AppState::provide(&name))));
    let state = slot.get().expect("provided");
    until("the load", || state.status.get_untracked() == LoadStatus::Ready && state.is_complete.get_untracked()).await;
    state
}

fn position(state: AppState) -> Position {
    state.position().expect("the database is open")
}

#[wasm_bindgen_test]
async fn a_write_reaches_the_other_tab_live_both_ways() {
    let name = db_name("live");
    let (a, b) = (tab(&name).await, tab(&name).await);
    let ada = contact(1, "Ada");
    a.commit(put(&ada)).await.unwrap();
    assert_eq!(names(a), ["Ada"]);
    assert_eq!(position(a).journal_len, 1);
    // B hears A's announcement and reads the journal: no reload.
    until("B to show Ada", || names(b) == ["Ada"]).await;
    assert_eq!(position(b), position(a));

    let grace = contact(2, "Grace");
    b.commit(put(&grace)).await.unwrap();
    until("A to show Grace", || names(a) == ["Ada", "Grace"]).await;
    assert_eq!(position(a), position(b));
    assert_eq!((position(a).generation, position(a).journal_len), (0, 2));
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_write_from_a_tab_that_missed_entries_applies_them_first() {
    let name = db_name("stale");
    let a = tab(&name).await;
    // Another tab writes without announcing it: A does not know.
    let other = Store::open(&name, || {}).await.unwrap();
    let at = other.load().await.unwrap();
    let grace = contact(2, "Grace");
    let missed = other.append(&put(&grace), now(), at.generation, at.last_seq, None).await.unwrap();
    assert!(!missed.is_stale);
    assert!(names(a).is_empty(), "A has not caught up");

    // A's write brings the entry it missed along, applied before its own.
    let edsger = contact(3, "Edsger");
    a.commit(put(&edsger)).await.unwrap();
    assert_eq!(names(a), ["Edsger", "Grace"]);
    let p = position(a);
    assert!(p.last_seq > missed.seq);
    assert_eq!((p.generation, p.journal_len), (0, 2));
    // A catch-up now finds nothing A has not applied: nothing changes.
    a.catch_up().await;
    assert_eq!((names(a), position(a)), (vec!["Edsger".to_string(), "Grace".to_string()], p));
    // What A holds is what storage holds.
    let stored = other.load().await.unwrap();
    assert_eq!(stored.data.contacts().len(), 2);
    assert_eq!(stored.last_seq, p.last_seq);
    other.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn catch_up_applies_other_tabs_entries_in_order() {
    let name = db_name("catch-up");
    let a = tab(&name).await;
    let ada = contact(1, "Ada");
    a.commit(put(&ada)).await.unwrap();
    let before = position(a);

    let other = Store::open(&name, || {}).await.unwrap();
    let at = other.load().await.unwrap();
    let grace = contact(2, "Grace");
    let first = other.append(&put(&grace), now(), at.generation, at.last_seq, None).await.unwrap();
    let gone = vec![Change::DeleteContact { id: ada.id.clone() }];
    let second = other.append(&gone, now(), at.generation, first.seq, None).await.unwrap();
    assert_eq!(names(a), ["Ada"]);

    a.catch_up().await;
    assert_eq!(names(a), ["Grace"], "the put, then the delete");
    assert_eq!(position(a), Position { generation: 0, last_seq: second.seq, journal_len: before.journal_len + 2 });
    other.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_replaced_snapshot_is_read_again_on_catch_up_and_on_write() {
    let name = db_name("replaced");
    let a = tab(&name).await;
    a.commit(put(&contact(1, "Ada"))).await.unwrap();

    // Another tab replaces everything (an import): A reloads on catch-up.
    let other = Store::open(&name, || {}).await.unwrap();
    let first = Dataset::from_parts(generate_demo(3, 40, now()).into_records()).unwrap();
    let snap = other.write_snapshot(first.clone(), SnapshotBase::Replace).await.unwrap();
    a.catch_up().await;
    assert_eq!(a.data.with_untracked(|d| d.contacts().len()), 40);
    assert!(a.data.with_untracked(|d| d.contact(&contact(1, "Ada").id).is_none()));
    assert_eq!(position(a), Position { generation: snap.generation, last_seq: snap.last_seq, journal_len: 0 });

    // It is replaced again, and A writes before hearing of it: A's entry
    // lands on the new data, and A reads that data with its entry on top.
    let second = Dataset::from_parts(generate_demo(4, 25, now()).into_records()).unwrap();
    let snap2 = other.write_snapshot(second.clone(), SnapshotBase::Replace).await.unwrap();
    let edsger = contact(3, "Edsger");
    a.commit(put(&edsger)).await.unwrap();
    assert_eq!(a.data.with_untracked(|d| d.contacts().len()), 26);
    assert!(a.data.with_untracked(|d| d.contact(&edsger.id).is_some()));
    assert!(second.contacts().iter().all(|c| a.data.with_untracked(|d| d.contact(&c.id).is_some())));
    let p = position(a);
    assert_eq!((p.generation, p.journal_len), (snap2.generation, 1));
    other.close();
    Store::delete(&name).await.unwrap();
}
