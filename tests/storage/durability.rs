//! Browser tests of the durability pieces (issue 12): encrypted backups with
//! WebCrypto (cross-tested with the native command through a committed
//! fixture), the `device` store of schema 4 and the upgrade from schema 3,
//! automatic backups to a folder (in the origin-private file system, which
//! needs no picker), and the Storage API.

use chrono::{TimeZone, Utc};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crm::core::backup::encrypted::{read_encrypted, KdfParams, ITERATIONS};
use crm::core::backup::files::{automatic_file_name, BackupPlace, LastBackup};
use crm::core::backup::parse_backup;
use crm::core::changes::Change;
use crm::core::history::HistoryEntry;
use crm::core::snapshot::{decode_dataset, decode_entry};
use crm::storage::crypto::{decrypt, encrypt, encrypt_with, BackupKey};
use crm::storage::folder::{is_supported, BackupFolder, Permission};
use crm::storage::persistence::{estimate, is_persisted, request_persistence};
use crm::storage::schema::{CHUNKS, DEVICE, HISTORY, JOURNAL, META, SCHEMA_VERSION};
use crm::storage::{StorageError, Store};

use super::{db_name, now, open, same_records};

/// The cross-test vector, shared with `examples/backup_crypt.rs`.
const PLAIN: &[u8] = include_bytes!("../fixtures/encrypted-backup.plain.json");
const ENVELOPE: &[u8] = include_bytes!("../fixtures/encrypted-backup.json");
const PASSPHRASE: &str = "correct horse battery staple";
const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
const NONCE: [u8; 12] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab];

fn fixed() -> KdfParams {
    KdfParams { iterations: ITERATIONS, salt: SALT }
}

fn today() -> chrono::NaiveDate {
    now().date_naive()
}

#[wasm_bindgen_test]
async fn webcrypto_produces_the_native_fixture_byte_for_byte() {
    let made = encrypt_with(PLAIN, PASSPHRASE, &fixed(), &NONCE).await.unwrap();
    assert_eq!(String::from_utf8(made).unwrap(), std::str::from_utf8(ENVELOPE).unwrap());
}

#[wasm_bindgen_test]
async fn webcrypto_decrypts_the_fixture_into_a_backup_that_passes_every_check() {
    let plain = decrypt(ENVELOPE, PASSPHRASE).await.unwrap();
    assert_eq!(plain, PLAIN);
    let backup = parse_backup(std::str::from_utf8(&plain).unwrap(), today()).unwrap();
    assert_eq!((backup.data.contacts().len(), backup.data.deals().len()), (1, 1));
}

/// Browsers without native base64 (`Uint8Array.fromBase64`/`toBase64`) use
/// the base64 of wasm: the same bytes either way.
#[wasm_bindgen_test]
async fn without_native_base64_the_same_file_is_written_and_read() {
    use js_sys::{Object, Reflect};
    let ctor = Reflect::get(&js_sys::global(), &"Uint8Array".into()).unwrap();
    let proto = Reflect::get(&ctor, &"prototype".into()).unwrap();
    let from = Reflect::get(&ctor, &"fromBase64".into()).unwrap();
    let to = Reflect::get(&proto, &"toBase64".into()).unwrap();
    assert!(from.is_function() && to.is_function(), "this Chromium has native base64");
    Reflect::delete_property(ctor.unchecked_ref::<Object>(), &"fromBase64".into()).unwrap();
    Reflect::delete_property(proto.unchecked_ref::<Object>(), &"toBase64".into()).unwrap();
    let made = encrypt_with(PLAIN, PASSPHRASE, &fixed(), &NONCE).await;
    let opened = decrypt(ENVELOPE, PASSPHRASE).await;
    let mut bad = ENVELOPE.to_vec();
    let at = bad.len() - 40;
    bad[at] = b'!';
    let not_base64 = decrypt(&bad, PASSPHRASE).await;
    Reflect::set(&ctor, &"fromBase64".into(), &from).unwrap();
    Reflect::set(&proto, &"toBase64".into(), &to).unwrap();
    assert_eq!(made.unwrap(), ENVELOPE);
    assert_eq!(opened.unwrap(), PLAIN);
    assert_eq!(
        not_base64,
        Err(StorageError::BadFile(
            "The encrypted backup is damaged (its ciphertext is not base64). Nothing was imported.".into()
        ))
    );
    // And with native base64, the same message.
    assert_eq!(decrypt(&bad, PASSPHRASE).await, not_base64);
}

#[wasm_bindgen_test]
async fn a_wrong_passphrase_or_a_damaged_file_says_so_plainly() {
    assert_eq!(decrypt(ENVELOPE, "correct horse battery stapler").await, Err(StorageError::WrongPassphrase));
    assert_eq!(
        StorageError::WrongPassphrase.to_string(),
        "The file is damaged or the passphrase is wrong. Nothing was changed."
    );
    // One changed base64 digit inside the ciphertext: GCM's tag fails.
    let mut tampered = ENVELOPE.to_vec();
    let at = tampered.len() - 40;
    tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
    assert_eq!(decrypt(&tampered, PASSPHRASE).await, Err(StorageError::WrongPassphrase));
    // Envelope problems are reported before any key is derived, in core's words.
    let text = std::str::from_utf8(ENVELOPE).unwrap();
    let bad_file = |e: Result<Vec<u8>, StorageError>| match e {
        Err(StorageError::BadFile(msg)) => msg,
        other => panic!("expected BadFile, got {other:?}"),
    };
    let cut = bad_file(decrypt(&ENVELOPE[..ENVELOPE.len() / 3], PASSPHRASE).await);
    assert!(cut.contains("ends early"), "{cut}");
    let kdf = bad_file(decrypt(text.replace("PBKDF2-HMAC-SHA-256", "scrypt").as_bytes(), PASSPHRASE).await);
    assert!(kdf.contains("key derivation this version does not know (“scrypt”"), "{kdf}");
    let newer =
        bad_file(decrypt(text.replace("\"format_version\":1", "\"format_version\":2").as_bytes(), PASSPHRASE).await);
    assert!(newer.contains("newer version of the app (format 2;"), "{newer}");
    let plain = bad_file(decrypt(PLAIN, PASSPHRASE).await);
    assert!(plain.contains("unencrypted backup"), "{plain}");
}

#[wasm_bindgen_test]
async fn random_salts_and_nonces_round_trip_and_accents_are_normalised() {
    let a = encrypt(PLAIN, "café crème").await.unwrap();
    let b = encrypt(PLAIN, "café crème").await.unwrap();
    assert_ne!(a, b, "a fresh salt and nonce every time");
    let (ra, rb) = (read_encrypted(&a).unwrap(), read_encrypted(&b).unwrap());
    assert_ne!(ra.kdf.salt, rb.kdf.salt);
    assert_ne!(ra.nonce, rb.nonce);
    assert_eq!(ra.kdf.iterations, 600_000);
    // The same passphrase typed with combining accents opens it.
    assert_eq!(decrypt(&a, "cafe\u{301} cre\u{300}me").await.unwrap(), PLAIN);
}

#[wasm_bindgen_test]
async fn the_automatic_backup_key_is_kept_non_extractable_and_opens_with_the_passphrase() {
    let name = db_name("backup-key");
    let store = open(&name).await;
    assert!(store.backup_key().await.unwrap().is_none());
    let key = BackupKey::derive("a long passphrase").await.unwrap();
    assert!(!key.is_extractable());
    store.save_backup_key(&key).await.unwrap();
    store.close();

    // After a restart the key is still there, still not extractable.
    let store = open(&name).await;
    let kept = store.backup_key().await.unwrap().expect("kept");
    assert!(!kept.is_extractable());
    assert_eq!(kept.kdf(), key.kdf());
    let first = kept.encrypt(PLAIN).await.unwrap();
    let second = kept.encrypt(PLAIN).await.unwrap();
    assert_ne!(read_encrypted(&first).unwrap().nonce, read_encrypted(&second).unwrap().nonce);
    // Any copy of the app opens the files with the passphrase alone.
    assert_eq!(decrypt(&first, "a long passphrase").await.unwrap(), PLAIN);
    assert_eq!(kept.decrypt(&second).await.unwrap(), PLAIN);
    assert_eq!(decrypt(&first, "another passphrase").await, Err(StorageError::WrongPassphrase));
    // The fixed-parameter key gives the fixture, like the passphrase does.
    let fixture_key = BackupKey::derive_with(PASSPHRASE, fixed()).await.unwrap();
    assert_eq!(fixture_key.encrypt_with_nonce(PLAIN, &NONCE).await.unwrap(), ENVELOPE);
    store.forget_backup_key().await.unwrap();
    assert!(store.backup_key().await.unwrap().is_none());
    store.close();
    Store::delete(&name).await.unwrap();
}

/// A schema-3 database exactly as that version wrote it: chunks, journal
/// entries and an undo entry made by schema 3's `encode_chunks`,
/// `encode_entry` and `HistoryEntry::encode` (demo data, seed 12, 120
/// contacts; the journal renames one contact and deletes another, whose
/// delete has the undo entry).
const SCHEMA_3_STORE: &str = include_str!("../fixtures/schema3-store.json");

#[wasm_bindgen_test]
async fn upgrades_a_version_3_database_keeps_everything_and_adds_the_device_store() {
    #[derive(serde::Deserialize)]
    struct Fixture {
        chunks: Vec<(String, String)>,
        journal: Vec<String>,
        history: Vec<String>,
    }
    let fixture: Fixture = serde_json::from_str(SCHEMA_3_STORE).unwrap();
    let chunk_texts: Vec<&str> = fixture.chunks.iter().map(|(_, json)| json.as_str()).collect();
    let expected = decode_dataset(&chunk_texts, &fixture.journal).unwrap();
    assert_eq!(expected.contacts().len(), 119, "the fixture's journal deletes one of 120 contacts");
    let history: Vec<HistoryEntry> = fixture.history.iter().map(|h| HistoryEntry::decode(h).unwrap()).collect();

    let name = db_name("upgrade-3");
    let v3 = Store::open_at(&name, 3, || {}).await.unwrap();
    assert_eq!(v3.store_names(), [CHUNKS, HISTORY, JOURNAL, META]);
    for (key, json) in &fixture.chunks {
        v3.put_raw(CHUNKS, key, json).await.unwrap();
    }
    let mut seq = 0.0;
    for (i, entry) in fixture.journal.iter().enumerate() {
        // The last entry (the delete) is written with its undo entry, as schema 3 did.
        let undo = if i + 1 == fixture.journal.len() { history.first() } else { None };
        seq = v3.append(&decode_entry(entry).unwrap(), now(), 0, seq, undo).await.unwrap().seq;
    }
    v3.close();

    let store = open(&name).await;
    assert_eq!(SCHEMA_VERSION, 5);
    assert_eq!(store.store_names(), [CHUNKS, DEVICE, HISTORY, JOURNAL, META]);
    let loaded = store.load().await.unwrap();
    same_records(&expected, &loaded.data);
    assert_eq!(loaded.journal_len, fixture.journal.len());
    let kept: Vec<HistoryEntry> = store.history().await.unwrap().into_iter().map(|(_, h)| h).collect();
    assert_eq!(kept, history);
    // Undo still works on the upgraded data: the deleted contact comes back.
    let (key, entry) = store.history().await.unwrap().remove(0);
    let undone = store.undo(key, now(), loaded.generation, loaded.last_seq).await.unwrap().expect("entry found");
    assert_eq!(undone.changes, entry.undo);
    let Change::PutContact { record } = &entry.undo[0] else { panic!("the undo puts the contact back") };
    assert!(store.load().await.unwrap().data.contact(&record.id).is_some());
    // The new store works, and nothing in it is part of the data.
    assert_eq!(store.last_backup().await.unwrap(), None);
    let last = LastBackup {
        at: Utc.with_ymd_and_hms(2026, 11, 23, 19, 13, 31).unwrap(),
        bytes: 2_732,
        file_name: "crm-backup-2026-11-23.json".into(),
        is_encrypted: false,
        place: BackupPlace::Download,
    };
    store.record_backup(&last).await.unwrap();
    assert_eq!(store.last_backup().await.unwrap(), Some(last));
    store.close();
    Store::delete(&name).await.unwrap();
}

/// A fresh folder inside the origin-private file system.
async fn test_folder(name: &str) -> BackupFolder {
    BackupFolder::private_root().await.unwrap().subfolder(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn automatic_backups_write_files_keep_the_newest_and_never_touch_others() {
    assert!(is_supported(), "Chromium has the File System Access API");
    let folder = test_folder(&db_name("folder")).await;
    assert_eq!(folder.permission().await.unwrap(), Permission::Granted);
    folder.write_file("my notes.txt", b"mine").await.unwrap();
    folder.write_file("crm-backup-2026-11-20.json", b"a download").await.unwrap();
    let start = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    let mut written = Vec::new();
    for i in 0..4 {
        let name = automatic_file_name(start + chrono::Duration::minutes(10 * i), i % 2 == 1);
        let bytes = format!("backup {i}").into_bytes();
        let removed = folder.write_backup(&name, &bytes, 2).await.unwrap();
        assert_eq!(removed.len(), usize::from(i >= 2), "after backup {i}: {removed:?}");
        written.push((name, bytes));
    }
    let mut expected = vec![
        "crm-backup-2026-11-20.json".to_string(),
        written[2].0.clone(),
        written[3].0.clone(),
        "my notes.txt".into(),
    ];
    expected.sort();
    assert_eq!(folder.file_names().await.unwrap(), expected);
    assert_eq!(folder.read_file(&written[3].0).await.unwrap(), written[3].1);
    assert_eq!(folder.read_file("my notes.txt").await.unwrap(), b"mine");
    // Writing a name again replaces the file whole.
    folder.write_file("my notes.txt", b"new").await.unwrap();
    assert_eq!(folder.read_file("my notes.txt").await.unwrap(), b"new");
}

#[wasm_bindgen_test]
async fn the_backup_folder_is_kept_across_a_restart() {
    let name = db_name("folder-kept");
    let store = open(&name).await;
    assert!(store.backup_folder().await.unwrap().is_none());
    let folder = test_folder(&name).await;
    store.save_backup_folder(&folder).await.unwrap();
    store.close();

    let store = open(&name).await;
    let kept = store.backup_folder().await.unwrap().expect("kept");
    assert_eq!(kept.name(), folder.name());
    assert_eq!(kept.permission().await.unwrap(), Permission::Granted);
    // The kept handle writes into the same folder.
    kept.write_file("crm-backup-2026-11-23T090000Z.json", b"{}").await.unwrap();
    assert_eq!(folder.file_names().await.unwrap(), ["crm-backup-2026-11-23T090000Z.json"]);
    store.forget_backup_folder().await.unwrap();
    assert!(store.backup_folder().await.unwrap().is_none());
    store.close();
    Store::delete(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn persistence_and_estimates_are_reported() {
    let granted = request_persistence().await.unwrap();
    assert_eq!(is_persisted().await.unwrap(), granted, "persisted() reports what persist() decided");
    let before = estimate().await.unwrap();
    assert!(before.quota > 0.0 && before.usage >= 0.0, "{before:?}");
    assert!(before.available() <= before.quota);

    // Writing a few megabytes that do not compress shows in the usage.
    let name = db_name("estimate");
    let store = open(&name).await;
    let mut noise = [0u8; 65_536];
    for i in 0..48 {
        web_sys::window().unwrap().crypto().unwrap().get_random_values_with_u8_array(&mut noise).unwrap();
        let text: String = noise.iter().map(|b| char::from(b'!' + b % 90)).collect();
        store.put_raw(CHUNKS, &format!("noise-{i}"), &text).await.unwrap();
    }
    let after = estimate().await.unwrap();
    assert!(after.usage > before.usage + 1_000_000.0, "usage {} then {}", before.usage, after.usage);
    store.close();
    Store::delete(&name).await.unwrap();
}

/// The benchmark of encrypted backups (prints medians, asserts only that the
/// round trip is exact): the 100k-contact demo backup (as `make_backup
/// 100000`, 245 MB) encrypted and decrypted with WebCrypto, PBKDF2 included.
/// Run it in a release build:
///
/// ```sh
/// CHROMEDRIVER=/usr/bin/chromedriver CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
///   WASM_BINDGEN_TEST_TIMEOUT=600 cargo test --release --target wasm32-unknown-unknown --test storage \
///   -- --include-ignored encrypted_backup_timing
/// ```
#[wasm_bindgen_test]
#[ignore = "a benchmark: run with --include-ignored in a release build"]
async fn encrypted_backup_timing() {
    use crm::core::backup::export_backup;
    use crm::core::dataset::Dataset;
    use crm::core::demo::generate_demo;
    use wasm_bindgen_test::console_log;

    let contacts: usize = option_env!("CRM_BENCH_CONTACTS").and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let data = Dataset::from_parts(generate_demo(42, contacts, at).into_records()).unwrap();
    let plain = export_backup(&data, "bench", at).into_bytes();
    drop(data);
    let clock = || js_sys::Date::now();
    let median = |mut xs: Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        xs[xs.len() / 2]
    };
    let (mut derive_ms, mut enc_ms, mut dec_ms, mut read_ms) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut size = 0;
    for _ in 0..3 {
        let t = clock();
        BackupKey::derive("a passphrase for the benchmark").await.unwrap();
        derive_ms.push(clock() - t);
        let t = clock();
        let sealed = encrypt(&plain, "a passphrase for the benchmark").await.unwrap();
        enc_ms.push(clock() - t);
        size = sealed.len();
        let t = clock();
        let parts = crm::core::backup::encrypted::read_encrypted_parts(&sealed).unwrap();
        read_ms.push(clock() - t);
        assert_eq!(parts.kdf.iterations, ITERATIONS);
        let t = clock();
        let opened = decrypt(&sealed, "a passphrase for the benchmark").await.unwrap();
        dec_ms.push(clock() - t);
        assert!(opened == plain, "the round trip is exact");
    }
    console_log!(
        "encrypted backup, {contacts} contacts: plaintext {:.1} MB, file {:.1} MB; medians of 3: PBKDF2 {:.0} ms, encrypt {:.0} ms, decrypt {:.0} ms (each including PBKDF2; checking the envelope {:.0} ms of it)",
        plain.len() as f64 / 1e6,
        size as f64 / 1e6,
        median(derive_ms),
        median(enc_ms),
        median(dec_ms),
        median(read_ms)
    );
}
