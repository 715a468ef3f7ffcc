//! Reading a chosen backup file a window at a time (`storage::backup_file`):
//! the same backup as `parse_backup` for valid files, with WebCrypto hashing
//! the payload or without it, and exactly the old messages for bad files.

use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use crm::core::backup::{export_backup, parse_backup, Backup, BackupError, FORMAT_VERSION};
use crm::storage::backup_file::BackupFile;

use super::{demo, now, same_records};

fn today() -> chrono::NaiveDate {
    now().date_naive()
}

async fn read(text: &str) -> Result<Backup, BackupError> {
    let mut file = BackupFile::from_bytes(Uint8Array::from(text.as_bytes()), today());
    let mut steps = 0;
    // Small steps, as the page takes them between turns of the browser.
    while !file.step(0.0) {
        steps += 1;
        assert!(file.progress() < 1.0 || steps > 0);
    }
    assert_eq!(file.progress(), 1.0);
    file.finish().await
}

fn same(a: &Backup, b: &Backup) {
    same_records(&a.data, &b.data);
    assert_eq!((a.format_version, a.has_settings, &a.warnings), (b.format_version, b.has_settings, &b.warnings));
}

#[wasm_bindgen_test]
async fn reads_a_backup_as_parse_backup_does_with_and_without_webcrypto() {
    // Large enough for several windows of 1 MiB.
    let text = export_backup(&demo(1_500, 21), "x", now());
    assert!(text.len() > 3 << 20, "{} bytes", text.len());
    let expected = parse_backup(&text, today()).unwrap();
    same(&read(&text).await.unwrap(), &expected);

    // Where the page has no WebCrypto (plain http), core hashes the payload.
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).unwrap();
    let subtle = Reflect::get(&crypto, &"subtle".into()).unwrap();
    let descriptor: Object = js_sys::JSON::parse(r#"{"value":null,"configurable":true}"#).unwrap().unchecked_into();
    Object::define_property(crypto.unchecked_ref::<Object>(), &"subtle".into(), &descriptor);
    let without = read(&text).await;
    let tampered = read(&text.replacen("\"given_name\":\"", "\"given_name\":\"X", 1)).await;
    Reflect::delete_property(crypto.unchecked_ref::<Object>(), &"subtle".into()).unwrap();
    assert!(Reflect::get(&crypto, &"subtle".into()).unwrap().is_object());
    assert_eq!(Reflect::get(&crypto, &"subtle".into()).unwrap(), subtle);
    same(&without.unwrap(), &expected);
    assert_eq!(tampered.unwrap_err(), BackupError::ChecksumMismatch);
}

#[wasm_bindgen_test]
async fn a_bad_file_gets_exactly_the_message_it_always_got() {
    let text = export_backup(&demo(200, 22), "x", now());
    let cases = [
        text.replacen("\"given_name\":\"", "\"given_name\":\"X", 1),
        text.replacen(&format!("\"format_version\":{FORMAT_VERSION}"), "\"format_version\":9", 1),
        text[..text.len() / 2].to_string(),
        "not json {".to_string(),
        String::new(),
        text.replacen("\"contacts\":200", "\"contacts\":201", 1),
    ];
    for (i, bad) in cases.iter().enumerate() {
        assert_ne!(bad, &text, "case {i} changes the file");
        let expected = parse_backup(bad, today()).unwrap_err();
        assert_eq!(read(bad).await.unwrap_err(), expected, "case {i}");
    }
}
