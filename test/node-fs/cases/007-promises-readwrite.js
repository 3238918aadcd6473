const p = fs.promises;
await p.writeFile('a.txt', 'promised');
log(await p.readFile('a.txt', 'utf8'));
await p.appendFile('a.txt', '!');
log(await p.readFile('a.txt'));
try { await p.readFile('none'); } catch (e) { log(e); }
await p.writeFile('it.txt', ['a', 'b', Buffer.from('c')]);
log(await p.readFile('it.txt', 'utf8'));
