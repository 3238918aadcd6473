fs.mkdirSync('m1', 0o700);
fs.mkdirSync('m2', { mode: 0o755 });
fs.mkdirSync('m3', '750');
log(fs.statSync('m1').mode.toString(8), fs.statSync('m2').mode.toString(8), fs.statSync('m3').mode.toString(8));
