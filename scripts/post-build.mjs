#!/usr/bin/env node
// The post-build step of every Trunk build (Trunk.toml's post_build hook runs
// it on Trunk's staging directory; run it by hand on any built directory:
// `node scripts/post-build.mjs dist`). Each step works on the finished files
// and may be run again on its own output (it is idempotent).
//
//   0. dev-reload   (`trunk serve` only) resolve the placeholders of Trunk's
//                   live-reload script in the page itself, so that its text,
//                   and so its hash, does not depend on the request;
//   1. csp          hash Trunk's inline loader script(s) into the
//                   Content-Security-Policy meta tag of index.html, so
//                   script-src needs no 'unsafe-inline';
//   2. spa-fallback copy index.html to 404.html (static hosts that serve
//                   404.html for unknown paths then open deep links);
//   2b. languages   write i18n/<tag>.txt for each language but English from
//                   the catalogue (src/core/i18n/catalogue/*.txt): the wasm
//                   holds English only, and fetches the person's language
//                   at start (ui::mount), so nobody downloads the other three;
//   3. service-worker write sw.js from pwa/service-worker.js with the list
//                   of every file of this build and a version that is a hash
//                   of that list (names and contents), so a new build is a
//                   new service worker and its files one cache;
//   4. precompress  (release builds, or `--precompress` by hand) write a
//                   brotli (.br, quality 11) and a gzip (.gz, level 9) copy
//                   next to every text and wasm file, for hosts that serve
//                   them as they are (nginx gzip_static/brotli_static, most
//                   CDNs); copies of files that are gone are removed.
//
// A step that changes what the app serves goes before 'service-worker': the
// service worker is written from the final files. Files the service worker
// must not precache are excluded by `isPrecached` (precompressed copies are:
// the server picks an encoding for the plain URL, and the browser decodes it
// before the cache sees it), so 'precompress' comes last and compresses
// sw.js too.
//
// Only Node's standard library is used: no npm package is needed.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SW_TEMPLATE = path.join(ROOT, 'pwa', 'service-worker.js');
export const SW_NAME = 'sw.js';

/** The steps, in order. Each gets the build directory. */
export const STEPS = [
  ['dev-reload', resolveReloadPlaceholders],
  ['csp', hashInlineScripts],
  ['spa-fallback', copySpaFallback],
  ['languages', writeLanguages],
  ['service-worker', writeServiceWorker],
  ['precompress', precompressWhenAsked],
];

const sha256 = (data) => createHash('sha256').update(data).digest();

// ---------------------------------------------------------------------------
// 0. `trunk serve`: the live-reload script

/**
 * `trunk serve` injects a live-reload script whose address and path it fills
 * in per request from the Host header, after this step has run; a hash of
 * the script taken now would then not match what the browser gets. So the
 * page fills them in itself, as Trunk does when there is no Host header: the
 * address from `window.location.host`, the path from the page's base (the
 * public URL, which is Trunk's default websocket path).
 */
export function withResolvedReload(html) {
  return html
    .replace(/(['`])\{\{__TRUNK_ADDRESS__\}\}\1/g, 'window.location.host')
    .replace(/(['`])\{\{__TRUNK_WS_BASE__\}\}\1/g, 'new URL(document.baseURI).pathname');
}

function resolveReloadPlaceholders(dir) {
  const file = path.join(dir, 'index.html');
  const before = fs.readFileSync(file, 'utf8');
  const after = withResolvedReload(before);
  if (after === before) return 'no live-reload script (not trunk serve)';
  fs.writeFileSync(file, after);
  return 'live-reload address and path resolved in the page';
}

// ---------------------------------------------------------------------------
// 1. CSP: hashes of the inline scripts

/** The text of every inline `<script>` (one without a src attribute), exactly as in the file. */
export function inlineScripts(html) {
  const out = [];
  const re = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
  for (let m; (m = re.exec(html)); ) {
    if (/\bsrc\s*=/i.test(m[1])) continue;
    out.push(m[2]);
  }
  return out;
}

/**
 * Returns `html` with the CSP meta tag's script-src listing the sha256 of
 * each inline script instead of 'unsafe-inline' (and of any hashes an
 * earlier run added). Throws when there is no CSP meta tag or no script-src.
 */
export function withScriptHashes(html) {
  const metaRe = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/i;
  const meta = metaRe.exec(html);
  if (!meta) throw new Error('index.html has no <meta http-equiv="Content-Security-Policy" content="…">');
  const hashes = inlineScripts(html).map((s) => `'sha256-${sha256(s).toString('base64')}'`);
  let found = false;
  const directives = meta[2].split(';').map((d) => {
    const parts = d.trim().split(/\s+/).filter(Boolean);
    if (parts[0] !== 'script-src') return d.trim();
    found = true;
    const kept = parts.slice(1).filter((p) => p !== "'unsafe-inline'" && !p.startsWith("'sha256-"));
    return ['script-src', ...kept, ...new Set(hashes)].join(' ');
  });
  if (!found) throw new Error('the Content-Security-Policy of index.html has no script-src directive');
  return html.replace(metaRe, (_, a, _b, c) => a + directives.filter(Boolean).join('; ') + c);
}

function hashInlineScripts(dir) {
  const file = path.join(dir, 'index.html');
  const before = fs.readFileSync(file, 'utf8');
  const after = withScriptHashes(before);
  if (after !== before) fs.writeFileSync(file, after);
  return `${inlineScripts(after).length} inline script(s) hashed into script-src`;
}

// ---------------------------------------------------------------------------
// 2. The single-page-app fallback for static hosts

function copySpaFallback(dir) {
  fs.copyFileSync(path.join(dir, 'index.html'), path.join(dir, '404.html'));
  return '404.html = index.html';
}

// ---------------------------------------------------------------------------
// 2b. The languages other than English, one file each

export const CATALOGUE_DIR = path.join(ROOT, 'src', 'core', 'i18n', 'catalogue');
export const FETCHED_LANGUAGES = ['de', 'fr', 'es'];

/**
 * One language's entries of catalogue files, in the catalogue's own format
 * (`[key]` then `<tag> = text`), which `core::i18n::merge_language` reads.
 */
export function languageText(files, tag) {
  const out = [];
  for (const text of files) {
    let key = null;
    for (const raw of text.split(/\r?\n/)) {
      const line = raw.trim();
      if (line.startsWith('[') && line.endsWith(']')) key = line;
      else if (key && line.split('=')[0].trim() === tag) out.push(key, line);
    }
  }
  return out.join('\n') + '\n';
}

function writeLanguages(dir) {
  const files = fs
    .readdirSync(CATALOGUE_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => fs.readFileSync(path.join(CATALOGUE_DIR, f), 'utf8'));
  fs.mkdirSync(path.join(dir, 'i18n'), { recursive: true });
  const sizes = FETCHED_LANGUAGES.map((tag) => {
    const text = languageText(files, tag);
    fs.writeFileSync(path.join(dir, 'i18n', `${tag}.txt`), text);
    return `${tag} ${(Buffer.byteLength(text) / 1024).toFixed(1)} KiB`;
  });
  return `i18n/: ${sizes.join(', ')}`;
}

// ---------------------------------------------------------------------------
// 3. The service worker

/** Every file under `dir`, as paths relative to it with `/` separators, sorted. */
export function listFiles(dir, sub = '') {
  const out = [];
  for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}

/** Whether the service worker precaches `rel` (a path relative to the build directory). */
export function isPrecached(rel) {
  if (rel === SW_NAME || rel === '404.html') return false;
  // Precompressed copies are served for the plain name by the host.
  if (/\.(br|gz|zst)$/.test(rel)) return false;
  // Source maps and dotfiles are not needed to run the app.
  if (rel.endsWith('.map') || rel.split('/').some((p) => p.startsWith('.'))) return false;
  return true;
}

/**
 * The precache list and version of a build directory: the version is a hash
 * of the template and of every precached file's name and contents, so any
 * change to what is served (even index.html alone) is a new version.
 */
export function precacheManifest(dir, template = fs.readFileSync(SW_TEMPLATE, 'utf8')) {
  const files = listFiles(dir).filter(isPrecached);
  const h = createHash('sha256');
  h.update(template);
  for (const f of files) h.update(`\n${f}\0${sha256(fs.readFileSync(path.join(dir, f))).toString('hex')}`);
  return { files, version: h.digest('hex').slice(0, 20) };
}

function writeServiceWorker(dir) {
  const template = fs.readFileSync(SW_TEMPLATE, 'utf8');
  const { files, version } = precacheManifest(dir, template);
  if (!files.includes('index.html')) throw new Error(`no index.html in ${dir}`);
  const source = template
    .replace("'__VERSION__'", JSON.stringify(version))
    .replace("['__FILES__']", JSON.stringify(files));
  if (source.includes('__VERSION__') || source.includes('__FILES__')) {
    throw new Error(`${SW_TEMPLATE} lost its __VERSION__ or __FILES__ placeholder`);
  }
  fs.writeFileSync(path.join(dir, SW_NAME), source);
  const bytes = files.reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0);
  return `${SW_NAME}: version ${version}, ${files.length} files, ${(bytes / 1024).toFixed(0)} KiB precached`;
}

// ---------------------------------------------------------------------------
// 4. Precompressed copies

/** Files worth compressing: text and wasm (images are compressed already). */
export function isCompressible(rel) {
  return /\.(wasm|js|mjs|css|html|svg|json|webmanifest|txt|map)$/.test(rel);
}

/** The gzip (level 9) and brotli (quality 11) forms of `data`. */
export function compressed(data, rel = '') {
  const text = !rel.endsWith('.wasm');
  return {
    gz: zlib.gzipSync(data, { level: 9 }),
    br: zlib.brotliCompressSync(data, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  };
}

/**
 * Writes `<file>.br` and `<file>.gz` next to every compressible file (only
 * when smaller than the file), and removes copies whose file is gone.
 * Returns the sizes: `{ file: { raw, gz, br } }`.
 */
export function precompress(dir) {
  const files = listFiles(dir);
  const present = new Set(files);
  const sizes = {};
  for (const rel of files) {
    const m = /^(.*)\.(br|gz)$/.exec(rel);
    if (m) {
      if (!present.has(m[1]) || !isCompressible(m[1])) fs.rmSync(path.join(dir, rel));
      continue;
    }
    if (!isCompressible(rel)) continue;
    const data = fs.readFileSync(path.join(dir, rel));
    const { gz, br } = compressed(data, rel);
    sizes[rel] = { raw: data.length, gz: gz.length, br: br.length };
    for (const [ext, bytes] of [['gz', gz], ['br', br]]) {
      const out = path.join(dir, `${rel}.${ext}`);
      if (bytes.length < data.length) fs.writeFileSync(out, bytes);
      else fs.rmSync(out, { force: true });
    }
  }
  return sizes;
}

function precompressWhenAsked(dir) {
  const asked = process.env.TRUNK_PROFILE === 'release' || process.argv.includes('--precompress');
  if (!asked) return 'skipped (not a release build; pass --precompress to run it)';
  const sizes = Object.values(precompress(dir));
  const sum = (k) => sizes.reduce((n, s) => n + s[k], 0);
  const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
  return `${sizes.length} files: ${kib(sum('raw'))} raw, ${kib(sum('gz'))} gzip, ${kib(sum('br'))} brotli`;
}

// ---------------------------------------------------------------------------

export function postBuild(dir) {
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    throw new Error(`post-build: no index.html in ${dir ?? '(no directory given)'}`);
  }
  for (const [name, step] of STEPS) console.log(`[post-build] ${name}: ${step(dir)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const dir = process.argv.slice(2).find((a) => !a.startsWith('--'));
    postBuild(dir ?? process.env.TRUNK_STAGING_DIR);
  } catch (err) {
    console.error(`[post-build] ${err.message}`);
    process.exit(1);
  }
}
