/**
 * Node's argument checks and error codes for Buffer methods, layered over the
 * `buffer` package (which throws plain errors, or none). Written from the
 * documented behaviour (https://nodejs.org/api/buffer.html,
 * https://nodejs.org/api/errors.html) and Node's test expectations.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

function makeErr(Ctor: ErrorConstructor | RangeErrorConstructor | TypeErrorConstructor, code: string, message: string): Error {
  const e: any = new Ctor(message);
  e.code = code;
  Object.defineProperty(e, 'name', { value: Ctor.name, enumerable: false, configurable: true, writable: true });
  // Node shows "RangeError [ERR_X]: ..." in stacks; keep name plain for assert.throws({ name }).
  return e;
}

function received(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${(value as { name?: string }).name || ''}`;
  if (typeof value === 'object') {
    const ctor = (value as object).constructor?.name;
    return ctor ? `an instance of ${ctor}` : `[Object: null prototype]`;
  }
  let shown = typeof value === 'string' ? `'${value}'` : typeof value === 'bigint' ? `${value}n` : String(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function withSeparators(v: string): string {
  let out = '';
  let i = v.length;
  const start = v[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) out = `_${v.slice(i - 3, i)}${out}`;
  return `${v.slice(0, i)}${out}`;
}

function shownNumber(value: unknown): string {
  if (typeof value === 'bigint') {
    let s = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) s = withSeparators(s);
    return `${s}n`;
  }
  if (typeof value === 'number' && Number.isInteger(value) && Math.abs(value) > 2 ** 32) return withSeparators(String(value));
  return String(value);
}

export function errOutOfRange(name: string, range: string, value: unknown): Error {
  return makeErr(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${shownNumber(value)}`);
}

export function errInvalidArgType(name: string, expected: string, value: unknown): Error {
  return makeErr(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${expected}. Received ${received(value)}`);
}

export function errBufferOutOfBounds(name?: string): Error {
  return makeErr(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
}

export function errUnknownEncoding(enc: unknown): Error {
  return makeErr(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${String(enc)}`);
}

function checkNumber(value: unknown, name: string): asserts value is number {
  if (typeof value !== 'number') throw errInvalidArgType(name, 'of type number', value);
}

/** The offset check of the read/write methods: `bytes` are read at `offset`. */
function checkOffset(buf: Uint8Array, offset: unknown, bytes: number): number {
  if (offset === undefined) offset = 0;
  checkNumber(offset, 'offset');
  const max = buf.length - bytes;
  if (!(offset >= 0 && offset <= max) || Math.floor(offset) !== offset) {
    if (Math.floor(offset) !== offset) throw errOutOfRange('offset', 'an integer', offset);
    if (max < 0) throw errBufferOutOfBounds();
    throw errOutOfRange('offset', `>= 0 and <= ${max}`, offset);
  }
  return offset;
}

function checkByteLength(byteLength: unknown): number {
  checkNumber(byteLength, 'byteLength');
  if (Math.floor(byteLength) !== byteLength) throw errOutOfRange('byteLength', 'an integer', byteLength);
  if (byteLength < 1 || byteLength > 6) throw errOutOfRange('byteLength', '>= 1 and <= 6', byteLength);
  return byteLength;
}

function checkValue(value: any, bytes: number, signed: boolean, big: boolean): void {
  if (big) {
    const bits = BigInt(bytes * 8);
    const min = signed ? -(2n ** (bits - 1n)) : 0n;
    const max = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
    if (value < min || value > max) {
      const range = signed ? `>= -(2n ** ${bits - 1n}n) and < 2n ** ${bits - 1n}n` : `>= 0n and < 2n ** ${bits}n`;
      throw errOutOfRange('value', range, value);
    }
    return;
  }
  const bits = bytes * 8;
  const min = signed ? -(2 ** (bits - 1)) : 0;
  const max = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
  if (value < min || value > max) {
    const range = bytes > 4
      ? (signed ? `>= -(2 ** ${bits - 1}) and < 2 ** ${bits - 1}` : `>= 0 and < 2 ** ${bits}`)
      : `>= ${min} and <= ${max}`;
    throw errOutOfRange('value', range, value);
  }
}

const FIXED: Array<[string, number, boolean, boolean]> = [
  // suffix, bytes, signed, bigint
  ['UInt8', 1, false, false], ['Int8', 1, true, false],
  ['UInt16LE', 2, false, false], ['UInt16BE', 2, false, false], ['Int16LE', 2, true, false], ['Int16BE', 2, true, false],
  ['UInt32LE', 4, false, false], ['UInt32BE', 4, false, false], ['Int32LE', 4, true, false], ['Int32BE', 4, true, false],
  ['BigUInt64LE', 8, false, true], ['BigUInt64BE', 8, false, true], ['BigInt64LE', 8, true, true], ['BigInt64BE', 8, true, true],
];
const FLOATS: Array<[string, number]> = [['FloatLE', 4], ['FloatBE', 4], ['DoubleLE', 8], ['DoubleBE', 8]];

export function installBufferValidation(Buffer: any): void {
  const proto = Buffer.prototype;
  const alias = (name: string, fn: unknown) => {
    proto[name] = fn;
    if (name.includes('UInt')) proto[name.replace('UInt', 'Uint')] = fn;
  };
  for (const [suffix, bytes, signed, big] of FIXED) {
    const read = proto[`read${suffix}`];
    const write = proto[`write${suffix}`];
    if (typeof read === 'function') {
      alias(`read${suffix}`, {
        [`read${suffix}`](this: Uint8Array, offset?: number) {
          return read.call(this, checkOffset(this, offset, bytes));
        },
      }[`read${suffix}`]);
    }
    if (typeof write === 'function') {
      alias(`write${suffix}`, {
        [`write${suffix}`](this: Uint8Array, value: unknown, offset?: number) {
          checkValue(value, bytes, signed, big);
          return write.call(this, value, checkOffset(this, offset, bytes));
        },
      }[`write${suffix}`]);
    }
  }
  for (const [suffix, bytes] of FLOATS) {
    const read = proto[`read${suffix}`];
    const write = proto[`write${suffix}`];
    proto[`read${suffix}`] = {
      [`read${suffix}`](this: Uint8Array, offset?: number) {
        return read.call(this, checkOffset(this, offset, bytes));
      },
    }[`read${suffix}`];
    proto[`write${suffix}`] = {
      [`write${suffix}`](this: Uint8Array, value: unknown, offset?: number) {
        return write.call(this, value, checkOffset(this, offset, bytes), true);
      },
    }[`write${suffix}`];
  }
  for (const kind of ['IntLE', 'IntBE', 'UIntLE', 'UIntBE']) {
    const read = proto[`read${kind}`];
    const write = proto[`write${kind}`];
    const signed = !kind.startsWith('U');
    alias(`read${kind}`, {
      [`read${kind}`](this: Uint8Array, offset: unknown, byteLength: unknown) {
        if (offset === undefined) throw errInvalidArgType('offset', 'of type number', offset);
        const n = checkByteLength(byteLength);
        return read.call(this, checkOffset(this, offset, n), n);
      },
    }[`read${kind}`]);
    alias(`write${kind}`, {
      [`write${kind}`](this: Uint8Array, value: unknown, offset: unknown, byteLength: unknown) {
        if (offset === undefined) throw errInvalidArgType('offset', 'of type number', offset);
        const n = checkByteLength(byteLength);
        checkValue(value, n, signed, false);
        return write.call(this, value, checkOffset(this, offset, n), n, true);
      },
    }[`write${kind}`]);
  }

  // indexOf/lastIndexOf/includes: Node's type errors and the empty-needle rules.
  const origIndexOf = proto.indexOf;
  const origLastIndexOf = proto.lastIndexOf;
  const checkNeedle = (value: unknown) => {
    if (typeof value !== 'string' && typeof value !== 'number' && !(value instanceof Uint8Array)) {
      throw errInvalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', value);
    }
  };
  const emptyNeedle = (value: unknown, enc: unknown): boolean => {
    if (typeof value === 'string') {
      if (value.length === 0) return true;
      return Buffer.byteLength(value, typeof enc === 'string' ? enc : 'utf8') === 0;
    }
    return value instanceof Uint8Array && value.length === 0;
  };
  const startOf = (len: number, byteOffset: unknown, last: boolean): number => {
    let off = typeof byteOffset === 'string' || byteOffset === undefined ? (last ? len : 0) : +(byteOffset as number);
    if (Number.isNaN(off)) off = last ? len : 0;
    off = Math.trunc(off);
    if (off < 0) off = Math.max(0, len + off);
    return Math.min(off, len);
  };
  // A UTF-16 search only looks at whole code units (the package would read past the end).
  const wide = (buf: Uint8Array, enc: unknown): Uint8Array => {
    if (typeof enc === 'string' && /^(?:ucs-?2|utf-?16le)$/i.test(enc) && buf.length % 2 === 1) return (buf as any).subarray(0, buf.length - 1);
    return buf;
  };
  const asBuffer = (v: unknown): unknown => (v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.length) : v);
  const checkThis = (self: unknown) => {
    if (!ArrayBuffer.isView(self)) throw errInvalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', self);
  };
  proto.indexOf = function indexOf(this: Uint8Array, value: unknown, byteOffset?: unknown, encoding?: unknown) {
    checkThis(this);
    checkNeedle(value);
    value = asBuffer(value);
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = 0;
    }
    if (typeof value === 'string' && typeof encoding === 'string' && !Buffer.isEncoding(encoding)) throw errUnknownEncoding(encoding);
    if (typeof byteOffset === 'number' && Number.isFinite(byteOffset)) byteOffset = Math.trunc(byteOffset);
    if (emptyNeedle(value, encoding)) return startOf(this.length, byteOffset, false);
    return origIndexOf.call(wide(this, encoding), value, byteOffset, encoding);
  };
  proto.lastIndexOf = function lastIndexOf(this: Uint8Array, value: unknown, byteOffset?: unknown, encoding?: unknown) {
    checkThis(this);
    checkNeedle(value);
    value = asBuffer(value);
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    }
    if (typeof value === 'string' && typeof encoding === 'string' && !Buffer.isEncoding(encoding)) throw errUnknownEncoding(encoding);
    if (typeof byteOffset === 'number' && Number.isFinite(byteOffset)) byteOffset = Math.trunc(byteOffset);
    if (emptyNeedle(value, encoding)) return startOf(this.length, byteOffset, true);
    return origLastIndexOf.call(wide(this, encoding), value, byteOffset, encoding);
  };
  proto.includes = function includes(this: Uint8Array, value: unknown, byteOffset?: unknown, encoding?: unknown) {
    return (this as any).indexOf(value, byteOffset, encoding) !== -1;
  };

  // copy(target[, targetStart[, sourceStart[, sourceEnd]]])
  const toInt = (v: unknown, dflt: number): number => {
    const n = +(v as number);
    if (Number.isNaN(n)) return dflt;
    return Number.isFinite(n) ? Math.trunc(n) : n;
  };
  proto.copy = function copy(this: Uint8Array, target: unknown, targetStart?: unknown, sourceStart?: unknown, sourceEnd?: unknown) {
    if (!(this instanceof Uint8Array)) throw errInvalidArgType('source', 'an instance of Buffer or Uint8Array', this);
    if (!ArrayBuffer.isView(target)) throw errInvalidArgType('target', 'an instance of Buffer or Uint8Array', target);
    const tgt = new Uint8Array(target.buffer, target.byteOffset, target.byteLength);
    const tStart = targetStart === undefined ? 0 : toInt(targetStart, 0);
    if (tStart < 0) throw errOutOfRange('targetStart', '>= 0', targetStart);
    const sStart = sourceStart === undefined ? 0 : toInt(sourceStart, 0);
    if (sStart < 0 || sStart > this.length) throw errOutOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    let sEnd = sourceEnd === undefined ? this.length : toInt(sourceEnd, 0);
    if (sEnd < 0) throw errOutOfRange('sourceEnd', '>= 0', sourceEnd);
    if (tStart >= tgt.length || sStart >= sEnd) return 0;
    if (sEnd > this.length) sEnd = this.length;
    const n = Math.min(sEnd - sStart, tgt.length - tStart);
    if (n <= 0) return 0;
    tgt.set(new Uint8Array(this.buffer, this.byteOffset + sStart, n), tStart);
    return n;
  };

  // equals/compare take any Uint8Array.
  const origEquals = proto.equals;
  proto.equals = function equals(this: Uint8Array, otherBuffer: unknown) {
    if (!(otherBuffer instanceof Uint8Array)) throw errInvalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', otherBuffer);
    return origEquals.call(this, asBuffer(otherBuffer));
  };
  const origCompare = proto.compare;
  proto.compare = function compare(this: Uint8Array, target: unknown, ...rest: unknown[]) {
    if (!(target instanceof Uint8Array)) throw errInvalidArgType('target', 'an instance of Buffer or Uint8Array', target);
    return origCompare.call(this, asBuffer(target), ...rest);
  };

  // toString: unknown encodings.
  const toString = proto.toString;
  proto.toString = function toString2(this: Uint8Array, encoding?: unknown, start?: unknown, end?: unknown) {
    if (arguments.length === 0) return toString.call(this);
    if (encoding !== undefined) {
      encoding = `${encoding as string}`;
      if (!Buffer.isEncoding(encoding)) throw errUnknownEncoding(encoding);
    }
    return toString.call(this, encoding, start, end);
  };

  // write(string[, offset[, length]][, encoding])
  const write = proto.write;
  proto.write = function write2(this: Uint8Array, string: unknown, offset?: unknown, length?: unknown, encoding?: unknown) {
    if (typeof string !== 'string') throw makeErr(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    if (offset === undefined) return write.call(this, string);
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      length = this.length;
    } else {
      checkNumber(offset, 'offset');
      if (!(offset >= 0 && offset <= this.length) || Math.floor(offset) !== offset) {
        if (Math.floor(offset) !== offset) throw errOutOfRange('offset', 'an integer', offset);
        throw errOutOfRange('offset', `>= 0 && <= ${this.length}`, offset);
      }
      const remaining = this.length - offset;
      if (length === undefined) length = remaining;
      else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        checkNumber(length, 'length');
        if (!(length >= 0 && length <= this.length) || Math.floor(length) !== length) {
          if (Math.floor(length) !== length) throw errOutOfRange('length', 'an integer', length);
          throw errOutOfRange('length', `>= 0 && <= ${this.length}`, length);
        }
        if (length > remaining) length = remaining;
      }
    }
    if (encoding !== undefined && (typeof encoding !== 'string' || !Buffer.isEncoding(encoding))) throw errUnknownEncoding(encoding);
    return write.call(this, string, offset, length, encoding);
  };
  for (const enc of ['ascii', 'latin1', 'utf8', 'ucs2', 'utf16le', 'hex', 'base64', 'base64url']) {
    const name = `${enc}Write`;
    proto[name] = {
      [name](this: Uint8Array, string: string, offset = 0, length: number = this.length - offset) {
        if (offset < 0 || offset > this.length) throw errBufferOutOfBounds('offset');
        if (length < 0 || length > this.length - offset) throw errBufferOutOfBounds('length');
        return (this as any).write(string, offset, length, enc);
      },
    }[name];
  }
}

const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const sabByteLength = typeof SharedArrayBuffer === 'function'
  ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')?.get : undefined;
function isAnyArrayBuffer(v: unknown): boolean {
  for (const getter of [abByteLength, sabByteLength]) {
    if (!getter) continue;
    try {
      getter.call(v);
      return true;
    } catch { /* not this kind */ }
  }
  return false;
}

function errFirstArgument(value: unknown): Error {
  return makeErr(TypeError, 'ERR_INVALID_ARG_TYPE', 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object. ' +
    `Received ${received(value)}`);
}

/**
 * Node's checks for Buffer.from(value, encodingOrOffset, length) (and the
 * deprecated Buffer(value, ...)); returns the arguments to hand the package.
 */
export function checkFromArgs(Buffer: any, value: unknown, encOrOffset: unknown, length: unknown): [unknown, unknown, unknown] {
  if (typeof value === 'string') {
    if (typeof encOrOffset === 'string' && encOrOffset.length > 0 && !Buffer.isEncoding(encOrOffset)) throw errUnknownEncoding(encOrOffset);
    return [value, encOrOffset, length];
  }
  if (typeof value !== 'object' || value === null) throw errFirstArgument(value);
  if (isAnyArrayBuffer(value)) {
    const total = (value as ArrayBuffer).byteLength;
    let off = encOrOffset === undefined ? 0 : +(encOrOffset as number);
    if (Number.isNaN(off)) off = 0;
    const maxLength = total - off;
    if (maxLength < 0) throw errBufferOutOfBounds('offset');
    let len: number;
    if (length === undefined) len = maxLength;
    else {
      len = +(length as number);
      if (len > 0) {
        if (len > maxLength) throw errBufferOutOfBounds('length');
      } else len = 0;
    }
    return [value, off, len];
  }
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) throw errFirstArgument(value);
  return [value, encOrOffset, length];
}
