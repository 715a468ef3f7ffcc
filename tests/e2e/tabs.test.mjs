// Two tabs of the same browser profile share one database: a change saved in
// one shows in the other without a reload, and neither overwrites the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, createContact, waitForCount, status } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

test('h) a contact saved in one tab appears in another, and both tabs\' saves are kept', T, () =>
  app.run(async ({ page, url }) => {
    // A second tab in the same context (same origin storage).
    const other = await page.context().newPage();
    await openApp(other, url, 'contacts');
    await other.getByRole('heading', { name: 'No contacts yet' }).waitFor();

    await createContact(page, url, { given: 'Ada', family: 'Lovelace', email: 'ada@example.org' });
    await status(page, 'Saved').waitFor();

    // The other tab learns of it through the journal, without a reload.
    await other.getByRole('link', { name: 'Ada Lovelace', exact: true }).waitFor();
    await waitForCount(other, '1 contact');

    // Now the other tab saves its own contact; the first tab keeps both.
    await createContact(other, url, { given: 'Grace', family: 'Hopper', email: 'grace@example.org' });
    await status(other, 'Saved').waitFor();
    await openApp(page, url, 'contacts');
    await waitForCount(page, '2 contacts');
    await page.reload();
    await waitForCount(page, '2 contacts');
    for (const name of ['Ada Lovelace', 'Grace Hopper']) {
      await page.getByRole('link', { name, exact: true }).waitFor();
    }
    assert.ok(true);
  }));
