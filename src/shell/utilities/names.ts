/**
 * The names of the in-process utilities, kept apart from the registry so
 * `which` can consult them without importing itself through index.ts.
 */
export const UTILITY_NAMES = new Set<string>();
