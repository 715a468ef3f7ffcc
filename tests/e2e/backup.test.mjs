// Backup: export, import into a fresh browser, and refusal of bad files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BACKUP_FORMAT,
  setupApp,
  openApp,
  select,
  navTo,
  createContact,
  status,
  alert,
  waitForCount,
  parseCount,
  COUNT_RE,
  exportBackup,
  chooseBackupFile,
  checkBackup,
  payloadText,
  sha256hex,
  BACKUP_NAME_RE,
} from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

function assertTodayish(filename) {
  const m = BACKUP_NAME_RE.exec(filename);
  assert.ok(m, `download name ${JSON.stringify(filename)} is like crm-backup-YYYY-MM-DD.json`);
  const day = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  assert.ok(Math.abs(Date.now() - day) < 2 * 86_400_000, `the date in ${filename} is today`);
}

async function expectRejected(page, name, text, message) {
  await chooseBackupFile(page, name, text);
  await alert(page, message).waitFor();
  assert.equal(
    await page.getByRole('button', { name: 'Import', exact: true }).count(),
    0,
    `no Import button for ${name}`,
  );
  assert.equal(
    await page.getByRole('heading', { name: 'Import preview', exact: true }).count(),
    0,
    `no preview for ${name}`,
  );
}

test('c) a backup exported from one browser imports into a fresh one with the same data', T, () =>
  app.run(async ({ page, newPage, url }) => {
    // Browser 1: demo data.
    await openApp(page, url);
    await page.getByRole('heading', { name: 'No contacts yet', exact: true }).waitFor();
    await select(page, 'Demo size').selectOption('100');
    await page.getByRole('button', { name: 'Load demo data', exact: true }).click();
    // With data, the landing page is the dashboard.
    await page.getByRole('heading', { name: 'Dashboard', exact: true, level: 1 }).waitFor();
    await navTo(page, 'Contacts');
    const count1 = await waitForCount(page, (t) => COUNT_RE.test(t) && parseCount(t) >= 100, 60_000);

    await navTo(page, 'Backup');
    const first = await exportBackup(page);
    assertTodayish(first.filename);
    const backup1 = checkBackup(first.text);
    assert.equal(backup1.header.counts.contacts, parseCount(count1), 'the file has every contact');
    assert.ok(backup1.header.counts.companies > 0, 'demo data has companies');

    // Browser 2: a fresh profile, empty database.
    const page2 = await newPage();
    await openApp(page2, url, 'backup');
    await page2.getByRole('heading', { name: 'Backup', exact: true, level: 1 }).waitFor();
    await chooseBackupFile(page2, first.filename, first.text);
    await page2.getByRole('heading', { name: 'Import preview', exact: true }).waitFor();
    // The preview shows how many records the file holds.
    const n = backup1.header.counts.contacts;
    const number = [...new Set([String(n), n.toLocaleString('en-US')])].join('|');
    await page2.getByText(new RegExp(`(^|\\D)(${number})(\\D|$)`)).first().waitFor();
    await page2.getByRole('radio', { name: 'Replace all data', exact: true }).check();
    await page2.getByRole('radio', { name: 'Merge (newer wins)', exact: true }).waitFor();
    await page2.getByRole('button', { name: 'Import', exact: true }).click();
    // The message names every kind of record the file held, not only
    // contacts and companies.
    const c = backup1.header.counts;
    const of = (n, one, many) => (n === 0 ? `no ${many}` : `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`);
    const imported =
      `Imported ${of(c.contacts, 'contact', 'contacts')}, ${of(c.companies, 'company', 'companies')}, ` +
      `${of(c.deals, 'deal', 'deals')}, ${of(c.activities, 'activity', 'activities')} and ${of(c.tasks, 'task', 'tasks')} ` +
      `from ${first.filename}`;
    assert.ok(c.deals > 0 && c.activities > 0, 'the demo backup holds deals and activities');
    await page2.getByRole('status').filter({ hasText: imported }).waitFor({ timeout: 60_000 });

    await navTo(page2, 'Contacts');
    const count2 = await waitForCount(page2, count1);
    assert.equal(count2, count1);

    // Exporting again from browser 2 gives the very same payload.
    await navTo(page2, 'Backup');
    const second = await exportBackup(page2);
    const backup2 = checkBackup(second.text);
    assert.equal(backup2.header.payload_sha256, backup1.header.payload_sha256, 'payload_sha256');
    assert.deepEqual(backup2.header.counts, backup1.header.counts, 'counts');
    assert.ok(backup2.payloadText === backup1.payloadText, 'the payload text is byte-identical');
    assert.equal(
      second.text.slice(second.text.indexOf('"payload":')),
      first.text.slice(first.text.indexOf('"payload":')),
    );
  }));

test('d) corrupt or foreign files are refused and leave the data unchanged', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Ada', family: 'Lovelace', email: 'ada@example.com' });
    await navTo(page, 'Backup');
    const good = await exportBackup(page);
    checkBackup(good.text);

    // 1. Not JSON at all.
    await expectRejected(page, 'garbage.json', 'not json {', /not valid JSON/i);

    // 2. A real export whose payload was changed after the checksum was made.
    const payload = payloadText(good.text);
    assert.ok(payload.includes('"Lovelace"'));
    const tampered = good.text.replace(payload, payload.replace('"Lovelace"', '"Lovelacf"'));
    assert.notEqual(tampered, good.text);
    assert.notEqual(sha256hex(payloadText(tampered)), JSON.parse(tampered).payload_sha256);
    await expectRejected(page, 'tampered.json', tampered, /checksum/i);

    // 3. JSON, but not a backup.
    await expectRejected(page, 'other.json', '{"hello":1}', /not a CRM backup/i);

    // Nothing changed.
    await navTo(page, 'Contacts');
    await waitForCount(page, '1 contact');
    await page.getByRole('link', { name: 'Ada Lovelace', exact: true }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Ada Lovelacf', exact: true }).count(), 0);
  }));

test('d2) a file from a newer format version is refused', T, () =>
  app.run(async ({ page, url }) => {
    await createContact(page, url, { given: 'Ada', family: 'Lovelace' });
    await navTo(page, 'Backup');
    const good = await exportBackup(page);
    const newer = good.text.replace(`"format_version":${BACKUP_FORMAT}`, `"format_version":${BACKUP_FORMAT + 1}`);
    assert.notEqual(newer, good.text);
    await expectRejected(page, 'newer.json', newer, /newer version/i);
  }));
