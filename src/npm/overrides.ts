/**
 * The root package.json's `overrides` (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#overrides):
 * `"foo": "1.0.0"` everywhere, `"foo@^1": "1.0.1"` for matching specs,
 * `"parent": { ".": "2.0.0", "child": "3.0.0" }` inside parent's subtree,
 * and `"$foo"` for the root's own spec of foo.
 */
import semver from 'semver';

export interface OverrideRule {
  name: string;
  /** Only edges whose spec may match this range (`foo@^1`). */
  range?: string;
  /** The replacement spec. */
  value?: string;
  /** Rules active in the subtree of the matched package. */
  nested: OverrideRule[];
}

/** Parses an `overrides` object; `rootDeps` resolves `$name` references. */
export function parseOverrides(obj: unknown, rootDeps: Record<string, string>): OverrideRule[] {
  if (!obj || typeof obj !== 'object') return [];
  const rules: OverrideRule[] = [];
  for (const [key, raw] of Object.entries(obj as Record<string, unknown>)) {
    const at = key.indexOf('@', key.startsWith('@') ? 1 : 0);
    const name = at < 0 ? key : key.slice(0, at);
    const range = at < 0 ? undefined : key.slice(at + 1);
    const ref = (v: string) => (v.startsWith('$') ? rootDeps[v.slice(1)] ?? v : v);
    if (typeof raw === 'string') {
      rules.push({ name, ...(range ? { range } : {}), value: ref(raw), nested: [] });
    } else if (raw && typeof raw === 'object') {
      const dot = (raw as Record<string, unknown>)['.'];
      const rest = Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter(([k]) => k !== '.'));
      rules.push({ name, ...(range ? { range } : {}), ...(typeof dot === 'string' ? { value: ref(dot) } : {}), nested: parseOverrides(rest, rootDeps) });
    }
  }
  return rules;
}

/** The rule (last wins: nested rules come after outer ones) matching an edge. */
export function matchOverride(rules: readonly OverrideRule[] | undefined, name: string, spec: string): OverrideRule | undefined {
  if (!rules) return undefined;
  for (let i = rules.length - 1; i >= 0; i--) {
    const r = rules[i]!;
    if (r.name !== name) continue;
    if (r.range) {
      try {
        if (!semver.validRange(spec) || !semver.intersects(spec, r.range, { loose: true })) continue;
      } catch { continue; }
    }
    return r;
  }
  return undefined;
}
