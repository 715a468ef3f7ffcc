//! The storage engine: opening and upgrading the database, loading the whole
//! dataset, appending one journal entry per user action, catching up with
//! other tabs, and writing full snapshots (imports, demo data, compaction).

use std::cell::Cell;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use js_sys::{Array, ArrayBuffer, Uint8Array};
use serde::{Deserialize, Serialize};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbTransaction, IdbTransactionMode,
    IdbVersionChangeEvent,
};

use super::error::StorageError;
use super::idb::{committed, done, numbers, request, started, store, strings, transaction};
use super::schema::{upgrade_step, CHUNKS, HISTORY, JOURNAL, META, META_KEY, SCHEMA_VERSION};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::history::{HistoryEntry, HISTORY_LIMIT};
use crate::core::snapshot::{
    activity_chunk_range, chunks, decode_entry, encode_entry, ChunkReader, Chunks, SnapshotError, Stage, StoredChunk,
};

/// Bookkeeping kept in `meta`: which snapshot the chunks are, and the last
/// journal key folded into them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
struct Meta {
    #[serde(default)]
    generation: u64,
    #[serde(default)]
    base_seq: f64,
}

fn parse_meta(v: &JsValue) -> Result<Meta, StorageError> {
    match v.as_string() {
        None => Ok(Meta::default()),
        Some(s) => serde_json::from_str(&s)
            .map_err(|e| StorageError::Corrupt(format!("The stored settings cannot be read: {e}"))),
    }
}

/// The dataset as loaded, with the position this tab has reached.
pub struct Loaded {
    pub data: Dataset,
    pub generation: u64,
    pub last_seq: f64,
    /// Journal entries not yet folded into chunks.
    pub journal_len: usize,
}

/// A load whose activities are still to be decoded (see [`Store::load_staged`]).
pub struct Staged {
    pub loaded: Loaded,
    pub rest: Rest,
}

/// What the second stage of a staged load needs from the first: the
/// snapshot it read and the journal entries it applied to everything else.
pub struct Rest {
    generation: u64,
    journal: Vec<String>,
}

fn corrupt(e: SnapshotError) -> StorageError {
    StorageError::Corrupt(e.to_string())
}

/// Reads one stored chunk value into `reader`: text (formats 1 and 2) as it
/// is, bytes (format 3) copied into `buf`, which is reused from chunk to
/// chunk so the chunks never all sit in wasm memory at once.
fn read_chunk(value: &JsValue, buf: &mut Vec<u8>, reader: &mut ChunkReader) -> Result<(), StorageError> {
    if let Some(text) = value.as_string() {
        return reader.read(StoredChunk::Text(&text)).map_err(corrupt);
    }
    let bytes = if let Some(array) = value.dyn_ref::<Uint8Array>() {
        array.clone()
    } else if value.is_instance_of::<ArrayBuffer>() {
        Uint8Array::new(value)
    } else {
        return Err(StorageError::Corrupt("a stored chunk is neither text nor bytes".into()));
    };
    buf.clear();
    buf.resize(bytes.length() as usize, 0);
    bytes.copy_to(buf);
    reader.read(StoredChunk::Bytes(buf)).map_err(corrupt)
}

/// Tells `reader` how many records the byte chunks of a `getAll` result
/// hold (from the first bytes of each), before it reads them.
fn expect_chunks(values: &Array, reader: &mut ChunkReader) {
    let mut head = [0u8; 16];
    for v in values.iter() {
        if let Some(bytes) = v.dyn_ref::<Uint8Array>() {
            let n = bytes.length().min(16);
            bytes.subarray(0, n).copy_to(&mut head[..n as usize]);
            reader.expect(&head[..n as usize]);
        }
    }
}

/// Reads every chunk of a `getAll` result into `reader`.
fn read_chunks(values: &JsValue, reader: &mut ChunkReader) -> Result<(), StorageError> {
    let values: &Array = values.dyn_ref().ok_or_else(|| StorageError::Corrupt("expected a list".into()))?;
    let mut buf = Vec::new();
    values.iter().try_for_each(|v| read_chunk(&v, &mut buf, reader))
}

/// Chunks read from IndexedDB (still JavaScript values, outside wasm
/// memory) and decoded a few at a time, so a long decode can give the
/// browser a turn between steps (see [`Store::load_rest`]).
pub struct ChunkStream {
    values: Array,
    next: u32,
    reader: ChunkReader,
    buf: Vec<u8>,
    journal: Vec<String>,
}

impl ChunkStream {
    /// Decodes chunks until about `budget_ms` have passed; `true` once all are read.
    pub fn step(&mut self, budget_ms: f64) -> Result<bool, StorageError> {
        let start = js_sys::Date::now();
        while self.next < self.values.length() {
            read_chunk(&self.values.get(self.next), &mut self.buf, &mut self.reader)?;
            self.next += 1;
            if js_sys::Date::now() - start >= budget_ms {
                break;
            }
        }
        Ok(self.next >= self.values.length())
    }

    /// How many chunks are decoded, of how many.
    pub fn progress(&self) -> (u32, u32) {
        (self.next, self.values.length())
    }

    /// The decoded activities as a dataset holding only them (for
    /// `Dataset::install_activities`), with the journal applied.
    pub fn finish(mut self) -> Result<Dataset, StorageError> {
        while !self.step(f64::INFINITY)? {}
        self.reader.into_stage(&self.journal, Stage::ActivitiesOnly).map_err(corrupt)
    }
}

/// What [`Store::catch_up`] found.
pub enum Synced {
    UpToDate,
    /// Other tabs' change lists, in order, and the new position.
    Applied {
        entries: Vec<Vec<Change>>,
        last_seq: f64,
    },
    /// The data was replaced (import, compaction): here is all of it again.
    Reloaded(Box<Loaded>),
}

/// What a snapshot write is based on.
pub enum SnapshotBase {
    /// Replace everything, whatever other tabs wrote.
    Replace,
    /// The dataset was derived from this tab's view at `generation`/`after_seq`:
    /// journal entries other tabs wrote since are applied on top before writing.
    Rebase { generation: u64, after_seq: f64 },
}

/// The result of an append: other tabs' entries that came before ours.
pub struct Appended {
    pub seq: f64,
    pub earlier: Vec<Vec<Change>>,
    /// Another tab replaced the data; reload instead of applying `earlier`.
    pub is_stale: bool,
    /// The key of the history entry written with the changes, if any.
    pub history_key: Option<f64>,
}

/// What an undo wrote: the append, and the changes it applied.
pub struct Undone {
    pub appended: Appended,
    pub changes: Vec<Change>,
}

/// The result of a snapshot write.
#[derive(Debug)]
pub struct Snapshot {
    pub data: Dataset,
    pub generation: u64,
    pub last_seq: f64,
}

pub struct Store {
    pub(super) db: IdbDatabase,
    _on_version_change: Closure<dyn FnMut(IdbVersionChangeEvent)>,
    /// Test hook: make the next snapshot write fail after this many chunk puts.
    fail_after: Cell<Option<usize>>,
}

fn factory() -> Result<web_sys::IdbFactory, StorageError> {
    let window = web_sys::window().ok_or_else(|| StorageError::Unavailable("no window".into()))?;
    window
        .indexed_db()
        .map_err(|e| StorageError::Unavailable(format!("{e:?}")))?
        .ok_or_else(|| StorageError::Unavailable("IndexedDB is not available".into()))
}

fn tail_range(after_seq: f64) -> Result<IdbKeyRange, StorageError> {
    IdbKeyRange::lower_bound_with_open(&JsValue::from_f64(after_seq), true).map_err(|e| StorageError::from_js(&e))
}

fn decode_entries(values: &[String]) -> Result<Vec<Vec<Change>>, StorageError> {
    values.iter().map(|v| decode_entry(v).map_err(|e| StorageError::Corrupt(e.to_string()))).collect()
}

fn put_text(store: &IdbObjectStore, key: &str, value: &str) -> Result<(), StorageError> {
    started(store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))).map(|_| ())
}

impl Store {
    /// Opens (creating or upgrading) the database. `on_outdated` runs when a
    /// newer version of the app asks to upgrade it: the connection is closed
    /// first, so the other tab can proceed.
    pub async fn open(name: &str, on_outdated: impl Fn() + 'static) -> Result<Store, StorageError> {
        Store::open_at(name, SCHEMA_VERSION, on_outdated).await
    }

    /// Opens at a given schema version: tests use it to create older databases.
    pub async fn open_at(name: &str, version: u32, on_outdated: impl Fn() + 'static) -> Result<Store, StorageError> {
        let req: IdbOpenDbRequest =
            factory()?.open_with_u32(name, version).map_err(|e| StorageError::Unavailable(format!("{e:?}")))?;
        let failure: Rc<Cell<Option<u32>>> = Rc::new(Cell::new(None));
        let on_upgrade = {
            let req = req.clone();
            let failure = failure.clone();
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |ev: IdbVersionChangeEvent| {
                let Ok(db) = req.result().map(|r| r.unchecked_into::<IdbDatabase>()) else { return };
                let old = ev.old_version() as u32;
                for step in old + 1..=version {
                    if upgrade_step(&db, step).is_err() {
                        failure.set(Some(step));
                        if let Some(tx) = req.transaction() {
                            let _ = tx.abort();
                        }
                        return;
                    }
                }
            })
        };
        req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        let result = request(req.clone().unchecked_into()).await;
        req.set_onupgradeneeded(None);
        drop(on_upgrade);
        if let Some(step) = failure.get() {
            return Err(StorageError::Failed(format!("upgrade step {step} failed; the database was left as it was")));
        }
        let db: IdbDatabase = match result {
            Ok(v) => v.unchecked_into(),
            Err(StorageError::Failed(d)) if d.starts_with("VersionError") => {
                return Err(StorageError::Outdated);
            }
            Err(e) => return Err(e),
        };
        let on_version_change = {
            let db = db.clone();
            Closure::<dyn FnMut(IdbVersionChangeEvent)>::new(move |_: IdbVersionChangeEvent| {
                db.close();
                on_outdated();
            })
        };
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(Store { db, _on_version_change: on_version_change, fail_after: Cell::new(None) })
    }

    /// Makes the next snapshot write fail after `puts` chunk writes, as a
    /// crash or a full disk would half-way through. Browser tests use it to
    /// check that a failed import leaves the database as it was.
    #[doc(hidden)]
    pub fn fail_next_snapshot_after(&self, puts: usize) {
        self.fail_after.set(Some(puts));
    }

    /// Writes one raw value: browser tests use it to lay out older schemas.
    #[doc(hidden)]
    pub async fn put_raw(&self, store_name: &str, key: &str, value: &str) -> Result<(), StorageError> {
        let tx = transaction(&self.db, &[store_name], IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        all_or_nothing(&tx, finished, async { put_text(&store(&tx, store_name)?, key, value) }).await
    }

    /// Writes one raw value of any kind (browser tests write damaged chunks).
    #[doc(hidden)]
    pub async fn put_raw_value(&self, store_name: &str, key: &str, value: &JsValue) -> Result<(), StorageError> {
        let tx = transaction(&self.db, &[store_name], IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        all_or_nothing(&tx, finished, async {
            started(store(&tx, store_name)?.put_with_key(value, &JsValue::from_str(key))).map(|_| ())
        })
        .await
    }

    /// Reads one raw value: browser tests use it to check what is stored.
    #[doc(hidden)]
    pub async fn get_raw(&self, store_name: &str, key: &str) -> Result<JsValue, StorageError> {
        let tx = transaction(&self.db, &[store_name], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let value = request(started(store(&tx, store_name)?.get(&JsValue::from_str(key)))?).await?;
        committed(finished, &tx).await?;
        Ok(value)
    }

    pub fn close(&self) {
        self.db.set_onversionchange(None);
        self.db.close();
    }

    /// The names of the object stores (for tests of the schema).
    pub fn store_names(&self) -> Vec<String> {
        let list = self.db.object_store_names();
        (0..list.length()).filter_map(|i| list.get(i)).collect()
    }

    /// Deletes a database (tests use fresh names and clean up).
    pub async fn delete(name: &str) -> Result<(), StorageError> {
        let req = factory()?.delete_database(name).map_err(|e| StorageError::from_js(&e))?;
        request(req.unchecked_into()).await.map(|_| ())
    }

    /// Reads and decodes everything but the activities (the bulk of the
    /// data), in one read-only transaction; [`Store::load_rest`] then reads
    /// and decodes the activities once the first screen shows.
    pub async fn load_staged(&self) -> Result<Staged, StorageError> {
        let (start, end) = activity_chunk_range();
        let before = IdbKeyRange::upper_bound_with_open(&JsValue::from_str(&start), true)
            .map_err(|e| StorageError::from_js(&e))?;
        let after = IdbKeyRange::lower_bound(&JsValue::from_str(&end)).map_err(|e| StorageError::from_js(&e))?;
        let tx = transaction(&self.db, &[META, CHUNKS, JOURNAL], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let meta = started(store(&tx, META)?.get(&JsValue::from_str(META_KEY)))?;
        let chunks = store(&tx, CHUNKS)?;
        let first = started(chunks.get_all_with_key(&before))?;
        let last = started(chunks.get_all_with_key(&after))?;
        let journal = store(&tx, JOURNAL)?;
        let keys = started(journal.get_all_keys())?;
        let values = started(journal.get_all())?;
        let meta = parse_meta(&request(meta).await?)?;
        let first = request(first).await?;
        let last = request(last).await?;
        let keys = numbers(&request(keys).await?)?;
        let values = strings(&request(values).await?)?;
        committed(finished, &tx).await?;
        let mut reader = ChunkReader::default();
        for values in [&first, &last] {
            if let Some(values) = values.dyn_ref::<Array>() {
                expect_chunks(values, &mut reader);
            }
        }
        read_chunks(&first, &mut reader)?;
        read_chunks(&last, &mut reader)?;
        let data = reader.into_stage(&values, Stage::AllButActivities).map_err(corrupt)?;
        let last_seq = keys.last().copied().unwrap_or(0.0).max(meta.base_seq);
        Ok(Staged {
            loaded: Loaded { data, generation: meta.generation, last_seq, journal_len: keys.len() },
            rest: Rest { generation: meta.generation, journal: values },
        })
    }

    /// The second stage of [`Store::load_staged`]: the activity chunks, read
    /// in one transaction and decoded by the returned stream (a few at a
    /// time, see [`ChunkStream::step`]), with the journal read in the first
    /// stage applied at the end. `None` when another tab replaced the data in
    /// between: then load everything again.
    pub async fn load_rest(&self, rest: &Rest) -> Result<Option<ChunkStream>, StorageError> {
        let (start, end) = activity_chunk_range();
        let range = IdbKeyRange::bound_with_lower_open_and_upper_open(
            &JsValue::from_str(&start),
            &JsValue::from_str(&end),
            false,
            true,
        )
        .map_err(|e| StorageError::from_js(&e))?;
        let tx = transaction(&self.db, &[META, CHUNKS], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let meta = started(store(&tx, META)?.get(&JsValue::from_str(META_KEY)))?;
        let chunks = started(store(&tx, CHUNKS)?.get_all_with_key(&range))?;
        let meta = parse_meta(&request(meta).await?)?;
        let chunks = request(chunks).await?;
        committed(finished, &tx).await?;
        if meta.generation != rest.generation {
            return Ok(None);
        }
        let values: Array = chunks.dyn_into().map_err(|_| StorageError::Corrupt("expected a list".into()))?;
        let mut reader = ChunkReader::default();
        expect_chunks(&values, &mut reader);
        Ok(Some(ChunkStream { values, next: 0, reader, buf: Vec::new(), journal: rest.journal.clone() }))
    }

    async fn read_all(&self) -> Result<(Meta, ChunkReader, Vec<f64>, Vec<String>), StorageError> {
        let tx = transaction(&self.db, &[META, CHUNKS, JOURNAL], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let meta = started(store(&tx, META)?.get(&JsValue::from_str(META_KEY)))?;
        let chunks = started(store(&tx, CHUNKS)?.get_all())?;
        let journal = store(&tx, JOURNAL)?;
        let keys = started(journal.get_all_keys())?;
        let values = started(journal.get_all())?;
        let meta = parse_meta(&request(meta).await?)?;
        let chunks = request(chunks).await?;
        let keys = numbers(&request(keys).await?)?;
        let values = strings(&request(values).await?)?;
        committed(finished, &tx).await?;
        let mut reader = ChunkReader::default();
        if let Some(values) = chunks.dyn_ref::<Array>() {
            expect_chunks(values, &mut reader);
        }
        read_chunks(&chunks, &mut reader)?;
        Ok((meta, reader, keys, values))
    }

    /// Reads everything in one read-only transaction.
    pub async fn load(&self) -> Result<Loaded, StorageError> {
        let (meta, chunks, keys, values) = self.read_all().await?;
        let data = chunks.into_whole(&values).map_err(corrupt)?;
        let last_seq = keys.last().copied().unwrap_or(0.0).max(meta.base_seq);
        Ok(Loaded { data, generation: meta.generation, last_seq, journal_len: keys.len() })
    }

    /// Writes one user action as one journal entry, in one transaction, with
    /// its undo entry when given. The same transaction reads the entries other
    /// tabs added after `last_seq`, so the caller can apply them before its
    /// own and miss nothing.
    pub async fn append(
        &self,
        changes: &[Change],
        at: DateTime<Utc>,
        generation: u64,
        last_seq: f64,
        history: Option<&HistoryEntry>,
    ) -> Result<Appended, StorageError> {
        let entry = encode_entry(changes, at);
        let history = history.map(HistoryEntry::encode);
        // The history store is in the scope only when needed, so plain
        // appends also work on a database opened at an older version (tests).
        let stores: &[&str] = if history.is_some() { &[META, JOURNAL, HISTORY] } else { &[META, JOURNAL] };
        let tx = transaction(&self.db, stores, IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        all_or_nothing(&tx, finished, async {
            let mut appended = append_in(&tx, &entry, generation, last_seq).await?;
            if let Some(text) = &history {
                appended.history_key = Some(add_history(&tx, text).await?);
            }
            Ok(appended)
        })
        .await
    }

    /// Undoes the history entry `key`: writes its changes as a new journal
    /// entry and removes it, in one transaction. `Ok(None)` when the entry is
    /// gone (another tab undid it already).
    pub async fn undo(
        &self,
        key: f64,
        at: DateTime<Utc>,
        generation: u64,
        last_seq: f64,
    ) -> Result<Option<Undone>, StorageError> {
        let tx = transaction(&self.db, &[META, JOURNAL, HISTORY], IdbTransactionMode::Readwrite)?;
        let finished = done(&tx);
        all_or_nothing(&tx, finished, async {
            let history = store(&tx, HISTORY)?;
            let text = request(started(history.get(&JsValue::from_f64(key)))?).await?;
            let Some(text) = text.as_string() else { return Ok(None) };
            let entry = HistoryEntry::decode(&text).map_err(StorageError::Corrupt)?;
            let appended = append_in(&tx, &encode_entry(&entry.undo, at), generation, last_seq).await?;
            started(history.delete(&JsValue::from_f64(key)))?;
            Ok(Some(Undone { appended, changes: entry.undo }))
        })
        .await
    }

    /// The undo history, newest first.
    pub async fn history(&self) -> Result<Vec<(f64, HistoryEntry)>, StorageError> {
        let tx = transaction(&self.db, &[HISTORY], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let history = store(&tx, HISTORY)?;
        let keys = started(history.get_all_keys())?;
        let values = started(history.get_all())?;
        let keys = numbers(&request(keys).await?)?;
        let values = strings(&request(values).await?)?;
        committed(finished, &tx).await?;
        let mut out = Vec::with_capacity(keys.len());
        for (key, text) in keys.into_iter().zip(values).rev() {
            out.push((key, HistoryEntry::decode(&text).map_err(StorageError::Corrupt)?));
        }
        Ok(out)
    }

    /// Reads what other tabs wrote since `last_seq`.
    pub async fn catch_up(&self, generation: u64, last_seq: f64) -> Result<Synced, StorageError> {
        let tx = transaction(&self.db, &[META, JOURNAL], IdbTransactionMode::Readonly)?;
        let finished = done(&tx);
        let meta = started(store(&tx, META)?.get(&JsValue::from_str(META_KEY)))?;
        let journal = store(&tx, JOURNAL)?;
        let range = tail_range(last_seq)?;
        let keys = started(journal.get_all_keys_with_key(&range))?;
        let values = started(journal.get_all_with_key(&range))?;
        let meta = parse_meta(&request(meta).await?)?;
        let keys = numbers(&request(keys).await?)?;
        let values = strings(&request(values).await?)?;
        committed(finished, &tx).await?;
        if meta.generation != generation {
            return Ok(Synced::Reloaded(Box::new(self.load().await?)));
        }
        match keys.last() {
            None => Ok(Synced::UpToDate),
            Some(&last) => Ok(Synced::Applied { entries: decode_entries(&values)?, last_seq: last }),
        }
    }

    /// Replaces the chunks with `data` and empties the journal, in one
    /// transaction. Used for imports, demo data and compaction.
    pub async fn write_snapshot(&self, data: Dataset, base: SnapshotBase) -> Result<Snapshot, StorageError> {
        self.write_snapshot_with(data, base, &|_, _| {}).await.map_err(|e| e.error)
    }

    /// [`Store::write_snapshot`], calling `progress(chunks written, chunks)`
    /// as it goes. Chunks are encoded and put one at a time; about every
    /// 40 ms it waits for the last put, which keeps the transaction open and
    /// gives the browser a turn (a large import stays responsive). When
    /// nothing was written, the dataset comes back with the error.
    pub async fn write_snapshot_with(
        &self,
        data: Dataset,
        base: SnapshotBase,
        progress: &dyn Fn(usize, usize),
    ) -> Result<Snapshot, NotWritten> {
        let mut data = data;
        let tx = match transaction(&self.db, &[META, CHUNKS, JOURNAL], IdbTransactionMode::Readwrite) {
            Ok(tx) => tx,
            Err(error) => return Err(NotWritten { error, data }),
        };
        let finished = done(&tx);
        let written = all_or_nothing(&tx, finished, async {
            let meta_store = store(&tx, META)?;
            let journal = store(&tx, JOURNAL)?;
            let meta = started(meta_store.get(&JsValue::from_str(META_KEY)))?;
            let keys = started(journal.get_all_keys())?;
            let tail = match &base {
                SnapshotBase::Rebase { after_seq, .. } => {
                    let range = tail_range(*after_seq)?;
                    Some(started(journal.get_all_with_key(&range))?)
                }
                SnapshotBase::Replace => None,
            };
            let meta = parse_meta(&request(meta).await?)?;
            let keys = numbers(&request(keys).await?)?;
            if let (SnapshotBase::Rebase { generation, .. }, Some(tail)) = (&base, tail) {
                let tail = strings(&request(tail).await?)?;
                if meta.generation != *generation {
                    return Err(StorageError::Stale);
                }
                decode_entries(&tail)?.iter().flatten().for_each(|c| data.apply(c));
            }
            // Still inside the transaction: only IndexedDB requests are
            // awaited. Each chunk is encoded, copied out as a `Uint8Array`
            // by its put and dropped, one at a time.
            let last_seq = keys.last().copied().unwrap_or(0.0).max(meta.base_seq);
            let next = Meta { generation: meta.generation + 1, base_seq: last_seq };
            let store_of_chunks = store(&tx, CHUNKS)?;
            started(store_of_chunks.clear())?;
            let fail_after = self.fail_after.take();
            let total = Chunks::count(&data);
            let mut since = js_sys::Date::now();
            for (n, (key, bytes)) in chunks(&data).enumerate() {
                if fail_after == Some(n) {
                    return Err(StorageError::Failed("injected failure".into()));
                }
                let put =
                    started(store_of_chunks.put_with_key(&Uint8Array::from(&bytes[..]), &JsValue::from_str(&key)))?;
                if js_sys::Date::now() - since >= 40.0 {
                    progress(n + 1, total);
                    request(put).await?;
                    since = js_sys::Date::now();
                }
            }
            started(journal.clear())?;
            put_text(&meta_store, META_KEY, &serde_json::to_string(&next).unwrap_or_default())?;
            Ok((next.generation, last_seq))
        })
        .await;
        match written {
            Ok((generation, last_seq)) => Ok(Snapshot { data, generation, last_seq }),
            Err(error) => Err(NotWritten { error, data }),
        }
    }
}

/// A snapshot write that failed: nothing of it was written; the dataset it
/// was given comes back.
pub struct NotWritten {
    pub error: StorageError,
    pub data: Dataset,
}

/// Adds a journal entry inside `tx` (which covers `meta` and `journal`) and
/// reads the entries other tabs added after `last_seq`.
async fn append_in(tx: &IdbTransaction, entry: &str, generation: u64, last_seq: f64) -> Result<Appended, StorageError> {
    let meta = started(store(tx, META)?.get(&JsValue::from_str(META_KEY)))?;
    let journal = store(tx, JOURNAL)?;
    let range = tail_range(last_seq)?;
    let values = started(journal.get_all_with_key(&range))?;
    let added = started(journal.add(&JsValue::from_str(entry)))?;
    let meta = parse_meta(&request(meta).await?)?;
    let values = strings(&request(values).await?)?;
    let seq = request(added).await?.as_f64().unwrap_or(last_seq + 1.0);
    let is_stale = meta.generation != generation;
    let earlier = if is_stale { Vec::new() } else { decode_entries(&values)? };
    Ok(Appended { seq, earlier, is_stale, history_key: None })
}

/// Adds a history entry inside `tx`, dropping the oldest beyond [`HISTORY_LIMIT`].
async fn add_history(tx: &IdbTransaction, text: &str) -> Result<f64, StorageError> {
    let history = store(tx, HISTORY)?;
    let keys = started(history.get_all_keys())?;
    let added = started(history.add(&JsValue::from_str(text)))?;
    let keys = numbers(&request(keys).await?)?;
    let key = request(added).await?.as_f64().unwrap_or_default();
    if keys.len() >= HISTORY_LIMIT {
        let oldest_kept = keys[keys.len() + 1 - HISTORY_LIMIT];
        let range = IdbKeyRange::upper_bound_with_open(&JsValue::from_f64(oldest_kept), true)
            .map_err(|e| StorageError::from_js(&e))?;
        started(history.delete(&range))?;
    }
    Ok(key)
}

/// Runs the body of a readwrite transaction: if it fails at any point the
/// transaction is aborted, so none of its writes land; if it succeeds, the
/// result is returned only after the transaction committed.
async fn all_or_nothing<T>(
    tx: &IdbTransaction,
    finished: JsFuture,
    body: impl std::future::Future<Output = Result<T, StorageError>>,
) -> Result<T, StorageError> {
    match body.await {
        Ok(value) => {
            committed(finished, tx).await?;
            Ok(value)
        }
        Err(e) => {
            let _ = tx.abort();
            let _ = finished.await;
            Err(e)
        }
    }
}
