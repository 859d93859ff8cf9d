/**
 * Which commit Argo CD will sync, and whether it holds what this checkout renders: the environment's
 * `argocd.repoURL` and `targetRevision` resolved with `git ls-remote`, as Argo CD's repo server
 * resolves them, and compared with the commit that holds this checkout's generated/<env>/.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GENERATED_DIR } from '../synth/paths.js';

const run = promisify(execFile);

/** How long `git ls-remote` may take before the remote counts as unreachable. */
const LS_REMOTE_TIMEOUT_MS = 30_000;
const FULL_SHA = /^[0-9a-f]{40}$/;

async function git(cwd: string, args: readonly string[], timeout?: number): Promise<string> {
  // A remote that wants a password fails at once instead of prompting (CI has no terminal).
  const { stdout } = await run('git', [...args], {
    cwd,
    timeout,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_ASKPASS: 'true' },
  });
  return stdout;
}

const gitMessage = (error: unknown): string => {
  const stderr = (error as { stderr?: string }).stderr?.trim();
  if ((error as { killed?: boolean }).killed === true) return 'timed out';
  // git's first line says what went wrong; the rest is advice about access rights.
  return stderr !== undefined && stderr !== '' ? stderr.split('\n')[0]! : error instanceof Error ? error.message : String(error);
};

/**
 * The commit `revision` names on `repoURL`: a branch or tag (an annotated tag peeled to its commit),
 * or a full commit id, which Argo CD syncs as it is. Throws a one-line message when it names nothing.
 */
export async function resolveRemoteRevision(cwd: string, repoURL: string, revision: string): Promise<string> {
  if (FULL_SHA.test(revision)) return revision;
  let listing: string;
  try {
    listing = await git(cwd, ['ls-remote', '--', repoURL, revision, `${revision}^{}`], LS_REMOTE_TIMEOUT_MS);
  } catch (error) {
    throw new Error(`git ls-remote ${repoURL} failed: ${gitMessage(error)}`);
  }
  const refs = listing
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const [sha, ref] = line.split('\t') as [string, string];
      return { sha, ref };
    });
  // Argo CD prefers a branch to a tag of the same name; a peeled tag (`^{}`) names the commit itself.
  const wanted = [`refs/heads/${revision}`, `refs/tags/${revision}^{}`, `refs/tags/${revision}`, revision];
  for (const name of wanted) {
    const found = refs.find(({ ref }) => ref === name);
    if (found !== undefined) return found.sha;
  }
  throw new Error(`${repoURL} has no branch or tag "${revision}"`);
}

/** What `git` says about the checkout: its HEAD, and the files under generated/ that differ from it. */
export async function localRevision(cwd: string): Promise<{ head: string; uncommitted: string[] }> {
  const folder = `${GENERATED_DIR}/`;
  const [head, status] = await Promise.all([
    git(cwd, ['rev-parse', '--verify', 'HEAD^{commit}']),
    // Paths relative to the repository root, untracked files included, one per NUL.
    git(cwd, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', folder]),
  ]);
  const entries = status.split('\0');
  const uncommitted: string[] = [];
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    if (entry.length <= 3) continue;
    uncommitted.push(entry.slice(3));
    // A rename or copy is followed by the path it came from.
    if (entry[0] === 'R' || entry[0] === 'C') index++;
  }
  return { head: head.trim(), uncommitted };
}

/**
 * Whether `remote` holds the same generated/<env>/ as `head`: the same commit, or a commit this
 * checkout knows whose folder has the same tree (a later commit that changed only code, say).
 */
export async function sameRendering(cwd: string, env: string, head: string, remote: string): Promise<'same' | 'different' | 'unknown'> {
  if (head === remote) return 'same';
  try {
    await git(cwd, ['cat-file', '-e', `${remote}^{commit}`]);
  } catch {
    // The remote's commit has not been fetched into this checkout.
    return 'unknown';
  }
  const [local, there] = await Promise.all([treeOf(cwd, head, env), treeOf(cwd, remote, env)]);
  return local === there ? 'same' : 'different';
}

/** The tree id of generated/<env>/ at a commit; empty when the commit has no such folder. */
async function treeOf(cwd: string, commit: string, env: string): Promise<string> {
  const listing = await git(cwd, ['ls-tree', '-d', commit, '--', `${GENERATED_DIR}/${env}`]);
  return listing.split(/\s/)[2] ?? '';
}

/** A commit named as git names it (a short or full id, a branch, a tag), resolved in this checkout; undefined when it names none. */
export async function resolveLocalCommit(cwd: string, revision: string): Promise<string | undefined> {
  try {
    return (await git(cwd, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`])).trim();
  } catch {
    // A full commit id this checkout has not fetched is still the commit Argo CD compares with.
    return FULL_SHA.test(revision) ? revision : undefined;
  }
}
