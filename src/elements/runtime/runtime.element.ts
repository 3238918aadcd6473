/**
 * `<verklet-runtime>`: boots one Runtime from declarative attributes, mounts
 * the files declared in its markup, and is the runtime of every Verklet
 * element inside it (or naming it by id).
 */
import { html, type PropertyDeclarations, type PropertyValues } from 'lit';
import { Runtime } from '../../runtime/runtime.js';
import type { Backend, BootOptions, ServerRuntimeGrant, ServerRuntimeGrantRequest } from '../../runtime/types.js';
import { VerkletBackendChangeEvent } from '../../events/verklet-backend-change-event.js';
import { VerkletErrorEvent } from '../../events/verklet-error-event.js';
import { VerkletPromotionEvent } from '../../events/verklet-promotion-event.js';
import { VerkletReadyEvent } from '../../events/verklet-ready-event.js';
import { BaseElement, messageOf } from '../base/base-element.js';
import { baseStyles } from '../base/base.styles.js';
import { filesFromMarkup } from './parse-files.js';
import { runtimeStyles } from './runtime.styles.js';

/** The values the `backend` attribute accepts. */
export const BACKENDS: readonly Backend[] = ['auto', 'browser', 'server'];

/**
 * Boots a Verklet runtime from attributes and mounts the files declared inside
 * it. Elements inside it, or naming it with `runtime="id"`, use this runtime.
 *
 * Files come from `<script type="application/json" data-files>` children (an
 * object mapping paths to contents, or a FileSystemTree) and from
 * `<template data-path="src/app.js">` children; they are mounted at `workdir`
 * after boot, before `ready` resolves.
 *
 * @summary A declarative Verklet runtime: boot options as attributes, files as markup.
 * @tagname verklet-runtime
 *
 * @slot - Content: other Verklet elements, page markup, and the `data-files` / `data-path` file declarations.
 *
 * @event {VerkletReadyEvent} verklet-ready - The runtime booted and the files were mounted (`event.runtime`).
 * @event {VerkletErrorEvent} verklet-error - A bad attribute, malformed files, or a failed boot or mount; the message is also shown in place.
 * @event {VerkletPromotionEvent} verklet-promotion - A phase of moving the session to the server backend (`backend="auto"`).
 * @event {VerkletBackendChangeEvent} verklet-backend-change - The runtime now runs on another backend.
 *
 * @csspart error - The in-place error message.
 *
 * @cssproperty --verklet-error - Error text and border colour.
 * @cssproperty --verklet-error-background - Error box background.
 * @cssproperty --verklet-radius - Corner radius of boxes and buttons.
 * @cssproperty --verklet-font-family - Font of the element's own text.
 */
export class VerkletRuntimeElement extends BaseElement {
  static override styles = [baseStyles, runtimeStyles];

  static override properties: PropertyDeclarations = {
    backend: { reflect: true },
    persistenceKey: { attribute: 'persistence-key' },
    projectId: { attribute: 'project-id' },
    grantEndpoint: { attribute: 'grant-endpoint' },
    registry: {},
    serviceWorker: { attribute: 'service-worker' },
    workdir: {},
  };

  /** Where the runtime runs: `auto` (browser, promoted to a server when a command needs one), `browser` or `server`. Default `auto`. */
  declare backend: string | null;
  /** Names the persisted workspace snapshot (browser: OPFS; server: the workspace key fallback). */
  declare persistenceKey: string | null;
  /** The public project id; needed for server promotion. */
  declare projectId: string | null;
  /** A URL the element POSTs the `ServerRuntimeGrantRequest` to (JSON); its JSON answer is the grant. */
  declare grantEndpoint: string | null;
  /** The npm registry base URL. */
  declare registry: string | null;
  /** The preview service worker's URL, or `false`/`off` to run without one. */
  declare serviceWorker: string | null;
  /** The working directory files are mounted at and processes start in. Default `/home/project`. */
  declare workdir: string | null;

  /** Extra boot options (e.g. `env`) merged under the attributes; set before the element connects. */
  options: BootOptions = {};

  #runtime: Runtime | undefined;
  #ready!: Promise<Runtime>;
  #settle!: { resolve: (rt: Runtime) => void; reject: (err: unknown) => void };
  #started = false;
  #unsubscribe: (() => void)[] = [];
  #disconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.backend = null;
    this.persistenceKey = null;
    this.projectId = null;
    this.grantEndpoint = null;
    this.registry = null;
    this.serviceWorker = null;
    this.workdir = null;
    this.#reset();
  }

  /** Resolves with the runtime once it is booted and the files are mounted; rejects when it cannot boot. */
  get ready(): Promise<Runtime> {
    return this.#ready;
  }

  /** The runtime once booted; until then a `Promise<Runtime>` (the same as `ready`). */
  get runtime(): Runtime | Promise<Runtime> {
    return this.#runtime ?? this.#ready;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.#disconnectTimer);
    if (this.#started) return;
    this.#started = true;
    // Let attributes and children set right after insertion (same task) count.
    queueMicrotask(() => void this.#start());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#disconnectTimer);
    // A move (remove + insert in one task) keeps the runtime; a removal ends it.
    this.#disconnectTimer = setTimeout(() => {
      if (!this.isConnected) void this.#stop();
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.#runtime && [...changed.keys()].some((k) => k !== 'errorMessage' && changed.get(k) !== undefined)) {
      console.warn('<verklet-runtime>: boot attributes changed after boot; they apply when the element is re-inserted.');
    }
  }

  /** The boot options the attributes describe; throws a message for a bad value. */
  bootOptions(): BootOptions {
    const opts: BootOptions = { ...this.options };
    const backend = this.backend ?? this.getAttribute('backend');
    if (backend !== null && backend !== undefined) {
      if (!(BACKENDS as readonly string[]).includes(backend))
        throw new ConfigError(`backend="${backend}" is not valid: use one of ${BACKENDS.join(', ')}.`, BACKENDS);
      opts.backend = backend as Backend;
    }
    if (this.persistenceKey) opts.persistenceKey = this.persistenceKey;
    if (this.projectId) opts.projectId = this.projectId;
    if (this.registry) opts.registry = this.registry;
    if (this.workdir) {
      if (!this.workdir.startsWith('/')) throw new ConfigError(`workdir="${this.workdir}" must be an absolute path, such as /home/project.`);
      opts.workdir = this.workdir;
    }
    if (this.serviceWorker !== null) {
      const sw = this.serviceWorker.trim();
      if (/^(false|off|none|no)$/i.test(sw)) opts.serviceWorker = false;
      else if (sw === '' || /^(true|on)$/i.test(sw)) opts.serviceWorker = true;
      else opts.serviceWorker = { url: sw };
    }
    if (this.grantEndpoint) {
      const endpoint = new URL(this.grantEndpoint, document.baseURI).href;
      opts.server = { ...opts.server, grant: (req: ServerRuntimeGrantRequest) => requestGrant(endpoint, req) };
    }
    return opts;
  }

  override render() {
    return html`${this.renderError()}<slot></slot>`;
  }

  #reset(): void {
    this.#ready = new Promise<Runtime>((resolve, reject) => (this.#settle = { resolve, reject }));
    // A page that never awaits `ready` must not see an unhandled rejection.
    this.#ready.catch(() => {});
  }

  async #start(): Promise<void> {
    let opts: BootOptions;
    let files;
    try {
      opts = this.bootOptions();
    } catch (err) {
      this.fail(messageOf(err), 'config', err, err instanceof ConfigError ? err.validValues : undefined);
      this.#settle.reject(err);
      return;
    }
    try {
      files = filesFromMarkup(this);
    } catch (err) {
      this.fail(messageOf(err), 'files', err);
      this.#settle.reject(err);
      return;
    }
    let rt: Runtime;
    try {
      rt = await Runtime.boot(opts);
    } catch (err) {
      this.fail(`The runtime could not start: ${messageOf(err)}`, 'boot', err);
      this.#settle.reject(err);
      return;
    }
    if (!this.#started) {
      // Removed from the page while booting.
      void rt.teardown();
      return;
    }
    this.#runtime = rt;
    this.#unsubscribe.push(
      rt.on('promotion', (p) => this.dispatchEvent(new VerkletPromotionEvent(p))),
      rt.on('backend-change', (b) => this.dispatchEvent(new VerkletBackendChangeEvent(b))),
      rt.on('error', (e) => this.dispatchEvent(new VerkletErrorEvent(e.message, { phase: 'runtime' }))),
    );
    if (files) {
      try {
        await rt.mount(files);
      } catch (err) {
        // The runtime itself works; say in place that the files are missing.
        this.fail(`The files could not be mounted: ${messageOf(err)}`, 'mount', err);
      }
    }
    this.#settle.resolve(rt);
    this.dispatchEvent(new VerkletReadyEvent(rt));
  }

  async #stop(): Promise<void> {
    const rt = this.#runtime;
    this.#started = false;
    this.#runtime = undefined;
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#settle.reject(new Error('the <verklet-runtime> was removed from the page'));
    this.#reset();
    this.clearError();
    await rt?.teardown();
  }
}

/** A bad attribute value. */
class ConfigError extends Error {
  readonly validValues: readonly string[] | undefined;
  constructor(message: string, validValues?: readonly string[]) {
    super(message);
    this.validValues = validValues;
  }
}

async function requestGrant(endpoint: string, req: ServerRuntimeGrantRequest): Promise<ServerRuntimeGrant> {
  const res = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(req),
    credentials: 'same-origin',
  });
  if (!res.ok) throw new Error(`grant-endpoint ${endpoint} answered ${res.status} ${res.statusText}`);
  return (await res.json()) as ServerRuntimeGrant;
}
