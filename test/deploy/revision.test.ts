/** The revision check against a local bare repository standing in for the environment's remote. */
import { execFileSync } from 'node:child_process';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { localRevision, resolveRemoteRevision, sameRendering } from '../../src/deploy/revision.js';

let dir: string;
let checkout: string;
let remote: string;
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).trim();

async function commitFile(file: string, content: string, message: string): Promise<string> {
  await mkdir(path.dirname(path.join(checkout, file)), { recursive: true });
  await writeFile(path.join(checkout, file), content);
  git(checkout, 'add', '-A');
  git(checkout, 'commit', '-q', '-m', message);
  return git(checkout, 'rev-parse', 'HEAD');
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'thoth-gitops-revision-'));
  checkout = path.join(dir, 'checkout');
  remote = path.join(dir, 'remote.git');
  await mkdir(checkout);
  git(checkout, 'init', '-q', '-b', 'main');
  await commitFile('generated/stage/graph/a.yaml', 'a: 1\n', 'first');
  git(dir, 'clone', '-q', '--bare', checkout, remote);
  git(checkout, 'remote', 'add', 'origin', remote);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('resolveRemoteRevision', () => {
  test('a branch resolves to the commit the remote has, not the checkout’s', async () => {
    const pushed = git(checkout, 'rev-parse', 'HEAD');
    await commitFile('src/code.ts', 'x\n', 'code only');
    expect(await resolveRemoteRevision(checkout, remote, 'main')).toBe(pushed);
  });

  test('an annotated tag resolves to the commit it tags', async () => {
    const head = git(checkout, 'rev-parse', 'HEAD');
    git(checkout, 'tag', '-a', 'v1', '-m', 'release');
    git(checkout, 'push', '-q', 'origin', 'v1');
    expect(await resolveRemoteRevision(checkout, remote, 'v1')).toBe(head);
  });

  test('a full commit id is the commit itself, as Argo CD syncs it', async () => {
    const sha = 'c'.repeat(40);
    expect(await resolveRemoteRevision(checkout, remote, sha)).toBe(sha);
  });

  test('a branch the remote does not have, and a remote that does not answer, are one-line errors', async () => {
    await expect(resolveRemoteRevision(checkout, remote, 'release-9')).rejects.toThrow(`${remote} has no branch or tag "release-9"`);
    await expect(resolveRemoteRevision(checkout, path.join(dir, 'nowhere.git'), 'main')).rejects.toThrow(/^git ls-remote .*nowhere\.git failed: fatal: /);
  });
});

describe('localRevision and sameRendering', () => {
  test('uncommitted and untracked files under generated/ are listed, nothing else', async () => {
    await writeFile(path.join(checkout, 'generated/stage/graph/a.yaml'), 'a: 2\n');
    await writeFile(path.join(checkout, 'generated/stage/graph/new.yaml'), 'b: 1\n');
    await writeFile(path.join(checkout, 'README.md'), 'not generated\n');
    const { uncommitted, head } = await localRevision(checkout);
    expect(uncommitted.sort()).toEqual(['generated/stage/graph/a.yaml', 'generated/stage/graph/new.yaml']);
    expect(head).toBe(git(checkout, 'rev-parse', 'HEAD'));
    git(checkout, 'checkout', '-q', '--', '.');
    await rm(path.join(checkout, 'generated/stage/graph/new.yaml'));
    await rm(path.join(checkout, 'README.md'));
    expect((await localRevision(checkout)).uncommitted).toEqual([]);
  });

  test('a later commit that changed only code renders the same; one that changed generated/<env>/ does not', async () => {
    const remoteHead = await resolveRemoteRevision(checkout, remote, 'main');
    const head = git(checkout, 'rev-parse', 'HEAD');
    expect(head).not.toBe(remoteHead);
    expect(await sameRendering(checkout, 'stage', head, remoteHead)).toBe('same');
    const changed = await commitFile('generated/stage/graph/a.yaml', 'a: 3\n', 'render');
    expect(await sameRendering(checkout, 'stage', changed, remoteHead)).toBe('different');
    // Another environment's folder (here: in neither commit) does not count.
    expect(await sameRendering(checkout, 'prod', changed, remoteHead)).toBe('same');
  });

  test('a remote commit this checkout has not fetched is unknown', async () => {
    expect(await sameRendering(checkout, 'stage', git(checkout, 'rev-parse', 'HEAD'), 'd'.repeat(40))).toBe('unknown');
  });
});
