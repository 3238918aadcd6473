/**
 * The one rule every element uses to pick its runtime (API.md, Custom
 * elements): the enclosing `<verklet-runtime>`, else the one the `runtime`
 * attribute names by id, else the page's default runtime. A Runtime object set
 * as the `runtime` property (SDK users) is used as is.
 */
import type { Runtime } from '../../runtime/runtime.js';
import { defaultRuntime } from './default-runtime.js';

/** How long to wait for a `<verklet-runtime id=...>` that is not in the document yet. */
const ID_WAIT_MS = 10_000;

/** What find-runtime needs from `<verklet-runtime>` (kept structural: no import cycle). */
interface RuntimeHost extends HTMLElement {
  readonly ready: Promise<Runtime>;
}

/** `el.closest(selector)`, continuing past shadow roots into their hosts. */
function closestAcrossShadow(el: Element, selector: string): Element | null {
  let node: Element | null = el.parentElement ?? hostOf(el);
  while (node) {
    const found = node.closest(selector);
    if (found) return found;
    node = hostOf(node);
  }
  return null;
}

function hostOf(el: Element): Element | null {
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function byId(el: Element, id: string): Element | null {
  const root = el.getRootNode() as Document | ShadowRoot;
  return root.getElementById?.(id) ?? el.ownerDocument.getElementById(id);
}

function waitForId(el: Element, id: string, signal?: AbortSignal): Promise<Element | null> {
  return new Promise((resolve) => {
    const doc = el.ownerDocument;
    const done = (found: Element | null): void => {
      observer.disconnect();
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(found);
    };
    const onAbort = (): void => done(null);
    const observer = new MutationObserver(() => {
      const found = byId(el, id);
      if (found) done(found);
    });
    observer.observe(doc, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
    const timer = setTimeout(() => done(null), ID_WAIT_MS);
    signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Finds the runtime for `el`. `named` is the `runtime` attribute/property: an
 * element id, or a Runtime object.
 */
export async function findRuntime(el: Element, named: string | Runtime | null | undefined, signal?: AbortSignal): Promise<Runtime> {
  if (named && typeof named === 'object') return named;
  const enclosing = closestAcrossShadow(el, 'verklet-runtime');
  if (enclosing) {
    await customElements.whenDefined('verklet-runtime');
    return (enclosing as RuntimeHost).ready;
  }
  if (typeof named === 'string' && named !== '') {
    const found = byId(el, named) ?? (await waitForId(el, named, signal));
    if (signal?.aborted) throw new DOMException('aborted', 'AbortError');
    if (!found) throw new Error(`runtime="${named}": there is no <verklet-runtime id="${named}"> on this page. Add one, or remove the attribute to use the page's default runtime.`);
    if (found.localName !== 'verklet-runtime')
      throw new Error(`runtime="${named}": the element with id "${named}" is a <${found.localName}>, not a <verklet-runtime>.`);
    await customElements.whenDefined('verklet-runtime');
    return (found as RuntimeHost).ready;
  }
  return defaultRuntime();
}
