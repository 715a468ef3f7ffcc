// The first download: what a browser fetches to show the app on a first
// visit (index.html, what it links and preloads, and the wasm the loader
// starts), with its size raw, gzip -9 and brotli. `check` compares it with
// the budget kept in the repository (perf-budget.json) and fails when it
// grew by more than the allowed share; CI runs it after the release build.
//
//   node size.mjs [dist]            prints the sizes
//   node size.mjs check [dist]      prints them and checks the budget
//   node size.mjs record [dist]     writes the current size as the budget

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const BUDGET_FILE = path.resolve(HERE, '../../perf-budget.json');

/** The files index.html makes the browser fetch before the app runs (relative to `dist`). */
export function firstFiles(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const base = /<base href="([^"]*)"/.exec(html)?.[1] ?? '/';
  const urls = new Set(['index.html']);
  for (const m of html.matchAll(/<(?:link|script)\b[^>]*?\b(?:href|src)="([^"]+)"[^>]*>/g)) {
    const tag = m[0];
    // The manifest, icons and the service worker come later, or only when installing.
    if (/rel="(manifest|apple-touch-icon)"/.test(tag)) continue;
    urls.add(m[1]);
  }
  // The loader's imports: the wasm-bindgen JS and the wasm it instantiates.
  for (const m of html.matchAll(/(?:from|module_or_path:)\s*'([^']+)'/g)) urls.add(m[1]);
  const files = [];
  for (const u of urls) {
    const rel = u.startsWith(base) ? u.slice(base.length) : u.replace(/^\.?\//, '');
    if (fs.existsSync(path.join(dist, rel))) files.push(rel);
  }
  return [...new Set(files)].sort();
}

/** Sizes of the first download: `{ raw, gzip, br, files: [{ file, raw, gzip, br }] }`. */
export function firstDownload(dist) {
  const files = firstFiles(dist).map((file) => {
    const data = fs.readFileSync(path.join(dist, file));
    return {
      file,
      raw: data.length,
      gzip: zlib.gzipSync(data, { level: 9 }).length,
      br: zlib.brotliCompressSync(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const sum = (k) => files.reduce((n, f) => n + f[k], 0);
  return { raw: sum('raw'), gzip: sum('gzip'), br: sum('br'), files };
}

/** Every wasm file of the build (the whole app, split or not), gzip -9. */
export function wholeApp(dist) {
  const wasm = fs.readdirSync(dist).filter((f) => f.endsWith('.wasm'));
  const sizes = wasm.map((f) => {
    const data = fs.readFileSync(path.join(dist, f));
    return { file: f, raw: data.length, gzip: zlib.gzipSync(data, { level: 9 }).length };
  });
  return { raw: sizes.reduce((n, s) => n + s.raw, 0), gzip: sizes.reduce((n, s) => n + s.gzip, 0), files: sizes };
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

function print(dist) {
  const first = firstDownload(dist);
  console.log(`first download of ${dist}:`);
  for (const f of first.files) {
    console.log(`  ${f.file.padEnd(40)} ${kib(f.raw).padStart(11)} raw ${kib(f.gzip).padStart(11)} gzip ${kib(f.br).padStart(11)} brotli`);
  }
  console.log(`  ${'total'.padEnd(40)} ${kib(first.raw).padStart(11)} raw ${kib(first.gzip).padStart(11)} gzip ${kib(first.br).padStart(11)} brotli`);
  const whole = wholeApp(dist);
  console.log(`whole app (every wasm file): ${kib(whole.raw)} raw, ${kib(whole.gzip)} gzip`);
  return first;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const mode = ['check', 'record'].includes(args[0]) ? args.shift() : 'print';
  const dist = path.resolve(args[0] ?? path.join(HERE, '../../dist-e2e'));
  const first = print(dist);
  if (mode === 'record') {
    const budget = { first_download_gzip_bytes: first.gzip, allowed_growth: 0.05, files: first.files.map((f) => f.file.replace(/-[0-9a-f]{16}/, '-<hash>')) };
    fs.writeFileSync(BUDGET_FILE, JSON.stringify(budget, null, 2) + '\n');
    console.log(`wrote ${BUDGET_FILE}`);
  } else if (mode === 'check') {
    const budget = JSON.parse(fs.readFileSync(BUDGET_FILE, 'utf8'));
    const limit = Math.floor(budget.first_download_gzip_bytes * (1 + budget.allowed_growth));
    const verdict = first.gzip <= limit ? 'within' : 'OVER';
    console.log(
      `budget: ${kib(budget.first_download_gzip_bytes)} gzip + ${budget.allowed_growth * 100} % = ${kib(limit)}; ` +
        `now ${kib(first.gzip)}: ${verdict} budget (${path.relative(process.cwd(), BUDGET_FILE)})`,
    );
    if (first.gzip > limit) {
      console.error('The first download grew past its budget. Make it smaller, or raise the budget in perf-budget.json and say why in the commit.');
      process.exitCode = 1;
    }
  }
}
