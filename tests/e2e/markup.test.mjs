// Markup that a file smuggles into text fields shows as text and never runs
// (issue 12): every text field of a CSV, a vCard and a backup file carries
// an <img onerror> and a <script>; the list, the contact and company pages,
// the timeline, the activity log and search show them literally, nothing
// becomes an element, and a `javascript:` website never becomes a link.
// Messages quote at most about 80 characters of a rejected value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, navTo, mainNav, status, field, alert, select, waitForCount, chooseBackupFile, exportBackup, checkBackup } from './helpers.mjs';
import { makeBackupText, uuid } from './durability-helpers.mjs';

const app = setupApp();
const T = { timeout: 240_000 };

// Upper and lower case, so the importers' name casing ("ada" → "Ada") keeps them as typed.
const IMG = '<IMG src=x onerror="window.__pwned=1">';
const SCRIPT = '<SCRIPT>window.__pwned=1</SCRIPT>';
const JS_URL = 'javascript:window.__pwned=1';
const AT = '2026-11-20T10:00:00Z';

/** A CSV cell, quoted. */
const cell = (v) => `"${v.replaceAll('"', '""')}"`;

const CSV = [
  ['Given Name', 'Family Name', 'Notes', 'Organization 1 - Name', 'Organization 1 - Title', 'Labels', 'Website', 'E-mail 1 - Value'],
  [IMG, `${SCRIPT} csv`, `${IMG} ${SCRIPT}`, `${SCRIPT} CSV Org`, IMG, IMG, JS_URL, 'csv@example.org'],
]
  .map((row) => row.map(cell).join(','))
  .join('\r\n');

const VCF = [
  'BEGIN:VCARD',
  'VERSION:3.0',
  `N:${SCRIPT} vcard;${IMG};;;`,
  `FN:${IMG} ${SCRIPT} vcard`,
  `ORG:${SCRIPT} vCard Org`,
  `TITLE:${IMG}`,
  `NOTE:${IMG} ${SCRIPT}`,
  `CATEGORIES:${SCRIPT}`,
  `URL:${JS_URL}`,
  'EMAIL;TYPE=WORK:vcard@example.org',
  'END:VCARD',
  '',
].join('\r\n');

const COMPANY = uuid(1, 'd');
const CONTACT = uuid(2, 'e');
const BACKUP = makeBackupText({
  companies: [
    { id: COMPANY, name: `${SCRIPT} Backup Org`, industry: IMG, notes: `${IMG} ${SCRIPT}`, tags: [IMG], created: AT, updated: AT },
  ],
  contacts: [
    {
      id: CONTACT,
      given_name: IMG,
      family_name: `${SCRIPT} backup`,
      emails: [{ kind: 'work', address: 'backup@example.org' }],
      job_title: IMG,
      company_id: COMPANY,
      tags: [SCRIPT],
      source: IMG,
      notes: `${IMG}\n${SCRIPT}`,
      created: AT,
      updated: AT,
    },
  ],
  activities: [
    {
      id: uuid(3, 'f'),
      kind: 'call',
      at: AT,
      duration_min: 5,
      outcome: SCRIPT,
      subject: IMG,
      body: `${SCRIPT} ${IMG}`,
      contact_ids: [CONTACT],
      company_id: COMPANY,
      created: AT,
      updated: AT,
    },
  ],
});

/**
 * Nothing ran and nothing became an element: no `window.__pwned`, no
 * `<img src=x>`, no element with an `onerror`, no script mentioning
 * `__pwned`, no `javascript:` link anywhere on the page.
 */
async function assertInert(page, where) {
  const found = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: document.querySelectorAll('img[src="x"], [onerror]').length,
    scripts: [...document.scripts].filter((s) => s.text.includes('__pwned')).length,
    jsLinks: [...document.querySelectorAll('a[href]')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href'))).length,
  }));
  assert.deepEqual(found, { pwned: undefined, imgs: 0, scripts: 0, jsLinks: 0 }, `inert on ${where}`);
}

/** The contact page of the contact whose family name ends in `source`. */
async function openContact(page, source) {
  await navTo(page, 'Contacts');
  await page.getByRole('link', { name: `${IMG} ${SCRIPT} ${source}`, exact: true }).click();
  await page.getByRole('heading', { name: `${IMG} ${SCRIPT} ${source}`, exact: true, level: 1 }).waitFor();
}

test('markup in every text field of a CSV, a vCard and a backup shows as text and never runs', T, () =>
  app.run(async ({ page, url }) => {
    // The backup (companies, contacts, activities with every text field).
    await openApp(page, url, 'backup');
    await chooseBackupFile(page, 'markup.json', BACKUP);
    await page.getByRole('heading', { name: 'Import preview', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page, 'Imported 1 contact').waitFor();
    await assertInert(page, 'the backup preview');

    // The CSV, through the mapping and the preview.
    await mainNav(page).getByRole('link', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Import contacts', exact: true, level: 1 }).waitFor();
    await page.getByLabel('Choose file to import', { exact: true }).setInputFiles({
      name: 'markup.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV, 'utf8'),
    });
    await page.getByRole('button', { name: 'Preview import', exact: true }).click();
    await page.getByRole('heading', { name: 'Preview', exact: true }).waitFor();
    // A contact's website has no field of its own: it is kept, as text, in the imported extras.
    const invalid = select(page, 'What to do with invalid rows');
    if (await invalid.count()) await invalid.selectOption({ label: 'Create new contacts' });
    await assertInert(page, 'the CSV preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page, 'Imported markup.csv: added 1 contact').waitFor();

    // The vCard, straight to the preview.
    await page.getByLabel('Choose file to import', { exact: true }).setInputFiles({
      name: 'markup.vcf',
      mimeType: 'text/vcard',
      buffer: Buffer.from(VCF, 'utf8'),
    });
    await page.getByRole('heading', { name: 'New contacts: 1', exact: true }).waitFor();
    await assertInert(page, 'the vCard preview');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page, 'Imported markup.vcf: added 1 contact').waitFor();

    // The list: three contacts, their names as text.
    await navTo(page, 'Contacts');
    await waitForCount(page, '3 contacts');
    for (const source of ['csv', 'vcard', 'backup']) {
      await page.getByRole('link', { name: `${IMG} ${SCRIPT} ${source}`, exact: true }).waitFor();
    }
    await assertInert(page, 'the contact list');

    // Search finds them by the markup's text.
    await page.getByRole('searchbox', { name: 'Search contacts', exact: true }).fill('onerror');
    await waitForCount(page, '3 contacts');
    await page.getByRole('searchbox', { name: 'Search contacts', exact: true }).fill('<script>');
    await waitForCount(page, '3 contacts');
    await assertInert(page, 'search');

    // Each contact's page: name, notes, job title, tags, company as text.
    for (const source of ['csv', 'vcard', 'backup']) {
      await openContact(page, source);
      const main = page.getByRole('main');
      await main.getByText(`${SCRIPT} ${source === 'vcard' ? 'vCard' : source === 'csv' ? 'CSV' : 'Backup'} Org`).first().waitFor();
      await main.getByText(IMG).first().waitFor();
      await main.getByText(SCRIPT).first().waitFor();
      if (source === 'csv') {
        // The javascript: website is in the notes as text, never a link.
        await main.getByText(JS_URL).first().waitFor();
        assert.equal(await main.getByRole('link', { name: /javascript/i }).count(), 0);
      }
      await assertInert(page, `the ${source} contact's page`);
    }

    // The backup contact's timeline: the call's subject, outcome and body.
    await openContact(page, 'backup');
    await page.getByText(`${SCRIPT} ${IMG}`).first().waitFor();
    await assertInert(page, 'the timeline');

    // The company page (name, industry, notes, tags, people).
    await navTo(page, 'Companies');
    await page.getByRole('link', { name: `${SCRIPT} Backup Org`, exact: true }).click();
    await page.getByRole('heading', { name: `${SCRIPT} Backup Org`, exact: true, level: 1 }).waitFor();
    await page.getByText(`${IMG} ${SCRIPT}`).first().waitFor();
    await page.getByRole('link', { name: `${IMG} ${SCRIPT} backup`, exact: true }).waitFor();
    await assertInert(page, 'the company page');
    // The CSV's company got no domain from a javascript: website, so no link at all.
    await navTo(page, 'Companies');
    await page.getByRole('link', { name: `${SCRIPT} CSV Org`, exact: true }).click();
    await page.getByRole('heading', { name: `${SCRIPT} CSV Org`, exact: true, level: 1 }).waitFor();
    assert.equal(await page.getByRole('link', { name: /javascript/i }).count(), 0);
    await assertInert(page, 'the CSV company page');

    // The activity log.
    await navTo(page, 'Activities');
    await page.getByText(IMG).first().waitFor();
    await assertInert(page, 'the activity log');
  }));

test('a message quotes at most about 80 characters of a rejected value', T, () =>
  app.run(async ({ page, url }) => {
    const huge = 'X'.repeat(1_048_576);
    // A backup whose contact has a 1 MB name.
    const file = makeBackupText({
      contacts: [{ id: uuid(1, 'a'), given_name: huge, created: AT, updated: AT }],
    });
    await openApp(page, url, 'backup');
    await chooseBackupFile(page, 'huge.json', file);
    const refused = page.getByRole('alert').filter({ hasText: /XXXX/ });
    await refused.waitFor();
    const text = await refused.textContent();
    assert.ok(text.includes(`"${'X'.repeat(80)}…"`), `the name is quoted cut to 80 characters: ${text.slice(0, 300)}`);
    assert.ok(text.length < 400, `the alert is ${text.length} characters: ${text.slice(0, 300)}`);
    assert.equal(await page.getByRole('heading', { name: 'Import preview', exact: true }).count(), 0);

    // A CSV row with a 1 MB name: what the page says about it stays short.
    await openApp(page, url, 'import');
    await page.getByRole('heading', { name: 'Import contacts', exact: true, level: 1 }).waitFor();
    await page.getByLabel('Choose file to import', { exact: true }).setInputFiles({
      name: 'huge.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`Given Name,Family Name,E-mail 1 - Value\r\nHuge,${huge},huge@example.org\r\n`, 'utf8'),
    });
    await page.getByRole('button', { name: 'Preview import', exact: true }).click();
    await page.getByRole('heading', { name: 'Preview', exact: true }).waitFor();
    // A value problem is not a row problem: the row is a new contact, the
    // name goes to the imported extras, and the note says so in 80 characters.
    await page
      .getByRole('region', { name: 'New contacts', exact: true })
      .getByText(`Family Name: "${'X'.repeat(80)}…" is longer than 200 characters, too long for the field; it is kept in the imported extras`)
      .waitFor();
    const shown = await page.getByRole('main').innerText();
    assert.ok(!shown.includes('X'.repeat(81)), 'the page never repeats more than 80 characters of the name');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page, 'Imported huge.csv: added 1 contact').waitFor();
    await navTo(page, 'Backup');
    const { payload } = checkBackup((await exportBackup(page)).text);
    assert.equal(payload.contacts.length, 1);
    const [made] = payload.contacts;
    assert.equal(made.given_name, 'Huge');
    assert.equal(made.family_name, undefined, 'the over-long name is not the family name');
    assert.ok(made.notes.includes('X'.repeat(1000)), 'the name is kept in the imported extras');
    assert.ok(made.notes.length <= 20_000, `the notes stay within their limit: ${made.notes.length}`);

    // The form: a 1 MB family name is refused with a short message.
    await openApp(page, url, 'contacts/new');
    await page.getByRole('heading', { name: 'New contact', exact: true }).waitFor();
    await field(page, 'Given name').fill('Huge');
    await field(page, 'Family name').fill(huge);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await alert(page, 'Please fix 1 field before saving.').waitFor();
    await page.getByText('Use at most 200 characters', { exact: true }).waitFor();
    for (const t of await page.getByRole('alert').allTextContents()) {
      assert.ok(t.length < 400, `a message of ${t.length} characters: ${t.slice(0, 300)}`);
    }
  }));
