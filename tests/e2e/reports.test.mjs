// Reports and the dashboard (issue 5): with demo data the dashboard shows its
// key figures and charts; changing a report's period changes its numbers; a
// report's CSV holds exactly the numbers its table shows; charts save as SVG
// and PNG.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setupApp, openApp, status, select, mainNav, downloadOf, waitForPath, pathOf } from './helpers.mjs';

const app = setupApp();
const T = { timeout: 180_000 };

/** Loads N demo contacts (with their deals, activities and tasks). */
async function loadDemo(page, url, n = 1000) {
  await openApp(page, url, `?demo=${n}`);
  await status(page, `Loaded ${n.toLocaleString('en-US')} demo contacts`).waitFor();
}

/** A table's header and body cells, as shown. */
async function tableCells(table) {
  return table.evaluate((t) => [
    [...t.querySelectorAll('thead th')].map((c) => c.textContent.trim()),
    ...[...t.querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent.trim())),
  ]);
}

/** Parses CSV text (quoted cells, CRLF) into rows of cells; drops a BOM. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** A number as the tables show it ("1,234", "€15,500.75", "60.0%") as a number. */
function num(text) {
  return Number(text.replace(/[€$£,%\s]/g, ''));
}

/** The value of a measure in a report's summary table ("This period" column, or another). */
async function summaryValue(page, tableName, measure, column = 1) {
  const table = page.getByRole('table', { name: tableName, exact: true });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: measure, exact: true }) });
  return (await row.getByRole('cell').nth(column - 1).textContent()).trim();
}

test('a) the dashboard is the landing page with data: key figures link to their records, charts have tables', T, () =>
  app.run(async ({ page, url }) => {
    await loadDemo(page, url);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const tiles = page.getByRole('list', { name: 'Key figures' });
    const names = [
      'Open pipeline',
      'Forecast this month',
      'Forecast this quarter',
      'Overdue deals',
      'Won this month',
      'New contacts this month',
      'Activities this week',
      'Overdue tasks',
    ];
    for (const name of names) await tiles.getByRole('link', { name: new RegExp(`^${name}`) }).waitFor();
    // The open pipeline tile's amount is the total of the pipeline chart's table
    // (under "Show the numbers", closed at first).
    await page.getByText('Show the numbers: Open pipeline by stage', { exact: true }).click();
    const pipelineTable = page.getByRole('table', { name: 'Open pipeline by stage', exact: true });
    const cells = await tableCells(pipelineTable);
    const total = cells.find((r) => r[0] === 'Total');
    assert.ok(total, 'the pipeline table has a Total row');
    const tileText = await tiles.getByRole('link', { name: /^Open pipeline/ }).textContent();
    const openDeals = num(total[1]);
    assert.ok(openDeals > 0, 'demo data has open deals');
    assert.match(tileText, new RegExp(`${openDeals.toLocaleString('en-US')} open deals?`));
    // One formatter: the table's total "€15,500.75" is the tile's "€15,501".
    assert.match(total[2], /^€\d{1,3}(,\d{3})*\.\d{2}$/, `the table shows money as money: ${total[2]}`);
    const whole = `€${Math.round(num(total[2])).toLocaleString('en-US')}`;
    assert.ok(tileText.includes(whole), `tile "${tileText}" shows the table's total value ${whole}`);
    // Three charts, each an image with a name, and the numbers in a table.
    for (const title of ['Open pipeline by stage', 'Deals won and lost, last six months', 'Lifecycle funnel this year']) {
      await page.getByRole('img', { name: new RegExp(`^Chart: ${title}`) }).waitFor();
      await page.getByText(`Show the numbers: ${title}`, { exact: true }).waitFor();
    }
    // Overdue deals are apart from the forecast, and the tile lists them.
    const overdueTile = tiles.getByRole('link', { name: /^Overdue deals/ });
    const overdueText = await overdueTile.textContent();
    const overdue = /(\d[\d,]*) deals? expected before today/.exec(overdueText);
    assert.ok(overdue, `the overdue tile counts its deals: ${overdueText}`);
    await overdueTile.click();
    await waitForPath(page, /^\/crm\/deals$/);
    assert.ok(await page.getByRole('checkbox', { name: 'Overdue only', exact: true }).isChecked());
    await page.getByText(`${overdue[1]} ${overdue[1] === '1' ? 'deal' : 'deals'}`, { exact: true }).waitFor();
    await page.goBack();
    await tiles.waitFor();
    // A tile leads to the records behind it.
    await tiles.getByRole('link', { name: /^Won this month/ }).click();
    await waitForPath(page, /^\/crm\/deals$/);
    assert.equal(await select(page, 'Status').evaluate((el) => el.value), 'won');
    // The brand link goes back to the dashboard.
    await page.getByRole('link', { name: 'CRM', exact: true }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  }));

test('b) changing the period changes the numbers, and the comparison adds the previous period', T, () =>
  app.run(async ({ page, url }) => {
    await loadDemo(page, url);
    await mainNav(page).getByRole('link', { name: 'Reports', exact: true }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Activities', exact: true }).click();
    await waitForPath(page, /^\/crm\/reports\/activities$/);
    const period = select(page, 'Period');
    await period.selectOption({ label: 'Last 12 months' });
    const year = Number((await summaryValue(page, 'Activities summary', 'Activities')).replace(/,/g, ''));
    await period.selectOption({ label: 'This month' });
    await page.waitForFunction(
      (before) => {
        const t = [...document.querySelectorAll('table')].find((x) => x.caption?.textContent === 'Activities summary');
        return t && t.querySelector('tbody td')?.textContent.trim() !== before;
      },
      String(year),
    );
    const month = Number((await summaryValue(page, 'Activities summary', 'Activities')).replace(/,/g, ''));
    assert.ok(year > month, `12 months (${year}) count more activities than this month (${month})`);
    // The by-type table adds up to the summary.
    const byType = await tableCells(page.getByRole('table', { name: 'Activities by type', exact: true }));
    assert.equal(
      byType.slice(1).reduce((sum, r) => sum + Number(r[1]), 0),
      month,
    );
    // Compare: the summary gains the previous period's column.
    await page.getByRole('checkbox', { name: 'Compare with the previous period' }).check();
    await page.getByRole('columnheader', { name: 'Previous period', exact: true }).waitFor();
    const previous = await summaryValue(page, 'Activities summary', 'Activities', 2);
    assert.match(previous, /^\d[\d,]*$/);
    // A custom range whose end is before its start is refused with a message.
    await period.selectOption({ label: 'Custom range' });
    await page.getByLabel('From', { exact: true }).fill('2026-05-10');
    await page.getByLabel('To', { exact: true }).fill('2026-05-01');
    await page.getByText('The last date of the range is before its first date.', { exact: true }).waitFor();
  }));

test('c) a report\'s CSV matches its table; the chart saves as SVG and PNG', T, () =>
  app.run(async ({ page, url }) => {
    await loadDemo(page, url);
    await openApp(page, url, 'reports/pipeline');
    const table = page.getByRole('table', { name: 'Pipeline by stage', exact: true });
    await table.waitFor();
    const shown = await tableCells(table);
    assert.ok(shown.length > 2, 'stages are listed');
    const csv = await downloadOf(page, page.getByRole('button', { name: 'Download Pipeline by stage as CSV' }));
    assert.equal(csv.filename, 'pipeline-by-stage.csv');
    const text = csv.bytes.toString('utf8');
    assert.ok(text.startsWith('\uFEFF'), 'the CSV starts with a byte order mark');
    // The file holds the numbers the table shows: plain in the file
    // ("2500.00", the currency in the header), formatted on screen
    // ("€2,500.00"), as the tiles show money.
    const rows = parseCsv(text);
    assert.deepEqual(rows[0], shown[0]);
    assert.match(rows[0][2], /^Value \(EUR\)$/);
    assert.equal(rows.length, shown.length);
    for (let r = 1; r < rows.length; r++) {
      assert.equal(rows[r][0], shown[r][0]);
      for (let c = 1; c < rows[r].length; c++) {
        assert.match(rows[r][c], /^-?\d+(\.\d\d)?$/, `CSV cell ${r},${c} is a plain number`);
        assert.equal(num(shown[r][c]), Number(rows[r][c]), `row ${r} column ${c}: ${shown[r][c]} is ${rows[r][c]}`);
      }
      assert.match(shown[r][2], /^€\d{1,3}(,\d{3})*\.\d{2}$/, `shown as money: ${shown[r][2]}`);
    }

    const svg = await downloadOf(page, page.getByRole('button', { name: 'Download Pipeline by stage as SVG' }));
    assert.equal(svg.filename, 'pipeline-by-stage.svg');
    const svgText = svg.bytes.toString('utf8');
    assert.match(svgText, /^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.ok(!svgText.includes('var(--'), 'theme variables are resolved to colours');
    assert.ok(svgText.includes(shown[1][0]), 'the first stage is labelled in the drawing');

    const png = await downloadOf(page, page.getByRole('button', { name: 'Download Pipeline by stage as PNG' }));
    assert.equal(png.filename, 'pipeline-by-stage.png');
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.ok(png.bytes.length > 2000, 'the PNG holds a drawing');

    // The pivot table: deals by stage and status; its Total column adds up.
    await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Pivot table' }).click();
    await select(page, 'Records').selectOption({ label: 'Deals' });
    await select(page, 'Period').selectOption({ label: 'Last 12 months' });
    const pivot = await tableCells(page.getByRole('table', { name: 'Pivot', exact: true }));
    const totalCol = pivot[0].indexOf('Total');
    assert.ok(totalCol > 1, 'a Total column');
    for (const row of pivot.slice(1)) {
      const sum = row.slice(1, totalCol).reduce((s, c) => s + (num(c) || 0), 0);
      assert.equal(sum, num(row[totalCol]), `row ${row[0]} adds up`);
    }
    assert.equal(pathOf(page), '/crm/reports/pivot');
  }));
