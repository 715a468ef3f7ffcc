// What the durability tests (issue 12) share beyond helpers.mjs: building
// backup files by hand, the native encrypt/decrypt command, a folder picker
// that answers with the origin-private file system, and ending a browser
// process by its id.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_FORMAT, HERE, RECORDS_SCHEMA } from './helpers.mjs';

/**
 * A backup file (format 2) around `payload`, with counts and checksum right:
 * what a tool that writes backups on purpose must produce.
 */
export function makeBackupText(payload, { appVersion = 'test', exportedAt = '2026-11-23T12:00:00Z' } = {}) {
  const kinds = ['companies', 'contacts', 'deals', 'activities', 'tasks'];
  const full = Object.fromEntries(kinds.map((k) => [k, payload[k] ?? []]));
  if (payload.settings) full.settings = payload.settings;
  for (const k of kinds) full[k].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const payloadText = JSON.stringify(full);
  const counts = Object.fromEntries(kinds.map((k) => [k, full[k].length]));
  const sha = createHash('sha256').update(Buffer.from(payloadText, 'utf8')).digest('hex');
  return (
    `{"format":"crm-backup","format_version":${BACKUP_FORMAT},"schema_version":${RECORDS_SCHEMA},"app_version":${JSON.stringify(appVersion)},` +
    `"exported_at":"${exportedAt}","counts":${JSON.stringify(counts)},"payload_sha256":"${sha}","payload":${payloadText}}`
  );
}

/** A UUID (v4 shape) from a number, so records sort in a known order. */
export function uuid(n, prefix = '0') {
  const hex = n.toString(16).padStart(12, '0');
  return `${prefix.repeat(8)}-0000-4000-8000-${hex}`;
}

/**
 * The native command (`cargo build --release --example backup_crypt`):
 * CRM_BACKUP_CRYPT, else the release build in CARGO_TARGET_DIR when it is
 * set (a relative one from the repository root, as scripts/test.sh runs
 * cargo), else in target/. `null` when it has not been built.
 */
export function backupCryptBinary() {
  const root = path.resolve(HERE, '../..');
  const dir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target');
  const binary = process.env.CRM_BACKUP_CRYPT ?? path.join(dir, 'release/examples/backup_crypt');
  return fs.existsSync(binary) ? binary : null;
}

/**
 * True where the native cross-check must run rather than be skipped: in CI
 * (`CI` set, or `CRM_REQUIRE_NATIVE`, which .ci/run exports).
 */
export function nativeRequired() {
  return Boolean(process.env.CI || process.env.CRM_REQUIRE_NATIVE);
}

/**
 * An init script: `showDirectoryPicker()` answers with a folder of the
 * origin-private file system (no dialog), so automatic backups can be
 * tested headless. The picker itself needs a person.
 */
export const OPFS_PICKER = () => {
  window.showDirectoryPicker = async () => {
    const root = await navigator.storage.getDirectory();
    return root.getDirectoryHandle('Backups', { create: true });
  };
};

/**
 * An init script for a "restarted" browser: the folder's permission is back
 * to "prompt" until `requestPermission()` (one click) grants it, as
 * Chromium does after a restart. Records each request in
 * `window.__permissionRequests`.
 */
export const PERMISSION_AFTER_RESTART = () => {
  let granted = false;
  window.__permissionRequests = 0;
  const proto = FileSystemHandle.prototype;
  proto.queryPermission = async function () {
    return granted ? 'granted' : 'prompt';
  };
  proto.requestPermission = async function () {
    window.__permissionRequests += 1;
    granted = true;
    return 'granted';
  };
};

/** The names and texts of the files in the origin-private folder `Backups`. */
export function folderFiles(page) {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('Backups', { create: true });
    const out = {};
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'file') out[name] = await (await handle.getFile()).text();
    }
    return out;
  });
}

/**
 * The process id of the Chromium browser (not a renderer or helper) started
 * with `--user-data-dir=<dir>`, found in /proc. Linux only.
 */
export function browserPid(userDataDir) {
  const hits = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmd;
    try {
      cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (cmd.some((a) => a === `--user-data-dir=${userDataDir}`) && !cmd.some((a) => a.startsWith('--type='))) {
      hits.push(Number(entry));
    }
  }
  assert.equal(hits.length, 1, `one browser process for ${userDataDir}, found ${hits.length}`);
  return hits[0];
}

/** Text of `n` random base64 characters: data a browser cannot compress. */
export function noise(n) {
  const bytes = Buffer.alloc(Math.ceil((n * 3) / 4));
  for (let i = 0; i < bytes.length; i += 65536) {
    const chunk = bytes.subarray(i, Math.min(i + 65536, bytes.length));
    crypto.getRandomValues(chunk);
  }
  return bytes.toString('base64').slice(0, n);
}
