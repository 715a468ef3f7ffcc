// Contacts: create, find, validate, delete.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setupApp,
  openApp,
  navTo,
  createContact,
  field,
  status,
  waitForCount,
  waitForPath,
  waitGone,
  pathOf,
  poll,
} from './helpers.mjs';

const app = setupApp();
const T = { timeout: 120_000 };

test('a) a new contact is saved, survives a reload and is found by an accent-free search', T, () =>
  app.run(async ({ page, url }) => {
    const id = await createContact(page, url, { given: 'Zoë', family: 'Ødegaard', email: 'zoe@example.no' });
    assert.equal(pathOf(page), `/crm/contacts/${id}`);
    await page.getByRole('heading', { name: 'Zoë Ødegaard', exact: true, level: 1 }).waitFor();
    await status(page, 'Saved').waitFor();

    // Stored, not just shown: a reload reads it back from IndexedDB.
    await page.reload();
    await page.getByRole('heading', { name: 'Zoë Ødegaard', exact: true, level: 1 }).waitFor();
    assert.equal(pathOf(page), `/crm/contacts/${id}`);

    await navTo(page, 'Contacts');
    await waitForPath(page, /^\/crm\/contacts\/?$/);
    await page.getByRole('heading', { name: 'Contacts', exact: true, level: 1 }).waitFor();
    await waitForCount(page, '1 contact');

    const search = page.getByRole('searchbox', { name: 'Search contacts', exact: true });
    await search.fill('odegaard');
    await waitForCount(page, '1 contact');
    await page.getByRole('link', { name: 'Zoë Ødegaard', exact: true }).waitFor();

    await search.fill('nobody-xyz');
    await waitForCount(page, '0 contacts');
    await waitGone(page.getByRole('link', { name: 'Zoë Ødegaard', exact: true }));

    // The row link leads to the contact.
    await search.fill('');
    await waitForCount(page, '1 contact');
    await page.getByRole('link', { name: 'Zoë Ødegaard', exact: true }).click();
    await waitForPath(page, new RegExp(`^/crm/contacts/${id}$`));
    await page.getByRole('heading', { name: 'Zoë Ødegaard', exact: true, level: 1 }).waitFor();
  }));

test('b) an invalid form shows errors next to the fields and saves nothing', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'contacts/new');
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    // A new form already has one empty email row and one empty phone row.
    const email = page.getByRole('textbox', { name: 'Email 1', exact: true });
    await email.waitFor();
    assert.equal(await email.inputValue(), '');
    assert.equal(await field(page, 'Phone 1').inputValue(), '');

    await email.fill('jane@');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter an email address like name@example.com').waitFor();
    assert.equal(await email.getAttribute('aria-invalid'), 'true', 'the email input is marked invalid');
    assert.equal(pathOf(page), '/crm/contacts/new', 'still on the form');

    // Nothing at all: the form asks for a name or an email.
    await email.fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByText('Enter a name or an email address').waitFor();
    assert.equal(pathOf(page), '/crm/contacts/new', 'still on the form');

    await navTo(page, 'Contacts');
    await page.getByRole('heading', { name: 'No contacts yet', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Load demo data', exact: true }).waitFor();
  }));

test('e) a deleted contact is gone, also after a reload', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Grace', family: 'Hopper', email: 'grace@example.com' });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    // Nothing is deleted before the confirmation.
    const confirm = page.getByRole('button', { name: 'Confirm delete', exact: true });
    await confirm.waitFor();
    await page.getByRole('button', { name: 'Cancel', exact: true }).waitFor();
    await confirm.click();

    await waitForPath(page, /^\/crm\/(contacts\/?)?$/);
    await status(page, 'Deleted').waitFor();
    await waitGone(page.getByRole('link', { name: 'Grace Hopper', exact: true }));
    const emptyOrZero = page
      .getByRole('heading', { name: 'No contacts yet', exact: true })
      .or(page.getByText(/^0 contacts$/));
    await emptyOrZero.first().waitFor();

    await page.reload();
    await emptyOrZero.first().waitFor();
    assert.equal(await page.getByRole('link', { name: 'Grace Hopper', exact: true }).count(), 0);
  }));

test('e2) cancelling a delete keeps the contact', T, () =>
  app.run(async ({ page, url }) => {
    const id = await createContact(page, url, { given: 'Alan', family: 'Turing' });
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByRole('button', { name: 'Cancel', exact: true }).click();
    await waitGone(page.getByRole('button', { name: 'Confirm delete', exact: true }));
    assert.equal(pathOf(page), `/crm/contacts/${id}`);

    await navTo(page, 'Contacts');
    await waitForCount(page, '1 contact');
    await page.getByRole('link', { name: 'Alan Turing', exact: true }).waitFor();
  }));

test('e3) the delete confirmation is keyboard-safe: focus on Cancel, Escape closes', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Kim', family: 'Keyboard', email: 'kim@example.com' });
    const del = page.getByRole('button', { name: 'Delete', exact: true });
    await del.focus();
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: 'Confirm delete', exact: true });
    await confirm.waitFor();
    // Focus lands on Cancel, so a second Enter cannot delete by accident.
    await poll(async () => (await page.evaluate(() => document.activeElement?.textContent)) === 'Cancel', {
      message: 'focus on Cancel',
    });
    await page.keyboard.press('Escape');
    await waitGone(confirm);
    await del.focus();
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await page.keyboard.press('Enter');
    await waitGone(confirm);
    await page.reload();
    await page.getByRole('heading', { name: 'Kim Keyboard', exact: true, level: 1 }).waitFor();
  }));

test('a2) the lifecycle stage chosen in the form is saved', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'contacts/new');
    await field(page, 'Given name').fill('Stella');
    await page.getByRole('combobox', { name: 'Lifecycle stage', exact: true }).selectOption({ label: 'Conversion' });
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Stella', exact: true, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('definition').filter({ hasText: /^Conversion$/ }).waitFor();
  }));

test('f) the forms suggest fixes for unnormalised values; a fix is used or kept as typed, never applied silently', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'contacts/new');
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    await field(page, 'Given name').fill('  jane ');
    await field(page, 'Family name').fill('DOE');
    const fixes = page.getByRole('region', { name: 'Suggested fixes' });
    await fixes.getByText('Given name: "  jane " → "Jane" (extra spaces and inconsistent capitals)', { exact: true }).waitFor();
    await fixes.getByText('Family name: "DOE" → "Doe" (inconsistent capitals)', { exact: true }).waitFor();
    // Nothing changed yet.
    assert.equal(await field(page, 'Given name').inputValue(), '  jane ');
    await page.getByRole('button', { name: 'Use "Jane" for Given name', exact: true }).click();
    assert.equal(await field(page, 'Given name').inputValue(), 'Jane');
    await page.getByRole('button', { name: 'Keep Family name as typed', exact: true }).click();
    assert.equal(await page.getByRole('region', { name: 'Suggested fixes' }).count(), 0);
    assert.equal(await field(page, 'Family name').inputValue(), 'DOE');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Jane DOE', exact: true, level: 1 }).waitFor();

    await openApp(page, url, 'companies/new');
    await field(page, 'Name').fill('Acme Ltd');
    await field(page, 'Web domain').fill('https://www.Acme.co.uk/about');
    await page.getByRole('button', { name: 'Use "acme.co.uk" for Web domain', exact: true }).click();
    assert.equal(await field(page, 'Web domain').inputValue(), 'acme.co.uk');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Acme Ltd', exact: true, level: 1 }).waitFor();
  }));
