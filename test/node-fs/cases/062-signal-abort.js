const ac = new AbortController();
ac.abort();
try { await fs.promises.readFile('x', { signal: ac.signal }); } catch (e) { log(e.name, e.code, e.message); }
fs.writeFileSync('f', 'data');
await new Promise((r) => fs.readFile('f', { signal: ac.signal }, (e, d) => { log(e && e.name, d); r(); }));
try { await fs.promises.writeFile('g', 'x', { signal: ac.signal }); } catch (e) { log(e.name, e.code); }
log(fs.existsSync('g'));
