fs.writeFileSync(Buffer.from('buf.txt'), 'b');
log(fs.readFileSync('buf.txt', 'utf8'));
const url = new URL('file://' + fs.realpathSync('.') + '/url%20file.txt');
fs.writeFileSync(url, 'u');
log(fs.readdirSync('.').sort(), fs.readFileSync(url, 'utf8'));
try { fs.readFileSync(new URL('http://example.com/x')); } catch (e) { log(e.code, e.message); }
try { fs.readFileSync(new URL('file:///a%2fb')); } catch (e) { log(e.code, e.message); }
try { fs.statSync(Buffer.from('nope')); } catch (e) { log(e); }
