// Page side of the Node conformance runner (scripts/node-conformance.mjs).
// The driver calls window.conformance.* through page.evaluate. Every call
// resolves to a plain value; failures come back as `{ error }` rather than
// being thrown through puppeteer, so one broken test never stops the run.

const TAIL = 6000; // characters of stdout/stderr kept from the end of each stream
const HEAD = 3000; // and from its beginning

let sdk;
let rt;
let mounted = null;

const setStatus = (text) => {
  const el = document.getElementById('status');
  if (el) el.textContent = text;
};

function errorText(err) {
  if (err && typeof err === 'object' && 'message' in err) return `${err.name ?? 'Error'}: ${err.message}`;
  return String(err);
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

/** Reads a text stream to its end, keeping its length and its last TAIL characters. */
async function drainTail(stream, keep = TAIL) {
  let head = '';
  let tail = '';
  let length = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (head.length < HEAD) head += value.slice(0, HEAD - head.length);
      length += value.length;
      tail = (tail + value).slice(-keep);
    }
  } catch (err) {
    tail += `\n[conformance: stream error ${errorText(err)}]`;
  }
  // The whole text when it fits, else its beginning and its end.
  return { tail: length <= keep ? tail : length <= HEAD + keep ? head + tail.slice(HEAD + keep - length) : `${head}\n[… ${length - HEAD - keep} characters …]\n${tail}`, length };
}

/** Boots a runtime (tearing down the previous one). */
async function boot(options = {}) {
  try {
    sdk ??= await import('/dist/index.js');
    if (rt) await withTimeout(rt.teardown(), 5000, 'teardown').catch(() => {});
    rt = undefined;
    mounted = null;
    const t0 = performance.now();
    rt = await withTimeout(sdk.Runtime.boot({ serviceWorker: false, ...options }), 60_000, 'Runtime.boot');
    rt.on('error', (e) => console.error(`[runtime error] ${e.message}`));
    setStatus(`booted ${rt.id}`);
    return {
      ms: performance.now() - t0,
      id: rt.id,
      capabilities: { ...rt.capabilities },
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/**
 * Fetches the driver's bundle (manifest + concatenated bytes) and mounts it as
 * one FileSystemTree at `mountPoint`.
 */
async function mountBundle(mountPoint) {
  try {
    const t0 = performance.now();
    const [manifest, bytes] = await Promise.all([
      fetch('/__conformance/manifest.json').then((r) => r.json()),
      fetch('/__conformance/bundle.bin').then((r) => r.arrayBuffer()),
    ]);
    const all = new Uint8Array(bytes);
    // Null-prototype objects: fixture names such as 'constructor' must not meet Object.prototype.
    const tree = Object.create(null);
    let offset = 0;
    for (const entry of manifest.files) {
      const parts = entry.path.split('/');
      let dir = tree;
      for (const part of parts.slice(0, -1)) {
        dir[part] ??= { directory: Object.create(null) };
        dir = dir[part].directory;
      }
      const name = parts[parts.length - 1];
      if (entry.symlink !== undefined) dir[name] = { file: { symlink: entry.symlink } };
      else {
        dir[name] = { file: { contents: all.slice(offset, offset + entry.size) } };
        offset += entry.size;
      }
    }
    const t1 = performance.now();
    await rt.mount(tree, { mountPoint });
    mounted = { mountPoint, files: manifest.files.length, bytes: all.byteLength };
    setStatus(`mounted ${manifest.files.length} files at ${mountPoint}`);
    return { ...mounted, fetchMs: t1 - t0, mountMs: performance.now() - t1 };
  } catch (err) {
    return { error: errorText(err) };
  }
}

/**
 * Runs one command to its end or to `timeoutMs`, then SIGKILLs it. `stuck`
 * says the process did not exit even after the kill (the runtime is suspect).
 */
async function run(command, args, options = {}, timeoutMs = 10_000) {
  const t0 = performance.now();
  let proc;
  try {
    proc = await withTimeout(rt.spawn(command, args, { cwd: options.cwd, env: options.env }), 15_000, `spawn ${command}`);
  } catch (err) {
    return { error: `spawn: ${errorText(err)}`, ms: performance.now() - t0 };
  }
  const writer = proc.input.getWriter();
  writer.close().catch(() => {}); // stdin at EOF, as </dev/null
  const out = drainTail(proc.stdout, options.keepStdout ?? TAIL);
  const err = drainTail(proc.stderr);
  let timedOut = false;
  let stuck = false;
  let code;
  const deadline = new Promise((resolve) => setTimeout(() => resolve('timeout'), timeoutMs));
  const first = await Promise.race([proc.exit, deadline]);
  if (first === 'timeout') {
    timedOut = true;
    try {
      proc.kill('SIGKILL');
    } catch {
      // already gone
    }
    const after = await Promise.race([proc.exit, new Promise((r) => setTimeout(() => r('stuck'), 3000))]);
    if (after === 'stuck') stuck = true;
    else code = after;
  } else code = first;
  const ms = performance.now() - t0;
  const streams = await Promise.race([
    Promise.all([out, err]),
    new Promise((r) => setTimeout(() => r(null), 1000)),
  ]);
  const [stdout, stderr] = streams ?? [{ tail: '[conformance: stdout did not end]', length: -1 }, { tail: '[conformance: stderr did not end]', length: -1 }];
  return { code: code ?? null, timedOut, stuck, ms, stdout: stdout.tail, stderr: stderr.tail, stdoutLength: stdout.length, stderrLength: stderr.length };
}

async function teardown() {
  try {
    if (rt) await withTimeout(rt.teardown(), 5000, 'teardown');
  } catch (err) {
    return { error: errorText(err) };
  } finally {
    rt = undefined;
    mounted = null;
  }
  return {};
}

window.conformance = { boot, mountBundle, run, teardown, status: () => ({ booted: !!rt, mounted }) };
setStatus('ready');
window.conformanceReady = true;
