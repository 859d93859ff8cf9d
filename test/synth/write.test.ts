import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { JOB_PROGRAMS } from '../../src/images/programs.js';
import { listFiles } from '../../src/synth/files.js';
import { ENVIRONMENTS, runCli, temporaryRepository } from '../helpers.js';

describe('synth writes generated/', () => {
  let repo: Awaited<ReturnType<typeof temporaryRepository>>;
  beforeEach(async () => {
    repo = await temporaryRepository();
  });
  afterEach(async () => {
    await repo.remove();
  });

  const generated = () => path.join(repo.dir, 'generated');

  test('one file per object under <env>/<application>/, the job images’ builds under images/, and check then passes', async () => {
    expect((await runCli(['synth', '--cwd', repo.dir])).code).toBe(0);
    const files = listFiles(generated());
    expect(files).toContain('prod/namespaces/namespace_thoth-graph-prod.yaml');
    expect(files).toContain('test/argocd/application_argocd_test-thoth-apps.yaml');
    const [images, objects] = [files.filter((file) => file.startsWith('images/')), files.filter((file) => !file.startsWith('images/'))];
    expect(objects.filter((file) => !new RegExp(`^(${ENVIRONMENTS.join('|')})/[a-z-]+/[a-z]+_[a-z0-9_.-]+\\.yaml$`).test(file))).toEqual([]);
    // Each job program of src/images/programs.ts: its Dockerfile and its image.json.
    expect(images).toEqual(
      JOB_PROGRAMS.map((program) => program.image)
        .sort()
        .flatMap((image) => [`images/${image}/Dockerfile`, `images/${image}/image.json`]),
    );
    expect(await runCli(['check', '--cwd', repo.dir])).toMatchObject({ code: 0, out: 'generated/ is up to date\n' });
  });

  test('a second synth writes nothing and leaves unchanged files untouched', async () => {
    await runCli(['synth', '--cwd', repo.dir]);
    const file = path.join(generated(), 'prod', 'namespaces', 'namespace_thoth-graph-prod.yaml');
    const before = (await stat(file)).mtimeMs;
    const second = await runCli(['synth', '--cwd', repo.dir]);
    expect(second.out).toMatch(/^0 file\(s\) written, 0 removed, \d+ unchanged$/m);
    expect((await stat(file)).mtimeMs).toBe(before);
  });

  test('removes the files of objects that no longer exist, and the folders of removed environments', async () => {
    await runCli(['synth', '--cwd', repo.dir]);
    const orphan = path.join(generated(), 'prod', 'namespaces', 'configmap_thoth-graph-prod_gone.yaml');
    await writeFile(orphan, 'kind: ConfigMap\n');
    await mkdir(path.join(generated(), 'qa', 'namespaces'), { recursive: true });
    await writeFile(path.join(generated(), 'qa', 'namespaces', 'namespace_thoth-qa.yaml'), 'kind: Namespace\n');

    const check = await runCli(['check', '--cwd', repo.dir]);
    expect(check.code).toBe(2);
    expect(check.out).toContain('  extra    generated/prod/namespaces/configmap_thoth-graph-prod_gone.yaml');
    expect(check.out).toContain('  extra    generated/qa/namespaces/namespace_thoth-qa.yaml');

    const synth = await runCli(['synth', '--cwd', repo.dir]);
    expect(synth.out).toContain('qa: removed generated/qa/ (no environments/qa.yaml)');
    const files = listFiles(generated());
    expect(files).not.toContain('prod/namespaces/configmap_thoth-graph-prod_gone.yaml');
    expect(files.some((file) => file.startsWith('qa/'))).toBe(false);
  });

  test('--env renders only that environment and leaves the others alone', async () => {
    await runCli(['synth', '--cwd', repo.dir]);
    const stageFile = path.join(generated(), 'stage', 'namespaces', 'namespace_thoth-graph-stage.yaml');
    await writeFile(stageFile, 'edited by hand\n');
    expect((await runCli(['synth', '--env', 'prod', '--cwd', repo.dir])).code).toBe(0);
    expect(await readFile(stageFile, 'utf8')).toBe('edited by hand\n');
    const check = await runCli(['check', '--env', 'stage', '--cwd', repo.dir]);
    expect(check).toMatchObject({ code: 2 });
    expect(check.out).toContain('  changed  generated/stage/namespaces/namespace_thoth-graph-stage.yaml');
  });

  test('writes nothing when any environment fails: generated/ stays as it was', async () => {
    await runCli(['synth', '--cwd', repo.dir]);
    const before = listFiles(generated());
    const prodFile = path.join(repo.dir, 'environments', 'prod.yaml');
    await writeFile(prodFile, (await readFile(prodFile, 'utf8')).replace('deploymentName: smaug-prod', 'deploymentName: Smaug'));
    await rm(path.join(generated(), 'test'), { recursive: true });

    const result = await runCli(['synth', '--cwd', repo.dir]);
    expect(result.code).toBe(1);
    expect(result.err).toContain('environments/prod.yaml:5:17: deploymentName: got "Smaug"');
    const after = listFiles(generated());
    expect(after).toEqual(before.filter((file) => !file.startsWith('test/')));
    expect(after.some((file) => file.includes('.tmp-'))).toBe(false);
  });
});
