// Shared set-up for the browser tests: a static server for the built app, a
// headless Debian chromium driven by playwright-core, and guards that fail a
// test when the page requests anything outside the app, logs a console error
// or throws.
//
// Elements are found only by role and accessible name or label (and status
// text by getByText), never by CSS classes: the tests follow the UI contract,
// not the markup.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
/** The app build (`trunk build --release --public-url /crm/ --dist dist-e2e`). */
export const DIST = path.resolve(HERE, process.env.CRM_DIST ?? '../../dist-e2e');
export const BASE = '/crm/';
export const CHROMIUM = process.env.CRM_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** How long one step (a click, a wait for text) may take. */
export const STEP_TIMEOUT = Number(process.env.CRM_STEP_TIMEOUT ?? 20_000);
/** The count text on the contacts page: "1 contact", "100 contacts", "100,000 contacts". */
export const COUNT_RE = /^\d[\d,]* contacts?$/;
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Throws a helpful error when the app has not been built. */
export function assertDistBuilt(dist = DIST) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) {
    throw new Error(
      `No app build at ${dist} (index.html missing). Build it first from the repository root:\n` +
        `  trunk build --release --public-url /crm/ --dist dist-e2e\n` +
        `or point CRM_DIST at a build made with --public-url /crm/.`,
    );
  }
}

export async function launchBrowser() {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`No chromium at ${CHROMIUM}: apt-get install chromium (or set CRM_CHROMIUM)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Registers before/after hooks on the current test file that start the server
 * (for DIST, or `root`) and the browser, and returns an object whose
 * `run(body)` runs one test with fresh browser contexts and the guards.
 */
export function setupApp({ root } = {}) {
  const env = { server: null, browser: null, url: null, origin: null };

  before(async () => {
    // `root`: another directory to serve (or a function giving it), e.g. a
    // copy of the build that a test rewrites to make a second build.
    const dir = (typeof root === 'function' ? root() : root) ?? DIST;
    assertDistBuilt(dir);
    env.server = await startServer({ root: dir, base: BASE });
    env.url = env.server.url;
    env.origin = env.server.origin;
    env.browser = await launchBrowser();
  });

  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.server?.close().catch(() => {});
  });

  /**
   * Runs `body({ page, newPage, url, origin, server, problems })`. `page` is in a
   * fresh context (empty IndexedDB); `newPage(options)` makes another fresh
   * context, with Playwright context options over the defaults (a time zone,
   * a phone's viewport and touch).
   * After the body, every context is closed and the test fails if any page
   * requested something outside `<origin>/crm/`, logged a console error or
   * threw an uncaught error.
   */
  env.run = async (body) => {
    const problems = [];
    const contexts = [];
    const newPage = async (options = {}) => {
      const context = await env.browser.newContext({
        acceptDownloads: true,
        locale: 'en-US',
        timezoneId: 'UTC',
        viewport: { width: 1280, height: 900 },
        ...options,
      });
      contexts.push(context);
      guardContext(context, env.origin, problems);
      context.setDefaultTimeout(STEP_TIMEOUT);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT * 2);
      return context.newPage();
    };
    let failure = null;
    try {
      const page = await newPage();
      await body({ page, newPage, url: env.url, origin: env.origin, server: env.server, problems });
    } catch (err) {
      failure = err;
    } finally {
      for (const c of contexts) await c.close().catch(() => {});
    }
    if (failure) {
      if (problems.length) failure.message += `\n\nAlso seen in the browser:\n  ${problems.join('\n  ')}`;
      throw failure;
    }
    assert.deepEqual(problems, [], 'the browser saw off-site requests, console errors or page errors');
  };

  return env;
}

/** Watches every page of a context; pushes a line to `problems` for each violation. */
export function guardContext(context, origin, problems) {
  const appPrefix = origin + BASE;
  context.on('request', (req) => {
    const url = req.url();
    if (url.startsWith(appPrefix)) return;
    // In-page data and object URLs (the backup download) never leave the page.
    if (url.startsWith('data:') || url.startsWith(`blob:${origin}/`)) return;
    problems.push(`request outside ${appPrefix}: ${req.method()} ${url}`);
  });
  const watchPage = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') {
        const loc = msg.location();
        problems.push(`console error: ${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
      }
    });
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('crash', () => problems.push('page crashed'));
    // A confirm() or alert() is not part of the UI contract; accept it so the
    // test goes on, but say so.
    page.on('dialog', (d) => {
      problems.push(`unexpected ${d.type()} dialog: ${d.message()}`);
      d.accept().catch(() => {});
    });
  };
  context.on('page', watchPage);
  for (const p of context.pages()) watchPage(p);
}

// ---------------------------------------------------------------------------
// Waiting and reading

/** Polls `fn` until it returns a truthy value; returns that value. */
export async function poll(fn, { timeout = STEP_TIMEOUT, interval = 50, message = 'condition' } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const what = typeof message === 'function' ? message() : message;
      throw new Error(`timed out after ${timeout} ms waiting for ${what}` + (last instanceof Error ? `: ${last.message}` : ''));
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}

/** Waits until `locator` matches no element (or none that is visible). */
export async function waitGone(locator, timeout = STEP_TIMEOUT) {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** The contacts count text ("3 contacts"). */
export function countLocator(page) {
  return page.getByText(COUNT_RE);
}

/** Waits for the count text to satisfy `want` (a string, or a predicate on the text); returns the text. */
export async function waitForCount(page, want, timeout = STEP_TIMEOUT) {
  const loc = countLocator(page);
  const ok = typeof want === 'function' ? want : (t) => t === want;
  let seen = '(none)';
  return poll(
    async () => {
      const n = await loc.count();
      if (n !== 1) {
        seen = `${n} elements with a count text`;
        return false;
      }
      const t = (await loc.textContent()).trim();
      seen = JSON.stringify(t);
      return ok(t) ? t : false;
    },
    {
      timeout,
      message: () => `count text ${typeof want === 'function' ? '(predicate)' : JSON.stringify(want)}; last seen ${seen}`,
    },
  );
}

/** "100 contacts" → 100, "1,000 contacts" → 1000. */
export function parseCount(text) {
  const m = /^(\d[\d,]*) contacts?$/.exec(text);
  assert.ok(m, `not a count text: ${JSON.stringify(text)}`);
  return Number(m[1].replace(/,/g, ''));
}

export function formatCount(n) {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'contact' : 'contacts'}`;
}

/** The path part of the page's URL. */
export function pathOf(page) {
  return new URL(page.url()).pathname;
}

export async function waitForPath(page, re, timeout = STEP_TIMEOUT) {
  await poll(() => re.test(pathOf(page)), { timeout, message: `URL path matching ${re} (now ${pathOf(page)})` });
}

export function status(page, text) {
  return page.getByRole('status').filter({ hasText: text });
}

export function alert(page, text) {
  return page.getByRole('alert').filter({ hasText: text });
}

// ---------------------------------------------------------------------------
// Navigation

/**
 * Opens `<server>/crm/<rel>` and waits for the app to mount: its main
 * navigation, or on a narrow screen the "Menu" button that opens it.
 */
export async function openApp(page, url, rel = '') {
  await page.goto(url + rel);
  await mainNav(page).or(menuButton(page)).first().waitFor();
}

/** The button that opens the main navigation on a narrow screen. */
export function menuButton(page) {
  return page.getByRole('button', { name: 'Menu', exact: true });
}

export function mainNav(page) {
  return page.getByRole('navigation', { name: 'Main' });
}

/** Clicks a link in the main navigation and waits for that page's heading. */
export async function navTo(page, name) {
  await mainNav(page).getByRole('link', { name, exact: true }).click();
  if (name === 'Contacts') {
    // An empty database shows the empty state instead of the list.
    await page
      .getByRole('heading', { name: 'Contacts', exact: true, level: 1 })
      .or(page.getByRole('heading', { name: 'No contacts yet', exact: true }))
      .first()
      .waitFor();
  } else {
    await page.getByRole('heading', { name, exact: true, level: 1 }).waitFor();
  }
}

// ---------------------------------------------------------------------------
// Contacts

/** A text, date or file input or a textarea, by its label. */
export function field(page, label) {
  return page.getByLabel(label, { exact: true });
}

/**
 * A select, by its accessible name. (Playwright's getByLabel would also count
 * the option texts of a select wrapped in its label, so use the role.)
 */
export function select(page, name) {
  return page.getByRole('combobox', { name, exact: true });
}

/**
 * Fills the new-contact form and saves; waits for the contact page. Returns the
 * new contact's id.
 */
export async function createContact(page, url, { given = '', family = '', email = '' }) {
  await openApp(page, url, 'contacts/new');
  await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
  if (given) await field(page, 'Given name').fill(given);
  if (family) await field(page, 'Family name').fill(family);
  if (email) await field(page, 'Email 1').fill(email);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
  const id = pathOf(page).split('/').pop();
  assert.match(id, UUID_RE);
  const display = [given, family].filter(Boolean).join(' ') || email;
  await page.getByRole('heading', { name: display, exact: true, level: 1 }).waitFor();
  return id;
}

// ---------------------------------------------------------------------------
// Backups

export const BACKUP_NAME_RE = /^crm-backup-(\d{4})-(\d{2})-(\d{2})\.json$/;

/** Clicks "Export backup" on the Backup page; returns `{ filename, text }`. */
export async function exportBackup(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export backup', exact: true }).click(),
  ]);
  const filename = download.suggestedFilename();
  const file = await download.path();
  const failure = await download.failure();
  assert.equal(failure, null, `download failed: ${failure}`);
  const text = fs.readFileSync(file, 'utf8');
  return { filename, text };
}

/** Chooses a backup file (given as text) in "Choose backup file". */
export async function chooseBackupFile(page, name, text) {
  await page.getByLabel('Choose backup file', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(text, 'utf8'),
  });
}

export function sha256hex(text) {
  return createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
}

/**
 * The `payload` value's text exactly as it is in the file: from the `{` after
 * `"payload":` to its matching `}` (payload is the file's last key).
 */
export function payloadText(fileText) {
  const key = '"payload":';
  const i = fileText.indexOf(key);
  assert.ok(i >= 0, 'backup has no "payload" key');
  let start = i + key.length;
  while (/\s/.test(fileText[start])) start++;
  assert.equal(fileText[start], '{', 'payload is not an object');
  // Scan to the matching brace, skipping strings.
  let depth = 0;
  let inString = false;
  for (let j = start; j < fileText.length; j++) {
    const ch = fileText[j];
    if (inString) {
      if (ch === '\\') j++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' || ch === '[') depth++;
    else if (ch === '}' || ch === ']') {
      depth--;
      if (depth === 0) return fileText.slice(start, j + 1);
    }
  }
  throw new Error('payload object is not closed');
}

/** The backup format and records schema this build writes (core::backup). */
export const BACKUP_FORMAT = 3;
export const RECORDS_SCHEMA = 4;

/**
 * Checks a backup file's envelope (key order, format, counts, checksum, sorted
 * ids) and returns `{ header, payload, payloadText }`.
 */
export function checkBackup(fileText) {
  const doc = JSON.parse(fileText);
  assert.deepEqual(
    Object.keys(doc),
    ['format', 'format_version', 'schema_version', 'app_version', 'exported_at', 'counts', 'payload_sha256', 'payload'],
    'backup keys and their order',
  );
  assert.equal(doc.format, 'crm-backup');
  assert.equal(doc.format_version, BACKUP_FORMAT);
  assert.equal(doc.schema_version, RECORDS_SCHEMA);
  assert.equal(typeof doc.app_version, 'string');
  assert.match(doc.exported_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
  assert.match(doc.payload_sha256, /^[0-9a-f]{64}$/);
  const text = payloadText(fileText);
  assert.equal(sha256hex(text), doc.payload_sha256, 'payload_sha256 is the SHA-256 of the payload text');
  const kinds = ['companies', 'contacts', 'deals', 'activities', 'tasks'];
  assert.deepEqual(Object.keys(doc.payload), [...kinds, 'settings'], 'payload keys and their order');
  for (const kind of kinds) assert.equal(doc.counts[kind], doc.payload[kind].length, `counts.${kind}`);
  assert.ok(doc.payload.settings.pipeline.length > 0, 'settings with a pipeline');
  for (const kind of kinds) {
    const ids = doc.payload[kind].map((r) => r.id);
    for (const id of ids) assert.match(id, UUID_RE, `${kind} id`);
    const sorted = [...ids].sort();
    assert.deepEqual(ids, sorted, `${kind} are sorted by id`);
    assert.equal(new Set(ids).size, ids.length, `${kind} ids are unique`);
  }
  const { payload, ...header } = doc;
  return { header, payload, payloadText: text };
}

/** Clicks `button` and returns the download's `{ filename, bytes }`. */
export async function downloadOf(page, button) {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  assert.equal(await download.failure(), null);
  return { filename: download.suggestedFilename(), bytes: fs.readFileSync(await download.path()) };
}

/** The median of the finite numbers in `xs` (NaN when there are none). */
export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Milliseconds for a benchmark line: "123 ms", or "n/a". */
export const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)} ms` : 'n/a');
