/** Type stubs for untyped npm modules the Node host bundles. */
declare module 'readable-stream' {
  export const Readable: any;
  export const Writable: any;
  export const Duplex: any;
  export const Transform: any;
  export const PassThrough: any;
  export const Stream: any;
  export const pipeline: any;
  export const finished: any;
  const mod: any;
  export default mod;
}
declare module 'readable-stream/lib/stream/promises.js' {
  const mod: any;
  export = mod;
}
declare module 'string_decoder' {
  const mod: any;
  export = mod;
}
