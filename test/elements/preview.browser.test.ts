import { expect } from '@esm-bundle/chai';
import { cleanup, FakeRuntime, fixture, MODE, nextEvent, shadow, until, type RuntimeType } from './helpers.js';
import type { VerkletPreviewElement } from '../../dist/types/elements.js';
import type { VerkletPreviewLoadEvent } from '../../dist/elements.js';

function setup(markup: string, options: { serviceWorker?: boolean } = {}) {
  const fake = new FakeRuntime(null, options);
  const el = fixture<VerkletPreviewElement>(markup);
  el.runtime = fake as unknown as RuntimeType;
  return { el, fake, root: shadow(el) };
}

describe(`<verklet-preview> (${MODE})`, () => {
  afterEach(cleanup);

  it('without the service worker: fetches the page into srcdoc and shows a diagnostic-style note', async () => {
    const { el, fake, root } = setup('<verklet-preview port="3000" path="/about"></verklet-preview>');
    fake.openPorts.add(3000);
    fake.pages.set('/about', '<h1>About us</h1>');
    const ev = await nextEvent<VerkletPreviewLoadEvent>(el, 'verklet-preview-load');
    expect([ev.port, ev.path]).to.deep.equal([3000, '/about']);
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    const frame = root.querySelector<HTMLIFrameElement>('iframe[part="frame"]')!;
    expect(frame.getAttribute('srcdoc')).to.equal('<h1>About us</h1>');
    expect(frame.hasAttribute('src')).to.equal(false);
    expect(frame.getAttribute('sandbox')).to.not.contain('allow-same-origin');
    expect(frame.title).to.equal('Preview of port 3000/about');
    expect(frame.contentDocument?.querySelector('h1')?.textContent ?? 'opaque').to.be.oneOf(['About us', 'opaque']);
    const note = root.querySelector('[part="notice"]')!;
    expect(note.getAttribute('data-code')).to.equal('PREVIEW_NO_SERVICE_WORKER');
    expect(note.textContent!.replace(/\s+/g, ' ')).to.contain('scripts, styles, images and links');
    expect(root.querySelector<HTMLButtonElement>('button[part="open"]')!.disabled).to.equal(true);
  });

  it('with the service worker: the frame loads runtime.previewUrl(port, path) and "open" links to it', async () => {
    const { el, fake, root } = setup('<verklet-preview port="5173"></verklet-preview>', { serviceWorker: true });
    fake.openPorts.add(5173);
    fake.pages.set('/', '<p>home</p>');
    await until(() => root.querySelector('iframe'), 'the frame');
    const frame = root.querySelector<HTMLIFrameElement>('iframe')!;
    expect(frame.getAttribute('src')).to.equal(fake.previewUrl(5173, '/'));
    expect(frame.hasAttribute('srcdoc')).to.equal(false);
    expect(frame.getAttribute('sandbox')).to.contain('allow-same-origin');
    expect(root.querySelector('[part="notice"]')).to.equal(null);
    expect(root.querySelector<HTMLAnchorElement>('a[part="open"]')!.href).to.equal(fake.previewUrl(5173, '/'));
    expect(root.querySelector<HTMLAnchorElement>('a[part="open"]')!.target).to.equal('_blank');
  });

  it('the address bar changes the path; reload fetches again', async () => {
    const { el, fake, root } = setup('<verklet-preview port="3000"></verklet-preview>');
    fake.openPorts.add(3000);
    fake.pages.set('/', 'home').set('/docs', 'docs');
    await until(() => el.state === 'ready', 'first load');
    const input = root.querySelector<HTMLInputElement>('input[part="address"]')!;
    expect(input.getAttribute('aria-label')).to.equal('Preview path');
    input.value = 'docs';
    root.querySelector('form')!.requestSubmit();
    await until(() => root.querySelector('iframe')?.getAttribute('srcdoc') === 'docs', 'the docs page');
    expect(el.path).to.equal('/docs');
    expect(el.getAttribute('path')).to.equal('/docs');
    const before = fake.fetches.length;
    root.querySelector<HTMLButtonElement>('button[part="reload"]')!.click();
    await until(() => fake.fetches.length > before, 'a reload fetch');
    expect(fake.fetches.at(-1)).to.equal('GET 3000/docs');
    await until(() => el.state === 'ready', 'ready after reloading the same document');
  });

  it('nothing listening: an error state in place; loads when the port opens; error again when it closes', async () => {
    const { el, fake, root } = setup('<verklet-preview port="8080"></verklet-preview>');
    const errored = nextEvent(el, 'verklet-error');
    await errored;
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(root.querySelector('[part="error"]')!.textContent).to.contain('Nothing is listening on port 8080');
    fake.openPorts.add(8080);
    fake.pages.set('/', '<p>up</p>');
    fake.emit('port', 8080, 'open', fake.previewUrl(8080));
    await until(() => el.state === 'ready', 'ready after the port opened');
    expect(root.querySelector('[part="error"]')).to.equal(null);
    fake.openPorts.delete(8080);
    fake.emit('port', 8080, 'close', fake.previewUrl(8080));
    await el.updateComplete;
    expect(el.state).to.equal('error');
    expect(root.querySelector('[part="error"]')!.textContent).to.contain('The server on port 8080 closed');
  });

  it('without a port it waits, then shows the first server that becomes ready', async () => {
    const { el, fake, root } = setup('<verklet-preview></verklet-preview>');
    await until(() => fake.listenerCount('server-ready'), 'attach');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(root.querySelector('[part="status"]')!.textContent).to.contain('Waiting for a server to start');
    fake.openPorts.add(4000);
    fake.pages.set('/', 'four thousand');
    fake.emit('server-ready', 4000, fake.previewUrl(4000));
    await until(() => el.state === 'ready', 'ready');
    expect(el.port).to.equal(4000);
    expect(el.getAttribute('port')).to.equal('4000');
  });

  it('with the real runtime: shows the preview, or says in place why it cannot', async () => {
    const el = fixture<VerkletPreviewElement>('<verklet-preview port="3999"></verklet-preview>');
    await until(() => el.state === 'error' || el.state === 'ready', 'a settled state', 20_000);
    await el.updateComplete;
    // No server listens on 3999: whatever the build supports, the element must say so in place.
    expect(el.state).to.equal('error');
    expect(shadow(el).querySelector('[part="error"]')!.textContent).to.match(/port 3999/);
  });
});
