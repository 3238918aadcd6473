/**
 * The package installer, as a library: npm's install, ci, uninstall, run,
 * init and ls commands (and pnpm/yarn install through the same installer)
 * over an injected InstallerHost, so the same code runs in a Verklet
 * process worker and in Node tests. Nothing here imports a `node:` module.
 */
export type { InstallerFs, InstallerHost, InstallerStats, ScriptRequest, TarballCache } from './host.js';
export { runNpmCli, runPnpmCli, runYarnCli, NPM_VERSION } from './cli.js';
export { npmCi, npmInit, npmInstall, npmLs, npmRun, npmUninstall, summaryLine } from './npm-commands.js';
export { install, type InstallOptions, type InstallResult } from './install.js';
export { NpmError, formatNpmError } from './npm-error.js';
export { readTar, type TarEntry } from './tar-reader.js';
export { extractPackage } from './package-extract.js';
export { gunzip, MAX_UNPACKED } from './gunzip.js';
export { RegistryClient } from './registry-client.js';
export type { NativeBuild } from './reify.js';
export { browserTarballCache, clearBrowserTarballCache, CACHE_DIR } from './browser-cache.js';
