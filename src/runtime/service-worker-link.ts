/**
 * Connects a runtime to the preview service worker (dist/verklet-sw.js, which
 * the site serves from its own origin). The page registers the worker, then
 * hands it a MessagePort whose other end the kernel holds, so preview
 * requests go worker → kernel → the listening process without touching the
 * page. Browsers stop idle service workers at will; a restarted worker has
 * lost its ports and asks every page to register again.
 */
export interface ServiceWorkerLink {
  scope: string;
  dispose(): void;
}

export interface LinkOptions {
  url: string;
  scope: string;
  runtimeId: string;
  isolated: boolean;
  /** Gives the kernel its end of a fresh line. */
  attach(port: MessagePort): void;
}

const READY_TIMEOUT = 4000;

export async function linkServiceWorker(opts: LinkOptions): Promise<ServiceWorkerLink> {
  const container = navigator.serviceWorker;
  if (!container) throw new Error('service workers are not available (an insecure context, or a private window that disables them)');
  const registration = await container.register(opts.url, { scope: opts.scope });
  const worker = await activeWorker(registration);
  const register = (target: ServiceWorker) => {
    const line = new MessageChannel();
    opts.attach(line.port1);
    target.postMessage({ type: 'verklet-register', runtimeId: opts.runtimeId, isolated: opts.isolated, port: line.port2 }, [line.port2]);
  };
  register(worker);
  const onMessage = (e: MessageEvent) => {
    if (e.data?.type === 'verklet-reregister') {
      const target = registration.active ?? (e.source as ServiceWorker | null);
      if (target) register(target);
    }
  };
  container.addEventListener('message', onMessage);
  // Pages that are not controlled by the worker still receive its messages.
  container.startMessages?.();
  return {
    scope: registration.scope,
    dispose() {
      container.removeEventListener('message', onMessage);
      registration.active?.postMessage({ type: 'verklet-unregister', runtimeId: opts.runtimeId });
    },
  };
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
