// Never the only copy (issue 12): encrypted backups (export, import in a
// fresh browser with the right passphrase, refusal of a wrong one, a damaged
// file, an unknown key derivation or version; the native command decrypts
// what the app encrypted, and the app opens what the native command
// encrypted), the reminder to back up with its one-click
// download, and Settings → Storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  setupApp,
  openApp,
  select,
  navTo,
  createContact,
  status,
  alert,
  field,
  waitForCount,
  exportBackup,
  checkBackup,
  downloadOf,
  sha256hex,
  payloadText,
  mainNav,
} from './helpers.mjs';
import { backupCryptBinary, nativeRequired } from './durability-helpers.mjs';

const app = setupApp();
const T = { timeout: 240_000 };
const PASSPHRASE = 'Grüne Tinte auf Pergament 42';

/** Chooses a file (bytes) in "Choose backup file". */
async function chooseFile(page, name, bytes) {
  await page.getByLabel('Choose backup file', { exact: true }).setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8'),
  });
}

/** Opens an encrypted file with `passphrase` (the file is already chosen). */
async function unlock(page, passphrase) {
  await page.getByRole('heading', { name: 'This backup is encrypted', exact: true }).waitFor();
  await field(page, 'Passphrase for this file').fill(passphrase);
  await page.getByRole('button', { name: 'Open the backup', exact: true }).click();
}

/** Clears the status line, so the next message is seen as new. */
async function dismiss(page) {
  await page.getByRole('button', { name: 'Dismiss message', exact: true }).click();
  await page.getByRole('alert').waitFor({ state: 'detached' });
}

async function noPreview(page, why) {
  assert.equal(await page.getByRole('heading', { name: 'Import preview', exact: true }).count(), 0, why);
  assert.equal(await page.getByRole('button', { name: 'Import', exact: true }).count(), 0, why);
}

/** A download that does not come within `ms` is `null`. */
async function downloadWithin(page, click, ms = 1500) {
  const pending = page.waitForEvent('download', { timeout: ms }).catch(() => null);
  await click();
  return pending;
}

test('encrypted backup: exported with a passphrase, refused with a wrong one, restored in a fresh browser with the right one, and cross-checked with the native command both ways', T, () =>
  app.run(async ({ page, newPage, url }) => {
    // Browser 1: demo data, and a plain export to compare with.
    await openApp(page, url);
    await select(page, 'Demo size').selectOption('100');
    await page.getByRole('button', { name: 'Load demo data', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', exact: true, level: 1 }).waitFor();
    await navTo(page, 'Backup');
    const plainText = (await exportBackup(page)).text;
    const plain = checkBackup(plainText);
    /** The plain backup encrypted by the native command (when it is built). */
    let nativeEncrypted = null;
    const someone = plain.payload.contacts[7];
    const someoneName = [someone.given_name, someone.family_name].filter(Boolean).join(' ');
    assert.ok(someoneName, 'a demo contact with a name');

    // The passphrase is typed twice; a mismatch exports nothing.
    await page.getByRole('checkbox', { name: 'Encrypt with a passphrase', exact: true }).check();
    await field(page, 'Passphrase').fill(PASSPHRASE);
    await page.getByText(/^Strong\.$/).waitFor();
    await field(page, 'Repeat passphrase').fill(PASSPHRASE + '!');
    const none = await downloadWithin(page, () => page.getByRole('button', { name: 'Export backup', exact: true }).click());
    assert.equal(none, null, 'no file with mismatched passphrases');
    await page.getByText('The two passphrases differ; type the same one twice', { exact: true }).waitFor();
    await field(page, 'Repeat passphrase').fill(PASSPHRASE);
    const enc = await downloadOf(page, page.getByRole('button', { name: 'Export backup', exact: true }));
    assert.match(enc.filename, /^crm-backup-\d{4}-\d{2}-\d{2}\.encrypted\.json$/);
    const envelope = JSON.parse(enc.bytes.toString('utf8'));
    assert.deepEqual(Object.keys(envelope), ['format', 'format_version', 'kdf', 'iterations', 'salt', 'cipher', 'nonce', 'ciphertext']);
    assert.equal(envelope.format, 'crm-backup-encrypted');
    assert.equal(envelope.kdf, 'PBKDF2-HMAC-SHA-256');
    assert.ok(envelope.iterations >= 600_000);
    assert.equal(Buffer.from(envelope.salt, 'base64').length, 16);
    assert.equal(Buffer.from(envelope.nonce, 'base64').length, 12);
    assert.ok(!enc.bytes.includes(Buffer.from(someone.family_name)), 'no record in clear');
    // The passphrase fields are emptied after use.
    assert.equal(await field(page, 'Passphrase').inputValue(), '');
    // Settings → Storage notes the download.
    await navTo(page, 'Settings');
    const storage = page.getByRole('region', { name: 'Storage', exact: true });
    await storage.getByText(new RegExp(`${enc.filename.replaceAll('.', '\\.')}, [\\d.]+ (kB|MB), downloaded, encrypted\\.$`)).waitFor();

    // The native command decrypts the app's file to the very same backup.
    const binary = backupCryptBinary();
    if (binary) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-crypt-'));
      try {
        fs.writeFileSync(path.join(dir, 'in.json'), enc.bytes);
        const out = path.join(dir, 'out.json');
        const log = execFileSync(binary, ['decrypt', path.join(dir, 'in.json'), out], {
          env: { ...process.env, CRM_BACKUP_PASSPHRASE: PASSPHRASE },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        const decrypted = checkBackup(fs.readFileSync(out, 'utf8'));
        assert.equal(decrypted.header.payload_sha256, plain.header.payload_sha256, 'the native command opens the same backup');
        assert.equal(decrypted.payloadText, plain.payloadText);
        // A wrong passphrase fails plainly there too.
        assert.throws(
          () => execFileSync(binary, ['decrypt', path.join(dir, 'in.json'), '-'], {
            env: { ...process.env, CRM_BACKUP_PASSPHRASE: 'wrong' },
            stdio: ['ignore', 'pipe', 'pipe'],
          }),
          (e) => /damaged or the passphrase is wrong/.test(String(e.stderr)),
        );
        void log;
        // And the reverse: a file the native command encrypted, for the browser below.
        fs.writeFileSync(path.join(dir, 'plain.json'), plainText);
        execFileSync(binary, ['encrypt', path.join(dir, 'plain.json'), path.join(dir, 'native.json')], {
          env: { ...process.env, CRM_BACKUP_PASSPHRASE: PASSPHRASE },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        nativeEncrypted = fs.readFileSync(path.join(dir, 'native.json'));
        assert.equal(JSON.parse(nativeEncrypted.toString('utf8')).format, 'crm-backup-encrypted');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else if (nativeRequired()) {
      assert.fail(
        'backup_crypt is not built, so the native cross-check cannot run: ' +
          '`cargo build --release --example backup_crypt` with the same CARGO_TARGET_DIR (scripts/test.sh does), or set CRM_BACKUP_CRYPT',
      );
    } else {
      console.log('# backup_crypt not built (cargo build --release --example backup_crypt): native decryption not checked');
    }

    // Browser 2: a fresh profile with one contact of its own.
    const page2 = await newPage();
    await createContact(page2, url, { given: 'Keep', family: 'Me', email: 'keep@example.org' });
    await navTo(page2, 'Backup');

    // A wrong passphrase: said plainly, nothing changes, and it can be tried again.
    await chooseFile(page2, enc.filename, enc.bytes);
    await unlock(page2, 'not the passphrase');
    await alert(page2, 'The file is damaged or the passphrase is wrong. Nothing was changed.').waitFor();
    await noPreview(page2, 'no preview after a wrong passphrase');
    assert.equal(await field(page2, 'Passphrase for this file').inputValue(), '', 'the typed passphrase is not kept');

    // A damaged file (one ciphertext character changed): the same answer.
    const flipped = envelope.ciphertext[10] === 'A' ? 'B' : 'A';
    const damaged = { ...envelope, ciphertext: envelope.ciphertext.slice(0, 10) + flipped + envelope.ciphertext.slice(11) };
    await dismiss(page2);
    await chooseFile(page2, 'damaged.encrypted.json', JSON.stringify(damaged));
    await unlock(page2, PASSPHRASE);
    await alert(page2, 'The file is damaged or the passphrase is wrong. Nothing was changed.').waitFor();
    await noPreview(page2, 'no preview of a damaged file');

    // An unknown key derivation or a newer version: said before any passphrase.
    await dismiss(page2);
    await chooseFile(page2, 'scrypt.encrypted.json', JSON.stringify({ ...envelope, kdf: 'scrypt' }));
    await alert(page2, /uses a key derivation this version does not know \(“scrypt”/).waitFor();
    assert.equal(await page2.getByRole('heading', { name: 'This backup is encrypted', exact: true }).count(), 0);
    await chooseFile(page2, 'v9.encrypted.json', JSON.stringify({ ...envelope, format_version: 9 }));
    await alert(page2, /made by a newer version of the app \(format 9/).waitFor();
    await noPreview(page2, 'no preview of a newer format');

    // Nothing changed in browser 2.
    await navTo(page2, 'Contacts');
    await waitForCount(page2, '1 contact');

    // The right passphrase: the ordinary preview, then everything is restored.
    await navTo(page2, 'Backup');
    await chooseFile(page2, enc.filename, enc.bytes);
    await unlock(page2, PASSPHRASE);
    await page2.getByRole('heading', { name: 'Import preview', exact: true }).waitFor();
    await page2.getByRole('radio', { name: 'Replace all data', exact: true }).check();
    await page2.getByRole('button', { name: 'Import', exact: true }).click();
    await status(page2, 'Imported').waitFor({ timeout: 60_000 });
    const restored = checkBackup((await exportBackup(page2)).text);
    assert.deepEqual(restored.header.counts, plain.header.counts, 'the same number of every kind');
    assert.equal(restored.header.payload_sha256, plain.header.payload_sha256, 'every record, byte for byte');
    assert.deepEqual(restored.payload.contacts.find((c) => c.id === someone.id), someone, 'a record with all its fields');
    await openApp(page2, url, `contacts/${someone.id}`);
    await page2.getByRole('heading', { name: someoneName, exact: true, level: 1 }).waitFor();
    await navTo(page2, 'Contacts');
    await waitForCount(page2, `${plain.header.counts.contacts} contacts`);

    // A file the native command encrypted opens in a fresh browser too.
    if (nativeEncrypted) {
      const page3 = await newPage();
      await openApp(page3, url, 'backup');
      await chooseFile(page3, 'native.encrypted.json', nativeEncrypted);
      await unlock(page3, PASSPHRASE);
      await page3.getByRole('heading', { name: 'Import preview', exact: true }).waitFor();
      await page3.getByRole('button', { name: 'Import', exact: true }).click();
      await status(page3, 'Imported').waitFor({ timeout: 60_000 });
      const fromNative = checkBackup((await exportBackup(page3)).text);
      assert.equal(fromNative.header.payload_sha256, plain.header.payload_sha256, 'the native file restores every record');
    }
  }));

test('the reminder: after the set number of changes without a backup, in the header and on the dashboard, with a one-click download', T, () =>
  app.run(async ({ page, url }) => {
    await openApp(page, url, 'backup');
    const schedule = page.getByRole('region', { name: 'When to back up', exact: true });
    await field(schedule, 'Remind after (days without a backup)').fill('0');
    await field(schedule, 'Remind after (records changed)').fill('2');
    await schedule.getByRole('button', { name: 'Save backup settings', exact: true }).click();
    await status(page, 'Backup settings saved').waitFor();
    // A value out of range is refused next to its field.
    await field(schedule, 'Remind after (records changed)').fill('-3');
    await schedule.getByRole('button', { name: 'Save backup settings', exact: true }).click();
    await schedule.getByText('Enter a number of changes from 0 to 1000000', { exact: true }).waitFor();
    await field(schedule, 'Remind after (records changed)').fill('2');

    const header = page.getByRole('banner');
    const nudge = header.getByRole('button', { name: 'Back up now', exact: true });
    await createContact(page, url, { given: 'Ada', family: 'One' });
    assert.equal(await nudge.count(), 0, 'one change: not yet');
    await createContact(page, url, { given: 'Bo', family: 'Two' });
    await header.getByText('No backup yet: 2 records exist only in this browser.', { exact: true }).waitFor();
    await nudge.waitFor();

    // The dashboard says why, with its own one-click download.
    await page.getByRole('link', { name: 'CRM', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', exact: true, level: 1 }).waitFor();
    const card = page.getByRole('region', { name: 'Back up your data', exact: true });
    await card.getByRole('button', { name: 'Download a backup', exact: true }).waitFor();

    // One click: a complete backup, and the reminders go away.
    const file = await downloadOf(page, nudge);
    assert.match(file.filename, /^crm-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const b = checkBackup(file.bytes.toString('utf8'));
    assert.equal(b.header.counts.contacts, 2);
    await status(page, `Exported ${file.filename}`).waitFor();
    await nudge.waitFor({ state: 'detached' });
    await card.waitFor({ state: 'detached' });

    // Settings → Storage: the last backup with its size, the records, the space.
    await navTo(page, 'Settings');
    const storage = page.getByRole('region', { name: 'Storage', exact: true });
    await storage.getByText(/^Persistent: the browser keeps this data|^Best effort: the browser may delete this data/).waitFor();
    await storage.getByText('2 contacts, 0 companies, 0 deals, 0 activities, 0 tasks', { exact: true }).waitFor();
    await storage.getByText(new RegExp(`\\(today\\): ${file.filename.replaceAll('.', '\\.')}, [\\d.]+ (bytes|kB), downloaded\\.$`)).waitFor();
    await storage.getByText(/ used, .* available\.$/).waitFor();
    await storage.getByRole('heading', { name: 'Keeping the data safe in this browser', exact: true }).waitFor();

    // The backup is remembered across a reload; two more changes remind again.
    await page.reload();
    await mainNav(page).waitFor();
    await createContact(page, url, { given: 'Cy', family: 'Three' });
    assert.equal(await nudge.count(), 0);
    await createContact(page, url, { given: 'Di', family: 'Four' });
    await header.getByText('Last backup today; 2 records changed since.', { exact: true }).waitFor();
    assert.equal(sha256hex(payloadText(file.bytes.toString('utf8'))), b.header.payload_sha256);
  }));
