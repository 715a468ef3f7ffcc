// Duplicates: a near-identical contact is flagged while it is typed and by the
// scan on the Duplicates page (with its reasons: comparison, level, weight);
// merging keeps the chosen fields and moves the removed contact's activity;
// Undo brings both back; "Not a duplicate" is remembered after a reload; a
// family member at one address is offered for review with the reason; the
// Settings page shows the weights and resets them to the hand-set values.
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

    // The scan finds the pair and says why: each comparison with its level
    // and weight.
    await scan(page);
    await found(page, 1).waitFor();
    const reasons = page.getByRole('table', { name: /^Reasons: (Margaret|Maggie) Hamilton and (Margaret|Maggie) Hamilton$/ });
    const email = reasons.getByRole('row', { name: /^email same \(margaret\.hamilton@example\.com\) \+\d+\.\d$/ });
    await email.waitFor();

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

/** Creates a contact living at Hauptstraße 5, 10115 Berlin. */
async function createAtHome(page, url, given, family) {
  await openApp(page, url, 'contacts/new');
  await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
  await field(page, 'Given name').fill(given);
  await field(page, 'Family name').fill(family);
  await page.getByRole('button', { name: 'Add address', exact: true }).click();
  await field(page, 'Address 1 street').fill('Hauptstraße 5');
  await field(page, 'Address 1 postal code').fill('10115');
  await field(page, 'Address 1 city').fill('Berlin');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByRole('heading', { name: `${given} ${family}`, exact: true, level: 1 }).waitFor();
}

test('e) a family member at one address is a possible pair with its review reason; a nickname is a level with its weight', T, () =>
  app.run(async ({ page, url }) => {
    await createAtHome(page, url, 'Anna', 'Schmidt');
    await createAtHome(page, url, 'Lukas', 'Schmidt');
    await createContact(page, url, { given: 'Robert', family: 'Miller', email: 'robert.miller@example.com' });
    await createContact(page, url, { given: 'Bob', family: 'Miller', email: 'robert.miller@example.com' });
    await scan(page);
    await found(page, 2).waitFor();

    // The Millers are one person: probable, a nickname and the same email.
    const millerReasons = page.getByRole('table', { name: /^Reasons: (Robert|Bob) Miller and (Robert|Bob) Miller$/ });
    const cluster = (table) => page.getByRole('listitem').filter({ has: table }).filter({ hasText: /duplicates, best score/ });
    await cluster(millerReasons).getByText(/^Probable duplicates, best score (0\.9\d|1\.00)$/).waitFor();
    await millerReasons.getByRole('row', { name: /^given name nickname \((robert \/ bob|bob \/ robert)\) \+\d+\.\d$/ }).waitFor();
    await millerReasons.getByRole('row', { name: /^family name same \(miller\) \+\d+\.\d$/ }).waitFor();
    await millerReasons.getByRole('row', { name: /^email same \(robert\.miller@example\.com\) \+\d+\.\d$/ }).waitFor();
    assert.equal(await cluster(millerReasons).getByText(/^Needs review:/).count(), 0);

    // The Schmidts share a home and a family name, with different given
    // names and no birthdays: possible, for a person to judge.
    const schmidtReasons = page.getByRole('table', { name: /^Reasons: (Anna|Lukas) Schmidt and (Anna|Lukas) Schmidt$/ });
    await cluster(schmidtReasons).getByText(/^Possible duplicates, best score 0\.\d\d$/).waitFor();
    await cluster(schmidtReasons).getByText('Needs review: different given name — family member or typo?', { exact: true }).waitFor();
    await schmidtReasons.getByRole('row', { name: /^given name different -\d+\.\d$/ }).waitFor();
    await schmidtReasons.getByRole('row', { name: /^house number same \(5\) \+\d+\.\d$/ }).waitFor();
    await schmidtReasons.getByRole('row', { name: /^postcode and city same postcode \(10115\) \+\d+\.\d$/ }).waitFor();

    // "Not a duplicate" on the family pair is remembered.
    await page.getByRole('button', { name: /^Not a duplicate: (Anna|Lukas) Schmidt and (Anna|Lukas) Schmidt$/ }).click();
    await status(page, 'Marked as not a duplicate').waitFor();
    await found(page, 1).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Duplicates', exact: true, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Scan for duplicates', exact: true }).click();
    await found(page, 1).waitFor();
    assert.equal(await page.getByText(/^Needs review:/).count(), 0);
  }));

test('f) Settings shows the weights of every comparison level and resets them to the hand-set values', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Robert', family: 'Miller', email: 'robert.miller@example.com' });
    await mainNav(page).getByRole('link', { name: 'Settings', exact: true }).click();
    const section = page.getByRole('region', { name: 'Duplicate detection', exact: true });
    await section.getByRole('button', { name: 'Show the weights', exact: true }).click();
    const table = section.getByRole('table', { name: 'Duplicate detection weights', exact: true });
    // Hand-set and in use, in bits, for each level of each comparison.
    await table.getByRole('columnheader', { name: 'Hand-set (bits)', exact: true }).waitFor();
    await table.getByRole('row', { name: /^given name nickname \+\d+\.\d \+\d+\.\d$/ }).waitFor();
    await table.getByRole('row', { name: /^birthday day and month swapped \+\d+\.\d \+\d+\.\d$/ }).waitFor();
    await table.getByRole('row', { name: /^postcode and city postcode one digit off, same city \+\d+\.\d \+\d+\.\d$/ }).waitFor();
    await table.getByRole('row', { name: /^email \(hand-set\) same [+-]\d+\.\d [+-]\d+\.\d$/ }).waitFor();
    // One contact is too few to learn from.
    await section.getByText(/^Hand-set weights: too few contacts/).waitFor();

    await section.getByRole('button', { name: 'Reset weights to hand-set values', exact: true }).click();
    await status(page, 'Duplicate weights reset to the hand-set values').waitFor();
    await section.getByText('Hand-set weights: learning from your contacts is off.', { exact: true }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    await section.getByRole('button', { name: 'Show the weights', exact: true }).click();
    await section.getByText('Hand-set weights: learning from your contacts is off.', { exact: true }).waitFor();
    await section.getByRole('button', { name: 'Learn weights from my contacts', exact: true }).click();
    await status(page, 'Duplicate weights will be learned from your contacts').waitFor();
    await section.getByText(/^Hand-set weights: too few contacts/).waitFor();
    await section.getByRole('button', { name: 'Reset weights to hand-set values', exact: true }).waitFor();
  }));
