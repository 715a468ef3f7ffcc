// Benchmark: what the service worker costs and saves at start-up. Prints
// medians; asserts nothing about time.
//
//   node bench-sw.mjs
//
// Environment:
//   CRM_DIST        the app build (default ../../dist-e2e), made with --public-url /crm/
//   CRM_BENCH_RUNS  reloads measured per mode, after one warm-up (default 15)
//
// The server sends the headers docs/durability.md recommends for a static
// host (hashed files immutable for a year, index.html and sw.js no-cache),
// so the start without a service worker is a warm start from the HTTP cache,
// as good as a host can make it. Three modes, each a fresh browser context
// with an empty database, time from the start of a reload to the main
// navigation being in the page (measured in the page: performance.now()
// when it appears):
//   without SW  service workers blocked; warm HTTP cache
//   with SW     the worker controls the page and answers from its cache
//   offline     the same, with the network off
// "added by the SW" is the difference of the first two medians (target
// ≤ 50 ms); offline should be no slower than online.

import { startServer } from './server.mjs';
import { DIST, BASE, assertDistBuilt, launchBrowser, guardContext, openApp, poll, median, ms } from './helpers.mjs';

const RUNS = Number(process.env.CRM_BENCH_RUNS ?? 15);
const TARGET_ADDED = 50;

/** Production-like caching: hashed names for a year, the rest revalidated. */
const cacheControl = (file) =>
  /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache';

/** Records, in the page, when the main navigation first appears. */
const MARK_MOUNT = () => {
  const seen = () => {
    if (window.__crmMounted === undefined && document.querySelector('nav[aria-label="Main"]')) {
      window.__crmMounted = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => seen() && observer.disconnect()).observe(document, { childList: true, subtree: true });
};

/** A fresh context in `mode`, its app loaded (and, with the SW, controlled by it). */
async function prepare(browser, server, problems, { serviceWorkers, offline }) {
  const context = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'UTC',
    viewport: { width: 1280, height: 900 },
    serviceWorkers: serviceWorkers ? 'allow' : 'block',
  });
  guardContext(context, server.origin, problems);
  await context.addInitScript(MARK_MOUNT);
  const page = await context.newPage();
  await openApp(page, server.url);
  if (serviceWorkers) {
    await poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
      message: 'the service worker to control the page',
      timeout: 60_000,
    });
  }
  if (offline) await context.setOffline(true);
  return { context, page, serviceWorkers };
}

/** Reloads and returns the time to the main navigation, in the page's clock. */
async function reloadTime({ page, serviceWorkers }) {
  await page.reload();
  const t = await poll(() => page.evaluate(() => window.__crmMounted), { message: 'the app to mount', timeout: 60_000 });
  const controlled = await page.evaluate(() => navigator.serviceWorker?.controller != null);
  if (controlled !== serviceWorkers) throw new Error(`the page is ${controlled ? '' : 'not '}controlled by the service worker`);
  return t;
}

async function main() {
  assertDistBuilt();
  if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error(`CRM_BENCH_RUNS must be a positive integer, not ${RUNS}`);
  const server = await startServer({ root: DIST, base: BASE, cacheControl });
  const browser = await launchBrowser();
  const problems = [];
  const med = {};
  try {
    console.log(`app build: ${DIST}\nreloads:   ${RUNS} per mode after one warm-up; time to the main navigation\n`);
    const modes = {
      'without SW': await prepare(browser, server, problems, { serviceWorkers: false, offline: false }),
      'with SW': await prepare(browser, server, problems, { serviceWorkers: true, offline: false }),
      offline: await prepare(browser, server, problems, { serviceWorkers: true, offline: true }),
    };
    // Round-robin, so a change in the machine's load touches every mode alike.
    const times = Object.fromEntries(Object.keys(modes).map((m) => [m, []]));
    for (let i = 0; i <= RUNS; i++) {
      for (const [name, m] of Object.entries(modes)) {
        const t = await reloadTime(m);
        if (i > 0) times[name].push(t);
      }
    }
    for (const [name, m] of Object.entries(modes)) {
      await m.context.close();
      med[name] = median(times[name]);
      console.log(`${name.padEnd(11)} median ${ms(med[name]).padStart(7)}  (${times[name].map((t) => Math.round(t)).join(', ')})`);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  const added = med['with SW'] - med['without SW'];
  const verdict = (ok) => (ok ? 'meets target' : 'MISSES target');
  console.log(`\nadded by the SW to a warm start: ${ms(added)}  ${verdict(added <= TARGET_ADDED)} (≤ ${TARGET_ADDED} ms)`);
  console.log(`offline minus online:            ${ms(med.offline - med['with SW'])}  ${verdict(med.offline <= med['with SW'] * 1.05 + 5)} (no slower)`);
  if (problems.length) {
    console.error(`\nerrors in the browser during the benchmark:\n  ${[...new Set(problems)].join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
