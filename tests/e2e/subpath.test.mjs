// f) The app works under the sub-path /crm/ and never asks for anything else.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, navTo, waitForPath, mainNav } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

test('f) every request stays under /crm/ on the test server', T, () =>
  app.run(async ({ page, url, server }) => {
    const before = server.requests.length;
    await openApp(page, url);
    // `/crm/` shows the contacts page (empty here).
    await page.getByRole('heading', { name: 'No contacts yet', exact: true }).waitFor();
    const links = mainNav(page).getByRole('link');
    const hrefs = {};
    for (const name of ['Contacts', 'Companies', 'Backup']) {
      hrefs[name] = await mainNav(page).getByRole('link', { name, exact: true }).getAttribute('href');
    }
    assert.ok((await links.count()) >= 3);
    for (const [name, want] of Object.entries({ Contacts: '/crm/contacts', Companies: '/crm/companies', Backup: '/crm/backup' })) {
      assert.equal(new URL(hrefs[name], url).pathname.replace(/\/$/, ''), want, `${name} link`);
    }

    await navTo(page, 'Companies');
    await waitForPath(page, /^\/crm\/companies\/?$/);
    await navTo(page, 'Backup');
    await waitForPath(page, /^\/crm\/backup\/?$/);
    await navTo(page, 'Contacts');
    await waitForPath(page, /^\/crm\/contacts\/?$/);
    // Deep links load from the server (single-page-app fallback).
    await openApp(page, url, 'contacts/new');
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();

    const seen = server.requests.slice(before);
    assert.ok(seen.length > 0);
    const outside = seen.filter((u) => !u.startsWith('/crm/'));
    assert.deepEqual(outside, [], 'requests outside /crm/');
    assert.ok(seen.some((u) => /^\/crm\/[^?]*\.wasm(\?|$)/.test(u)), `the wasm came from /crm/: ${seen.join(' ')}`);
  }));
