const p = fs.promises;
for (const t of [() => p.readFile(), () => p.stat(5), () => p.open('a\0'), () => p.mkdir('x', { mode: 'q' }), () => p.writeFile('x', 5)]) {
  try { const r = t(); log(r instanceof Promise); await r; } catch (e) { log(e); }
}
