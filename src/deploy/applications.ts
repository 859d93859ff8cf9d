/**
 * What an Argo CD Application's status says, read against the commit deploy expects: whether it is
 * done (Synced at that commit and Healthy), failed (a sync that failed at it, Degraded at it, an
 * invalid spec), or still on its way, and which of its resources are why. Pure: no API calls.
 */

export const APPLICATION = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application' } as const;

/** The parts of an Application's status this reads (argoproj.io/v1alpha1, Argo CD 2.x and 3.x). */
export interface ApplicationObject {
  readonly metadata: { readonly name: string; readonly annotations?: Readonly<Record<string, string>>; readonly resourceVersion?: string };
  readonly spec?: { readonly syncPolicy?: { readonly automated?: unknown; readonly retry?: unknown; readonly syncOptions?: readonly string[] } };
  readonly operation?: { readonly sync?: { readonly revision?: string } };
  readonly status?: {
    readonly sync?: { readonly status?: string; readonly revision?: string };
    readonly health?: { readonly status?: string; readonly message?: string };
    readonly conditions?: readonly { readonly type: string; readonly message?: string }[];
    readonly resources?: readonly ResourceStatus[];
    readonly operationState?: {
      readonly phase?: string;
      readonly message?: string;
      readonly startedAt?: string;
      readonly finishedAt?: string;
      readonly operation?: { readonly sync?: { readonly revision?: string } };
      readonly syncResult?: { readonly revision?: string; readonly resources?: readonly SyncedResource[] };
    };
  };
}

interface ResourceStatus {
  readonly group?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly status?: string;
  readonly health?: { readonly status?: string; readonly message?: string };
}

interface SyncedResource {
  readonly group?: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly status?: string;
  readonly message?: string;
  readonly hookPhase?: string;
}

/** A resource that keeps an Application from being done, and what Argo CD says about it. */
export interface Blocker {
  readonly resource: string;
  readonly sync?: string;
  readonly health?: string;
  readonly message?: string;
}

export type Phase = 'waiting' | 'done' | 'failed';

/** One Application as a row of the progress table and of `status`. */
export interface ApplicationState {
  readonly name: string;
  readonly wave: number;
  /** The Application object exists (the root Application creates the others). */
  readonly exists: boolean;
  readonly sync: string;
  readonly health: string;
  /** The commit its last comparison was made at. */
  readonly revision?: string;
  readonly atExpected: boolean;
  /** A sync operation is running (or has been asked for and not yet picked up). */
  readonly operating: boolean;
  readonly automated: boolean;
  readonly phase: Phase;
  /** Why it failed, or why it is not done yet. */
  readonly reason?: string;
  /** What failed: a sync (or a condition that waiting does not clear), or the health of what it deployed. */
  readonly failure?: 'sync' | 'degraded';
  readonly blockers: readonly Blocker[];
}

const FAILED_OPERATION = new Set(['Failed', 'Error']);
const RUNNING_OPERATION = new Set(['Running', 'Terminating']);

const titleOf = (resource: { kind: string; namespace?: string; name: string }) =>
  resource.namespace === undefined || resource.namespace === ''
    ? `${resource.kind} ${resource.name}`
    : `${resource.kind} ${resource.namespace}/${resource.name}`;

/** How revisions are shown everywhere: 12 characters, unique in any repository of this size. */
export const shortRevision = (revision: string | undefined): string => (revision === undefined || revision === '' ? '-' : revision.slice(0, 12));

/** The row of an Application that does not exist (yet). */
export function missingApplication(name: string, wave: number, automated: boolean): ApplicationState {
  return {
    name,
    wave,
    exists: false,
    sync: 'Missing',
    health: 'Missing',
    atExpected: false,
    operating: false,
    automated,
    phase: 'waiting',
    reason: 'the Application does not exist yet',
    blockers: [],
  };
}

/**
 * Reads an Application's status against `expected`, the commit it should be synced at.
 * `specIsExpected`: its spec is the one rendered at that commit, so a fault Argo CD finds in it
 * (InvalidSpecError) will not go away by waiting; with an older spec, the root's sync may mend it.
 */
export function applicationState(app: ApplicationObject, wave: number, expected: string, specIsExpected = true): ApplicationState {
  const status = app.status ?? {};
  const sync = status.sync?.status ?? 'Unknown';
  const health = status.health?.status ?? 'Unknown';
  const revision = status.sync?.revision;
  const atExpected = revision === expected;
  const operationState = status.operationState;
  const operating = app.operation !== undefined || RUNNING_OPERATION.has(operationState?.phase ?? '');
  const operationRevision = operationState?.syncResult?.revision ?? operationState?.operation?.sync?.revision;
  const blockers = blockersOf(app);
  const base = {
    name: app.metadata.name,
    wave,
    exists: true,
    sync,
    health,
    revision,
    atExpected,
    operating,
    automated: app.spec?.syncPolicy?.automated !== undefined,
    blockers,
  };
  const conditions = status.conditions ?? [];

  if (!operating) {
    const invalid = conditions.find((condition) => condition.type === 'InvalidSpecError');
    if (invalid !== undefined && specIsExpected)
      return { ...base, phase: 'failed', failure: 'sync', reason: `InvalidSpecError: ${invalid.message ?? ''}`.trim() };
    // Argo CD does not retry an automated sync of a commit that failed: "Failed sync attempt to <commit>".
    const syncError = conditions.find((condition) => condition.type === 'SyncError' && (condition.message ?? '').includes(expected));
    if (syncError !== undefined) return { ...base, phase: 'failed', failure: 'sync', reason: `SyncError: ${syncError.message}` };
    if (FAILED_OPERATION.has(operationState?.phase ?? '') && operationRevision === expected) {
      return { ...base, phase: 'failed', failure: 'sync', reason: `sync ${operationState!.phase!.toLowerCase()}: ${operationState!.message ?? 'no message'}` };
    }
    // Degraded counts once what the commit deploys is in place; before that, the sync may mend it.
    if (atExpected && sync === 'Synced' && health === 'Degraded') {
      return { ...base, phase: 'failed', failure: 'degraded', reason: `Degraded${status.health?.message === undefined ? '' : `: ${status.health.message}`}` };
    }
    if (atExpected && sync === 'Synced' && health === 'Healthy') return { ...base, phase: 'done', blockers: [] };
  }
  return { ...base, phase: 'waiting', reason: waitingReason(base, expected, conditions) };
}

function waitingReason(
  state: { sync: string; health: string; revision?: string; atExpected: boolean; operating: boolean },
  expected: string,
  conditions: readonly { type: string; message?: string }[],
): string {
  const comparison = conditions.find((condition) => condition.type === 'ComparisonError');
  const invalid = conditions.find((condition) => condition.type === 'InvalidSpecError');
  if (invalid !== undefined && !state.operating) return `InvalidSpecError (the root has not applied this commit's spec yet): ${invalid.message ?? ''}`;
  if (!state.atExpected) {
    const seen = state.revision === undefined ? 'has not compared any commit yet' : `is at ${shortRevision(state.revision)}`;
    return `${seen}, expected ${shortRevision(expected)}${comparison === undefined ? '' : ` (ComparisonError: ${comparison.message ?? ''})`}`;
  }
  if (state.operating) return 'a sync is running';
  return `${state.sync}, ${state.health}`;
}

/** The resources that are out of sync or not healthy, and those the last sync failed to apply. */
function blockersOf(app: ApplicationObject): Blocker[] {
  const blockers = new Map<string, Blocker>();
  for (const resource of app.status?.resources ?? []) {
    const healthy = resource.health?.status === undefined || resource.health.status === 'Healthy';
    if (resource.status === 'Synced' && healthy) continue;
    blockers.set(titleOf(resource), {
      resource: titleOf(resource),
      sync: resource.status,
      health: resource.health?.status,
      message: resource.health?.message,
    });
  }
  for (const resource of app.status?.operationState?.syncResult?.resources ?? []) {
    if (resource.status !== 'SyncFailed' && resource.hookPhase !== 'Failed' && resource.hookPhase !== 'Error') continue;
    const title = titleOf(resource);
    const known = blockers.get(title);
    blockers.set(title, { resource: title, sync: known?.sync ?? resource.status, health: known?.health, message: resource.message ?? known?.message });
  }
  return [...blockers.values()];
}
