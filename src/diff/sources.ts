/**
 * The rendered output a diff compares: generated/ as a git ref holds it (read with one
 * `git cat-file --batch`, no checkout), or as the working tree holds it. Paths are relative to
 * generated/; the job images' builds are left out (their tags show in the manifests that run them).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMAGES_DIR, listFiles } from '../synth/files.js';
import { GENERATED_DIR } from '../synth/paths.js';

/** Path relative to generated/ → content. */
export type Tree = ReadonlyMap<string, string>;

export class GitError extends Error {}

function git(cwd: string, args: readonly string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  if (result.error !== undefined) throw new GitError(`git ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) throw new GitError(`git ${args.join(' ')}: ${result.stderr.trim() || `exit ${result.status}`}`);
  return result.stdout;
}

const isManifest = (file: string) => !file.startsWith(`${IMAGES_DIR}/`) && file.endsWith('.yaml');

export function treeAtRef(cwd: string, ref: string): Tree {
  let commit: string;
  try {
    commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
  } catch {
    throw new GitError(`"${ref}" is not a commit of the repository in ${cwd}; give a branch, tag or commit`);
  }
  const listing = git(cwd, ['ls-tree', '-r', '-z', commit, '--', `${GENERATED_DIR}/`]);
  const blobs = listing
    .split('\0')
    .filter((line) => line !== '')
    .map((line) => {
      const [meta, file] = line.split('\t') as [string, string];
      return { object: meta.split(' ')[2]!, file: file.slice(GENERATED_DIR.length + 1) };
    })
    .filter(({ file }) => isManifest(file));
  if (blobs.length === 0) return new Map();
  // One process for every file: `<sha> <type> <size>\n<content>\n` per object.
  const output = execFileSync('git', ['cat-file', '--batch'], { cwd, input: blobs.map(({ object }) => object).join('\n'), maxBuffer: 1024 * 1024 * 1024 });
  const tree = new Map<string, string>();
  let at = 0;
  for (const { file } of blobs) {
    const headerEnd = output.indexOf(0x0a, at);
    const size = Number(output.toString('utf8', at, headerEnd).split(' ')[2]);
    tree.set(file, output.toString('utf8', headerEnd + 1, headerEnd + 1 + size));
    at = headerEnd + 1 + size + 1;
  }
  return tree;
}

export function workingTree(cwd: string): Tree {
  const dir = path.join(cwd, GENERATED_DIR);
  return new Map(
    listFiles(dir)
      .filter(isManifest)
      .map((file) => [file, readFileSync(path.join(dir, file), 'utf8')]),
  );
}

/** Where the branch left the default branch: the merge base with origin's default (or main), else HEAD. */
export function defaultBase(cwd: string): string {
  for (const candidate of ['origin/HEAD', 'origin/main', 'main', 'origin/master', 'master']) {
    try {
      return git(cwd, ['merge-base', 'HEAD', candidate]).trim();
    } catch {
      // not there: the next candidate
    }
  }
  return git(cwd, ['rev-parse', 'HEAD']).trim();
}
