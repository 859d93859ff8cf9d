/**
 * `status --env NAME`: where an environment stands, read once: each Application's wave, sync and
 * health, its revision against the commit Argo CD should be at, and the resources that are out of
 * sync or unhealthy. Exit 0 when all are Synced there and Healthy, 2 otherwise.
 */
import { shortRevision } from '../deploy/applications.js';
import { Cluster } from '../deploy/cluster.js';
import { loadPlan } from '../deploy/load.js';
import { formatBlockers, formatTable, jsonRow } from '../deploy/report.js';
import { resolveLocalCommit, resolveRemoteRevision } from '../deploy/revision.js';
import { currentStates } from '../deploy/waves.js';
import { UserError } from '../errors.js';
import { EXIT, type Io } from './io.js';
import type { Platforms } from '../synth/platform.js';

export interface StatusOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  readonly env: string;
  readonly context?: string;
  /** The commit to compare with; default: what the environment's repoURL and targetRevision name now. */
  readonly revision?: string;
  readonly format: 'text' | 'json';
}

export async function status(options: StatusOptions, io: Io): Promise<number> {
  const { env, plan } = await loadPlan(options.platforms, options.cwd, options.env);
  const cluster = Cluster.connect({ context: options.context });
  const expected =
    options.revision === undefined
      ? await expectedRevision(options.cwd, plan.repoURL, plan.targetRevision)
      : await givenRevision(options.cwd, options.revision);
  const states = await currentStates(cluster, plan, expected);
  const ok = states.every((state) => state.phase === 'done');
  if (options.format === 'json') {
    io.out(JSON.stringify({ environment: env.name, expected, ok, applications: states.map(jsonRow) }, null, 2));
  } else {
    const lines = [formatTable(states, expected, io.color === true)];
    const behind = states.filter((state) => state.phase !== 'done');
    if (behind.length > 0) lines.push('', ...behind.flatMap(formatBlockers));
    lines.push(
      '',
      ok
        ? `${env.name}: every Application is Synced at ${shortRevision(expected)} and Healthy`
        : `${env.name}: ${behind.length} of ${states.length} Applications are not Synced at ${shortRevision(expected)} and Healthy`,
    );
    io.out(lines.join('\n'));
  }
  return ok ? EXIT.ok : EXIT.findings;
}

async function expectedRevision(cwd: string, repoURL: string, targetRevision: string): Promise<string> {
  try {
    return await resolveRemoteRevision(cwd, repoURL, targetRevision);
  } catch (error) {
    throw new UserError(`${error instanceof Error ? error.message : String(error)}; --revision <commit> compares with a commit you name instead`);
  }
}

async function givenRevision(cwd: string, revision: string): Promise<string> {
  const commit = await resolveLocalCommit(cwd, revision);
  if (commit === undefined) throw new UserError(`--revision ${revision}: this checkout has no such commit, branch or tag; give a full 40-character commit id`);
  return commit;
}
