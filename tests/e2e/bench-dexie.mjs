// The usual JavaScript way, for comparison: the same backup file imported
// into IndexedDB with Dexie 4 (pinned in package.json) in the same browser,
// and read back after a reload. bench.mjs runs it next to the app in one run
// and prints the ratios; alone:
//
//   CRM_BENCH_BACKUP=/path/backup.json node bench-dexie.mjs
//
// A page of its own (served from a temporary directory, its own origin)
// chooses the file through a file input as a person would, reads it with
// File.text(), JSON.parse()s it, checks the counts, and bulkPut()s every
// record kind into its own table (primary key `id`) in one transaction.
// The read-back opens the database after a reload and reads every table
// with toArray().

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { startServer } from './server.mjs';
import { HERE, launchBrowser, median, ms } from './helpers.mjs';

const require = createRequire(import.meta.url);
const DEXIE_DIR = path.dirname(require.resolve('dexie/package.json'));
export const DEXIE_VERSION = JSON.parse(fs.readFileSync(path.join(DEXIE_DIR, 'package.json'), 'utf8')).version;
const LONG = 600_000;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Dexie import</title></head>
<body>
<label for="file">Choose backup file</label> <input id="file" type="file">
<button id="read" type="button">Read back</button>
<script type="module">
import Dexie from './dexie.mjs';
const KINDS = ['companies', 'contacts', 'deals', 'activities', 'tasks'];
function open() {
  const db = new Dexie('crm-dexie-bench');
  db.version(1).stores(Object.fromEntries([...KINDS, 'settings'].map((k) => [k, 'id'])));
  return db;
}
const heap = () => performance.memory?.usedJSHeapSize ?? NaN;
document.getElementById('file').addEventListener('change', async (ev) => {
  try {
    const t0 = performance.now();
    const text = await ev.target.files[0].text();
    const t1 = performance.now();
    const backup = JSON.parse(text);
    for (const k of KINDS) {
      if ((backup.payload[k] ?? []).length !== backup.counts[k]) throw new Error('count of ' + k);
    }
    const t2 = performance.now();
    const db = open();
    await db.transaction('rw', [...KINDS.map((k) => db.table(k)), db.table('settings')], async () => {
      for (const k of KINDS) await db.table(k).bulkPut(backup.payload[k] ?? []);
      await db.table('settings').put({ id: 'settings', ...backup.payload.settings });
    });
    const t3 = performance.now();
    db.close();
    window.__dexie = { read: t1 - t0, parse: t2 - t1, write: t3 - t2, total: t3 - t0, heap: heap() };
  } catch (e) {
    window.__dexie = { error: String(e) };
  }
});
document.getElementById('read').addEventListener('click', async () => {
  const t0 = performance.now();
  const db = open();
  const counts = {};
  for (const k of KINDS) counts[k] = (await db.table(k).toArray()).length;
  window.__dexieRead = { ms: performance.now() - t0, counts, heap: heap() };
});
</script>
</body></html>
`;

/** Serves the Dexie page from a temporary directory; returns `{ server, close }`. */
export async function startDexiePage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-dexie-'));
  fs.writeFileSync(path.join(dir, 'index.html'), PAGE);
  fs.copyFileSync(path.join(DEXIE_DIR, 'dist', 'dexie.mjs'), path.join(dir, 'dexie.mjs'));
  const server = await startServer({ root: dir, base: '/dexie/' });
  return {
    server,
    close: async () => {
      await server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * One Dexie run in a fresh context: `{ read, parse, write, total, import,
 * readBack, heapImport, heapRead }` in ms and bytes. `import` is from
 * choosing the file to the committed transaction; `readBack` is from the
 * reload until every table is read.
 */
export async function dexieRun(browser, page0, backupPath) {
  const context = await browser.newContext();
  context.setDefaultTimeout(LONG);
  const page = await context.newPage();
  try {
    await page.goto(page0.server.url);
    const t0 = performance.now();
    await page.locator('#file').setInputFiles(backupPath);
    await page.waitForFunction(() => window.__dexie, null, { timeout: LONG, polling: 100 });
    const importMs = performance.now() - t0;
    const r = await page.evaluate(() => window.__dexie);
    if (r.error) throw new Error(`Dexie import failed: ${r.error}`);
    const r0 = performance.now();
    await page.reload({ waitUntil: 'commit' });
    await page.locator('#read').click();
    await page.waitForFunction(() => window.__dexieRead, null, { timeout: LONG, polling: 50 });
    const readBack = performance.now() - r0;
    const back = await page.evaluate(() => window.__dexieRead);
    return { ...r, import: importMs, readBack, heapImport: r.heap, heapRead: back.heap, counts: back.counts };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  const backup = path.resolve(HERE, process.env.CRM_BENCH_BACKUP ?? '../../target/bench/backup-100k.json');
  const runs = Number(process.env.CRM_BENCH_RUNS ?? 3);
  if (!fs.existsSync(backup)) throw new Error(`No backup file at ${backup}; set CRM_BENCH_BACKUP`);
  const page = await startDexiePage();
  const browser = await launchBrowser();
  const results = [];
  try {
    for (let i = 1; i <= runs; i++) {
      const r = await dexieRun(browser, page, backup);
      results.push(r);
      console.log(
        `Dexie ${DEXIE_VERSION} run ${i}: import ${ms(r.import)} (File.text ${ms(r.read)}, JSON.parse ${ms(r.parse)}, ` +
          `bulkPut ${ms(r.write)}); read back after a reload ${ms(r.readBack)}`,
      );
    }
  } finally {
    await browser.close().catch(() => {});
    await page.close().catch(() => {});
  }
  console.log(
    `Dexie ${DEXIE_VERSION} medians: import ${ms(median(results.map((r) => r.import)))}, ` +
      `read back ${ms(median(results.map((r) => r.readBack)))}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(HERE, 'bench-dexie.mjs')) {
  main().catch((err) => {
    console.error(`bench failed: ${err && err.stack ? err.stack : err}`);
    process.exit(1);
  });
}
