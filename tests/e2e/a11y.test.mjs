// Accessibility checked by a machine (issue 15, item 10): axe-core on every
// page, in the light and the dark theme, with demo data, finds no serious or
// critical violation; focus is visible on everything the keyboard reaches;
// the virtualised lists say how many rows they hold.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import { setupApp, openApp, status, select } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 300_000 };
const DEMO = 100;

/** Loads the demo data and returns the paths of one contact, company and deal. */
async function loadDemo(page, url, size = DEMO) {
  await openApp(page, url, `?demo=${size}`);
  await status(page, `Loaded ${size.toLocaleString('en')} demo contacts`).waitFor({ timeout: 60_000 });
  const first = async (rel, name) => {
    await openApp(page, url, rel);
    const link = page.getByRole('list', { name }).getByRole('link').first();
    await link.waitFor();
    return new URL(await link.getAttribute('href'), url).pathname.replace('/crm/', '');
  };
  return {
    contact: await first('contacts', /^Contacts \(/),
    company: await first('companies', /^Companies \(/),
    deal: await first('deals', /^Deals \(/),
  };
}

/** Every page, by path under /crm/, with the heading that says it is ready. */
function pages(records) {
  return [
    ['', 'Dashboard'],
    ['today', 'Today'],
    ['contacts', 'Contacts'],
    ['contacts/new', 'New contact'],
    [records.contact, null],
    [`${records.contact}/edit`, null],
    ['companies', 'Companies'],
    ['companies/new', 'New company'],
    [records.company, null],
    ['pipeline', 'Pipeline'],
    ['deals', 'Deals'],
    ['deals/new', 'New deal'],
    [records.deal, null],
    ['activities', 'Activities'],
    ['tasks', 'Tasks'],
    ['reports/pipeline', 'Reports'],
    ['reports/deals', 'Reports'],
    ['reports/funnel', 'Reports'],
    ['reports/activities', 'Reports'],
    ['reports/customers', 'Reports'],
    ['reports/pivot', 'Reports'],
    ['import', 'Import contacts'],
    ['duplicates', 'Duplicates'],
    ['audit', 'Data audit'],
    ['backup', 'Backup'],
    ['settings', 'Settings'],
  ];
}

async function setTheme(page, url, theme) {
  await openApp(page, url, 'settings');
  await select(page, 'Theme').selectOption(theme);
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
}

/** The serious and critical violations axe finds on the page, as lines. */
async function seriousViolations(page) {
  const result = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')})`);
}

test('a) axe finds no serious or critical violation on any page, in either theme', T, () =>
  app.run(async ({ page, url }) => {
    const records = await loadDemo(page, url);
    const found = [];
    for (const theme of ['light', 'dark']) {
      await setTheme(page, url, theme);
      for (const [rel, heading] of pages(records)) {
        await openApp(page, url, rel);
        const h1 = heading ? page.getByRole('heading', { name: heading, exact: true, level: 1 }) : page.getByRole('heading', { level: 1 });
        await h1.first().waitFor();
        // Let lists and charts settle (the report memos, the virtual rows).
        await page.waitForLoadState('networkidle');
        for (const line of await seriousViolations(page)) found.push(`${theme} /${rel}: ${line}`);
      }
    }
    assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
  }));

/** Tabs through the page; returns the focused elements without a visible outline. */
async function unfocusedStops(page, stops) {
  const missing = [];
  for (let i = 0; i < stops; i++) {
    await page.keyboard.press('Tab');
    const seen = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const label = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`;
      return { outlined, label, colour: s.outlineColor, bg: getComputedStyle(document.body).backgroundColor };
    });
    if (seen && (!seen.outlined || seen.colour === seen.bg)) missing.push(seen.label);
  }
  return missing;
}

test('b) focus is visible on everything the keyboard reaches, in both themes', T, () =>
  app.run(async ({ page, url }) => {
    const records = await loadDemo(page, url);
    for (const theme of ['light', 'dark']) {
      await setTheme(page, url, theme);
      for (const rel of ['', records.contact, 'pipeline', 'reports/deals']) {
        await openApp(page, url, rel);
        await page.getByRole('heading', { level: 1 }).first().waitFor();
        const missing = await unfocusedStops(page, 45);
        assert.deepEqual(missing, [], `${theme} /${rel}: focus without a visible outline`);
      }
    }
  }));

test('c) the virtualised lists announce how many rows they hold', T, () =>
  app.run(async ({ page, url }) => {
    // Enough records that every list is longer than the page.
    await loadDemo(page, url, 1000);
    for (const [rel, name, noun] of [
      ['contacts', 'Contacts', 'contacts'],
      ['companies', 'Companies', 'companies'],
      ['deals', 'Deals', 'deals'],
      ['activities', 'Activities', 'activities'],
    ]) {
      await openApp(page, url, rel);
      // Every list has records (the activities may still be loading at first).
      const count = page.getByText(new RegExp(`^[1-9][\\d,]* ${noun}$`));
      await count.waitFor();
      const n = (await count.textContent()).split(' ')[0];
      // The list's name carries the count; each row its place in all of them.
      const list = page.getByRole('list', { name: `${name} (${n})`, exact: true });
      await list.waitFor();
      const rows = list.getByRole('listitem');
      const total = Number(n.replace(/,/g, ''));
      assert.ok(total > (await rows.count()), `${name}: only some of the ${total} rows are in the page`);
      assert.equal(await rows.first().getAttribute('aria-setsize'), String(total));
      assert.equal(await rows.first().getAttribute('aria-posinset'), '1');
      // The count is announced when it changes.
      assert.equal(await count.getAttribute('aria-live'), 'polite');
    }
    // After a search, the announced count says the new number.
    await openApp(page, url, 'contacts');
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('zzzz-nobody');
    const none = page.getByText('0 contacts', { exact: true });
    await none.waitFor();
    assert.equal(await none.getAttribute('aria-live'), 'polite');
  }));
