/**
 * Installed when the Node host loads, before any user code runs: the
 * stand-ins that let util.inspect see proxies (inspect-proxy.ts) and promise
 * states (inspect-promise.ts) as Node does.
 *
 * host.ts takes its `inspect` (for fatal errors) from here. The install runs
 * in that binding's initializer on purpose: package.json lists the files with
 * side effects, and bundlers drop a bare import, or a re-export's module
 * body, of any other file.
 */
import { inspect as inspectImpl } from './inspect-format.js';
import { installPromiseHooks } from './inspect-promise.js';
import { installProxyHook } from './inspect-proxy.js';

function installInspectHooks(): typeof inspectImpl {
  installProxyHook();
  installPromiseHooks();
  return inspectImpl;
}

/** util.inspect; importing it installs the hooks. */
export const inspect: typeof inspectImpl = installInspectHooks();
