/**
 * `perf_hooks`: the worker's performance object plus Node's extras.
 * https://nodejs.org/api/perf_hooks.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export const performance: any = globalThis.performance;
if (performance && !performance.eventLoopUtilization) {
  performance.eventLoopUtilization = () => ({ idle: 0, active: 0, utilization: 0 });
  performance.timerify = (fn: any) => fn;
}
export const PerformanceObserver: any = (globalThis as any).PerformanceObserver ?? class PerformanceObserver {
  observe(): void {}
  disconnect(): void {}
};
export const PerformanceEntry: any = (globalThis as any).PerformanceEntry;
export const PerformanceMark: any = (globalThis as any).PerformanceMark;
export const PerformanceMeasure: any = (globalThis as any).PerformanceMeasure;
export const constants = { NODE_PERFORMANCE_GC_MAJOR: 4, NODE_PERFORMANCE_GC_MINOR: 1, NODE_PERFORMANCE_GC_INCREMENTAL: 8, NODE_PERFORMANCE_GC_WEAKCB: 16 };

export function monitorEventLoopDelay(): any {
  return { enable() {}, disable() {}, reset() {}, percentile: () => 0, min: 0, max: 0, mean: 0, stddev: 0, percentiles: new Map(), exceeds: 0 };
}
export function createHistogram(): any {
  return monitorEventLoopDelay();
}

export default { performance, PerformanceObserver, PerformanceEntry, PerformanceMark, PerformanceMeasure, constants, monitorEventLoopDelay, createHistogram };
