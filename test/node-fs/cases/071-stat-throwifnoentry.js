fs.writeFileSync('f', '');
log(fs.statSync('nope', { throwIfNoEntry: false }), fs.lstatSync('nope', { throwIfNoEntry: false }));
log(fs.statSync('f/x', { throwIfNoEntry: false }));
log(fs.statSync('f', { throwIfNoEntry: false }).isFile());
fs.symlinkSync('l2', 'l1'); fs.symlinkSync('l1', 'l2');
try { fs.statSync('l1', { throwIfNoEntry: false }); } catch (e) { log(e); }
try { fs.statSync('nope', { throwIfNoEntry: true }); } catch (e) { log(e); }
