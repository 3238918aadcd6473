// POSIX path for the browser baselines, borrowed from ZenFS's own emulation.
export * from '@zenfs/core/path.js';
import * as path from '@zenfs/core/path.js';
export const posix = path;
export const delimiter = ':';
export default { ...path, posix: path, delimiter };
