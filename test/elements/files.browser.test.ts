import { expect } from '@esm-bundle/chai';
import { cleanup, FakeRuntime, fixture, hasFs, key, MemoryFS, MODE, nextEvent, shadow, until, type RuntimeType } from './helpers.js';
import type { VerkletFilesElement, VerkletRuntimeElement } from '../../dist/types/elements.js';
import type { VerkletFileOpenEvent, VerkletFileSaveEvent } from '../../dist/elements.js';

const W = '/home/project';

async function mount(files: Record<string, string>, markup = '<verklet-files></verklet-files>') {
  const memfs = new MemoryFS(Object.fromEntries(Object.entries(files).map(([p, c]) => [`${W}/${p}`, c])));
  const fake = new FakeRuntime(memfs);
  const el = fixture<VerkletFilesElement>(markup);
  el.runtime = fake as unknown as RuntimeType;
  await el.loaded;
  await el.updateComplete;
  return { el, memfs, fake, root: shadow(el) };
}

function items(root: ShadowRoot): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('[role="treeitem"]')];
}
function item(root: ShadowRoot, path: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[role="treeitem"][data-path="${W}/${path}"]`);
  if (!found) throw new Error(`no tree item ${path}; have ${items(root).map((i) => i.dataset.path).join(', ')}`);
  return found;
}
function tree(root: ShadowRoot): HTMLElement {
  return root.querySelector<HTMLElement>('[role="tree"]')!;
}
async function settle(el: VerkletFilesElement): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
  }
}
function focused(root: ShadowRoot): string | undefined {
  return (root.activeElement as HTMLElement | null)?.dataset.path?.slice(W.length + 1);
}

describe(`<verklet-files> (${MODE})`, () => {
  afterEach(cleanup);

  it('renders an ARIA tree: folders first, aria-level / aria-expanded / aria-selected, one tab stop', async () => {
    const { root } = await mount({ 'b.js': '', 'a.txt': 'A', 'src/index.js': 'x', 'lib/util.js': 'u' });
    expect(tree(root).getAttribute('aria-label')).to.equal(`Files in ${W}`);
    expect(items(root).map((i) => i.dataset.path!.slice(W.length + 1))).to.deep.equal(['lib', 'src', 'a.txt', 'b.js']);
    const src = item(root, 'src');
    expect(src.getAttribute('aria-expanded')).to.equal('false');
    expect(src.getAttribute('aria-level')).to.equal('1');
    expect(item(root, 'a.txt').hasAttribute('aria-expanded')).to.equal(false);
    expect(items(root).filter((i) => i.tabIndex === 0).map((i) => i.dataset.path)).to.deep.equal([`${W}/lib`]);
    expect(item(root, 'lib').getAttribute('aria-selected')).to.equal('true');
  });

  it('expands and collapses folders by click; children sit in a role=group', async () => {
    const { el, root } = await mount({ 'src/index.js': 'x', 'src/deep/a.js': 'a' });
    item(root, 'src').querySelector<HTMLElement>('.row')!.click();
    await settle(el);
    expect(item(root, 'src').getAttribute('aria-expanded')).to.equal('true');
    const group = item(root, 'src').querySelector(':scope > [role="group"]')!;
    expect([...group.querySelectorAll(':scope > [role="treeitem"]')].map((i) => (i as HTMLElement).dataset.path)).to.deep.equal([
      `${W}/src/deep`,
      `${W}/src/index.js`,
    ]);
    expect(item(root, 'src/index.js').getAttribute('aria-level')).to.equal('2');
    item(root, 'src').querySelector<HTMLElement>('.row')!.click();
    await settle(el);
    expect(item(root, 'src').getAttribute('aria-expanded')).to.equal('false');
    expect(root.querySelector('[role="group"]')).to.equal(null);
  });

  it('keyboard: arrows, Right/Left expand, enter and leave folders, Home/End, selection follows focus', async () => {
    const { el, root } = await mount({ 'src/a.js': '', 'src/b.js': '', 'z.txt': '' });
    item(root, 'src').focus();
    key(tree(root), 'ArrowRight'); // expand
    await settle(el);
    expect(item(root, 'src').getAttribute('aria-expanded')).to.equal('true');
    key(tree(root), 'ArrowRight'); // into first child
    await settle(el);
    expect(focused(root)).to.equal('src/a.js');
    expect(item(root, 'src/a.js').getAttribute('aria-selected')).to.equal('true');
    expect(item(root, 'src').getAttribute('aria-selected')).to.equal('false');
    key(tree(root), 'ArrowDown');
    await settle(el);
    expect(focused(root)).to.equal('src/b.js');
    key(tree(root), 'End');
    await settle(el);
    expect(focused(root)).to.equal('z.txt');
    key(tree(root), 'ArrowUp');
    await settle(el);
    expect(focused(root)).to.equal('src/b.js');
    key(tree(root), 'ArrowLeft'); // to parent
    await settle(el);
    expect(focused(root)).to.equal('src');
    key(tree(root), 'ArrowLeft'); // collapse
    await settle(el);
    expect(item(root, 'src').getAttribute('aria-expanded')).to.equal('false');
    key(tree(root), 'End');
    key(tree(root), 'Home');
    await settle(el);
    expect(focused(root)).to.equal('src');
    expect(items(root).filter((i) => i.tabIndex === 0)).to.have.length(1);
  });

  it('Enter opens a file in the editor; editing and saving writes through fs.writeFile', async () => {
    const { el, root, memfs } = await mount({ 'index.js': 'console.log(1)\n' });
    item(root, 'index.js').focus();
    const opened = nextEvent<VerkletFileOpenEvent>(el, 'verklet-file-open');
    key(tree(root), 'Enter');
    expect((await opened).path).to.equal(`${W}/index.js`);
    await settle(el);
    const textarea = root.querySelector<HTMLTextAreaElement>('textarea')!;
    expect(textarea.value).to.equal('console.log(1)\n');
    expect(textarea.getAttribute('aria-label')).to.equal('Contents of index.js');
    textarea.value = 'console.log(2)\n';
    textarea.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(el.dirty).to.equal(true);
    const saved = nextEvent<VerkletFileSaveEvent>(el, 'verklet-file-save');
    key(textarea, 's', { ctrlKey: true });
    expect((await saved).path).to.equal(`${W}/index.js`);
    expect(await memfs.readFile(`${W}/index.js`, 'utf8')).to.equal('console.log(2)\n');
    expect(el.dirty).to.equal(false);
    await el.updateComplete;
    expect(root.querySelector('[part="save"]')!.hasAttribute('disabled')).to.equal(true);
  });

  it('creates a file and a folder from the toolbar', async () => {
    const { el, root, memfs } = await mount({ 'src/a.js': '' });
    const [newFile, newFolder] = [...root.querySelectorAll<HTMLButtonElement>('[part="toolbar"] button')];
    newFolder!.click(); // inside the selected folder (the first row, src)
    await settle(el);
    let input = root.querySelector<HTMLInputElement>('input[aria-label="New folder name"]')!;
    expect(root.activeElement).to.equal(input);
    input.value = 'docs';
    key(input, 'Enter');
    await until(() => memfs.calls.includes(`mkdir ${W}/src/docs`), 'mkdir');
    await settle(el);
    expect(focused(root)).to.equal('src/docs');
    newFile!.click(); // inside the new, now selected, folder
    await settle(el);
    input = root.querySelector<HTMLInputElement>('input[aria-label="New file name"]')!;
    input.value = 'readme.md';
    key(input, 'Enter');
    await until(() => el.openPath === `${W}/src/docs/readme.md`, 'the new file to open');
    expect(await memfs.readFile(`${W}/src/docs/readme.md`, 'utf8')).to.equal('');
    await settle(el);
    expect(item(root, 'src/docs/readme.md').getAttribute('aria-selected')).to.equal('true');
  });

  it('F2 renames in place (Enter commits, Escape cancels)', async () => {
    const { el, root, memfs } = await mount({ 'old.js': 'x', 'keep.js': 'k' });
    item(root, 'keep.js').focus();
    key(tree(root), 'F2');
    await settle(el);
    let input = root.querySelector<HTMLInputElement>('input[data-editing]')!;
    expect(input.getAttribute('aria-label')).to.equal('New name for keep.js');
    key(input, 'Escape');
    await settle(el);
    expect(root.querySelector('input[data-editing]')).to.equal(null);
    expect(focused(root)).to.equal('keep.js');
    item(root, 'old.js').focus();
    await el.open(`${W}/old.js`);
    key(tree(root), 'F2');
    await settle(el);
    input = root.querySelector<HTMLInputElement>('input[data-editing]')!;
    input.value = 'new.js';
    key(input, 'Enter');
    await until(() => memfs.calls.includes(`rename ${W}/old.js ${W}/new.js`), 'rename');
    await settle(el);
    expect(items(root).map((i) => i.dataset.path!.slice(W.length + 1))).to.deep.equal(['keep.js', 'new.js']);
    expect(el.openPath).to.equal(`${W}/new.js`);
    expect(focused(root)).to.equal('new.js');
  });

  it('Delete asks first, then removes; Escape cancels', async () => {
    const { el, root, memfs } = await mount({ 'a.js': '', 'b.js': '', 'dir/x.js': '' });
    item(root, 'a.js').focus();
    key(tree(root), 'Delete');
    await settle(el);
    const bar = root.querySelector<HTMLElement>('[part="confirm"]')!;
    expect(bar.textContent).to.contain('Delete a.js?');
    expect(root.activeElement?.textContent).to.equal('Delete');
    key(bar, 'Escape');
    await settle(el);
    expect(root.querySelector('[part="confirm"]')).to.equal(null);
    expect(memfs.calls.some((c) => c.startsWith('rm'))).to.equal(false);
    key(tree(root), 'Delete');
    await settle(el);
    root.querySelector<HTMLButtonElement>('[part="confirm"] button')!.click();
    await until(() => memfs.calls.includes(`rm ${W}/a.js`), 'rm');
    await settle(el);
    expect(items(root).map((i) => i.dataset.path!.slice(W.length + 1))).to.deep.equal(['dir', 'b.js']);
    expect(focused(root)).to.equal('b.js');
  });

  it('follows changes made by others through fs.watch', async () => {
    const { el, root, memfs } = await mount({ 'a.js': '' });
    expect(memfs.watcherCount).to.equal(1);
    await memfs.writeFile(`${W}/added.js`, 'new');
    await until(() => root.querySelector(`[data-path="${W}/added.js"]`), 'the new file to appear');
    await el.open(`${W}/a.js`);
    await memfs.writeFile(`${W}/a.js`, 'changed elsewhere');
    await until(() => root.querySelector('textarea')?.value === 'changed elsewhere', 'the open file to reload');
    el.remove();
    await until(() => memfs.watcherCount === 0, 'the watcher to be released');
  });

  it('refuses bad names and says so in place', async () => {
    const { el, root } = await mount({ 'a.js': '' });
    el.startCreate('file');
    await settle(el);
    const input = root.querySelector<HTMLInputElement>('input[data-editing]')!;
    input.value = 'x/y';
    const errored = nextEvent(el, 'verklet-error');
    key(input, 'Enter');
    await errored;
    await el.updateComplete;
    expect(root.querySelector('[part="error"]')!.textContent).to.contain('may not contain "/"');
  });

  it('the root attribute picks the top folder', async () => {
    const { root } = await mount({ 'src/a.js': '', 'b.js': '' }, '<verklet-files root="src"></verklet-files>');
    expect(items(root).map((i) => i.dataset.path)).to.deep.equal([`${W}/src/a.js`]);
  });

  it('the file attribute opens a file (expanding its folders) on load', async () => {
    const { el, root } = await mount({ 'src/lib/a.js': 'deep', 'b.js': '' }, '<verklet-files file="src/lib/a.js"></verklet-files>');
    expect(el.openPath).to.equal(`${W}/src/lib/a.js`);
    expect(root.querySelector('textarea')!.value).to.equal('deep');
    expect(item(root, 'src').getAttribute('aria-expanded')).to.equal('true');
    expect(item(root, 'src/lib').getAttribute('aria-expanded')).to.equal('true');
  });

  it('with the real runtime: lists mounted files, or says the filesystem is not there yet', async () => {
    const rtEl = fixture<VerkletRuntimeElement>(`<verklet-runtime>
      <script type="application/json" data-files>{"hello.js": "console.log('hi')", "src/app.js": "1"}</script>
      <verklet-files></verklet-files></verklet-runtime>`);
    const el = rtEl.querySelector<VerkletFilesElement>('verklet-files')!;
    const rt = await rtEl.ready;
    await el.loaded;
    await el.updateComplete;
    if (!hasFs(rt)) {
      expect(shadow(el).querySelector('[part="error"]')!.textContent).to.contain('needs runtime.fs');
      return;
    }
    await until(() => shadow(el).querySelector(`[data-path="${W}/hello.js"]`), 'hello.js in the tree');
    await el.open(`${W}/hello.js`);
    const textarea = shadow(el).querySelector<HTMLTextAreaElement>('textarea')!;
    textarea.value = "console.log('edited')";
    textarea.dispatchEvent(new Event('input'));
    await el.save();
    expect(await rt.fs.readFile(`${W}/hello.js`, 'utf8')).to.equal("console.log('edited')");
    await rt.fs.writeFile(`${W}/from-process.txt`, 'x');
    await until(() => shadow(el).querySelector(`[data-path="${W}/from-process.txt"]`), 'live update from fs.watch');
  });
});
