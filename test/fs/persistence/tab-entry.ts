/**
 * Test-only "second tab": tabs.browser.test.ts loads tab.html in an iframe
 * (a separate realm of the same origin, with its own lock holder) and drives
 * the store in it through `window.tab`.
 */
import { PersistenceStore, type OpenOptions, type PersistenceDiagnostic } from '../../../src/fs/persistence/index.js';
import { FakeTree, view } from './helpers.js';

const stores = new Map<number, PersistenceStore>();
let next = 1;

const tab = {
  diagnostics: [] as PersistenceDiagnostic[],
  heard: [] as number[],
  async open(options: Omit<OpenOptions, 'onDiagnostic' | 'onRemoteCommit'>): Promise<{ id: number; key: string; readonly: boolean; backend: string }> {
    const store = await PersistenceStore.open({
      ...options,
      onDiagnostic: (d) => tab.diagnostics.push(d),
      onRemoteCommit: (e) => tab.heard.push(e.gen),
    });
    const id = next++;
    stores.set(id, store);
    return { id, key: store.key, readonly: store.readonly, backend: store.backend };
  },
  async restore(id: number): Promise<Record<string, string>> {
    return view(await stores.get(id)!.restore());
  },
  /** Commits `files` (path → text); `slowMs` delays each file read, so a commit can be caught half-way. */
  async commit(id: number, files: Record<string, string>, slowMs = 0): Promise<number> {
    const t = new FakeTree(files);
    const read = async (p: string) => {
      if (slowMs) await new Promise((r) => setTimeout(r, slowMs));
      return t.read(p);
    };
    return (await stores.get(id)!.commit({ entries: t.list(), read })).gen;
  },
  async close(id: number): Promise<void> {
    await stores.get(id)?.close();
    stores.delete(id);
  },
};

(globalThis as { tab?: typeof tab }).tab = tab;
document.title = 'ready';
