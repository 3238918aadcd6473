// The few `url` exports that memfs and ZenFS reach for in the browser.
export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;
export function fileURLToPath(u) {
  return decodeURIComponent(new URL(String(u)).pathname);
}
export function pathToFileURL(p) {
  return new URL(`file://${encodeURI(p)}`);
}
export default { URL, URLSearchParams, fileURLToPath, pathToFileURL };
