//! Where the time and memory of a full-backup import and of a reload go,
//! natively (the browser's figures come from `bash scripts/bench.sh`):
//!
//! ```text
//! cargo run --release --example profile_load -- <backup.json> [runs]
//! ```
//!
//! Prints the median of each step over the runs, and the bytes held per
//! record kind once loaded (counted by a global allocator; native pointers
//! are 8 bytes, twice wasm32's, so these are upper bounds for the browser).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use crm::core::backup::stream::StreamReader;
use crm::core::backup::{check_backup, payload_sha256, plan_import, read_envelope, ImportMode};
use crm::core::dataset::ContactSort;
use crm::core::dataset::{Dataset, Records};
use crm::core::records::{Activity, Company, Contact, Deal, Settings, Task};
use crm::core::snapshot::{
    decode_dataset, decode_stage, encode_chunks, encode_text_chunks, ChunkReader, Stage, StoredChunk,
};
use crm::core::validate::{validate_activity, validate_company, validate_contact, validate_deal, validate_task};

#[derive(serde::Deserialize)]
struct Payload {
    #[serde(default)]
    companies: Vec<Company>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    deals: Vec<Deal>,
    #[serde(default)]
    activities: Vec<Activity>,
    #[serde(default)]
    tasks: Vec<Task>,
    #[serde(default)]
    settings: Option<Settings>,
}

/// Counts the bytes currently allocated, and the peak.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, p: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let q = unsafe { System.realloc(p, layout, new_size) };
        if !q.is_null() {
            if new_size > layout.size() {
                let now = NOW.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        q
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn allocated() -> usize {
    NOW.load(Ordering::Relaxed)
}

fn reset_peak() -> usize {
    let now = allocated();
    PEAK.store(now, Ordering::Relaxed);
    now
}

fn peak() -> usize {
    PEAK.load(Ordering::Relaxed)
}

const MIB: f64 = 1024.0 * 1024.0;

struct Steps(Vec<(&'static str, Vec<Duration>)>);

impl Steps {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let took = start.elapsed();
        match self.0.iter_mut().find(|(n, _)| *n == name) {
            Some((_, v)) => v.push(took),
            None => self.0.push((name, vec![took])),
        }
        out
    }

    fn print(&self) {
        for (name, times) in &self.0 {
            let mut t = times.clone();
            t.sort();
            println!("  {name:<44} {:>8.0} ms", t[t.len() / 2].as_secs_f64() * 1000.0);
        }
    }
}

/// Bytes held by `f`'s result (allocated after it, minus before).
fn held<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = allocated();
    let out = f();
    (out, allocated().saturating_sub(before))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: profile_load <backup.json> [runs]");
        std::process::exit(2);
    };
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(3);
    let today = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut steps = Steps(Vec::new());
    let mut kept = None;
    for _ in 0..runs {
        let bytes = steps.time("import: read the file", || std::fs::read(path).expect("readable file"));
        let base = reset_peak();
        let reader = steps.time("import: stream reader, 1 MiB windows, own SHA-256", || {
            let mut r = StreamReader::new(today, bytes.len());
            r.hash_payload();
            for window in bytes.chunks(1 << 20) {
                r.window(window.len()).copy_from_slice(window);
                r.process().expect("valid");
            }
            r
        });
        // The end of the check is one synchronous step in the browser (one task).
        let streamed =
            steps.time("import:   then its finish (one task in the browser)", || reader.finish(None).expect("valid"));
        let stream_peak = peak() - base;
        steps.time("preview: plan_import into empty data (one task)", || {
            plan_import(&Dataset::default(), &streamed, ImportMode::Replace).contacts.added
        });
        if std::env::var_os("PROFILE_STREAM_ONLY").is_some() {
            continue;
        }
        drop(streamed);
        steps.time("import: stream reader, 1 MiB windows, no hashing", || {
            let mut r = StreamReader::new(today, bytes.len());
            for window in bytes.chunks(1 << 20) {
                r.window(window.len()).copy_from_slice(window);
                r.process().expect("valid");
            }
            let (start, end) = r.payload_range().unwrap();
            let digest = payload_sha256(std::str::from_utf8(&bytes[start..end]).unwrap());
            r.finish(Some(&digest)).expect("valid")
        });
        println!("stream reader peak {:.0} MiB", stream_peak as f64 / MIB);
        let base = reset_peak();
        let text = steps.time("import: UTF-8 check", || String::from_utf8(bytes).expect("UTF-8"));
        let env = steps.time("import: envelope (a full JSON scan)", || read_envelope(&text).expect("envelope"));
        let digest = steps.time("import: SHA-256 of the payload", || payload_sha256(env.payload()));
        let records = steps.time("import:   of which parsing the records", || {
            serde_json::from_str::<Payload>(env.payload()).expect("records")
        });
        steps.time("import:   of which validating them", || {
            let s = records.settings.clone().unwrap_or_default();
            let n = records.contacts.iter().filter(|c| !validate_contact(c, today).is_empty()).count()
                + records.companies.iter().filter(|c| !validate_company(c).is_empty()).count()
                + records.deals.iter().filter(|d| !validate_deal(d, &s).is_empty()).count()
                + records.activities.iter().filter(|a| !validate_activity(a).is_empty()).count()
                + records.tasks.iter().filter(|t| !validate_task(t).is_empty()).count();
            assert_eq!(n, 0);
        });
        let data = steps.time("import:   of which indexing (Dataset::from_parts)", || {
            Dataset::from_parts(Records {
                companies: records.companies,
                contacts: records.contacts,
                deals: records.deals,
                activities: records.activities,
                tasks: records.tasks,
                settings: records.settings,
            })
            .unwrap()
        });
        drop(data);
        let backup = steps.time("import: parse, check, index (check_backup)", || {
            check_backup(env, &digest, today).expect("valid backup")
        });
        let import_peak = peak() - base;
        drop(text);
        let text_chunks = steps.time("write: encode text chunks (format 2)", || encode_text_chunks(&backup.data));
        let text_bytes: usize = text_chunks.iter().map(|(_, c)| c.len()).sum();
        let chunks = steps.time("write: encode byte chunks (format 3)", || encode_chunks(&backup.data));
        let chunk_bytes: usize = chunks.iter().map(|(_, c)| c.len()).sum();
        drop(backup);
        let texts: Vec<String> = text_chunks.into_iter().map(|(_, c)| c).collect();
        steps.time("reload: format 2, decode every chunk and index", || {
            decode_dataset(&texts, std::iter::empty::<&str>()).expect("chunks decode")
        });
        drop(texts);
        let texts: Vec<Vec<u8>> = chunks.into_iter().map(|(_, c)| c).collect();
        let records = steps.time("reload:   of which reading the records (format 3)", || {
            let mut reader = ChunkReader::default();
            for c in &texts {
                reader.read(StoredChunk::Bytes(c)).unwrap();
            }
            reader.into_records()
        });
        steps.time("reload:   of which indexing them", || Dataset::from_parts(records).unwrap());
        let base = reset_peak();
        let data = steps.time("reload: decode every chunk and index", || {
            decode_dataset(&texts, std::iter::empty::<&str>()).expect("chunks decode")
        });
        let reload_peak = peak() - base;
        drop(data);
        let first = steps.time("reload: first stage (all but activities)", || {
            decode_stage(&texts, std::iter::empty::<&str>(), Stage::AllButActivities).expect("chunks decode")
        });
        let n = first.contacts().len();
        steps.time("reload:   of which sorting the contacts by name", || first.contact_order(ContactSort::Name).len());
        drop(first);
        let data = steps.time("reload: second stage (activities)", || {
            decode_stage(&texts, std::iter::empty::<&str>(), Stage::ActivitiesOnly).expect("chunks decode")
        });
        assert!(n > 0 && !data.activities().is_empty());
        let data = decode_dataset(&texts, std::iter::empty::<&str>()).unwrap();
        println!(
            "run: import peak {:.0} MiB above the file's bytes; chunks {:.1} MB (format 2: {:.1} MB); decode peak {:.0} MiB above the chunks",
            import_peak as f64 / MIB,
            chunk_bytes as f64 / 1e6,
            text_bytes as f64 / 1e6,
            reload_peak as f64 / MIB
        );
        kept = Some(data);
    }
    println!("medians over {runs} runs:");
    if std::env::var_os("PROFILE_STREAM_ONLY").is_some() {
        steps.print();
        return;
    }
    steps.print();

    let data = kept.expect("at least one run");
    let parts = data.to_parts();
    drop(data);
    println!("bytes held once loaded (native, 64-bit):");
    let Records { companies, contacts, deals, activities, tasks, settings } = parts;
    let n = (contacts.len(), companies.len(), deals.len(), activities.len(), tasks.len());
    let (whole, total) = held(|| {
        Dataset::from_parts(Records {
            companies: companies.clone(),
            contacts: contacts.clone(),
            deals: deals.clone(),
            activities: activities.clone(),
            tasks: tasks.clone(),
            settings: settings.clone(),
        })
        .expect("no duplicates")
    });
    drop(whole);
    let (c, contact_records) = held(|| contacts.clone());
    let (co, company_records) = held(|| companies.clone());
    let (d, deal_records) = held(|| deals.clone());
    let (a, activity_records) = held(|| activities.clone());
    let (t, task_records) = held(|| tasks.clone());
    drop((c, co, d, a, t));
    let (only_contacts, contacts_total) = held(|| Dataset::from_records(companies.clone(), contacts.clone()).unwrap());
    drop(only_contacts);
    let (only_activities, activities_total) =
        held(|| Dataset::from_parts(Records { activities: activities.clone(), ..Records::default() }).unwrap());
    drop(only_activities);
    let per = |bytes: usize, n: usize| bytes.checked_div(n).unwrap_or(0);
    println!("  whole dataset                 {:>6.0} MiB", total as f64 / MIB);
    println!(
        "  contacts   {:>7}: records {:>5} B each; with companies, search and sort keys, id map {:>5} B per contact",
        n.0,
        per(contact_records, n.0),
        per(contacts_total - company_records, n.0)
    );
    println!("  companies  {:>7}: records {:>5} B each", n.1, per(company_records, n.1));
    println!("  deals      {:>7}: records {:>5} B each", n.2, per(deal_records, n.2));
    println!(
        "  activities {:>7}: records {:>5} B each; with search key and id map {:>5} B each",
        n.3,
        per(activity_records, n.3),
        per(activities_total, n.3)
    );
    println!("  tasks      {:>7}: records {:>5} B each", n.4, per(task_records, n.4));
}
