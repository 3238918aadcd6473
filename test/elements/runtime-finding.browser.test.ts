import { expect } from '@esm-bundle/chai';
import { cleanup, FakeRuntime, fixture, MODE, until, type RuntimeType } from './helpers.js';
import type { VerkletPreviewElement, VerkletRuntimeElement } from '../../dist/types/elements.js';

// <verklet-preview> without a port is the lightest consumer: it only resolves a runtime.
describe(`runtime-finding rule (${MODE})`, () => {
  afterEach(cleanup);

  it('uses the enclosing <verklet-runtime>, even when a runtime attribute names another', async () => {
    const page = fixture<HTMLDivElement>(`<div>
      <verklet-runtime id="outer-other"></verklet-runtime>
      <verklet-runtime id="outer"><section><verklet-preview runtime="outer-other"></verklet-preview></section></verklet-runtime>
    </div>`);
    const host = page.querySelector<VerkletRuntimeElement>('#outer')!;
    const preview = page.querySelector<VerkletPreviewElement>('verklet-preview')!;
    expect(await preview.resolveRuntime()).to.equal(await host.ready);
  });

  it('finds the enclosing runtime across a shadow root', async () => {
    const host = fixture<VerkletRuntimeElement>('<verklet-runtime><div id="shadow-host"></div></verklet-runtime>');
    const inner = host.querySelector('#shadow-host')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<verklet-preview></verklet-preview>';
    const preview = inner.querySelector<VerkletPreviewElement>('verklet-preview')!;
    expect(await preview.resolveRuntime()).to.equal(await host.ready);
  });

  it('else uses the runtime named by id, also one added to the page later', async () => {
    const page = fixture<HTMLDivElement>('<div><verklet-preview runtime="later"></verklet-preview></div>');
    const preview = page.querySelector<VerkletPreviewElement>('verklet-preview')!;
    const found = preview.resolveRuntime();
    await new Promise((r) => setTimeout(r, 50));
    page.insertAdjacentHTML('beforeend', '<verklet-runtime id="later"></verklet-runtime>');
    const rt = await page.querySelector<VerkletRuntimeElement>('#later')!.ready;
    expect(await found).to.equal(rt);
  });

  it('else shares the page default runtime among all elements', async () => {
    const page = fixture<HTMLDivElement>('<div><verklet-preview></verklet-preview><verklet-preview></verklet-preview></div>');
    const [a, b] = [...page.querySelectorAll<VerkletPreviewElement>('verklet-preview')];
    const [ra, rb] = await Promise.all([a!.resolveRuntime(), b!.resolveRuntime()]);
    expect(ra).to.equal(rb);
    expect(ra.id).to.match(/^rt_/);
  });

  it('an id naming nothing, or a non-runtime, is an error shown in place', async () => {
    const page = fixture<HTMLDivElement>('<div><p id="not-rt"></p><verklet-preview runtime="not-rt"></verklet-preview></div>');
    const preview = page.querySelector<VerkletPreviewElement>('verklet-preview')!;
    const err = await preview.resolveRuntime().then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).to.contain('is a <p>, not a <verklet-runtime>');
    await until(() => preview.error, 'error shown');
    expect(preview.shadowRoot!.querySelector('[part="error"]')?.textContent).to.contain('not a <verklet-runtime>');
  });

  it('a Runtime object set as the runtime property is used as is', async () => {
    const fake = new FakeRuntime();
    const preview = fixture<VerkletPreviewElement>('<verklet-preview></verklet-preview>');
    preview.runtime = fake as unknown as RuntimeType;
    await until(() => fake.listenerCount('port') === 1, 'preview to attach to the fake runtime');
    expect(await preview.resolveRuntime()).to.equal(fake);
    preview.remove();
    await until(() => fake.listenerCount('port') === 0, 'listeners removed on disconnect');
  });
});
