// Tabs of the same browser profile share one database. A change saved in one
// shows in the others without a reload, both ways; a tab that has not heard
// of the others' changes yet, and writes, first applies what it missed (its
// write never overwrites them); and after a reload every tab holds exactly
// the same records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, waitForCount, status, mainNav, navTo, field, waitForPath, STEP_TIMEOUT } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

/**
 * Makes a tab deaf to the other tabs: its BroadcastChannel still announces
 * its own writes, but never delivers theirs, so it catches up only when it
 * writes (or reloads).
 */
const DEAF = () => {
  const Real = window.BroadcastChannel;
  window.BroadcastChannel = class extends Real {
    set onmessage(_listener) {}
    get onmessage() {
      return null;
    }
    addEventListener(type, listener, options) {
      if (type !== 'message') super.addEventListener(type, listener, options);
    }
  };
};

/** Creates a contact by in-app navigation only (no reload, so the tab keeps what it holds). */
async function createInApp(page, { given, family, email }) {
  await navTo(page, 'Contacts');
  await page.getByRole('button', { name: 'New contact', exact: true }).click();
  await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
  await field(page, 'Given name').fill(given);
  await field(page, 'Family name').fill(family);
  await field(page, 'Email 1').fill(email);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
  await status(page, 'Saved').waitFor();
}

/** The names the contacts list shows, sorted. */
async function listedNames(page) {
  const names = await page.getByRole('list', { name: 'Contacts' }).getByRole('link').allTextContents();
  return names.map((n) => n.trim()).sort();
}

/** Waits until the contacts list (on screen now) names exactly `names`. */
async function waitForNames(page, names) {
  const want = [...names].sort();
  await waitForCount(page, `${want.length} contact${want.length === 1 ? '' : 's'}`);
  const deadline = Date.now() + STEP_TIMEOUT;
  let seen = [];
  while (Date.now() < deadline) {
    seen = await listedNames(page);
    if (JSON.stringify(seen) === JSON.stringify(want)) return;
    await page.waitForTimeout(50);
  }
  assert.deepEqual(seen, want);
}

test('h) tabs sync live both ways; a tab that missed changes applies them before its own write; nothing is lost', T, () =>
  app.run(async ({ page: a, url }) => {
    const context = a.context();
    const b = await context.newPage();
    const deaf = await context.newPage();
    await deaf.addInitScript(DEAF);
    for (const tab of [a, b, deaf]) {
      await openApp(tab, url, 'contacts');
      await tab.getByRole('heading', { name: 'No contacts yet' }).waitFor();
    }

    // A → B, live: B's list shows A's contact without a reload.
    await createInApp(a, { given: 'Ada', family: 'Lovelace', email: 'ada@example.org' });
    await waitForNames(b, ['Ada Lovelace']);

    // B → A, live: A is on its list (reached in-app) when B saves.
    await navTo(a, 'Contacts');
    await waitForNames(a, ['Ada Lovelace']);
    await createInApp(b, { given: 'Grace', family: 'Hopper', email: 'grace@example.org' });
    await waitForNames(a, ['Ada Lovelace', 'Grace Hopper']);

    // The deaf tab heard nothing: it still shows the empty state.
    assert.equal(await deaf.getByRole('heading', { name: 'No contacts yet' }).count(), 1);
    assert.equal(await deaf.getByRole('list', { name: 'Contacts' }).count(), 0);

    // It writes without having caught up: the journal gives it the two
    // entries it missed before its own, so it shows all three.
    await createInApp(deaf, { given: 'Edsger', family: 'Dijkstra', email: 'edsger@example.org' });
    await navTo(deaf, 'Contacts');
    await waitForNames(deaf, ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Hopper']);
    // Its write reaches the others live, on top of theirs.
    await waitForNames(a, ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Hopper']);
    await navTo(b, 'Contacts');
    await waitForNames(b, ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Hopper']);

    // An edit in one tab replaces the record in the others, not duplicated.
    await a.getByRole('link', { name: 'Grace Hopper', exact: true }).click();
    await a.getByRole('button', { name: 'Edit', exact: true }).click();
    await field(a, 'Family name').fill('Murray Hopper');
    await a.getByRole('button', { name: 'Save', exact: true }).click();
    await status(a, 'Saved').waitFor();
    await waitForNames(b, ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Murray Hopper']);

    // After a reload every tab reads the same three records from storage.
    for (const tab of [a, b, deaf]) {
      await openApp(tab, url, 'contacts');
      await waitForNames(tab, ['Ada Lovelace', 'Edsger Dijkstra', 'Grace Murray Hopper']);
      await mainNav(tab).waitFor();
    }
  }));
