#!/usr/bin/env node
// Writes docs/compatibility.md: every Node built-in module as supported /
// partial / unsupported, with the tests that show it.
//
//   node scripts/compat-matrix.mjs [--results test-results] [--out docs/compatibility.md]
//
// It reads what earlier runs left in test-results/ and runs nothing itself:
//   conformance-plain.json, conformance-isolated.json   scripts/node-conformance.mjs
//       (Node 24.12.0's own test/parallel files run inside Verklet, plus a probe
//        of which built-ins load and which of Node's exports they lack)
//   node.tap                                             `npm test` (Node's test runner)
//   browser-plain.json, browser-isolated.json            `npm test` (Web Test Runner)
// and maps the project's own tests to modules by the require()/import of
// built-ins in the programs they run inside Verklet:
//   test/node/cases/*.txt        each case is a program the Node host runs (test/node/host.test.mjs)
//   test/node-fs/cases/*.js      fs programs (test/node-fs/differential.test.mjs); the other
//                                test/node-fs/*.test.mjs files test node:fs as well
//   test/**/*.browser.test.ts    each it() block, by the built-ins named in its program text
import { IMPLEMENTATIONS, implementationSection } from './compat-implementations.mjs';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { moduleOf, REPORT_MODULES } from '../test/conformance/modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = argv.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return dflt;
  return argv[i].includes('=') ? argv[i].slice(argv[i].indexOf('=') + 1) : argv[i + 1];
};
const resultsDir = join(root, arg('--results', 'test-results'));
const outFile = join(root, arg('--out', 'docs/compatibility.md'));
const MODES = ['plain', 'isolated'];

// Node 24.12.0's require('module').builtinModules without the _internal ones.
const BUILTINS = [
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
  'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'inspector', 'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks',
  'process', 'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers',
  'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events', 'tty',
  'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib', 'node:sea', 'node:sqlite', 'node:test',
  'node:test/reporters',
];
const BUILTIN_SET = new Set(BUILTINS);

// ----------------------------------------------------------------- inputs

function readJson(file) {
  const p = join(resultsDir, file);
  if (!existsSync(p)) return undefined;
  try {
    return { data: JSON.parse(readFileSync(p, 'utf8')), mtime: statSync(p).mtime, path: relative(root, p) };
  } catch (err) {
    console.warn(`compat-matrix: cannot read ${p}: ${err.message}`);
    return undefined;
  }
}

/** Top-level results of a TAP file: name -> 'pass' | 'fail' | 'skip' (last wins on duplicates). */
function readTap(file) {
  const p = join(resultsDir, file);
  if (!existsSync(p)) return undefined;
  const byName = new Map();
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    const m = /^(not ok|ok) \d+ - (.*?)(?: # (SKIP|TODO)\b.*)?$/.exec(line);
    if (!m) continue;
    const name = m[2].replace(/\\#/g, '#');
    byName.set(name, m[3] ? 'skip' : m[1] === 'ok' ? 'pass' : 'fail');
  }
  return { byName, mtime: statSync(p).mtime, path: relative(root, p) };
}

/** Built-in module names a program text loads (require, import, import(), node: specifiers). */
function builtinsIn(text) {
  const found = new Set();
  const re = /(?:require|import)\s*\(\s*(['"`])([^'"`]+)\1\s*\)|\bfrom\s+(['"])([^'"]+)\3|\bimport\s+(['"])([^'"]+)\5/g;
  for (const m of text.matchAll(re)) {
    let spec = m[2] ?? m[4] ?? m[6];
    if (spec.startsWith('node:') && !BUILTIN_SET.has(spec)) spec = spec.slice(5);
    if (BUILTIN_SET.has(spec)) found.add(spec);
  }
  return [...found];
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(p);
  }
  return out;
}

/** A test name given as a string or template literal, as a RegExp over reported names. */
function nameMatcher(literal) {
  const quote = literal[0];
  const body = literal.slice(1, -1);
  if (quote !== '`') return new RegExp(`^${escapeRe(body.replace(/\\(.)/g, '$1'))}$`);
  return new RegExp(`^${body.split(/\$\{[^}]*\}/).map(escapeRe).join('.*?')}$`);
}
const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The project's tests that run programs in Verklet, each with the built-ins it
 * exercises and where its result is read from.
 */
function projectTests() {
  const tests = [];
  // test/node/cases/*.txt -> host.test.mjs names each `${group}: ${name}`.
  const casesDir = join(root, 'test/node/cases');
  if (existsSync(casesDir)) {
    for (const f of readdirSync(casesDir).filter((x) => x.endsWith('.txt')).sort()) {
      const group = f.replace(/\.txt$/, '');
      const text = readFileSync(join(casesDir, f), 'utf8');
      const blocks = text.split(/^=== /m).slice(1);
      for (const block of blocks) {
        const name = block.slice(0, block.indexOf('\n')).trim();
        const mods = builtinsIn(block);
        // Globals the host provides without a require.
        if (/\bprocess\./.test(block)) mods.push('process');
        if (/\bBuffer\./.test(block) && !mods.includes('buffer')) mods.push('buffer');
        if (/\bset(Timeout|Interval|Immediate)\(/.test(block) && !mods.includes('timers')) mods.push('timers');
        tests.push({ id: `${group}: ${name}`, where: `test/node/cases/${f} (${name})`, runner: 'tap', tapName: `${group}: ${name}`, modules: [...new Set(mods)] });
      }
    }
  }
  // test/node-fs/cases/*.js -> differential.test.mjs names each by file name.
  const fsCases = join(root, 'test/node-fs/cases');
  if (existsSync(fsCases)) {
    for (const f of readdirSync(fsCases).filter((x) => x.endsWith('.js')).sort()) {
      const text = readFileSync(join(fsCases, f), 'utf8');
      const mods = ['fs', ...builtinsIn(text)];
      if (/fs\.promises|\.promises\./.test(text)) mods.push('fs/promises');
      tests.push({ id: f.replace(/\.js$/, ''), where: `test/node-fs/cases/${f}`, runner: 'tap', tapName: f.replace(/\.js$/, ''), modules: [...new Set(mods)] });
    }
  }
  // The other test/node-fs suites test node:fs by name patterns.
  for (const f of ['errors.test.mjs', 'random.test.mjs']) {
    const p = join(root, 'test/node-fs', f);
    if (!existsSync(p)) continue;
    const text = readFileSync(p, 'utf8');
    for (const m of text.matchAll(/\btest\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)/g)) {
      tests.push({ id: m[1].slice(1, -1), where: `test/node-fs/${f}`, runner: 'tap', tapMatcher: nameMatcher(m[1]), modules: ['fs'] });
    }
  }
  // Browser suites: each it() block with the built-ins its program text names.
  for (const p of walk(join(root, 'test')).filter((x) => x.endsWith('.browser.test.ts'))) {
    const text = readFileSync(p, 'utf8');
    const its = [...text.matchAll(/\bit\(\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`)/g)];
    its.forEach((m, i) => {
      const block = text.slice(m.index, its[i + 1]?.index ?? text.length);
      const mods = builtinsIn(block);
      if (!mods.length) return;
      tests.push({ id: m[1].slice(1, -1), where: relative(root, p), runner: 'browser', file: relative(root, p), itName: m[1].slice(1, -1), itMatcher: nameMatcher(m[1]), modules: mods });
    });
  }
  return tests;
}

function tapStatus(t, tap) {
  if (!tap) return 'unknown';
  if (t.tapName) return tap.byName.get(t.tapName) ?? 'unknown';
  const hits = [...tap.byName.entries()].filter(([name]) => t.tapMatcher.test(name)).map(([, s]) => s);
  if (!hits.length) return 'unknown';
  return hits.includes('fail') ? 'fail' : hits.every((s) => s === 'skip') ? 'skip' : 'pass';
}

function browserStatus(t, browser) {
  if (!browser) return 'unknown';
  const failed = browser.data.failures.some((f) => {
    const i = f.indexOf(t.file);
    if (i < 0) return false;
    const rest = f.slice(i + t.file.length).replace(/^: /, '');
    // "file: file failed" / load errors count against every test of the file.
    if (!rest.includes(' > ') && !t.itMatcher.test(rest)) return /failed|error/i.test(rest);
    const last = rest.split(' > ').pop();
    return t.itMatcher.test(last);
  });
  if (failed) return 'fail';
  // The JSON has counts, not names: a pass can be inferred only from a run of the whole suite.
  return browser.complete ? 'pass' : 'unknown';
}

/** it() blocks in all browser suites, to tell a whole-suite run from a partial one (VERKLET_BROWSER_FILES). */
function countBrowserTests() {
  let n = 0;
  for (const p of walk(join(root, 'test')).filter((x) => x.endsWith('.browser.test.ts'))) n += (readFileSync(p, 'utf8').match(/\bit\(/g) ?? []).length;
  return n;
}

// ------------------------------------------------------------------ status

const parentOf = (m) => (m.startsWith('node:') ? m : m.split('/')[0]);

function classify(mod, ctx) {
  const { builtins, conformance, project } = ctx;
  const loads = MODES.map((mode) => builtins[mode]?.[mod]).filter(Boolean);
  const reasons = [];
  const probeKnown = loads.length > 0;
  const loadsEverywhere = probeKnown && loads.every((b) => b.loads);
  const loadsNowhere = probeKnown && loads.every((b) => !b.loads);
  const conf = conformance.filter((c) => c.module === mod);
  const confPassAll = conf.length > 0 && conf.every((c) => MODES.every((m) => c[m] === 'pass' || c[m] === undefined));
  const confPassSome = conf.some((c) => MODES.some((m) => c[m] === 'pass'));
  const proj = project.filter((t) => t.modules.includes(mod));
  const projKnown = proj.filter((t) => t.statuses.some((s) => s === 'pass' || s === 'fail'));
  const projPassAll = projKnown.length > 0 && projKnown.every((t) => t.statuses.every((s) => s !== 'fail'));
  const projPassSome = projKnown.some((t) => t.statuses.includes('pass'));
  const missing = loads.find((b) => b.loads)?.missing ?? [];

  if (loadsNowhere) return { status: 'unsupported', reasons: ['require() throws in the browser runtime'] };
  if (!probeKnown && !conf.length && !projKnown.length) return { status: 'unknown', reasons: ['no results'] };
  const evidence = conf.length + projKnown.length;
  const allPass = (conf.length ? confPassAll : true) && (projKnown.length ? projPassAll : true);
  let status = loadsEverywhere && missing.length === 0 && evidence > 0 && allPass ? 'supported' : 'partial';
  if (probeKnown && !loadsEverywhere) reasons.push(`loads only in ${MODES.filter((m) => builtins[m]?.[mod]?.loads).join(', ')}`);
  if (missing.length) reasons.push(`lacks ${missing.length} of Node's exports`);
  if (conf.length && !confPassAll) {
    const inCommon = conf.filter((c) => c.inCommon).length;
    const probeMode = MODES.find((m) => conf.some((c) => c[`probe-${m}`]));
    const diag = probeMode ? `; ${conf.filter((c) => c[`probe-${probeMode}`] === 'pass').length}/${conf.length} in the diagnostic run` : '';
    reasons.push(`Node's tests: ${conf.filter((c) => MODES.every((m) => c[m] === 'pass')).length}/${conf.length} pass${inCommon ? ` (${inCommon === conf.length ? 'all' : inCommon} stopped in test/common${diag})` : ''}`);
  }
  if (projKnown.length && !projPassAll) reasons.push(`project tests failing: ${projKnown.filter((t) => t.statuses.includes('fail')).length}`);
  // Modules that load with Node's surface but whose core (sockets, sessions) needs the server backend.
  const serverOnly = IMPLEMENTATIONS[mod]?.serverOnly;
  if (serverOnly) {
    status = 'partial';
    reasons.push(serverOnly);
  }
  if (!conf.length && !projKnown.length) reasons.push('loads, but no test exercises it yet');
  // No passing evidence at all and most of the surface missing: say so.
  const b = loads.find((x) => x.loads);
  if (status === 'partial' && !confPassSome && !projPassSome && b?.nodeExports && b.exports / b.nodeExports < 0.25) {
    status = 'unsupported';
    reasons.unshift(`only ${b.exports} of ${b.nodeExports} exports and no passing test`);
  }
  return { status, reasons };
}

// ------------------------------------------------------------------ output

const ICON = { pass: '✅', fail: '❌', timeout: '⏱', error: '⚠', missing: '∅', skip: '–', unknown: '?' };
const esc = (s) => String(s).replace(/\|/g, '\\|').replace(/\n/g, ' ');

function main() {
  const conf = Object.fromEntries(MODES.map((m) => [m, readJson(`conformance-${m}.json`)]));
  const browser = Object.fromEntries(MODES.map((m) => [m, readJson(`browser-${m}.json`)]));
  const browserTotal = countBrowserTests();
  for (const b of Object.values(browser)) {
    if (!b) continue;
    const ran = b.data.passed + b.data.failed + b.data.skipped;
    // A run of some files only: its failures count, its passes cannot be placed.
    b.complete = ran >= 0.9 * browserTotal;
    b.ran = ran;
  }
  const tap = readTap('node.tap');

  // Conformance per file: { file, module, plain, isolated, native, cause }
  const files = new Map();
  for (const mode of MODES) {
    for (const r of conf[mode]?.data.results ?? []) {
      const e = files.get(r.file) ?? { file: r.file, module: r.module ?? moduleOf(r.file), causes: {} };
      e[mode] = r.status;
      if (r.status !== 'pass') e.causes[mode] = r.cause;
      if (r.at?.startsWith('common/')) e.inCommon = true;
      if (r.native) e.native = r.native;
      files.set(r.file, e);
    }
  }
  const conformance = [...files.values()];
  // Diagnostic runs (--diagnose / --probe): shown beside, never used for a status.
  const probe = Object.fromEntries(MODES.map((m) => [m, readJson(`conformance-${m}-probe.json`)]));
  for (const mode of MODES) {
    for (const r of probe[mode]?.data.results ?? []) {
      const e = files.get(r.file);
      if (e) {
        e[`probe-${mode}`] = r.status;
        if (r.status !== 'pass') e.probeCause ??= r.cause;
      }
    }
  }
  const builtins = Object.fromEntries(MODES.map((m) => [m, conf[m]?.data.builtins?.error ? undefined : conf[m]?.data.builtins]));

  const project = projectTests().map((t) => {
    const statuses = t.runner === 'tap' ? [tapStatus(t, tap)] : MODES.map((m) => browserStatus(t, browser[m]));
    return { ...t, statuses };
  });
  const ctx = { builtins, conformance, project };

  const rows = BUILTINS.map((mod) => ({ mod, ...classify(mod, ctx) }));
  const counts = { supported: 0, partial: 0, unsupported: 0, unknown: 0 };
  for (const r of rows) counts[r.status]++;

  const now = new Date();
  const src = conf.plain?.data ?? conf.isolated?.data;
  const L = [];
  L.push('# Node.js compatibility');
  L.push('');
  L.push('<!-- Generated by `node scripts/compat-matrix.mjs`; do not edit by hand. -->');
  L.push('');
  L.push(`Generated ${now.toISOString()} by \`node scripts/compat-matrix.mjs\` from:`);
  L.push('');
  for (const mode of MODES) {
    const c = conf[mode];
    if (c) L.push(`- \`${c.path}\` (${c.data.generatedAt}): Node ${c.data.source?.nodeVersion ?? '?'}'s own tests, ${c.data.summary.total} files of \`${c.data.list}\`, run by \`scripts/node-conformance.mjs\` in ${mode === 'isolated' ? 'cross-origin isolated mode (COOP/COEP, shared memory)' : 'plain mode (no COOP/COEP)'}; ${c.data.chromium}; build of ${c.data.build?.builtAt ?? '?'}${c.data.build?.id ? ` (id ${c.data.build.id})` : ''}`);
    else L.push(`- no \`conformance-${mode}.json\` (run \`node scripts/node-conformance.mjs --tests <node>/test${mode === 'isolated' ? ' --isolated' : ''}\`)`);
  }
  L.push(tap ? `- \`${tap.path}\` (${tap.mtime.toISOString()}): the project's Node-side tests (\`npm test\`)` : '- no `test-results/node.tap` (run `npm test`)');
  for (const mode of MODES) {
    const b = browser[mode];
    L.push(b ? `- \`${b.path}\` (${b.mtime.toISOString()}): the project's browser tests, ${mode}${b.complete ? '' : ` — a partial run (${b.ran} of ${browserTotal} tests), so only its failures are used`}` : `- no \`test-results/browser-${mode}.json\``);
  }
  if (src?.source) L.push(`- Node's tests came from ${src.source.source ?? src.source.path}`);
  L.push('');
  L.push(`**${counts.supported} supported, ${counts.partial} partial, ${counts.unsupported} unsupported${counts.unknown ? `, ${counts.unknown} without results` : ''}** of Node 24.12.0's ${BUILTINS.length} public built-in modules, in the browser backend.`);
  L.push('');
  L.push('- **supported**: `require()` works in both modes, every export Node 24.12.0 has is there, and every test that exercises it passes in both modes (Node\'s own test files and the project\'s tests; at least one exists).');
  L.push('- **partial**: it loads, but exports are missing, a test fails, or nothing tests it yet.');
  L.push('- **unsupported**: `require()` throws (Verklet says the module needs the server backend), or under a quarter of the exports exist and no test passes.');
  L.push('');

  // Node's tests summary per module
  if (conf.plain || conf.isolated) {
    L.push('## Node\'s own tests, per module');
    L.push('');
    L.push('Each file of Node 24.12.0\'s `test/parallel` runs as its own process (`node test/parallel/<file>` in `/node`, Node\'s `test/` mounted at `/node/test`) and passes when it exits 0 within ' + `${(src?.timeoutMs ?? 10000) / 1000} s. "native" is the same file under real Node 24.12.0 on this machine.`);
    L.push('');
    const probeModes = MODES.filter((m) => probe[m]);
    const probeHead = probeModes.map((m) => ` diagnostic, ${m} |`).join('');
    L.push(`| module | plain | isolated | native |${probeHead}`);
    L.push(`| --- | --- | --- | --- |${probeModes.map(() => ' --- |').join('')}`);
    const mods = [...REPORT_MODULES, ...new Set(conformance.map((c) => c.module).filter((m) => !REPORT_MODULES.includes(m)))];
    const cell = (list, key) => {
      const known = list.filter((c) => c[key] !== undefined);
      if (!known.length) return '–';
      const p = known.filter((c) => c[key] === 'pass').length;
      return `${p}/${known.length} (${Math.round((100 * p) / known.length)}%)`;
    };
    for (const m of mods) {
      const list = conformance.filter((c) => c.module === m);
      if (list.length) L.push(`| ${m} | ${cell(list, 'plain')} | ${cell(list, 'isolated')} | ${cell(list, 'native')} |${probeModes.map((pm) => ` ${cell(list, `probe-${pm}`)} |`).join('')}`);
    }
    L.push(`| **overall** | ${cell(conformance, 'plain')} | ${cell(conformance, 'isolated')} | ${cell(conformance, 'native')} |${probeModes.map((pm) => ` ${cell(conformance, `probe-${pm}`)} |`).join('')}`);
    L.push('');
    if (probeModes.length) {
      const d = probe[probeModes[0]].data;
      L.push(`"diagnostic" columns (${probeModes.map((m) => `\`${probe[m].path}\`, ${probe[m].data.generatedAt}`).join('; ')}) are a second run that gets past \`test/common\`: it stubs ${(d.probe ?? []).map((x) => `\`${x}\``).join(', ') || 'nothing'} inside \`test/common\` only and sets ${Object.entries(d.env ?? {}).map(([k, v]) => `\`${k}=${v}\``).join(', ') || 'no variables'}. They show what fails once the harness loads; they are not conformance numbers and no status uses them.`);
      L.push('');
      L.push(`What fails next (diagnostic, ${probeModes[0]}):`);
      L.push('');
      const results = new Map((d.results ?? []).map((r) => [r.file, r]));
      for (const g of (d.categories ?? d.causes ?? []).slice(0, 30)) {
        L.push(`- ${g.files.length} × ${esc(g.category ?? g.cause)}:`);
        for (const f of g.files.slice(0, 8)) {
          const r = results.get(f);
          L.push(`  - \`${f}\`${r?.at ? ` (\`${r.at}\`)` : ''}: \`${esc(r?.cause ?? '').slice(0, 150)}\``);
        }
        if (g.files.length > 8) L.push(`  - … ${g.files.length - 8} more`);
      }
      L.push('');
    }
    for (const mode of MODES) {
      const causes = conf[mode]?.data.causes ?? [];
      if (!causes.length) continue;
      L.push(`Failures by cause (${mode}):`);
      L.push('');
      for (const g of causes.slice(0, 12)) {
        const ats = [...new Set((conf[mode].data.results ?? []).filter((r) => g.files.includes(r.file) && r.at?.startsWith('common/')).map((r) => r.at))];
        L.push(`- ${g.files.length} × \`${esc(g.cause)}\`${ats.length ? ` (in \`test/${ats.join('`, `test/')}\`)` : ''}${g.files.length <= 6 ? ` — ${g.files.join(', ')}` : ''}`);
      }
      L.push('');
    }
  }

  L.push('## Matrix');
  L.push('');
  L.push('| module | status | loads (plain / isolated) | exports vs Node | Node\'s tests (plain / isolated) | project tests | why |');
  L.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const loads = MODES.map((m) => {
      const b = builtins[m]?.[r.mod];
      return b ? (b.loads ? 'yes' : 'no') : '?';
    }).join(' / ');
    const b = MODES.map((m) => builtins[m]?.[r.mod]).find((x) => x?.loads);
    const exportsCell = b ? `${b.exports}/${b.nodeExports}` : '–';
    const list = conformance.filter((c) => c.module === r.mod);
    const confCell = list.length ? MODES.map((m) => `${list.filter((c) => c[m] === 'pass').length}/${list.filter((c) => c[m] !== undefined).length}`).join(' / ') : '–';
    const proj = project.filter((t) => t.modules.includes(r.mod));
    const projKnown = proj.filter((t) => t.statuses.some((s) => s === 'pass' || s === 'fail'));
    const projCell = proj.length ? `${projKnown.filter((t) => t.statuses.every((s) => s !== 'fail')).length}/${proj.length}${projKnown.length < proj.length ? ` (${proj.length - projKnown.length} without result)` : ''}` : '–';
    L.push(`| \`${r.mod}\` | ${r.status} | ${loads} | ${exportsCell} | ${confCell} | ${projCell} | ${esc(r.reasons.join('; '))} |`);
  }
  L.push('');

  L.push(...implementationSection(root));

  L.push('## Evidence per module');
  L.push('');
  L.push(`Node's test files: ${ICON.pass} pass, ${ICON.fail} fail, ${ICON.timeout} timeout, ${ICON.error} runner error, ${ICON.missing} file missing; given as plain / isolated / native. Project tests: the same icons, for the Node-side run or the browser run plain / isolated.`);
  L.push('');
  for (const r of rows) {
    const list = conformance.filter((c) => c.module === r.mod);
    const proj = project.filter((t) => t.modules.includes(r.mod));
    const b = MODES.map((m) => builtins[m]?.[r.mod]).find(Boolean);
    if (!list.length && !proj.length && !(b && (b.error || b.missing?.length))) continue;
    L.push(`### \`${r.mod}\` — ${r.status}`);
    L.push('');
    if (b && !b.loads) L.push(`- \`require('${r.mod}')\`: ${esc(b.error)}`);
    if (b?.missing?.length) L.push(`- missing exports (${b.missing.length}): ${b.missing.slice(0, 60).map((k) => `\`${k}\``).join(', ')}${b.missing.length > 60 ? ', …' : ''}`);
    if (list.length) {
      L.push('- Node\'s tests:');
      for (const c of list) {
        const icons = [...MODES.map((m) => ICON[c[m]] ?? '?'), ICON[c.native] ?? '?'].join(' ');
        const cause = c.causes.plain ?? c.causes.isolated;
        const probeMode = MODES.find((m) => c[`probe-${m}`]);
        // When test/common stopped it, the diagnostic run says what the test itself does next.
        const diag = probeMode && c.inCommon ? `; diagnostic: ${ICON[c[`probe-${probeMode}`]] ?? '?'}${c.probeCause ? ` ${esc(c.probeCause).slice(0, 140)}` : ''}` : '';
        L.push(`  - ${icons} \`${c.file}\`${cause ? ` — ${c.inCommon ? 'in test/common: ' : ''}${esc(cause).slice(0, 120)}` : ''}${diag}`);
      }
    }
    if (proj.length) {
      const failing = proj.filter((t) => t.statuses.includes('fail'));
      const unknown = proj.filter((t) => !t.statuses.includes('fail') && t.statuses.every((s) => s === 'unknown' || s === 'skip'));
      const passing = proj.filter((t) => !failing.includes(t) && !unknown.includes(t));
      L.push(`- project tests: ${passing.length} passing, ${failing.length} failing, ${unknown.length} without a result`);
      for (const t of failing) L.push(`  - ${t.statuses.map((s) => ICON[s] ?? '?').join(' ')} ${esc(t.id)} (\`${t.where}\`)`);
      if (passing.length) {
        const byWhere = new Map();
        for (const t of passing) {
          const key = t.runner === 'browser' ? t.where : t.where.replace(/ \(.*\)$/, '').replace(/\/cases\/[^/]+$/, '/cases/');
          byWhere.set(key, [...(byWhere.get(key) ?? []), t.runner === 'browser' ? t.itName : t.id.replace(/^[^:]+: /, '')]);
        }
        for (const [where, names] of byWhere) L.push(`  - ${ICON.pass} \`${where}\`: ${names.slice(0, 25).map(esc).join(', ')}${names.length > 25 ? `, … (${names.length - 25} more)` : ''}`);
      }
      if (unknown.length) L.push(`  - ${ICON.unknown} no result yet (added after the last \`npm test\`?): ${unknown.slice(0, 25).map((t) => esc(t.id)).join(', ')}${unknown.length > 25 ? ', …' : ''}`);
    }
    L.push('');
  }

  L.push('## Regenerating');
  L.push('');
  L.push('```sh');
  L.push('npm test                                                     # test-results/node.tap, browser-*.json');
  L.push('node scripts/node-conformance.mjs --tests /path/to/node/test --both   # test-results/conformance-{plain,isolated}.json');
  L.push('node scripts/node-conformance.mjs --tests /path/to/node/test --both --diagnose --no-native   # the diagnostic columns');
  L.push('node scripts/compat-matrix.mjs                               # this file');
  L.push('```');
  L.push('');
  L.push('Node\'s `test/` folder is not part of this repository: take it from Node v24.12.0 (the repository `denoland/node_test`, commit "Track Node.js 24.12.0", keeps it with `common/`, `fixtures/` and `parallel/`, or `nodejs/node` at tag `v24.12.0`). The file list is `test/conformance/node-tests.txt`.');
  L.push('');
  writeFileSync(outFile, L.join('\n'));
  console.log(`compat-matrix: wrote ${relative(process.cwd(), outFile)}: ${counts.supported} supported, ${counts.partial} partial, ${counts.unsupported} unsupported${counts.unknown ? `, ${counts.unknown} unknown` : ''}`);
}

main();
