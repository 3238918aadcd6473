/**
 * `trace_events`: tracing objects with Node's shape and validation. Node
 * writes enabled categories to node_trace.*.log through its tracing agent;
 * the tab has no such agent, so enabling records nothing (an honest no-op:
 * getEnabledCategories() reports what is enabled).
 * https://nodejs.org/api/tracing.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const enabled = new Map<Tracing, string[]>();

class Tracing {
  readonly #categories: string[];
  constructor(categories: string[]) {
    this.#categories = categories;
  }
  get categories(): string {
    return this.#categories.join(',');
  }
  get enabled(): boolean {
    return enabled.has(this);
  }
  enable(): void {
    enabled.set(this, this.#categories);
  }
  disable(): void {
    enabled.delete(this);
  }
}

export function createTracing(options: any): Tracing {
  if (options === null || typeof options !== 'object') {
    const e: any = new TypeError(`The "options" argument must be of type object. Received ${options === null ? 'null' : `type ${typeof options} (${String(options)})`}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (!Array.isArray(options.categories)) {
    const e: any = new TypeError(`The "options.categories" property must be an instance of Array. Received ${options.categories === undefined ? 'undefined' : typeof options.categories}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (options.categories.length === 0) {
    const e: any = new TypeError('At least one category is required');
    e.code = 'ERR_TRACE_EVENTS_CATEGORY_REQUIRED';
    throw e;
  }
  return new Tracing(options.categories.map(String));
}

export function getEnabledCategories(): string | undefined {
  const all = new Set([...enabled.values()].flat());
  return all.size ? [...all].join(',') : undefined;
}

export default { createTracing, getEnabledCategories };
