/**
 * The names of the in-process utilities, kept apart from the registry (and
 * free of imports) so `which` can consult them without importing itself
 * through index.ts, and so a process worker can tell that `ls` exists without
 * loading the utilities. index.ts adds every registered name as well.
 */
export const UTILITY_NAMES = new Set<string>([
  'cat', 'ls', 'echo', 'printf', 'pwd', 'mkdir', 'rm', 'rmdir', 'cp', 'mv', 'touch', 'ln', 'head', 'tail', 'wc', 'sort',
  'uniq', 'grep', 'egrep', 'fgrep', 'sed', 'tr', 'cut', 'find', 'xargs', 'tee', 'env', 'which', 'date', 'chmod', 'du',
  'diff', 'test', '[', 'true', 'false', 'sleep', 'seq', 'basename', 'dirname', 'clear', 'yes', 'realpath', 'history',
  'ps', 'kill',
]);
