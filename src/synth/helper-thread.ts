/**
 * synth's helper thread: a worker that loads the platform and the environments it is given, and
 * stages them (./stage.ts) into the folder the main thread stages its own into. Its entry is the
 * composition root's (thoth/synth-worker.ts), which hands it the platform; a failure comes back as
 * the error it was (a UserError stays one line), never as a half-staged success.
 */
import { Worker } from 'node:worker_threads';
import { loadEnvironments } from '../config/load.js';
import { UserError } from '../errors.js';
import type { JobImageName, JobImageTags } from '../images/programs.js';
import type { Platform } from './platform.js';
import { renderEnvironment } from './render.js';
import { type Staged, Stager } from './stage.js';
import type { StagingHelper } from './write.js';

export interface HelperTask {
  readonly cwd: string;
  readonly staging: string;
  readonly names: readonly string[];
  readonly images: readonly (readonly [JobImageName, string])[];
}

export type HelperAnswer = { readonly staged: Staged } | { readonly failure: string; readonly userError: boolean };

/** A StagingHelper that runs `entry` (a module that answers helpStage's result) in a worker thread. */
export function helperThread(entry: URL, cwd: string, images: JobImageTags): StagingHelper {
  return (names, staging) =>
    new Promise((resolve, reject) => {
      const task: HelperTask = { cwd, staging, names, images: [...images] };
      const worker = new Worker(entry, { workerData: task });
      worker.once('message', (answer: HelperAnswer) => {
        if ('staged' in answer) resolve(answer.staged);
        else reject(answer.userError ? new UserError(answer.failure) : new Error(answer.failure));
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`synth's helper thread exited (${code}) without an answer`)));
    });
}

/** What the helper thread does with its task. */
export async function helpStage(platform: Platform, task: HelperTask): Promise<HelperAnswer> {
  try {
    const environments = await loadEnvironments(platform, task.cwd, task.names);
    const stager = new Stager(task.cwd, task.staging);
    const images: JobImageTags = new Map(task.images);
    for (const env of environments) stager.stageEnvironment(renderEnvironment(platform, env, images));
    return { staged: stager.staged };
  } catch (error) {
    if (error instanceof UserError) return { failure: error.message, userError: true };
    return { failure: error instanceof Error ? (error.stack ?? error.message) : String(error), userError: false };
  }
}
