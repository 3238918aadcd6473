/**
 * The one base class of every Verklet element: shared styles, the in-place
 * error box (shown and announced as a `verklet-error` event), and typed event
 * dispatch. Elements that use a runtime extend `RuntimeConsumerElement`, which
 * extends this.
 */
import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { VerkletErrorEvent, type VerkletErrorPhase } from '../../events/verklet-error-event.js';
import { baseStyles } from './base.styles.js';

/** A user-facing message for anything thrown. */
export function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : String(err);
}

/** Base class of all Verklet elements (lit). */
export class BaseElement extends LitElement {
  static override styles = [baseStyles];

  static override properties: PropertyDeclarations = {
    errorMessage: { state: true },
  };

  /** The error shown in place, if any. */
  declare protected errorMessage: string | null;

  constructor() {
    super();
    this.errorMessage = null;
  }

  /** The message this element currently shows in place, or null. */
  get error(): string | null {
    return this.errorMessage;
  }

  /** Shows `message` in place and fires `verklet-error`. */
  protected fail(message: string, phase: VerkletErrorPhase, error?: unknown, validValues?: readonly string[]): void {
    this.errorMessage = message;
    this.dispatchEvent(new VerkletErrorEvent(message, { phase, error, validValues }));
  }

  /** Clears the in-place error. */
  protected clearError(): void {
    this.errorMessage = null;
  }

  /** The in-place error box (part `error`), or nothing. */
  protected renderError(): TemplateResult | typeof nothing {
    return this.errorMessage ? html`<p class="error" part="error" role="alert">${this.errorMessage}</p>` : nothing;
  }
}
