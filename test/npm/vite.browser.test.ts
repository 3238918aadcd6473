/**
 * The Vite 6 dev server in the runtime, installed from the seeded loopback
 * registry the way a browser runtime installs it: esbuild and rollup replaced
 * by esbuild-wasm and @rollup/wasm-node through `overrides`. The page is
 * rendered in a frame through the service worker (Vite's client, its HMR
 * WebSocket, TypeScript compiled by esbuild-wasm's service child process),
 * and an edit reaches the open page.
 */
import { expect } from '@esm-bundle/chai';
import { Runtime, MODE } from '../helpers/runtime.js';
import { openFrame, previewMessages, until } from '../preview/frames.js';
import { registryUrl } from './registry-endpoint.js';

type Rt = Awaited<ReturnType<typeof Runtime.boot>>;

const DIR = '/home/project/vite-app';
const PORT = 5173;

const PACKAGE_JSON = {
  name: 'vite-app',
  version: '1.0.0',
  private: true,
  type: 'module',
  scripts: { dev: `vite --port ${PORT} --strictPort` },
  dependencies: { vite: '6.4.6' },
  overrides: { esbuild: 'npm:esbuild-wasm@0.25.9', rollup: 'npm:@rollup/wasm-node@4.68.4' },
};

const FILES: Record<string, string> = {
  'index.html': '<!doctype html>\n<html><body><div id="app"></div><script type="module" src="/main.js"></script></body></html>\n',
  'main.js': "import { msg } from './msg.ts';\ndocument.querySelector('#app').textContent = msg;\n",
  'msg.ts': "export const msg: string = 'hello from vite';\n",
};

describe(`Vite 6 dev server in the runtime (${MODE})`, function () {
  this.timeout(300_000);
  let rt: Rt;
  let server: Awaited<ReturnType<Rt['spawn']>> | undefined;
  const stdout: string[] = [];
  const stderr: string[] = [];
  const collect = (into: string[]) => new WritableStream<string>({ write: (c) => void into.push(c) });
  const sh = (cmd: string) => rt.exec(cmd, { cwd: DIR });

  before(async function () {
    this.timeout(600_000); // the first run on a machine seeds the registry
    rt = await Runtime.boot({ registry: await registryUrl() });
    await rt.fs.mkdir(DIR, { recursive: true });
    await rt.fs.writeFile(`${DIR}/package.json`, JSON.stringify(PACKAGE_JSON, null, 2));
    for (const [name, text] of Object.entries(FILES)) await rt.fs.writeFile(`${DIR}/${name}`, text);
  });
  after(async () => {
    server?.kill('SIGTERM');
    await server?.exit;
    await rt?.teardown();
  });

  it('npm install takes the WASM builds through overrides', async () => {
    const r = await sh('npm install');
    expect(r.exitCode, r.stderr).to.equal(0);
    expect(JSON.parse(await rt.fs.readFile(`${DIR}/node_modules/esbuild/package.json`, 'utf8')).name).to.equal('esbuild-wasm');
    expect(JSON.parse(await rt.fs.readFile(`${DIR}/node_modules/rollup/package.json`, 'utf8')).name).to.equal('@rollup/wasm-node');
    // esbuild-wasm's service: a child process whose Go runtime reads requests with fs.read(0, …).
    const ts = await sh(`node -e "require('esbuild').transform('let x: number = 1', { loader: 'ts' }).then((r) => console.log(r.code))"`);
    expect(ts.stdout, ts.stderr).to.equal('let x = 1;\n\n');
  });

  it('npm run dev starts Vite; its modules come through fetchPreview', async () => {
    server = await rt.spawn('npm', ['run', 'dev'], { cwd: DIR });
    void server.stdout.pipeTo(collect(stdout)).catch(() => {});
    void server.stderr.pipeTo(collect(stderr)).catch(() => {});
    await until(() => stdout.join('').includes('ready in'), 120_000);
    expect(stdout.join('')).to.contain('VITE v6.4.6');
    const page = await rt.fetchPreview(PORT, '/');
    expect(page.status).to.equal(200);
    const html = await page.text();
    expect(html).to.contain('<script type="module" src="/@vite/client"></script>');
    // The import rewritten by Vite's import analysis; TypeScript compiled by esbuild-wasm.
    expect(await (await rt.fetchPreview(PORT, '/main.js')).text()).to.contain('import { msg } from "/msg.ts";');
    expect(await (await rt.fetchPreview(PORT, '/msg.ts')).text()).to.match(/^export const msg = "hello from vite";/);
    expect(stderr.join('')).to.equal('');
  });

  it('the page renders in a frame through the service worker, and an edit reaches it', async () => {
    const messages = previewMessages(rt);
    const frame = await openFrame(rt.previewUrl(PORT, '/'));
    try {
      const text = () => frame.contentDocument?.querySelector('#app')?.textContent;
      await until(() => text() === 'hello from vite', 60_000);
      // Edit once Vite's client has its WebSocket up (it says so on the page's console):
      // a change made before that reaches no page.
      await messages.wait((m) => m.message.includes('[vite] connected'), 60_000);
      await rt.fs.writeFile(`${DIR}/msg.ts`, "export const msg: string = 'edited';\n");
      await until(() => text() === 'edited', 60_000).catch((e) => {
        throw new Error(`${e.message}\nstdout: ${stdout.join('')}\nstderr: ${stderr.join('')}`);
      });
    } finally {
      messages.off();
      frame.remove();
    }
    expect(stderr.join('')).to.equal('');
  });
});
