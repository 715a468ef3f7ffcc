//! The window-at-a-time reader gives exactly what `parse_backup` gives for
//! every valid file, however the file is cut, and sends everything else to
//! `parse_backup` (which then says what is wrong, as it always did).

use super::*;
use crate::core::backup::stream::{Progress, StreamError, StreamReader};

/// How the caller gets the checksum: from outside (WebCrypto), or the reader.
#[derive(Clone, Copy)]
enum Hash {
    Outside,
    Reader,
}

/// Reads `file` in windows of `window` bytes.
fn streamed(file: &[u8], window: usize, hash: Hash) -> Result<Backup, StreamError> {
    let mut r = StreamReader::new(today(), file.len());
    if let Hash::Reader = hash {
        r.hash_payload();
    }
    let mut fed = 0;
    let mut done = false;
    while fed < file.len() {
        let n = window.min(file.len() - fed);
        r.window(n).copy_from_slice(&file[fed..fed + n]);
        fed += n;
        done = r.process()? == Progress::Done;
        assert!(r.consumed() <= fed);
    }
    if !done {
        return Err(StreamError::Fallback("the file ended early".into()));
    }
    let digest = match hash {
        Hash::Outside => {
            let (start, end) = r.payload_range().expect("payload read");
            Some(sha256_hex(&file[start..end]))
        }
        Hash::Reader => None,
    };
    r.finish(digest.as_deref())
}

fn same(a: &Backup, b: &Backup) {
    assert_eq!(sorted(a.data.to_parts()), sorted(b.data.to_parts()));
    assert_eq!(a.data.settings(), b.data.settings());
    assert_eq!(
        (a.format_version, a.schema_version, &a.app_version, a.exported_at, a.has_settings, &a.warnings),
        (b.format_version, b.schema_version, &b.app_version, b.exported_at, b.has_settings, &b.warnings)
    );
    // The indexes agree too (the list order by name uses the sort keys).
    for sort in crate::core::dataset::ContactSort::ALL {
        let ids = |d: &Dataset| {
            d.contact_order(sort).iter().map(|&i| d.contacts()[i as usize].id.clone()).collect::<Vec<_>>()
        };
        assert_eq!(ids(&a.data), ids(&b.data));
    }
    let all: Vec<u32> = (0..a.data.activities().len() as u32).collect();
    assert_eq!(a.data.activities().filter(&all, "call"), b.data.activities().filter(&all, "call"));
}

/// `value` written again (pretty or not, after `prefix`) with the checksum
/// of its payload as written.
fn resigned(value: &serde_json::Value, pretty: bool, prefix: &str) -> String {
    let write = |v: &serde_json::Value| if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) };
    let mut head = value.clone();
    let payload = head.as_object_mut().unwrap().remove("payload").unwrap();
    let payload = write(&payload).unwrap();
    head["payload_sha256"] = sha256_hex(payload.as_bytes()).into();
    let head = write(&head).unwrap();
    let head = head.strip_suffix('}').unwrap().trim_end();
    format!("{prefix}{head},\n \"payload\" :\t{payload}\n}}\n")
}

fn files() -> Vec<(&'static str, String)> {
    let demo = crate::core::demo::generate_demo(8, 120, at(20));
    let demo = Dataset::from_parts(demo.into_records()).unwrap();
    let exported = export_backup(&demo, "x", at(20));
    let value: serde_json::Value = serde_json::from_str(&exported).unwrap();
    // Pretty-printed, and with the keys in another order (serde_json's map
    // sorts them: "counts" first, "payload" before "payload_sha256", and the
    // records' fields too), an unknown key and a BOM; both signed again.
    let pretty = resigned(&value, true, "");
    let mut reordered = value.clone();
    reordered["comment"] = serde_json::json!({"by": "a person", "n": [1, 2.5, null, true]});
    let reordered = resigned(&reordered, false, "\u{feff}");
    let mut with_missing = sample();
    let mut a = with_missing.contact(ID_A).unwrap().clone();
    a.company_id = Some(ID_B.into());
    with_missing.put_contact(a);
    // Activities linking to a contact, a company and a deal the file lacks
    // (and one to a deal that comes after it when the keys are sorted).
    let mut unlinked = full();
    let some = unlinked.activities().all()[0].clone();
    for (n, (contact, company, deal)) in
        [(Some(ID_B), None, None), (None, Some(ID_B), None), (None, None, Some("6f1c2a55-0d4e-4f1b-9a5e-1c2d3e4f5a6b"))]
            .into_iter()
            .enumerate()
    {
        let mut a = some.clone();
        a.id = format!("0000000{n}-1111-4222-8333-444455556666");
        a.contact_ids = contact.map(|c| vec![c.to_string()]).unwrap_or_default();
        a.company_id = company.map(str::to_string);
        a.deal_id = deal.map(str::to_string);
        unlinked.apply(&Change::PutActivity { record: a });
    }
    let unlinked = export_backup(&unlinked, "x", at(20));
    let unlinked_sorted = resigned(&serde_json::from_str(&unlinked).unwrap(), false, "");
    vec![
        ("unlinked activities", unlinked),
        ("unlinked activities, keys sorted", unlinked_sorted),
        ("demo", exported.clone()),
        ("pretty", pretty),
        ("reordered", reordered),
        ("format 1", FORMAT_1.to_string()),
        ("every kind", export_backup(&full(), "0.2.0", at(20))),
        ("dangling links", export_backup(&with_missing, "x", at(20))),
        ("empty", export_backup(&Dataset::default(), "x", at(20))),
    ]
}

#[test]
fn gives_what_parse_backup_gives_however_the_file_is_cut() {
    for (name, file) in files() {
        let expected = parse_backup(&file, today()).unwrap_or_else(|e| panic!("{name}: {e}"));
        if name.starts_with("unlinked") {
            assert!(
                expected.warnings.iter().any(|w| w.to_string().starts_with("3 deal(s), activities")),
                "{name}: {:?}",
                expected.warnings
            );
        }
        // A record cut in two is parsed again from its start once the rest
        // is in, so tiny windows are slow on the larger files.
        let tiny: &[usize] = if file.len() < 20_000 { &[1, 2, 3] } else { &[] };
        for &window in tiny.iter().chain(&[7, 64, 1000, 4096, file.len()]) {
            for hash in [Hash::Outside, Hash::Reader] {
                let got = streamed(file.as_bytes(), window, hash)
                    .unwrap_or_else(|e| panic!("{name}, windows of {window}: {e:?}"));
                same(&got, &expected);
            }
        }
    }
}

#[test]
fn the_payload_range_is_what_the_checksum_covers() {
    let file = export_backup(&full(), "0.2.0", at(20));
    let mut r = StreamReader::new(today(), file.len());
    r.feed(file.as_bytes());
    assert_eq!(r.process().unwrap(), Progress::Done);
    let (start, end) = r.payload_range().unwrap();
    assert_eq!(&file[start..end], payload_of(&file).strip_prefix("\"payload\":").unwrap().strip_suffix('}').unwrap());
    assert_eq!(r.payload_start(), Some(start));
}

/// Every way a file can be wrong goes to `parse_backup`, which refuses it.
#[test]
fn anything_wrong_goes_to_the_exact_reader() {
    let good = export_backup(&sample(), "0.1.0", at(20));
    let c = format!(
        r#"{{"id":"{ID_A}","given_name":"A","created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}"#
    );
    let bad_email = format!(
        r#"{{"companies":[],"contacts":[{{"id":"{ID_A}","given_name":"Jane","emails":[{{"address":"jane@"}}],"created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z"}}]}}"#
    );
    let t = r#""created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z""#;
    let bad_deal =
        format!(r#"{{"deals":[{{"id":"{ID_DEAL}","title":"Roof","currency":"EUR","stage":"vertrag",{t}}}]}}"#);
    let wrong: Vec<(&str, String)> = vec![
        ("not json", "not json {".into()),
        ("empty", String::new()),
        ("a list", "[1,2]".into()),
        ("no format", r#"{"hello":1}"#.into()),
        ("newer", good.replacen("\"format_version\":3", "\"format_version\":4", 1)),
        ("tampered", good.replacen("Jane", "Joan", 1)),
        ("count", good.replacen("\"contacts\":2", "\"contacts\":3", 1)),
        ("cut short", good[..good.len() - 1].to_string()),
        ("cut in a record", good[..good.len() / 2].to_string()),
        ("more after it", format!("{good} {{}}")),
        ("a second payload", good.replacen("\"payload_sha256\"", "\"payload\":{},\"payload_sha256\"", 1)),
        ("invalid contact", signed(&bad_email, 1, 0)),
        ("invalid deal", signed(&bad_deal, 0, 0)),
        ("duplicate ids", signed(&format!(r#"{{"companies":[],"contacts":[{c},{c}]}}"#), 2, 0)),
        ("contacts twice", signed(&format!(r#"{{"contacts":[],"contacts":[{c}]}}"#), 1, 0)),
        ("payload not an object", good.replacen("\"payload\":{", "\"payload\":[{", 1).replacen("}}", "}]}", 1)),
        ("a record list of null", signed(r#"{"contacts":null}"#, 0, 0)),
        ("BOM after spaces", format!(" \u{feff}{good}")),
    ];
    for (name, file) in wrong {
        for window in [1, 5, 4096] {
            match streamed(file.as_bytes(), window, Hash::Reader) {
                Err(StreamError::Fallback(_)) => {}
                Ok(_) => panic!("{name}: accepted by the stream reader"),
            }
        }
        assert!(parse_backup(&file, today()).is_err(), "{name}: parse_backup accepts it");
    }
    // Bytes that are not UTF-8 inside a name.
    let mut bytes = good.clone().into_bytes();
    let at = good.find("Jane").unwrap();
    bytes[at + 1] = 0xff;
    for window in [1, 5, 4096] {
        assert!(matches!(streamed(&bytes, window, Hash::Reader), Err(StreamError::Fallback(_))));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_window_sizes_give_the_same_backup(seed in 0u64..1000, cuts in proptest::collection::vec(1usize..5000, 1..40)) {
        let demo = crate::core::demo::generate_demo(seed, 30, at(20));
        let file = export_backup(&Dataset::from_parts(demo.into_records()).unwrap(), "x", at(20));
        let expected = parse_backup(&file, today()).unwrap();
        let mut r = StreamReader::new(today(), file.len());
        let mut fed = 0;
        for n in cuts.iter().cycle() {
            if fed == file.len() {
                break;
            }
            let n = (*n).min(file.len() - fed);
            r.feed(&file.as_bytes()[fed..fed + n]);
            fed += n;
            r.process().unwrap();
        }
        let (start, end) = r.payload_range().unwrap();
        let got = r.finish(Some(&sha256_hex(&file.as_bytes()[start..end]))).unwrap();
        same(&got, &expected);
    }
}

#[test]
fn guesses_the_end_of_a_last_payload() {
    use crate::core::backup::stream::guess_payload_end;
    let file = br#"{"a":1,"payload":{"x":[]}}"#;
    assert_eq!(guess_payload_end(file, file.len()), Some(file.len() - 1));
    let spaced = b"{\"payload\":{}\n}\n";
    assert_eq!(guess_payload_end(spaced, spaced.len()), Some(13));
    // Only the tail of a longer file: the offset counts from its start.
    assert_eq!(guess_payload_end(b"]}}", 1000), Some(999));
    assert_eq!(guess_payload_end(b"[1,2]", 5), None);
    assert_eq!(guess_payload_end(b"}", 1), None);
    let exported = export_backup(&full(), "x", at(20));
    let (start, end) = {
        let mut r = StreamReader::new(today(), exported.len());
        r.feed(exported.as_bytes());
        r.process().unwrap();
        r.payload_range().unwrap()
    };
    assert!(start < end);
    assert_eq!(guess_payload_end(&exported.as_bytes()[exported.len() - 64..], exported.len()), Some(end));
}
