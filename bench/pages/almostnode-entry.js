// almostnode for the baselines on the page's main thread, as almostnode runs:
// its VirtualFS (fs rows) and a container (boot and memory rows).
export { VirtualFS, createContainer } from 'almostnode';
