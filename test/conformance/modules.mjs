// Which Node built-in module a file of Node's test/parallel exercises, by its
// name (Node names its tests test-<module>-<what>.js). Shared by
// scripts/node-conformance.mjs and scripts/compat-matrix.mjs.

/** [module, pattern] in order: the first match wins. */
export const MODULE_PATTERNS = [
  ['child_process', /^test-child-process-/],
  ['string_decoder', /^test-string-decoder/],
  ['querystring', /^test-querystring/],
  ['module', /^test-(require|module)-/],
  ['events', /^test-events?-/],
  ['stream', /^test-stream/],
  ['buffer', /^test-buffer-/],
  ['assert', /^test-assert/],
  ['https', /^test-https-/],
  ['http', /^test-http-/],
  ['path', /^test-path/],
  ['util', /^test-util/],
  ['url', /^test-url/],
  ['fs', /^test-fs-/],
  ['crypto', /^test-crypto/],
  ['zlib', /^test-zlib/],
  ['net', /^test-net-/],
  ['os', /^test-os/],
  ['timers', /^test-timers/],
  ['readline', /^test-readline/],
  ['worker_threads', /^test-worker/],
  ['vm', /^test-vm/],
  ['dns', /^test-dns/],
  ['tty', /^test-tty/],
  ['process', /^test-process/],
];

/** The report's order of modules (issue 4 item 4). */
export const REPORT_MODULES = [
  'fs', 'path', 'buffer', 'events', 'stream', 'http', 'child_process', 'module',
  'string_decoder', 'util', 'url', 'querystring', 'assert',
];

export function moduleOf(file) {
  for (const [name, re] of MODULE_PATTERNS) if (re.test(file)) return name;
  return 'other';
}
