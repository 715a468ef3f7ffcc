// Issue 14: real contact exports come in whole. One journey per format —
// classic Google CSV, the current Google CSV (with a BOM), a European
// Outlook export (Windows-1252, semicolons, every field quoted, CRLF), an
// Apple Contacts vCard 3.0 and a spreadsheet with separate address columns —
// each imported through the wizard and checked field by field on the
// contact page afterwards. The header lines are read from
// src/core/import/real_exports.rs, where the native tests use them too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setupApp, openApp, status, navTo, HERE } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

/** A header constant of real_exports.rs, its Rust line continuations joined. */
function header(name) {
  const source = fs.readFileSync(path.join(HERE, '../../src/core/import/real_exports.rs'), 'utf8');
  const m = source.match(new RegExp(`pub const ${name}: &str =\\s*"((?:[^"\\\\]|\\\\[\\s\\S])*)"`));
  assert.ok(m, `${name} in real_exports.rs`);
  return m[1].replace(/\\\n\s*/g, '').split(',');
}

/** One data row under `columns`: the given (header, value) pairs, every other cell empty. */
function row(columns, values) {
  const cells = columns.map(() => '');
  for (const [h, v] of Object.entries(values)) {
    const i = columns.indexOf(h);
    assert.ok(i >= 0, `column ${h}`);
    cells[i] = v;
  }
  return cells;
}

const quote = (v) => `"${v.replaceAll('"', '""')}"`;
const csv = (rows, sep = ',') => rows.map((r) => r.map((v) => (/[",;\n]/.test(v) ? quote(v) : v)).join(sep)).join('\r\n') + '\r\n';

/** Windows-1252 bytes of a text (Latin-1 plus the 0x80–0x9F punctuation). */
function cp1252(text) {
  const extra = { '€': 0x80, '‚': 0x82, '„': 0x84, '…': 0x85, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Buffer.from([...text].map((c) => extra[c] ?? (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

async function importFile(page, url, name, bytes, mimeType) {
  await openApp(page, url, 'import');
  await page.getByRole('heading', { name: 'Import contacts', exact: true, level: 1 }).waitFor();
  await page.getByLabel('Choose file to import', { exact: true }).setInputFiles({ name, mimeType, buffer: bytes });
}

/** From the mapping page to the written import. */
async function previewAndImport(page, name) {
  await page.getByRole('button', { name: 'Preview import', exact: true }).click();
  await importFromPreview(page, name);
}

async function importFromPreview(page, name) {
  await page.getByRole('heading', { name: 'Preview', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'New contacts: 1', exact: true }).waitFor();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await status(page, new RegExp(`^Imported ${name.replace('.', '\\.')}: added 1 contact`)).waitFor();
}

/** The contact page of `name`, and what each of its details says (label → texts). */
async function contactDetails(page, name) {
  await navTo(page, 'Contacts');
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { name, exact: true, level: 1 }).waitFor();
  const pairs = await page.getByRole('main').evaluate((main) =>
    [...main.querySelectorAll('dt')].map((dt) => [dt.textContent.trim(), dt.nextElementSibling?.textContent.trim() ?? '']),
  );
  const details = {};
  for (const [label, value] of pairs) (details[label] ??= []).push(value);
  const notes = (await page.locator('p.notes').count()) ? await page.locator('p.notes').innerText() : '';
  return { details, notes };
}

function expectDetails(details, expected) {
  for (const [label, values] of Object.entries(expected)) {
    assert.deepEqual(details[label], values, `${label}: ${JSON.stringify(details[label])}`);
  }
}

test('classic Google CSV: prefix, suffix, nickname, a yearless birthday, two emails in one cell, the second street line, Iceland, department; the rest in the extras', T, () =>
  app.run(async ({ page, url }) => {
    const columns = header('GOOGLE_CLASSIC');
    assert.equal(columns.length, 56);
    const values = row(columns, {
      Name: 'Dr. Jane Roe PhD', 'Given Name': 'Jane', 'Family Name': 'Roe', 'Name Prefix': 'Dr.', 'Name Suffix': 'PhD',
      Nickname: 'Janie', Birthday: '--03-07', Occupation: 'Engineer', Notes: 'Met at the Expo.\nLikes tea.',
      'Group Membership': '* myContacts ::: Friends', 'E-mail 1 - Type': '* Work',
      'E-mail 1 - Value': 'jane@acme.example ::: j.roe@acme.example', 'Phone 1 - Type': 'Mobile', 'Phone 1 - Value': '+354 555 1234',
      'Address 1 - Type': 'Home', 'Address 1 - Formatted': 'Laugavegur 1\nFlat 3\n101 Reykjavík\nIceland',
      'Address 1 - Street': 'Laugavegur 1', 'Address 1 - Extended Address': 'Flat 3', 'Address 1 - City': 'Reykjavík',
      'Address 1 - Postal Code': '101', 'Address 1 - Country': 'Iceland', 'Organization 1 - Name': 'Acme hf.',
      'Organization 1 - Title': 'CTO', 'Organization 1 - Department': 'Research', 'Website 1 - Value': 'https://jane.example',
    });
    await importFile(page, url, 'google.csv', Buffer.from(csv([columns, values]), 'utf8'), 'text/csv');
    // The mapping page hides the columns that are empty in every row.
    await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    await page.getByText(/^\d+ empty columns are hidden/).first().waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Import column Yomi Name as', exact: true }).count(), 0);
    await previewAndImport(page, 'google.csv');
    const { details, notes } = await contactDetails(page, 'Jane Roe');
    expectDetails(details, {
      'Name prefix': ['Dr.'], 'Name suffix': ['PhD'], Nickname: ['Janie'], 'Job title': ['CTO'], Department: ['Research'],
      Company: ['Acme hf.'], Birthday: ['7 March'],
    });
    assert.deepEqual(details['Email (Work)'], ['jane@acme.example', 'j.roe@acme.example']);
    assert.equal(details['Address (Home)'].length, 1);
    assert.match(details['Address (Home)'][0], /^Laugavegur 1, Flat 3, 101, Reykjavík, (IS|Iceland)$/);
    assert.match(notes, /^Met at the Expo\.\nLikes tea\.\n\nImported extras:\n/);
    assert.match(notes, /Occupation: Engineer/);
    assert.match(notes, /Website 1 - Value: https:\/\/jane\.example/);
  }));

test('current Google CSV with a BOM: middle name, an event as an important date, the formatted address block, labels as tags', T, () =>
  app.run(async ({ page, url }) => {
    const columns = header('GOOGLE_CURRENT');
    const values = row(columns, {
      'First Name': 'Ann', 'Middle Name': 'Maria', 'Last Name': 'Visser', 'Organization Name': 'Gracht BV',
      'Organization Title': 'Skipper', Birthday: '1984-03-07', Labels: '* myContacts ::: * starred ::: Crew',
      'E-mail 1 - Label': '* Other', 'E-mail 1 - Value': 'ann@gracht.example', 'Phone 1 - Label': 'Work',
      'Phone 1 - Value': '+31 20 555 0001', 'Address 1 - Label': 'Work', 'Address 1 - Formatted': 'Damrak 1\n1012 LG Amsterdam\nNetherlands',
      'Event 1 - Label': 'Anniversary', 'Event 1 - Value': '--06-21', 'Custom Field 1 - Label': 'Boat', 'Custom Field 1 - Value': 'Zeemeeuw',
    });
    await importFile(page, url, 'contacts.csv', Buffer.from('\ufeff' + csv([columns, values]), 'utf8'), 'text/csv');
    await previewAndImport(page, 'contacts.csv');
    const { details, notes } = await contactDetails(page, 'Ann Maria Visser');
    expectDetails(details, { Company: ['Gracht BV'], 'Job title': ['Skipper'], Anniversary: ['21 June'], 'Email (Other)': ['ann@gracht.example'] });
    assert.match(details.Birthday[0], /1984/);
    assert.match(details['Address (Work)'][0], /^Damrak 1, 1012 LG, Amsterdam, (NL|Netherlands)$/);
    assert.deepEqual(details.Tags.length, 1);
    assert.match(details.Tags[0], /starred/);
    assert.match(details.Tags[0], /Crew/);
    assert.match(notes, /Custom Field 1 - Label: Boat/);
    assert.match(notes, /Custom Field 1 - Value: Zeemeeuw/);
  }));

test('European Outlook export (Windows-1252, semicolons, all quoted): the empty date marker, Anniversary, two addresses, an unknown country kept as written', T, () =>
  app.run(async ({ page, url }) => {
    const columns = header('OUTLOOK');
    assert.equal(columns.length, 92);
    const values = row(columns, {
      Title: 'Herr', 'First Name': 'Jörg', 'Last Name': 'Müller', Suffix: 'Jr.', Company: 'Müller & Söhne GmbH',
      Department: 'Einkauf', 'Job Title': 'Leiter', 'Business Street': 'Hauptstraße 12', 'Business Street 2': 'Hinterhaus',
      'Business City': 'Berlin', 'Business Postal Code': '10115', 'Business Country/Region': 'Deutschland',
      'Home Street': 'Rue 1', 'Home City': 'Atlantis', 'Home Country/Region': 'Atlantis',
      'Mobile Phone': '0171 1234567', Anniversary: '21.06.2001', Birthday: '0.0.00', Categories: 'Kunden;VIP',
      'E-mail Address': 'joerg@mueller.example', 'E-mail Type': 'SMTP', Notes: 'Rechnung über 1.200 € – „dringend“',
      Priority: 'Normal', Private: 'False', Sensitivity: 'Normal', 'Web Page': 'www.mueller.example',
    });
    const text = [columns, values].map((r) => r.map(quote).join(';')).join('\r\n') + '\r\n';
    await importFile(page, url, 'outlook.csv', cp1252(text), 'text/csv');
    await previewAndImport(page, 'outlook.csv');
    const { details, notes } = await contactDetails(page, 'Jörg Müller');
    expectDetails(details, {
      'Name prefix': ['Herr'], 'Name suffix': ['Jr.'], Department: ['Einkauf'], 'Job title': ['Leiter'],
      Company: ['Müller & Söhne GmbH'], Anniversary: ['21 June 2001'], 'Email (Work)': ['joerg@mueller.example'],
    });
    assert.equal(details.Birthday, undefined, '0.0.00 is no birthday');
    assert.match(details['Address (Work)'][0], /^Hauptstraße 12, Hinterhaus, 10115, Berlin, (DE|Germany)$/);
    assert.match(details['Address (Home)'][0], /^Rue 1, Atlantis, Atlantis/, 'the unknown country is kept as written');
    assert.match(details['Phone (Mobile)'][0], /171/);
    assert.match(notes, /^Rechnung über 1\.200 € – „dringend“/, 'Windows-1252 read as such');
    assert.match(notes, /Web Page: www\.mueller\.example/);
    assert.doesNotMatch(notes, /Sensitivity|Private: False/, "Outlook's quiet defaults are not kept");
  }));

test('Apple Contacts vCard 3.0: X-APPLE-OMIT-YEAR birthday, labelled dates, the second street line and X-ABADR country; one card counted as one', T, () =>
  app.run(async ({ page, url }) => {
    const card = [
      'BEGIN:VCARD', 'VERSION:3.0', 'PRODID:-//Apple Inc.//macOS 14.4//EN', 'N:Jónsdóttir;Sigríður;Anna;Dr.;',
      'FN:Dr. Sigríður Anna Jónsdóttir', 'NICKNAME:Sigga', 'ORG:Fjord ehf.;Research', 'TITLE:Skipper',
      'EMAIL;type=INTERNET;type=WORK;type=pref:sigga@fjord.example', 'TEL;type=CELL;type=VOICE;type=pref:+354 555 0001',
      'item2.ADR;type=HOME;type=pref:;;Laugavegur 1\\nFlat 3;Reykjavík;;101;Ísland', 'item2.X-ABADR:is',
      'BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-07', 'item3.X-ABDATE;type=pref:2001-06-21', 'item3.X-ABLabel:_$!<Anniversary>!$_',
      'item4.X-ABDATE;X-APPLE-OMIT-YEAR=1604:1604-09-01', 'item4.X-ABLabel:Name day',
      'item6.X-ABRELATEDNAMES:Jón', 'item6.X-ABLabel:_$!<Spouse>!$_', 'NOTE:Met at the harbour.', 'CATEGORIES:Crew', 'END:VCARD',
    ].join('\r\n') + '\r\n';
    await importFile(page, url, 'apple.vcf', Buffer.from(card, 'utf8'), 'text/vcard');
    await page.getByText('1 card read. Nothing has been written yet.', { exact: true }).waitFor();
    await importFromPreview(page, 'apple.vcf');
    const { details, notes } = await contactDetails(page, 'Sigríður Anna Jónsdóttir');
    expectDetails(details, {
      'Name prefix': ['Dr.'], Nickname: ['Sigga'], Company: ['Fjord ehf.'], Department: ['Research'], 'Job title': ['Skipper'],
      Birthday: ['7 March'], Anniversary: ['21 June 2001'], 'Name day': ['1 September'],
    });
    assert.match(details['Address (Home)'][0], /^Laugavegur 1, Flat 3, 101, Reykjavík, (IS|Iceland)$/);
    assert.match(notes, /^Met at the harbour\.\n\nImported extras:\n/);
    assert.match(notes, /Jón/);
  }));

test('separate address columns (street_number, address_1, address_2, suburb, state, postcode): one whole address', T, () =>
  app.run(async ({ page, url }) => {
    const columns = header('SEPARATE_ADDRESS');
    const values = row(columns, {
      first_name: 'Mia', last_name: 'Nguyen', email: 'mia@harbour.example', phone: '0412 345 678', company: 'Harbour Pty Ltd',
      street_number: '42', address_1: 'George St', address_2: 'Unit 3', suburb: 'The Rocks', state: 'NSW', postcode: '2000', country: 'Australia',
    });
    await importFile(page, url, 'people.csv', Buffer.from(csv([columns, values]), 'utf8'), 'text/csv');
    await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    // Nothing with data is left unmapped.
    assert.equal(await page.getByText(/columns? with data will not be imported/).count(), 0);
    await page.getByRole('button', { name: 'Preview import', exact: true }).click();
    // The preview shows what will be stored, part by part, before anything is written.
    const mia = page.getByRole('region', { name: 'New contacts', exact: true }).getByRole('row').filter({ hasText: 'Mia Nguyen' });
    await mia.getByText('What will be stored', { exact: true }).click();
    const stored = await mia.locator('dl').evaluate((dl) =>
      Object.fromEntries([...dl.querySelectorAll('dt')].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])),
    );
    assert.equal(stored['Street (Work)'], '42 George St');
    assert.equal(stored['Street line 2 (Work)'], 'Unit 3');
    assert.equal(stored['City (Work)'], 'The Rocks');
    assert.equal(stored['Region (Work)'], 'NSW');
    assert.equal(stored['Postcode (Work)'], '2000');
    assert.equal(stored['Country (Work)'], 'AU');
    await importFromPreview(page, 'people.csv');
    const { details, notes } = await contactDetails(page, 'Mia Nguyen');
    assert.equal(Object.keys(details).filter((k) => k.startsWith('Address')).length, 1, 'one address, not two');
    const [address] = Object.entries(details).find(([k]) => k.startsWith('Address'))[1];
    assert.match(address, /^42 George St, Unit 3, 2000, The Rocks, NSW, (AU|Australia)$/);
    expectDetails(details, { Company: ['Harbour Pty Ltd'] });
    assert.equal(notes, '', 'nothing went to the extras');
  }));

test('a column with data set to "Don\'t import" is named before the import, and only then is it left out', T, () =>
  app.run(async ({ page, url }) => {
    const text = 'Name,Email,Shoe size\r\nZed Zee,zed@example.org,44\r\n';
    await importFile(page, url, 'shoes.csv', Buffer.from(text, 'utf8'), 'text/csv');
    await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    // By default an unknown column is kept in the extras.
    assert.equal(await page.getByText(/columns? with data will not be imported/).count(), 0);
    await page.getByRole('combobox', { name: 'Import column Shoe size as', exact: true }).selectOption({ label: "Don't import" });
    await page.getByText(/1 column with data will not be imported: .*Shoe size/).first().waitFor();
    await previewAndImport(page, 'shoes.csv');
    const { notes } = await contactDetails(page, 'Zed Zee');
    assert.doesNotMatch(notes, /44/);
  }));

test('dates such as 3/2/1984 that nothing in the file settles: the mapping page asks for the order, and the preview shows the date it will store', T, () =>
  app.run(async ({ page, url }) => {
    const text = 'Name,Email,Birthday\r\nAnn Ambiguous,ann@example.org,3/2/1984\r\nBo Settled,bo@example.org,\r\n';
    await importFile(page, url, 'dates.csv', Buffer.from(text, 'utf8'), 'text/csv');
    await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    const order = page.getByRole('combobox', { name: 'Dates such as 3/2/1984 are', exact: true });
    assert.equal(await order.evaluate((el) => el.selectedOptions[0].text), 'Not chosen (such dates go to the imported extras)');
    await order.selectOption({ label: 'Day first: 3/2/1984 is 3 February 1984' });
    await page.getByRole('button', { name: 'Preview import', exact: true }).click();
    await page.getByRole('heading', { name: 'New contacts: 2', exact: true }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Ann Ambiguous' });
    await row.getByText('What will be stored', { exact: true }).click();
    await row.getByRole('definition').filter({ hasText: '3 February 1984' }).waitFor();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page, /^Imported dates\.csv: added 2 contacts/).waitFor();
    const { details } = await contactDetails(page, 'Ann Ambiguous');
    assert.deepEqual(details.Birthday, ['3 February 1984']);

    // A file whose dates settle the order (25/12/1990 is day first) does not ask.
    const settled = 'Name,Birthday\r\nCy,3/2/1984\r\nDi,25/12/1990\r\n';
    await importFile(page, url, 'settled.csv', Buffer.from(settled, 'utf8'), 'text/csv');
    await page.getByRole('heading', { name: 'Columns', exact: true }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Dates such as 3/2/1984 are', exact: true }).count(), 0);
  }));
