// The data audit (issue 4): completeness per field, a value fixed in one
// click, the work list of incomplete contacts, and the duplicate rate of the
// last scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, createContact, status, mainNav } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

test('a) the audit counts missing fields, fixes a value in one click, walks incomplete contacts and shows the duplicate rate', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'ANN', family: 'Lee', email: 'ann@example.com' });
    await createContact(page, url, { given: 'Bob', family: 'Ray', email: 'bob@example.com' });
    await mainNav(page).getByRole('link', { name: 'Data audit', exact: true }).click();
    await page.getByRole('heading', { name: 'Data audit', exact: true, level: 1 }).waitFor();

    const contacts = page.getByRole('table', { name: 'Contacts', exact: true });
    await contacts.getByRole('cell', { name: '0 contacts without email', exact: true }).waitFor();
    await contacts.getByRole('cell', { name: '2 contacts without phone', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show contacts without phone', exact: true }).click();
    const list = page.getByRole('list', { name: 'Contacts without phone', exact: true });
    await list.getByRole('link', { name: 'ANN Lee', exact: true }).waitFor();
    await list.getByRole('link', { name: 'Bob Ray', exact: true }).waitFor();

    // "ANN" has a suggested fix; one click applies it and nothing else.
    await page.getByText('1 value with a suggested fix.', { exact: true }).waitFor();
    await page.getByText('ANN Lee — Given name: "ANN" → "Ann" (inconsistent capitals)', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Fix Given name of ANN Lee', exact: true }).click();
    await status(page, 'Fixed').waitFor();
    await page.getByText('0 values with a suggested fix.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Show contacts without phone', exact: true }).click();
    await list.getByRole('link', { name: 'Ann Lee', exact: true }).waitFor();

    // The work list: both lack a company; it walks from one to the next.
    await page.getByText('2 contacts without an email or phone, or without a company.', { exact: true }).waitFor();
    const item = page.getByRole('group', { name: 'Incomplete contact' });
    await item.getByText(/^Contact 1 of 2: /).waitFor();
    await page.getByRole('button', { name: 'Next', exact: true }).click();
    await item.getByText(/^Contact 2 of 2: /).waitFor();
    assert.ok(await page.getByRole('button', { name: 'Next', exact: true }).isDisabled());
    await item.getByRole('link', { name: /^Fill in / }).click();
    await page.getByRole('heading', { name: /^Edit / }).waitFor();

    // The duplicate rate comes from the last scan.
    await mainNav(page).getByRole('link', { name: 'Duplicates', exact: true }).click();
    await page.getByRole('button', { name: 'Scan for duplicates', exact: true }).click();
    await status(page, '0 groups of possible duplicates found').waitFor();
    await mainNav(page).getByRole('link', { name: 'Data audit', exact: true }).click();
    await page.getByText('Duplicate rate at the last scan: 0.0% (0 of 2 contacts are in a group of possible duplicates).', { exact: true }).waitFor();
  }));
