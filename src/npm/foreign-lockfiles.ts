/**
 * Versions pinned by yarn.lock (v1 and Berry) and pnpm-lock.yaml (v5–v9),
 * read just enough to prefer them when resolving: `pnpm install` and
 * `yarn install` run through the npm installer and keep the versions their
 * lockfiles chose. Neither file is written back.
 */

type Pins = Map<string, string[]>;

function add(pins: Pins, name: string, version: string): void {
  if (!name || !version) return;
  const list = pins.get(name) ?? [];
  if (!list.includes(version)) list.push(version);
  pins.set(name, list);
}

const unquote = (s: string) => s.trim().replace(/^["']|["']$/g, '');

function nameOfDescriptor(d: string): string {
  const s = unquote(d);
  const at = s.indexOf('@', s.startsWith('@') ? 1 : 0);
  return at < 0 ? s : s.slice(0, at);
}

/** name → versions from a yarn.lock (v1 `version "x"` or Berry `version: x`). */
export function readYarnLock(text: string): Pins {
  const pins: Pins = new Map();
  let names: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim() || line.startsWith('#')) continue;
    if (!/^\s/.test(line) && line.trimEnd().endsWith(':')) {
      names = line.trimEnd().slice(0, -1).split(/,\s*/).map(nameOfDescriptor).filter((n) => n !== '__metadata');
      continue;
    }
    const m = /^\s{2}version:?\s+"?([^"\s]+)"?/.exec(line);
    if (m && names.length) {
      for (const n of new Set(names)) add(pins, n, m[1]!);
      names = [];
    }
  }
  return pins;
}

/** name → versions from a pnpm-lock.yaml (`packages:`/`snapshots:` keys). */
export function readPnpmLock(text: string): Pins {
  const pins: Pins = new Map();
  let inPackages = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) { inPackages = /^(packages|snapshots):/.test(line); continue; }
    if (!inPackages) continue;
    const m = /^ {2}(\S.*):\s*$/.exec(line);
    if (!m) continue;
    let key = unquote(m[1]!).replace(/^\//, '').replace(/\(.*$/, '').replace(/_.*$/, '');
    key = key.replace(/:$/, '');
    const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
    if (at > 0) { add(pins, key.slice(0, at), key.slice(at + 1)); continue; }
    const slash = key.lastIndexOf('/'); // v5: name/version
    if (slash > 0) add(pins, key.slice(0, slash), key.slice(slash + 1));
  }
  return pins;
}
