// Benchmark: importing a large Google-Contacts-style CSV through the import
// wizard: reading + mapping + preview, then the write (one transaction).
//
//   node bench-import.mjs
//
// Environment:
//   CRM_DIST              the app build (default ../../dist-e2e), made with --public-url /crm/
//   CRM_BENCH_IMPORT_ROWS rows in the generated CSV (default 100000)
//   CRM_BENCH_RUNS        how many runs, each in a fresh browser context (default 3)
//
// The CSV is generated here from fixed name, company and city lists (the same
// file every time, about 2% rows repeating an earlier one). Each run starts
// with an empty database. Prints medians and whether they meet the targets;
// asserts nothing about time.

import { startServer } from './server.mjs';
import { DIST, BASE, assertDistBuilt, launchBrowser, guardContext, openApp, status, median, ms } from './helpers.mjs';

const ROWS = Number(process.env.CRM_BENCH_IMPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.CRM_BENCH_RUNS ?? 3);
const LONG = 300_000;
const TARGETS = { preview: 3000, write: 3000 };

const GIVEN = ['Ada', 'Alan', 'Grace', 'Edsger', 'Barbara', 'Donald', 'Frances', 'John', 'Margaret', 'Ken', 'Radia', 'Tim', 'Sophie', 'Linus', 'Hedy', 'Dennis'];
const FAMILY = ['Lovelace', 'Turing', 'Hopper', 'Dijkstra', 'Liskov', 'Knuth', 'Allen', 'Backus', 'Hamilton', 'Thompson', 'Perlman', 'Berners-Lee', 'Wilson', 'Torvalds', 'Lamarr', 'Ritchie', 'Smith', 'Jones', 'Müller', 'García'];
const COMPANIES = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Vandelay', 'Stark', 'Wayne', 'Tyrell', 'Cyberdyne'];

/** A deterministic pseudo-random generator (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeCsv(n) {
  const r = rng(2026);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const lines = ['Name,Given Name,Family Name,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Name,Organization 1 - Title'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && r() < 0.02) {
      rows.push(rows[Math.floor(r() * rows.length)]);
      continue;
    }
    const given = pick(GIVEN);
    const family = pick(FAMILY);
    const company = `${pick(COMPANIES)} ${Math.floor(r() * 900) + 100}`;
    const email = `${given}.${family}.${i}@example.com`.toLowerCase().replace(/[^a-z0-9.@-]/g, '');
    const phone = `+44 20 7946 ${String(Math.floor(r() * 10000)).padStart(4, '0')}`;
    rows.push(`${given} ${family},${given},${family},* Work,${email},Mobile,${phone},${company},Engineer`);
  }
  return lines.concat(rows).join('\r\n') + '\r\n';
}


async function main() {
  assertDistBuilt();
  if (!Number.isInteger(ROWS) || ROWS < 1) throw new Error(`CRM_BENCH_IMPORT_ROWS must be a positive integer, not ${ROWS}`);
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`CRM_BENCH_RUNS must be a positive integer, not ${RUNS}`);
  const csvText = makeCsv(ROWS);
  const csv = Buffer.from(csvText, 'utf8');
  console.log(`app build: ${DIST}`);
  console.log(`csv:       ${ROWS.toLocaleString('en-US')} rows, ${(csv.length / 1048576).toFixed(1)} MB`);
  console.log(`runs:      ${RUNS}, each in a fresh browser context\n`);

  const server = await startServer({ root: DIST, base: BASE });
  const browser = await launchBrowser();
  const problems = [];
  const results = { preview: [], write: [] };
  try {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
      guardContext(context, server.origin, problems);
      context.setDefaultTimeout(LONG);
      const page = await context.newPage();
      await openApp(page, server.url, 'import');
      await page.getByRole('heading', { name: 'Import contacts', exact: true, level: 1 }).waitFor();

      // The file is built in the page first, so handing 10 MB through the
      // DevTools protocol (setInputFiles) is not counted.
      await page.evaluate((text) => {
        window.benchFile = new File([text], 'bench.csv', { type: 'text/csv' });
      }, csvText);
      const input = page.getByLabel('Choose file to import', { exact: true });
      await input.waitFor();

      // Reading, parsing and mapping, then checking every row (the preview).
      const t0 = performance.now();
      await input.evaluate((el) => {
        const dt = new DataTransfer();
        dt.items.add(window.benchFile);
        el.files = dt.files;
        el.dispatchEvent(new Event('change', { bubbles: true }));
      });
      await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
      const read = performance.now() - t0;
      await page.getByRole('button', { name: 'Preview import', exact: true }).click();
      await page.getByRole('heading', { name: 'Preview', exact: true }).waitFor();
      const preview = performance.now() - t0;

      const t1 = performance.now();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await status(page, 'Imported bench.csv').waitFor();
      const write = performance.now() - t1;

      results.preview.push(preview);
      results.write.push(write);
      console.log(`run ${run}: parse+map+preview ${ms(preview)} (of which to the mapping step ${ms(read)}), write ${ms(write)}`);
      await context.close();
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  const med = { preview: median(results.preview), write: median(results.write) };
  const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
  console.log(`\nmedians of ${RUNS} runs (targets: ≤ ${TARGETS.preview} ms each):`);
  console.log(`  parse+map+preview ${ms(med.preview).padStart(9)}  ${verdict(med.preview <= TARGETS.preview)}`);
  console.log(`  write             ${ms(med.write).padStart(9)}  ${verdict(med.write <= TARGETS.write)}`);
  if (problems.length) {
    console.error(`\nerrors in the browser during the benchmark:\n  ${[...new Set(problems)].join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
