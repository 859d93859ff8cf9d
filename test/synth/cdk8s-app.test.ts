/**
 * `cdk8s synth` (cdk8s.yaml runs platforms/cdk8s.ts) writes, for every environment, the objects
 * `thoth-gitops synth` renders into generated/: the same kinds, namespaces and names.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jest } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import { synthCdk8sApp } from '../../platforms/cdk8s.js';
import { ENVIRONMENTS, manifestsOf, renderReal, REPO_ROOT, temporaryRepository } from '../helpers.js';

const identity = (manifest: { kind: string; metadata: { name: string; namespace?: string } }) =>
  `${manifest.kind} ${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`;

let outdir: string;
beforeAll(async () => {
  outdir = await mkdtemp(path.join(tmpdir(), 'thoth-cdk8s-'));
  expect(await synthCdk8sApp(REPO_ROOT, outdir)).toBe(0);
});
afterAll(() => rm(outdir, { recursive: true, force: true }));

test.each(ENVIRONMENTS)('%s: one file per chart, holding the objects generated/ holds', async (name) => {
  const files = (await readdir(outdir)).filter((file) => file.endsWith(`.${name}.k8s.yaml`));
  // Every platform's environment has the app-of-apps.
  expect(files).toContain(`argocd.${name}.k8s.yaml`);
  const synthesized = (
    await Promise.all(files.map(async (file) => parseAllDocuments(await readFile(path.join(outdir, file), 'utf8')).map((document) => document.toJS())))
  )
    .flat()
    .filter((manifest) => manifest !== null);
  const rendered = manifestsOf(await renderReal(name));
  expect(synthesized.map(identity).sort()).toEqual(rendered.map(identity).sort());
});

test('a wrong environment file is reported on stderr with exit code 1, and nothing is written', async () => {
  const repository = await temporaryRepository();
  const out = path.join(repository.dir, 'dist');
  const written = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    await writeFile(path.join(repository.dir, 'environments', 'broken.yaml'), 'description: 1\n');
    expect(await synthCdk8sApp(repository.dir, out)).toBe(1);
    expect(String(written.mock.calls[0]?.[0])).toMatch(/^error: environments\/broken\.yaml:1:/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  } finally {
    written.mockRestore();
    await repository.remove();
  }
});
