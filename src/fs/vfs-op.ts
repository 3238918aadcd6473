/**
 * Mutation-log records of the VFS: plain, structured-cloneable objects that
 * name files by PATH, so a log taken from one memory can be replayed on another
 * (`Vfs.apply`). `t` is the clock value the original call used, so replays
 * reproduce timestamps exactly.
 *
 * Caveats: replay is last-writer-wins (no merge of concurrent edits); writes
 * through an open file are logged under the path it was opened with (updated
 * when this instance renames that path or a parent, but not when another
 * instance does); writes to an inode that has no name left are not logged.
 */
export type VfsOp =
  | { op: 'open'; path: string; flags: number; mode: number; t: number }
  | { op: 'write'; path: string; position: number; data: Uint8Array; t: number }
  | { op: 'truncate'; path: string; len: number; t: number }
  | { op: 'mkdir'; path: string; mode: number; t: number }
  | { op: 'rmdir'; path: string; t: number }
  | { op: 'unlink'; path: string; t: number }
  | { op: 'rename'; path: string; dest: string; t: number }
  | { op: 'symlink'; target: string; path: string; t: number }
  | { op: 'link'; path: string; dest: string; t: number }
  | { op: 'chmod'; path: string; mode: number; follow: boolean; t: number }
  | { op: 'chown'; path: string; uid: number; gid: number; follow: boolean; t: number }
  | { op: 'utimes'; path: string; atimeMs: number; mtimeMs: number; follow: boolean; t: number };
