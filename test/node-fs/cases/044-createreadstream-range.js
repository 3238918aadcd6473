fs.writeFileSync('f', '0123456789');
const read = (opts) => new Promise((res, rej) => { let s = ''; fs.createReadStream('f', opts).on('data', (d) => s += d).on('end', () => res(s)).on('error', rej); });
log(await read({ start: 2, end: 5 }));
log(await read({ start: 8 }));
log(await read({ end: 0 }));
log(await read({ encoding: 'hex', start: 0, end: 1 }));
try { fs.createReadStream('f', { start: 5, end: 2 }); } catch (e) { log(e.code, e.message); }
await new Promise((r) => fs.createReadStream('nope').on('error', (e) => { log(e); r(); }));
