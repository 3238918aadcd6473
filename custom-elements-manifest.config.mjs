// Configuration of @custom-elements-manifest/analyzer: custom-elements.json is
// generated from the element classes' JSDoc (never hand-edited). Run
// `node scripts/custom-elements.mjs` to write it, `--check` to verify it.

/** Drops what is not public API: private and protected members, and lit's static plumbing. */
function publicApiOnly() {
  const hidden = new Set(['styles', 'properties']);
  return {
    name: 'verklet-public-api-only',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules ?? []) {
        for (const decl of mod.declarations ?? []) {
          if (decl.members) {
            decl.members = decl.members.filter(
              (m) => m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#') && !(m.static && hidden.has(m.name)),
            );
          }
          // lit `state: true` properties are internal: keep attributes backed by a public field.
          if (decl.attributes) {
            const fields = new Set((decl.members ?? []).map((m) => m.name));
            decl.attributes = decl.attributes.filter((a) => !a.fieldName || fields.has(a.fieldName));
          }
          // Only the documented, typed `verklet-*` events (the analyzer also guesses from dispatchEvent calls).
          if (decl.events) decl.events = decl.events.filter((e) => typeof e.name === 'string' && e.name.startsWith('verklet-'));
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/events/*.ts'],
  exclude: ['**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [publicApiOnly()],
};
