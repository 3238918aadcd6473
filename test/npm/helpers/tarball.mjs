// Hand-made package tarballs (a small ustar writer, gzip from node:zlib) and
// publishing to the loopback registry over its HTTP API (what `npm publish`
// sends), for the feature and error tests.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

function header(name, { size = 0, type = '0', mode = 0o644, linkname = '' } = {}) {
  const h = Buffer.alloc(512);
  h.write(name, 0, 100, 'utf8');
  h.write(mode.toString(8).padStart(7, '0') + '\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(size.toString(8).padStart(11, '0') + '\0', 124);
  h.write('14000000000\0', 136);
  h.write('        ', 148);
  h.write(type, 156);
  h.write(linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257);
  h.write('00', 263);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  return h;
}

const pad = (buf) => Buffer.concat([buf, Buffer.alloc((512 - (buf.length % 512)) % 512)]);

/**
 * A tar of entries: { path, data?, type?: 'file'|'dir'|'symlink', linkname?, mode?, pax?, gnuLong? }.
 * `pax: true` stores the path in a pax header; `gnuLong: true` in a GNU `L` record.
 */
export function makeTar(entries) {
  const parts = [];
  for (const e of entries) {
    const data = e.type === 'symlink' || e.type === 'dir' ? Buffer.alloc(0) : Buffer.from(e.data ?? '');
    const type = e.type === 'symlink' ? '2' : e.type === 'dir' ? '5' : '0';
    let name = e.path;
    if (e.pax) {
      const rec = (k, v) => { const body = ` ${k}=${v}\n`; let len = body.length + 1; while (String(len).length + body.length !== len) len++; return `${len}${body}`; };
      const paxData = Buffer.from(rec('path', e.path));
      parts.push(header('PaxHeader/x', { size: paxData.length, type: 'x' }), pad(paxData));
      name = 'short-name';
    } else if (e.gnuLong) {
      const ln = Buffer.from(`${e.path}\0`);
      parts.push(header('././@LongLink', { size: ln.length, type: 'L' }), pad(ln));
      name = 'short-name';
    }
    parts.push(header(name, { size: data.length, type, mode: e.mode ?? (e.type === 'dir' ? 0o755 : 0o644), linkname: e.linkname ?? '' }), pad(data));
  }
  parts.push(Buffer.alloc(1024));
  return Buffer.concat(parts);
}

/** A gzipped package tarball with package.json from `manifest` and extra files ({ path: text }). */
export function makePackage(manifest, files = {}, extraEntries = []) {
  return gzipSync(makeTar([
    { path: 'package/package.json', data: JSON.stringify(manifest, null, 2) },
    ...Object.entries(files).map(([p, d]) => ({ path: `package/${p}`, data: d, mode: p.startsWith('bin/') ? 0o755 : 0o644 })),
    ...extraEntries,
  ]));
}

/** Publishes a tarball for `manifest` to the registry (Verdaccio's npm publish API). */
export async function publish(url, token, manifest, tgz, { tag = 'latest', tamper } = {}) {
  const name = manifest.name;
  const filename = `${name.replace(/^@[^/]+\//, '')}-${manifest.version}.tgz`;
  const tarballUrl = `${url}${name}/-/${filename}`;
  const integrity = `sha512-${createHash('sha512').update(tgz).digest('base64')}`;
  const shasum = createHash('sha1').update(tgz).digest('hex');
  const version = { ...manifest, _id: `${name}@${manifest.version}`, dist: { tarball: tarballUrl, integrity: tamper?.integrity ?? integrity, shasum } };
  const body = {
    _id: name,
    name,
    'dist-tags': { [tag]: manifest.version },
    versions: { [manifest.version]: version },
    _attachments: { [filename]: { content_type: 'application/octet-stream', data: Buffer.from(tgz).toString('base64'), length: tgz.length } },
  };
  const r = await fetch(`${url}${name.replace('/', '%2f')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!r.ok && r.status !== 409) throw new Error(`publish ${name}@${manifest.version}: ${r.status} ${await r.text()}`);
  return { integrity, tarballUrl };
}

/**
 * A package tarball that expands past `size` bytes (a file of zeros): a gzip
 * bomb of about size/1000 bytes. Cached in `cacheFile` when given.
 */
export async function gzipBomb(manifest, size, cacheFile) {
  const { existsSync, readFileSync, writeFileSync } = await import('node:fs');
  if (cacheFile && existsSync(cacheFile)) return readFileSync(cacheFile);
  const { createGzip } = await import('node:zlib');
  const gz = createGzip({ level: 9 });
  const out = [];
  gz.on('data', (c) => out.push(c));
  const done = new Promise((r) => gz.on('end', r));
  const pj = Buffer.from(JSON.stringify(manifest));
  gz.write(header('package/package.json', { size: pj.length }));
  gz.write(pad(pj));
  gz.write(header('package/zeros', { size }));
  const mb = Buffer.alloc(1 << 20);
  for (let left = size; left > 0; left -= mb.length) {
    if (!gz.write(left >= mb.length ? mb : mb.subarray(0, left))) await new Promise((r) => gz.once('drain', r));
  }
  gz.end(Buffer.alloc(1024 + ((512 - (size % 512)) % 512)));
  await done;
  const buf = Buffer.concat(out);
  if (cacheFile) writeFileSync(cacheFile, buf);
  return buf;
}
