// Two tabs never lose a save (issue 12). A form opened before another tab
// saved writes only the fields the person changed; when both changed the
// same field, the form shows both values and the person chooses; a record
// deleted in another tab while being edited is said so, and can be saved
// as a new record with its links, or the edit dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, createContact, status, field, waitForPath, pathOf } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

/** Opens the edit form of `/crm/<kind>/<id>` in `page`. */
async function openEdit(page, url, kind, id, heading) {
  await openApp(page, url, `${kind}/${id}/edit`);
  await page.getByRole('heading', { name: heading, exact: true, level: 1 }).waitFor();
}

/** Fills `values` ({label: text}) in the form on screen and presses `save`. */
async function saveForm(page, values, save = 'Save') {
  for (const [label, text] of Object.entries(values)) await field(page, label).fill(text);
  await page.getByRole('button', { name: save, exact: true }).click();
}

/** The value shown next to `term` on a record page. */
async function shown(page, term) {
  const dt = page.getByRole('term').filter({ hasText: new RegExp(`^${term}$`) });
  return (await dt.locator('xpath=following-sibling::dd[1]').textContent()).trim();
}

test('the same field changed in two tabs: both values are shown, the person keeps theirs or takes the other', T, () =>
  app.run(async ({ page: a, url }) => {
    const id = await createContact(a, url, { given: 'Ann', family: 'One', email: 'ann@example.org' });
    const b = await a.context().newPage();
    await openEdit(b, url, 'contacts', id, 'Edit Ann One');

    // Tab A saves a new job title.
    await openEdit(a, url, 'contacts', id, 'Edit Ann One');
    await saveForm(a, { 'Job title': 'CEO' });
    await status(a, 'Saved').waitFor();

    // Tab B, opened before, sets another job title and a new given name.
    await saveForm(b, { 'Job title': 'CFO', 'Given name': 'Anna' });
    const panel = b.getByRole('region', { name: 'Changed in another tab', exact: true });
    await panel.waitFor();
    const choice = panel.getByRole('group', { name: 'Job title', exact: true });
    await choice.getByRole('radio', { name: 'Keep mine: CFO', exact: true }).waitFor();
    await choice.getByRole('radio', { name: 'Take theirs: CEO', exact: true }).waitFor();
    assert.equal(await panel.getByRole('group').count(), 1, 'only the field both changed is asked about');
    assert.ok(await choice.getByRole('radio', { name: 'Keep mine: CFO' }).isChecked(), 'mine is the default');
    // Nothing was written yet: tab A still shows its own title.
    await a.getByRole('heading', { name: 'Ann One', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(a, 'Job title'), 'CEO');

    // Take theirs: the other tab's title, and still my given name.
    await choice.getByRole('radio', { name: 'Take theirs: CEO', exact: true }).check();
    await panel.getByRole('button', { name: 'Save with these choices', exact: true }).click();
    await status(b, 'Saved').waitFor();
    await waitForPath(b, new RegExp(`^/crm/contacts/${id}$`));
    await b.getByRole('heading', { name: 'Anna One', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Job title'), 'CEO');
    // Tab A hears of it live.
    await a.getByRole('heading', { name: 'Anna One', exact: true, level: 1 }).waitFor();

    // Again, keeping mine this time.
    await openEdit(b, url, 'contacts', id, 'Edit Anna One');
    await openEdit(a, url, 'contacts', id, 'Edit Anna One');
    await saveForm(a, { 'Job title': 'Chair' });
    await status(a, 'Saved').waitFor();
    await saveForm(b, { 'Job title': 'Treasurer' });
    await b.getByRole('radio', { name: 'Keep mine: Treasurer', exact: true }).check();
    await b.getByRole('button', { name: 'Save with these choices', exact: true }).click();
    await status(b, 'Saved').waitFor();
    await b.getByRole('heading', { name: 'Anna One', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Job title'), 'Treasurer');
    await b.reload();
    await b.getByRole('heading', { name: 'Anna One', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Job title'), 'Treasurer');
  }));

test('different fields changed in two tabs: both are kept (contacts, companies and deals)', T, () =>
  app.run(async ({ page: a, url }) => {
    const b = await a.context().newPage();
    // The case: A saves a job title, B (opened before) a family name.
    const id = await createContact(a, url, { given: 'Ben', family: 'Two' });
    await openEdit(b, url, 'contacts', id, 'Edit Ben Two');
    await openEdit(a, url, 'contacts', id, 'Edit Ben Two');
    await saveForm(a, { 'Job title': 'Head buyer' });
    await status(a, 'Saved').waitFor();
    await saveForm(b, { 'Family name': 'Smith' });
    await status(b, 'Saved').waitFor();
    await b.getByRole('heading', { name: 'Ben Smith', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Job title'), 'Head buyer', "tab A's job title survives tab B's save");
    await a.reload();
    await a.getByRole('heading', { name: 'Ben Smith', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(a, 'Job title'), 'Head buyer');

    // A company: the industry in one tab, the notes in the other.
    await openApp(a, url, 'companies/new');
    await saveForm(a, { Name: 'Acme Ltd' });
    await waitForPath(a, /^\/crm\/companies\/[0-9a-f-]{36}$/);
    const company = pathOf(a).split('/').pop();
    await openEdit(b, url, 'companies', company, 'Edit Acme Ltd');
    await openEdit(a, url, 'companies', company, 'Edit Acme Ltd');
    await saveForm(a, { Industry: 'Roofing' });
    await status(a, 'Saved').waitFor();
    await saveForm(b, { 'Web domain': 'acme.example' });
    await status(b, 'Saved').waitFor();
    await b.getByRole('heading', { name: 'Acme Ltd', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Industry'), 'Roofing');
    assert.equal(await shown(b, 'Web domain'), 'acme.example');

    // A deal: the amount in one tab, the title in the other; a same-field
    // change there is a choice too.
    await openApp(a, url, 'deals/new');
    await saveForm(a, { Title: 'New roof', Amount: '1000' }, 'Save deal');
    await waitForPath(a, /^\/crm\/deals\/[0-9a-f-]{36}$/);
    const deal = pathOf(a).split('/').pop();
    await openEdit(b, url, 'deals', deal, 'Edit New roof');
    await openEdit(a, url, 'deals', deal, 'Edit New roof');
    await saveForm(a, { Amount: '2,500', Owner: 'sam' }, 'Save deal');
    await status(a, 'Saved').waitFor();
    await saveForm(b, { Title: 'New roof and gutters', Owner: 'kim' }, 'Save deal');
    const choice = b.getByRole('group', { name: 'Owner', exact: true });
    await choice.getByRole('radio', { name: 'Take theirs: sam', exact: true }).check();
    assert.equal(await b.getByRole('region', { name: 'Changed in another tab' }).getByRole('group').count(), 1);
    await b.getByRole('button', { name: 'Save with these choices', exact: true }).click();
    await status(b, 'Saved').waitFor();
    await b.getByRole('heading', { name: 'New roof and gutters', exact: true, level: 1 }).waitFor();
    assert.match(await shown(b, 'Amount'), /2,500/);
    assert.equal(await shown(b, 'Owner'), 'sam');
  }));

test('a record deleted in another tab while being edited: saved as new with its links, or the edit dropped', T, () =>
  app.run(async ({ page: a, url }) => {
    const b = await a.context().newPage();
    const id = await createContact(a, url, { given: 'Cleo', family: 'Three', email: 'cleo@example.org' });
    await a.getByRole('button', { name: 'Log call', exact: true }).click();
    const form = a.getByRole('form', { name: 'New call' });
    await field(form, 'Subject').fill('Quote for the roof');
    await form.getByRole('button', { name: 'Save call', exact: true }).click();
    await status(a, 'Call logged').waitFor();

    await openEdit(b, url, 'contacts', id, 'Edit Cleo Three');
    // Tab A deletes her (the call is kept, unlinked).
    await openApp(a, url, `contacts/${id}`);
    await a.getByRole('button', { name: 'Delete', exact: true }).click();
    await a.getByRole('button', { name: 'Confirm delete', exact: true }).click();
    await status(a, 'Deleted Cleo Three. 1 activity will be kept and unlinked.').waitFor();

    // Tab B saves its edit: it is told, and nothing comes back by itself.
    await saveForm(b, { 'Job title': 'Architect' });
    const panel = b.getByRole('region', { name: 'Deleted in another tab', exact: true });
    await panel.getByText('This contact was deleted in another tab while you were editing it.', { exact: false }).waitFor();
    await openApp(a, url, `contacts/${id}`);
    await a.getByRole('heading', { name: 'Contact not found', level: 1 }).waitFor();

    // Save as new: a new record with the edit, and the call linked to it again.
    await panel.getByRole('button', { name: 'Save as a new contact', exact: true }).click();
    await status(b, 'Saved as a new contact').waitFor();
    await waitForPath(b, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
    const newId = pathOf(b).split('/').pop();
    assert.notEqual(newId, id, 'a new id: an undo in the other tab cannot overwrite it');
    await b.getByRole('heading', { name: 'Cleo Three', exact: true, level: 1 }).waitFor();
    assert.equal(await shown(b, 'Job title'), 'Architect');
    await b.getByRole('list', { name: 'Activities' }).getByText('Quote for the roof').waitFor();
    await b.reload();
    await b.getByRole('list', { name: 'Activities' }).getByText('Quote for the roof').waitFor();

    // Or drop the edit: the deleted record stays deleted.
    await openEdit(b, url, 'contacts', newId, 'Edit Cleo Three');
    await openApp(a, url, `contacts/${newId}`);
    await a.getByRole('button', { name: 'Delete', exact: true }).click();
    await a.getByRole('button', { name: 'Confirm delete', exact: true }).click();
    await status(a, 'Deleted Cleo Three').waitFor();
    await saveForm(b, { Notes: 'never mind' });
    await b.getByRole('button', { name: 'Discard my changes', exact: true }).click();
    await waitForPath(b, /^\/crm\/contacts\/?$/);
    await openApp(b, url, `contacts/${newId}`);
    await b.getByRole('heading', { name: 'Contact not found', level: 1 }).waitFor();
    await b.reload();
    await b.getByRole('heading', { name: 'Contact not found', level: 1 }).waitFor();
  }));
