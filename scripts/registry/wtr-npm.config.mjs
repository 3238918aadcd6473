// Runs only the npm browser suites with the registry plugin, for working on
// them by hand (the full run wires registryPlugin() into web-test-runner.config.mjs):
//   VERKLET_ISOLATION=1 node node_modules/@web/test-runner/dist/bin.js --config scripts/registry/wtr-npm.config.mjs
import base from '../../web-test-runner.config.mjs';
import { registryPlugin } from './browser-suite.mjs';

const hooked = base.plugins.some((p) => p?.name === 'verklet-registry');
export default {
  ...base,
  files: process.env.VERKLET_BROWSER_FILES?.split(',') ?? ['test/npm/**/*.browser.test.ts'],
  plugins: hooked ? base.plugins : [...base.plugins, registryPlugin()],
};
