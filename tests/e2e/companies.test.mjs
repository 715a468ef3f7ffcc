// Companies: create one, link a contact to it, see the contact on its page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, navTo, field, select, status, waitForPath, pathOf, UUID_RE } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

test('g) a company lists the contacts that work for it', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'companies');
    await page.getByRole('heading', { name: 'Companies', exact: true, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New company', exact: true }).click();
    await field(page, 'Name').fill('Acme Fjord AS');
    await field(page, 'Web domain').fill('acme.example');
    await field(page, 'Industry').fill('Shipping');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, /^\/crm\/companies\/[0-9a-f-]{36}$/);
    const companyId = pathOf(page).split('/').pop();
    assert.match(companyId, UUID_RE);
    await page.getByRole('heading', { name: 'Acme Fjord AS', exact: true, level: 1 }).waitFor();
    await status(page, 'Saved').waitFor();

    // A contact at that company.
    await navTo(page, 'Contacts');
    await page.getByRole('button', { name: 'New contact', exact: true }).click();
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    await field(page, 'Given name').fill('Kari');
    await field(page, 'Family name').fill('Nordmann');
    await select(page, 'Company').selectOption({ label: 'Acme Fjord AS' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Kari Nordmann', exact: true, level: 1 }).waitFor();

    // The company page lists her, also after a reload.
    await openApp(page, url, `companies/${companyId}`);
    await page.getByRole('heading', { name: 'Acme Fjord AS', exact: true, level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Contacts', exact: true }).waitFor();
    const link = page.getByRole('link', { name: 'Kari Nordmann', exact: true });
    await link.click();
    await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Kari Nordmann', exact: true, level: 1 }).waitFor();
  }));
