//! Encrypts and decrypts CRM backup files without a browser, in the format
//! the app writes (`crm-backup-encrypted`, see docs/backup-format.md,
//! "Encrypted backups"): PBKDF2-HMAC-SHA-256 with 600,000 iterations and a
//! random 16-byte salt, AES-256-GCM with a random 12-byte nonce (RustCrypto's
//! `pbkdf2` and `aes-gcm`, native-only dev-dependencies).
//!
//! ```sh
//! # a file the app exported with a passphrase → the ordinary backup inside
//! cargo run --release --example backup_crypt -- decrypt crm-backup-2026-11-23.encrypted.json backup.json
//! # an ordinary backup → an encrypted one the app imports with the passphrase
//! cargo run --release --example backup_crypt -- encrypt backup.json backup.encrypted.json
//! ```
//!
//! The passphrase comes from the environment variable `CRM_BACKUP_PASSPHRASE`
//! or, when that is not set, from the first line of standard input (so it is
//! never a command-line argument that lands in the shell history). `-` as the
//! output writes to standard output. After decrypting, the backup inside is
//! checked exactly as the app's import checks it (checksum, counts, every
//! record), and its contents are summarised on standard error.

use std::io::{BufRead, Write};
use std::process::ExitCode;

use aes_gcm::aead::rand_core::RngCore;
use aes_gcm::aead::{Aead, KeyInit, OsRng};
use aes_gcm::{Aes256Gcm, Nonce};
use crm::core::backup::encrypted::{read_encrypted, write_encrypted, KdfParams, ITERATIONS, NONCE_LEN, SALT_LEN};
use crm::core::backup::parse_backup;
use unicode_normalization::UnicodeNormalization;

/// What a wrong passphrase and a damaged file both look like: GCM cannot
/// tell them apart, and neither can anyone else.
const DAMAGED_OR_WRONG: &str = "The file is damaged or the passphrase is wrong.";

/// The AES-256 key for `passphrase` under `kdf`: PBKDF2 over the
/// passphrase's UTF-8 bytes after Unicode NFC normalisation (as the browser
/// does with `String.prototype.normalize("NFC")`).
fn derive_key(passphrase: &str, kdf: &KdfParams) -> [u8; 32] {
    let normalised: String = passphrase.nfc().collect();
    let mut key = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<sha2::Sha256>(normalised.as_bytes(), &kdf.salt, kdf.iterations, &mut key);
    key
}

/// Encrypts `plaintext` into an envelope with the given parameters.
fn seal(plaintext: &[u8], passphrase: &str, kdf: &KdfParams, nonce: &[u8; NONCE_LEN]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(&derive_key(passphrase, kdf).into());
    let ciphertext = cipher.encrypt(Nonce::from_slice(nonce), plaintext).expect("AES-GCM encrypts any length we have");
    write_encrypted(kdf, nonce, &ciphertext)
}

/// Encrypts with a fresh random salt and nonce and the current iteration count.
fn seal_random(plaintext: &[u8], passphrase: &str) -> Vec<u8> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut salt);
    OsRng.fill_bytes(&mut nonce);
    seal(plaintext, passphrase, &KdfParams { iterations: ITERATIONS, salt }, &nonce)
}

/// Reads an envelope and decrypts it. Errors are messages for a person.
fn open(envelope: &[u8], passphrase: &str) -> Result<Vec<u8>, String> {
    let file = read_encrypted(envelope).map_err(|e| e.to_string())?;
    let cipher = Aes256Gcm::new(&derive_key(passphrase, &file.kdf).into());
    cipher.decrypt(Nonce::from_slice(&file.nonce), file.ciphertext.as_slice()).map_err(|_| DAMAGED_OR_WRONG.to_string())
}

fn passphrase() -> Result<String, String> {
    if let Ok(p) = std::env::var("CRM_BACKUP_PASSPHRASE") {
        return Ok(p);
    }
    eprintln!("Passphrase (one line on standard input; or set CRM_BACKUP_PASSPHRASE):");
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).map_err(|e| format!("cannot read the passphrase: {e}"))?;
    let p = line.trim_end_matches(['\n', '\r']).to_string();
    if p.is_empty() {
        return Err("an empty passphrase is not accepted".into());
    }
    Ok(p)
}

fn write_out(path: &str, bytes: &[u8]) -> Result<(), String> {
    if path == "-" {
        std::io::stdout().write_all(bytes).map_err(|e| format!("cannot write to standard output: {e}"))
    } else {
        std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
    }
}

fn today() -> chrono::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default().date_naive()
}

/// Checks a decrypted backup as the app's import does; returns a summary.
fn check_plaintext(plain: &[u8]) -> Result<String, String> {
    let text = std::str::from_utf8(plain).map_err(|_| "the decrypted backup is not UTF-8 text".to_string())?;
    let backup = parse_backup(text, today()).map_err(|e| e.to_string())?;
    let d = &backup.data;
    Ok(format!(
        "backup format {}: {} contacts, {} companies, {} deals, {} activities, {} tasks (checksum and every record checked)",
        backup.format_version,
        d.contacts().len(),
        d.companies().len(),
        d.deals().len(),
        d.activities().len(),
        d.tasks().len()
    ))
}

const USAGE: &str = "usage:
  backup_crypt decrypt <encrypted.json> <backup.json | ->
  backup_crypt encrypt <backup.json> <encrypted.json | ->
The passphrase is read from CRM_BACKUP_PASSPHRASE, else from the first line of standard input.";

fn run(args: &[String]) -> Result<(), String> {
    let [mode, input, output] = args else { return Err(USAGE.into()) };
    let bytes = std::fs::read(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    match mode.as_str() {
        "decrypt" => {
            let pass = passphrase()?;
            let plain = open(&bytes, &pass)?;
            // Write what was decrypted even if the backup inside fails a
            // check, so nothing is lost; but say so and fail.
            write_out(output, &plain)?;
            let summary =
                check_plaintext(&plain).map_err(|e| format!("decrypted, but the backup inside is not valid: {e}"))?;
            eprintln!("Decrypted {input}: {summary}.");
            Ok(())
        }
        "encrypt" => {
            // Refuse to encrypt something the app would not import.
            let summary = check_plaintext(&bytes)?;
            let pass = passphrase()?;
            write_out(output, &seal_random(&bytes, &pass))?;
            eprintln!("Encrypted {input} ({summary}).");
            Ok(())
        }
        _ => Err(USAGE.into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    //! Cross-tests with the browser: the fixture envelope below was made from
    //! a fixed passphrase, salt and nonce, and both this code (here) and
    //! WebCrypto (`tests/storage/crypto.rs`) must produce it byte for byte
    //! and decrypt it.
    use super::*;

    const PLAIN: &[u8] = include_bytes!("../tests/fixtures/encrypted-backup.plain.json");
    const ENVELOPE: &[u8] = include_bytes!("../tests/fixtures/encrypted-backup.json");
    const PASSPHRASE: &str = "correct horse battery staple";
    const SALT: [u8; 16] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15];
    const NONCE: [u8; 12] = [0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8, 0xa9, 0xaa, 0xab];

    fn fixed() -> KdfParams {
        KdfParams { iterations: ITERATIONS, salt: SALT }
    }

    #[test]
    fn reproduces_the_fixture_byte_for_byte() {
        let made = seal(PLAIN, PASSPHRASE, &fixed(), &NONCE);
        if std::env::var_os("CRM_WRITE_CRYPT_FIXTURE").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encrypted-backup.json"), &made)
                .unwrap();
        }
        assert_eq!(String::from_utf8(made).unwrap(), std::str::from_utf8(ENVELOPE).unwrap());
    }

    #[test]
    fn decrypts_the_fixture_to_a_valid_backup() {
        let plain = open(ENVELOPE, PASSPHRASE).unwrap();
        assert_eq!(plain, PLAIN);
        let summary = check_plaintext(&plain).unwrap();
        assert!(summary.starts_with("backup format 2: 1 contacts, 1 companies"), "{summary}");
    }

    #[test]
    fn a_wrong_passphrase_or_a_changed_byte_is_refused_plainly() {
        assert_eq!(open(ENVELOPE, "correct horse battery stapler"), Err(DAMAGED_OR_WRONG.into()));
        // Flip one base64 digit inside the ciphertext: the tag fails.
        let mut tampered = ENVELOPE.to_vec();
        let at = tampered.len() - 40;
        tampered[at] = if tampered[at] == b'A' { b'B' } else { b'A' };
        assert_eq!(open(&tampered, PASSPHRASE), Err(DAMAGED_OR_WRONG.into()));
        // A cut-off file says so before any key is derived.
        let cut = open(&ENVELOPE[..ENVELOPE.len() / 2], PASSPHRASE).unwrap_err();
        assert!(cut.contains("ends early"), "{cut}");
    }

    #[test]
    fn random_parameters_round_trip_and_differ_each_time() {
        let a = seal_random(PLAIN, "pass phrase");
        let b = seal_random(PLAIN, "pass phrase");
        assert_ne!(a, b, "a fresh salt and nonce every time");
        assert_eq!(open(&a, "pass phrase").unwrap(), PLAIN);
        assert_eq!(read_encrypted(&a).unwrap().kdf.iterations, 600_000);
    }

    #[test]
    fn the_passphrase_is_normalised_so_either_spelling_of_an_accent_opens_the_file() {
        let kdf = fixed();
        let composed = seal(PLAIN, "caf\u{e9} cr\u{e8}me", &kdf, &NONCE);
        assert_eq!(open(&composed, "cafe\u{301} cre\u{300}me").unwrap(), PLAIN);
    }

    #[test]
    fn the_documented_example_is_the_fixture() {
        let doc = include_str!("../docs/backup-format.md");
        assert!(
            doc.lines().any(|l| l.as_bytes() == ENVELOPE),
            "docs/backup-format.md shows tests/fixtures/encrypted-backup.json"
        );
    }

    #[test]
    fn refuses_to_encrypt_what_the_app_would_not_import() {
        assert!(check_plaintext(b"{\"hello\":1}").unwrap_err().contains("not a CRM backup"));
    }
}
