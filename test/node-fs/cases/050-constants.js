const c = fs.constants;
log(c.O_RDONLY, c.O_WRONLY, c.O_RDWR, c.O_CREAT, c.O_EXCL, c.O_TRUNC, c.O_APPEND, c.O_DIRECTORY, c.O_NOFOLLOW, c.O_SYNC);
log(c.S_IFMT, c.S_IFREG, c.S_IFDIR, c.S_IFLNK, c.F_OK, c.R_OK, c.W_OK, c.X_OK, c.COPYFILE_EXCL);
log(fs.F_OK, fs.R_OK, fs.W_OK, fs.X_OK);
log(Object.keys(c).length);
