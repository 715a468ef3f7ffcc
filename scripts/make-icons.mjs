#!/usr/bin/env node
// Draws the app's PNG icons (pwa/icons/*.png, committed) from the same shape
// as public/favicon.svg, with Debian's chromium through playwright-core (the
// e2e tests' package): `node scripts/make-icons.mjs` after `npm ci` in
// tests/e2e. Run it again only when the logo changes.
//
// - icon-N.png: the favicon's rounded square on a transparent background.
// - icon-maskable-N.png: full-bleed background; the figure stays inside the
//   central 80 % circle that every mask keeps (the maskable "safe zone").
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(ROOT, 'tests/e2e/package.json'));
const { chromium } = require('playwright-core');
const OUT = path.join(ROOT, 'pwa/icons');
const BLUE = '#2557a7';

// The favicon's figure (head and shoulders) on a 32-unit grid.
const FIGURE = '<circle cx="16" cy="12" r="5" fill="#fff"/><path d="M6 27c1.5-5.5 5.5-8 10-8s8.5 2.5 10 8z" fill="#fff"/>';
const any = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="${BLUE}"/>${FIGURE}</svg>`;
// Maskable: the figure scaled to 78 % around the centre, inside the safe circle.
const maskable = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="${BLUE}"/><g transform="translate(16 16.8) scale(0.78) translate(-16 -17)">${FIGURE}</g></svg>`;

const browser = await chromium.launch({ executablePath: process.env.CRM_CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  fs.mkdirSync(OUT, { recursive: true });
  for (const size of [192, 512]) {
    for (const [name, svg] of [['icon', any], ['icon-maskable', maskable]]) {
      await page.setViewportSize({ width: size, height: size });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">` +
          svg.replace('<svg ', `<svg width="${size}" height="${size}" `) +
          `</body></html>`,
      );
      const file = path.join(OUT, `${name}-${size}.png`);
      await page.screenshot({ path: file, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`${path.relative(ROOT, file)}: ${fs.statSync(file).size} bytes`);
    }
  }
} finally {
  await browser.close();
}
