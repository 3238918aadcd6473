/**
 * Errors that cross a worker keep their identity: `code`, `errno`, `syscall`,
 * `path`, `dest` survive, so `runtime.fs` rejects as Node's fs does. Comlink's
 * default handler keeps only name, message and stack; this one replaces it and
 * is installed on both sides of every Comlink seam.
 */
import * as Comlink from 'comlink';

interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  props: Record<string, unknown>;
}

const KEPT = ['code', 'errno', 'syscall', 'path', 'dest'] as const;

export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), props: {} };
  const props: Record<string, unknown> = {};
  for (const key of KEPT) {
    const value = (err as unknown as Record<string, unknown>)[key];
    if (value !== undefined) props[key] = value;
  }
  return { name: err.name, message: err.message, stack: err.stack, props };
}

export function deserializeError(s: SerializedError): Error {
  const Ctor = s.name === 'TypeError' ? TypeError : s.name === 'RangeError' ? RangeError : Error;
  const err = new Ctor(s.message);
  if (s.name !== Ctor.name) err.name = s.name;
  if (s.stack) err.stack = s.stack;
  Object.assign(err, s.props);
  return err;
}

let installed = false;

export function installErrorTransfer(): void {
  if (installed) return;
  installed = true;
  const original = Comlink.transferHandlers.get('throw')!;
  Comlink.transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize(value: unknown) {
      const inner = (value as { value: unknown }).value;
      return [{ isError: true, value: serializeError(inner) }, []];
    },
    deserialize(data: unknown) {
      const d = data as { isError: boolean; value: unknown };
      throw d.isError ? deserializeError(d.value as SerializedError) : d.value;
    },
  } as Comlink.TransferHandler<unknown, unknown>);
}
