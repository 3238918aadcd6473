fs.mkdirSync('d');
fs.writeFileSync('d/ä.txt', '');
const [e] = fs.readdirSync('d', { withFileTypes: true, encoding: 'buffer' });
log(Buffer.isBuffer(e.name), e.name, e.parentPath);
log(fs.readdirSync('d', 'hex'));
log(fs.readlinkSync === undefined);
