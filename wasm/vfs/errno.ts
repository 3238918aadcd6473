/** Linux errno numbers returned (negated) by every exported VFS function. */
export const EPERM: i32 = 1;
export const ENOENT: i32 = 2;
export const EBADF: i32 = 9;
export const EACCES: i32 = 13;
export const EBUSY: i32 = 16;
export const EEXIST: i32 = 17;
export const EXDEV: i32 = 18;
export const ENOTDIR: i32 = 20;
export const EISDIR: i32 = 21;
export const EINVAL: i32 = 22;
export const EMFILE: i32 = 24;
export const EFBIG: i32 = 27;
export const ENOSPC: i32 = 28;
export const ENAMETOOLONG: i32 = 36;
export const ENOTEMPTY: i32 = 39;
export const ELOOP: i32 = 40;
