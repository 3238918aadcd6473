/**
 * POSIX path resolution for the facade: API.md lets users pass paths relative
 * to `workdir`; everything past the facade sees absolute, normalised paths.
 */
export function resolvePath(base: string, path: string): string {
  const full = path.startsWith('/') ? path : `${base}/${path}`;
  const parts: string[] = [];
  for (const part of full.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}
