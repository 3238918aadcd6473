/**
 * Package specifiers as npm's npm-package-arg parses them, for the kinds the
 * installer supports: registry specs (`name`, `name@range`, `name@tag`),
 * aliases (`alias@npm:name@range`), tarball URLs, and `file:`/`link:`
 * folders (workspaces). Git specs are reported as unsupported.
 */
import semver from 'semver';
import { NpmError } from './npm-error.js';

export type Spec =
  | { type: 'registry'; name: string; range: string; raw: string }
  | { type: 'tag'; name: string; tag: string; raw: string }
  | { type: 'alias'; name: string; target: Spec & { type: 'registry' | 'tag' }; raw: string }
  | { type: 'remote'; name: string; url: string; raw: string }
  | { type: 'directory'; name: string; path: string; raw: string };

const NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9_.][\w.-]*$/i;

/** Parses the value of a dependency (`"express": "^5.0.0"`). */
export function parseDependency(name: string, value: string): Spec {
  const raw = value.trim();
  if (raw.startsWith('npm:')) {
    const target = parseArg(raw.slice(4));
    if (target.type !== 'registry' && target.type !== 'tag') throw new NpmError('EUNSUPPORTEDPROTOCOL', `Unsupported alias target: ${raw}`);
    return { type: 'alias', name, target, raw };
  }
  if (/^https?:\/\//.test(raw)) return { type: 'remote', name, url: raw, raw };
  if (/^(file|link):/.test(raw)) return { type: 'directory', name, path: raw.replace(/^(file|link):/, ''), raw };
  if (/^(workspace):/.test(raw)) return { type: 'registry', name, range: raw.slice(10) === '*' || raw.slice(10) === '^' || raw.slice(10) === '~' ? '*' : raw.slice(10), raw };
  if (/^(git(\+[a-z]+)?:|github:|gitlab:|bitbucket:|[\w-]+\/[\w.-]+(#.*)?$)/.test(raw)) {
    throw new NpmError('EUNSUPPORTEDPROTOCOL', `Unsupported dependency ${name}@${raw}: git dependencies cannot be installed in the browser yet.`);
  }
  const range = raw === '' || raw === 'latest' ? raw || '*' : raw;
  if (semver.validRange(range, { loose: true }) !== null) return { type: 'registry', name, range, raw };
  if (/^[a-z][\w.-]*$/i.test(raw)) return { type: 'tag', name, tag: raw, raw };
  throw new NpmError('EINVALIDTAGNAME', `Invalid version or tag for ${name}: ${raw}`);
}

/** Parses a command-line argument (`express`, `express@^5`, `foo@npm:bar@1`, a URL). */
export function parseArg(arg: string): Spec {
  if (/^https?:\/\//.test(arg)) return { type: 'remote', name: '', url: arg, raw: arg };
  if (/^(file:|\.{0,2}\/)/.test(arg)) return { type: 'directory', name: '', path: arg.replace(/^file:/, ''), raw: arg };
  const at = arg.indexOf('@', arg.startsWith('@') ? 1 : 0);
  const name = at < 0 ? arg : arg.slice(0, at);
  const rest = at < 0 ? '' : arg.slice(at + 1);
  if (!NAME.test(name)) throw new NpmError('EINVALIDPACKAGENAME', `Invalid package name "${name}"`);
  if (!rest) return { type: 'tag', name, tag: 'latest', raw: arg };
  return parseDependency(name, rest);
}

/** The name of the package a spec installs (an alias's target). */
export function realName(spec: Spec): string {
  return spec.type === 'alias' ? spec.target.name : spec.name;
}
