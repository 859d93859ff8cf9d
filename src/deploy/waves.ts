/**
 * Waiting for an environment's Applications, wave by wave: a wave is done when each of its
 * Applications is Synced at the expected commit and Healthy. It reads what the cluster says first
 * (an environment already in sync returns at once), then follows the watch. Where the policy is
 * manual (prod), it asks Argo CD for each sync in wave order through the Application's `operation`
 * field, as the argocd CLI does; where it is automated, it only asks Argo CD to look at git now.
 */
import { isDeepStrictEqual } from 'node:util';
import { LABELS } from '../platform/metadata.js';
import { APPLICATION, applicationState, missingApplication, type ApplicationObject, type ApplicationState } from './applications.js';
import type { Cluster } from './cluster.js';
import type { DeployPlan, PlannedApplication } from './plan.js';
import { ApplicationWatch } from './watch-applications.js';

/** Who asked for a sync, as the Application's history shows it. */
export const INITIATOR = 'thoth-gitops deploy';
const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';

/** A row of the progress table: an Application's state and how long it has been waited for. */
export interface Row extends ApplicationState {
  /** Milliseconds since its wave began, until it was done (or until now). */
  readonly elapsedMs: number;
}

export type WaitOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'failed'; readonly wave: number; readonly failed: readonly ApplicationState[] }
  | { readonly kind: 'timeout'; readonly wave: number; readonly pending: readonly ApplicationState[] }
  | { readonly kind: 'interrupted'; readonly wave: number };

export interface WaitOptions {
  readonly expected: string;
  /** How long one wave may take. */
  readonly timeoutMs: number;
  /** Aborted (Ctrl-C): stop at once, asking Argo CD for nothing more. */
  readonly signal: AbortSignal;
  /** Called with every row whenever one changes. */
  readonly onProgress: (rows: readonly Row[]) => void;
  readonly now?: () => number;
}

/** The wave the root Application is shown in (as "root"): it finishes last, when every child is healthy. */
export const ROOT_WAVE = Number.POSITIVE_INFINITY;

/** Every object rendered for an environment carries its label. */
const selectorOf = (plan: DeployPlan) => `${LABELS.environment}=${plan.env}`;

/** The stages waited for: the waves, lowest first, then the root. */
const stagesOf = (plan: DeployPlan): { wave: number; applications: readonly PlannedApplication[] }[] => [
  ...plan.waves,
  { wave: ROOT_WAVE, applications: [plan.root] },
];

function stateIn(watch: ApplicationWatch, plan: DeployPlan, planned: PlannedApplication, wave: number, expected: string): ApplicationState {
  const object = watch.get(planned.name);
  if (object === undefined) return missingApplication(planned.name, wave, plan.automated);
  return applicationState(object, wave, revisionOf(planned, expected), isDeepStrictEqual(object.spec, planned.spec));
}

/** The revision an Application is done at: its chart's version, or the commit deployed. */
const revisionOf = (planned: PlannedApplication, commit: string): string => planned.pinnedRevision ?? commit;

/** What the cluster says of each Application now, the root last: one list, no waiting. */
export async function currentStates(cluster: Cluster, plan: DeployPlan, expected: string): Promise<ApplicationState[]> {
  const watch = new ApplicationWatch(cluster, plan.argocdNamespace, selectorOf(plan));
  await watch.list();
  return stagesOf(plan).flatMap(({ wave, applications }) => applications.map((planned) => stateIn(watch, plan, planned, wave, expected)));
}

export async function waitForWaves(cluster: Cluster, plan: DeployPlan, options: WaitOptions): Promise<{ outcome: WaitOutcome; rows: Row[] }> {
  const now = options.now ?? Date.now;
  const watch = new ApplicationWatch(cluster, plan.argocdNamespace, selectorOf(plan));
  const stages = stagesOf(plan);
  const startedAt = new Map<string, number>();
  const finishedAt = new Map<string, number>();
  const syncs = new SyncRequests(cluster, plan, options.expected, stages.length + 1, (name) => watch.get(name));
  const stateOf = (planned: PlannedApplication, wave: number) => stateIn(watch, plan, planned, wave, options.expected);
  const rootState = () => stateOf(plan.root, ROOT_WAVE);
  const rows = (): Row[] =>
    stages.flatMap(({ wave, applications }) =>
      applications.map((planned) => {
        const started = startedAt.get(planned.name);
        return { ...stateOf(planned, wave), elapsedMs: started === undefined ? 0 : (finishedAt.get(planned.name) ?? now()) - started };
      }),
    );

  await watch.list();
  try {
    if (options.signal.aborted) return { outcome: { kind: 'interrupted', wave: stages[0]!.wave }, rows: rows() };
    // What Argo CD has not compared at the expected commit yet, it compares now rather than at its next poll.
    await Promise.all(
      stages
        .flatMap(({ applications }) => applications)
        .map(async (planned) => {
          const object = watch.get(planned.name);
          if (object !== undefined && object.status?.sync?.revision !== revisionOf(planned, options.expected))
            await requestRefresh(cluster, plan, planned.name);
        }),
    );
    startedAt.set(plan.root.name, now());

    for (const stage of stages) {
      const waveStart = now();
      for (const planned of stage.applications) if (!startedAt.has(planned.name)) startedAt.set(planned.name, waveStart);
      // A root sync that ended short of the commit (on a child deploy has since repaired) runs again
      // once every earlier wave is done, so it does not fail again on the same child.
      let rootMayRunAgain = true;
      for (;;) {
        // Changes that arrive while this look asks for syncs wake the next wait at once.
        const seen = watch.version;
        if (options.signal.aborted) return { outcome: { kind: 'interrupted', wave: stage.wave }, rows: rows() };
        // By hand: the root (which creates and updates the children) and this wave's Applications, before judging them.
        if (!plan.automated) {
          if (await syncs.requestIfNeeded(watch.get(plan.root.name), rootState(), rootMayRunAgain)) rootMayRunAgain = false;
          for (const planned of stage.applications)
            await syncs.requestIfNeeded(watch.get(planned.name), stateOf(planned, stage.wave), true, revisionOf(planned, options.expected));
        }
        const states = stage.applications.map((planned) => stateOf(planned, stage.wave));
        for (const state of states) if (state.phase === 'done' && !finishedAt.has(state.name)) finishedAt.set(state.name, now());
        options.onProgress(rows());
        // What deploy has just asked to sync is judged once the controller has taken the request up.
        const failed = [
          ...states.filter((state) => state.phase === 'failed' && !syncs.pending(state.name)),
          ...rootFailure(plan, stage.wave, rootState(), syncs),
        ];
        if (failed.length > 0) return { outcome: { kind: 'failed', wave: stage.wave, failed }, rows: rows() };
        if (states.every((state) => state.phase === 'done')) break;
        const left = waveStart + options.timeoutMs - now();
        if (left <= 0) return { outcome: { kind: 'timeout', wave: stage.wave, pending: states.filter((state) => state.phase !== 'done') }, rows: rows() };
        await watch.changed(left, options.signal, seen);
      }
    }
    options.onProgress(rows());
    return { outcome: { kind: 'done' }, rows: rows() };
  } finally {
    await watch.stop();
  }
}

/**
 * The root's own sync failing stops a child wave where it syncs by itself; its health only mirrors
 * the children's, judged in their waves. By hand, a root sync that failed on a child deploy is about
 * to repair is asked for again (SyncRequests), so it stops the deploy only when no request is left.
 */
function rootFailure(plan: DeployPlan, wave: number, root: ApplicationState, syncs: SyncRequests): ApplicationState[] {
  if (wave === ROOT_WAVE || root.failure !== 'sync' || syncs.pending(root.name)) return [];
  return plan.automated || syncs.exhausted(root.name) ? [root] : [];
}

/** `argocd.argoproj.io/refresh: normal`: the controller compares with git now and removes the annotation. */
async function requestRefresh(cluster: Cluster, plan: DeployPlan, name: string): Promise<void> {
  await cluster.mergePatch({ ...APPLICATION, name, namespace: plan.argocdNamespace }, { metadata: { annotations: { [REFRESH_ANNOTATION]: 'normal' } } });
}

/**
 * The syncs one deploy asks for. An Application gets one when it exists, is not Synced at the
 * expected commit, and no operation is running. It gets another only when `again` allows it, once
 * the previous request has been taken up and its operation has ended short of the commit without
 * failing at it (the root, whose sync fails on a child that deploy then repairs, is the exception),
 * up to `limit` in all.
 */
class SyncRequests {
  /** name → how many requests, and the resourceVersion the last one was made on. */
  private readonly asked = new Map<string, { count: number; resourceVersion: string | undefined }>();

  constructor(
    private readonly cluster: Cluster,
    private readonly plan: DeployPlan,
    private readonly expected: string,
    private readonly limit: number,
    private readonly objectOf: (name: string) => ApplicationObject | undefined,
  ) {}

  /**
   * Asked for, and the watch has not brought the request back yet: the state read is still the one
   * from before it. (Once it has, the `operation` field or what the controller made of it shows.)
   */
  pending(name: string): boolean {
    const asked = this.asked.get(name);
    return asked !== undefined && this.objectOf(name)?.metadata.resourceVersion === asked.resourceVersion;
  }

  exhausted(name: string): boolean {
    return (this.asked.get(name)?.count ?? 0) >= this.limit;
  }

  /** Asks for a sync when one is due; true when it did. */
  async requestIfNeeded(object: ApplicationObject | undefined, state: ApplicationState, again: boolean, revision = this.expected): Promise<boolean> {
    if (object === undefined || state.operating || state.phase === 'done' || (state.atExpected && state.sync === 'Synced')) return false;
    const asked = this.asked.get(state.name);
    if (asked !== undefined) {
      const mayRetry = state.name === this.plan.root.name || state.phase !== 'failed';
      if (!again || this.pending(state.name) || !mayRetry || asked.count >= this.limit) return false;
    }
    if (!(await this.request(object, state.name, revision))) return false;
    this.asked.set(state.name, { count: (asked?.count ?? 0) + 1, resourceVersion: object.metadata.resourceVersion });
    return true;
  }

  /**
   * The `operation` field as `argocd app sync` sets it: the commit, the Application's sync options
   * (the controller reads them from the operation, not the spec) and retry policy. The patch carries
   * the resourceVersion read: if the Application changed meanwhile (an operation started), it is
   * refused and the next look decides again.
   */
  private async request(object: ApplicationObject, name: string, revision: string): Promise<boolean> {
    const policy = object.spec?.syncPolicy;
    return this.cluster.mergePatch(
      { ...APPLICATION, name, namespace: this.plan.argocdNamespace },
      {
        metadata: { resourceVersion: object.metadata.resourceVersion },
        operation: {
          initiatedBy: { username: INITIATOR },
          info: [{ name: 'Reason', value: `thoth-gitops deploy --env ${this.plan.env}` }],
          sync: { revision, ...(policy?.syncOptions === undefined ? {} : { syncOptions: policy.syncOptions }) },
          ...(policy?.retry === undefined ? {} : { retry: policy.retry }),
        },
      },
      { conflictIsStale: true },
    );
  }
}
