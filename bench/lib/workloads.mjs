// The workloads every side runs, as source text: the same loop runs in a
// Verklet process (`node -e`), in native Node, in memfs/ZenFS in a worker and
// in almostnode's VFS, so only the filesystem underneath differs.

/**
 * Times up to `n` small-file operations (stopping early once `budgetMs` have
 * passed, so a slow side cannot stretch the run) and returns ops/s. `fs` is
 * anything with Node's sync API; `op` is 'read' (1 KB readFileSync), 'stat'
 * (statSync) or 'write' (4 KB writeFileSync).
 */
export function fsLoop(fs, dir, op, n, budgetMs) {
  const now = typeof performance !== 'undefined' && performance.now ? () => performance.now() : () => Date.now();
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (err) {
    if (!err || err.code !== 'EEXIST') throw err;
  }
  const file = dir + '/bench-' + op + '.txt';
  const oneKb = 'a'.repeat(1024);
  const fourKb = 'b'.repeat(4096);
  fs.writeFileSync(file, oneKb);
  let body;
  if (op === 'read') body = () => fs.readFileSync(file);
  else if (op === 'stat') body = () => fs.statSync(file);
  else body = () => fs.writeFileSync(file, fourKb);
  const budget = budgetMs || Infinity;
  const timed = (count, limit) => {
    const t0 = now();
    let done = 0;
    while (done < count) {
      body();
      done++;
      if ((done & 15) === 0 && now() - t0 > limit) break;
    }
    return { done, ms: now() - t0 };
  };
  timed(Math.max(10, Math.floor(n / 10)), budget / 10);
  const { done, ms } = timed(n, budget);
  return (done / Math.max(ms, 0.001)) * 1000;
}

export const FS_LOOP_SOURCE = fsLoop.toString();

/** A `node -e` program that runs fsLoop on the real `fs` and prints `BENCH <ops/s>`. */
export function fsProgram(dir, op, n, budgetMs) {
  return `const fs = require('fs');\n${FS_LOOP_SOURCE}\nconsole.log('BENCH ' + fsLoop(fs, ${JSON.stringify(dir)}, ${JSON.stringify(op)}, ${n}, ${budgetMs}));`;
}

/**
 * The require tree: 20 packages in node_modules, each a package.json plus an
 * index that requires 9 sibling files: 200 modules (plus package.json reads
 * and node_modules resolution), and the entry program that requires them all.
 */
export function requireTree() {
  const files = {};
  for (let p = 0; p < 20; p++) {
    const base = `node_modules/pkg${p}`;
    files[`${base}/package.json`] = JSON.stringify({ name: `pkg${p}`, version: '1.0.0', main: 'lib/index.js' });
    const parts = [];
    for (let f = 1; f <= 9; f++) {
      files[`${base}/lib/part${f}.js`] = `'use strict';\nconst value = ${p * 100 + f};\nmodule.exports = function part${f}(x) { return x + value; };\n`;
      parts.push(`require('./part${f}')`);
    }
    files[`${base}/lib/index.js`] = `'use strict';\nconst parts = [${parts.join(', ')}];\nmodule.exports = (x) => parts.reduce((a, f) => f(a), x);\n`;
  }
  return files;
}

export const REQUIRE_PROGRAM = `const now = () => performance.now();
const t0 = now();
let total = 0;
for (let p = 0; p < 20; p++) total += require('pkg' + p)(1);
const ms = now() - t0;
if (total !== ${expectedRequireTotal()}) throw new Error('wrong total ' + total);
console.log('BENCH ' + ms);`;

function expectedRequireTotal() {
  let total = 0;
  for (let p = 0; p < 20; p++) {
    let x = 1;
    for (let f = 1; f <= 9; f++) x += p * 100 + f;
    total += x;
  }
  return total;
}

/** A `node -e` http server answering 'ok'; prints `LISTENING <port>`. */
export function serverProgram(port) {
  return `const http = require('http');
const server = http.createServer((req, res) => { res.setHeader('content-type', 'text/plain'); res.end('ok'); });
server.listen(${port}, '127.0.0.1', () => console.log('LISTENING ' + server.address().port));`;
}

/** The 10,000-file tree of the snapshot rows: 100 folders of 100 small files. */
export function snapshotFiles(count = 10_000) {
  const files = {};
  for (let i = 0; i < count; i++) files[`d${Math.floor(i / 100)}/f${i % 100}.txt`] = `file ${i} `.padEnd(100, '.');
  return files;
}

/** Generator source the page runs to build snapshotFiles without shipping 1 MB over CDP. */
export const SNAPSHOT_FILES_SOURCE = `() => { const files = {}; for (let i = 0; i < 10000; i++) files['d' + Math.floor(i / 100) + '/f' + (i % 100) + '.txt'] = ('file ' + i + ' ').padEnd(100, '.'); return files; }`;

/** Parses the `BENCH <number>` line a workload prints. */
export function parseBench(stdout) {
  const m = /BENCH (\S+)/.exec(stdout ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * The telling line of an error text (the `XxxError: message` line of a
 * Node-style report, else the first line), short enough for a table note.
 */
export function firstLine(text, max = 160) {
  const lines = String(text ?? '').trim().split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines.find((l) => /^([A-Z][A-Za-z]*)?(Error|Exception)\b/.test(l) || /^[a-z][\w-]*: /.test(l)) ?? lines[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
