/**
 * `module`: Node's Module class and helpers (createRequire, builtinModules,
 * isBuiltin…), from the CommonJS loader. https://nodejs.org/api/module.html
 */
import { Module } from './internal/cjs-loader.js';

export const createRequire = Module.createRequire;
export const isBuiltin = Module.isBuiltin;
export { Module };
export default Module;
