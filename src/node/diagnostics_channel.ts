/**
 * `diagnostics_channel`: named pub/sub channels (lib/diagnostics_channel.js).
 * https://nodejs.org/api/diagnostics_channel.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

type Sub = (message: unknown, name: string | symbol) => void;

export class Channel {
  private subs: Sub[] = [];
  constructor(readonly name: string | symbol) {}
  get hasSubscribers(): boolean {
    return this.subs.length > 0;
  }
  subscribe(fn: Sub): void {
    this.subs.push(fn);
  }
  unsubscribe(fn: Sub): boolean {
    const i = this.subs.indexOf(fn);
    if (i < 0) return false;
    this.subs.splice(i, 1);
    return true;
  }
  publish(message: unknown): void {
    for (const s of this.subs.slice()) {
      try {
        s(message, this.name);
      } catch (e) {
        (globalThis as any).process.nextTick(() => {
          throw e;
        });
      }
    }
  }
  bindStore(): void {}
  unbindStore(): boolean {
    return false;
  }
  runStores(data: unknown, fn: (...a: unknown[]) => unknown, thisArg?: unknown, ...args: unknown[]): unknown {
    this.publish(data);
    return Reflect.apply(fn, thisArg, args);
  }
}

const channels = new Map<string | symbol, Channel>();
export function channel(name: string | symbol): Channel {
  let c = channels.get(name);
  if (!c) {
    c = new Channel(name);
    channels.set(name, c);
  }
  return c;
}
export function hasSubscribers(name: string | symbol): boolean {
  return channels.get(name)?.hasSubscribers ?? false;
}
export function subscribe(name: string | symbol, fn: Sub): void {
  channel(name).subscribe(fn);
}
export function unsubscribe(name: string | symbol, fn: Sub): boolean {
  return channel(name).unsubscribe(fn);
}

export function tracingChannel(nameOrChannels: any): any {
  const names = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
  const chans: any = {};
  for (const n of names) chans[n] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${n}`) : nameOrChannels[n];
  return {
    ...chans,
    get hasSubscribers() {
      return names.some((n) => chans[n].hasSubscribers);
    },
    subscribe(h: any) {
      for (const n of names) if (h[n]) chans[n].subscribe(h[n]);
    },
    unsubscribe(h: any) {
      for (const n of names) if (h[n]) chans[n].unsubscribe(h[n]);
    },
    traceSync(fn: any, ctx: any = {}, thisArg?: unknown, ...args: unknown[]) {
      chans.start.publish(ctx);
      try {
        ctx.result = Reflect.apply(fn, thisArg, args);
        return ctx.result;
      } catch (e) {
        ctx.error = e;
        chans.error.publish(ctx);
        throw e;
      } finally {
        chans.end.publish(ctx);
      }
    },
    tracePromise(fn: any, ctx: any = {}, thisArg?: unknown, ...args: unknown[]) {
      chans.start.publish(ctx);
      try {
        return Promise.resolve(Reflect.apply(fn, thisArg, args)).then((r) => {
          ctx.result = r;
          chans.asyncStart.publish(ctx);
          chans.asyncEnd.publish(ctx);
          return r;
        }, (e) => {
          ctx.error = e;
          chans.error.publish(ctx);
          chans.asyncStart.publish(ctx);
          chans.asyncEnd.publish(ctx);
          throw e;
        });
      } finally {
        chans.end.publish(ctx);
      }
    },
  };
}

export default { channel, hasSubscribers, subscribe, unsubscribe, tracingChannel, Channel };
