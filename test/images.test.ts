/**
 * The job images: each program's build is generated, its tag follows exactly the sources it is
 * built from, the manifests run that tag, and the program runs from the Dockerfile's entry point.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleInputs } from '../src/images/bundle-inputs.js';
import { planImages } from '../src/images/plan.js';
import { JOB_PROGRAMS } from '../src/images/programs.js';
import { ENVIRONMENTS, manifestsOf, REPO_ROOT, renderReal } from './helpers.js';

const run = promisify(execFile);
const tagsOf = (root: string) => Object.fromEntries(planImages(root).map((build) => [build.program.image, build.tag]));

test('every job program has a generated build; an environment runs its tag', async () => {
  // Not every environment runs every program: prod does not sync documents.
  const rendered = (await Promise.all(ENVIRONMENTS.map((name) => renderReal(name)))).flatMap((env) => manifestsOf(env));
  for (const build of planImages()) {
    const dockerfile = await readFile(path.join(REPO_ROOT, 'generated/images', build.program.image, 'Dockerfile'), 'utf8');
    expect(dockerfile).toContain(`THOTH_SERVICE_VERSION=${build.tag}`);
    // Distroless's nonroot, or the node image's for a program that carries PostgreSQL's client tools.
    expect(dockerfile).toMatch('postgresClient' in build.program ? /^USER 1000:1000$/m : /^USER 65532:65532$/m);
    expect(dockerfile).not.toMatch(/^USER (0|root)\b/m);
    const image = `quay.io/thoth-station/${build.program.image}:${build.tag}`;
    const running = rendered.filter((manifest) => JSON.stringify(manifest).includes(`"image":"${image}"`));
    expect({ image: build.program.image, runningIn: running.length > 0 }).toEqual({ image: build.program.image, runningIn: true });
  }
  expect(planImages().map((build) => build.program.image)).toEqual(JOB_PROGRAMS.map((program) => program.image));
});

describe('the tag follows the sources a program is built from, and nothing else', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'thoth-images-'));
    for (const entry of ['package.json', 'package-lock.json', 'scripts/build-job.mjs', 'src', 'components'])
      await cp(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  /** The tags after changing a copy of the repository, each change in a fresh copy of the plan. */
  let copy = 0;
  async function tagsAfter(change: (dir: string) => Promise<void>) {
    const dir = path.join(root, `copy-${++copy}`);
    for (const entry of ['package.json', 'package-lock.json', 'scripts', 'src', 'components'])
      await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
    await change(dir);
    return tagsOf(dir);
  }
  const append = (file: string) => async (dir: string) => writeFile(path.join(dir, file), `${await readFile(path.join(dir, file), 'utf8')}\n// changed\n`);
  const lockVersion = (name: string, version: string) => async (dir: string) => {
    const lock = JSON.parse(await readFile(path.join(dir, 'package-lock.json'), 'utf8'));
    lock.packages[`node_modules/${name}`].version = version;
    await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
  };

  test('same sources, same tags', async () => {
    expect(await tagsAfter(async () => {})).toEqual(tagsOf(REPO_ROOT));
  });

  test('a source of one program changes its tag only', async () => {
    const before = tagsOf(REPO_ROOT);
    const after = await tagsAfter(append('components/investigator/job/settings.ts'));
    expect(after.investigator).not.toBe(before.investigator);
    expect(after['graph-refresh-job']).toBe(before['graph-refresh-job']);
  });

  test('a shared source, a runtime dependency’s locked version (also a transitive one) or the bundler’s, changes both', async () => {
    const before = tagsOf(REPO_ROOT);
    for (const change of [
      append('src/runtime/log.ts'),
      lockVersion('kafkajs', '9.9.9'),
      lockVersion('pg-protocol', '9.9.9'),
      lockVersion('esbuild', '9.9.9'),
    ]) {
      const after = await tagsAfter(change);
      expect(after.investigator).not.toBe(before.investigator);
      expect(after['graph-refresh-job']).not.toBe(before['graph-refresh-job']);
    }
  });

  test('the record of what a program is made of is reused while its sources are unchanged, and followed again when one changes', async () => {
    const dir = path.join(root, `copy-${++copy}`);
    for (const entry of ['package.json', 'package-lock.json', 'scripts', 'src', 'components'])
      await cp(path.join(root, entry), path.join(dir, entry), { recursive: true });
    await mkdir(path.join(dir, 'node_modules'));
    const program = JOB_PROGRAMS.find((each) => each.image === 'investigator')!;
    const first = bundleInputs(dir, program);
    expect(first.sources).toContain('components/investigator/job/settings.ts');
    // A record that differs from what esbuild would say is what comes back: the record, not esbuild, answered.
    const record = path.join(dir, 'node_modules/.cache/thoth-gitops/images/investigator.json');
    const recorded = JSON.parse(await readFile(record, 'utf8'));
    await writeFile(record, JSON.stringify({ ...recorded, externals: [...recorded.externals, 'left-pad'] }));
    expect(bundleInputs(dir, program).externals).toContain('left-pad');
    // A source that now imports a new file: esbuild follows the imports again.
    await writeFile(path.join(dir, 'components/investigator/job/extra.ts'), 'export const EXTRA = 1;\n');
    const settings = path.join(dir, 'components/investigator/job/settings.ts');
    await writeFile(settings, `import './extra.js';\n${await readFile(settings, 'utf8')}`);
    const after = bundleInputs(dir, program);
    expect(after.sources).toContain('components/investigator/job/extra.ts');
    expect(after.externals).not.toContain('left-pad');
  });

  test('a dev dependency, a manifest construct or a test changes neither', async () => {
    const before = tagsOf(REPO_ROOT);
    for (const change of [lockVersion('jest', '99.0.0'), append('components/investigator/index.ts'), append('components/investigator/job/settings.test.ts')]) {
      expect(await tagsAfter(change)).toEqual(before);
    }
  });
});

describe.each(JOB_PROGRAMS.map((program) => [program.image]))('%s runs from its Dockerfile’s entry point', (image) => {
  let out: string;
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), `thoth-image-${image}-`));
  });
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
  });

  test('--help', async () => {
    const dockerfile = await readFile(path.join(REPO_ROOT, 'generated/images', image, 'Dockerfile'), 'utf8');
    // The build step and the entry point, as the image runs them, with /out and /app mapped to a temporary folder.
    const [, entry, bundle] = /^RUN node scripts\/build-job\.mjs (\S+) \/out\/(\S+)$/m.exec(dockerfile)!;
    const entrypoint = JSON.parse(/^ENTRYPOINT (.*)$/m.exec(dockerfile)![1]!) as string[];
    expect(entrypoint).toEqual(['/nodejs/bin/node', `/app/${bundle}`]);
    await run('node', ['scripts/build-job.mjs', entry!, path.join(out, bundle!)], { cwd: REPO_ROOT });
    const { stdout } = await run(process.execPath, [path.join(out, bundle!), '--help'], { cwd: out });
    // [command] where the program has commands besides its default (graph-backup-job has none).
    expect(stdout).toMatch(new RegExp(`^Usage: ${image} \\[options\\]`));
    expect(stdout).toContain('Environment:');
  });
});
