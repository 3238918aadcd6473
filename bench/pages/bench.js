// Page-side benchmark helpers. scripts/bench.mjs loads bench/pages/index.html
// in headless Chromium and calls `window.bench.*` through page.evaluate. Every
// Verklet call has a deadline, and failures come back as `{ error }` values
// (never thrown through puppeteer), so a row whose feature is not built yet
// records null with the reason instead of stopping the run.

const params = new URLSearchParams(location.search);
const impl = params.get('impl') ?? 'none';
const statusEl = () => document.getElementById('status');
const setStatus = (text) => {
  const el = statusEl();
  if (el) el.textContent = text;
};

let sdk;
let rt;
let fsWorker;
let almost;
let previewProc;

async function loadSdk() {
  sdk ??= await import('/dist/index.js');
  return sdk;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function errorText(err) {
  if (err && typeof err === 'object' && 'message' in err) return String(err.message);
  return String(err);
}

async function readAll(stream) {
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}

/** Runs a command to the end and collects stdout, stderr, exit code and wall time. */
async function run(command, args, options = {}, timeout = 60_000) {
  const t0 = performance.now();
  const work = (async () => {
    const proc = await rt.spawn(command, args, options);
    const [stdout, stderr, code] = await Promise.all([readAll(proc.stdout), readAll(proc.stderr), proc.exit]);
    return { stdout, stderr, code };
  })();
  const result = await withTimeout(work, timeout, `${command} ${args.join(' ').slice(0, 60)}`);
  return { ...result, ms: performance.now() - t0 };
}

/** A flat `{ 'a/b.js': 'text' }` map as a FileSystemTree. */
function toTree(files) {
  const tree = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/').filter(Boolean);
    let dir = tree;
    for (const part of parts.slice(0, -1)) {
      dir[part] ??= { directory: {} };
      dir = dir[part].directory;
    }
    dir[parts[parts.length - 1]] = { file: { contents } };
  }
  return tree;
}

const api = {
  impl,
  crossOriginIsolated: globalThis.crossOriginIsolated === true,

  /** Boots a runtime into this page (the one the other calls use). */
  async boot(options = {}) {
    try {
      const { Runtime } = await loadSdk();
      const t0 = performance.now();
      rt = await withTimeout(Runtime.boot(options), 30_000, 'Runtime.boot');
      return { ms: performance.now() - t0, capabilities: { ...rt.capabilities } };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  async teardown() {
    try {
      await rt?.teardown();
    } catch {
      // going away regardless
    }
    rt = undefined;
    return true;
  },

  /** spawn('node', ['-e', 'console.log(1)']) until its first stdout chunk. */
  async spawnFirstOutput() {
    try {
      const t0 = performance.now();
      const proc = await rt.spawn('node', ['-e', 'console.log(1)']);
      const reader = proc.stdout.getReader();
      const first = await withTimeout(reader.read(), 20_000, 'first output');
      const ms = performance.now() - t0;
      if (first.done) return { error: 'the process ended without output' };
      reader.releaseLock();
      await withTimeout(proc.exit, 20_000, 'exit');
      return { ms };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** Runs `node -e code` and returns its output (the workloads print `BENCH <number>`). */
  async node(code, options = {}, timeout = 120_000) {
    try {
      return await run('node', ['-e', code], options, timeout);
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** Runs `sh -c line`. */
  async sh(line, options = {}, timeout = 120_000) {
    try {
      return await run('sh', ['-c', line], options, timeout);
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** Any command by name (npm, ...). */
  async cmd(command, args, options = {}, timeout = 180_000) {
    try {
      return await run(command, args, options, timeout);
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /**
   * Puts files into the runtime: `mount` first, then `fs.writeFile`, then a
   * `node -e` program with `fs`. Returns which way worked (or every error).
   */
  async writeFiles(files, mountPoint, { generate } = {}) {
    const errors = [];
    const all = generate ? new Function(`return (${generate})`)()() : files;
    const t0 = performance.now();
    try {
      await withTimeout(rt.mount(toTree(all), { mountPoint }), 120_000, 'mount');
      return { via: 'mount', ms: performance.now() - t0 };
    } catch (err) {
      errors.push(`mount: ${errorText(err)}`);
    }
    try {
      const made = new Set();
      for (const [path, contents] of Object.entries(all)) {
        const full = `${mountPoint}/${path}`;
        const dir = full.slice(0, full.lastIndexOf('/'));
        if (!made.has(dir)) {
          await rt.fs.mkdir(dir, { recursive: true });
          made.add(dir);
        }
        await rt.fs.writeFile(full, contents);
      }
      return { via: 'fs.writeFile', ms: performance.now() - t0 };
    } catch (err) {
      errors.push(`runtime.fs: ${errorText(err)}`);
    }
    return { error: errors.join('; ') };
  },

  /** A big text file for the pipe row: `lines` lines, every `every`th holding an x. */
  async writeBigFile(path, lines, every) {
    const text = makeBigText(lines, every);
    try {
      await withTimeout(rt.fs.writeFile(path, text), 60_000, 'fs.writeFile');
      return { via: 'fs.writeFile', bytes: text.length };
    } catch (err) {
      const first = `fs.writeFile: ${errorText(err)}`;
      const dir = path.slice(0, path.lastIndexOf('/')) || '/';
      const name = path.slice(path.lastIndexOf('/') + 1);
      try {
        await withTimeout(rt.mount(toTree({ [name]: text }), { mountPoint: dir }), 60_000, 'mount');
        return { via: 'mount', bytes: text.length };
      } catch (err2) {
        return { error: `${first}; mount: ${errorText(err2)}` };
      }
    }
  },

  /** A baseline filesystem (memfs or ZenFS) in a Web Worker of this page. */
  async workerFs(lib, loopSource, op, n, budgetMs) {
    fsWorker ??= new Worker('/bench/.build/baseline-worker.js', { type: 'module', name: 'bench-baselines' });
    const id = Math.random();
    return withTimeout(
      new Promise((resolve) => {
        const onMessage = (e) => {
          if (e.data?.id !== id) return;
          fsWorker.removeEventListener('message', onMessage);
          resolve(e.data.result);
        };
        fsWorker.addEventListener('message', onMessage);
        fsWorker.postMessage({ id, lib, loopSource, op, n, budgetMs });
      }),
      120_000,
      `${lib} ${op}`,
    ).catch((err) => ({ error: errorText(err) }));
  },

  /** almostnode's VirtualFS on the main thread, as almostnode runs it. */
  async almostnodeFs(loopSource, op, n, budgetMs) {
    try {
      almost ??= await import('/bench/.build/almostnode.js');
      const vfs = new almost.VirtualFS();
      const loop = new Function(`return (${loopSource})`)();
      return { value: loop(vfs, '/bench', op, n, budgetMs) };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /**
   * Starts `node -e serverCode` (an http server on `port`) and waits until the
   * kernel reports the port open; the server keeps running for previewRps.
   */
  async previewStart(serverCode, port) {
    try {
      let portOpen;
      const opened = new Promise((resolve) => (portOpen = resolve));
      const off = rt.on('port', (p, type) => p === port && type === 'open' && portOpen('port event'));
      const offReady = rt.on('server-ready', (p) => p === port && portOpen('server-ready'));
      previewProc = await rt.spawn('node', ['-e', serverCode]);
      let stderr = '';
      void readAll(previewProc.stderr).then((t) => (stderr = t));
      const early = previewProc.exit.then((code) => {
        throw new Error(`the server exited with ${code}${stderr ? `: ${stderr.trim().split('\n')[0]}` : ''}`);
      });
      try {
        return { how: await withTimeout(Promise.race([opened, early]), 20_000, `port ${port} to open`) };
      } finally {
        off();
        offReady();
      }
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** `n` sequential requests through the service worker, and through fetchPreview. */
  async previewRps(port, n) {
    const out = {};
    try {
      if (!navigator.serviceWorker?.controller) {
        await withTimeout(
          new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true })),
          5000,
          'the preview service worker to control the page',
        ).catch(() => {});
      }
      const url = rt.previewUrl(port, '/');
      const check = await withTimeout(fetch(url), 10_000, 'first preview request');
      const body = await check.text();
      if (!check.ok || body !== 'ok') {
        throw new Error(`the preview URL answered ${check.status} '${body.slice(0, 60)}' (service worker controls the page: ${Boolean(navigator.serviceWorker?.controller)})`);
      }
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await (await fetch(url)).text();
      out.value = (n / (performance.now() - t0)) * 1000;
    } catch (err) {
      out.error = errorText(err);
    }
    try {
      const first = await withTimeout(rt.fetchPreview(port, '/'), 10_000, 'fetchPreview');
      await first.text();
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await (await rt.fetchPreview(port, '/')).text();
      out.fetchPreview = (n / (performance.now() - t0)) * 1000;
    } catch (err) {
      out.fetchPreviewError = errorText(err);
    }
    return out;
  },

  /**
   * Changes one file and waits until the change is committed: through the
   * runtime's commit()/flush() when it has one, else through teardown(),
   * which makes a persisted runtime's last commit before it resolves.
   */
  async commit(path, contents, timeout = 30_000) {
    try {
      const t0 = performance.now();
      await withTimeout(rt.fs.writeFile(path, contents), timeout, 'fs.writeFile');
      const method = ['commit', 'flush'].find((m) => typeof rt[m] === 'function');
      let how;
      if (method) {
        await withTimeout(rt[method](), timeout, `runtime.${method}()`);
        how = `runtime.${method}()`;
      } else {
        await withTimeout(rt.teardown(), timeout, 'teardown (the last commit)');
        rt = undefined;
        how = 'teardown()';
      }
      return { ms: performance.now() - t0, how };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /**
   * Empties the npm tarball cache the runtime keeps in OPFS (the folder
   * CACHE_DIR of src/npm/browser-cache.ts), so the next install fetches
   * every tarball again.
   */
  async clearNpmCache() {
    try {
      const root = await navigator.storage.getDirectory();
      await root.removeEntry('verklet-npm-cache', { recursive: true }).catch((err) => {
        if (err?.name !== 'NotFoundError') throw err;
      });
      return { ok: true };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** rm -rf, through runtime.fs, else the shell. */
  async rm(paths) {
    const errors = [];
    try {
      for (const path of paths) await withTimeout(rt.fs.rm(path, { recursive: true, force: true }), 60_000, 'fs.rm');
      return { ok: true };
    } catch (err) {
      errors.push(`fs.rm: ${errorText(err)}`);
    }
    try {
      const r = await run('sh', ['-c', `rm -rf ${paths.map((p) => `'${p}'`).join(' ')}`], {}, 60_000);
      if (r.code === 0) return { ok: true };
      errors.push(`rm -rf exited ${r.code}: ${r.stderr.trim().split('\n')[0]}`);
    } catch (err) {
      errors.push(`rm -rf: ${errorText(err)}`);
    }
    return { error: errors.join('; ') };
  },

  async readText(path) {
    try {
      return { value: await withTimeout(rt.fs.readFile(path, 'utf8'), 20_000, 'fs.readFile') };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** IndexedDB baseline for snapshots: n small records in, then out again. */
  async idbSnapshot(op, n, run) {
    try {
      const idb = await import('/node_modules/idb-keyval/dist/index.js');
      const store = idb.createStore(`bench-snap-${n}`, 'files');
      const keys = Array.from({ length: n }, (_, i) => `d${Math.floor(i / 100)}/f${i % 100}.txt`);
      if (op === 'seed') {
        await idb.clear(store);
        await idb.setMany(keys.map((k, i) => [k, `file ${i} `.padEnd(100, '.')]), store);
        return { value: n };
      }
      const t0 = performance.now();
      if (op === 'restore') {
        const values = await idb.getMany(keys, store);
        if (values.filter(Boolean).length !== n) throw new Error('missing records');
      } else {
        await idb.set(keys[0], `changed ${run}`.padEnd(100, '.'), store);
      }
      return { value: performance.now() - t0 };
    } catch (err) {
      return { error: errorText(err) };
    }
  },

  /** The tab's memory: every realm (page + workers) where the browser can tell. */
  async memory() {
    if (typeof performance.measureUserAgentSpecificMemory === 'function' && globalThis.crossOriginIsolated) {
      try {
        const m = await withTimeout(performance.measureUserAgentSpecificMemory(), 60_000, 'measureUserAgentSpecificMemory');
        return { bytes: m.bytes, how: 'measureUserAgentSpecificMemory', breakdown: m.breakdown.length };
      } catch (err) {
        return { error: errorText(err) };
      }
    }
    return { error: 'measureUserAgentSpecificMemory needs a cross-origin isolated page' };
  },
};

function makeBigText(lines, every) {
  const parts = new Array(lines);
  for (let i = 0; i < lines; i++) parts[i] = i % every === 0 ? `line ${i} has an x in it, padded to make it longer\n` : `line ${i} has nothing to match, padded to make it longer\n`;
  return parts.join('');
}

window.bench = api;

// Autoboot for the boot row: page load (navigation start, performance's time
// origin) until the runtime is ready, read from performance.now().
async function autoboot() {
  try {
    if (impl === 'verklet') {
      const { Runtime } = await loadSdk();
      rt = await Runtime.boot();
      return { ms: performance.now() };
    }
    if (impl === 'almostnode') {
      almost = await import('/bench/.build/almostnode.js');
      const container = almost.createContainer();
      window.benchContainer = container;
      // A container is ready when it can run code.
      container.execute('module.exports = 1');
      return { ms: performance.now() };
    }
    return { ms: performance.now() };
  } catch (err) {
    return { error: errorText(err) };
  }
}

window.benchReady = impl === 'none' ? Promise.resolve({ ms: 0 }) : autoboot();
window.benchReady.then((r) => setStatus(JSON.stringify(r)));
