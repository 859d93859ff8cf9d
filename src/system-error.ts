/**
 * Failed system calls that come from the user's machine rather than from the code: a read-only or
 * full disk, a folder without permission, a file where a folder must be. The CLI reports them as
 * bad input (exit 1, one line); any other failure, such as a missing file the code expected, stays a bug.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { getSystemErrorMap, types } from 'node:util';

const MACHINE_FAILURES = new Set([
  'EACCES',
  'EPERM',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EIO',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'ENAMETOOLONG',
  'ELOOP',
  'EMFILE',
  'ENFILE',
  'EBUSY',
]);

export type SystemError = NodeJS.ErrnoException & { readonly code: string; readonly errno: number; readonly path?: string; readonly dest?: string };

export function isMachineFailure(error: unknown): error is SystemError {
  const candidate = error as Partial<SystemError> | undefined;
  // isNativeError, not instanceof: an error made in another realm (a test's VM context) is one too.
  return types.isNativeError(error) && typeof candidate?.errno === 'number' && MACHINE_FAILURES.has(candidate.code ?? '');
}

/** A path as the user sees it: relative to `cwd` when inside it. */
export function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' ? '.' : relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/**
 * The operating system's words for the failure ("permission denied", "no space left on device");
 * for "not a directory" and "file already exists" on a folder to be made, which file is in the way.
 */
export function reasonOf(error: SystemError, cwd: string): string {
  const blocker =
    (error.code === 'ENOTDIR' || (error.code === 'EEXIST' && error.syscall === 'mkdir')) && error.path !== undefined ? fileInTheWay(error.path) : undefined;
  if (blocker !== undefined) return `${blocker === path.resolve(error.path!) ? 'it' : shownPath(blocker, cwd)} is a file, not a folder`;
  return getSystemErrorMap().get(error.errno)?.[1] ?? error.code;
}

/** The nearest of `file` and the folders above it that exists and is not a folder. */
function fileInTheWay(file: string): string | undefined {
  for (let at = path.resolve(file); path.dirname(at) !== at; at = path.dirname(at)) {
    let found;
    try {
      found = statSync(at, { throwIfNoEntry: false });
    } catch {
      continue; // below a file: ENOTDIR, and the file is further up
    }
    if (found !== undefined && !found.isDirectory()) return at;
  }
  return undefined;
}
