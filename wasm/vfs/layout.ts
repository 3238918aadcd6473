/**
 * Memory layout of the Verklet VFS. Every byte of filesystem state lives in the
 * imported memory at the fixed offsets below, so any number of instances of the
 * module (kernel worker, process workers) can share one `WebAssembly.Memory`.
 * The module itself keeps NO mutable data in memory (no data segments are
 * written above `__heap_base`, and `FS_BASE` is asserted to be above it), so
 * re-instantiating over a live memory cannot clobber state. Per-instance state
 * (scratch pointer, resolver results, clock) lives in wasm globals, which are
 * private to each instance.
 *
 * Mirrored by `src/fs/layout.ts`; `test/wasm/layout.test.mjs` checks agreement.
 *
 * ```
 * 0 .................... module static data (below __heap_base, < FS_BASE)
 * FS_BASE = 0x10000 .... superblock (SB_*), 16640 bytes used of 64 KiB
 *   +0    u32 magic  'VFS1'             +4   u32 layout version
 *   +8    i32 lock word (0 free, 1 held, 2 held + waiters)
 *   +16   f64 quota (bytes)             +24  f64 bytes in use (counted allocations)
 *   +32   u32 heap end (top)            +36  u32 live inode count
 *   +40   u32 next never-used ino       +44  u32 head of free-inode list
 *   +48   u32 attached instances
 *   +64   u32[32] allocator free-list heads, one per size class 2^k (k = 4..21)
 *   +256  u32[4096] inode page directory (pointer to a 64 KiB page of 1024 inodes)
 * HEAP_START = 0x20000 . allocator heap: 4 MiB buddy regions appended with
 *                        memory.grow up to 65536 pages (layout in alloc.ts);
 *                        SB_TOP is the end of the last region
 * ```
 *
 * Inode record, 64 bytes (ino = page * 1024 + slot; ino 0 is null, 1 is `/`):
 * ```
 *  +0 u16 mode (S_IFMT type | 0o7777 permissions; 0 = free slot)
 *  +2 u16 open count          +4 u32 nlink
 *  +8 u32 uid                 +12 u32 gid
 * +16 u32 size (file bytes / dir entry bytes / symlink target bytes)
 * +20 u32 data pointer        +24 u32 capacity
 * +28 u32 aux: dir → parent ino; file → block-table byte capacity; free → next free ino
 * +32 f64 atimeMs  +40 f64 mtimeMs  +48 f64 ctimeMs  +56 f64 birthtimeMs
 * ```
 * File contents: capacity ≤ CHUNK_SIZE → `data` is one block of `capacity`
 * bytes (a power of two ≥ 16). Otherwise `data` is a block table of u32
 * pointers to CHUNK_SIZE chunks, capacity = chunks * CHUNK_SIZE.
 *
 * Directory entry (insertion order, packed, in the directory's data block):
 * ```
 * +0 u32 ino  +4 u16 name length  +6 u8 type (1 file, 2 dir, 3 symlink)  +7 u8 0
 * +8 name bytes (UTF-8, no terminator)
 * ```
 *
 * Per-instance scratch area (SCRATCH_SIZE bytes, allocated at attach):
 * ```
 * +0 path A (4096)  +4096 path B (4096)  +8192 4 resolver work buffers (4 × 4096)
 * +24576 data area (SCR_DATA_SIZE bytes): I/O bytes, stat/readdir/usage output
 * ```
 * Stat output: the 64-byte inode record followed by u32 ino at +64.
 * Usage output: +0 f64 bytes used, +8 f64 quota, +16 u32 live inodes.
 */

export const LAYOUT_VERSION: u32 = 2;
export const MAGIC: u32 = 0x31534656;
export const FS_BASE: u32 = 0x10000;
export const SB_MAGIC: u32 = 0;
export const SB_VERSION: u32 = 4;
export const SB_LOCK: u32 = 8;
export const SB_QUOTA: u32 = 16;
export const SB_USED: u32 = 24;
export const SB_TOP: u32 = 32;
export const SB_INODES: u32 = 36;
export const SB_NEXT_INO: u32 = 40;
export const SB_FREE_INO: u32 = 44;
export const SB_ATTACHED: u32 = 48;
export const SB_FREE_LISTS: u32 = 64;
export const SB_INODE_DIR: u32 = 256;
export const MAX_INODE_PAGES: u32 = 4096;
export const HEAP_START: u32 = 0x20000;

export const MIN_CLASS: u32 = 4;
export const MAX_CLASS: u32 = 21;
export const REGION_SHIFT: u32 = 22;
export const REGION_SIZE: u32 = 0x400000;
export const BITMAP_SIZE: u32 = 0x8000;
export const CHUNK_SIZE: u32 = 65536;
export const CHUNK_SHIFT: u32 = 16;

export const INODE_SIZE: u32 = 64;
export const INODES_PER_PAGE: u32 = 1024;
export const I_MODE: u32 = 0;
export const I_OPEN: u32 = 2;
export const I_NLINK: u32 = 4;
export const I_UID: u32 = 8;
export const I_GID: u32 = 12;
export const I_SIZE: u32 = 16;
export const I_DATA: u32 = 20;
export const I_CAP: u32 = 24;
export const I_AUX: u32 = 28;
export const I_ATIME: u32 = 32;
export const I_MTIME: u32 = 40;
export const I_CTIME: u32 = 48;
export const I_BIRTHTIME: u32 = 56;
export const ST_INO: u32 = 64;
export const ROOT_INO: u32 = 1;

export const D_INO: u32 = 0;
export const D_NAMELEN: u32 = 4;
export const D_TYPE: u32 = 6;
export const D_NAME: u32 = 8;
export const DT_FILE: u32 = 1;
export const DT_DIR: u32 = 2;
export const DT_LINK: u32 = 3;

export const SCRATCH_SIZE: u32 = 262144;
export const SCR_PATH_A: u32 = 0;
export const SCR_PATH_B: u32 = 4096;
export const SCR_WORK: u32 = 8192;
export const SCR_DATA: u32 = 24576;
export const SCR_DATA_SIZE: u32 = 262144 - 24576;

export const PATH_MAX: u32 = 4096;
export const NAME_MAX: u32 = 255;
export const SYMLOOP_MAX: u32 = 40;

export const S_IFMT: u32 = 0o170000;
export const S_IFREG: u32 = 0o100000;
export const S_IFDIR: u32 = 0o040000;
export const S_IFLNK: u32 = 0o120000;

export const O_ACCMODE: u32 = 3;
export const O_CREAT: u32 = 0o100;
export const O_EXCL: u32 = 0o200;
export const O_TRUNC: u32 = 0o1000;
export const O_APPEND: u32 = 0o2000;
export const O_DIRECTORY: u32 = 0o200000;
export const O_NOFOLLOW: u32 = 0o400000;
