/**
 * The seeded Verdaccio on loopback, as the browser suites reach it: the test
 * runner serves /__verklet_registry__/ endpoints (scripts/registry/browser-suite.mjs).
 */
export async function endpoint<T>(path: string): Promise<T> {
  const sep = path.includes('?') ? '&' : '?';
  const r = await fetch(`/__verklet_registry__/${path}${sep}t=${Date.now()}-${Math.random()}`, { cache: 'no-store' });
  const body = (await r.json()) as T & { error?: string };
  if (body.error) throw new Error(`registry endpoint ${path}: ${body.error}`);
  return body;
}

export const registryUrl = (): Promise<string> => endpoint<{ url: string }>('info').then((b) => b.url);
