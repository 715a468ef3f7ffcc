//! Browser tests of the storage engine (wasm-bindgen-test in headless Chromium):
//! round trips, the upgrade from every previous schema version, all-or-nothing
//! snapshot writes, and two tabs sharing one database.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use wasm_bindgen_test::*;

use crm::core::backup::{check_backup, payload_sha256, read_envelope};
use crm::core::changes::Change;
use crm::core::dataset::Dataset;
use crm::core::demo::generate_demo;
use crm::core::history::{HistoryEntry, HistoryKind};
use crm::core::snapshot::{decode_dataset, decode_entry};
use crm::storage::schema::{CHUNKS, DEVICE, HISTORY, JOURNAL, META, SCHEMA_VERSION};
use crm::storage::{SnapshotBase, StorageError, Store, Synced};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "storage/durability.rs"]
mod durability;

#[path = "storage/chunks.rs"]
mod chunks;

#[path = "storage/backup_file.rs"]
mod backup_file;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn demo(n: usize, seed: u64) -> Dataset {
    Dataset::from_parts(generate_demo(seed, n, now()).into_records()).unwrap()
}

/// A fresh database name per test.
fn db_name(test: &str) -> String {
    format!("crm-test-{test}-{}", js_sys::Math::random())
}

fn same_records(a: &Dataset, b: &Dataset) {
    assert_eq!(a.contacts().len(), b.contacts().len());
    assert_eq!(a.companies().len(), b.companies().len());
    for c in a.contacts() {
        assert_eq!(Some(c), b.contact(&c.id), "contact {}", c.id);
    }
    for c in a.companies() {
        assert_eq!(Some(c), b.company(&c.id), "company {}", c.id);
    }
    assert_eq!(a.deals().len(), b.deals().len());
    for d in a.deals().all() {
        assert_eq!(Some(d), b.deals().get(&d.id), "deal {}", d.id);
    }
    assert_eq!(a.activities().len(), b.activities().len());
    for x in a.activities().all() {
        assert_eq!(Some(x), b.activities().get(&x.id), "activity {}", x.id);
    }
    assert_eq!(a.tasks().len(), b.tasks().len());
    for t in a.tasks().all() {
        assert_eq!(Some(t), b.tasks().get(&t.id), "task {}", t.id);
    }
    assert_eq!(a.settings(), b.settings());
}

async fn open(name: &str) -> Store {
    Store::open(name, || {}).await.expect("opens")
}

#[wasm_bindgen_test]
async fn snapshot_and_journal_round_trip() {
    let name = db_name("round-trip");
    let store = open(&name).await;
    let data = demo(2_500, 1);
    let snap = store.write_snapshot(data.clone(), SnapshotBase::Replace).await.unwrap();
    assert_eq!(snap.generation, 1);

    let mut edited = data.contacts()[7].clone();
    edited.given_name = "Zoë-Édith".into();
    let gone = data.contacts()[8].id.clone();
    let changes = vec![Change::PutContact { record: edited.clone() }, Change::DeleteContact { id: gone.clone() }];
    let appended = store.append(&changes, now(), snap.generation, snap.last_seq, None).await.unwrap();
    assert!(!appended.is_stale);
    assert!(appended.earlier.is_empty());
    store.close();

    let store = open(&name).await;
    let loaded = store.load().await.unwrap();
    assert_eq!(loaded.journal_len, 1);
    assert_eq!(loaded.last_seq, appended.seq);
    let mut expected = data;
    changes.iter().for_each(|c| expected.apply(c));
    same_records(&expected, &loaded.data);
    // The staged load (what the app does at start) ends with the same records.
    let staged = store.load_staged().await.unwrap();
    assert!(staged.loaded.data.activities().is_empty());
    assert_eq!(staged.loaded.last_seq, loaded.last_seq);
    let mut joined = staged.loaded.data;
    let mut stream = store.load_rest(&staged.rest).await.unwrap().expect("same snapshot");
    // Decoded a step at a time (the app yields to the browser in between).
    while !stream.step(0.0).unwrap() {}
    assert_eq!(stream.progress().0, stream.progress().1);
    assert!(stream.progress().1 >= 2, "the demo's activities fill several chunks");
    joined.install_activities(stream.finish().unwrap());
    same_records(&expected, &joined);
    // If another tab replaces the data between the two stages, the second
    // stage says so instead of mixing two snapshots.
    let staged = store.load_staged().await.unwrap();
    store.write_snapshot(demo(300, 9), SnapshotBase::Replace).await.unwrap();
    assert!(store.load_rest(&staged.rest).await.unwrap().is_none());
    assert_eq!(loaded.data.contact(&edited.id).unwrap().given_name, "Zoë-Édith");
    assert!(loaded.data.contact(&gone).is_none());
    store.close();
    Store::delete(&name).await.unwrap();
}

/// A schema-1 database as the app's first release wrote it: chunks in their
/// first layout (`{"v":1,"kind":…,"records":[…]}`, records with named
/// fields), made by that release's own `encode_chunks`, and the same records
/// exported by its `export_backup` (how: tests/fixtures/README.md).
const SCHEMA_1_STORE: &str = include_str!("fixtures/schema1-store.json");

#[wasm_bindgen_test]
async fn upgrades_a_version_1_database_and_keeps_every_record() {
    #[derive(serde::Deserialize)]
    struct Fixture {
        chunks: Vec<(String, String)>,
        backup: String,
    }
    let fixture: Fixture = serde_json::from_str(SCHEMA_1_STORE).unwrap();
    // The same records read through the backup format: a path independent
    // of the chunk decoder under test.
    let envelope = read_envelope(&fixture.backup).unwrap();
    let digest = payload_sha256(envelope.payload());
    let expected = check_backup(envelope, &digest, now().date_naive()).unwrap().data;
    assert_eq!((expected.contacts().len(), expected.companies().len()), (100, 12));
    assert!(fixture.chunks.iter().all(|(_, json)| json.starts_with(r#"{"v":1,"kind":"#)), "the first layout");

    let name = db_name("upgrade-1");
    let v1 = Store::open_at(&name, 1, || {}).await.unwrap();
    assert_eq!(v1.store_names(), [CHUNKS, META]);
    for (key, json) in &fixture.chunks {
        v1.put_raw(CHUNKS, key, json).await.unwrap();
    }
    v1.close();

    let store = open(&name).await;
    assert_eq!(store.store_names(), [CHUNKS, DEVICE, HISTORY, JOURNAL, META]);
    let loaded = store.load().await.unwrap();
    same_records(&expected, &loaded.data);
    assert_eq!((loaded.generation, loaded.journal_len), (0, 0));
    // The staged load the app does at start reads it too.
    let staged = store.load_staged().await.unwrap();
    same_records(&expected, &staged.loaded.data);
    // The new journal works on the upgraded data, and compaction rewrites the
    // chunks in today's layout with nothing lost.
    let mut c = expected.contacts()[0].clone();
    c.job_title = "After the upgrade".into();
    let appended =
        store.append(&[Change::PutContact { record: c.clone() }], now(), 0, loaded.last_seq, None).await.unwrap();
    let after = store.load().await.unwrap();
    assert_eq!(after.data.contact(&c.id).unwrap().job_title, "After the upgrade");
    let snap = store
        .write_snapshot(after.data.clone(), SnapshotBase::Rebase { generation: 0, after_seq: appended.seq })
        .await
        .unwrap();
    same_records(&after.data, &snap.data);
    same_records(&after.data, &store.load().await.unwrap().data);
    store.close();
    Store::delete(&name).await.unwrap();
}

/// Chunks and a journal entry exactly as the foundation (schema 2, chunk
/// format 1) wrote them, made by its `encode_chunks`/`encode_entry`.
const SCHEMA_2_STORE: &str = include_str!("fixtures/schema2-store.json");

#[wasm_bindgen_test]
async fn upgrades_a_version_2_database_keeps_every_record_and_adds_undo_history() {
    #[derive(serde::Deserialize)]
    struct Fixture {
        chunks: Vec<(String, String)>,
        journal: Vec<String>,
    }
    let fixture: Fixture = serde_json::from_str(SCHEMA_2_STORE).unwrap();
    let chunk_texts: Vec<&str> = fixture.chunks.iter().map(|(_, json)| json.as_str()).collect();
    let expected = decode_dataset(&chunk_texts, &fixture.journal).unwrap();
    assert_eq!(expected.contacts().len(), 299, "the fixture's journal deletes one of 300 contacts");

    let name = db_name("upgrade-2");
    let v2 = Store::open_at(&name, 2, || {}).await.unwrap();
    assert_eq!(v2.store_names(), [CHUNKS, JOURNAL, META]);
    for (key, json) in &fixture.chunks {
        v2.put_raw(CHUNKS, key, json).await.unwrap();
    }
    for entry in &fixture.journal {
        v2.append(&decode_entry(entry).unwrap(), now(), 0, 0.0, None).await.unwrap();
    }
    v2.close();

    let store = open(&name).await;
    // Upgraded through every step to the current version (4 adds `device`,
    // 5 writes chunks as bytes).
    assert_eq!(SCHEMA_VERSION, 5);
    assert_eq!(store.store_names(), [CHUNKS, DEVICE, HISTORY, JOURNAL, META]);
    let loaded = store.load().await.unwrap();
    same_records(&expected, &loaded.data);
    assert_eq!(loaded.journal_len, 1);

    // The new history store works on the upgraded data: delete with an undo
    // entry, then undo it, each in one transaction.
    let victim = loaded.data.contacts()[3].clone();
    let changes = vec![Change::DeleteContact { id: victim.id.clone() }];
    let entry = HistoryEntry::for_changes(&loaded.data, &changes, HistoryKind::Delete, "Deleted".into(), now());
    let appended = store.append(&changes, now(), loaded.generation, loaded.last_seq, Some(&entry)).await.unwrap();
    let key = appended.history_key.expect("history entry written");
    assert!(store.load().await.unwrap().data.contact(&victim.id).is_none());
    assert_eq!(store.history().await.unwrap(), vec![(key, entry)]);
    let undone = store.undo(key, now(), loaded.generation, appended.seq).await.unwrap().expect("entry found");
    assert_eq!(undone.changes, vec![Change::PutContact { record: victim.clone() }]);
    assert!(store.history().await.unwrap().is_empty());
    assert!(store.undo(key, now(), loaded.generation, undone.appended.seq).await.unwrap().is_none());
    let after = store.load().await.unwrap();
    same_records(&expected, &after.data);

    // Compaction writes the current chunk format, and it reads back the same.
    let snap = store
        .write_snapshot(
            after.data.clone(),
            SnapshotBase::Rebase { generation: after.generation, after_seq: after.last_seq },
        )
        .await
        .unwrap();
    same_records(&expected, &snap.data);
    same_records(&expected, &store.load().await.unwrap().data);
    store.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn an_import_that_fails_half_way_changes_nothing() {
    let name = db_name("half-way");
    let store = open(&name).await;
    let before = demo(3_000, 3);
    let snap = store.write_snapshot(before.clone(), SnapshotBase::Replace).await.unwrap();
    let mut c = before.contacts()[0].clone();
    c.notes = "journal entry".into();
    store.append(&[Change::PutContact { record: c }], now(), snap.generation, snap.last_seq, None).await.unwrap();
    let stored = store.load().await.unwrap();

    // Replacing with a larger dataset fails after two of its chunks were written.
    store.fail_next_snapshot_after(2);
    let err = store.write_snapshot(demo(5_000, 4), SnapshotBase::Replace).await.unwrap_err();
    assert_eq!(err, StorageError::Failed("injected failure".into()));

    let after = store.load().await.unwrap();
    same_records(&stored.data, &after.data);
    assert_eq!((after.generation, after.journal_len, after.last_seq), (stored.generation, 1, stored.last_seq));
    store.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn two_tabs_see_each_others_changes_and_lose_nothing() {
    let name = db_name("two-tabs");
    let tab_a = open(&name).await;
    let tab_b = open(&name).await;
    let base = demo(200, 5);
    let snap = tab_a.write_snapshot(base.clone(), SnapshotBase::Replace).await.unwrap();
    let b_loaded = tab_b.load().await.unwrap();

    // A saves one contact; B saves another without having caught up.
    let mut from_a = base.contacts()[1].clone();
    from_a.job_title = "Edited in A".into();
    let a = tab_a
        .append(&[Change::PutContact { record: from_a.clone() }], now(), snap.generation, snap.last_seq, None)
        .await
        .unwrap();
    let mut from_b = base.contacts()[2].clone();
    from_b.job_title = "Edited in B".into();
    let b = tab_b
        .append(&[Change::PutContact { record: from_b.clone() }], now(), b_loaded.generation, b_loaded.last_seq, None)
        .await
        .unwrap();
    // B's write reports A's earlier entry, so B applies both.
    assert_eq!(b.earlier, vec![vec![Change::PutContact { record: from_a.clone() }]]);
    assert!(b.seq > a.seq);

    // A catches up with B's entry only.
    match tab_a.catch_up(snap.generation, a.seq).await.unwrap() {
        Synced::Applied { entries, last_seq } => {
            assert_eq!(entries, vec![vec![Change::PutContact { record: from_b.clone() }]]);
            assert_eq!(last_seq, b.seq);
        }
        _ => panic!("expected B's entry"),
    }

    // A compacts (rebasing on B's entry); B then sees a new generation and reloads.
    let mut a_view = base.clone();
    a_view.put_contact(from_a.clone());
    let compacted = tab_a
        .write_snapshot(a_view, SnapshotBase::Rebase { generation: snap.generation, after_seq: a.seq })
        .await
        .unwrap();
    assert_eq!(compacted.data.contact(&from_b.id).unwrap().job_title, "Edited in B");
    match tab_b.catch_up(b_loaded.generation, b.seq).await.unwrap() {
        Synced::Reloaded(l) => {
            assert_eq!(l.journal_len, 0);
            assert_eq!(l.data.contact(&from_a.id).unwrap().job_title, "Edited in A");
            assert_eq!(l.data.contact(&from_b.id).unwrap().job_title, "Edited in B");
        }
        _ => panic!("expected a reload after compaction"),
    }
    // A rebase on an outdated generation is refused, never written.
    let stale =
        tab_b.write_snapshot(base, SnapshotBase::Rebase { generation: b_loaded.generation, after_seq: b.seq }).await;
    assert!(matches!(stale, Err(StorageError::Stale)));
    tab_a.close();
    tab_b.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_newer_version_closes_this_connection() {
    let name = db_name("versionchange");
    let outdated = std::rc::Rc::new(std::cell::Cell::new(false));
    let flag = outdated.clone();
    let old = Store::open_at(&name, 1, move || flag.set(true)).await.unwrap();
    // Opening at the current version upgrades: the old connection must step aside.
    let new = open(&name).await;
    assert!(outdated.get());
    assert_eq!(new.store_names(), [CHUNKS, DEVICE, HISTORY, JOURNAL, META]);
    drop(old);
    new.close();
    Store::delete(&name).await.unwrap();
}
