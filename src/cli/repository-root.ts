import { statSync } from 'node:fs';
import path from 'node:path';
import { ENVIRONMENTS_DIR } from '../synth/paths.js';

/**
 * The repository root of a folder: the folder itself or its nearest ancestor that holds
 * environments/, where every command reads and writes (environments/, generated/, git). A folder
 * with no such ancestor is taken as it is, so that the command says what is missing there.
 */
export function repositoryRoot(from: string): string {
  const start = path.resolve(from);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (statSync(path.join(dir, ENVIRONMENTS_DIR), { throwIfNoEntry: false })?.isDirectory() === true) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
