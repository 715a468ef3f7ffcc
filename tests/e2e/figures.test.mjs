// Right to the cent, clear to a person (issue 15): one time and one zone on
// every screen, and counts with their nouns in the singular and plural.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  setupApp,
  openApp,
  createContact,
  field,
  select,
  status,
  waitForPath,
  downloadOf,
  exportBackup,
  navTo,
} from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };
const ZONE = 'Europe/Berlin';

/** `date` as the app writes a local time in English: "29 Mar 2026, 10:00". */
function localText(date, timeZone = ZONE) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`;
}

test('a) times are local on every screen, with the zone on hover, and UTC only in files', T, () =>
  app.run(async ({ newPage, url }) => {
    const page = await newPage({ timezoneId: ZONE });
    await createContact(page, url, { given: 'Ada', family: 'Lovelace' });
    // Added, Updated and the lifecycle history: local times, no "UTC".
    const main = page.getByRole('main');
    const zoned = main.getByTitle(/ \(Europe\/Berlin, UTC\+0[12]:00\)$/);
    await zoned.first().waitFor();
    assert.ok((await zoned.count()) >= 3, 'Added, Updated and the first stage change show zoned times');
    for (const t of await zoned.all()) {
      const [text, title, at] = [await t.textContent(), await t.getAttribute('title'), await t.getAttribute('datetime')];
      assert.equal(text, localText(new Date(at)), `the local time of ${at}`);
      assert.ok(title.startsWith(`${text} (${ZONE}, UTC+`), `hover text ${title}`);
    }
    assert.equal(await main.getByText(/UTC/).count(), 0, 'no UTC text on the page');

    // A call on the day the clocks go forward and one the day before: each
    // shows the local time typed, with the offset it had.
    for (const [when, subject, offset] of [
      ['2026-03-29T10:00', 'After the change', '+02:00'],
      ['2026-03-28T10:00', 'Before the change', '+01:00'],
    ]) {
      await page.getByRole('button', { name: 'Log call', exact: true }).click();
      const form = page.getByRole('form', { name: 'New call' });
      await field(form, 'When').fill(when);
      await field(form, 'Subject').fill(subject);
      await form.getByRole('button', { name: 'Save call', exact: true }).click();
      await status(page, 'Call logged').waitFor();
      const day = when.slice(8, 10);
      const shown = `${day} Mar 2026, 10:00`;
      const entry = page.getByRole('list', { name: 'Activities' }).getByRole('listitem').filter({ hasText: subject });
      await entry.getByText(shown, { exact: true }).waitFor();
      assert.equal(await entry.getByTitle(`${shown} (${ZONE}, UTC${offset})`).count(), 1);
    }

    // The activities list shows the same, and its CSV names the zone.
    await navTo(page, 'Activities');
    await page.getByRole('list', { name: /^Activities/ }).getByText('29 Mar 2026, 10:00', { exact: true }).waitFor();
    const csv = await downloadOf(page, page.getByRole('button', { name: 'Export CSV', exact: true }));
    const lines = csv.bytes.toString('utf8').replace(/^\uFEFF/, '').split('\r\n');
    assert.equal(lines[0], `When (${ZONE}),Kind,Subject,With`);
    assert.ok(lines.includes('2026-03-29 10:00,Call,After the change,Ada Lovelace'), lines.join('\n'));
    assert.ok(lines.includes('2026-03-28 10:00,Call,Before the change,Ada Lovelace'), lines.join('\n'));

    // In the backup file the same calls are UTC.
    await navTo(page, 'Backup');
    const backup = JSON.parse((await exportBackup(page)).text);
    const at = backup.payload.activities.map((a) => a.at).sort();
    assert.deepEqual(at, ['2026-03-28T09:00:00Z', '2026-03-29T08:00:00Z']);
  }));

test('b) counts agree with their nouns: one open deal, one item, converted once', T, () =>
  app.run(async ({ page, url }) => {
    const id = await createContact(page, url, { given: 'Grace', family: 'Hopper' });
    await page.getByRole('button', { name: 'Edit', exact: true }).click();
    await select(page, 'Lead status').selectOption('qualified');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForPath(page, new RegExp(`^/crm/contacts/${id}$`));
    await page.getByRole('button', { name: 'Convert to deal', exact: true }).click();
    await waitForPath(page, /^\/crm\/deals\/[0-9a-f-]{36}$/);
    // The dashboard: "1 open deal", not "1 open deals".
    await openApp(page, url);
    const tiles = page.getByRole('list', { name: 'Key figures' });
    const open = tiles.getByRole('link', { name: /^Open pipeline/ });
    await open.getByText('1 open deal', { exact: true }).waitFor();
    await tiles.getByRole('link', { name: /^Forecast this month/ }).waitFor();
    assert.doesNotMatch(await tiles.textContent(), /\b1 deals\b|\b1 open deals\b/);
    // The deals list counts it in the singular too.
    await openApp(page, url, 'deals');
    await page.getByText('1 deal', { exact: true }).waitFor();
    // The converted lead offers its deal, not a second conversion.
    await openApp(page, url, `contacts/${id}`);
    await page.getByRole('link', { name: 'see deal', exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Convert to deal' }).count(), 0);
  }));
