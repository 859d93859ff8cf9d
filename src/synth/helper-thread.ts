/**
 * The helper thread of synth, validate and check: with many environments, every other one is loaded,
 * rendered and handled by a worker thread while the main thread handles the rest (rendering is
 * CPU-bound and a machine has more than one core). The worker's entry is the composition root's
 * (platforms/helper-worker.ts), which hands it the platform. A failure comes back as the error it was (a
 * UserError stays one line), never as a half-done success.
 */
import { Worker } from 'node:worker_threads';
import { loadEnvironments } from '../config/load.js';
import { UserError } from '../errors.js';
import type { JobImageName, JobImageTags } from '../images/programs.js';
import { immutableFieldsSince } from '../validate/immutable-changes.js';
import { type CheckedEnvironment, checkRenderedEnvironment } from './check.js';
import type { Platforms } from './platform.js';
import { renderEnvironment } from './render.js';
import { type Staged, Stager } from './stage.js';

/**
 * Below this many environments a helper costs more than it saves: it loads every platform again
 * before it renders anything, and the two threads share the machine's cores with the collector and
 * the file system. Measured on 2 cores (`node scripts/bench/scale.js 24 6,12,24`, the helper against
 * none): at 6 environments it gained nothing on a cold synth and cost 0.3 to 0.5 s on synth again,
 * validate and check, and 65 MB; from 12 a cold synth gains (2.7 to 3.5 s against 3.3 to 3.8 s).
 */
export const HELP_FROM = 12;

/** What a thread does with each of its environments once rendered. */
export type HelperJob =
  /** synth: stage its changed files into `staging` (./stage.ts). */
  | { readonly kind: 'stage'; readonly staging: string }
  /** validate and check: its own checks, its immutable fields since `base`, and with `compare` its files against generated/'s. */
  | { readonly kind: 'check'; readonly compare: boolean; readonly base?: string };

export interface HelperTask {
  readonly cwd: string;
  readonly names: readonly string[];
  readonly images: readonly (readonly [JobImageName, string])[];
  readonly job: HelperJob;
}

type Answer<T> = { readonly done: T } | { readonly failure: string; readonly userError: boolean };

/** Runs tasks in a worker thread of `entry`, a module that posts helpWith's answer. */
export class HelperThread {
  constructor(
    private readonly entry: URL,
    private readonly cwd: string,
    private readonly images: JobImageTags,
  ) {}

  stage(names: readonly string[], staging: string): Promise<Staged> {
    return this.run(names, { kind: 'stage', staging });
  }

  check(names: readonly string[], job: Omit<Extract<HelperJob, { kind: 'check' }>, 'kind'>): Promise<CheckedEnvironment[]> {
    return this.run(names, { kind: 'check', ...job });
  }

  private run<T>(names: readonly string[], job: HelperJob): Promise<T> {
    return new Promise((resolve, reject) => {
      const task: HelperTask = { cwd: this.cwd, names, images: [...this.images], job };
      const worker = new Worker(this.entry, { workerData: task });
      worker.once('message', (answer: Answer<T>) => {
        if ('done' in answer) resolve(answer.done);
        else reject(answer.userError ? new UserError(answer.failure) : new Error(answer.failure));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the helper thread exited (${code}) without an answer`)));
    });
  }
}

/**
 * The environments a helper takes, when there are enough for one: every other one, as neighbours in
 * the list are alike in size.
 */
export function helpersShare<T>(environments: readonly T[], helped: boolean): T[] {
  return helped && environments.length >= HELP_FROM ? environments.filter((_, index) => index % 2 === 1) : [];
}

/** What the helper thread does with its task. */
export async function helpWith(platforms: Platforms, task: HelperTask): Promise<Answer<Staged | CheckedEnvironment[]>> {
  try {
    const environments = await loadEnvironments(platforms, task.cwd, task.names);
    const images: JobImageTags = new Map(task.images);
    const { job } = task;
    if (job.kind === 'stage') {
      const stager = new Stager(task.cwd, job.staging);
      for (const { platform, env } of environments) stager.stageEnvironment(renderEnvironment(platform, env, images));
      return { done: stager.staged };
    }
    const immutable = job.base === undefined ? undefined : immutableFieldsSince(task.cwd, job.base);
    const checked: CheckedEnvironment[] = [];
    for (const { platform, env } of environments) {
      checked.push(await checkRenderedEnvironment(task.cwd, renderEnvironment(platform, env, images), { compare: job.compare, immutable }));
    }
    return { done: checked };
  } catch (error) {
    if (error instanceof UserError) return { failure: error.message, userError: true };
    return { failure: error instanceof Error ? (error.stack ?? error.message) : String(error), userError: false };
  }
}
