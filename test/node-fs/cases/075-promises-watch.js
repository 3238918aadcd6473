fs.mkdirSync('w');
const ac = new AbortController();
const seen = new Set();
const done = (async () => {
  try {
    for await (const ev of fs.promises.watch('w', { signal: ac.signal })) {
      seen.add(ev.eventType + ':' + ev.filename);
    }
  } catch (e) {
    log(e.name);
  }
})();
await sleep(50);
fs.writeFileSync('w/n', '1');
await sleep(100);
ac.abort();
await done;
log([...seen].sort());
