// A static demo can link straight into data: /crm/?demo=N loads N demo
// contacts into an empty database, once.
import { test } from 'node:test';
import { setupApp, openApp, waitForCount, status, navTo } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

test('i) a ?demo=100 link opens straight into 100 demo contacts on the dashboard, and a reload does not add more', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, '?demo=100');
    await status(page, 'Loaded 100 demo contacts').waitFor();
    await page.getByRole('heading', { name: 'Dashboard', exact: true, level: 1 }).waitFor();
    await navTo(page, 'Contacts');
    await waitForCount(page, '100 contacts');
    await page.reload();
    await waitForCount(page, '100 contacts');
    // The rows are links to real contact pages.
    await page.getByRole('list', { name: 'Contacts' }).getByRole('link').first().click();
    await page.getByRole('button', { name: 'Edit', exact: true }).waitFor();
  }));
