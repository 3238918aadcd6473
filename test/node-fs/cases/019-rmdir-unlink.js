fs.mkdirSync('d');
fs.writeFileSync('d/f', '');
try { fs.rmdirSync('d'); } catch (e) { log(e); }
try { fs.rmdirSync('d/f'); } catch (e) { log(e); }
try { fs.unlinkSync('d'); } catch (e) { log(e); }
try { fs.unlinkSync('nope'); } catch (e) { log(e); }
fs.unlinkSync('d/f');
fs.rmdirSync('d');
log(fs.readdirSync('.'));
