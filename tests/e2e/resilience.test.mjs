// What already held when issue 12 was probed, kept in the suite: a browser
// killed while a large import writes reopens with exactly the old or exactly
// the new data, and an import that does not fit in the origin's quota fails
// with a clear message, changes nothing and leaves the app usable.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import {
  setupApp,
  openApp,
  navTo,
  createContact,
  status,
  alert,
  waitForCount,
  formatCount,
  exportBackup,
  chooseBackupFile,
  checkBackup,
  guardContext,
  poll,
  CHROMIUM,
  CHROMIUM_ARGS,
  STEP_TIMEOUT,
} from './helpers.mjs';
import { makeBackupText, uuid, noise, browserPid } from './durability-helpers.mjs';

const app = setupApp();
const T = { timeout: 240_000 };

const scratch = [];
after(() => {
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/** `n` contacts whose notes are `noteChars` characters of incompressible text. */
function contacts(n, { prefix = '0', noteChars = 0, family = 'Person' } = {}) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const c = {
      id: uuid(i + 1, prefix),
      given_name: `N${i}`,
      family_name: family,
      created: '2026-11-01T09:00:00Z',
      updated: '2026-11-01T09:00:00Z',
    };
    if (noteChars) c.notes = noise(noteChars);
    out.push(c);
  }
  return out;
}

/** Total size in bytes of the files under `dir` (0 when it does not exist). */
function treeSize(dir) {
  let total = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    try {
      total += e.isDirectory() ? treeSize(p) : fs.statSync(p).size;
    } catch {
      // A file LevelDB removed meanwhile.
    }
  }
  return total;
}

/** Imports a backup file (text) with "Replace all data" from the Backup page, up to clicking Import. */
async function startReplace(page, name, text) {
  await chooseBackupFile(page, name, text);
  await page.getByRole('heading', { name: 'Import preview', exact: true }).waitFor({ timeout: 120_000 });
  await page.getByRole('radio', { name: 'Replace all data', exact: true }).check();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
}

/**
 * An init script: while `window.__crmHoldWrite` is set, the first write of
 * a snapshot chunk calls the binding `__crmWriting` (which kills the
 * browser) and then keeps the page busy, so the transaction, with the old
 * chunks cleared and a new one written, is still open when the kill lands.
 */
const HOLD_FIRST_CHUNK = () => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    const request = put.apply(this, args);
    if (window.__crmHoldWrite && this.name === 'chunks') {
      window.__crmHoldWrite = false;
      window.__crmWriting();
      const end = Date.now() + 60_000;
      while (Date.now() < end) {
        // Busy: no task may run, so the transaction cannot commit.
      }
    }
    return request;
  };
};

test('a browser killed while a large import writes reopens with entirely the old or entirely the new data', T, () =>
  app.run(async ({ url, origin, problems }) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-crash-'));
    scratch.push(profile);
    const launch = async () => {
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        acceptDownloads: true,
        locale: 'en-US',
        timezoneId: 'UTC',
        viewport: { width: 1280, height: 900 },
      });
      context.setDefaultTimeout(STEP_TIMEOUT);
      context.setDefaultNavigationTimeout(STEP_TIMEOUT * 2);
      return context;
    };
    const kill = async (context) => {
      const closed = new Promise((resolve) => context.once('close', resolve));
      process.kill(browserPid(profile), 'SIGKILL');
      await closed;
    };
    /** Reopens the profile and returns the export of what it holds, with the context and page. */
    const reopen = async () => {
      const context = await launch();
      guardContext(context, origin, problems);
      const page = context.pages()[0] ?? (await context.newPage());
      await openApp(page, url, 'backup');
      return { context, page, backup: checkBackup((await exportBackup(page)).text) };
    };

    // The old set: three contacts, imported from a small file.
    const oldFile = makeBackupText({ contacts: contacts(3, { prefix: 'a', family: 'Old', noteChars: 50 }) });
    // The new set: about 24 MB that IndexedDB cannot compress away.
    const N = 12_000;
    const newContacts = contacts(N, { prefix: 'b', family: 'New', noteChars: 2_000 });
    const newFile = makeBackupText({ contacts: newContacts });
    assert.ok(newFile.length > 24_000_000, `the new file is ${newFile.length} bytes`);
    /** Whether `reopened` is entirely the old set (false: entirely the new one). */
    const isOld = (reopened) => {
      if (reopened.header.counts.contacts === 3) {
        assert.equal(reopened.header.payload_sha256, oldBackup.header.payload_sha256, 'entirely the old data');
        return true;
      }
      assert.deepEqual(reopened.header.counts, { ...oldBackup.header.counts, contacts: N }, 'entirely the new data (or the old)');
      const want = new Map(newContacts.map((c) => [c.id, c.notes]));
      for (const c of reopened.payload.contacts) {
        assert.equal(c.family_name, 'New', `${c.id} is from the new file`);
        assert.equal(c.notes, want.get(c.id), `${c.id} has its notes from the new file`);
      }
      return false;
    };

    // 1. Killed inside the import's transaction: the old data, exactly.
    let context = await launch();
    // This browser is killed on purpose: what it logs is not checked.
    let page = context.pages()[0] ?? (await context.newPage());
    let killedInside = false;
    await context.exposeBinding('__crmWriting', () => {
      killedInside = true;
      kill(context);
    });
    await context.addInitScript(HOLD_FIRST_CHUNK);
    await openApp(page, url, 'backup');
    await startReplace(page, 'old.json', oldFile);
    await status(page, 'Imported 3 contacts').waitFor();
    const oldBackup = checkBackup((await exportBackup(page)).text);
    assert.equal(oldBackup.header.counts.contacts, 3);
    const closed = new Promise((resolve) => context.once('close', resolve));
    await page.evaluate(() => {
      window.__crmHoldWrite = true;
    });
    await startReplace(page, 'new.json', newFile).catch(() => {});
    await closed;
    assert.ok(killedInside, 'the browser was killed inside the transaction');
    let reopened = await reopen();
    assert.ok(isOld(reopened.backup), 'a transaction that never committed left the old data');
    ({ context, page } = reopened);

    // 2. Killed while the commit writes the database files (or, if the
    // browser writes only at the end, once it finished): one set or the other.
    const idbDir = path.join(profile, 'Default', 'IndexedDB');
    const before = treeSize(idbDir);
    await startReplace(page, 'new.json', newFile);
    const done = status(page, 'Imported 12,000 contacts');
    const when = await poll(
      async () => {
        if (treeSize(idbDir) > before + 1_000_000) return 'while the database files grew';
        if (await done.count()) return 'after the import finished';
        return false;
      },
      { timeout: 120_000, interval: 20, message: 'the import to write' },
    );
    await kill(context);
    reopened = await reopen();
    const old = isOld(reopened.backup);
    console.log(`# killed ${when}; reopened with the ${old ? 'old' : 'new'} data`);
    ({ context, page } = reopened);
    try {
      // The app works on whatever it reopened with.
      await navTo(page, 'Contacts');
      await waitForCount(page, formatCount(old ? 3 : N));
    } finally {
      await context.close().catch(() => {});
    }
  }));

test('an import that does not fit in the quota fails with a clear message, changes nothing, and the app stays usable', T, () =>
  app.run(async ({ page, url, origin }) => {
    // The quota binds only if set before the page opens its database.
    await page.goto('about:blank');
    const cdp = await page.context().newCDPSession(page);
    // Room for the service worker's copy of the app (about 3 MB) and a few
    // contacts, not for 16 MB of incompressible notes.
    await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 6 * 1024 * 1024 });
    await createContact(page, url, { given: 'Keep', family: 'Me', email: 'keep@example.org' });
    await navTo(page, 'Backup');
    const before = checkBackup((await exportBackup(page)).text);
    assert.equal(before.header.counts.contacts, 1);

    const big = makeBackupText({ contacts: contacts(8_000, { prefix: 'c', noteChars: 2_000 }) });
    await startReplace(page, 'too-big.json', big);
    await alert(
      page,
      "Nothing was imported. The browser's storage for this site is full, so nothing was saved. Free some space and try again.",
    ).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Import', exact: true }).waitFor();

    // Nothing changed, after a reload too.
    await page.reload();
    await page.getByRole('heading', { name: 'Backup', exact: true, level: 1 }).waitFor();
    const after = checkBackup((await exportBackup(page)).text);
    assert.equal(after.header.payload_sha256, before.header.payload_sha256, 'the stored data is as before');
    await navTo(page, 'Contacts');
    await waitForCount(page, '1 contact');

    // Still usable: a new contact is saved.
    await createContact(page, url, { given: 'Still', family: 'Works' });
    await status(page, 'Saved').waitFor();
    await navTo(page, 'Contacts');
    await waitForCount(page, '2 contacts');
    await page.getByRole('link', { name: 'Keep Me', exact: true }).waitFor();
  }));
