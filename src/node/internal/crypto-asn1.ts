/**
 * The little DER (ITU-T X.690) that key files need: a reader that walks TLVs
 * and a writer for the handful of types PKCS#1, PKCS#8, SPKI, SEC1 and
 * PBES2 use, plus PEM armour (RFC 7468). Anything malformed throws
 * `Asn1Error`; callers turn it into Node's decoder error.
 */

export class Asn1Error extends Error {}

export const TAG = {
  INTEGER: 0x02, BIT_STRING: 0x03, OCTET_STRING: 0x04, NULL: 0x05, OID: 0x06, SEQUENCE: 0x30,
} as const;

/** One decoded TLV. `bytes` is the value; `end` the offset after it in the outer buffer. */
export interface Asn1Node {
  tag: number;
  bytes: Uint8Array;
  end: number;
}

/** Reads the TLV at `offset`; lengths must be definite and within the buffer. */
export function readTlv(buf: Uint8Array, offset = 0): Asn1Node {
  if (offset + 2 > buf.length) throw new Asn1Error('truncated');
  const tag = buf[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new Asn1Error('high tag number');
  let len = buf[offset + 1]!;
  let p = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || p + n > buf.length) throw new Asn1Error('bad length');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + buf[p++]!;
  }
  if (p + len > buf.length) throw new Asn1Error('truncated');
  return { tag, bytes: buf.subarray(p, p + len), end: p + len };
}

/** Parses `buf` as exactly one TLV with the given tag. */
export function readExact(buf: Uint8Array, tag: number): Uint8Array {
  const n = readTlv(buf);
  if (n.tag !== tag || n.end !== buf.length) throw new Asn1Error('unexpected tag');
  return n.bytes;
}

/** The children of a constructed value. */
export function children(bytes: Uint8Array): Asn1Node[] {
  const out: Asn1Node[] = [];
  let p = 0;
  while (p < bytes.length) {
    const n = readTlv(bytes, p);
    out.push({ tag: n.tag, bytes: n.bytes, end: n.end });
    p = n.end;
  }
  return out;
}

/** Children of a SEQUENCE node, checking its tag. */
export function seqOf(node: Asn1Node | undefined): Asn1Node[] {
  if (!node || node.tag !== TAG.SEQUENCE) throw new Asn1Error('expected SEQUENCE');
  return children(node.bytes);
}

export function asInt(node: Asn1Node | undefined): bigint {
  if (!node || node.tag !== TAG.INTEGER || node.bytes.length === 0) throw new Asn1Error('expected INTEGER');
  let v = 0n;
  for (const b of node.bytes) v = (v << 8n) | BigInt(b);
  if (node.bytes[0]! & 0x80) v -= 1n << BigInt(node.bytes.length * 8);
  return v;
}

export function asOid(node: Asn1Node | undefined): string {
  if (!node || node.tag !== TAG.OID || node.bytes.length === 0) throw new Asn1Error('expected OID');
  const parts: number[] = [];
  let v = 0;
  for (const b of node.bytes) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(v);
      v = 0;
    }
  }
  const first = parts.shift()!;
  const a = first < 80 ? Math.floor(first / 40) : 2;
  return [a, first - a * 40, ...parts].join('.');
}

export function asOctets(node: Asn1Node | undefined): Uint8Array {
  if (!node || node.tag !== TAG.OCTET_STRING) throw new Asn1Error('expected OCTET STRING');
  return node.bytes;
}

/** A BIT STRING's bytes (only whole-byte strings occur in keys). */
export function asBits(node: Asn1Node | undefined): Uint8Array {
  if (!node || node.tag !== TAG.BIT_STRING || node.bytes[0] !== 0) throw new Asn1Error('expected BIT STRING');
  return node.bytes.subarray(1);
}

// ------------------------------------------------------------------ writer

function lengthBytes(n: number): number[] {
  if (n < 0x80) return [n];
  const out: number[] = [];
  while (n > 0) {
    out.unshift(n & 0xff);
    n = Math.floor(n / 256);
  }
  return [0x80 | out.length, ...out];
}

export function tlv(tag: number, value: Uint8Array): Uint8Array {
  const head = [tag, ...lengthBytes(value.length)];
  const out = new Uint8Array(head.length + value.length);
  out.set(head);
  out.set(value, head.length);
  return out;
}

export function seq(...items: Uint8Array[]): Uint8Array {
  return tlv(TAG.SEQUENCE, join(items));
}

/** A context-specific constructed tag [n] around `inner`. */
export function explicit(n: number, inner: Uint8Array): Uint8Array {
  return tlv(0xa0 | n, inner);
}

export function int(v: bigint | number): Uint8Array {
  let x = BigInt(v);
  if (x < 0n) throw new Asn1Error('negative INTEGER');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  } while (x > 0n);
  if (bytes[0]! & 0x80) bytes.unshift(0);
  return tlv(TAG.INTEGER, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const p = dotted.split('.').map(Number);
  const out: number[] = [];
  const arcs = [p[0]! * 40 + p[1]!, ...p.slice(2)];
  for (let a of arcs) {
    const chunk: number[] = [a & 0x7f];
    while ((a = Math.floor(a / 128)) > 0) chunk.unshift(0x80 | (a & 0x7f));
    out.push(...chunk);
  }
  return tlv(TAG.OID, Uint8Array.from(out));
}

export function octets(b: Uint8Array): Uint8Array {
  return tlv(TAG.OCTET_STRING, b);
}

export function bits(b: Uint8Array): Uint8Array {
  const v = new Uint8Array(b.length + 1);
  v.set(b, 1);
  return tlv(TAG.BIT_STRING, v);
}

export const NULL = Uint8Array.of(TAG.NULL, 0);

function join(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// ------------------------------------------------------------------ PEM

/** Wraps DER in PEM armour with 64-character base64 lines, as OpenSSL writes it. */
export function pemEncode(label: string, der: Uint8Array, headers = ''): string {
  const CHUNK = 0x8000;
  let bin = '';
  for (let i = 0; i < der.length; i += CHUNK) bin += String.fromCharCode(...der.subarray(i, i + CHUNK));
  const b64 = btoa(bin);
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${headers}${lines.join('\n')}${lines.length ? '\n' : ''}-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
  headers: Record<string, string>;
}

/** The PEM blocks in `text`, in order (OpenSSL skips blocks it does not want, e.g. EC PARAMETERS). */
export function pemDecode(text: string): PemBlock[] {
  const blocks: PemBlock[] = [];
  for (const m of text.matchAll(/-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g)) {
    const headers: Record<string, string> = {};
    let body = m[2]!;
    const hm = /^((?:[A-Za-z-]+:[^\n]*\r?\n)+)\r?\n/.exec(body);
    if (hm) {
      for (const line of hm[1]!.split(/\r?\n/)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      body = body.slice(hm[0].length);
    }
    const clean = body.replace(/\s/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) throw new Asn1Error('bad base64');
    const bin = atob(clean);
    const der = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
    blocks.push({ label: m[1]!, der, headers });
  }
  return blocks;
}
