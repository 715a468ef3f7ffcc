// A tiny static file server for the end-to-end tests and the benchmark.
//
// Serves the files of `root` under the sub-path `base` (default `/crm/`), so
// `/crm/index.html` is `root/index.html`. Any other GET or HEAD under `base`
// that is not a file gets `root/index.html` (single-page-app fallback); paths
// outside `base` get 404. Binds 127.0.0.1 only and records every request URL
// in `requests`, so tests can check that nothing unexpected was asked for.
// With `encodings: true` it serves a file's precompressed copy (`<file>.br`,
// else `<file>.gz`, written by scripts/post-build.mjs) when the browser
// accepts that encoding, as a static host with brotli_static/gzip_static does;
// `encodings: ['gzip']` serves only the gzip copies.
//
// Library: `const { url, close, requests } = await startServer({ root })`.
// CLI:     `node server.mjs <dist-dir> [port] [base] [--encodings]`.

import http from 'node:http';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

function contentType(file) {
  return TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Normalises `base` to the form `/x/` (or `/`). */
function normaliseBase(base) {
  let b = String(base || '/');
  if (!b.startsWith('/')) b = '/' + b;
  if (!b.endsWith('/')) b += '/';
  return b;
}

/**
 * Starts the server.
 * @param {{ root: string, base?: string, port?: number, encodings?: boolean | string[], cacheControl?: (file: string) => string }} options
 *   `encodings`: serve a file's precompressed `.br` or `.gz` copy when the
 *   request accepts it, as a static host would (see the top of this file).
 *   `cacheControl` gives the Cache-Control header of a file (its path under
 *   `root`); by default every response is `no-store`.
 * @returns {Promise<{ url: string, origin: string, base: string, port: number,
 *   requests: string[], close: () => Promise<void> }>}
 *   `url` is the app's address, e.g. `http://127.0.0.1:41234/crm/`.
 */
export async function startServer({ root, base = '/crm/', port = 0, encodings = false, cacheControl = () => 'no-store' } = {}) {
  if (!root) throw new Error('startServer: `root` is required');
  const rootDir = path.resolve(root);
  const stat = await fs.stat(rootDir).catch(() => null);
  if (!stat || !stat.isDirectory()) throw new Error(`startServer: no such directory: ${rootDir}`);
  const basePath = normaliseBase(base);
  const indexFile = path.join(rootDir, 'index.html');
  const requests = [];

  const server = http.createServer(async (req, res) => {
    requests.push(req.url);
    try {
      await handle(req, res);
    } catch (err) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`500 ${err && err.message}\n`);
    }
  });

  /** The precompressed copy to send for `file`, if any: `[path, encoding]`. */
  async function encoded(req, file) {
    const offered = encodings === true ? ['br', 'gzip'] : encodings || [];
    const accepted = String(req.headers['accept-encoding'] ?? '')
      .split(',')
      .map((e) => e.trim().split(';')[0]);
    for (const [ext, name] of [['br', 'br'], ['gz', 'gzip']]) {
      if (!offered.includes(name) || !accepted.includes(name)) continue;
      const st = await fs.stat(`${file}.${ext}`).catch(() => null);
      if (st && st.isFile()) return [`${file}.${ext}`, name];
    }
    return null;
  }

  async function send(req, res, file, status = 200) {
    const copy = await encoded(req, file);
    const body = await fs.readFile(copy ? copy[0] : file);
    res.writeHead(status, {
      'content-type': contentType(file),
      'content-length': body.length,
      'cache-control': cacheControl(path.relative(rootDir, file)),
      'x-content-type-options': 'nosniff',
      ...(encodings ? { vary: 'accept-encoding' } : {}),
      ...(copy ? { 'content-encoding': copy[1] } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notFound(res, status = 404, text = 'Not found') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${status} ${text}\n`);
  }

  async function handle(req, res) {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return notFound(res, 405, 'Method not allowed');
    }
    const { pathname } = new URL(req.url, 'http://127.0.0.1');
    // `/crm` without the slash: send the browser to `/crm/`.
    if (basePath !== '/' && pathname === basePath.slice(0, -1)) {
      res.writeHead(301, { location: basePath });
      return res.end();
    }
    if (!pathname.startsWith(basePath)) return notFound(res);

    let rel;
    try {
      rel = decodeURIComponent(pathname.slice(basePath.length));
    } catch {
      return notFound(res, 400, 'Bad request');
    }
    if (rel.includes('\0')) return notFound(res, 400, 'Bad request');
    const file = path.resolve(rootDir, '.' + path.posix.sep + rel);
    // Never serve anything outside root (`..` tricks).
    if (file !== rootDir && !file.startsWith(rootDir + path.sep)) return notFound(res);

    const st = await fs.stat(file).catch(() => null);
    if (st && st.isFile()) return send(req, res, file);
    if (st && st.isDirectory()) {
      const inner = path.join(file, 'index.html');
      const ist = await fs.stat(inner).catch(() => null);
      if (ist && ist.isFile()) return send(req, res, inner);
    }
    // Single-page-app fallback: the app's router decides what the path means.
    return send(req, res, indexFile);
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = server.address().port;
  const origin = `http://127.0.0.1:${actualPort}`;

  return {
    url: origin + basePath,
    origin,
    base: basePath,
    port: actualPort,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Let keep-alive connections go so close() does not hang.
        server.closeAllConnections?.();
      }),
  };
}

// CLI: node server.mjs <dist-dir> [port] [base]
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const encodingsArg = args.includes('--encodings');
  const [root, portArg, baseArg] = args.filter((a) => a !== '--encodings');
  if (!root) {
    console.error('usage: node server.mjs <dist-dir> [port] [base]');
    process.exit(2);
  }
  const port = portArg ? Number(portArg) : 8080;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`bad port: ${portArg}`);
    process.exit(2);
  }
  startServer({ root, port, base: baseArg || '/crm/', encodings: encodingsArg }).then(
    (s) => {
      console.log(`serving ${path.resolve(root)} at ${s.url}`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err) => {
      console.error(err.message);
      process.exit(1);
    },
  );
}
