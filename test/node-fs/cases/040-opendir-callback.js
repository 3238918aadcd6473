fs.mkdirSync('d');
fs.writeFileSync('d/x', '');
await new Promise((r) => fs.opendir('d', (err, dir) => {
  log(err);
  dir.read((err2, ent) => {
    log(err2, ent.name);
    dir.read((err3, ent2) => { log(err3, ent2); dir.close((err4) => { log(err4); r(); }); });
  });
}));
const d = fs.opendirSync('d');
log((await d.read()).name, await d.read());
await d.close();
