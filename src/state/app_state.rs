use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::clock::{after_paint, take_turn, yield_to_browser, Clock};
use super::text::{error_text, t, tf};
use crate::core::changes::Change;
use crate::core::dataset::Dataset;
use crate::core::history::{HistoryEntry, HistoryKind};
use crate::core::tab_sync::{after_append, after_catch_up, needs_compaction, Position, Reconcile};
use crate::storage::{Announcer, Appended, Loaded, NotWritten, SnapshotBase, StorageError, Store, Synced};

/// Journal entries beyond which the chunks are rewritten and the journal emptied.
const COMPACT_AFTER: usize = 300;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadStatus {
    Loading,
    Ready,
    Failed(String),
    /// A newer version of the app took over the database in another tab.
    Outdated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Success,
    Error,
}

/// A message for the user: "Saved", or what went wrong.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// Distinguishes two equal messages in a row, so each is announced.
    pub serial: u64,
    /// The history entry that undoes the action the message reports.
    pub undo: Option<f64>,
}

struct Handles {
    store: Store,
    position: Cell<Position>,
    is_compacting: Cell<bool>,
    announcer: std::cell::RefCell<Option<Announcer>>,
}

/// The app's state, provided at the root. Cheap to copy.
#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<Dataset>,
    pub status: RwSignal<LoadStatus>,
    pub notice: RwSignal<Option<Notice>>,
    /// False while the activities are still being decoded after the first
    /// screen showed (see `Store::load_staged`); writes wait for it.
    pub is_complete: RwSignal<bool>,
    /// The time, the local date and the UTC offset, read in one place.
    pub clock: Clock,
    handles: StoredValue<Option<Rc<Handles>>, LocalStorage>,
    /// Called after each write this tab made (not compaction, not other
    /// tabs' writes): automatic backups and the persistence request.
    on_write: StoredValue<Vec<Rc<dyn Fn()>>, LocalStorage>,
}

/// The open database, for the durability code of this layer (the `device`
/// store). Holds the handles alive while in use.
pub(super) struct StoreRef(Rc<Handles>);

impl std::ops::Deref for StoreRef {
    type Target = Store;
    fn deref(&self) -> &Store {
        &self.0.store
    }
}

impl AppState {
    /// Creates the state, provides it (and its [`Clock`]) as context and
    /// starts loading `db_name`.
    pub fn provide(db_name: &str) -> AppState {
        let clock = Clock::provide();
        let state = AppState {
            data: RwSignal::new(Dataset::default()),
            status: RwSignal::new(LoadStatus::Loading),
            notice: RwSignal::new(None),
            is_complete: RwSignal::new(false),
            clock,
            handles: StoredValue::new_local(None),
            on_write: StoredValue::new_local(Vec::new()),
        };
        provide_context(state);
        let name = db_name.to_string();
        spawn_local(async move {
            let _ = state.open(&name).await;
        });
        state
    }

    pub fn expect() -> AppState {
        expect_context::<AppState>()
    }

    async fn open(self, name: &str) -> Result<(), ()> {
        let status = self.status;
        let opened = Store::open(name, move || status.set(LoadStatus::Outdated)).await;
        let store = match opened {
            Ok(s) => s,
            Err(StorageError::Outdated) => {
                status.set(LoadStatus::Outdated);
                return Err(());
            }
            Err(e) => {
                status.set(LoadStatus::Failed(error_text(&e)));
                return Err(());
            }
        };
        let staged = match store.load_staged().await {
            Ok(l) => l,
            Err(e) => {
                status.set(LoadStatus::Failed(error_text(&e)));
                return Err(());
            }
        };
        let handles = Rc::new(Handles {
            store,
            position: Cell::new(Position::default()),
            is_compacting: Cell::new(false),
            announcer: Default::default(),
        });
        let journal_len = staged.loaded.journal_len;
        self.accept(&handles, staged.loaded);
        self.is_complete.set(false);
        let announcer = Announcer::new(name, move || spawn_local(async move { self.catch_up().await }));
        *handles.announcer.borrow_mut() = Some(announcer);
        self.handles.set_value(Some(handles));
        self.status.set(LoadStatus::Ready);
        // The first screen shows; now the activities (writes wait for them).
        after_paint().await;
        let Some(h) = self.handles.get_value() else { return Err(()) };
        let rest = match h.store.load_rest(&staged.rest).await {
            Ok(Some(mut stream)) => loop {
                // About 40 ms of decoding at a time: the page stays responsive
                // while the 500k activities of a large dataset come in.
                match stream.step(40.0) {
                    Ok(false) => take_turn().await,
                    Ok(true) => break stream.finish(),
                    Err(e) => break Err(e),
                }
            },
            // Another tab replaced the data meanwhile: read it all again.
            Ok(None) => h.store.load().await.map(|all| {
                self.accept(&h, all);
                Dataset::default()
            }),
            Err(e) => Err(e),
        };
        match rest {
            Ok(rest) if !self.is_complete.get_untracked() => {
                self.data.update(|d| d.install_activities(rest));
                self.is_complete.set(true);
            }
            Ok(_) => {}
            Err(e) => {
                status.set(LoadStatus::Failed(error_text(&e)));
                return Err(());
            }
        }
        if journal_len > COMPACT_AFTER {
            self.compact().await;
        }
        Ok(())
    }

    fn accept(&self, handles: &Handles, loaded: Loaded) {
        handles.position.set(Position {
            generation: loaded.generation,
            last_seq: loaded.last_seq,
            journal_len: loaded.journal_len,
        });
        self.data.set(loaded.data);
        self.is_complete.set(true);
    }

    fn handles(&self) -> Result<Rc<Handles>, StorageError> {
        if self.status.get_untracked() == LoadStatus::Outdated {
            return Err(StorageError::Outdated);
        }
        self.handles.get_value().ok_or_else(|| StorageError::Unavailable(t("notices.db_not_open").into()))
    }

    /// Waits until the whole dataset is in memory (the staged load finished),
    /// so that no write is applied to a dataset still missing records.
    pub(super) async fn until_complete(&self) {
        while !self.is_complete.get_untracked() && self.status.get_untracked() == LoadStatus::Ready {
            yield_to_browser().await;
        }
    }

    /// The open database (`Err` until it is open, or once outdated).
    pub(super) fn store(&self) -> Result<StoreRef, StorageError> {
        self.handles().map(StoreRef)
    }

    /// Calls `f` after each write this tab makes (a commit, an undo, an
    /// import), once it committed; not for compaction or other tabs' writes.
    pub(super) fn on_write(&self, f: impl Fn() + 'static) {
        self.on_write.update_value(|v| v.push(Rc::new(f)));
    }

    fn wrote(&self) {
        for f in self.on_write.with_value(|v| v.clone()) {
            f();
        }
    }

    /// Where this tab is in the stored history (for tests and diagnostics).
    pub fn position(&self) -> Option<Position> {
        self.handles.get_value().map(|h| h.position.get())
    }

    pub fn is_ready(&self) -> bool {
        self.status.get() == LoadStatus::Ready
    }

    /// Shows a message in the page's status line.
    pub fn notify(&self, kind: NoticeKind, text: impl Into<String>) {
        let serial = self.notice.with_untracked(|n| n.as_ref().map_or(0, |n| n.serial + 1));
        self.notice.set(Some(Notice { kind, text: text.into(), serial, undo: None }));
    }

    /// A success message with an "Undo" button for history entry `key`.
    pub fn notify_undoable(&self, text: impl Into<String>, key: Option<f64>) {
        self.notify(NoticeKind::Success, text);
        self.notice.update(|n| {
            if let Some(n) = n {
                n.undo = key;
            }
        });
    }

    /// Writes one user action (one transaction), then applies it here and
    /// tells the other tabs.
    pub async fn commit(&self, changes: Vec<Change>) -> Result<(), StorageError> {
        self.until_complete().await;
        let h = self.handles()?;
        let pos = h.position.get();
        let appended = h.store.append(&changes, self.clock.now(), pos.generation, pos.last_seq, None).await?;
        self.after_append(&h, appended, &changes).await?;
        Ok(())
    }

    /// Like [`commit`](Self::commit), and stores in the same transaction the
    /// history entry that undoes it. Returns that entry's key.
    pub async fn commit_undoable(
        &self,
        changes: Vec<Change>,
        kind: HistoryKind,
        label: String,
    ) -> Result<Option<f64>, StorageError> {
        self.until_complete().await;
        let h = self.handles()?;
        let pos = h.position.get();
        let at = self.clock.now();
        let entry = self.data.with_untracked(|d| HistoryEntry::for_changes(d, &changes, kind, label, at));
        let appended = h.store.append(&changes, at, pos.generation, pos.last_seq, Some(&entry)).await?;
        let key = appended.history_key;
        self.after_append(&h, appended, &changes).await?;
        Ok(key)
    }

    /// Undoes history entry `key` as one user action. `Ok(false)` when it was
    /// undone already (in another tab).
    pub async fn undo(&self, key: f64) -> Result<bool, StorageError> {
        self.until_complete().await;
        let h = self.handles()?;
        let pos = h.position.get();
        match h.store.undo(key, self.clock.now(), pos.generation, pos.last_seq).await? {
            None => Ok(false),
            Some(undone) => {
                self.after_append(&h, undone.appended, &undone.changes).await?;
                Ok(true)
            }
        }
    }

    /// The undo history, newest first.
    pub async fn history(&self) -> Result<Vec<(f64, HistoryEntry)>, StorageError> {
        self.handles()?.store.history().await
    }

    /// Applies a committed append here (after other tabs' earlier entries).
    async fn after_append(&self, h: &Rc<Handles>, appended: Appended, changes: &[Change]) -> Result<(), StorageError> {
        let pos = h.position.get();
        match after_append(pos, appended.seq, appended.earlier.len(), appended.is_stale) {
            // Another tab replaced the data; our entry is in the journal on top of it.
            Reconcile::Reload | Reconcile::Skip => {
                let loaded = h.store.load().await?;
                self.accept(h, loaded);
            }
            Reconcile::Apply(to) => {
                self.data.update(|d| {
                    for c in appended.earlier.iter().flatten().chain(changes) {
                        d.apply(c);
                    }
                });
                h.position.set(to);
            }
        }
        self.announce(h);
        self.wrote();
        if needs_compaction(h.position.get(), COMPACT_AFTER) {
            let state = *self;
            spawn_local(async move { state.compact().await });
        }
        Ok(())
    }

    /// Replaces everything with `data` in one transaction.
    pub async fn replace_all(&self, data: Dataset) -> Result<(), StorageError> {
        self.replace_all_with(data, &|_, _| {}).await.map_err(|e| e.error)
    }

    /// [`AppState::replace_all`], calling `progress(chunks written, chunks)`
    /// as it writes; when nothing was written, the dataset comes back.
    pub async fn replace_all_with(&self, data: Dataset, progress: &dyn Fn(usize, usize)) -> Result<(), NotWritten> {
        self.until_complete().await;
        let h = match self.handles() {
            Ok(h) => h,
            Err(error) => return Err(NotWritten { error, data }),
        };
        let snap = h.store.write_snapshot_with(data, SnapshotBase::Replace, progress).await?;
        self.accept_snapshot(&h, snap);
        self.announce(&h);
        self.wrote();
        Ok(())
    }

    /// Writes `derive(current data)` as the new snapshot in one transaction;
    /// changes other tabs made meanwhile are kept on top. If another tab
    /// replaced everything meanwhile, reloads and derives again once.
    pub async fn rewrite(&self, derive: impl Fn(&Dataset) -> Dataset) -> Result<(), StorageError> {
        self.rewrite_quietly(derive).await?;
        self.wrote();
        Ok(())
    }

    /// [`rewrite`](Self::rewrite) without telling the write listeners
    /// (compaction changes no record).
    async fn rewrite_quietly(&self, derive: impl Fn(&Dataset) -> Dataset) -> Result<(), StorageError> {
        self.until_complete().await;
        let h = self.handles()?;
        for attempt in 0..2 {
            let pos = h.position.get();
            let next = self.data.with_untracked(&derive);
            let base = SnapshotBase::Rebase { generation: pos.generation, after_seq: pos.last_seq };
            match h.store.write_snapshot(next, base).await {
                Ok(snap) => {
                    self.accept_snapshot(&h, snap);
                    self.announce(&h);
                    return Ok(());
                }
                Err(StorageError::Stale) if attempt == 0 => {
                    let loaded = h.store.load().await?;
                    self.accept(&h, loaded);
                }
                Err(e) => return Err(e),
            }
        }
        Err(StorageError::Stale)
    }

    fn accept_snapshot(&self, h: &Handles, snap: crate::storage::Snapshot) {
        h.position.set(Position { generation: snap.generation, last_seq: snap.last_seq, journal_len: 0 });
        self.data.set(snap.data);
    }

    fn announce(&self, h: &Handles) {
        if let Some(a) = h.announcer.borrow().as_ref() {
            a.announce();
        }
    }

    /// Applies what other tabs wrote.
    pub async fn catch_up(&self) {
        self.until_complete().await;
        let Ok(h) = self.handles() else { return };
        let pos = h.position.get();
        match h.store.catch_up(pos.generation, pos.last_seq).await {
            Ok(Synced::UpToDate) => {}
            Ok(Synced::Applied { entries, last_seq }) => {
                // A commit of ours may have moved on meanwhile; only move forward.
                if let Reconcile::Apply(to) = after_catch_up(pos, h.position.get(), entries.len(), last_seq) {
                    self.data.update(|d| entries.iter().flatten().for_each(|c| d.apply(c)));
                    h.position.set(to);
                }
            }
            Ok(Synced::Reloaded(loaded)) => self.accept(&h, *loaded),
            Err(e) => self.notify(NoticeKind::Error, tf("notices.sync_failed", &[("error", &error_text(&e))])),
        }
    }

    /// Folds the journal into the chunks. Invisible to the user.
    async fn compact(&self) {
        let Ok(h) = self.handles() else { return };
        if h.is_compacting.replace(true) {
            return;
        }
        let _ = self.rewrite_quietly(Dataset::clone).await;
        h.is_compacting.set(false);
    }
}
