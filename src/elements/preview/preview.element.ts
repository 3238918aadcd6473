/**
 * `<verklet-preview>`: shows what a server in the runtime serves on a port, in
 * an iframe with a small address bar. With the preview service worker the
 * frame loads `runtime.previewUrl(port, path)` (scripts, styles and links all
 * work); without it the page's HTML is fetched with `runtime.fetchPreview` and
 * shown through `srcdoc`, with a note saying what the service worker adds.
 */
import { html, nothing, type PropertyDeclarations, type PropertyValues } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { Runtime } from '../../runtime/runtime.js';
import { VerkletPreviewLoadEvent } from '../../events/verklet-preview-load-event.js';
import { baseStyles } from '../base/base.styles.js';
import { messageOf } from '../base/base-element.js';
import { RuntimeConsumerElement, type Cleanup } from '../base/runtime-consumer.js';
import { previewStyles } from './preview.styles.js';

/** The state of the preview, reflected as the `state` attribute. */
export type PreviewState = 'idle' | 'loading' | 'ready' | 'error';

/** fetchPreview answered 502 (nothing listens) or 504 (no answer in time). */
class PreviewUnreachable extends Error {
  constructor(readonly status: number) {
    super(`preview answered ${status}`);
  }
}

const SANDBOX = 'allow-scripts allow-forms allow-popups allow-modals allow-downloads';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * A live preview of a server running in a Verklet runtime.
 *
 * Set `port` (and optionally `path`); without `port` the element shows the
 * first server that becomes ready. It reloads when the port opens and shows
 * an error when it closes.
 *
 * @summary An iframe preview of a port in a Verklet runtime, with an address bar.
 * @tagname verklet-preview
 *
 * @event {VerkletPreviewLoadEvent} verklet-preview-load - The frame loaded a page (`event.port`, `event.path`).
 * @event {VerkletErrorEvent} verklet-error - No runtime, or the port could not be reached; also shown in place.
 *
 * @csspart toolbar - The address bar.
 * @csspart address - The path input.
 * @csspart reload - The reload button.
 * @csspart open - The "open in new tab" link.
 * @csspart frame - The iframe.
 * @csspart notice - The note shown when previews run without the service worker.
 * @csspart status - The waiting / loading overlay.
 * @csspart error - The in-place error message.
 *
 * @cssproperty --verklet-preview-height - Height of the element. Default 20rem.
 * @cssproperty --verklet-preview-height-narrow - Height on narrow screens (≤ 40rem). Default 16rem.
 * @cssproperty --verklet-preview-frame-background - Background behind the previewed page. Default white.
 * @cssproperty --verklet-background - Element background.
 * @cssproperty --verklet-surface - Address bar background.
 * @cssproperty --verklet-border-color - Border colour.
 * @cssproperty --verklet-accent - Focus ring and spinner colour.
 * @cssproperty --verklet-radius - Corner radius.
 */
export class VerkletPreviewElement extends RuntimeConsumerElement {
  static override styles = [baseStyles, previewStyles];

  static override properties: PropertyDeclarations = {
    port: { type: Number, reflect: true },
    path: { reflect: true },
    state: { reflect: true },
    srcdoc: { state: true },
    src: { state: true },
    serviceWorker: { state: true },
  };

  /** The port whose server to show. Unset: the first server that becomes ready. */
  declare port: number | null;
  /** The path to load. Default `/`. */
  declare path: string;
  /** `idle` (no server yet), `loading`, `ready` or `error` (reflected, for styling). */
  declare state: PreviewState;
  declare protected srcdoc: string | null;
  declare protected src: string | null;
  declare protected serviceWorker: boolean;

  #rt: Runtime | undefined;
  #load = 0;

  constructor() {
    super();
    this.port = null;
    this.path = '/';
    this.state = 'idle';
    this.srcdoc = null;
    this.src = null;
    this.serviceWorker = true;
  }

  /** The URL of the current page, as `runtime.previewUrl(port, path)` gives it. */
  get url(): string | null {
    return this.#rt && this.port ? this.#rt.previewUrl(this.port, this.path) : null;
  }

  /** Loads (again) the page at `port` and `path`. */
  async reload(): Promise<void> {
    const rt = this.#rt;
    const port = this.port;
    if (!rt || !port) return;
    const load = ++this.#load;
    this.clearError();
    this.state = 'loading';
    const path = this.path || '/';
    if (this.serviceWorker) {
      try {
        const probe = await rt.fetchPreview(port, path, { method: 'HEAD' });
        if (probe.status === 502 || probe.status === 504) throw new PreviewUnreachable(probe.status);
      } catch (err) {
        if (load === this.#load) this.#unreachable(port, err);
        return;
      }
      if (load !== this.#load) return;
      this.srcdoc = null;
      const url = rt.previewUrl(port, path);
      // Same URL again: force the frame to navigate.
      this.src = this.src === url ? `${url}${url.includes('?') ? '&' : '?'}__verklet_reload=${load}` : url;
      return;
    }
    let doc: string;
    try {
      const res = await rt.fetchPreview(port, path);
      if (res.status === 502 || res.status === 504) throw new PreviewUnreachable(res.status);
      const text = await res.text();
      const type = res.headers.get('content-type') ?? '';
      doc = !type || type.includes('html') ? text : `<pre style="white-space:pre-wrap;font:13px ui-monospace,monospace">${escapeHtml(text)}</pre>`;
      if (!res.ok && !text) doc = `<p>${res.status} ${escapeHtml(res.statusText)}</p>`;
    } catch (err) {
      if (load === this.#load) this.#unreachable(port, err);
      return;
    }
    if (load !== this.#load) return;
    this.src = null;
    if (this.srcdoc === doc) {
      // The same document again: re-create the frame so it really reloads.
      this.srcdoc = null;
      await this.updateComplete;
      if (load !== this.#load) return;
    }
    this.srcdoc = doc;
  }

  override render() {
    const url = this.url;
    const port = this.port;
    return html`
      <form part="toolbar" @submit=${this.#onSubmit}>
        <span class="origin" aria-hidden="true">${port ? `:${port}` : ':—'}</span>
        <input
          part="address"
          name="path"
          aria-label="Preview path"
          .value=${this.path}
          spellcheck="false"
          autocomplete="off"
        />
        <button part="reload" type="button" aria-label="Reload preview" title="Reload" @click=${() => void this.reload()} ?disabled=${!port}>⟳</button>
        ${this.serviceWorker && url
          ? html`<a part="open" href=${url} target="_blank" rel="noopener" title="Open in a new tab">Open ↗<span class="visually-hidden"> (new tab)</span></a>`
          : html`<button part="open" type="button" disabled title="Opening in a new tab needs the preview service worker">Open ↗</button>`}
      </form>
      ${!this.serviceWorker
        ? html`<p class="notice" part="notice" role="note" data-code="PREVIEW_NO_SERVICE_WORKER">
            <strong>info</strong> <code>PREVIEW_NO_SERVICE_WORKER</code>: previews run without the service worker, so this shows the
            page's HTML only. With <code>/verklet-sw.js</code> served from this site, the frame would also load the page's scripts,
            styles, images and links from the server, and "Open ↗" would work.
          </p>`
        : nothing}
      <div class="body">
        ${this.src || this.srcdoc !== null
          ? html`<iframe
              part="frame"
              title=${`Preview of port ${port ?? ''}${this.path}`}
              sandbox=${this.serviceWorker ? `${SANDBOX} allow-same-origin` : SANDBOX}
              src=${ifDefined(this.src ?? undefined)}
              srcdoc=${ifDefined(this.srcdoc ?? undefined)}
              @load=${this.#onFrameLoad}
            ></iframe>`
          : nothing}
        ${this.#overlay()}
      </div>
    `;
  }

  #overlay() {
    if (this.error) return html`<div class="overlay">${this.renderError()}</div>`;
    if (this.state === 'idle')
      return html`<div class="overlay" part="status" role="status">
        ${this.port ? `Waiting for a server on port ${this.port}…` : 'Waiting for a server to start…'}
      </div>`;
    if (this.state === 'loading') return html`<div class="overlay loading" part="status" role="status">Loading…</div>`;
    return nothing;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#rt && ((changed.has('port') && changed.get('port') !== undefined) || (changed.has('path') && changed.get('path') !== undefined))) {
      void this.reload();
    }
  }

  protected override attachRuntime(rt: Runtime): Cleanup[] {
    this.#rt = rt;
    this.serviceWorker = rt.capabilities.serviceWorker;
    const offPort = rt.on('port', (port, type) => {
      if (port !== this.port) return;
      if (type === 'open') void this.reload();
      else {
        this.#load++;
        this.fail(`The server on port ${port} closed.`, 'preview');
        this.state = 'error';
      }
    });
    const offReady = rt.on('server-ready', (port) => {
      if (this.port === null) this.port = port;
      else if (port === this.port && this.state !== 'loading') void this.reload();
    });
    if (this.port) void this.reload();
    return [
      offPort,
      offReady,
      () => {
        this.#rt = undefined;
        this.#load++;
        this.src = null;
        this.srcdoc = null;
        this.state = 'idle';
      },
    ];
  }

  #unreachable(port: number, err: unknown): void {
    const code = (err as { code?: string } | null)?.code;
    const message =
      (err instanceof PreviewUnreachable && err.status === 502) || code === 'ECONNREFUSED' || /ECONNREFUSED|not listening|no server/i.test(messageOf(err))
        ? `Nothing is listening on port ${port}. The preview loads when a server starts there.`
        : err instanceof PreviewUnreachable
          ? `The server on port ${port} did not answer in time (504). Reload to try again.`
          : `The preview of port ${port} could not be loaded: ${messageOf(err)}`;
    this.fail(message, 'preview', err);
    this.state = 'error';
  }

  #onSubmit(e: SubmitEvent): void {
    e.preventDefault();
    const input = (e.currentTarget as HTMLFormElement).elements.namedItem('path') as HTMLInputElement;
    const value = input.value.trim() || '/';
    const path = value.startsWith('/') ? value : `/${value}`;
    if (path === this.path) void this.reload();
    else this.path = path;
  }

  #onFrameLoad(): void {
    if (!this.#rt || !this.port || (!this.src && this.srcdoc === null)) return;
    this.state = 'ready';
    this.dispatchEvent(new VerkletPreviewLoadEvent(this.port, this.path));
  }
}
