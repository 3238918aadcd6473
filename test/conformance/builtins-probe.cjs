'use strict';
// Which built-in modules load, and what they export. scripts/node-conformance.mjs
// runs this inside Verklet and under real Node 24.12.0 and compares:
//   node builtins-probe.cjs           prints JSON { node, modules: { name: { ok, keys } | { ok: false, error } } }
// `keys` are the export's own property names (for a function export, its own
// static names too), sorted; non-public names (leading underscore) are left out.
const { builtinModules } = require('module');

const names = builtinModules.filter((m) => !m.startsWith('_'));
const modules = {};
for (const name of names) {
  try {
    const m = require(name.startsWith('node:') ? name : `node:${name}`);
    const keys = new Set();
    if (m !== null && (typeof m === 'object' || typeof m === 'function')) {
      for (const k of Object.getOwnPropertyNames(m)) {
        if (k.startsWith('_')) continue;
        if (typeof m === 'function' && ['length', 'name', 'prototype', 'arguments', 'caller'].includes(k)) continue;
        keys.add(k);
      }
    }
    modules[name] = { ok: true, type: typeof m, keys: [...keys].sort() };
  } catch (err) {
    modules[name] = { ok: false, error: `${err && err.code ? `${err.code}: ` : ''}${err && err.message ? err.message : String(err)}`.slice(0, 300) };
  }
}
process.stdout.write(JSON.stringify({ node: process.version, modules }));
