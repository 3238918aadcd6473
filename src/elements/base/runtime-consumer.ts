/**
 * The part of files, terminal and preview that is the same: a `runtime`
 * attribute, the runtime-finding rule, and attaching to the runtime once it is
 * found (and detaching when the element leaves the page or `runtime` changes).
 * A removal followed by re-insertion in the same task (a move) keeps the
 * attachment.
 */
import type { PropertyDeclarations, PropertyValues } from 'lit';
import type { Runtime } from '../../runtime/runtime.js';
import { BaseElement, messageOf } from './base-element.js';
import { findRuntime } from './find-runtime.js';

/** Something to run when the element detaches from its runtime. */
export type Cleanup = () => void;

/** Base of elements that work against a runtime. */
export class RuntimeConsumerElement extends BaseElement {
  static override properties: PropertyDeclarations = {
    runtime: {},
  };

  /**
   * The id of the `<verklet-runtime>` to use when the element is not inside
   * one. As a property it also takes a `Runtime` object (from `Runtime.boot()`).
   */
  declare runtime: string | Runtime | null;

  #cleanups: Cleanup[] = [];
  #abort: AbortController | undefined;
  #attached: Promise<Runtime> | undefined;
  #attachedFor: string | Runtime | null = null;
  #disconnectTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.runtime = null;
  }

  /**
   * The runtime this element uses (per the runtime-finding rule); rejects with
   * the reason shown in place when there is none.
   */
  resolveRuntime(): Promise<Runtime> {
    return this.#attached ?? findRuntime(this, this.runtime);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.#disconnectTimer);
    // A microtask later, so a `runtime` property set right after insertion counts.
    queueMicrotask(() => {
      if (this.isConnected && !this.#abort) this.#attach();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#disconnectTimer);
    this.#disconnectTimer = setTimeout(() => {
      if (!this.isConnected) this.#detach();
    });
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('runtime') && this.#abort && this.runtime !== this.#attachedFor) {
      this.#detach();
      this.#attach();
    }
  }

  /** Called once a runtime is found; return cleanups to run on detach. */
  protected attachRuntime(runtime: Runtime, signal: AbortSignal): void | Cleanup[] | Promise<void | Cleanup[]> {
    void runtime;
    void signal;
  }

  /** Registers a cleanup for the current attachment. */
  protected addCleanup(fn: Cleanup): void {
    this.#cleanups.push(fn);
  }

  /** Called after every cleanup ran on detach. */
  protected detachRuntime(): void {}

  #attach(): void {
    const abort = (this.#abort = new AbortController());
    this.#attachedFor = this.runtime;
    const attached = findRuntime(this, this.runtime, abort.signal);
    this.#attached = attached;
    attached.catch(() => {});
    void (async () => {
      let rt: Runtime;
      try {
        rt = await attached;
      } catch (err) {
        if (!abort.signal.aborted) this.fail(messageOf(err), 'runtime', err);
        return;
      }
      if (abort.signal.aborted) return;
      this.clearError();
      try {
        const cleanups = await this.attachRuntime(rt, abort.signal);
        if (cleanups) this.#cleanups.push(...cleanups);
      } catch (err) {
        if (!abort.signal.aborted) this.fail(messageOf(err), 'runtime', err);
      }
    })();
  }

  #detach(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    this.#attached = undefined;
    for (const fn of this.#cleanups.splice(0)) {
      try {
        fn();
      } catch {
        // A cleanup failing must not keep the others from running.
      }
    }
    this.detachRuntime();
  }
}
