#!/usr/bin/env node
/**
 * Builds the AssemblyScript VFS (wasm/vfs/index.ts) twice from one source:
 *   vfs-shared.wasm  imported shared memory (max 65536 pages), threads: the
 *                    lock uses atomics; for cross-origin-isolated pages.
 *   vfs.wasm         imported plain memory, no atomics; for pages without
 *                    SharedArrayBuffer.
 * Both use the stub runtime and no managed heap: all state is raw memory at
 * the fixed offsets drawn in wasm/vfs/layout.ts.
 *
 * Usage: node scripts/build-wasm.mjs [outDir]   (default: dist/)
 */
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import path from "node:path";
import asc from "assemblyscript/asc";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outDir = path.resolve(process.argv[2] ?? path.join(root, "dist"));
const entry = path.join(root, "wasm/vfs/index.ts");

const common = [entry, "--runtime", "stub", "--importMemory", "-O3", "--noAssert", "--use", "abort="];
const builds = {
  "vfs.wasm": [],
  "vfs-shared.wasm": ["--sharedMemory", "--maximumMemory", "65536", "--enable", "threads"],
};

await mkdir(outDir, { recursive: true });
for (const [name, extra] of Object.entries(builds)) {
  const { error, stderr } = await asc.main([...common, ...extra, "-o", path.join(outDir, name)]);
  if (error) {
    process.stderr.write(stderr.toString());
    console.error(`build-wasm: ${name} failed: ${error.message}`);
    process.exit(1);
  }
}
if (!process.env.BUILD_WASM_QUIET) console.log(`build-wasm: wrote vfs.wasm and vfs-shared.wasm to ${outDir}`);
