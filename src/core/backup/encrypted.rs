//! The encrypted backup file (`crm-backup-encrypted`, format version 1):
//! writing and reading its envelope. Documented in `docs/backup-format.md`
//! ("Encrypted backups"), with a JSON Schema in
//! `docs/backup-encrypted.schema.json`.
//!
//! The plaintext is an ordinary backup file (`crm-backup`), so after
//! decryption every import check of [`super::parse_backup`] still runs. The
//! cryptography itself is not here: core stays pure, so the browser uses
//! WebCrypto (`storage::crypto`) and the native command
//! `examples/backup_crypt.rs` uses RustCrypto. This module only lays out and
//! checks the parameters they need: the key is derived with
//! PBKDF2-HMAC-SHA-256 from the passphrase and a 16-byte salt, and the backup
//! is sealed with AES-256-GCM under a 12-byte nonce; the ciphertext ends with
//! GCM's 16-byte tag, as WebCrypto returns it.
//!
//! The envelope is written canonically (fixed member order, no white space,
//! no trailing newline), so the same parameters and ciphertext always give the
//! same bytes: the cross-test fixture relies on that.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use serde::Deserialize;

pub const FORMAT_NAME: &str = "crm-backup-encrypted";
/// The newest encrypted-envelope version this version writes and reads.
pub const FORMAT_VERSION: u32 = 1;
pub const KDF_NAME: &str = "PBKDF2-HMAC-SHA-256";
pub const CIPHER_NAME: &str = "AES-256-GCM";
/// PBKDF2 iterations written into new files (OWASP's figure for
/// PBKDF2-HMAC-SHA-256 in 2023–2026).
pub const ITERATIONS: u32 = 600_000;
/// Fewer iterations than this are refused: the app never wrote such a file,
/// and a weaker one may have been substituted for it.
pub const MIN_ITERATIONS: u32 = 600_000;
/// More iterations than this are refused, so a hostile file cannot keep the
/// browser busy for minutes deriving a key.
pub const MAX_ITERATIONS: u32 = 10_000_000;
pub const SALT_LEN: usize = 16;
pub const NONCE_LEN: usize = 12;
/// GCM's authentication tag, appended to the ciphertext.
pub const TAG_LEN: usize = 16;
/// The file name suffix of encrypted backups: `crm-backup-2026-11-23.encrypted.json`.
pub const FILE_SUFFIX: &str = ".encrypted.json";

/// The key-derivation parameters of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KdfParams {
    pub iterations: u32,
    pub salt: [u8; SALT_LEN],
}

/// An encrypted backup as read from its envelope: everything needed to
/// derive the key and open the ciphertext.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedBackup {
    pub kdf: KdfParams,
    pub nonce: [u8; NONCE_LEN],
    /// AES-256-GCM ciphertext followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

/// Why an encrypted backup cannot be read. Nothing is imported in any case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EncryptedBackupError {
    /// The text is not JSON at all.
    NotJson { detail: String },
    /// The JSON ends before the envelope is closed: a cut-off download or copy.
    Truncated,
    /// Valid JSON, but not an encrypted CRM backup.
    NotEncrypted { detail: String },
    /// Written by a newer version of the app.
    NewerFormat { found: u64 },
    /// A key derivation this version does not know.
    UnknownKdf { found: String },
    /// A cipher this version does not know.
    UnknownCipher { found: String },
    /// An iteration count outside the accepted range.
    Iterations { found: u64 },
    /// A member is present but its value cannot be what the app wrote
    /// (bad base64, a salt or nonce of the wrong length, a ciphertext
    /// shorter than the tag).
    Damaged { detail: String },
}

/// A value from the file in a message, cut by the one rule
/// (`core::text::excerpt`): a hostile file must not produce a megabyte-long
/// alert.
fn quote(s: &str) -> String {
    format!("“{}”", crate::core::text::excerpt(s))
}

impl std::fmt::Display for EncryptedBackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use EncryptedBackupError::*;
        match self {
            NotJson { detail } => write!(f, "This file is not valid JSON ({detail}). Nothing was imported."),
            Truncated => write!(
                f,
                "The encrypted backup ends early: the file is incomplete (cut off while downloading or copying). Nothing was imported."
            ),
            NotEncrypted { detail } => {
                write!(f, "This file is not an encrypted CRM backup: {detail}. Nothing was imported.")
            }
            NewerFormat { found } => write!(
                f,
                "This encrypted backup was made by a newer version of the app (format {found}; this version reads up to {FORMAT_VERSION}). Update the app to import it. Nothing was imported."
            ),
            UnknownKdf { found } => write!(
                f,
                "This encrypted backup uses a key derivation this version does not know ({}; it knows {KDF_NAME}). Nothing was imported.",
                quote(found)
            ),
            UnknownCipher { found } => write!(
                f,
                "This encrypted backup uses a cipher this version does not know ({}; it knows {CIPHER_NAME}). Nothing was imported.",
                quote(found)
            ),
            Iterations { found } => write!(
                f,
                "This encrypted backup asks for {found} key-derivation iterations; this version accepts {MIN_ITERATIONS} to {MAX_ITERATIONS}. Nothing was imported."
            ),
            Damaged { detail } => write!(f, "The encrypted backup is damaged ({detail}). Nothing was imported."),
        }
    }
}

impl std::error::Error for EncryptedBackupError {}

/// The envelope's text up to the ciphertext's base64 (the ciphertext member
/// is written last): `{"format":…,"nonce":"…","ciphertext":"`. With
/// [`ENVELOPE_TAIL`] after the base64, it makes the whole file; the browser
/// uses the two to build the file around base64 that WebCrypto's caller
/// encoded natively.
pub fn envelope_head(kdf: &KdfParams, nonce: &[u8; NONCE_LEN]) -> String {
    format!(
        r#"{{"format":"{FORMAT_NAME}","format_version":{FORMAT_VERSION},"kdf":"{KDF_NAME}","iterations":{},"salt":"{}","cipher":"{CIPHER_NAME}","nonce":"{}","ciphertext":""#,
        kdf.iterations,
        BASE64.encode(kdf.salt),
        BASE64.encode(nonce),
    )
}

/// What follows the ciphertext's base64: the end of the envelope.
pub const ENVELOPE_TAIL: &str = "\"}";

/// Writes the envelope around `ciphertext` (which ends with the GCM tag).
/// Returns UTF-8 bytes, not a `String`, so a large backup is not copied
/// again on its way into a file or a `Blob`.
pub fn write_encrypted(kdf: &KdfParams, nonce: &[u8; NONCE_LEN], ciphertext: &[u8]) -> Vec<u8> {
    let head = envelope_head(kdf, nonce);
    let body_len = base64::encoded_len(ciphertext.len(), true).unwrap_or(0);
    let mut out = vec![0u8; head.len() + body_len + ENVELOPE_TAIL.len()];
    out[..head.len()].copy_from_slice(head.as_bytes());
    let end = head.len() + body_len;
    let written =
        BASE64.encode_slice(ciphertext, &mut out[head.len()..end]).expect("the buffer has the encoded length");
    debug_assert_eq!(written, body_len);
    out[end..].copy_from_slice(ENVELOPE_TAIL.as_bytes());
    out
}

/// Whether `bytes` look like an encrypted backup: its `format` member, which
/// the app writes first, names `crm-backup-encrypted`. Only the first
/// kilobyte is looked at, so an import can decide cheaply whether to ask for
/// a passphrase before reading a large file; [`read_encrypted`] then checks
/// everything.
pub fn is_encrypted_backup(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head);
    let mut rest: &str = &head;
    while let Some(at) = rest.find("\"format\"") {
        let after = rest[at + "\"format\"".len()..].trim_start();
        if let Some(value) = after.strip_prefix(':') {
            if value.trim_start().starts_with(&format!("\"{FORMAT_NAME}\"")) {
                return true;
            }
        }
        rest = &rest[at + 1..];
    }
    false
}

#[derive(Deserialize)]
struct EnvelopeIn<'a> {
    format: Option<serde_json::Value>,
    format_version: Option<serde_json::Value>,
    #[serde(borrow)]
    kdf: Option<&'a str>,
    iterations: Option<serde_json::Value>,
    #[serde(borrow)]
    salt: Option<&'a str>,
    #[serde(borrow)]
    cipher: Option<&'a str>,
    #[serde(borrow)]
    nonce: Option<&'a str>,
    #[serde(borrow)]
    ciphertext: Option<&'a str>,
}

fn decode_fixed<const N: usize>(name: &str, text: Option<&str>) -> Result<[u8; N], EncryptedBackupError> {
    let text = text.ok_or_else(|| EncryptedBackupError::Damaged { detail: format!("it has no {name}") })?;
    let bytes = BASE64
        .decode(text)
        .map_err(|_| EncryptedBackupError::Damaged { detail: format!("its {name} is not base64") })?;
    bytes.try_into().map_err(|b: Vec<u8>| EncryptedBackupError::Damaged {
        detail: format!("its {name} has {} bytes instead of {N}", b.len()),
    })
}

/// An envelope whose parameters passed every check, with its ciphertext
/// still in base64 (so a browser can decode it natively, outside wasm).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncryptedParts<'a> {
    pub kdf: KdfParams,
    pub nonce: [u8; NONCE_LEN],
    /// The ciphertext member's text: its length is a multiple of four and it
    /// decodes to at least [`TAG_LEN`] bytes; the characters are checked when
    /// it is decoded.
    pub ciphertext_base64: &'a str,
}

/// The error for a ciphertext that is not base64.
pub fn ciphertext_not_base64() -> EncryptedBackupError {
    EncryptedBackupError::Damaged { detail: "its ciphertext is not base64".into() }
}

/// Reads and checks an envelope. Checks, in order: JSON, the `format` name,
/// the `format_version`, the key derivation and its iterations, the cipher,
/// then the salt, nonce and ciphertext (base64, lengths). A string value with
/// escapes (never written by the app) counts as damaged.
pub fn read_encrypted(bytes: &[u8]) -> Result<EncryptedBackup, EncryptedBackupError> {
    let parts = read_encrypted_parts(bytes)?;
    let ciphertext = BASE64.decode(parts.ciphertext_base64).map_err(|_| ciphertext_not_base64())?;
    Ok(EncryptedBackup { kdf: parts.kdf, nonce: parts.nonce, ciphertext })
}

/// [`read_encrypted`] without decoding the ciphertext: every check but the
/// ciphertext's characters.
pub fn read_encrypted_parts(bytes: &[u8]) -> Result<EncryptedParts<'_>, EncryptedBackupError> {
    use EncryptedBackupError::*;
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let env: EnvelopeIn<'_> = match serde_json::from_slice(bytes) {
        Ok(env) => env,
        Err(e) if e.is_eof() => return Err(Truncated),
        Err(e) if e.is_syntax() => {
            return Err(NotJson { detail: format!("line {}, column {}", e.line(), e.column()) });
        }
        // Valid JSON of the wrong shape: a top-level array, a member that
        // should be text holding something else, or text with escapes.
        Err(e) => {
            // Tell a file that is not an envelope at all from a damaged one.
            return match serde_json::from_slice::<serde_json::Value>(bytes) {
                Ok(serde_json::Value::Object(map))
                    if map.get("format").and_then(|f| f.as_str()) == Some(FORMAT_NAME) =>
                {
                    Err(Damaged {
                        detail: format!("line {}, column {}: a member has the wrong type", e.line(), e.column()),
                    })
                }
                Ok(serde_json::Value::Object(_)) => {
                    Err(NotEncrypted { detail: "its format is not crm-backup-encrypted".into() })
                }
                _ => Err(NotEncrypted { detail: "it is not a JSON object".into() }),
            };
        }
    };
    match env.format.as_ref().and_then(|f| f.as_str()) {
        Some(FORMAT_NAME) => {}
        Some(super::FORMAT_NAME) => {
            return Err(NotEncrypted { detail: "it is an unencrypted backup (format crm-backup)".into() });
        }
        Some(other) => return Err(NotEncrypted { detail: format!("its format is {}", quote(other)) }),
        None => return Err(NotEncrypted { detail: "it has no format member".into() }),
    }
    let version = env
        .format_version
        .as_ref()
        .and_then(|v| v.as_u64())
        .ok_or_else(|| NotEncrypted { detail: "it has no format_version (a whole number)".into() })?;
    if version == 0 {
        return Err(NotEncrypted { detail: "its format_version is 0".into() });
    }
    if version > u64::from(FORMAT_VERSION) {
        return Err(NewerFormat { found: version });
    }
    match env.kdf {
        Some(KDF_NAME) => {}
        Some(other) => return Err(UnknownKdf { found: other.to_string() }),
        None => return Err(Damaged { detail: "it has no kdf".into() }),
    }
    let iterations = env
        .iterations
        .as_ref()
        .and_then(|v| v.as_u64())
        .ok_or_else(|| Damaged { detail: "its iterations are not a whole number".into() })?;
    if !(u64::from(MIN_ITERATIONS)..=u64::from(MAX_ITERATIONS)).contains(&iterations) {
        return Err(Iterations { found: iterations });
    }
    match env.cipher {
        Some(CIPHER_NAME) => {}
        Some(other) => return Err(UnknownCipher { found: other.to_string() }),
        None => return Err(Damaged { detail: "it has no cipher".into() }),
    }
    let salt = decode_fixed::<SALT_LEN>("salt", env.salt)?;
    let nonce = decode_fixed::<NONCE_LEN>("nonce", env.nonce)?;
    let text = env.ciphertext.ok_or_else(|| Damaged { detail: "it has no ciphertext".into() })?;
    if text.len() % 4 != 0 {
        return Err(ciphertext_not_base64());
    }
    let padding = text.bytes().rev().take(2).filter(|&b| b == b'=').count();
    if text.len() / 4 * 3 - padding.min(text.len()) < TAG_LEN {
        return Err(Damaged { detail: "its ciphertext is shorter than the authentication tag".into() });
    }
    Ok(EncryptedParts { kdf: KdfParams { iterations: iterations as u32, salt }, nonce, ciphertext_base64: text })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params() -> KdfParams {
        KdfParams { iterations: ITERATIONS, salt: *b"0123456789abcdef" }
    }

    const NONCE: [u8; 12] = *b"nonce-12byte";

    #[test]
    fn writes_the_documented_canonical_envelope() {
        let out = write_encrypted(&params(), &NONCE, b"sealed bytes and a 16-byte tag..");
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            r#"{"format":"crm-backup-encrypted","format_version":1,"kdf":"PBKDF2-HMAC-SHA-256","iterations":600000,"salt":"MDEyMzQ1Njc4OWFiY2RlZg==","cipher":"AES-256-GCM","nonce":"bm9uY2UtMTJieXRl","ciphertext":"c2VhbGVkIGJ5dGVzIGFuZCBhIDE2LWJ5dGUgdGFnLi4="}"#
        );
    }

    #[test]
    fn reads_what_it_writes() {
        let ct = vec![7u8; 40];
        let read = read_encrypted(&write_encrypted(&params(), &NONCE, &ct)).unwrap();
        assert_eq!(read, EncryptedBackup { kdf: params(), nonce: NONCE, ciphertext: ct });
    }

    #[test]
    fn the_head_and_tail_around_base64_make_the_same_file_and_parts_give_the_base64_back() {
        let ct = b"sealed bytes and a 16-byte tag..";
        let whole = write_encrypted(&params(), &NONCE, ct);
        let b64 = BASE64.encode(ct);
        assert_eq!(format!("{}{b64}{ENVELOPE_TAIL}", envelope_head(&params(), &NONCE)).into_bytes(), whole);
        let parts = read_encrypted_parts(&whole).unwrap();
        assert_eq!(parts, EncryptedParts { kdf: params(), nonce: NONCE, ciphertext_base64: &b64 });
        // Bad characters are found only when decoding.
        let bad = String::from_utf8(whole).unwrap().replace(&b64[..4], "!!!!");
        assert!(read_encrypted_parts(bad.as_bytes()).is_ok());
        assert_eq!(read_encrypted(bad.as_bytes()), Err(ciphertext_not_base64()));
    }

    #[test]
    fn member_order_and_white_space_do_not_matter_to_the_reader() {
        let text = r#"
        { "ciphertext": "AAAAAAAAAAAAAAAAAAAAAA==", "nonce": "bm9uY2UtMTJieXRl",
          "cipher": "AES-256-GCM", "salt": "MDEyMzQ1Njc4OWFiY2RlZg==", "iterations": 700000,
          "kdf": "PBKDF2-HMAC-SHA-256", "format_version": 1, "format": "crm-backup-encrypted", "note": "ignored" }"#;
        let read = read_encrypted(text.as_bytes()).unwrap();
        assert_eq!(read.kdf.iterations, 700_000);
        assert_eq!(read.ciphertext, vec![0u8; 16]);
        // With a byte-order mark too.
        let mut bom = "\u{feff}".as_bytes().to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(read_encrypted(&bom).unwrap(), read);
    }

    fn with(member: &str, value: &str) -> Vec<u8> {
        let good = String::from_utf8(write_encrypted(&params(), &NONCE, &[1u8; 20])).unwrap();
        let mut v: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&good).unwrap();
        if value.is_empty() {
            v.remove(member);
        } else {
            v.insert(member.into(), serde_json::from_str(value).unwrap());
        }
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn refuses_unknown_formats_versions_kdfs_and_ciphers_with_clear_errors() {
        use EncryptedBackupError::*;
        let err = |m: &str, v: &str| read_encrypted(&with(m, v)).unwrap_err();
        assert_eq!(err("format_version", "2"), NewerFormat { found: 2 });
        assert!(err("format_version", "2").to_string().contains("newer version of the app (format 2;"));
        assert_eq!(err("format_version", "0"), NotEncrypted { detail: "its format_version is 0".into() });
        assert!(matches!(err("format_version", "\"1\""), NotEncrypted { .. }));
        assert_eq!(err("kdf", "\"scrypt\""), UnknownKdf { found: "scrypt".into() });
        assert_eq!(
            err("kdf", "\"argon2id\"").to_string(),
            "This encrypted backup uses a key derivation this version does not know (“argon2id”; it knows PBKDF2-HMAC-SHA-256). Nothing was imported."
        );
        assert_eq!(err("cipher", "\"AES-128-CBC\""), UnknownCipher { found: "AES-128-CBC".into() });
        assert_eq!(err("iterations", "1000"), Iterations { found: 1000 });
        assert_eq!(err("iterations", "20000000"), Iterations { found: 20_000_000 });
        assert!(matches!(err("iterations", "1.5"), Damaged { .. }));
        assert_eq!(
            err("format", "\"crm-backup\""),
            NotEncrypted { detail: "it is an unencrypted backup (format crm-backup)".into() }
        );
        assert!(matches!(err("format", ""), NotEncrypted { .. }));
        assert!(matches!(err("kdf", ""), Damaged { .. }));
    }

    #[test]
    fn a_long_unknown_name_is_quoted_short() {
        let long = "x".repeat(100_000);
        let msg = read_encrypted(&with("kdf", &format!("\"{long}\""))).unwrap_err().to_string();
        assert!(msg.len() < 300, "{} characters", msg.len());
        assert!(msg.contains(&format!("“{}…”", "x".repeat(80))));
    }

    #[test]
    fn refuses_damaged_parameters() {
        use EncryptedBackupError::*;
        let err = |m: &str, v: &str| read_encrypted(&with(m, v)).unwrap_err();
        assert_eq!(err("salt", "\"AAAA\""), Damaged { detail: "its salt has 3 bytes instead of 16".into() });
        assert_eq!(err("salt", "\"not base64!\""), Damaged { detail: "its salt is not base64".into() });
        assert_eq!(
            err("nonce", "\"MDEyMzQ1Njc4OWFiY2RlZg==\""),
            Damaged { detail: "its nonce has 16 bytes instead of 12".into() }
        );
        assert_eq!(
            err("ciphertext", "\"AAAA\""),
            Damaged { detail: "its ciphertext is shorter than the authentication tag".into() }
        );
        assert_eq!(err("ciphertext", ""), Damaged { detail: "it has no ciphertext".into() });
        assert!(matches!(err("ciphertext", "12"), Damaged { .. }));
        // An escape inside a base64 string is never written by the app.
        let good = String::from_utf8(write_encrypted(&params(), &NONCE, &[1u8; 20])).unwrap();
        let escaped = good.replace("MDEyMzQ1Njc4OWFiY2RlZg==", "MDEyMzQ1Njc4OWFiY2RlZg\\u003d=");
        assert_ne!(escaped, good);
        assert!(matches!(read_encrypted(escaped.as_bytes()), Err(Damaged { .. })));
    }

    #[test]
    fn a_truncated_file_says_it_is_incomplete() {
        let full = write_encrypted(&params(), &NONCE, &[9u8; 300]);
        for cut in [1, 10, full.len() / 2, full.len() - 3, full.len() - 1] {
            assert_eq!(read_encrypted(&full[..cut]), Err(EncryptedBackupError::Truncated), "cut at {cut}");
        }
        assert_eq!(read_encrypted(b""), Err(EncryptedBackupError::Truncated));
    }

    #[test]
    fn malformed_files_are_not_json_or_not_encrypted_backups() {
        assert!(matches!(read_encrypted(b"hello"), Err(EncryptedBackupError::NotJson { .. })));
        assert!(matches!(read_encrypted(b"{\"format\":}"), Err(EncryptedBackupError::NotJson { .. })));
        assert!(matches!(read_encrypted(b"[1,2]"), Err(EncryptedBackupError::NotEncrypted { .. })));
        assert!(matches!(read_encrypted(b"{\"hello\":1}"), Err(EncryptedBackupError::NotEncrypted { .. })));
        assert!(matches!(
            read_encrypted(b"{\"format\":\"crm-backup-encrypted\",\"kdf\":7}"),
            Err(EncryptedBackupError::Damaged { .. })
        ));
    }

    #[test]
    fn sniffs_encrypted_backups_by_their_format_member() {
        assert!(is_encrypted_backup(&write_encrypted(&params(), &NONCE, &[0u8; 16])));
        assert!(is_encrypted_backup(b"\xef\xbb\xbf { \"format\" : \"crm-backup-encrypted\" }"));
        assert!(is_encrypted_backup(b"{\"kdf\":\"x\",\"format\":\"crm-backup-encrypted\"}"));
        assert!(!is_encrypted_backup(b"{\"format\":\"crm-backup\",\"format_version\":2}"));
        assert!(!is_encrypted_backup(b"{\"format\":\"crm-backup\",\"note\":\"crm-backup-encrypted\"}"));
        assert!(!is_encrypted_backup(b""));
        assert!(!is_encrypted_backup(&[0xff, 0xfe, 0x00]));
    }

    proptest! {
        #[test]
        fn any_parameters_round_trip(
            iterations in MIN_ITERATIONS..=MAX_ITERATIONS,
            salt in any::<[u8; 16]>(),
            nonce in any::<[u8; 12]>(),
            ct in proptest::collection::vec(any::<u8>(), 16..600),
        ) {
            let kdf = KdfParams { iterations, salt };
            let bytes = write_encrypted(&kdf, &nonce, &ct);
            prop_assert!(is_encrypted_backup(&bytes));
            prop_assert_eq!(read_encrypted(&bytes).unwrap(), EncryptedBackup { kdf, nonce, ciphertext: ct });
        }

        #[test]
        fn any_cut_is_refused_never_misread(cut in 0usize..200, ct in proptest::collection::vec(any::<u8>(), 16..100)) {
            let bytes = write_encrypted(&params(), &NONCE, &ct);
            let cut = cut.min(bytes.len() - 1);
            prop_assert!(read_encrypted(&bytes[..cut]).is_err());
        }
    }
}
