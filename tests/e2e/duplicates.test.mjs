// Duplicates: a near-identical contact is flagged while it is typed and by the
// scan on the Duplicates page (with reasons); merging keeps the chosen fields
// and moves the removed contact's activity; Undo brings both back; "Not a
// duplicate" is remembered after a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, createContact, field, status, alert, waitForPath, waitGone, pathOf, mainNav } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

/** Opens the Duplicates page from the main navigation and runs a scan. */
async function scan(page) {
  await mainNav(page).getByRole('link', { name: 'Duplicates', exact: true }).click();
  await page.getByRole('heading', { name: 'Duplicates', exact: true, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Scan for duplicates', exact: true }).click();
}

function found(page, n) {
  const text = `${n} ${n === 1 ? 'group' : 'groups'} of possible duplicates found`;
  return status(page, text);
}

test('a) a duplicate is flagged while typing and by the scan; merging moves its activity; Undo restores both', T, () =>
  app.run(async ({ page, url }) => {
    const keptId = await createContact(page, url, {
      given: 'Margaret',
      family: 'Hamilton',
      email: 'margaret.hamilton@example.com',
    });

    // Typing the same person again: the form says who it looks like.
    await openApp(page, url, 'contacts/new');
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    await field(page, 'Given name').fill('Maggie');
    await field(page, 'Family name').fill('Hamilton');
    await field(page, 'Email 1').fill('margaret.hamilton@example.com');
    const hint = status(page, 'Looks like Margaret Hamilton, margaret.hamilton@example.com');
    await hint.waitFor();
    await hint.getByRole('link', { name: 'open it?', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
    const removedId = pathOf(page).split('/').pop();
    assert.notEqual(removedId, keptId);
    await page.getByRole('heading', { name: 'Maggie Hamilton', exact: true, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Add note', exact: true }).click();
    const form = page.getByRole('form', { name: 'New note' });
    await field(form, 'Note').fill('Met at the lab');
    await form.getByRole('button', { name: 'Save note', exact: true }).click();
    await status(page, 'Note logged').waitFor();

    // The scan finds the pair and says why.
    await scan(page);
    await found(page, 1).waitFor();
    await page.getByText(/^Reasons: .*same email/).waitFor();

    // Merge: Margaret's record stays, with Maggie's given name.
    await page.getByRole('link', { name: /^Merge (Margaret|Maggie) Hamilton and (Margaret|Maggie) Hamilton…$/ }).click();
    await page.getByRole('heading', { name: 'Merge contacts', exact: true, level: 1 }).waitFor();
    await page.getByRole('radio', { name: /^Keep record \d \(Margaret Hamilton\)$/ }).check();
    const given = page.getByRole('group', { name: 'Given name', exact: true });
    await given.getByRole('radio', { name: /^Record \d: Maggie$/ }).check();
    // Equal fields are hidden until asked for.
    assert.equal(await page.getByRole('group', { name: 'Family name', exact: true }).count(), 0);
    await page.getByRole('checkbox', { name: 'Show all fields', exact: true }).check();
    await page.getByRole('group', { name: 'Family name', exact: true }).waitFor();
    await page.getByText('Moves 0 deals, 1 activity and 0 tasks to Margaret Hamilton.', { exact: true }).waitFor();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();

    await waitForPath(page, new RegExp(`^/crm/contacts/${keptId}$`));
    await page.getByRole('heading', { name: 'Maggie Hamilton', exact: true, level: 1 }).waitFor();
    await status(page, 'Merged Maggie Hamilton into Margaret Hamilton').waitFor();
    await page.getByRole('list', { name: 'Activities' }).getByText('Met at the lab').waitFor();

    await page.getByRole('button', { name: 'Undo', exact: true }).waitFor();

    // The merge is in the merge history; Undo there brings back both
    // contacts, and the note is Maggie's again.
    await mainNav(page).getByRole('link', { name: 'Duplicates', exact: true }).click();
    const history = page.getByRole('region', { name: 'Merge history', exact: true });
    await history.getByRole('button', { name: 'Undo: Merged Maggie Hamilton into Margaret Hamilton', exact: true }).click();
    await status(page, 'Merge undone').waitFor();
    await history.getByText('No merges to undo.', { exact: true }).waitFor();
    await openApp(page, url, `contacts/${keptId}`);
    await page.getByRole('heading', { name: 'Margaret Hamilton', exact: true, level: 1 }).waitFor();
    await page.getByText('No activities yet.', { exact: true }).waitFor();
    assert.equal(await page.getByText('Met at the lab').count(), 0);
    await openApp(page, url, `contacts/${removedId}`);
    await page.getByRole('heading', { name: 'Maggie Hamilton', exact: true, level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Activities' }).getByText('Met at the lab').waitFor();
  }));

test('b) "Not a duplicate" is remembered after a reload', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Grace', family: 'Hopper', email: 'grace@example.com' });
    await createContact(page, url, { given: 'Grace', family: 'Hoper', email: 'grace@example.com' });
    await scan(page);
    await found(page, 1).waitFor();
    await page.getByRole('button', { name: /^Not a duplicate: Grace Hopp?er and Grace Hopp?er$/ }).click();
    await status(page, 'Marked as not a duplicate').waitFor();
    await found(page, 0).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Duplicates', exact: true, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Scan for duplicates', exact: true }).click();
    await found(page, 0).waitFor();
  }));

test('c) a company that looks like an existing one is flagged while typing, with the reason', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'companies/new');
    await field(page, 'Name').fill('Acme Ltd');
    await field(page, 'Web domain').fill('acme.example');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('heading', { name: 'Acme Ltd', exact: true, level: 1 }).waitFor();
    await openApp(page, url, 'companies/new');
    await page.getByRole('heading', { name: 'New company', exact: true }).waitFor();
    await field(page, 'Name').fill('ACME Limited');
    const hint = page.getByRole('status').filter({ hasText: 'Looks like Acme Ltd, acme.example (same name acme)' });
    await hint.waitFor();
    await field(page, 'Name').fill('Initech');
    await waitGone(hint);
    await field(page, 'Web domain').fill('https://www.ACME.example/contact');
    await page.getByRole('status').filter({ hasText: 'Looks like Acme Ltd, acme.example (same domain acme.example)' }).waitFor();
    await hint.page().getByRole('link', { name: 'open it?' }).click();
    await page.getByRole('heading', { name: 'Acme Ltd', exact: true, level: 1 }).waitFor();
  }));

test('d) the duplicate thresholds set in Settings decide what the scan finds, and stay after a reload', T, () =>
  app.run(async ({ page, url }) => {
    // The same email with another family name: a possible duplicate (score about 0.75).
    await createContact(page, url, { given: 'Margaret', family: 'Hamilton', email: 'margaret@example.com' });
    await createContact(page, url, { given: 'Margaret', family: 'Smith', email: 'margaret@example.com' });
    await scan(page);
    await found(page, 1).waitFor();
    const text = await page.getByText(/duplicates, best score \d\.\d\d$/).first().textContent();
    const score = Math.round(Number(text.match(/(\d\.\d\d)$/)[1]) * 100);
    assert.ok(score >= 50 && score < 99, `the pair scores ${score} %`);

    // Possible duplicates only from above this pair's score: the scan finds none.
    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('spinbutton', { name: 'Probable duplicate from (%)', exact: true }).fill('100');
    await page.getByRole('spinbutton', { name: 'Possible duplicate from (%)', exact: true }).fill(String(score + 1));
    await page.getByRole('button', { name: 'Save thresholds', exact: true }).click();
    await status(page, 'Duplicate thresholds saved').waitFor();
    // A possible threshold not below the probable one is refused.
    await page.getByRole('spinbutton', { name: 'Possible duplicate from (%)', exact: true }).fill('100');
    await page.getByRole('button', { name: 'Save thresholds', exact: true }).click();
    await alert(page, 'The possible-duplicate threshold must be below the probable one.').waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    assert.equal(await page.getByRole('spinbutton', { name: 'Possible duplicate from (%)', exact: true }).inputValue(), String(score + 1));
    await scan(page);
    await found(page, 0).waitFor();

    // Back to the defaults: the pair is found again.
    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: 'Reset to defaults', exact: true }).click();
    await status(page, 'Duplicate thresholds reset to the defaults').waitFor();
    await scan(page);
    await found(page, 1).waitFor();
  }));
