/**
 * `deploy --env NAME`: preflight (nothing applied unless all of it passes), the bootstrap by
 * server-side apply, then the Applications wave by wave, asking Argo CD for each sync where the
 * environment syncs by hand. Exit 0 when every Application is Synced at the expected commit and
 * Healthy; 2 when a preflight check, a sync, a health or a wave's timeout fails; 1 when the cluster
 * cannot be reached or refuses us; 130 when Ctrl-C stops the waiting (the cluster is left as it is).
 */
import { shortRevision } from '../deploy/applications.js';
import { ApiRefused, ApplyConflict, Cluster } from '../deploy/cluster.js';
import { applyBootstrap, type AppliedObject } from '../deploy/bootstrap.js';
import { parseMirrors } from '../deploy/images.js';
import { loadPlan } from '../deploy/load.js';
import type { DeployPlan } from '../deploy/plan.js';
import { ARGOCD_OWN_CLUSTER, isArgoCdOwnCluster } from '../synth/argocd-names.js';
import { UserError } from '../errors.js';
import { preflight, type PreflightReport } from '../deploy/preflight.js';
import { ChangeLog, formatBlockers, formatDuration, formatTable, jsonRow } from '../deploy/report.js';
import { currentStates, type Row, type WaitOutcome, waitForWaves } from '../deploy/waves.js';
import { LiveTable } from './live-table.js';
import { EXIT, type Io } from './io.js';
import { promtoolOrWarn } from './validate.js';
import type { Platforms } from '../synth/platform.js';

export interface DeployOptions {
  readonly cwd: string;
  /** The platforms the environment files may name (the composition root's). */
  readonly platforms: Platforms;
  readonly env: string;
  readonly context?: string;
  /** The kubeconfig context of the cluster the environment deploys to, where that is not Argo CD's. */
  readonly destinationContext?: string;
  readonly dryRun: boolean;
  /** How long one wave may take, in milliseconds. */
  readonly timeoutMs: number;
  readonly format: 'text' | 'json';
  /** Take over fields another field manager owns, as `kubectl apply --server-side --force-conflicts`. */
  readonly forceConflicts: boolean;
  readonly registryMirror: readonly string[];
  readonly insecureRegistry: readonly string[];
  readonly skipImageCheck: boolean;
  /** Aborted by Ctrl-C: stop waiting. */
  readonly signal?: AbortSignal;
}

export async function deploy(options: DeployOptions, io: Io): Promise<number> {
  const started = Date.now();
  const mirrors = parseMirrors(options.registryMirror);
  const { env, rendered, plan } = await loadPlan(options.platforms, options.cwd, options.env);
  const cluster = Cluster.connect({ context: options.context });
  const destination = destinationOf(plan, options.destinationContext);
  const json = options.format === 'json';
  const say = (text: string) => (json ? io.err(text) : io.out(text));
  /** What the preflight could not check, in every report after it. */
  let unchecked: readonly string[] = [];
  /** The closing words for people, and with --format json the report on stdout. */
  const end = (code: number, text: string, report: Record<string, unknown>): number => {
    say(text);
    if (json) io.out(JSON.stringify({ environment: env.name, ...report, ...(unchecked.length === 0 ? {} : { unchecked }) }, null, 2));
    return code;
  };

  say(
    `preflight of ${env.name} against ${cluster.server} (context ${cluster.contextName})${destination === undefined ? '' : `, deploying to ${destination.server} (context ${destination.contextName})`}...`,
  );
  const report = await preflight(cluster, plan, rendered, {
    cwd: options.cwd,
    mirrors,
    insecureRegistries: options.insecureRegistry,
    checkImages: !options.skipImageCheck,
    promtool: promtoolOrWarn(io),
    ...(destination === undefined ? {} : { destination }),
  });
  unchecked = report.unchecked;
  for (const what of unchecked) say(`not checked: ${what}`);
  if (report.problems.length > 0 || report.expected === undefined) {
    return end(EXIT.findings, formatPreflightProblems(report), { outcome: 'preflight-failed', preflight: report });
  }
  const expected = report.expected;
  if (options.signal?.aborted === true) {
    return end(EXIT.interrupted, 'stopped (Ctrl-C) before the bootstrap: nothing was applied', { outcome: 'interrupted', expected });
  }
  say(
    `preflight passed: ${report.kinds} kinds served, ${options.skipImageCheck ? 'images not checked' : `${report.images} images in their registries`}, Argo CD ${report.argocdVersion}, ${plan.repoURL} ${plan.targetRevision} at ${shortRevision(expected)}`,
  );

  let applied: AppliedObject[];
  try {
    applied = await applyBootstrap(cluster, plan, { dryRun: options.dryRun, force: options.forceConflicts });
  } catch (error) {
    if (error instanceof ApplyConflict) {
      const text = `bootstrap stopped, nothing after ${error.object} applied: another field manager owns fields with other values: ${error.conflicts.join('; ')}\n--force-conflicts takes them over (as kubectl apply --server-side --force-conflicts)`;
      return end(EXIT.findings, text, { outcome: 'bootstrap-failed', conflicts: error.conflicts, object: error.object });
    }
    if (error instanceof ApiRefused) {
      return end(EXIT.findings, `bootstrap stopped: the API server refused ${error.message}`, { outcome: 'bootstrap-failed', message: error.message });
    }
    throw error;
  }
  say(`bootstrap${options.dryRun ? ' (server-side dry run)' : ''}: ${applied.map((object) => `${object.title} ${object.outcome}`).join(', ')}`);
  for (const object of applied.filter((each) => each.tookOverFromArgoCd !== undefined)) {
    say(`  ${object.title}: took over from Argo CD, which held the previous commit's values until it syncs: ${object.tookOverFromArgoCd!.join('; ')}`);
  }

  if (options.dryRun) {
    const states = await currentStates(cluster, plan, expected);
    const toSync = states.filter((state) => state.phase !== 'done');
    say(formatTable(states, expected, io.color === true));
    const text =
      toSync.length === 0
        ? `nothing to sync: every Application is Synced at ${shortRevision(expected)} and Healthy`
        : `would ${plan.automated ? 'wait for Argo CD to sync' : 'sync'}, wave by wave: ${toSync.map((state) => state.name).join(', ')}`;
    return end(EXIT.ok, text, {
      outcome: 'dry-run',
      expected,
      bootstrap: applied,
      applications: states.map(jsonRow),
      toSync: toSync.map((state) => state.name),
    });
  }

  const live = !json && io.terminal === true ? new LiveTable(io, expected) : undefined;
  const log = new ChangeLog(expected);
  const { outcome, rows } = await (async () => {
    try {
      return await waitForWaves(cluster, plan, {
        expected,
        timeoutMs: options.timeoutMs,
        signal: options.signal ?? new AbortController().signal,
        onProgress: (current) => (live === undefined ? log.lines(current).forEach(say) : live.update(current)),
      });
    } finally {
      live?.stop();
    }
  })();
  const code = outcome.kind === 'done' ? EXIT.ok : outcome.kind === 'interrupted' ? EXIT.interrupted : EXIT.findings;
  const elapsedMs = Date.now() - started;
  return end(code, formatOutcome(env.name, outcome, rows, expected, elapsedMs, options.timeoutMs), {
    outcome: outcome.kind,
    expected,
    seconds: elapsedMs / 1000,
    bootstrap: applied,
    ...outcomeDetails(outcome),
    applications: rows.map(jsonRow),
  });
}

/** The destination cluster's connection, where the environment deploys to another cluster than Argo CD's and a context for it is given. */
function destinationOf(plan: DeployPlan, context: string | undefined): Cluster | undefined {
  if (context === undefined) return undefined;
  if (isArgoCdOwnCluster(plan.destinationServer)) {
    throw new UserError(
      `--destination-context ${context}: environments/${plan.env}.yaml deploys to Argo CD's own cluster (argocd.destinationServer ${ARGOCD_OWN_CLUSTER}), which --context reaches`,
    );
  }
  return Cluster.connect({ context, option: '--destination-context' });
}

function formatPreflightProblems(report: PreflightReport): string {
  const lines = [`preflight failed (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}); nothing was applied:`];
  for (const problem of report.problems) lines.push(`  [${problem.check}] ${problem.message}`);
  return lines.join('\n');
}

function outcomeDetails(outcome: WaitOutcome): Record<string, unknown> {
  if (outcome.kind === 'done') return {};
  const wave = Number.isFinite(outcome.wave) ? outcome.wave : 'root';
  if (outcome.kind === 'failed') return { wave, failed: outcome.failed.map(jsonRow) };
  if (outcome.kind === 'timeout') return { wave, pending: outcome.pending.map(jsonRow) };
  return { wave };
}

const waveName = (wave: number) => (Number.isFinite(wave) ? `wave ${wave}` : 'the root Application');

function formatOutcome(env: string, outcome: WaitOutcome, rows: readonly Row[], expected: string, elapsedMs: number, timeoutMs: number): string {
  switch (outcome.kind) {
    case 'done':
      return `${env} is deployed: ${rows.length} Applications Synced at ${shortRevision(expected)} and Healthy (${formatDuration(elapsedMs)})`;
    case 'failed':
      return [`deploy of ${env} failed in ${waveName(outcome.wave)}:`, ...outcome.failed.flatMap(formatBlockers).map((line) => `  ${line}`)].join('\n');
    case 'timeout':
      return [
        `${waveName(outcome.wave)} of ${env} did not finish within ${formatDuration(timeoutMs)} (--timeout):`,
        ...outcome.pending.flatMap(formatBlockers).map((line) => `  ${line}`),
      ].join('\n');
    case 'interrupted':
      return `stopped waiting in ${waveName(outcome.wave)}; the cluster is left as it is and Argo CD goes on syncing: thoth-gitops status --env ${env} shows where it stands`;
  }
}
