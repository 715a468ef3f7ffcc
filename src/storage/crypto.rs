//! Encrypted backups with the browser's WebCrypto (`crypto.subtle`): no
//! cryptography of our own. The file format is `core::backup::encrypted`;
//! the key is derived with PBKDF2-HMAC-SHA-256 and the backup sealed with
//! AES-256-GCM, exactly as `examples/backup_crypt.rs` does natively (a
//! committed fixture cross-tests the two byte for byte).
//!
//! - [`encrypt`] / [`decrypt`]: a backup file with a passphrase, as "Export
//!   backup" and "Import backup" use it. A fresh random salt and nonce each
//!   time.
//! - [`BackupKey`]: a key derived once from a passphrase, non-extractable
//!   (WebCrypto never hands its bytes to script), kept in IndexedDB with its
//!   salt so automatic backups can be encrypted without asking again. The
//!   passphrase itself is never stored.
//!
//! Base64 is done by the browser (`Uint8Array.fromBase64` / `toBase64`,
//! Chromium 140, Firefox 133, Safari 18.2) where it exists: the ciphertext
//! then never enters wasm memory and a 100k-contact backup opens several
//! times faster than with base64 in wasm, which remains the fallback.
//!
//! The passphrase is taken as its UTF-8 bytes after Unicode NFC
//! normalisation, so "é" typed as one character or as e + accent opens the
//! same file. WebCrypto needs a secure context (https, or localhost): on a
//! plain-http host, encryption reports [`StorageError::Unsupported`].

use js_sys::{Array, Function, JsString, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use super::error::StorageError;
use crate::core::backup::encrypted::{
    ciphertext_not_base64, envelope_head, read_encrypted, read_encrypted_parts, write_encrypted, EncryptedBackupError,
    EncryptedParts, KdfParams, ENVELOPE_TAIL, ITERATIONS, NONCE_LEN, SALT_LEN,
};

fn subtle() -> Result<SubtleCrypto, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unsupported("no window".into()))?;
    let crypto = window.crypto().map_err(|_| StorageError::Unsupported("WebCrypto is missing".into()))?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).unwrap_or(JsValue::UNDEFINED);
    if subtle.is_undefined() {
        return Err(StorageError::Unsupported(
            "encryption needs a secure connection (https); this page was opened over plain http".into(),
        ));
    }
    Ok(subtle.unchecked_into())
}

/// `n` random bytes from the browser's cryptographic generator.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], StorageError> {
    let mut bytes = [0u8; N];
    web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| StorageError::Unsupported("WebCrypto is missing".into()))?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|e| StorageError::from_js(&e))?;
    Ok(bytes)
}

fn usages(names: &[&str]) -> Array {
    names.iter().map(|n| JsValue::from_str(n)).collect()
}

/// Awaits a WebCrypto promise; an `OperationError` (GCM's tag did not
/// match) means the file is damaged or the passphrase wrong.
async fn settle(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, StorageError> {
    let promise = promise.map_err(|e| crypto_error(&e))?;
    JsFuture::from(promise).await.map_err(|e| crypto_error(&e))
}

fn crypto_error(e: &JsValue) -> StorageError {
    match e.dyn_ref::<web_sys::DomException>().map(|d| d.name()) {
        Some(name) if name == "OperationError" => StorageError::WrongPassphrase,
        Some(name) if name == "NotSupportedError" => StorageError::Unsupported(name),
        _ => StorageError::from_js(e),
    }
}

/// The passphrase's bytes as every implementation of the format takes them.
fn passphrase_bytes(passphrase: &str) -> Vec<u8> {
    let normalised = JsString::from(passphrase).normalize("NFC");
    String::from(normalised).into_bytes()
}

/// Derives the non-extractable AES-256-GCM key for `passphrase` under `kdf`.
async fn derive(passphrase: &str, kdf: &KdfParams) -> Result<CryptoKey, StorageError> {
    let subtle = subtle()?;
    let secret = Uint8Array::from(passphrase_bytes(passphrase).as_slice());
    let material: CryptoKey =
        settle(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages(&["deriveKey"])))
            .await?
            .unchecked_into();
    let salt = Uint8Array::from(&kdf.salt[..]);
    let params = Pbkdf2Params::new("PBKDF2", &JsValue::from_str("SHA-256"), kdf.iterations, &salt);
    let aes = Object::new();
    let _ = Reflect::set(&aes, &"name".into(), &"AES-GCM".into());
    let _ = Reflect::set(&aes, &"length".into(), &JsValue::from_f64(256.0));
    let key = settle(subtle.derive_key_with_object_and_object(
        &params,
        &material,
        &aes,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// `Uint8Array.fromBase64(text)` where the browser has it; `None` where not.
fn native_base64_decode(text: &str) -> Option<Result<Uint8Array, StorageError>> {
    let ctor = Reflect::get(&js_sys::global(), &"Uint8Array".into()).ok()?;
    let from: Function = Reflect::get(&ctor, &"fromBase64".into()).ok()?.dyn_into().ok()?;
    let options = Object::new();
    let _ = Reflect::set(&options, &"lastChunkHandling".into(), &"strict".into());
    Some(
        from.call2(&ctor, &JsString::from(text), &options)
            .map(|a| a.unchecked_into())
            .map_err(|_| StorageError::BadFile(ciphertext_not_base64().to_string())),
    )
}

/// `bytes.toBase64()` where the browser has it; `None` where not.
fn native_base64_encode(bytes: &Uint8Array) -> Option<String> {
    let to: Function = Reflect::get(bytes, &"toBase64".into()).ok()?.dyn_into().ok()?;
    to.call0(bytes).ok()?.as_string()
}

/// AES-256-GCM sealing of `plaintext`, written as an encrypted backup file.
async fn seal(
    key: &CryptoKey,
    kdf: &KdfParams,
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, StorageError> {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));
    // WebCrypto copies `plaintext` before `encrypt` returns, so the view on
    // wasm memory is never read after it could move.
    let sealed = settle(subtle()?.encrypt_with_object_and_u8_array(&params, key, plaintext)).await?;
    let sealed = Uint8Array::new(&sealed);
    match native_base64_encode(&sealed) {
        Some(b64) => {
            let head = envelope_head(kdf, nonce);
            let mut out = Vec::with_capacity(head.len() + b64.len() + ENVELOPE_TAIL.len());
            out.extend_from_slice(head.as_bytes());
            out.extend_from_slice(b64.as_bytes());
            out.extend_from_slice(ENVELOPE_TAIL.as_bytes());
            Ok(out)
        }
        None => Ok(write_encrypted(kdf, nonce, &sealed.to_vec())),
    }
}

/// Reads an envelope's parameters and its ciphertext (decoded outside wasm
/// where the browser can), before any key is derived.
fn unwrap_envelope(envelope: &[u8]) -> Result<(EncryptedParts<'_>, Uint8Array), StorageError> {
    let bad = |e: EncryptedBackupError| StorageError::BadFile(e.to_string());
    let parts = read_encrypted_parts(envelope).map_err(bad)?;
    let ciphertext = match native_base64_decode(parts.ciphertext_base64) {
        Some(decoded) => decoded?,
        None => Uint8Array::from(read_encrypted(envelope).map_err(bad)?.ciphertext.as_slice()),
    };
    Ok((parts, ciphertext))
}

async fn open(key: &CryptoKey, nonce: &[u8; NONCE_LEN], ciphertext: &Uint8Array) -> Result<Vec<u8>, StorageError> {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&nonce[..]));
    let plain = settle(subtle()?.decrypt_with_object_and_buffer_source(&params, key, ciphertext)).await?;
    Ok(Uint8Array::new(&plain).to_vec())
}

/// Encrypts a backup file (its bytes) with `passphrase`: a fresh random salt
/// and nonce, [`ITERATIONS`] PBKDF2 rounds. Returns the encrypted file's bytes.
pub async fn encrypt(plaintext: &[u8], passphrase: &str) -> Result<Vec<u8>, StorageError> {
    let kdf = KdfParams { iterations: ITERATIONS, salt: random_bytes::<SALT_LEN>()? };
    encrypt_with(plaintext, passphrase, &kdf, &random_bytes::<NONCE_LEN>()?).await
}

/// [`encrypt`] with a given salt, iteration count and nonce, so tests are
/// deterministic. Never reuse a nonce with the same key outside tests.
#[doc(hidden)]
pub async fn encrypt_with(
    plaintext: &[u8],
    passphrase: &str,
    kdf: &KdfParams,
    nonce: &[u8; NONCE_LEN],
) -> Result<Vec<u8>, StorageError> {
    let key = derive(passphrase, kdf).await?;
    seal(&key, kdf, nonce, plaintext).await
}

/// Decrypts an encrypted backup file. Errors: the envelope's own problems
/// (unknown format, version or KDF, truncated or malformed file) as
/// [`StorageError::BadFile`] with the message from core, before any key is
/// derived; a failed tag as [`StorageError::WrongPassphrase`] ("damaged or
/// wrong passphrase").
pub async fn decrypt(envelope: &[u8], passphrase: &str) -> Result<Vec<u8>, StorageError> {
    let (parts, ciphertext) = unwrap_envelope(envelope)?;
    let key = derive(passphrase, &parts.kdf).await?;
    open(&key, &parts.nonce, &ciphertext).await
}

/// A key for automatic encrypted backups: derived once from a passphrase,
/// not extractable, kept in IndexedDB with the salt it was derived with
/// (`Store::save_backup_key`). Files it encrypts open with the passphrase
/// alone, like any encrypted backup.
#[derive(Clone, Debug)]
pub struct BackupKey {
    key: CryptoKey,
    kdf: KdfParams,
}

impl BackupKey {
    /// Derives a key from `passphrase` with a fresh random salt.
    pub async fn derive(passphrase: &str) -> Result<BackupKey, StorageError> {
        let kdf = KdfParams { iterations: ITERATIONS, salt: random_bytes::<SALT_LEN>()? };
        BackupKey::derive_with(passphrase, kdf).await
    }

    /// [`BackupKey::derive`] with given parameters (tests).
    #[doc(hidden)]
    pub async fn derive_with(passphrase: &str, kdf: KdfParams) -> Result<BackupKey, StorageError> {
        Ok(BackupKey { key: derive(passphrase, &kdf).await?, kdf })
    }

    /// The salt and iteration count the key was derived with.
    pub fn kdf(&self) -> KdfParams {
        self.kdf
    }

    /// Whether script could read the key's bytes (never, for keys made here).
    pub fn is_extractable(&self) -> bool {
        self.key.extractable()
    }

    /// Encrypts a backup file with a fresh random nonce.
    pub async fn encrypt(&self, plaintext: &[u8]) -> Result<Vec<u8>, StorageError> {
        self.encrypt_with_nonce(plaintext, &random_bytes::<NONCE_LEN>()?).await
    }

    /// [`BackupKey::encrypt`] with a given nonce (tests).
    #[doc(hidden)]
    pub async fn encrypt_with_nonce(&self, plaintext: &[u8], nonce: &[u8; NONCE_LEN]) -> Result<Vec<u8>, StorageError> {
        seal(&self.key, &self.kdf, nonce, plaintext).await
    }

    /// Decrypts a file this key (or its passphrase with the same salt) encrypted;
    /// a file with another salt or iteration count is refused as not this key's.
    pub async fn decrypt(&self, envelope: &[u8]) -> Result<Vec<u8>, StorageError> {
        let (parts, ciphertext) = unwrap_envelope(envelope)?;
        if parts.kdf != self.kdf {
            return Err(StorageError::WrongPassphrase);
        }
        open(&self.key, &parts.nonce, &ciphertext).await
    }

    /// The stored form: `{v: 1, key: CryptoKey, iterations, salt: [16 numbers]}`
    /// (IndexedDB stores the CryptoKey itself by structured clone, still
    /// non-extractable).
    pub(super) fn to_stored(&self) -> JsValue {
        let o = Object::new();
        let _ = Reflect::set(&o, &"v".into(), &JsValue::from_f64(1.0));
        let _ = Reflect::set(&o, &"key".into(), &self.key);
        let _ = Reflect::set(&o, &"iterations".into(), &JsValue::from_f64(f64::from(self.kdf.iterations)));
        let _ = Reflect::set(&o, &"salt".into(), &Uint8Array::from(&self.kdf.salt[..]));
        o.into()
    }

    pub(super) fn from_stored(v: &JsValue) -> Result<BackupKey, StorageError> {
        let bad = |what: &str| StorageError::Corrupt(format!("The stored backup key cannot be read ({what})."));
        let version = Reflect::get(v, &"v".into()).ok().and_then(|x| x.as_f64()).ok_or_else(|| bad("no version"))?;
        if version != 1.0 {
            return Err(bad("it was written by a newer version of the app"));
        }
        let key: CryptoKey = Reflect::get(v, &"key".into())
            .ok()
            .and_then(|k| k.dyn_into::<CryptoKey>().ok())
            .ok_or_else(|| bad("no key"))?;
        let iterations = Reflect::get(v, &"iterations".into())
            .ok()
            .and_then(|x| x.as_f64())
            .ok_or_else(|| bad("no iteration count"))? as u32;
        let salt: [u8; SALT_LEN] = Reflect::get(v, &"salt".into())
            .ok()
            .and_then(|s| s.dyn_into::<Uint8Array>().ok())
            .and_then(|s| s.to_vec().try_into().ok())
            .ok_or_else(|| bad("no salt"))?;
        Ok(BackupKey { key, kdf: KdfParams { iterations, salt } })
    }
}
