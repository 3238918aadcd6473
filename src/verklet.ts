/**
 * The drop-in file (`dist/verklet.js`): one `<script type="module">` sets
 * `globalThis.Verklet` and defines the elements, for pages with no build step.
 */
import { Runtime } from './runtime/runtime.js';
import './elements.js';

declare global {
  // eslint-disable-next-line no-var
  var Verklet: { Runtime: typeof Runtime };
}

globalThis.Verklet ??= { Runtime };
