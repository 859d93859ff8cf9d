/**
 * Values no two environment files may hold (src/config/claims.ts), with the Ryax site ids the Ryax UI
 * gives once: a copied site file, its id left as it was, is refused at the id's line in both files,
 * and so is an engine's own site sharing a remote site's id (one space of ids across the two platforms).
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ENVIRONMENTS, loadedReal, runCli, temporaryRepository } from '../helpers.js';

const LOADED = await Promise.all(ENVIRONMENTS.map(loadedReal));
const withSite = (platform: string) =>
  LOADED.filter((loaded) => loaded.platform.name === platform && (loaded.env as { site?: unknown }).site !== undefined).map((loaded) => loaded.env.name);
const SITE = withSite('ryax-worker')[0]!;
const ENGINE = withSite('ryax')[0]!;

/** The problems validate reports, one line each: `file:line:column: key path: message`. */
async function validateProblems(dir: string, ...options: string[]): Promise<{ code: number; lines: string[] }> {
  const result = await runCli(['validate', '--cwd', dir, ...options]);
  return {
    code: result.code,
    lines: `${result.out}${result.err}`
      .split('\n')
      .filter((line) => line.includes(' is also the Ryax'))
      .map((line) => line.replace(/^error: /, '')),
  };
}

test('a copied site file is refused at its site id and node pool ids, in both files, naming the other', async () => {
  const repo = await temporaryRepository();
  try {
    const text = await readFile(path.join(repo.dir, 'environments', `${SITE}.yaml`), 'utf8');
    await writeFile(path.join(repo.dir, 'environments', `${SITE}-copy.yaml`), text);
    const { code, lines } = await validateProblems(repo.dir);
    expect(code).toBe(1);
    const pools = (LOADED.find((loaded) => loaded.env.name === SITE)!.env as unknown as { site: { nodePools: unknown[] } }).site.nodePools.length;
    // The site id and each pool's, in each of the two files.
    expect(lines).toHaveLength(2 * (1 + pools));
    expect(lines.filter((line) => line.startsWith(`environments/${SITE}.yaml:`) && line.includes(`of environments/${SITE}-copy.yaml`))).toHaveLength(1 + pools);
    expect(lines.filter((line) => line.startsWith(`environments/${SITE}-copy.yaml:`) && line.includes(`of environments/${SITE}.yaml`))).toHaveLength(1 + pools);
    const id = lines.find((line) => line.includes('site.id'))!;
    expect(id).toMatch(/^environments\/ryax-[a-z0-9-]+\.yaml:\d+:\d+: /);
    expect(id).toContain('is also the Ryax site id of');
    expect(id).toContain('declare the new site in the UI and copy its ids');
  } finally {
    await repo.remove();
  }
});

test("an engine's own site with a remote site's id is refused: one space of site ids across the platforms", async () => {
  const repo = await temporaryRepository();
  try {
    const siteFile = path.join(repo.dir, 'environments', `${SITE}.yaml`);
    const engineId = /^ {2}id: (Site-\S+)$/m.exec(await readFile(path.join(repo.dir, 'environments', `${ENGINE}.yaml`), 'utf8'))![1]!;
    await writeFile(siteFile, (await readFile(siteFile, 'utf8')).replace(/^ {2}id: Site-\S+$/m, `  id: ${engineId}`));
    const { code, lines } = await validateProblems(repo.dir);
    expect(code).toBe(1);
    expect(lines.map((line) => line.replace(/:\d+:\d+:/, ':L:C:'))).toEqual(
      [
        `environments/${ENGINE}.yaml:L:C: site.id: "${engineId}" is also the Ryax site id of environments/${SITE}.yaml: each site has the ids the Ryax UI gave it when it was declared, and two workers with one would both register it; declare the new site in the UI and copy its ids`,
        `environments/${SITE}.yaml:L:C: site.id: "${engineId}" is also the Ryax site id of environments/${ENGINE}.yaml: each site has the ids the Ryax UI gave it when it was declared, and two workers with one would both register it; declare the new site in the UI and copy its ids`,
      ].sort(),
    );
  } finally {
    await repo.remove();
  }
});

test('validate --env of the copy alone is refused too: the claims are held against every file', async () => {
  const repo = await temporaryRepository();
  try {
    const text = await readFile(path.join(repo.dir, 'environments', `${SITE}.yaml`), 'utf8');
    await writeFile(path.join(repo.dir, 'environments', `${SITE}-copy.yaml`), text);
    // A broken file elsewhere claims nothing and does not hide the claims of the others.
    await writeFile(path.join(repo.dir, 'environments', 'broken.yaml'), 'platform: ryax\n');
    const { code, lines } = await validateProblems(repo.dir, '--env', `${SITE}-copy`);
    expect(code).toBe(1);
    // Each holder at its own line, the file not selected too.
    expect(
      lines
        .filter((line) => line.includes('site.id'))
        .map((line) => line.split(':')[0])
        .sort(),
    ).toEqual([`environments/${SITE}-copy.yaml`, `environments/${SITE}.yaml`].sort());
  } finally {
    await repo.remove();
  }
});

test('an engine whose own worker is switched off claims no site id', async () => {
  const repo = await temporaryRepository();
  try {
    const engineFile = path.join(repo.dir, 'environments', `${ENGINE}.yaml`);
    const engine = await readFile(engineFile, 'utf8');
    const engineId = /^ {2}id: (Site-\S+)$/m.exec(engine)![1]!;
    await writeFile(engineFile, engine.replace(/^components:\n/m, 'components:\n  worker: { enabled: false }\n'));
    const siteFile = path.join(repo.dir, 'environments', `${SITE}.yaml`);
    await writeFile(siteFile, (await readFile(siteFile, 'utf8')).replace(/^ {2}id: Site-\S+$/m, `  id: ${engineId}`));
    const { lines } = await validateProblems(repo.dir);
    expect(lines).toEqual([]);
  } finally {
    await repo.remove();
  }
});
