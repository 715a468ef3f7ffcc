// Benchmark: a first visit (empty cache, no service worker, empty database)
// over emulated networks, with the build's files served as a static host
// serves them: gzip-compressed from the precompressed copies the build writes
// (scripts/post-build.mjs), or brotli with CRM_BENCH_ENCODING=br.
//
//   node bench-first-visit.mjs
//
// Environment:
//   CRM_DIST            the app build (default ../../dist-e2e), made with --public-url /crm/
//   CRM_BENCH_RUNS      runs per network profile, each in a fresh browser context (default 5)
//   CRM_BENCH_ENCODING  gzip (default) or br
//
// For each profile it prints the medians of: the first paint (the frame in
// index.html), the moment the app is usable (the "New contact" button is on
// screen, so the wasm runs and the page answers), and the bytes that crossed
// the network until then. Network profiles (DevTools protocol emulation):
// unthrottled; fast 4G, 9 Mbps down, 60 ms latency; slow 4G as Lighthouse
// emulates a phone, 1.6 Mbps down, 150 ms latency. Prints figures and asserts
// nothing about time.

import fs from 'node:fs';
import path from 'node:path';
import { startServer } from './server.mjs';
import { DIST, BASE, assertDistBuilt, launchBrowser, guardContext, median, ms } from './helpers.mjs';
import { firstDownload } from './size.mjs';

const RUNS = Number(process.env.CRM_BENCH_RUNS ?? 5);
const ENCODING = process.env.CRM_BENCH_ENCODING ?? 'gzip';
const PROFILES = [
  { name: 'unthrottled', conditions: null },
  { name: 'fast 4G (9 Mbps, 60 ms)', conditions: { latency: 60, down: 9e6, up: 1.5e6 } },
  { name: 'slow 4G (1.6 Mbps, 150 ms)', conditions: { latency: 150, down: 1.6e6, up: 750e3 } },
];

/** Runs in the page before anything else: notes when "New contact" is on screen. */
function watchUsable() {
  const seen = () => {
    for (const b of document.querySelectorAll('button')) {
      if (b.textContent.trim() === 'New contact' && b.checkVisibility() && !b.disabled) return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => {
    if (window.__crmUsable === undefined && seen()) {
      window.__crmUsable = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true });
}

async function oneVisit(browser, server, profile, problems) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 900 } });
  guardContext(context, server.origin, problems);
  await context.addInitScript(watchUsable);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (profile.conditions) {
    const c = profile.conditions;
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: c.latency,
      downloadThroughput: c.down / 8,
      uploadThroughput: c.up / 8,
    });
  }
  const bytes = new Map();
  cdp.on('Network.responseReceived', (e) => bytes.set(e.requestId, { url: e.response.url, encoded: 0 }));
  cdp.on('Network.loadingFinished', (e) => {
    const r = bytes.get(e.requestId);
    if (r) r.encoded = e.encodedDataLength;
  });
  try {
    await page.goto(server.url, { waitUntil: 'commit', timeout: 120_000 });
    await page.waitForFunction(() => window.__crmUsable !== undefined, null, { timeout: 120_000, polling: 50 });
    const { usable, paint } = await page.evaluate(() => ({
      usable: window.__crmUsable,
      paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    const until = [...bytes.values()];
    return { usable, paint, bytes: until.reduce((n, r) => n + r.encoded, 0), files: until };
  } finally {
    await context.close().catch(() => {});
  }
}

async function main() {
  assertDistBuilt();
  const size = firstDownload(DIST);
  const encoded = ENCODING === 'br' ? size.br : size.gzip;
  if (!size.files.every((f) => fs.existsSync(path.join(DIST, `${f.file}.${ENCODING === 'br' ? 'br' : 'gz'}`)))) {
    console.warn(`note: not every file of the first download has a .${ENCODING === 'br' ? 'br' : 'gz'} copy in ${DIST}`);
  }
  console.log(`app build:      ${DIST}`);
  console.log(`served as:      ${ENCODING} (precompressed copies), runs per profile: ${RUNS}`);
  console.log(
    `first download: ${(size.raw / 1024).toFixed(1)} KiB raw, ${(size.gzip / 1024).toFixed(1)} KiB gzip -9, ` +
      `${(size.br / 1024).toFixed(1)} KiB brotli (${size.files.map((f) => f.file).join(', ')})`,
  );
  console.log('');
  const server = await startServer({ root: DIST, base: BASE, encodings: [ENCODING] });
  const browser = await launchBrowser();
  const problems = [];
  const rows = [];
  try {
    for (const profile of PROFILES) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await oneVisit(browser, server, profile, problems);
        runs.push(r);
        console.log(
          `${profile.name}, run ${i + 1}: frame painted ${ms(r.paint)}, usable ${ms(r.usable)}, ` +
            `${(r.bytes / 1024).toFixed(1)} KiB over the network`,
        );
      }
      rows.push({
        profile: profile.name,
        paint: median(runs.map((r) => r.paint)),
        usable: median(runs.map((r) => r.usable)),
        bytes: median(runs.map((r) => r.bytes)),
      });
    }
  } finally {
    await browser.close().catch(() => {});
    await server.close().catch(() => {});
  }
  console.log('');
  console.log(`first visit, medians (${ENCODING}):`);
  for (const r of rows) {
    console.log(
      `  ${r.profile.padEnd(28)} frame ${ms(r.paint).padStart(8)}  usable ${ms(r.usable).padStart(8)}  ` +
        `${(r.bytes / 1024).toFixed(1)} KiB transferred`,
    );
  }
  console.log(`targets: first download ≤ 450 KiB gzip (now ${(encoded / 1024).toFixed(1)} KiB ${ENCODING}); usable ≤ 1 s on fast 4G, ≤ 3 s on slow 4G`);
  if (problems.length) {
    console.error(`\nerrors in the browser during the benchmark:\n  ${[...new Set(problems)].join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((err) => {
  console.error(`bench failed: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
