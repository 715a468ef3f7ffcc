//! Chunk format 3 (bytes, IndexedDB schema 5): the upgrade from a schema-4
//! database holding text chunks, what is stored after the next snapshot,
//! and damaged byte chunks.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crm::core::backup::files::{BackupPlace, LastBackup};
use crm::core::history::HistoryEntry;
use crm::core::snapshot::{decode_dataset, decode_entry, encode_chunks, encode_text_chunks};
use crm::storage::schema::{CHUNKS, DEVICE, HISTORY, JOURNAL, META, SCHEMA_VERSION};
use crm::storage::{SnapshotBase, StorageError, Store};

use super::{db_name, demo, now, open, same_records};

/// Chunks (format 2, JSON text), journal entries and an undo entry as the
/// text encoder wrote them. Schemas 3 and 4 wrote the same chunk format, so
/// the schema-3 fixture is also what a schema-4 database holds.
const TEXT_STORE: &str = include_str!("../fixtures/schema3-store.json");

#[wasm_bindgen_test]
async fn upgrades_a_version_4_database_of_text_chunks_and_the_next_snapshot_writes_bytes() {
    #[derive(serde::Deserialize)]
    struct Fixture {
        chunks: Vec<(String, String)>,
        journal: Vec<String>,
        history: Vec<String>,
    }
    let fixture: Fixture = serde_json::from_str(TEXT_STORE).unwrap();
    let texts: Vec<&str> = fixture.chunks.iter().map(|(_, json)| json.as_str()).collect();
    let expected = decode_dataset(&texts, &fixture.journal).unwrap();
    assert!(!expected.activities().is_empty() && !expected.deals().is_empty());
    let history: Vec<HistoryEntry> = fixture.history.iter().map(|h| HistoryEntry::decode(h).unwrap()).collect();

    let name = db_name("upgrade-4");
    let v4 = Store::open_at(&name, 4, || {}).await.unwrap();
    for (key, json) in &fixture.chunks {
        v4.put_raw(CHUNKS, key, json).await.unwrap();
    }
    let mut seq = 0.0;
    for (i, entry) in fixture.journal.iter().enumerate() {
        let undo = if i + 1 == fixture.journal.len() { history.first() } else { None };
        seq = v4.append(&decode_entry(entry).unwrap(), now(), 0, seq, undo).await.unwrap().seq;
    }
    // Schema 4's own store: what this browser alone keeps.
    let last = LastBackup {
        at: now(),
        bytes: 12_345,
        file_name: "crm-backup-2026-11-30.json".into(),
        is_encrypted: true,
        place: BackupPlace::Folder,
    };
    v4.record_backup(&last).await.unwrap();
    v4.close();

    let store = open(&name).await;
    assert_eq!(SCHEMA_VERSION, 5);
    assert_eq!(store.store_names(), [CHUNKS, DEVICE, HISTORY, JOURNAL, META]);
    // The upgrade converts nothing: the text chunks are read as they are,
    // by the staged load the app does at start and by a whole load.
    let (first_key, _) = &fixture.chunks[0];
    assert!(store.get_raw(CHUNKS, first_key).await.unwrap().as_string().is_some());
    let staged = store.load_staged().await.unwrap();
    let mut data = staged.loaded.data;
    data.install_activities(store.load_rest(&staged.rest).await.unwrap().expect("same snapshot").finish().unwrap());
    same_records(&expected, &data);
    let loaded = store.load().await.unwrap();
    same_records(&expected, &loaded.data);
    assert_eq!(loaded.journal_len, fixture.journal.len());

    // The next snapshot (a compaction) writes every chunk as bytes: exactly
    // what the byte encoder makes of the data, and they read back the same.
    let snap = store
        .write_snapshot(
            loaded.data.clone(),
            SnapshotBase::Rebase { generation: loaded.generation, after_seq: loaded.last_seq },
        )
        .await
        .unwrap();
    for (key, bytes) in encode_chunks(&snap.data) {
        let stored = store.get_raw(CHUNKS, &key).await.unwrap();
        let stored: js_sys::Uint8Array = stored.dyn_into().expect("a chunk of bytes");
        assert_eq!(stored.to_vec(), bytes, "{key}");
    }
    let after = store.load().await.unwrap();
    assert_eq!(after.journal_len, 0);
    same_records(&expected, &after.data);
    // The undo history and the device store are untouched by both.
    let kept: Vec<HistoryEntry> = store.history().await.unwrap().into_iter().map(|(_, h)| h).collect();
    assert_eq!(kept, history);
    assert_eq!(store.last_backup().await.unwrap(), Some(last));
    store.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_damaged_byte_chunk_is_reported_and_never_half_read() {
    let name = db_name("damaged-bytes");
    let store = open(&name).await;
    let data = demo(1_200, 6);
    store.write_snapshot(data.clone(), SnapshotBase::Replace).await.unwrap();
    let (key, bytes) = encode_chunks(&data).into_iter().find(|(k, _)| k.starts_with("1-contact")).unwrap();
    // A chunk cut short, as a disk fault or a foreign write would leave it.
    let cut = js_sys::Uint8Array::from(&bytes[..bytes.len() / 2]);
    store.put_raw_value(CHUNKS, &key, &cut).await.unwrap();
    match store.load().await {
        Err(StorageError::Corrupt(message)) => assert!(message.contains("chunk"), "{message}"),
        other => panic!("expected the damage to be reported, got {:?}", other.map(|l| l.data.contacts().len())),
    }
    // Text chunks of format 2 written after the bytes still read (a tab of
    // this version never writes them, but reading does not depend on it).
    for (key, json) in encode_text_chunks(&data) {
        store.put_raw(CHUNKS, &key, &json).await.unwrap();
    }
    same_records(&data, &store.load().await.unwrap().data);
    store.close();
    Store::delete(&name).await.unwrap();
}
