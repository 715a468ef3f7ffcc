// A phone (issue 15, item 9): at 390 × 844 with touch, the navigation folds
// behind "Menu" in grouped sections, no page runs off the screen sideways,
// record pages and forms are one column, the pipeline board scrolls column by
// column with move buttons big enough for a finger, and wide tables scroll
// inside the page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, status, mainNav, menuButton, waitForPath } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 300_000 };
const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true };

const GROUPS = {
  Work: ['Today', 'Contacts', 'Companies', 'Pipeline', 'Activities', 'Tasks'],
  Insight: ['Reports'],
  Data: ['Import', 'Duplicates', 'Data audit', 'Backup'],
  Settings: ['Settings'],
};

/** Fails when the page is wider than the screen (it would scroll sideways). */
async function assertFits(page, what) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client, `${what}: the page is ${scroll}px wide on a ${client}px screen`);
}

test('a) the navigation folds behind Menu in groups, and no page runs off the screen', T, () =>
  app.run(async ({ newPage, url }) => {
    const page = await newPage(PHONE);
    await openApp(page, url, '?demo=100');
    await status(page, 'Loaded 100 demo contacts').waitFor({ timeout: 60_000 });
    const menu = menuButton(page);
    assert.equal(await menu.getAttribute('aria-expanded'), 'false');
    assert.equal(await mainNav(page).count(), 0, 'the navigation is folded away');
    await assertFits(page, 'the dashboard');

    for (const [group, names] of Object.entries(GROUPS)) {
      for (const name of names) {
        await menu.tap();
        assert.equal(await menu.getAttribute('aria-expanded'), 'true');
        const list = mainNav(page).getByRole('list', { name: group, exact: true });
        assert.deepEqual(
          (await list.getByRole('link').allTextContents()).map((t) => t.replace(/\d+$/, '')),
          names,
          `the ${group} group`,
        );
        const link = list.getByRole('link', { name: new RegExp(`^${name}`) });
        const box = await link.boundingBox();
        assert.ok(box.height >= 44, `${name} is a finger-sized target (${box.height}px)`);
        await link.tap();
        const heading = name === 'Import' ? 'Import contacts' : name;
        await page.getByRole('heading', { name: heading, exact: true, level: 1 }).first().waitFor();
        assert.equal(await mainNav(page).count(), 0, `the menu closes on ${name}`);
        await assertFits(page, name);
      }
    }
    // Escape closes the menu and gives focus back to its button.
    await menu.tap();
    await mainNav(page).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await mainNav(page).count(), 0);
    assert.equal(await menu.evaluate((b) => b === document.activeElement), true);

    // Every report and a record page, a form, and the import page fit too.
    for (const rel of ['reports/pipeline', 'reports/deals', 'reports/funnel', 'reports/activities', 'reports/customers', 'reports/pivot', 'deals', 'contacts/new', 'deals/new']) {
      await openApp(page, url, rel);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await page.waitForLoadState('networkidle');
      await assertFits(page, rel);
    }
  }));

test('b) record pages and forms are one column; wide tables scroll inside the page', T, () =>
  app.run(async ({ newPage, url }) => {
    const page = await newPage(PHONE);
    await openApp(page, url, '?demo=100');
    await status(page, 'Loaded 100 demo contacts').waitFor({ timeout: 60_000 });
    await openApp(page, url, 'contacts');
    await page.getByRole('list', { name: /^Contacts \(/ }).getByRole('link').first().tap();
    await waitForPath(page, /^\/crm\/contacts\/[0-9a-f-]{36}$/);
    // Each label sits above its value, not beside it.
    const term = page.getByRole('term').filter({ hasText: 'Lifecycle stage' });
    const value = page.getByRole('term').filter({ hasText: 'Lifecycle stage' }).locator('xpath=following-sibling::dd[1]');
    const [t, v] = [await term.boundingBox(), await value.boundingBox()];
    assert.ok(v.y >= t.y + t.height - 1 && Math.abs(v.x - t.x) < 2, `label above value: ${JSON.stringify({ t, v })}`);
    await assertFits(page, 'a contact');
    // The form: fields stacked, each as wide as the page allows.
    await page.getByRole('button', { name: 'Edit', exact: true }).tap();
    const given = await page.getByLabel('Given name', { exact: true }).boundingBox();
    const family = await page.getByLabel('Family name', { exact: true }).boundingBox();
    assert.ok(family.y > given.y + given.height - 1, 'family name below given name');
    assert.ok(given.width >= 300, `fields use the width (${given.width}px)`);
    await assertFits(page, 'the contact form');
    // The pivot table is wider than the phone: its box scrolls, the page does not.
    await openApp(page, url, 'reports/pivot');
    const region = page.getByRole('region', { name: 'Pivot, table', exact: true });
    await region.waitFor();
    const { inner, outer } = await region.evaluate((el) => ({ inner: el.scrollWidth, outer: el.clientWidth }));
    assert.ok(inner > outer, `the table (${inner}px) scrolls inside its ${outer}px box`);
    await assertFits(page, 'the pivot table');
  }));

test('c) the pipeline board scrolls column by column, and cards move with a tap', T, () =>
  app.run(async ({ newPage, url }) => {
    const page = await newPage(PHONE);
    await openApp(page, url, '?demo=100');
    await status(page, 'Loaded 100 demo contacts').waitFor({ timeout: 60_000 });
    await openApp(page, url, 'pipeline');
    await page.getByRole('heading', { name: 'Pipeline', exact: true, level: 1 }).waitFor();
    await assertFits(page, 'the pipeline');
    const columns = page.getByRole('region');
    const first = columns.first();
    const board = await first.evaluate((col) => {
      const b = col.parentElement;
      const s = getComputedStyle(b);
      return {
        snap: s.scrollSnapType,
        align: getComputedStyle(col).scrollSnapAlign,
        width: col.getBoundingClientRect().width,
        scrolls: b.scrollWidth > b.clientWidth,
        view: b.clientWidth,
      };
    });
    assert.match(board.snap, /^x mandatory/);
    assert.equal(board.align, 'start');
    assert.ok(board.scrolls, 'the board scrolls sideways');
    assert.ok(board.width > board.view * 0.75 && board.width < board.view, `one column fills the screen (${board.width}px)`);
    // Scrolling a little snaps to the start of a column.
    const left = await first.evaluate(async (col) => {
      const b = col.parentElement;
      b.scrollBy({ left: col.getBoundingClientRect().width * 0.8, behavior: 'instant' });
      await new Promise((r) => setTimeout(r, 400));
      // A snapped column starts where the board's scroll padding ends.
      const pad = parseFloat(getComputedStyle(b).scrollPaddingLeft) || 0;
      const starts = [...b.children].map((c) => c.offsetLeft - b.children[0].offsetLeft - pad);
      return { at: b.scrollLeft, starts };
    });
    assert.ok(
      left.starts.some((s) => Math.abs(s - left.at) <= 2),
      `the board rests on a column start (${left.at} in ${left.starts})`,
    );
    // A card's move buttons are finger-sized, and a tap moves it.
    const move = page.getByRole('button', { name: /^Move .+ to / }).first();
    const box = await move.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `move button ${box.width}×${box.height}`);
    const to = (await move.getAttribute('aria-label')).replace(/^Move .+ to /, '');
    await move.tap();
    await status(page, `Moved to ${to}`).waitFor();
  }));
