const util = { promisify: (f) => f[Symbol.for('nodejs.util.promisify.custom')] };
fs.writeFileSync('f', '');
log(await util.promisify(fs.exists)('f'), await util.promisify(fs.exists)('g'));
