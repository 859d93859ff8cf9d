/**
 * A simulated Argo CD application controller: it drives the `argoproj.io/v1alpha1` Applications a
 * KubeApiServer stores (in its namespace, `argocd` by default) as the real one does, through the
 * server's store, so every change it makes reaches the API's watchers with a new resourceVersion.
 *
 * - The target revision resolves to a commit through the `revisions` the test gives (a commit SHA
 *   resolves to itself; a Helm chart's version to itself); one that does not resolve is sync Unknown with a ComparisonError condition.
 * - status.sync.revision is the resolved commit, as Argo CD's comparison reports it; the app is Synced
 *   when the last successful sync (status.history) deployed that commit, else OutOfSync.
 * - A manual Application syncs only when `operation.sync` is set on it (what `argocd app sync` does);
 *   an automated one sets that operation itself (initiatedBy.automated) when OutOfSync, once per
 *   commit: a failed attempt is not retried (a SyncError condition says so). The operation is
 *   Running (health Progressing) for the sync delay, then Succeeded or Failed; `operation` is cleared
 *   when it ends, as Argo CD clears it.
 * - What an Application deploys: by default one Deployment named after it in its destination
 *   namespace, not stored (its health is scripted). With `manifests`, the objects given are applied to
 *   the server (server-side apply, field manager argocd-controller, tracking annotation
 *   argocd.argoproj.io/tracking-id) wave by wave (argocd.argoproj.io/sync-wave), each wave after the
 *   previous one is healthy; kinds not served, namespaces missing (without CreateNamespace=true) and
 *   what the AppProject does not permit fail the sync with Argo CD's messages.
 * - Health: an Application resource has no health unless argocd-cm in the Argo CD namespace has the
 *   key `resource.customizations.health.argoproj.io_Application` (Argo CD >= 1.8, argo-cd#6411);
 *   with it, a child Application's health is its status.health (Progressing until it has one), so an
 *   app-of-apps waits for its children between waves and its own health follows theirs. Workloads
 *   (Deployment, StatefulSet, Service, Ingress, Job, ...) are Healthy once they exist; kinds Argo CD
 *   has no health check for (ConfigMap, RBAC, AppProject, ...) have none.
 * - The Application's project must exist and permit its repository and destination
 *   (InvalidSpecError otherwise); a deleted Application with the resources finalizer deletes what it
 *   deployed; the argocd.argoproj.io/refresh annotation is answered with a reconciliation.
 *
 * Scripted outcomes per Application name: degraded, syncError, revisionNeverArrives, alreadySynced,
 * slow (see OutcomeName).
 */
import { type KubeApiServer, type KubeMetadata, type KubeObject, KubeStatusError, rfc3339, type ServedResource } from './kube-api-server.js';

/** The argocd-cm key that makes Argo CD assess Applications' health. */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/** The health check Argo CD's documentation gives for it (the simulation only looks for the key). */
export const APPLICATION_HEALTH_LUA = `hs = {}
hs.status = "Progressing"
hs.message = ""
if obj.status ~= nil then
  if obj.status.health ~= nil then
    hs.status = obj.status.health.status
    if obj.status.health.message ~= nil then
      hs.message = obj.status.health.message
    end
  end
end
return hs
`;

/** The commit a `revisionNeverArrives` Application resolves to unless its outcome names one. */
export const STALE_REVISION = 'deadbeefdeadbeefdeadbeefdeadbeefdeadbeef';

export const IN_CLUSTER = 'https://kubernetes.default.svc';
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RESOURCES_FINALIZER = 'resources-finalizer.argocd.argoproj.io';

/**
 * - healthy: syncs and is Healthy (the default);
 * - degraded: syncs, then its first resource is Degraded with a message, and so is the app;
 * - syncError: the sync fails (operationState Failed, the resource SyncFailed in syncResult);
 * - revisionNeverArrives: every revision resolves to an older commit (STALE_REVISION or `revision`),
 *   and a sync asked for another commit SHA ends in Error, as the commit is not in the repository;
 * - alreadySynced: starts Synced and Healthy at the commit, with a succeeded operation and history;
 * - slow: the sync takes slowDelayMs (or `delayMs`).
 */
export type OutcomeName = 'healthy' | 'degraded' | 'syncError' | 'revisionNeverArrives' | 'alreadySynced' | 'slow';

export interface Outcome {
  readonly outcome: OutcomeName;
  /** degraded: the resource's health message; syncError: why the apply failed. */
  readonly message?: string;
  /** revisionNeverArrives: the older commit. @default STALE_REVISION */
  readonly revision?: string;
  /** slow: how long its syncs take. @default the controller's slowDelayMs */
  readonly delayMs?: number;
}

export interface ApplicationSource {
  readonly repoURL: string;
  /** The revision to resolve: spec.source.targetRevision, or the one an operation asks for. */
  readonly targetRevision: string;
  readonly path?: string;
}

/** targetRevision (branch, tag, HEAD) → commit, read at every reconciliation; or a function. */
export type RevisionResolver = ReadonlyMap<string, string> | ((source: ApplicationSource) => string | undefined);

export interface ArgoCdControllerOptions {
  readonly server: KubeApiServer;
  readonly revisions: RevisionResolver;
  /** Where Applications, AppProjects and argocd-cm live. @default 'argocd' */
  readonly namespace?: string;
  /** How long a sync stays Running (health Progressing) before it ends. @default 100 */
  readonly syncDelayMs?: number;
  /** The same for a `slow` Application. @default 1000 */
  readonly slowDelayMs?: number;
  /** Scripted outcomes by Application name; others are `healthy`. @default {} */
  readonly outcomes?: Readonly<Record<string, OutcomeName | Outcome>>;
  /**
   * The objects an Application's source renders at a commit, applied to the server when it syncs;
   * undefined (or no function) for the default: one Deployment named after it, not stored.
   * @default undefined
   */
  readonly manifests?: (application: KubeObject, revision: string) => readonly KubeObject[] | undefined;
  /** How often it reconciles every Application. @default 10 */
  readonly tickMs?: number;
}

interface ResourceRef {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace: string | undefined;
  readonly name: string;
}

interface ResultResource extends ResourceRef {
  status: 'Synced' | 'SyncFailed' | 'Pruned';
  message: string;
  /** Running while applied; Failed when it failed, or degraded before the next wave. */
  hookPhase?: 'Running' | 'Failed';
}

interface RunningOperation {
  readonly revision: string;
  readonly startedAt: string;
  readonly startedMs: number;
  readonly delayMs: number;
  readonly operation: Record<string, any>;
  /** Waves of objects to apply; undefined for the default, unstored resources. */
  readonly waves: KubeObject[][] | undefined;
  nextWave: number;
  message: string;
  readonly results: ResultResource[];
}

type Status = Record<string, unknown>;

const SHA = /^[0-9a-f]{40}$/;
const HEALTH_ORDER = ['Healthy', 'Suspended', 'Progressing', 'Missing', 'Degraded', 'Unknown'];
/** Kinds Argo CD has a built-in health check for; here they are Healthy once they exist. */
const HEALTH_CHECKED = new Set([
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  '/Service',
  '/Pod',
  '/PersistentVolumeClaim',
  'networking.k8s.io/Ingress',
  'batch/Job',
  'batch/CronJob',
  'autoscaling/HorizontalPodAutoscaler',
  'argoproj.io/Workflow',
]);
const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' } as const;
const MANAGER = 'argocd-application-controller';
const APPLY_MANAGER = 'argocd-controller';

export class ArgoCdController {
  /** Errors a reconciliation threw (a bug in the simulation or in a test's callbacks); a test can assert it stays empty. */
  readonly errors: unknown[] = [];
  readonly namespace: string;
  private readonly server: KubeApiServer;
  private readonly revisions: RevisionResolver;
  private readonly syncDelayMs: number;
  private readonly slowDelayMs: number;
  private readonly tickMs: number;
  private readonly manifests: ArgoCdControllerOptions['manifests'];
  private readonly outcomes = new Map<string, Outcome>();
  private readonly running = new Map<string, RunningOperation>();
  /** Names whose operation ended as it started (Error): their `operation` is cleared on write. */
  private readonly pendingClear = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private started = false;

  constructor(options: ArgoCdControllerOptions) {
    this.server = options.server;
    this.revisions = options.revisions;
    this.namespace = options.namespace ?? 'argocd';
    this.syncDelayMs = options.syncDelayMs ?? 100;
    this.slowDelayMs = options.slowDelayMs ?? 1000;
    this.tickMs = options.tickMs ?? 10;
    this.manifests = options.manifests;
    for (const [name, outcome] of Object.entries(options.outcomes ?? {})) this.script(name, outcome);
  }

  /** Sets (or, with undefined, clears) an Application's scripted outcome. */
  script(name: string, outcome: OutcomeName | Outcome | undefined): void {
    if (outcome === undefined) this.outcomes.delete(name);
    else this.outcomes.set(name, typeof outcome === 'string' ? { outcome } : outcome);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.schedule();
  }

  /** Stops reconciling; no timer is left. Operations under way resume on start(). */
  stop(): void {
    this.started = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Reconciles every Application now, as one tick does. */
  reconcileAll(): void {
    let applications: KubeObject[];
    try {
      applications = this.server.listObjects(APPLICATION.apiVersion, APPLICATION.kind, this.namespace);
    } catch (error) {
      if (error instanceof KubeStatusError && error.code === 404) return; // Application is not served
      throw error;
    }
    for (const listed of applications) {
      try {
        // Reconciling one Application may have changed another (an app-of-apps applies its children).
        const application = this.server.getObject({ ...APPLICATION, namespace: this.namespace, name: listed.metadata.name });
        if (application !== undefined) this.reconcile(application);
      } catch (error) {
        this.errors.push(error);
      }
    }
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.started) return;
      try {
        this.reconcileAll();
      } catch (error) {
        this.errors.push(error);
      }
      if (this.started) this.schedule();
    }, this.tickMs);
  }

  private outcomeOf(name: string): Outcome {
    return this.outcomes.get(name) ?? { outcome: 'healthy' };
  }

  private reconcile(app: KubeObject): void {
    const name = app.metadata.name;
    if (app.metadata.deletionTimestamp !== undefined) {
      this.finalize(app);
      return;
    }
    const spec = (app.spec ?? {}) as Record<string, any>;
    const source = (spec.source ?? {}) as { repoURL?: string; targetRevision?: string; path?: string; chart?: string };
    const outcome = this.outcomeOf(name);
    const oldStatus = (app.status ?? {}) as Status;
    const status: Status = structuredClone(oldStatus);
    let operation = app.operation as Record<string, any> | undefined;
    const refresh = app.metadata.annotations?.[REFRESH_ANNOTATION] !== undefined;
    const comparedTo = { source: structuredClone(spec.source), destination: structuredClone(spec.destination) };
    status.controllerNamespace = this.namespace;
    status.sourceType ??= source.chart === undefined ? 'Directory' : 'Helm';

    const specError = this.invalidSpec(app);
    if (specError !== undefined) {
      status.conditions = [condition(oldStatus, 'InvalidSpecError', specError)];
      status.sync = { status: 'Unknown', comparedTo };
      status.health = { status: 'Unknown' };
      this.write(app, oldStatus, status, operation, refresh);
      return;
    }

    const targetRevision = source.targetRevision ?? 'HEAD';
    const resolved = this.resolve(name, source, targetRevision);
    if (outcome.outcome === 'alreadySynced' && resolved !== undefined && ((status.history ?? []) as unknown[]).length === 0 && !this.running.has(name)) {
      const now = rfc3339(new Date());
      const resources = this.refs(app, resolved).map((r) => ({
        ...r,
        status: 'Synced' as const,
        message: `${r.kind.toLowerCase()}${r.group === '' ? '' : `.${r.group}`}/${r.name} unchanged`,
      }));
      status.operationState = {
        operation: { sync: { revision: resolved }, initiatedBy: { automated: true } },
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
        startedAt: now,
        finishedAt: now,
        syncResult: { revision: resolved, source: structuredClone(spec.source), resources: resources.map(resultEntry) },
      };
      status.history = [
        { id: 0, revision: resolved, deployedAt: now, deployStartedAt: now, source: structuredClone(spec.source), initiatedBy: { automated: true } },
      ];
      if (this.manifests?.(app, resolved) !== undefined) this.applyAll(app, resolved);
    }
    const deployed = () => ((status.history ?? []) as Record<string, any>[]).at(-1)?.revision as string | undefined;
    const conditions: Record<string, unknown>[] = [];

    let running = this.running.get(name);
    if (running === undefined && isPlainObject(operation?.sync)) {
      running = this.startOperation(app, operation!, status);
    } else if (
      running === undefined &&
      operation === undefined &&
      isPlainObject(spec.syncPolicy?.automated) &&
      resolved !== undefined &&
      resolved !== deployed()
    ) {
      const last = status.operationState as Record<string, any> | undefined;
      const attempted = last?.syncResult?.revision === resolved || last?.operation?.sync?.revision === resolved;
      if (attempted && last?.phase !== 'Succeeded' && last?.phase !== 'Running') {
        conditions.push(condition(oldStatus, 'SyncError', `Failed sync attempt to ${resolved}: ${String(last?.message ?? '')}`));
      } else if (!attempted || last?.phase !== 'Succeeded') {
        // As Argo CD's auto-sync does: the operation is set with this comparison, and runs from the next reconciliation.
        operation = {
          sync: {
            revision: resolved,
            ...(spec.syncPolicy.automated.prune === true ? { prune: true } : {}),
            ...(Array.isArray(spec.syncPolicy.syncOptions) ? { syncOptions: spec.syncPolicy.syncOptions } : {}),
          },
          initiatedBy: { automated: true },
          retry: { limit: 5 },
        };
      }
    }
    if (running !== undefined) {
      const finished = this.advance(app, running, status);
      if (finished) operation = undefined;
    }

    const syncing = this.running.has(name);
    const revision = resolved ?? deployed();
    const refs = revision === undefined ? [] : this.refs(app, revision);
    const stored = revision !== undefined && this.manifests?.(app, revision) !== undefined;
    const healthKey = this.applicationHealthEnabled();
    const degraded = outcome.outcome === 'degraded' && deployed() !== undefined && !syncing;
    let degradedGiven = false;
    const resources = refs.map((ref) => {
      const live = stored ? this.live(ref) : deployed() !== undefined ? {} : undefined;
      const synced = live !== undefined && resolved !== undefined && deployed() === resolved;
      let health: { status: string; message?: string } | undefined;
      if (live === undefined) health = { status: 'Missing' };
      else if (!stored) health = { status: syncing ? 'Progressing' : 'Healthy' };
      else health = healthOf(ref, live as KubeObject, healthKey);
      if (degraded && !degradedGiven && (health !== undefined || !stored)) {
        health = { status: 'Degraded', message: outcome.message ?? `Deployment "${ref.name}" exceeded its progress deadline` };
        degradedGiven = true;
      }
      return {
        ...(ref.group === '' ? {} : { group: ref.group }),
        version: ref.version,
        kind: ref.kind,
        ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
        name: ref.name,
        status: synced ? 'Synced' : 'OutOfSync',
        ...(health === undefined ? {} : { health }),
      };
    });
    status.resources = resources;
    if (resolved === undefined) {
      conditions.push(
        condition(
          oldStatus,
          'ComparisonError',
          `Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Unable to resolve '${targetRevision}' to a commit SHA`,
        ),
      );
      status.sync = { status: 'Unknown', comparedTo };
    } else {
      const allThere = resources.every((r) => r.status === 'Synced');
      status.sync = { status: deployed() === resolved && allThere ? 'Synced' : 'OutOfSync', comparedTo, revision: resolved };
    }
    if (conditions.length > 0) status.conditions = conditions;
    else delete status.conditions;
    const worst = resources
      .filter((r) => !isSelfReference({ group: r.group ?? '', kind: r.kind, namespace: r.namespace, name: r.name }, app))
      .reduce<string | undefined>(
        (acc, r) =>
          r.health === undefined ? acc : acc === undefined || HEALTH_ORDER.indexOf(r.health.status) > HEALTH_ORDER.indexOf(acc) ? r.health.status : acc,
        undefined,
      );
    status.health = { status: syncing ? 'Progressing' : (worst ?? 'Healthy') };
    this.write(app, oldStatus, status, operation, refresh);
  }

  /** Starts the sync an operation asks for, or ends it at once in Error when its revision does not resolve. */
  private startOperation(app: KubeObject, operation: Record<string, any>, status: Status): RunningOperation | undefined {
    const name = app.metadata.name;
    const spec = app.spec as Record<string, any>;
    const asked =
      typeof operation.sync?.revision === 'string' && operation.sync.revision !== '' ? operation.sync.revision : (spec.source?.targetRevision ?? 'HEAD');
    const revision = this.resolve(name, spec.source ?? {}, asked);
    const now = new Date();
    if (revision === undefined) {
      status.operationState = {
        operation: structuredClone(operation),
        phase: 'Error',
        message: `ComparisonError: Failed to load target state: failed to generate manifest for source 1 of 1: rpc error: code = Unknown desc = Unable to resolve '${asked}' to a commit SHA`,
        startedAt: rfc3339(now),
        finishedAt: rfc3339(now),
      };
      this.pendingClear.add(name);
      return undefined;
    }
    const outcome = this.outcomeOf(name);
    const objects = this.manifests?.(app, revision);
    const running: RunningOperation = {
      revision,
      startedAt: rfc3339(now),
      startedMs: now.getTime(),
      delayMs: outcome.outcome === 'slow' ? (outcome.delayMs ?? this.slowDelayMs) : this.syncDelayMs,
      operation: structuredClone(operation),
      waves: objects === undefined ? undefined : waves(objects),
      nextWave: 0,
      message: 'one or more tasks are running',
      results: [],
    };
    this.running.set(name, running);
    return running;
  }

  /** Moves a running sync on; true when it has ended. */
  private advance(app: KubeObject, running: RunningOperation, status: Status): boolean {
    const name = app.metadata.name;
    const outcome = this.outcomeOf(name);
    const state = (phase: string, message: string, finished: boolean) => {
      status.operationState = {
        operation: structuredClone(running.operation),
        phase,
        message,
        startedAt: running.startedAt,
        ...(finished ? { finishedAt: rfc3339(new Date()) } : {}),
        syncResult: {
          revision: running.revision,
          source: structuredClone((app.spec as Record<string, any>).source),
          ...(running.results.length === 0 ? {} : { resources: running.results.map(resultEntry) }),
        },
      };
    };
    const finish = (phase: 'Succeeded' | 'Failed', message: string) => {
      state(phase, message, true);
      if (phase === 'Succeeded') {
        const history = (status.history ?? []) as Record<string, any>[];
        history.push({
          id: history.length === 0 ? 0 : Number(history.at(-1)!.id) + 1,
          revision: running.revision,
          deployedAt: rfc3339(new Date()),
          deployStartedAt: running.startedAt,
          source: structuredClone((app.spec as Record<string, any>).source),
          initiatedBy: structuredClone(running.operation.initiatedBy ?? {}),
        });
        status.history = history.slice(-10);
      }
      this.running.delete(name);
      return true;
    };
    if (Date.now() - running.startedMs < running.delayMs) {
      state('Running', running.message, false);
      return false;
    }
    if (outcome.outcome === 'syncError') {
      const ref = this.refs(app, running.revision)[0];
      const message = outcome.message ?? `Deployment.apps "${ref?.name ?? name}" is invalid: spec.template.spec.containers[0].image: Required value`;
      if (ref !== undefined) running.results.push({ ...ref, status: 'SyncFailed', message });
      return finish('Failed', `one or more objects failed to apply, reason: ${message}`);
    }
    if (running.waves === undefined) {
      for (const ref of this.refs(app, running.revision))
        running.results.push({
          ...ref,
          status: 'Synced',
          message: `${ref.kind.toLowerCase()}${ref.group === '' ? '' : `.${ref.group}`}/${ref.name} configured`,
        });
      return finish('Succeeded', 'successfully synced (all tasks run)');
    }
    if (running.nextWave === 0) {
      const invalid = this.invalidTasks(app, running.waves.flat());
      if (invalid.length > 0) {
        running.results.push(...invalid);
        return finish('Failed', 'one or more synchronization tasks are not valid');
      }
      const failure = this.createNamespace(app, running);
      if (failure !== undefined) return finish('Failed', `one or more objects failed to apply, reason: ${failure}`);
    }
    const healthKey = this.applicationHealthEnabled();
    for (;;) {
      // gitops-engine waits for a wave to be healthy before the next one; once the last wave is
      // applied, the sync has succeeded "EVEN if those objects subsequently degraded".
      if (running.nextWave > 0 && running.nextWave < running.waves.length) {
        // An Application that manages itself is left out of its own health, as Argo CD leaves it
        // (controller/health.go, isSelfReferencedApp): a root that waited for itself would never end.
        const healths = running.waves[running.nextWave - 1]!.filter((object) => !isSelfReference(refOf(object, app, this.server.served()), app)).map(
          (object) => {
            const ref = refOf(object, app, this.server.served());
            const live = this.live(ref);
            return { ref, health: live === undefined ? { status: 'Missing' } : healthOf(ref, live, healthKey) };
          },
        );
        const degraded = healths.find(({ health }) => health?.status === 'Degraded');
        if (degraded !== undefined) {
          const result = running.results.find(
            (r) => r.kind === degraded.ref.kind && r.group === degraded.ref.group && r.name === degraded.ref.name && r.namespace === degraded.ref.namespace,
          );
          if (result !== undefined) {
            result.hookPhase = 'Failed';
            result.message = degraded.health?.message ?? '';
          }
          return finish('Failed', 'one or more synchronization tasks completed unsuccessfully');
        }
        const unhealthy = healths.find(({ health }) => health !== undefined && health.status !== 'Healthy');
        if (unhealthy !== undefined) {
          running.message = `waiting for healthy state of ${unhealthy.ref.group}/${unhealthy.ref.kind}/${unhealthy.ref.name}`;
          state('Running', running.message, false);
          return false;
        }
      }
      if (running.nextWave >= running.waves.length) {
        if (running.operation.sync?.prune === true) this.prune(app, running);
        return finish('Succeeded', 'successfully synced (all tasks run)');
      }
      for (const object of running.waves[running.nextWave]!) {
        const ref = refOf(object, app, this.server.served());
        try {
          const existed = this.live(ref) !== undefined;
          this.server.applyObject(this.tracked(object, app), { manager: APPLY_MANAGER, force: true });
          running.results.push({
            ...ref,
            status: 'Synced',
            message: `${ref.kind.toLowerCase()}${ref.group === '' ? '' : `.${ref.group}`}/${ref.name} ${existed ? 'configured' : 'created'}`,
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          running.results.push({ ...ref, status: 'SyncFailed', message });
          return finish('Failed', `one or more objects failed to apply, reason: ${message}`);
        }
      }
      running.nextWave++;
    }
  }

  /** What Argo CD checks before applying anything: the kind is served, the project permits it. */
  private invalidTasks(app: KubeObject, objects: KubeObject[]): ResultResource[] {
    const spec = app.spec as Record<string, any>;
    const project = this.server.getObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: this.namespace, name: String(spec.project) });
    const projectSpec = (project?.spec ?? {}) as Record<string, any>;
    const served = this.server.served();
    const invalid: ResultResource[] = [];
    for (const object of objects) {
      const ref = refOf(object, app, this.server.served());
      const resource = served.find((r) => (r.group === '' ? r.version : `${r.group}/${r.version}`) === object.apiVersion && r.kind === object.kind);
      const fail = (message: string) => invalid.push({ ...ref, status: 'SyncFailed', message });
      if (resource === undefined) {
        fail(
          `The Kubernetes API could not find ${ref.group === '' ? '' : `${ref.group}/`}${ref.kind} for requested resource ${ref.namespace ?? ''}/${ref.name}. Make sure the "${ref.kind}" CRD is installed on the destination cluster.`,
        );
        continue;
      }
      const groupKind = (list: unknown) =>
        Array.isArray(list) && list.some((e: Record<string, string>) => glob(e.group ?? '', ref.group) && glob(e.kind ?? '', ref.kind));
      const permitted = resource.namespaced
        ? !groupKind(projectSpec.namespaceResourceBlacklist) &&
          (projectSpec.namespaceResourceWhitelist === undefined || groupKind(projectSpec.namespaceResourceWhitelist))
        : groupKind(projectSpec.clusterResourceWhitelist) && !groupKind(projectSpec.clusterResourceBlacklist);
      if (!permitted) fail(`Resource ${ref.group}:${ref.kind} is not permitted in project ${String(spec.project)}.`);
      else if (resource.namespaced && !this.destinationPermitted(projectSpec, destinationServer(spec.destination), ref.namespace ?? ''))
        fail(`namespace ${ref.namespace} is not permitted in project '${String(spec.project)}'`);
    }
    return invalid;
  }

  /** CreateNamespace=true: the destination namespace is created before the first wave. */
  private createNamespace(app: KubeObject, running: RunningOperation): string | undefined {
    const spec = app.spec as Record<string, any>;
    const options = [
      ...(Array.isArray(running.operation.sync?.syncOptions) ? running.operation.sync.syncOptions : []),
      ...(Array.isArray(spec.syncPolicy?.syncOptions) ? spec.syncPolicy.syncOptions : []),
    ];
    const namespace = spec.destination?.namespace;
    if (!options.includes('CreateNamespace=true') || typeof namespace !== 'string' || namespace === '') return undefined;
    if (this.server.getObject({ apiVersion: 'v1', kind: 'Namespace', name: namespace }) !== undefined) return undefined;
    try {
      this.server.applyObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { manager: APPLY_MANAGER, force: true });
      running.results.push({
        group: '',
        version: 'v1',
        kind: 'Namespace',
        namespace: undefined,
        name: namespace,
        status: 'Synced',
        message: `namespace/${namespace} created`,
      });
      return undefined;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  /** Deletes what the app deployed before and no longer renders (prune). */
  private prune(app: KubeObject, running: RunningOperation): void {
    const wanted = new Set(running.waves!.flat().map((object) => trackingId(app.metadata.name, refOf(object, app, this.server.served()))));
    for (const { ref, id } of this.trackedObjects(app.metadata.name)) {
      if (wanted.has(id)) continue;
      this.server.deleteObject({
        apiVersion: ref.group === '' ? ref.version : `${ref.group}/${ref.version}`,
        kind: ref.kind,
        name: ref.name,
        namespace: ref.namespace,
      });
      running.results.push({ ...ref, status: 'Pruned', message: 'pruned' });
    }
  }

  private trackedObjects(appName: string): { ref: ResourceRef; id: string }[] {
    const found: { ref: ResourceRef; id: string }[] = [];
    for (const resource of this.server.served()) {
      const apiVersion = resource.group === '' ? resource.version : `${resource.group}/${resource.version}`;
      for (const object of this.server.listObjects(apiVersion, resource.kind)) {
        const id = object.metadata.annotations?.[TRACKING_ANNOTATION];
        if (id === undefined || !id.startsWith(`${appName}:`)) continue;
        found.push({
          ref: { group: resource.group, version: resource.version, kind: resource.kind, namespace: object.metadata.namespace, name: object.metadata.name },
          id,
        });
      }
    }
    return found;
  }

  /** A deleted Application: with the resources finalizer, what it deployed goes first. */
  private finalize(app: KubeObject): void {
    this.running.delete(app.metadata.name);
    const finalizers = app.metadata.finalizers ?? [];
    const ours = finalizers.filter((f) => f === RESOURCES_FINALIZER || f.startsWith(`${RESOURCES_FINALIZER}/`));
    if (ours.length === 0) return;
    for (const { ref } of this.trackedObjects(app.metadata.name)) {
      this.server.deleteObject({
        apiVersion: ref.group === '' ? ref.version : `${ref.group}/${ref.version}`,
        kind: ref.kind,
        name: ref.name,
        namespace: ref.namespace,
      });
    }
    this.server.modifyObject(
      { ...APPLICATION, namespace: this.namespace, name: app.metadata.name },
      (object) => {
        object.metadata.finalizers = (object.metadata.finalizers ?? []).filter((f) => !ours.includes(f));
      },
      { manager: MANAGER },
    );
  }

  private applyAll(app: KubeObject, revision: string): void {
    for (const object of this.manifests?.(app, revision) ?? []) {
      try {
        this.server.applyObject(this.tracked(object, app), { manager: APPLY_MANAGER, force: true });
      } catch {
        // an already-synced app whose objects cannot be stored shows them Missing
      }
    }
  }

  /** The object as Argo CD applies it: namespace defaulted to the destination's, tracking annotation set. */
  private tracked(object: KubeObject, app: KubeObject): KubeObject {
    const copy = structuredClone(object);
    const ref = refOf(object, app, this.server.served());
    copy.metadata = {
      ...copy.metadata,
      ...(ref.namespace === undefined ? {} : { namespace: ref.namespace }),
      annotations: { ...(copy.metadata.annotations ?? {}), [TRACKING_ANNOTATION]: trackingId(app.metadata.name, ref) },
    } as KubeMetadata;
    return copy;
  }

  /** The resources an Application deploys at a revision. */
  private refs(app: KubeObject, revision: string): ResourceRef[] {
    const objects = this.manifests?.(app, revision);
    if (objects !== undefined) return objects.map((object) => refOf(object, app, this.server.served()));
    const destination = (app.spec as Record<string, any>)?.destination ?? {};
    return [
      {
        group: 'apps',
        version: 'v1',
        kind: 'Deployment',
        namespace: typeof destination.namespace === 'string' ? destination.namespace : undefined,
        name: app.metadata.name,
      },
    ];
  }

  private live(ref: ResourceRef): KubeObject | undefined {
    const namespaced = this.server.served().find((r) => r.group === ref.group && r.version === ref.version && r.kind === ref.kind)?.namespaced;
    if (namespaced === undefined) return undefined;
    return this.server.getObject({
      apiVersion: ref.group === '' ? ref.version : `${ref.group}/${ref.version}`,
      kind: ref.kind,
      name: ref.name,
      namespace: namespaced ? ref.namespace : undefined,
    });
  }

  private applicationHealthEnabled(): boolean {
    try {
      const data = this.server.getObject({ apiVersion: 'v1', kind: 'ConfigMap', namespace: this.namespace, name: 'argocd-cm' })?.data as
        | Record<string, string>
        | undefined;
      return data?.[APPLICATION_HEALTH_KEY] !== undefined;
    } catch {
      return false;
    }
  }

  private resolve(name: string, source: { repoURL?: string; path?: string; chart?: string }, revision: string): string | undefined {
    // A Helm repository's chart is synced at its version (every version asked for is taken to be in the repository's index).
    if (source.chart !== undefined) return revision;
    const outcome = this.outcomeOf(name);
    if (outcome.outcome === 'revisionNeverArrives') {
      const older = outcome.revision ?? STALE_REVISION;
      return SHA.test(revision) && revision !== older ? undefined : older;
    }
    if (SHA.test(revision)) return revision;
    if (typeof this.revisions === 'function')
      return this.revisions({ repoURL: source.repoURL ?? '', targetRevision: revision, ...(source.path === undefined ? {} : { path: source.path }) });
    return this.revisions.get(revision);
  }

  /**
   * The clusters registered besides the one Argo CD runs in: Secrets of its namespace labelled
   * `argocd.argoproj.io/secret-type: cluster`, each naming its API server in `server` (Argo CD's
   * declarative cluster setup). The simulation deploys what such a cluster is sent to this server too.
   */
  private registeredClusters(): string[] {
    return this.server
      .listObjects('v1', 'Secret', this.namespace)
      .filter((secret) => secret.metadata.labels?.['argocd.argoproj.io/secret-type'] === 'cluster')
      .flatMap((secret) => {
        const { data, stringData } = secret as { data?: Record<string, string>; stringData?: Record<string, string> };
        const server = stringData?.server ?? (data?.server === undefined ? undefined : Buffer.from(data.server, 'base64').toString('utf8'));
        return server === undefined ? [] : [server];
      });
  }

  /** The project exists and permits the repository and destination; else Argo CD's InvalidSpecError message. */
  private invalidSpec(app: KubeObject): string | undefined {
    const spec = (app.spec ?? {}) as Record<string, any>;
    const projectName = typeof spec.project === 'string' ? spec.project : '';
    let project: KubeObject | undefined;
    try {
      project = this.server.getObject({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', namespace: this.namespace, name: projectName });
    } catch {
      project = undefined;
    }
    if (project === undefined) return `Application referencing project ${projectName} which does not exist`;
    if (!isPlainObject(spec.source)) return 'spec.source must be set (this simulation does not read spec.sources)';
    const projectSpec = (project.spec ?? {}) as Record<string, any>;
    const repoURL = String(spec.source.repoURL ?? '');
    if (!patternsPermit(projectSpec.sourceRepos, repoURL)) return `application repo ${repoURL} is not permitted in project '${projectName}'`;
    const server = destinationServer(spec.destination);
    if (server === undefined) return `unable to find destination server: there are no clusters with this name: ${String(spec.destination?.name)}`;
    if (server !== IN_CLUSTER && !this.registeredClusters().includes(server)) return `cluster '${server}' has not been configured`;
    const namespace = String(spec.destination?.namespace ?? '');
    if (!this.destinationPermitted(projectSpec, server, namespace))
      return `application destination server '${server}' and namespace '${namespace}' do not match any of the allowed destinations in project '${projectName}'`;
    return undefined;
  }

  private destinationPermitted(projectSpec: Record<string, any>, server: string | undefined, namespace: string): boolean {
    const destinations = Array.isArray(projectSpec.destinations) ? (projectSpec.destinations as Record<string, string>[]) : [];
    return destinations.some((d) => {
      const serverOk =
        d.server !== undefined ? glob(d.server, server ?? '') : d.name !== undefined ? glob(d.name, 'in-cluster') && server === IN_CLUSTER : false;
      return serverOk && glob(d.namespace ?? '', namespace);
    });
  }

  /** Writes status (and operation) when they changed, or when a refresh was asked for. */
  private write(app: KubeObject, oldStatus: Status, status: Status, operation: Record<string, unknown> | undefined, refresh: boolean): void {
    const name = app.metadata.name;
    if (this.pendingClear.delete(name)) operation = undefined;
    const { reconciledAt: _old, ...before } = oldStatus;
    const { reconciledAt: _new, ...after } = status;
    if (!refresh && canonical(before) === canonical(after) && canonical(app.operation) === canonical(operation) && oldStatus.reconciledAt !== undefined) return;
    this.server.modifyObject(
      { ...APPLICATION, namespace: this.namespace, name },
      (object) => {
        object.status = { ...status, reconciledAt: rfc3339(new Date()) };
        if (operation === undefined) delete object.operation;
        else object.operation = operation;
        if (refresh && object.metadata.annotations !== undefined) {
          delete object.metadata.annotations[REFRESH_ANNOTATION];
          if (Object.keys(object.metadata.annotations).length === 0) delete object.metadata.annotations;
        }
      },
      { manager: MANAGER },
    );
  }
}

/**
 * Stores what an Argo CD installation has that a deploy looks at: the namespace, argocd-cm (without
 * the Application health key), the application controller's StatefulSet and the server's
 * Deployment running `quay.io/argoproj/argocd:<version>`, and the `default` AppProject.
 */
export function installArgoCd(server: KubeApiServer, options: { namespace?: string; version?: string } = {}): void {
  const namespace = options.namespace ?? 'argocd';
  const image = `quay.io/argoproj/argocd:${options.version ?? 'v2.14.11'}`;
  const partOf = (name: string, component?: string) => ({
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': 'argocd',
    ...(component === undefined ? {} : { 'app.kubernetes.io/component': component }),
  });
  const workload = (kind: string, name: string, component: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace, labels: partOf(name, component) },
    spec: {
      replicas: 1,
      ...(kind === 'StatefulSet' ? { serviceName: name } : {}),
      selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      template: { metadata: { labels: { 'app.kubernetes.io/name': name } }, spec: { serviceAccountName: name, containers: [{ name, image }] } },
    },
  });
  if (server.getObject({ apiVersion: 'v1', kind: 'Namespace', name: namespace }) === undefined)
    server.putObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, { manager: 'kubectl-create' });
  server.putObject(
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace, labels: partOf('argocd-cm') } },
    { manager: 'kubectl-client-side-apply' },
  );
  server.putObject(workload('StatefulSet', 'argocd-application-controller', 'application-controller'), { manager: 'kubectl-client-side-apply' });
  server.putObject(workload('Deployment', 'argocd-server', 'server'), { manager: 'kubectl-client-side-apply' });
  server.putObject(
    {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name: 'default', namespace },
      spec: { sourceRepos: ['*'], destinations: [{ namespace: '*', server: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
    },
    { manager: 'argocd-server' },
  );
}

function refOf(object: KubeObject, app: KubeObject, served: readonly ServedResource[]): ResourceRef {
  const [group, version] = object.apiVersion.includes('/') ? (object.apiVersion.split('/') as [string, string]) : ['', object.apiVersion];
  const destination = (app.spec as Record<string, any>)?.destination ?? {};
  const resource = served.find((r) => r.group === group && r.version === version && r.kind === object.kind);
  const clusterScoped = resource === undefined ? CLUSTER_SCOPED.has(`${group}/${object.kind}`) : !resource.namespaced;
  return {
    group,
    version,
    kind: object.kind,
    namespace: clusterScoped ? undefined : (object.metadata.namespace ?? destination.namespace),
    name: object.metadata.name,
  };
}

/** Kinds without a namespace, for kinds the server does not serve (a manifest's namespace is ignored for them). */
const CLUSTER_SCOPED = new Set([
  '/Namespace',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'storage.k8s.io/StorageClass',
  '/PersistentVolume',
  'scheduling.k8s.io/PriorityClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'argoproj.io/ClusterWorkflowTemplate',
]);

function isSelfReference(ref: { group: string; kind: string; namespace?: string; name: string }, app: KubeObject): boolean {
  return ref.group === 'argoproj.io' && ref.kind === 'Application' && ref.name === app.metadata.name && ref.namespace === app.metadata.namespace;
}

function trackingId(appName: string, ref: ResourceRef): string {
  return `${appName}:${ref.group}/${ref.kind}:${ref.namespace ?? ''}/${ref.name}`;
}

function healthOf(ref: ResourceRef, live: KubeObject, applicationHealth: boolean): { status: string; message?: string } | undefined {
  if (ref.group === 'argoproj.io' && ref.kind === 'Application') {
    if (!applicationHealth) return undefined;
    const health = (live.status as Record<string, any> | undefined)?.health;
    if (!isPlainObject(health) || typeof health.status !== 'string') return { status: 'Progressing' };
    return { status: health.status, ...(typeof health.message === 'string' && health.message !== '' ? { message: health.message } : {}) };
  }
  return HEALTH_CHECKED.has(`${ref.group}/${ref.kind}`) ? { status: 'Healthy' } : undefined;
}

function waves(objects: readonly KubeObject[]): KubeObject[][] {
  const byWave = new Map<number, KubeObject[]>();
  for (const object of objects) {
    const wave = Number.parseInt(object.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0', 10) || 0;
    byWave.set(wave, [...(byWave.get(wave) ?? []), object]);
  }
  return [...byWave.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
}

function resultEntry(r: ResultResource): Record<string, unknown> {
  return {
    group: r.group,
    version: r.version,
    kind: r.kind,
    namespace: r.namespace ?? '',
    name: r.name,
    status: r.status,
    message: r.message,
    hookPhase: r.hookPhase ?? (r.status === 'SyncFailed' ? 'Failed' : 'Running'),
    syncPhase: 'Sync',
  };
}

function condition(oldStatus: Status, type: string, message: string): Record<string, unknown> {
  const previous = ((oldStatus.conditions ?? []) as Record<string, unknown>[]).find((c) => c.type === type && c.message === message);
  return { type, message, lastTransitionTime: previous?.lastTransitionTime ?? rfc3339(new Date()) };
}

function destinationServer(destination: unknown): string | undefined {
  if (!isPlainObject(destination)) return undefined;
  if (typeof destination.server === 'string' && destination.server !== '') return destination.server;
  return destination.name === 'in-cluster' ? IN_CLUSTER : undefined;
}

/** Argo CD's glob: `*` any run of characters, `?` one. */
function glob(pattern: string, value: string): boolean {
  const regex = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
  return regex.test(value);
}

/** sourceRepos: some pattern matches and no `!pattern` does. */
function patternsPermit(patterns: unknown, value: string): boolean {
  const list = Array.isArray(patterns) ? (patterns as string[]) : [];
  return list.some((p) => !p.startsWith('!') && glob(p, value)) && !list.some((p) => p.startsWith('!') && glob(p.slice(1), value));
}

/** JSON with sorted keys, so that key order never counts as a change. */
function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      isPlainObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
    ) ?? 'undefined'
  );
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
