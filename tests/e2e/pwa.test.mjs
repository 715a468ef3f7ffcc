// The installable, offline app (issue 12): the service worker precaches
// exactly one build and serves it offline, a new build waits and then
// switches as a unit, the manifest is installable under /crm/, and the CSP
// runs no inline script but Trunk's hashed loader.
//
// The server serves a copy of the build (a temporary directory) so that the
// update test can turn it into a second build, as a deploy would.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupApp, openApp, createContact, status, poll, mainNav, menuButton, DIST, BASE } from './helpers.mjs';
import { inlineScripts, postBuild, precacheManifest } from '../../scripts/post-build.mjs';

let served = null;
/** A fresh copy of the build to serve (made once the build is known to exist). */
function servedCopy() {
  served = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-pwa-'));
  fs.cpSync(DIST, served, { recursive: true });
  return served;
}
after(() => served && fs.rmSync(served, { recursive: true, force: true }));

const app = setupApp({ root: servedCopy });
const T = { timeout: 180_000 };

/** Waits until the service worker is active and controls `page`. */
async function swInControl(page) {
  await poll(
    () =>
      page.evaluate(async () => {
        const reg = await navigator.serviceWorker.getRegistration();
        return reg?.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      }),
    { message: 'the service worker to be active and in control', timeout: 60_000 },
  );
}

/** Every cache of the origin: `{ name: [url, …] }`. */
function cacheContents(page) {
  return page.evaluate(async () => {
    const out = {};
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      out[name] = (await cache.keys()).map((r) => r.url).sort();
    }
    return out;
  });
}

/** The `VERSION` in a build's sw.js. */
function swVersion(dir) {
  const m = /const VERSION = "([0-9a-f]+)";/.exec(fs.readFileSync(path.join(dir, 'sw.js'), 'utf8'));
  assert.ok(m, 'sw.js has a VERSION');
  return m[1];
}

test('offline: after a first visit, a reload and a deep link open the app with its data', T, () =>
  app.run(async ({ page, url, server }) => {
    const id = await createContact(page, url, { given: 'Offline', family: 'Ada', email: 'ada@example.org' });
    await status(page, 'Saved').waitFor();
    await swInControl(page);

    const before = server.requests.length;
    await page.context().setOffline(true);
    try {
      await page.reload();
      await page.getByRole('heading', { name: 'Offline Ada', exact: true, level: 1 }).waitFor();
      // A deep link typed into the address bar, and the list.
      await openApp(page, url, 'contacts');
      await page.getByRole('link', { name: 'Offline Ada', exact: true }).waitFor();
      await openApp(page, url, `contacts/${id}`);
      await page.getByRole('heading', { name: 'Offline Ada', exact: true, level: 1 }).waitFor();
    } finally {
      await page.context().setOffline(false);
    }
    assert.deepEqual(server.requests.slice(before), [], 'nothing reached the server while offline');
  }));

test('the service worker caches exactly the files of this build, all from this origin', T, () =>
  app.run(async ({ page, url, origin }) => {
    await openApp(page, url);
    await swInControl(page);
    const { files, version } = precacheManifest(served);
    assert.equal(swVersion(served), version, 'sw.js carries the version of the files it lists');
    const caches = await cacheContents(page);
    const name = `crm-precache:${BASE}:${version}`;
    assert.deepEqual(Object.keys(caches), [name], 'one cache, named after this build');
    const expected = files.map((f) => origin + BASE + f).sort();
    assert.deepEqual(caches[name], expected, 'exactly the files of the build');
    for (const u of caches[name]) assert.ok(u.startsWith(origin + BASE), `same origin and scope: ${u}`);
    // The whole wasm is inside (Workbox's default limit of 2 MB would have dropped it).
    const wasm = files.find((f) => f.endsWith('.wasm'));
    assert.ok(wasm, 'the build has a wasm file');
    const size = await page.evaluate(async (u) => {
      const names = await caches.keys();
      const hit = await (await caches.open(names[0])).match(u);
      return (await hit.arrayBuffer()).byteLength;
    }, origin + BASE + wasm);
    assert.equal(size, fs.statSync(path.join(served, wasm)).size);
    assert.ok(size > 2 * 1024 * 1024, `the wasm is ${size} bytes`);
    for (const f of ['index.html', 'manifest.webmanifest', 'icons/icon-maskable-512.png']) {
      assert.ok(files.includes(f), `${f} is precached`);
    }
    assert.ok(!files.includes('sw.js') && !files.includes('404.html'), 'sw.js and 404.html are not');
  }));

/** Width and height of a PNG file. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(1, 4).toString('latin1'), 'PNG', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

test('the manifest makes the app installable under /crm/', T, () =>
  app.run(async ({ page, url, origin }) => {
    await openApp(page, url);
    const href = await page.evaluate(() => document.querySelector('link[rel="manifest"]')?.href);
    assert.equal(href, `${origin}${BASE}manifest.webmanifest`);
    const manifest = await page.evaluate(async (u) => (await fetch(u)).json(), href);
    assert.equal(new URL(manifest.start_url, href).href, origin + BASE);
    assert.equal(new URL(manifest.scope, href).href, origin + BASE);
    assert.equal(manifest.display, 'standalone');
    assert.ok(manifest.name && manifest.short_name && manifest.theme_color && manifest.background_color);
    for (const purpose of ['any', 'maskable']) {
      for (const size of [192, 512]) {
        const icon = manifest.icons.find((i) => i.purpose === purpose && i.sizes === `${size}x${size}`);
        assert.ok(icon, `a ${purpose} icon of ${size}px`);
        const file = path.join(served, new URL(icon.src, href).pathname.slice(BASE.length));
        assert.deepEqual(pngSize(file), [size, size], icon.src);
      }
    }
    // Theme colours for both colour schemes.
    const themes = await page.evaluate(() =>
      [...document.querySelectorAll('meta[name="theme-color"]')].map((m) => m.media),
    );
    assert.deepEqual(themes.sort(), ['(prefers-color-scheme: dark)', '(prefers-color-scheme: light)']);
  }));

test('the CSP allows no inline script but Trunk\'s hashed loader, and the app starts', T, () =>
  app.run(async ({ page, url, problems }) => {
    const html = fs.readFileSync(path.join(served, 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    assert.ok(csp, 'index.html has a CSP meta tag');
    const directives = Object.fromEntries(
      csp.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]),
    );
    assert.ok(!directives['script-src'].includes("'unsafe-inline'"), `script-src: ${directives['script-src']}`);
    const scripts = inlineScripts(html);
    assert.ok(scripts.length >= 1, 'Trunk wrote an inline loader');
    for (const s of scripts) {
      const hash = `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
      assert.ok(directives['script-src'].includes(hash), `script-src lists ${hash}`);
    }
    assert.deepEqual(directives['worker-src'], ["'self'"]);
    for (const kept of ['default-src', 'connect-src', 'img-src', 'style-src', 'object-src', 'base-uri', 'form-action']) {
      assert.ok(directives[kept], `${kept} is kept`);
    }
    assert.deepEqual(directives['connect-src'], ["'self'"]);

    // The app starts under this policy (a blocked loader would leave no navigation).
    await openApp(page, url);
    // Markup that smuggles a script in does not run it.
    const blocked = await page.evaluate(
      () =>
        new Promise((resolve) => {
          document.addEventListener('securitypolicyviolation', (e) => resolve(e.effectiveDirective), { once: true });
          const s = document.createElement('script');
          s.textContent = 'window.__crmInjected = true;';
          document.body.append(s);
        }),
    );
    assert.match(blocked, /^script-src/);
    assert.equal(await page.evaluate(() => window.__crmInjected), undefined);
    // The browser logs the blocked script as an error: expected here, so not a problem.
    for (let i = problems.length - 1; i >= 0; i--) {
      if (/Content Security Policy/.test(problems[i])) problems.splice(i, 1);
    }
  }));

test('the first paint needs no wasm: index.html shows the shell and what is loading, and the app takes over', T, () =>
  app.run(async ({ page, newPage, url }) => {
    for (const [p, wide] of [
      [page, true],
      [await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }), false],
    ]) {
      // The wasm is held back until the frame has been seen.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      await p.route(/\.wasm$/, async (route) => {
        await held;
        await route.continue();
      });
      await p.goto(url);
      const loading = p.getByRole('progressbar', { name: 'Loading the CRM…' });
      await loading.waitFor();
      assert.equal(await p.getByText('CRM', { exact: true }).first().isVisible(), true, 'the brand shows');
      // Nothing of the frame is a control a person could try to use.
      assert.equal(await p.getByRole('button').count(), 0);
      assert.equal(await p.getByRole('navigation').count(), 0);
      release();
      await (wide ? mainNav(p) : menuButton(p)).waitFor();
      await poll(async () => (await loading.count()) === 0, { message: 'the frame to go once the app mounts' });
      assert.equal(await p.getByText('CRM', { exact: true }).count(), 1, 'one header, the app’s');
      await p.unroute(/\.wasm$/);
    }
  }));

/** Turns the served build into a "next build": a changed index.html and a renamed hashed CSS file. */
function makeNextBuild(dir) {
  const indexFile = path.join(dir, 'index.html');
  let html = fs.readFileSync(indexFile, 'utf8');
  const css = /href="\/crm\/(main-[0-9a-f]+\.css)"/.exec(html)?.[1];
  assert.ok(css, 'index.html links the hashed stylesheet');
  const nextCss = css.replace(/-([0-9a-f]+)\.css$/, '-b$1.css');
  fs.renameSync(path.join(dir, css), path.join(dir, nextCss));
  html = html.replaceAll(css, nextCss).replace('<head>', '<head>\n    <meta name="crm-build" content="next" />');
  fs.writeFileSync(indexFile, html);
  postBuild(dir);
  return { css, nextCss };
}

test('a new build installs and waits, the old one keeps working, then all files switch at once', T, () =>
  app.run(async ({ page, url, origin }) => {
    await openApp(page, url);
    await swInControl(page);
    const first = swVersion(served);
    const { css, nextCss } = makeNextBuild(served);
    const next = swVersion(served);
    assert.notEqual(next, first);

    // The browser finds the new service worker; it installs and waits, and
    // the open tab says so.
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is ready.' });
    const reloadButton = page.getByRole('button', { name: 'Reload', exact: true });
    assert.equal(await reloadButton.count(), 0, 'no prompt before a new version exists');
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
    await poll(
      () => page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).waiting?.state === 'installed'),
      { message: 'the new version to be installed and waiting', timeout: 60_000 },
    );
    await prompt.waitFor();
    await reloadButton.waitFor();
    let caches = await cacheContents(page);
    assert.deepEqual(Object.keys(caches).sort(), [`crm-precache:${BASE}:${first}`, `crm-precache:${BASE}:${next}`].sort());
    assert.ok(caches[`crm-precache:${BASE}:${next}`].includes(origin + BASE + nextCss));
    assert.ok(!caches[`crm-precache:${BASE}:${next}`].includes(origin + BASE + css), 'no old file in the new cache');

    // While it waits, a reload is still entirely the old build, although the
    // server no longer has the old stylesheet; the prompt is shown again.
    await page.reload();
    await openApp(page, url, 'contacts');
    const build = () =>
      page.evaluate(() => ({
        marker: document.querySelector('meta[name="crm-build"]')?.content ?? null,
        sheet: [...document.styleSheets].map((s) => ({ href: s.href, rules: s.cssRules.length })),
      }));
    const old = await build();
    assert.equal(old.marker, null, 'the old index.html');
    assert.deepEqual(old.sheet.map((s) => s.href), [origin + BASE + css]);
    assert.ok(old.sheet[0].rules > 10, 'the old stylesheet loaded from the cache');
    await prompt.waitFor();

    // "Reload": the waiting version takes over and the tab reloads by itself,
    // entirely the new build, on the same page.
    await reloadButton.click();
    await poll(() => build().then((b) => b.marker === 'next').catch(() => false), {
      message: 'the tab to reload into the new build',
      timeout: 60_000,
    });
    await page.getByRole('heading', { name: 'No contacts yet', exact: true }).waitFor();
    assert.equal(new URL(page.url()).pathname, `${BASE}contacts`);
    const now = await build();
    assert.deepEqual(now.sheet.map((s) => s.href), [origin + BASE + nextCss]);
    assert.ok(now.sheet[0].rules > 10);
    assert.equal(await page.evaluate(() => navigator.serviceWorker.controller?.state), 'activated');
    assert.equal(await reloadButton.count(), 0, 'no prompt once the new version runs');
    caches = await cacheContents(page);
    assert.deepEqual(Object.keys(caches), [`crm-precache:${BASE}:${next}`], 'the old build\'s cache is gone');
  }));
