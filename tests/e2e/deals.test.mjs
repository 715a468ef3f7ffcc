// Sales and relationship records: deals on the pipeline board (drag and
// keyboard), activities on timelines, tasks on Today, lifecycle history,
// converting a lead, and undoing a delete. Every journey ends with a reload.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, createContact, field, select, status, waitForPath, waitGone, pathOf, poll, mainNav } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

/** Creates a deal from the "New deal" form; returns its id. */
async function createDeal(page, url, { title, amount, rel = 'deals/new' }) {
  await openApp(page, url, rel);
  await page.getByRole('heading', { name: 'New deal', exact: true }).waitFor();
  await field(page, 'Title').fill(title);
  if (amount) await field(page, 'Amount').fill(amount);
  await page.getByRole('button', { name: 'Save deal', exact: true }).click();
  await waitForPath(page, /^\/crm\/deals\/[0-9a-f-]{36}$/);
  await page.getByRole('heading', { name: title, exact: true, level: 1 }).waitFor();
  return pathOf(page).split('/').pop();
}

function column(page, name) {
  return page.getByRole('region', { name, exact: true });
}

function card(page, name) {
  return page.getByRole('article', { name, exact: true });
}

/** Waits until the card is in the named column (and only there). */
async function waitInColumn(page, cardName, columnName) {
  await column(page, columnName).getByRole('article', { name: cardName, exact: true }).waitFor();
  await poll(async () => (await card(page, cardName).count()) === 1, { message: `one card ${cardName}` });
}

/** Today's date in the browser's time zone, as YYYY-MM-DD. */
async function browserToday(page) {
  return page.evaluate(() => {
    const d = new Date();
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  });
}

test('a) a new deal moves across the board by drag and by keyboard, and stays there after a reload', T, () =>
  app.run(async ({ page, url }) => {
    await createDeal(page, url, { title: 'Roof repair', amount: '12,500' });
    await status(page, 'Saved').waitFor();
    await mainNav(page).getByRole('link', { name: 'Pipeline', exact: true }).click();
    await page.getByRole('heading', { name: 'Pipeline', exact: true, level: 1 }).waitFor();
    const name = 'Roof repair, €12,500';
    await waitInColumn(page, name, 'Qualified');
    // Count, total and weighted total (10% in the first stage).
    await column(page, 'Qualified').getByText('1 deal · €12,500 (weighted €1,250)', { exact: true }).waitFor();

    // Drag and drop onto the next column.
    await card(page, name).dragTo(column(page, 'Contact made'));
    await waitInColumn(page, name, 'Contact made');
    await status(page, 'Moved to Contact made').waitFor();
    await column(page, 'Contact made').getByText('1 deal · €12,500 (weighted €2,500)', { exact: true }).waitFor();
    await column(page, 'Qualified').getByText(/^0 deals/).waitFor();

    // Keyboard: arrow keys on the focused card; focus follows the card.
    await card(page, name).focus();
    await page.keyboard.press('ArrowRight');
    await waitInColumn(page, name, 'Demo scheduled');
    await poll(() => card(page, name).evaluate((el) => el === document.activeElement), { message: 'focus on the moved card' });
    await page.keyboard.press('ArrowRight');
    await waitInColumn(page, name, 'Proposal made');
    await page.keyboard.press('ArrowLeft');
    await waitInColumn(page, name, 'Demo scheduled');
    // And the move buttons.
    await page.getByRole('button', { name: 'Move Roof repair to Proposal made', exact: true }).click();
    await waitInColumn(page, name, 'Proposal made');

    await page.reload();
    await waitInColumn(page, name, 'Proposal made');
    await column(page, 'Proposal made').getByText('1 deal · €12,500 (weighted €7,500)', { exact: true }).waitFor();
  }));

test('b) a call logged on a contact shows on the contact and on the deal timeline', T, () =>
  app.run(async ({ page, url }) => {
    const contactId = await createContact(page, url, { given: 'Ada', family: 'Lovelace', email: 'ada@engine.example' });
    // A deal for this contact, from the contact page.
    await page.getByRole('link', { name: 'New deal', exact: true }).click();
    await page.getByRole('heading', { name: 'New deal', exact: true }).waitFor();
    await page.getByRole('list', { name: 'Contacts on this deal' }).getByText('Ada Lovelace').waitFor();
    await field(page, 'Title').fill('Analytical engine');
    await page.getByRole('button', { name: 'Save deal', exact: true }).click();
    await page.getByRole('heading', { name: 'Analytical engine', exact: true, level: 1 }).waitFor();
    const dealPath = pathOf(page);

    await page.getByRole('link', { name: 'Ada Lovelace', exact: true }).click();
    await waitForPath(page, new RegExp(`^/crm/contacts/${contactId}$`));
    const never = page.getByRole('definition').filter({ hasText: /^Never$/ });
    assert.equal(await never.count(), 1, 'not contacted yet');
    await page.getByRole('button', { name: 'Log call', exact: true }).click();
    const form = page.getByRole('form', { name: 'New call' });
    await form.waitFor();
    // The contact's only open deal is preselected.
    assert.equal(await select(form, 'Deal').inputValue(), dealPath.split('/').pop());
    await field(form, 'Duration (minutes)').fill('15');
    await select(form, 'Outcome').selectOption('Connected');
    await field(form, 'Subject').fill('Intro call');
    await form.getByRole('button', { name: 'Save call', exact: true }).click();
    await status(page, 'Call logged').waitFor();
    const contactTimeline = page.getByRole('list', { name: 'Activities' });
    await contactTimeline.getByText('Call: Intro call').waitFor();
    await contactTimeline.getByText(/15 min · Connected/).waitFor();
    // Last contacted is derived from the call.
    await waitGone(never);

    await openApp(page, url, dealPath.replace('/crm/', ''));
    await page.getByRole('heading', { name: 'Analytical engine', exact: true, level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Activities' }).getByText('Call: Intro call').waitFor();

    await page.reload();
    await page.getByRole('list', { name: 'Activities' }).getByText('Call: Intro call').waitFor();
    await openApp(page, url, `contacts/${contactId}`);
    await page.getByRole('list', { name: 'Activities' }).getByText('Call: Intro call').waitFor();
  }));

test('c) a task due today shows on Today and disappears when done', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'tasks');
    await page.getByRole('heading', { name: 'Tasks', exact: true, level: 1 }).waitFor();
    await field(page, 'Task').fill('Send the proposal');
    await field(page, 'Due date').fill(await browserToday(page));
    await page.getByRole('button', { name: 'Add task', exact: true }).click();
    await status(page, 'Task added').waitFor();

    const todayLink = mainNav(page).getByRole('link', { name: /^Today/ });
    await poll(async () => (await todayLink.textContent()).trim() === 'Today1', { message: 'Today count 1' });
    await todayLink.click();
    await page.getByRole('heading', { name: 'Today', exact: true, level: 1 }).waitFor();
    const due = page.getByRole('list', { name: 'Tasks due today' });
    await due.getByRole('checkbox', { name: 'Send the proposal', exact: true }).waitFor();

    await page.reload();
    // A click (not check()): the row leaves the list as soon as the task is done.
    await due.getByRole('checkbox', { name: 'Send the proposal', exact: true }).click();
    await status(page, 'Task done').waitFor();
    await waitGone(due.getByRole('checkbox', { name: 'Send the proposal', exact: true }));
    await poll(async () => (await todayLink.textContent()).trim() === 'Today', { message: 'no Today count' });

    await page.reload();
    await page.getByRole('heading', { name: 'Today', exact: true, level: 1 }).waitFor();
    await page.getByText('No tasks due today.').waitFor();
    await openApp(page, url, 'tasks');
    await select(page, 'Show').selectOption('done');
    assert.ok(await page.getByRole('checkbox', { name: 'Send the proposal', exact: true }).isChecked());
  }));

test('d) a lifecycle change appears in the history; a qualified lead converts into a deal, once', T, () =>
  app.run(async ({ page, url }) => {
    const id = await createContact(page, url, { given: 'Grace', family: 'Hopper' });
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await select(page, 'Lifecycle stage').selectOption('acquisition');
    await select(page, 'Lead status').selectOption('qualified');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, new RegExp(`^/crm/contacts/${id}$`));
    const history = page.getByRole('list', { name: 'Lifecycle stage changes' });
    await history.getByText(/^Reach → Acquisition, /).waitFor();
    await history.getByText(/^Started in Reach, /).waitFor();
    await page.reload();
    await history.getByText(/^Reach → Acquisition, /).waitFor();

    await page.getByRole('button', { name: 'Convert to deal', exact: true }).click();
    await waitForPath(page, /^\/crm\/deals\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Grace Hopper', exact: true, level: 1 }).waitFor();
    await status(page, 'Converted').waitFor();
    // Winning it moves the contact on to conversion.
    await page.getByRole('button', { name: 'Mark won', exact: true }).click();
    await status(page, 'Deal won').waitFor();
    const dealPath = pathOf(page);
    await page.getByRole('link', { name: 'Grace Hopper', exact: true }).click();
    await history.getByText(/^Acquisition → Conversion, /).waitFor();
    await page.reload();
    await history.getByText(/^Acquisition → Conversion, /).waitFor();
    // Converted: the page says so and links to the deal instead of offering
    // a second conversion; another deal can still be added under Deals.
    await page.getByText('Converted —', { exact: false }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Convert to deal' }).count(), 0);
    await page.getByRole('link', { name: 'New deal', exact: true }).waitFor();
    await page.getByRole('link', { name: 'see deal', exact: true }).click();
    await waitForPath(page, new RegExp(`^${dealPath}$`));
  }));

test('e) deleting a contact keeps its activities unlinked, and Undo brings it back', T, () =>
  app.run(async ({ page, url }) => {
    const id = await createContact(page, url, { given: 'Alan', family: 'Turing' });
    await page.getByRole('button', { name: 'Add note', exact: true }).click();
    const form = page.getByRole('form', { name: 'New note' });
    await field(form, 'Note').fill('Met at Bletchley');
    await form.getByRole('button', { name: 'Save note', exact: true }).click();
    await status(page, 'Note logged').waitFor();

    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await page.getByText('Delete Alan Turing? 1 activity will be kept and unlinked.').waitFor();
    await page.getByRole('button', { name: 'Confirm delete', exact: true }).click();
    await waitForPath(page, /^\/crm\/contacts\/?$/);
    await status(page, 'Deleted Alan Turing. 1 activity will be kept and unlinked.').waitFor();
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await status(page, 'Undone').waitFor();
    await openApp(page, url, `contacts/${id}`);
    await page.getByRole('heading', { name: 'Alan Turing', exact: true, level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Activities' }).getByText('Met at Bletchley').waitFor();
    await page.reload();
    await page.getByRole('list', { name: 'Activities' }).getByText('Met at Bletchley').waitFor();
  }));

test('f) pipeline stages are configurable: add, rename, reorder, default probability; tags get colours', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'settings');
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    const addForm = page.getByRole('form', { name: 'Add a stage' });
    await field(addForm, 'New stage name').fill('Contract sent');
    await field(addForm, 'Default probability %').fill('90');
    await addForm.getByRole('button', { name: 'Add stage', exact: true }).click();
    await status(page, 'Stage added').waitFor();
    const stages = page.getByRole('list', { name: 'Pipeline stages' });
    await stages.getByRole('textbox', { name: 'Name of stage Contract sent', exact: true }).waitFor();

    // Move it above "Negotiation", then rename it and change its probability.
    await page.getByRole('button', { name: 'Move stage Contract sent up', exact: true }).click();
    await status(page, 'Stage moved').waitFor();
    await page.getByRole('textbox', { name: 'Name of stage Contract sent', exact: true }).fill('Contract out');
    await page.getByRole('textbox', { name: 'Default probability of stage Contract sent', exact: true }).fill('85');
    await page.getByRole('button', { name: 'Save stage Contract sent', exact: true }).click();
    await status(page, 'Stage saved').waitFor();

    await page.reload();
    await stages.getByRole('textbox', { name: 'Name of stage Contract out', exact: true }).waitFor();
    const names = await stages.getByRole('textbox', { name: /^Name of stage / }).evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(names, ['Qualified', 'Contact made', 'Demo scheduled', 'Proposal made', 'Contract out', 'Negotiation']);

    // A deal entering the new stage gets its default probability.
    await createDeal(page, url, { title: 'Fence', amount: '1,000' });
    await mainNav(page).getByRole('link', { name: 'Pipeline', exact: true }).click();
    await column(page, 'Contract out').waitFor();
    await card(page, 'Fence, €1,000').dragTo(column(page, 'Contract out'));
    await waitInColumn(page, 'Fence, €1,000', 'Contract out');
    await column(page, 'Contract out').getByText('1 deal · €1,000 (weighted €850)', { exact: true }).waitFor();

    // Tag colours: a tag used on a contact can be given a colour.
    const id = await createContact(page, url, { given: 'Ida', family: 'Tagged' });
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await field(page, 'Tags').fill('vip');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, new RegExp(`^/crm/contacts/${id}$`));
    await openApp(page, url, 'settings');
    await select(page, 'Colour of tag vip').selectOption('purple');
    await status(page, 'Tag colour saved').waitFor();
    await page.reload();
    assert.equal(await select(page, 'Colour of tag vip').inputValue(), 'purple');
  }));
