// Languages (issue 15 item 11): the app speaks the browser's language among
// English, German, French and Spanish, a setting overrides it, numbers and
// money follow it, and no page shows a catalogue key instead of its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setupApp, poll, status, HERE } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 600_000 };

/** Every key of the catalogue (`src/core/i18n/catalogue/*.txt`). */
function catalogueKeys() {
  const dir = path.resolve(HERE, '../../src/core/i18n/catalogue');
  const keys = new Set();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    for (const line of fs.readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const m = /^\s*\[([^\]]+)\]\s*$/.exec(line);
      if (m) keys.add(m[1].trim());
    }
  }
  return keys;
}
const KEYS = catalogueKeys();
const AREAS = new Set([...KEYS].map((k) => k.split('.')[0]));
const KEY_RE = /^[a-z_]+(\.[a-z0-9_]+)+$/;

/** `<html lang>`, or '' while the page is between documents (a reload). */
async function htmlLang(page) {
  try {
    return await page.evaluate(() => document.documentElement.lang);
  } catch {
    return '';
  }
}

async function waitForLang(page, lang) {
  await poll(async () => (await htmlLang(page)) === lang, { message: () => `<html lang="${lang}">` });
}

/** Opens `<server>/crm/<rel>` and waits for the app's first heading. */
async function open(page, url, rel = '') {
  await page.goto(url + rel);
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/**
 * Visible texts and accessible labels on the page that read like a key of
 * the catalogue (`contacts.list.title`): a text that is missing from the
 * catalogue shows as its key.
 */
async function keysShown(page) {
  const found = await page.evaluate((reSource) => {
    const re = new RegExp(reSource);
    const out = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (text && re.test(text) && el && el.checkVisibility() && !el.closest('script, style, template')) out.push(text);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [placeholder], [title], [alt]')) {
      for (const attr of ['aria-label', 'placeholder', 'title', 'alt']) {
        const v = el.getAttribute(attr)?.trim();
        if (v && re.test(v)) out.push(`${attr}=${v}`);
      }
    }
    return out;
  }, KEY_RE.source);
  // A web domain ("acme.example") also matches the pattern; a key starts with an area of the catalogue.
  return found.filter((t) => AREAS.has(t.replace(/^[a-z-]+=/, '').split('.')[0]) || KEYS.has(t));
}

test('a) a German browser gets the app in German, with German numbers and money', T, () =>
  app.run(async ({ newPage, url }) => {
    const page = await newPage({ locale: 'de-DE' });
    await page.goto(url + '?demo=100');
    await status(page, '100 Demo-Kontakte geladen').waitFor();
    await waitForLang(page, 'de');
    const nav = page.getByRole('navigation', { name: 'Hauptnavigation' });
    await nav.getByRole('link', { name: 'Kontakte', exact: true }).click();
    await page.getByRole('heading', { name: 'Kontakte', exact: true, level: 1 }).waitFor();
    await nav.getByRole('link', { name: 'Einstellungen', exact: true }).click();
    await page.getByRole('heading', { name: 'Einstellungen', exact: true, level: 1 }).waitFor();
    // The demo's deals: amounts grouped the German way ("12.500 €", "1.234,50 €").
    await open(page, url, 'deals');
    const money = /\d{1,3}(\.\d{3})+(,\d{2})?\u00a0(€|\$|£)/;
    const text = await poll(
      async () => {
        const t = await page.getByRole('main').innerText();
        return money.test(t) && t;
      },
      { message: 'an amount in German form on the deals page' },
    );
    assert.doesNotMatch(text, /[€$£]\d/, 'no English-style amount ("€12,500")');
  }));

test('b) Settings → Language → Français switches an English browser to French, until "Browser default"', T, () =>
  app.run(async ({ page, url }) => {
    await open(page, url, 'settings');
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    assert.equal(await htmlLang(page), 'en');
    await page
      .getByRole('combobox', { name: 'Language of the app in this browser', exact: true })
      .selectOption({ label: 'Français' });
    // The page reloads in French.
    await waitForLang(page, 'fr');
    await page.getByRole('heading', { name: 'Paramètres', exact: true, level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Principale' }).getByRole('link', { name: 'Entreprises', exact: true }).waitFor();
    // The choice is kept in this browser.
    await page.reload();
    await page.getByRole('heading', { name: 'Paramètres', exact: true, level: 1 }).waitFor();
    assert.equal(await htmlLang(page), 'fr');
    // Back to the browser's language.
    await page
      .getByRole('combobox', { name: 'Langue de l’application dans ce navigateur', exact: true })
      .selectOption({ label: 'Langue du navigateur (English)' });
    await waitForLang(page, 'en');
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Settings', exact: true, level: 1 }).waitFor();
    assert.equal(await htmlLang(page), 'en');
  }));

const PAGES = [
  '',
  'contacts',
  'companies',
  'deals',
  'pipeline',
  'activities',
  'tasks',
  'today',
  'reports',
  'import',
  'backup',
  'settings',
  'duplicates',
  'audit',
];

for (const [locale, lang, loaded] of [
  ['de-DE', 'de', '100 Demo-Kontakte geladen'],
  ['fr-FR', 'fr', '100 contacts de démonstration chargés'],
  ['es-ES', 'es', 'Se cargaron 100 contactos de demostración'],
]) {
  test(`c) no page shows a catalogue key in ${lang}`, T, () =>
    app.run(async ({ newPage, url }) => {
      const page = await newPage({ locale });
      await page.goto(url + '?demo=100');
      await status(page, loaded).waitFor();
      await waitForLang(page, lang);
      // The check sees a key when there is one.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.id = 'key-probe';
        p.textContent = 'contacts.list.title';
        document.querySelector('main').append(p);
      });
      assert.deepEqual(await keysShown(page), ['contacts.list.title']);
      await page.evaluate(() => document.getElementById('key-probe').remove());
      // A contact's page: the first contact of the list.
      await open(page, url, 'contacts');
      const href = await poll(async () => {
        const hrefs = await page.getByRole('main').getByRole('link').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        return hrefs.find((h) => /\/contacts\/[0-9a-f-]{36}$/.test(h ?? ''));
      }, { message: 'a link to a contact' });
      const shown = {};
      for (const rel of [...PAGES, href.replace(/^\/crm\//, '')]) {
        await open(page, url, rel);
        assert.equal(await htmlLang(page), lang, rel);
        // Let the page's data arrive, then look twice.
        let keys = [];
        for (let i = 0; i < 3; i++) {
          await page.waitForTimeout(400);
          keys = [...new Set([...keys, ...(await keysShown(page))])];
        }
        if (keys.length) shown[`/${rel}`] = keys;
      }
      assert.deepEqual(shown, {}, `catalogue keys on screen in ${lang}`);
    }));
}
