log(fs.fstatSync(1).isFile());
log(typeof fs.writeSync);
