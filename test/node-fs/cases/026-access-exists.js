fs.writeFileSync('f', '');
log(fs.accessSync('f'), fs.accessSync('f', fs.constants.R_OK | fs.constants.W_OK));
try { fs.accessSync('nope'); } catch (e) { log(e); }
try { fs.accessSync('nope', fs.constants.W_OK); } catch (e) { log(e); }
log(fs.existsSync('f'), fs.existsSync('nope'), fs.existsSync(), fs.existsSync('f\0'));
await new Promise((r) => fs.exists('f', (b) => { log(b); r(); }));
await new Promise((r) => fs.access('nope', (e) => { log(e); r(); }));
try { await fs.promises.access('nope'); } catch (e) { log(e); }
