import { expect } from '@esm-bundle/chai';
import 'axe-core/axe.js';
import { cleanup, FakeRuntime, fixture, MemoryFS, MODE, nextEvent, until, type RuntimeType } from './helpers.js';
import type { VerkletFilesElement, VerkletPreviewElement, VerkletRuntimeElement, VerkletTerminalElement } from '../../dist/types/elements.js';

interface AxeResult {
  violations: { id: string; impact: string; help: string; nodes: { target: unknown; html: string }[] }[];
}
const axe = (globalThis as unknown as { axe: { run(ctx: Element, opts: object): Promise<AxeResult> } }).axe;

async function check(el: Element): Promise<void> {
  const result = await axe.run(el, { resultTypes: ['violations'] });
  const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.html).join('\n    ')}`);
  expect(problems, problems.join('\n')).to.deep.equal([]);
}

describe(`accessibility (axe-core, ${MODE})`, () => {
  afterEach(cleanup);

  it('<verklet-files> with a tree expanded and a file open', async () => {
    const fake = new FakeRuntime(new MemoryFS({ '/home/project/src/a.js': 'a', '/home/project/README.md': '# hi' }));
    const el = fixture<HTMLElement>('<main><verklet-files></verklet-files></main>').querySelector<VerkletFilesElement>('verklet-files')!;
    el.runtime = fake as unknown as RuntimeType;
    await el.loaded;
    await el.expand('/home/project/src');
    await el.open('/home/project/src/a.js');
    await el.updateComplete;
    await check(el.parentElement!);
  });

  it('<verklet-terminal> after running a command', async () => {
    const main = fixture<HTMLElement>('<main><verklet-terminal></verklet-terminal></main>');
    const term = main.querySelector<VerkletTerminalElement>('verklet-terminal')!;
    await term.run('node', ['-e', 'console.log("\\x1b[32mok\\x1b[0m")']);
    await nextEvent(term, 'verklet-exit');
    await check(main);
  });

  it('<verklet-preview> loaded, and in its error state', async () => {
    const fake = new FakeRuntime(null);
    fake.openPorts.add(3000);
    fake.pages.set('/', '<!doctype html><html lang="en"><title>x</title><h1>Hello</h1></html>');
    const main = fixture<HTMLElement>('<main><verklet-preview port="3000"></verklet-preview><verklet-preview port="9"></verklet-preview></main>');
    const [ok, bad] = [...main.querySelectorAll<VerkletPreviewElement>('verklet-preview')];
    ok!.runtime = fake as unknown as RuntimeType;
    bad!.runtime = fake as unknown as RuntimeType;
    await until(() => ok!.state === 'ready' && bad!.state === 'error', 'both settled');
    await check(main);
  });

  it('<verklet-runtime> showing an error', async () => {
    const main = fixture<HTMLElement>('<main><verklet-runtime backend="nope"><p>inside</p></verklet-runtime></main>');
    const el = main.querySelector<VerkletRuntimeElement>('verklet-runtime')!;
    await el.ready.catch(() => {});
    await el.updateComplete;
    await check(main);
  });
});
