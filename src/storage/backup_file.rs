//! Reading a backup file the person chose, fast and light on memory.
//!
//! The file's bytes stay in JavaScript memory (one `ArrayBuffer`): windows
//! of 1 MiB are copied from it into `core::backup::stream::StreamReader`,
//! which parses, checks and indexes the records as they come, so wasm memory
//! never holds the file. Meanwhile WebCrypto computes the payload's SHA-256
//! from the same buffer, off the main thread. The caller steps the reading
//! ([`BackupFile::step`]) and gives the browser a turn in between, so the
//! page stays responsive and can show progress.
//!
//! A file the fast path does not take (anything invalid or unusual) is then
//! read whole by `core::backup::parse_backup`'s steps, exactly as before, so
//! every message about a bad file is the one it always was.

use chrono::NaiveDate;
use js_sys::{ArrayBuffer, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::core::backup::stream::{guess_payload_end, Progress, StreamReader};
use crate::core::backup::{check_backup, payload_sha256, read_envelope, Backup, BackupError};

/// How many bytes are copied into wasm at a time.
const WINDOW: usize = 1 << 20;

/// A backup file being read (see the module documentation).
pub struct BackupFile {
    bytes: Uint8Array,
    len: usize,
    today: NaiveDate,
    /// `None` once the fast path gave up: [`BackupFile::finish`] reads the file whole.
    reader: Option<StreamReader>,
    fed: usize,
    is_done: bool,
    /// WebCrypto's digest of the bytes where the payload probably is, started
    /// as soon as its start is known (see [`guess_payload_end`]).
    digest: Option<((usize, usize), JsFuture)>,
    has_webcrypto: bool,
}

/// `crypto.subtle.digest`, where the page has it (a secure context).
fn subtle_digest() -> Option<(JsValue, Function)> {
    let crypto = Reflect::get(&js_sys::global(), &"crypto".into()).ok()?;
    let subtle = Reflect::get(&crypto, &"subtle".into()).ok().filter(JsValue::is_object)?;
    let digest: Function = Reflect::get(&subtle, &"digest".into()).ok()?.dyn_into().ok()?;
    Some((subtle, digest))
}

/// Starts WebCrypto's SHA-256 of `bytes` (a JavaScript array, never copied into wasm).
fn start_digest(bytes: &Uint8Array) -> Option<JsFuture> {
    let (subtle, digest) = subtle_digest()?;
    let promise: Promise = digest.call2(&subtle, &"SHA-256".into(), bytes).ok()?.dyn_into().ok()?;
    Some(JsFuture::from(promise))
}

async fn hex_of(digest: JsFuture) -> Option<String> {
    let hash = Uint8Array::new(&digest.await.ok()?).to_vec();
    Some(hash.iter().map(|b| format!("{b:02x}")).collect())
}

/// The hex SHA-256 of `text` by WebCrypto, or by core where WebCrypto is missing.
pub async fn sha256_of(text: &str) -> String {
    match start_digest(&Uint8Array::from(text.as_bytes())) {
        Some(d) => match hex_of(d).await {
            Some(hex) => hex,
            None => payload_sha256(text),
        },
        None => payload_sha256(text),
    }
}

/// The bytes of a file the person chose, in JavaScript memory (one
/// `ArrayBuffer`, never copied into wasm here).
pub async fn read_bytes(file: &web_sys::File) -> Result<Uint8Array, String> {
    let buffer = JsFuture::from(file.array_buffer()).await.map_err(|_| "The file could not be read.".to_string())?;
    let buffer: ArrayBuffer = buffer.dyn_into().map_err(|_| "The file could not be read.".to_string())?;
    Ok(Uint8Array::new(&buffer))
}

impl BackupFile {
    /// Reads a file whose bytes are in a JavaScript array (see [`read_bytes`]).
    pub fn from_bytes(bytes: Uint8Array, today: NaiveDate) -> BackupFile {
        let len = bytes.length() as usize;
        let has_webcrypto = subtle_digest().is_some();
        let mut reader = StreamReader::new(today, len);
        if !has_webcrypto {
            reader.hash_payload();
        }
        BackupFile { bytes, len, today, reader: Some(reader), fed: 0, is_done: false, digest: None, has_webcrypto }
    }

    /// The share of the file read so far, 0 to 1.
    pub fn progress(&self) -> f64 {
        if self.len == 0 {
            1.0
        } else {
            self.fed as f64 / self.len as f64
        }
    }

    /// Reads windows for about `budget_ms`; `true` once the whole file is read.
    pub fn step(&mut self, budget_ms: f64) -> bool {
        let start = js_sys::Date::now();
        while !self.is_done {
            let Some(reader) = &mut self.reader else {
                self.is_done = true;
                break;
            };
            let n = WINDOW.min(self.len - self.fed);
            let window = self.bytes.subarray(self.fed as u32, (self.fed + n) as u32);
            window.copy_to(reader.window(n));
            self.fed += n;
            match reader.process() {
                Ok(Progress::Done) if self.fed == self.len => self.is_done = true,
                Ok(_) if self.fed == self.len => {
                    // The bytes ended inside the backup.
                    self.reader = None;
                    self.is_done = true;
                }
                Ok(_) => {}
                Err(_) => {
                    self.reader = None;
                    self.is_done = true;
                }
            }
            self.start_digest();
            if js_sys::Date::now() - start >= budget_ms {
                break;
            }
        }
        self.is_done
    }

    /// Starts WebCrypto on the likely payload as soon as its start is known.
    fn start_digest(&mut self) {
        if self.digest.is_some() || !self.has_webcrypto {
            return;
        }
        let Some(start) = self.reader.as_ref().and_then(StreamReader::payload_start) else { return };
        let tail_start = self.len.saturating_sub(64);
        let tail = self.bytes.subarray(tail_start as u32, self.len as u32).to_vec();
        let Some(end) = guess_payload_end(&tail, self.len).filter(|&e| e > start) else { return };
        if let Some(digest) = start_digest(&self.bytes.subarray(start as u32, end as u32)) {
            self.digest = Some(((start, end), digest));
        }
    }

    /// The checked backup, or why it cannot be imported.
    pub async fn finish(mut self) -> Result<Backup, BackupError> {
        while !self.step(f64::INFINITY) {}
        if let Some(reader) = self.reader.take() {
            let digest = match (reader.payload_range(), self.digest.take()) {
                _ if !self.has_webcrypto => None,
                (Some(range), Some((guessed, digest))) if range == guessed => hex_of(digest).await,
                (Some((start, end)), _) => match start_digest(&self.bytes.subarray(start as u32, end as u32)) {
                    Some(d) => hex_of(d).await,
                    None => None,
                },
                (None, _) => None,
            };
            if digest.is_some() || !self.has_webcrypto {
                if let Ok(backup) = reader.finish(digest.as_deref()) {
                    return Ok(backup);
                }
            }
        }
        self.read_whole().await
    }

    /// The exact path: the whole file as text, as `core::backup::parse_backup` reads it.
    async fn read_whole(self) -> Result<Backup, BackupError> {
        let bytes = self.bytes.to_vec();
        drop(self.bytes);
        // Invalid UTF-8 becomes U+FFFD, as `File.text()` does; the checks then fail.
        let text = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        let envelope = read_envelope(&text)?;
        let digest = sha256_of(envelope.payload()).await;
        check_backup(envelope, &digest, self.today)
    }
}
