/**
 * `cluster`: a runtime process cannot fork copies of itself sharing a server
 * port, so this is the primary's view of a cluster with no workers — what
 * code that only asks `cluster.isPrimary` needs (Node's own test/common does).
 * `fork()` says why it is not available.
 * https://nodejs.org/api/cluster.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';

const cluster: any = new (EventEmitter as any)();
Object.assign(cluster, {
  isPrimary: true,
  isMaster: true,
  isWorker: false,
  workers: {},
  settings: {},
  SCHED_NONE: 1,
  SCHED_RR: 2,
  schedulingPolicy: 2,
  setupPrimary(settings: object = {}) {
    Object.assign(cluster.settings, settings);
  },
  fork(): never {
    const err = new Error('cluster.fork() is not available in the browser runtime (Verklet); it needs the server backend.') as Error & { code: string };
    err.code = 'ERR_VERKLET_UNSUPPORTED';
    throw err;
  },
  disconnect(cb?: () => void) {
    if (cb) queueMicrotask(cb);
  },
});
cluster.setupMaster = cluster.setupPrimary;
cluster.Worker = class Worker extends (EventEmitter as any) {};

export default cluster;
