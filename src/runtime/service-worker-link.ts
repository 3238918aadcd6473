/**
 * Connects a runtime to the preview service worker (dist/verklet-sw.js).
 *
 * Same origin (default): the page registers the worker, then hands it a
 * "line", a MessagePort whose other end the kernel holds, so preview requests
 * go worker → kernel → the listening process without touching the page, plus
 * a control port on which the worker sends what preview pages report
 * (console, errors) back to this page.
 *
 * Separate preview origin (`previewOrigin`): the page embeds the origin's
 * bridge page (dist/verklet-preview.html) in a hidden frame; the bridge
 * registers its own copy of the worker on that origin and relays the same
 * register messages (ports included) over a MessageChannel. Preview pages
 * then live on that origin and cannot reach the app's cookies or storage.
 *
 * Browsers stop idle service workers at will; a restarted worker has lost its
 * lines and asks every page (or the bridge) to register again.
 */
export interface ServiceWorkerLink {
  scope: string;
  /** Resolves once the worker has it, so pages loaded afterwards run it. */
  setPreviewScript(script: string): Promise<void>;
  dispose(): void;
}

export interface PreviewMessage {
  port: number;
  type: 'console' | 'error';
  level?: string;
  message: string;
}

export interface LinkOptions {
  url: string;
  scope: string;
  runtimeId: string;
  isolated: boolean;
  /** Gives the kernel its end of a fresh line. */
  attach(port: MessagePort): void;
  /** A separate origin (optionally with a path) that serves verklet-preview.html and verklet-sw.js. */
  previewOrigin?: string;
  /** Hears console messages and uncaught errors of preview pages. */
  onPreviewMessage?(message: PreviewMessage): void;
}

const READY_TIMEOUT = 4000;
const BRIDGE_PAGE = 'verklet-preview.html';

type Post = (msg: unknown, transfer: Transferable[]) => void;

/** Builds register messages and remembers the preview script for re-registrations. */
function registrar(opts: LinkOptions, crossOrigin: boolean) {
  let script = '';
  let control: MessagePort | undefined;
  return {
    register(post: Post): void {
      const line = new MessageChannel();
      const ctl = new MessageChannel();
      opts.attach(line.port1);
      control?.close();
      control = ctl.port1;
      control.onmessage = (e: MessageEvent<{ type?: string; message?: PreviewMessage }>) => {
        if (e.data?.type === 'preview-message' && e.data.message) opts.onPreviewMessage?.(e.data.message);
      };
      post(
        { type: 'verklet-register', runtimeId: opts.runtimeId, isolated: opts.isolated, crossOrigin, port: line.port2, control: ctl.port2, script },
        [line.port2, ctl.port2],
      );
    },
    setScript(post: Post | undefined, value: string): Promise<void> {
      script = value;
      if (!post) return Promise.resolve();
      const ack = new MessageChannel();
      const done = new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, READY_TIMEOUT);
        ack.port1.onmessage = () => {
          clearTimeout(timer);
          ack.port1.close();
          resolve();
        };
      });
      post({ type: 'verklet-preview-script', runtimeId: opts.runtimeId, script, ack: ack.port2 }, [ack.port2]);
      return done;
    },
    close(): void {
      control?.close();
      control = undefined;
    },
  };
}

export async function linkServiceWorker(opts: LinkOptions): Promise<ServiceWorkerLink> {
  if (opts.previewOrigin) return linkBridge(opts, opts.previewOrigin);
  const container = navigator.serviceWorker;
  if (!container) throw new Error('service workers are not available (an insecure context, or a private window that disables them)');
  const registration = await container.register(opts.url, { scope: opts.scope });
  const worker = await activeWorker(registration);
  const lines = registrar(opts, false);
  let current: ServiceWorker = worker;
  const postTo = (target: ServiceWorker): Post => (msg, transfer) => target.postMessage(msg, transfer);
  lines.register(postTo(worker));
  const onMessage = (e: MessageEvent) => {
    if (e.data?.type === 'verklet-reregister') {
      const target = (e.source as ServiceWorker | null) ?? registration.active;
      if (target) {
        current = target;
        lines.register(postTo(target));
      }
    }
  };
  container.addEventListener('message', onMessage);
  // Pages that are not controlled by the worker still receive its messages.
  container.startMessages?.();
  return {
    scope: registration.scope,
    setPreviewScript(script) {
      return lines.setScript(postTo(registration.active ?? current), script);
    },
    dispose() {
      container.removeEventListener('message', onMessage);
      (registration.active ?? current).postMessage({ type: 'verklet-unregister', runtimeId: opts.runtimeId });
      lines.close();
    },
  };
}

/** `previewOrigin` → the bridge page's URL: the origin's root, or the folder given. */
export function bridgeUrl(previewOrigin: string): URL {
  const base = new URL(previewOrigin);
  if (base.pathname.endsWith('.html')) return base;
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return new URL(BRIDGE_PAGE, base);
}

async function linkBridge(opts: LinkOptions, previewOrigin: string): Promise<ServiceWorkerLink> {
  const url = bridgeUrl(previewOrigin);
  if (url.origin === location.origin) throw new Error(`previewOrigin ${url.origin} is this page's own origin; it must be a different origin to isolate previews`);
  const frame = document.createElement('iframe');
  frame.src = url.href;
  frame.title = 'Verklet preview bridge';
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
  let onWindowMessage: (e: MessageEvent) => void = () => {};
  const loaded = new Promise<void>((resolve, reject) => {
    onWindowMessage = (e: MessageEvent) => {
      if (e.source !== frame.contentWindow || e.origin !== url.origin) return;
      if (e.data?.type === 'verklet-bridge-loaded') resolve();
      else if (e.data?.type === 'verklet-bridge-error') reject(new Error(`the preview bridge at ${url.href} failed: ${String(e.data.message)}`));
    };
    addEventListener('message', onWindowMessage);
  });
  (document.body ?? document.documentElement).append(frame);
  try {
    await withDeadline(loaded, READY_TIMEOUT * 2, `the preview bridge at ${url.href} did not load (is dist/verklet-preview.html served there${opts.isolated ? ', with Cross-Origin-Embedder-Policy: require-corp and Cross-Origin-Resource-Policy: cross-origin' : ''}?)`);
  } catch (err) {
    removeEventListener('message', onWindowMessage);
    frame.remove();
    throw err;
  }
  removeEventListener('message', onWindowMessage);
  const channel = new MessageChannel();
  const bridge = channel.port1;
  const ready = new Promise<string>((resolve) => {
    bridge.onmessage = (e: MessageEvent<{ type?: string; scope?: string }>) => {
      if (e.data?.type === 'verklet-bridge-ready') resolve(String(e.data.scope));
    };
  });
  frame.contentWindow!.postMessage({ type: 'verklet-bridge-connect', runtimeId: opts.runtimeId }, url.origin, [channel.port2]);
  const scope = await withDeadline(ready, READY_TIMEOUT, 'the preview bridge did not answer');
  const lines = registrar(opts, true);
  const post: Post = (msg, transfer) => bridge.postMessage(msg, transfer);
  bridge.onmessage = (e: MessageEvent<{ type?: string }>) => {
    if (e.data?.type === 'verklet-reregister') lines.register(post);
  };
  lines.register(post);
  return {
    scope,
    setPreviewScript(script) {
      return lines.setScript(post, script);
    },
    dispose() {
      post({ type: 'verklet-unregister', runtimeId: opts.runtimeId }, []);
      lines.close();
      bridge.close();
      frame.remove();
    },
  };
}

function withDeadline<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(message)), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

function activeWorker(registration: ServiceWorkerRegistration): Promise<ServiceWorker> {
  if (registration.active) return Promise.resolve(registration.active);
  const pending = registration.installing ?? registration.waiting;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the service worker did not activate in time')), READY_TIMEOUT);
    const check = () => {
      if (registration.active) {
        clearTimeout(timer);
        resolve(registration.active);
      } else if (pending?.state === 'redundant') {
        clearTimeout(timer);
        reject(new Error('the service worker failed to install'));
      }
    };
    pending?.addEventListener('statechange', check);
    check();
  });
}
