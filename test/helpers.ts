/** Shared test helpers: the repository's real environments, temporary repositories, captured output. */
import { App } from 'cdk8s';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Io } from '../src/cli/io.js';
import { run } from '../src/cli/main.js';
import { listEnvironments, loadEnvironments, loadPlatformEnvironments, parseEnvironment } from '../src/config/load.js';
import { ThothChart } from '../charts/chart.js';
import { collectObjects } from '../src/synth/collect.js';
import type { Environment } from '../components/shared/environment.js';
import type { Manifest, RenderedEnvironment } from '../src/synth/manifest.js';
import { renderEnvironment } from '../src/synth/render.js';
import { imageTags, planImages } from '../src/images/plan.js';
import type { JobImageTags } from '../src/images/programs.js';
import { bareEnvironmentText } from './fixtures/environment.js';
import { PLATFORMS } from '../platforms/index.js';
import type { LoadedEnvironment } from '../src/synth/platform.js';
import { THOTH } from '../platforms/thoth/platform.js';

export const REPO_ROOT = process.cwd();

/** The repository's environments, as found on disk: a new environments/<name>.yaml is tested without touching a test. */
/** Every environment of the repository, whatever its platform. */
export const ENVIRONMENTS = await listEnvironments(REPO_ROOT);
/** The repository's Thoth environments. */
export const THOTH_ENVIRONMENTS = (await loadPlatformEnvironments(THOTH, REPO_ROOT)).map((env) => env.name);

/** Job image tags for unit renders; the real ones come from src/images/plan.ts. */
export const TEST_IMAGE_TAGS: JobImageTags = new Map([
  ['graph-refresh-job', '0123456789ab'],
  ['investigator', 'ba9876543210'],
  ['workflow-tasks', 'fedcba987654'],
  ['mi-scheduler-job', '13579bdf2468'],
  ['graph-backup-job', '2468ace13579'],
  ['graph-metrics-exporter', '97531fdb8642'],
  ['document-sync-job', '1a2b3c4d5e6f'],
  ['package-releases-job', 'f6e5d4c3b2a1'],
  ['package-update-job', 'a1b2c3d4e5f6'],
  ['cve-update-job', 'c0ffee123456'],
  ['pulp-pypi-sync-job', 'b0a5c0ffee12'],
  ['advise-reporter', 'ad71ce4e9071'],
]);

export async function realEnvironment(name: string): Promise<Environment> {
  const [env] = await loadPlatformEnvironments(THOTH, REPO_ROOT, [name]);
  return env!;
}

/** A repository environment, whatever its platform, with its platform. */
export async function loadedReal(name: string): Promise<LoadedEnvironment> {
  const [loaded] = await loadEnvironments(PLATFORMS, REPO_ROOT, [name]);
  return loaded!;
}

/** A repository environment rendered by its own platform. */
export async function renderReal(name: string): Promise<RenderedEnvironment> {
  const { platform, env } = await loadedReal(name);
  return renderEnvironment(platform, env, imageTags(planImages()));
}

export function manifestsOf(env: RenderedEnvironment): Manifest[] {
  return env.applications.flatMap((application) => application.objects.map((object) => object.manifest));
}

/** The one object of that kind, namespace and name; fails the test when there is none. */
export function findObject(env: RenderedEnvironment, kind: string, name: string, namespace?: string): Manifest {
  const found = manifestsOf(env).find((manifest) => manifest.kind === kind && manifest.metadata.name === name && manifest.metadata.namespace === namespace);
  if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ''}/${name} in ${env.name}`);
  return found;
}

/** A temporary copy of the repository's environments/ folder, removed by the returned function. */
export async function temporaryRepository(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-gitops-test-'));
  await cp(path.join(REPO_ROOT, 'environments'), path.join(dir, 'environments'), { recursive: true });
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the CLI in this process and returns its exit code and output. */
export async function runCli(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (text) => (out += `${text}\n`), err: (text) => (err += `${text}\n`) };
  const code = await run(PLATFORMS, argv, io);
  return { code, out, err };
}

/** Renders one construct in a chart of its own and returns its objects' manifests. */
export function renderConstruct(env: Environment, build: (chart: ThothChart) => void): Manifest[] {
  const chart = new ThothChart(new App({ outdir: 'unused' }), { env, application: 'unit' });
  build(chart);
  return collectObjects(chart).map((object) => object.manifest);
}

/** The fixture environment with every component at its defaults. */
export function bareEnvironment(): Environment {
  return parseEnvironment(THOTH, 'unit', 'environments/unit.yaml', bareEnvironmentText());
}
