/**
 * Cookies of in-runtime servers, kept by the preview service worker.
 *
 * A Response constructed in a service worker cannot carry `Set-Cookie` (a
 * forbidden response header: `new Response(..., { headers })` drops it
 * silently), and a request a service worker sees has no `Cookie` header (the
 * network stack would add it later). The Cookie Store API does not help: in
 * a worker it only reaches cookies for URLs under the worker's script URL.
 * So the worker keeps a jar per preview (runtime + port):
 *
 * - Set-Cookie values of a response go into the jar, with their Path taken
 *   relative to the preview (`/` is the preview's root), and become
 *   `document.cookie` assignments under the preview's real path
 *   (`<scope>__verklet__/<runtimeId>/<port>` + Path), so cookies of different
 *   previews and of the app stay apart. The page script applies them: inline
 *   for HTML navigations, from the `x-verklet-set-cookie` header for fetch(),
 *   and from a message to the page for other subresources.
 * - Cookies a preview page sets itself (`document.cookie = ...`) have their
 *   path rewritten the same way by the page script, which tells the jar.
 * - Requests get a `Cookie` header: fetch() from a preview page sends the
 *   page's `document.cookie` (header `x-verklet-cookie`), everything else
 *   (navigations, images, scripts, XHR) what the jar holds for the path.
 *
 * HttpOnly cannot be honoured: page scripts can read every cookie. The jar
 * lives in the worker's memory; after the browser restarts the worker, pages
 * still send their `document.cookie` with fetch().
 */

interface JarCookie {
  name: string;
  value: string;
  /** Relative to the preview's root. */
  path: string;
  expires?: number;
}

interface Parsed extends JarCookie {
  sameSite?: string;
  secure: boolean;
  pathGiven: boolean;
}

const jars = new Map<string, JarCookie[]>();

function parse(header: string): Parsed | null {
  const [pair = '', ...attrs] = header.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (!name && !value) return null;
  const c: Parsed = { name, value, path: '/', secure: false, pathGiven: false };
  let maxAge: number | undefined;
  for (const attr of attrs) {
    const i = attr.indexOf('=');
    const key = (i < 0 ? attr : attr.slice(0, i)).trim().toLowerCase();
    const val = i < 0 ? '' : attr.slice(i + 1).trim();
    if (key === 'path' && val.startsWith('/')) {
      c.path = val;
      c.pathGiven = true;
    } else if (key === 'expires') {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) c.expires = t;
    } else if (key === 'max-age' && /^-?\d+$/.test(val)) maxAge = Number(val);
    else if (key === 'samesite' && /^(strict|lax|none)$/i.test(val)) c.sameSite = val.toLowerCase();
    else if (key === 'secure') c.secure = true;
  }
  if (maxAge !== undefined) c.expires = Date.now() + maxAge * 1000;
  return c;
}

function put(key: string, c: JarCookie): void {
  const jar = (jars.get(key) ?? []).filter((o) => o.name !== c.name || o.path !== c.path);
  if (c.expires === undefined || c.expires > Date.now()) jar.push({ name: c.name, value: c.value, path: c.path, expires: c.expires });
  jars.set(key, jar);
}

/** The default cookie path (RFC 6265 5.1.4) of a request path. */
function defaultPath(requestPath: string): string {
  const p = requestPath.split('?')[0] ?? '/';
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/**
 * Takes a response's Set-Cookie values into the preview's jar; returns the
 * `document.cookie` assignments that show them to the preview's pages.
 */
export function takeSetCookies(key: string, basePath: string, requestPath: string, setCookies: string[]): string[] {
  const out: string[] = [];
  for (const header of setCookies) {
    const c = parse(header);
    if (!c) continue;
    if (!c.pathGiven) c.path = defaultPath(requestPath);
    put(key, c);
    let assignment = `${c.name ? `${c.name}=` : ''}${c.value}; path=${basePath}${c.path}`;
    if (c.expires !== undefined) assignment += `; expires=${new Date(c.expires).toUTCString()}`;
    if (c.sameSite) assignment += `; samesite=${c.sameSite}`;
    if (c.secure) assignment += '; secure';
    out.push(assignment);
  }
  return out;
}

/** A preview page set `document.cookie` (the page script already put the path under `basePath`). */
export function noteAssignment(key: string, basePath: string, assignment: string): void {
  const c = parse(assignment);
  if (!c) return;
  c.path = c.path.startsWith(basePath) ? c.path.slice(basePath.length) || '/' : '/';
  put(key, c);
}

/** The Cookie header the browser would send for `requestPath` (path and query, relative to the preview). */
export function cookieHeader(key: string, requestPath: string): string {
  const path = requestPath.split('?')[0] ?? '/';
  const now = Date.now();
  const matches = (jars.get(key) ?? []).filter(
    (c) => (c.expires === undefined || c.expires > now) && (path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`)),
  );
  // Longer paths first, as browsers order them.
  matches.sort((a, b) => b.path.length - a.path.length);
  return matches.map((c) => (c.name ? `${c.name}=${c.value}` : c.value)).join('; ');
}
