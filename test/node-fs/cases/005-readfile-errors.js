try { fs.readFileSync('nope.txt'); } catch (e) { log(e); }
fs.mkdirSync('dir');
try { fs.readFileSync('dir'); } catch (e) { log(e); }
try { fs.readFileSync('dir/'); } catch (e) { log(e); }
fs.writeFileSync('file', 'x');
try { fs.readFileSync('file/'); } catch (e) { log(e); }
try { fs.readFileSync('file/x'); } catch (e) { log(e); }
