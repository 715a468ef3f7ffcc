// Benchmark: import of a large backup, reload, search keystroke latency, wasm size.
//
//   node bench.mjs            (or: npm run bench)
//
// Environment:
//   CRM_DIST          the app build (default ../../dist-e2e), made with --public-url /crm/
//   CRM_BENCH_BACKUP  a backup file to import (default ../../target/bench/backup-100k.json),
//                     e.g. from `cargo run --release --example make_backup -- 100000 <path>`
//   CRM_BENCH_RUNS    how many runs, each in a fresh browser context (default 5)
//   CRM_BENCH_STEPS   which steps after the import and reload, comma-separated
//                     (default "search,lists,scan"; "" for import and reload only)
//   CRM_BENCH_DEXIE   1 (default) to also import the same file with Dexie 4 in
//                     the same browser after each run and print the ratios; 0 not to
//
// Prints figures and whether the medians meet the targets; asserts nothing about
// time. Exits non-zero only when something goes wrong (missing files, a step that
// never finishes, errors in the page).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startServer } from './server.mjs';
import { DEXIE_VERSION, dexieRun, startDexiePage } from './bench-dexie.mjs';
import {
  HERE,
  DIST,
  BASE,
  COUNT_RE,
  assertDistBuilt,
  launchBrowser,
  guardContext,
  openApp,
  navTo,
  waitForCount,
  formatCount,
  status,
  median,
  ms,
} from './helpers.mjs';

const BACKUP = path.resolve(HERE, process.env.CRM_BENCH_BACKUP ?? '../../target/bench/backup-100k.json');
const RUNS = Number(process.env.CRM_BENCH_RUNS ?? 5);
const LONG = 300_000; // a step that takes longer than this is broken, not slow
const WITH_DEXIE = (process.env.CRM_BENCH_DEXIE ?? '1') !== '0';
const STEPS = new Set((process.env.CRM_BENCH_STEPS ?? 'search,lists,scan').split(',').map((s) => s.trim()).filter(Boolean));
const MiB = 1024 * 1024;
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MiB).toFixed(0)} MiB` : 'n/a');

/**
 * Keeps the wasm module's memory where the benchmark can read it: Trunk's
 * loader dispatches `TrunkApplicationStarted` with the module's exports.
 * Linear memory never shrinks, so its size after a phase is that phase's peak.
 */
function keepWasmMemory() {
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__crmWasmMemory = e.detail?.wasm?.memory ?? null;
  });
}

/**
 * Records the main thread's long tasks (over 50 ms, as Chromium reports
 * them) in `window.__crmLongTasks`, so a phase can say how long the page
 * went without answering input.
 */
function recordLongTasks() {
  window.__crmLongTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__crmLongTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {
    // No long-task timing in this browser: the figures read n/a.
  }
}
/** Empties the long tasks recorded so far. */
const resetLongTasks = (page) => page.evaluate(() => (window.__crmLongTasks = []));
/** The long tasks since the last reset: `{ longest, over100 }` in ms and count. */
const longTasks = (page) =>
  page.evaluate(() => {
    const d = window.__crmLongTasks ?? [];
    return { longest: d.length ? Math.max(...d) : 0, over100: d.filter((x) => x > 100).length };
  });

const wasmMemory = (page) => page.evaluate(() => window.__crmWasmMemory?.buffer.byteLength ?? NaN);
const TARGETS = { import: 3000, reload: 1500, keystroke: 50, scan: 2000, wasmGzipKB: 300 };
/** Lists besides contacts whose keystrokes are measured (plans filled in main). */
const LISTS = [
  { name: 'deals', path: 'deals', search: 'Search deals', countRe: /^\d[\d,]* deals?$/, field: 'title', plan: [] },
  { name: 'activities', path: 'activities', search: 'Search activities', countRe: /^\d[\d,]* activit(y|ies)$/, field: 'subject', plan: [] },
];

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

// ---------------------------------------------------------------------------
// Inputs

function wasmSizes() {
  const files = fs.readdirSync(DIST).filter((f) => f.endsWith('.wasm'));
  if (!files.length) throw new Error(`no .wasm file in ${DIST}`);
  return files.map((f) => {
    const raw = fs.readFileSync(path.join(DIST, f));
    const gz = zlib.gzipSync(raw, { level: 9 });
    return { file: f, raw: raw.length, gzip: gz.length };
  });
}

/** Folds text like a forgiving search would: lower case, no accents. */
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[æÆ]/g, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/**
 * Ten (query, letter) pairs for the keystroke test, chosen from the file's names
 * so that typing the letter narrows the result: the query is a frequent
 * two-letter word start, the letter splits its matches roughly in half.
 */
function keystrokePlan(contacts, text = (c) => `${c.given_name ?? ''} ${c.family_name ?? ''}`) {
  const words = [];
  for (const c of contacts) {
    const name = fold(text(c));
    for (const w of name.split(/[^a-z0-9]+/)) if (w.length >= 3) words.push(w);
  }
  const bigrams = new Map();
  for (const w of words) bigrams.set(w.slice(0, 2), (bigrams.get(w.slice(0, 2)) ?? 0) + 1);
  const plan = [];
  const used = new Set();
  for (const [bi] of [...bigrams].sort((a, b) => b[1] - a[1])) {
    if (plan.length === 10) break;
    const next = new Map();
    let total = 0;
    for (const w of words) {
      if (!w.startsWith(bi)) continue;
      total++;
      next.set(w[2], (next.get(w[2]) ?? 0) + 1);
    }
    let best = null;
    for (const [ch, n] of next) {
      if (!/[a-z]/.test(ch) || used.has(bi + ch)) continue;
      const score = Math.min(n, total - n);
      if (!best || score > best.score) best = { ch, score };
    }
    if (best && best.score > 0) {
      plan.push({ query: bi, letter: best.ch });
      used.add(bi + best.ch);
    }
  }
  // Few distinct names (a tiny file): fall back to common letters.
  const fallback = [['ma', 'r'], ['jo', 'h'], ['an', 'n'], ['el', 'i'], ['da', 'v'], ['sa', 'r'], ['li', 'n'], ['ch', 'r'], ['ke', 'l'], ['ro', 'b']];
  for (const [query, letter] of fallback) {
    if (plan.length === 10) break;
    if (!used.has(query + letter)) plan.push({ query, letter });
  }
  return plan;
}

// ---------------------------------------------------------------------------
// In-page measurement helpers (run inside the browser)

/** Sets the search box's value and dispatches `input`; waits until the count text is stable. */
async function pageSetQuery({ input, value, countSource, settleMs }) {
  const countRe = new RegExp(countSource);
  // The smallest element whose text is the count ("1,234 contacts").
  const readCount = () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      const t = el.textContent.trim();
      if (countRe.test(t) && ![...el.children].some((c) => countRe.test(c.textContent.trim()))) return t;
    }
    return null;
  };
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  let last = readCount();
  let stableSince = performance.now();
  const deadline = performance.now() + 30_000;
  while (performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 25));
    const now = readCount();
    if (now !== last) {
      last = now;
      stableSince = performance.now();
    } else if (performance.now() - stableSince >= settleMs) {
      return last;
    }
  }
  return last;
}

/**
 * Types one more letter (sets the value, dispatches `input`) and measures the
 * time until the count text changes and then one animation frame has passed.
 * If the count does not change within 3 s, reports `changed: false`.
 */
async function pageKeystroke({ input, value, countSource }) {
  const countRe = new RegExp(countSource);
  let countEl = null;
  const readCount = () => {
    if (countEl && countEl.isConnected && countRe.test(countEl.textContent.trim())) return countEl.textContent.trim();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      const t = el.textContent.trim();
      if (countRe.test(t) && ![...el.children].some((c) => countRe.test(c.textContent.trim()))) {
        countEl = el;
        return t;
      }
    }
    return null;
  };
  const before = readCount();
  return new Promise((resolve) => {
    let done = false;
    let t0 = 0;
    const finish = (result) => {
      if (done) return;
      done = true;
      observer.disconnect();
      resolve(result);
    };
    const observer = new MutationObserver(() => {
      if (done) return;
      const now = readCount();
      if (now !== null && now !== before) {
        requestAnimationFrame(() => finish({ ms: performance.now() - t0, changed: true, before, after: now }));
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    setTimeout(() => finish({ ms: null, changed: false, before, after: readCount() }), 3000);
    t0 = performance.now();
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

/** True once the count text is `expected` and a contact row link is visible. */
function pageListReady({ expected, base }) {
  const rowHref = new RegExp(`^${base}contacts/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
  let count = false;
  let row = false;
  for (let el = walker.nextNode(); el && !(count && row); el = walker.nextNode()) {
    if (!count && el.textContent.trim() === expected && el.checkVisibility()) count = true;
    if (!row && el.localName === 'a' && el.href) {
      const p = new URL(el.href).pathname;
      if (rowHref.test(p) && el.checkVisibility()) row = true;
    }
  }
  return count && row;
}

// ---------------------------------------------------------------------------

async function oneRun(browser, server, backupPath, expectedCount, plan, problems) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  guardContext(context, server.origin, problems);
  await context.addInitScript(keepWasmMemory);
  await context.addInitScript(recordLongTasks);
  context.setDefaultTimeout(LONG);
  context.setDefaultNavigationTimeout(LONG);
  const page = await context.newPage();
  const result = { keystrokes: [] };
  try {
    // (a) import
    await openApp(page, server.url, 'backup');
    await page.getByRole('heading', { name: 'Backup', exact: true, level: 1 }).waitFor();
    const fileInput = page.getByLabel('Choose backup file', { exact: true });
    await resetLongTasks(page);
    const t0 = performance.now();
    await fileInput.setInputFiles(backupPath);
    await page.getByRole('heading', { name: 'Import preview', exact: true }).waitFor();
    const t1 = performance.now();
    result.tasksPreview = await longTasks(page);
    await page.getByRole('radio', { name: 'Replace all data', exact: true }).check();
    const importButton = page.getByRole('button', { name: 'Import', exact: true });
    await resetLongTasks(page);
    const t2 = performance.now();
    await importButton.click();
    await status(page, 'Imported').waitFor();
    const t3 = performance.now();
    result.tasksWrite = await longTasks(page);
    result.parse = t1 - t0;
    result.write = t3 - t2;
    result.import = result.parse + result.write;
    result.memImport = await wasmMemory(page);

    // (b) reload of the contacts list
    await navTo(page, 'Contacts');
    await waitForCount(page, expectedCount, LONG);
    const r0 = performance.now();
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(pageListReady, { expected: expectedCount, base: BASE }, { polling: 'raf', timeout: LONG });
    result.reload = performance.now() - r0;
    // Then the activities, read in the background after the first screen.
    await page.getByText('Loading activities…', { exact: true }).waitFor({ state: 'hidden', timeout: LONG });
    result.reloadAll = performance.now() - r0;
    result.memReload = await wasmMemory(page);
    if (!STEPS.size) return result;

    // (c) search keystrokes
    if (!STEPS.has('search')) return result;
    const input = await page.getByRole('searchbox', { name: 'Search contacts', exact: true }).elementHandle();
    const countSource = COUNT_RE.source;
    for (const { query, letter } of plan) {
      await page.evaluate(pageSetQuery, { input, value: query, countSource, settleMs: 200 });
      const k = await page.evaluate(pageKeystroke, { input, value: query + letter, countSource });
      result.keystrokes.push({ query, letter, ...k });
      await page.evaluate(pageSetQuery, { input, value: '', countSource, settleMs: 200 });
    }
    result.keystroke = median(result.keystrokes.map((k) => k.ms));

    // (d) the other big lists: open each, then search keystrokes in it.
    result.lists = {};
    for (const list of STEPS.has('lists') ? LISTS : []) {
      if (!list.plan.length) continue;
      // In-app navigation (no reload): the time to compute, sort and show the list.
      const o0 = performance.now();
      await page.evaluate((p) => {
        history.pushState(null, '', p);
        dispatchEvent(new PopStateEvent('popstate'));
      }, BASE + list.path);
      const listInput = page.getByRole('searchbox', { name: list.search, exact: true });
      await listInput.waitFor();
      await page.getByText(list.countRe).first().waitFor();
      const open = performance.now() - o0;
      const handle = await listInput.elementHandle();
      const keys = [];
      for (const { query, letter } of list.plan) {
        await page.evaluate(pageSetQuery, { input: handle, value: query, countSource: list.countRe.source, settleMs: 200 });
        const k = await page.evaluate(pageKeystroke, { input: handle, value: query + letter, countSource: list.countRe.source });
        keys.push(k);
        await page.evaluate(pageSetQuery, { input: handle, value: '', countSource: list.countRe.source, settleMs: 200 });
      }
      result.lists[list.name] = { open, keystrokes: keys };
    }

    // (e) a full duplicate scan: from the click on the scan button until the
    // result count shows. Reached by in-app navigation, as the lists above:
    // right after a reload the 500k activities are still being read in the
    // background and a scan started then shares the main thread with that
    // (about 3.3 s instead of 1 s on 2026-11-24).
    await page.evaluate((p) => {
      history.pushState(null, '', p);
      dispatchEvent(new PopStateEvent('popstate'));
    }, `${BASE}duplicates`);
    await page.getByRole('heading', { name: 'Duplicates', exact: true, level: 1 }).waitFor();
    const scanButton = page.getByRole('button', { name: 'Scan for duplicates', exact: true });
    const s0 = performance.now();
    await scanButton.click();
    await page.getByText(/^[\d,]+ groups? of possible duplicates found$/).waitFor({ timeout: LONG });
    result.scan = performance.now() - s0;
    result.memScan = await wasmMemory(page);
  } finally {
    await context.close().catch(() => {});
  }
  return result;
}

async function main() {
  assertDistBuilt();
  if (!fs.existsSync(BACKUP)) {
    throw new Error(
      `No backup file at ${BACKUP}. Make one from the repository root:\n` +
        `  cargo run --release --example make_backup -- 100000 target/bench/backup-100k.json\n` +
        `or set CRM_BENCH_BACKUP.`,
    );
  }
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`CRM_BENCH_RUNS must be a positive integer, not ${RUNS}`);

  const backupText = fs.readFileSync(BACKUP, 'utf8');
  const backup = JSON.parse(backupText);
  if (backup.format !== 'crm-backup') throw new Error(`${BACKUP} is not a crm-backup file`);
  const nContacts = backup.payload.contacts.length;
  const expectedCount = formatCount(nContacts);
  const plan = keystrokePlan(backup.payload.contacts);
  for (const list of LISTS) {
    const records = backup.payload[list.name] ?? [];
    if (records.length) list.plan = keystrokePlan(records, (r) => r[list.field] ?? '').slice(0, 6);
  }
  const sizes = wasmSizes();

  console.log(`app build:   ${DIST}`);
  console.log(`backup file: ${BACKUP} (${(backupText.length / 1048576).toFixed(1)} MB, ` +
    `${nContacts.toLocaleString('en-US')} contacts, ${backup.payload.companies.length.toLocaleString('en-US')} companies, ` +
    `${(backup.payload.deals ?? []).length.toLocaleString('en-US')} deals, ${(backup.payload.activities ?? []).length.toLocaleString('en-US')} activities, ` +
    `${(backup.payload.tasks ?? []).length.toLocaleString('en-US')} tasks)`);
  console.log(`runs:        ${RUNS}, each in a fresh browser context`);
  console.log(`keystrokes:  ${plan.map((p) => `"${p.query}"+"${p.letter}"`).join(' ')}`);
  console.log('');

  const server = await startServer({ root: DIST, base: BASE });
  const dexiePage = WITH_DEXIE ? await startDexiePage() : null;
  const browser = await launchBrowser();
  const problems = [];
  const runs = [];
  const dexie = [];
  try {
    for (let i = 1; i <= RUNS; i++) {
      const r = await oneRun(browser, server, BACKUP, expectedCount, plan, problems);
      runs.push(r);
      if (dexiePage) {
        const d = await dexieRun(browser, dexiePage, BACKUP);
        dexie.push(d);
        console.log(
          `run ${i}, Dexie ${DEXIE_VERSION}: import ${ms(d.import)} (File.text ${ms(d.read)}, JSON.parse ${ms(d.parse)}, ` +
            `bulkPut ${ms(d.write)}); read back after a reload ${ms(d.readBack)}`,
        );
      }
      const unchanged = r.keystrokes.filter((k) => !k.changed).length;
      console.log(
        `run ${i}: import parse+preview ${ms(r.parse)}, write ${ms(r.write)}, total ${ms(r.import)}; ` +
          `reload ${ms(r.reload)} (activities ${ms(r.reloadAll)}); ` +
          `longest task while checking and previewing ${ms(r.tasksPreview.longest)} (${r.tasksPreview.over100} over 100 ms), ` +
          `while writing ${ms(r.tasksWrite.longest)} (${r.tasksWrite.over100} over 100 ms); ` +
          `wasm memory after import ${mib(r.memImport)}, after reload ${mib(r.memReload)}` +
          (r.memScan ? `, after scan ${mib(r.memScan)}` : '') +
          `; keystroke median ${ms(r.keystroke)}; duplicate scan ${ms(r.scan)}` +
          (unchanged ? ` (${unchanged} of ${r.keystrokes.length} keystrokes did not change the count)` : ''),
      );
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
    await dexiePage?.close().catch(() => {});
  }

  const med = {
    parse: median(runs.map((r) => r.parse)),
    write: median(runs.map((r) => r.write)),
    import: median(runs.map((r) => r.import)),
    reload: median(runs.map((r) => r.reload)),
    reloadAll: median(runs.map((r) => r.reloadAll)),
    memImport: median(runs.map((r) => r.memImport)),
    memReload: median(runs.map((r) => r.memReload)),
    memScan: median(runs.map((r) => r.memScan)),
    keystroke: median(runs.flatMap((r) => r.keystrokes.map((k) => k.ms))),
    scan: median(runs.map((r) => r.scan)),
  };
  const listRows = LISTS.filter((l) => l.plan.length).flatMap((l) => [
    [`open ${l.name} list median`, ms(median(runs.map((r) => r.lists?.[l.name]?.open)))],
    [`${l.name} search keystroke median`, ms(median(runs.flatMap((r) => (r.lists?.[l.name]?.keystrokes ?? []).map((k) => k.ms))))],
  ]);
  const gzip = sizes.reduce((a, s) => a + s.gzip, 0);
  const raw = sizes.reduce((a, s) => a + s.raw, 0);

  const rows = [
    ['import (parse+preview) median', ms(med.parse)],
    ['import (write) median', ms(med.write)],
    ['import (total) median', ms(med.import)],
    ['reload to list median', ms(med.reload)],
    ['reload until activities are in median', ms(med.reloadAll)],
    ['longest task, checking and preview median', `${ms(median(runs.map((r) => r.tasksPreview.longest)))} (target ≤ 100 ms)`],
    ['longest task, write median', ms(median(runs.map((r) => r.tasksWrite.longest)))],
    ['wasm memory after import (its peak)', mib(med.memImport)],
    ['wasm memory after reload', mib(med.memReload)],
    ['wasm memory after duplicate scan', mib(med.memScan)],
    ['search keystroke median', ms(med.keystroke)],
    ...listRows,
    ['duplicate scan median', ms(med.scan)],
    ...sizes.map((s) => [`wasm ${s.file}`, `${kb(s.raw)} raw, ${kb(s.gzip)} gzip -9`]),
  ];
  if (dexie.length) {
    const dImport = median(dexie.map((d) => d.import));
    const dRead = median(dexie.map((d) => d.readBack));
    const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(1)}×` : 'n/a');
    rows.push(
      [`Dexie ${DEXIE_VERSION}: import median`, `${ms(dImport)} (JSON.parse ${ms(median(dexie.map((d) => d.parse)))}, bulkPut ${ms(median(dexie.map((d) => d.write)))})`],
      [`Dexie ${DEXIE_VERSION}: read back median`, ms(dRead)],
      ['import: Dexie ÷ app', `${ratio(dImport, med.import)} (target ≥ 25×)`],
      ['read back: Dexie ÷ app (to the list / everything)', `${ratio(dRead, med.reload)} / ${ratio(dRead, med.reloadAll)}`],
    );
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log('');
  for (const [k, v] of rows) console.log(`${(k + ':').padEnd(w + 1)} ${v}`);
  console.log('(KB = 1024 bytes; times are medians over runs, keystrokes pooled over all runs)');
  console.log('');
  console.log(
    `targets: import ≤ ${TARGETS.import} ms, reload ≤ ${TARGETS.reload} ms, ` +
      `keystroke ≤ ${TARGETS.keystroke} ms, duplicate scan ≤ ${TARGETS.scan} ms, wasm ≤ ${TARGETS.wasmGzipKB} KB gzip`,
  );
  const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
  console.log(`  import    ${ms(med.import).padStart(9)}  ${verdict(med.import <= TARGETS.import)}`);
  console.log(`  reload    ${ms(med.reload).padStart(9)}  ${verdict(med.reload <= TARGETS.reload)}`);
  console.log(`  keystroke ${ms(med.keystroke).padStart(9)}  ${verdict(med.keystroke <= TARGETS.keystroke)}`);
  console.log(`  scan      ${ms(med.scan).padStart(9)}  ${verdict(med.scan <= TARGETS.scan)}`);
  console.log(`  wasm      ${kb(gzip).padStart(9)}  ${verdict(gzip / 1024 <= TARGETS.wasmGzipKB)} (raw ${kb(raw)})`);

  if (problems.length) {
    console.error(`\nerrors in the browser during the benchmark:\n  ${[...new Set(problems)].join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
