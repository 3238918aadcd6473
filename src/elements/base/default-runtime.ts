/**
 * The page's default runtime: elements with neither an enclosing
 * `<verklet-runtime>` nor a `runtime` attribute all share this one, booted
 * lazily the first time an element asks for it.
 */
import { Runtime } from '../../runtime/runtime.js';

let pageRuntime: Promise<Runtime> | undefined;

/** The page's shared runtime; boots it on first call. A failed boot is retried on the next call. */
export function defaultRuntime(): Promise<Runtime> {
  pageRuntime ??= Runtime.boot().catch((err: unknown) => {
    pageRuntime = undefined;
    throw err;
  });
  return pageRuntime;
}
