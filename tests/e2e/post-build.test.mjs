// The post-build step (scripts/post-build.mjs) on small made-up builds: no
// browser needed. The e2e tests in pwa.test.mjs check it on the real build.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import {
  inlineScripts,
  CATALOGUE_DIR,
  isPrecached,
  languageText,
  postBuild,
  precacheManifest,
  precompress,
  withResolvedReload,
  withScriptHashes,
} from '../../scripts/post-build.mjs';

const CSP = `default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; worker-src 'self'`;
const page = (body, csp = CSP) =>
  `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${csp}" /></head><body>${body}</body></html>`;
const hash = (s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
const scriptSrc = (html) => /script-src ([^;"]*)/.exec(html)[1].split(' ');

test('inline scripts are hashed into script-src, which loses unsafe-inline and keeps the rest', () => {
  const loader = "\nimport init from '/crm/crm-1.js';\nawait init();\n";
  const html = page(`<script type="module">${loader}</script><script src="/crm/x.js"></script><script>b()</script>`);
  assert.deepEqual(inlineScripts(html), [loader, 'b()']);
  const out = withScriptHashes(html);
  assert.deepEqual(scriptSrc(out), ["'self'", "'wasm-unsafe-eval'", hash(loader), hash('b()')]);
  assert.match(out, /style-src 'self' 'unsafe-inline'; worker-src 'self'"/, 'other directives unchanged');
  // Running it again changes nothing; a changed script replaces its old hash.
  assert.equal(withScriptHashes(out), out);
  const changed = withScriptHashes(out.replace('b()', 'c()'));
  assert.deepEqual(scriptSrc(changed), ["'self'", "'wasm-unsafe-eval'", hash(loader), hash('c()')]);
});

test('a page without a CSP meta tag or without script-src is an error, not a silent pass', () => {
  assert.throws(() => withScriptHashes('<html><script>a()</script></html>'), /no <meta http-equiv="Content-Security-Policy"/);
  assert.throws(() => withScriptHashes(page('<script>a()</script>', "default-src 'self'")), /no script-src/);
});

test("trunk serve's live-reload placeholders are resolved in the page, so the hash holds for any host", () => {
  const reload = "const address = '{{__TRUNK_ADDRESS__}}';\nconst base = '{{__TRUNK_WS_BASE__}}';";
  const out = withResolvedReload(page(`<script>${reload}</script>`));
  assert.ok(!out.includes('{{__TRUNK'), out);
  assert.match(out, /const address = window\.location\.host;/);
  assert.match(out, /const base = new URL\(document\.baseURI\)\.pathname;/);
  assert.equal(withResolvedReload(page('<script>a()</script>')), page('<script>a()</script>'), 'other pages untouched');
});

test('the precache list is the build minus the worker, the fallback page and precompressed copies', () => {
  for (const f of ['index.html', 'crm-abc_bg.wasm', 'icons/icon-192.png', 'manifest.webmanifest']) assert.ok(isPrecached(f), f);
  for (const f of ['sw.js', '404.html', 'crm-abc_bg.wasm.br', 'crm-abc.js.gz', 'x.js.map', '.DS_Store']) assert.ok(!isPrecached(f), f);
});

test('a build gets a sw.js listing its files, and any change to a file is a new version', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-post-build-'));
  try {
    fs.writeFileSync(path.join(dir, 'index.html'), page('<script type="module">go()</script>'));
    fs.writeFileSync(path.join(dir, 'crm-1_bg.wasm'), Buffer.alloc(3 * 1024 * 1024, 7));
    fs.mkdirSync(path.join(dir, 'icons'));
    fs.writeFileSync(path.join(dir, 'icons', 'a.png'), 'png');
    fs.writeFileSync(path.join(dir, 'crm-1_bg.wasm.br'), 'compressed');
    postBuild(dir);
    const sw = fs.readFileSync(path.join(dir, 'sw.js'), 'utf8');
    const files = JSON.parse(/const FILES = (\[.*\]);/.exec(sw)[1]);
    // The languages the app fetches are precached too, so it starts offline in any of them.
    assert.deepEqual(files, ['crm-1_bg.wasm', 'i18n/de.txt', 'i18n/es.txt', 'i18n/fr.txt', 'icons/a.png', 'index.html']);
    const version = /const VERSION = "([0-9a-f]+)";/.exec(sw)[1];
    assert.equal(version, precacheManifest(dir).version);
    assert.equal(fs.readFileSync(path.join(dir, '404.html'), 'utf8'), fs.readFileSync(path.join(dir, 'index.html'), 'utf8'));
    assert.ok(!scriptSrc(fs.readFileSync(path.join(dir, 'index.html'), 'utf8')).includes("'unsafe-inline'"));
    // The same files again: the same version. One byte of one file: another.
    postBuild(dir);
    assert.equal(precacheManifest(dir).version, version);
    fs.writeFileSync(path.join(dir, 'icons', 'a.png'), 'PNG');
    assert.notEqual(precacheManifest(dir).version, version);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('each language but English gets its own file from the catalogue, in the format the app reads', () => {
  const files = ['# a comment\n[a.b]\nen = Save\nde = Speichern\nfr = Enregistrer\nes = Guardar\n', '[c]\nen = {n} file|{n} files\nde = {n} Datei|{n} Dateien\n'];
  assert.equal(languageText(files, 'de'), '[a.b]\nde = Speichern\n[c]\nde = {n} Datei|{n} Dateien\n');
  assert.equal(languageText(files, 'es'), '[a.b]\nes = Guardar\n');
  // The real catalogue: every key in each file, and no English in them.
  const catalogue = fs.readdirSync(CATALOGUE_DIR).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(CATALOGUE_DIR, f), 'utf8'));
  const keys = catalogue.join('\n').split('\n').filter((l) => /^\[.+\]$/.test(l.trim())).length;
  for (const tag of ['de', 'fr', 'es']) {
    const lines = languageText(catalogue, tag).trim().split('\n');
    assert.equal(lines.filter((l) => l.startsWith('[')).length, keys, `${tag}: every key`);
    assert.equal(lines.filter((l) => l.startsWith(`${tag} =`)).length, keys, `${tag}: a text for every key`);
    assert.ok(!lines.some((l) => l.startsWith('en =')));
  }
});

test('precompressed .br and .gz copies decode to their files, images are left alone, stale copies go', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-precompress-'));
  try {
    const html = page('<script type="module">go()</script>' + '<p>The CRM</p>'.repeat(200));
    fs.writeFileSync(path.join(dir, 'index.html'), html);
    // A wasm-like file: repetitive, so it compresses.
    const wasm = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(200_000, 'abcdefgh')]);
    fs.writeFileSync(path.join(dir, 'crm-1_bg.wasm'), wasm);
    fs.mkdirSync(path.join(dir, 'icons'));
    fs.writeFileSync(path.join(dir, 'icons', 'a.png'), Buffer.alloc(4096, 1));
    fs.writeFileSync(path.join(dir, 'tiny.svg'), '<svg/>');
    fs.writeFileSync(path.join(dir, 'gone.css.br'), 'a copy of a file that is no longer there');
    postBuild(dir);
    const version = precacheManifest(dir).version;
    const sizes = precompress(dir);
    for (const f of ['index.html', 'crm-1_bg.wasm', 'sw.js', '404.html']) {
      const raw = fs.readFileSync(path.join(dir, f));
      assert.deepEqual(zlib.gunzipSync(fs.readFileSync(path.join(dir, `${f}.gz`))), raw, `${f}.gz`);
      assert.deepEqual(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, `${f}.br`))), raw, `${f}.br`);
      assert.ok(sizes[f].br < sizes[f].raw && sizes[f].gz < sizes[f].raw, f);
    }
    assert.ok(sizes['crm-1_bg.wasm'].br <= sizes['crm-1_bg.wasm'].gz);
    // Images are not compressed again; a copy that would be larger is not written.
    assert.ok(!fs.existsSync(path.join(dir, 'icons', 'a.png.br')) && !sizes['icons/a.png']);
    assert.ok(!fs.existsSync(path.join(dir, 'tiny.svg.br')) && !fs.existsSync(path.join(dir, 'tiny.svg.gz')));
    assert.ok(!fs.existsSync(path.join(dir, 'gone.css.br')), 'the stale copy is removed');
    // The service worker's list and version do not change: copies are never precached.
    assert.equal(precacheManifest(dir).version, version);
    assert.ok(!precacheManifest(dir).files.some((f) => /\.(br|gz)$/.test(f)));
    // Once the file changes, its copies follow.
    fs.writeFileSync(path.join(dir, 'crm-1_bg.wasm'), Buffer.alloc(100_000, 'x'));
    precompress(dir);
    assert.equal(zlib.brotliDecompressSync(fs.readFileSync(path.join(dir, 'crm-1_bg.wasm.br'))).length, 100_000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
