/**
 * The bootstrap: what deploy applies itself, by server-side apply under its own field manager, so
 * that Argo CD can take over from git. The AppProjects and the root Application (which syncs
 * generated/<env>/argocd/, itself included), and one key of `argocd-cm`: the health check of
 * Application objects, without which Argo CD (since 1.8) does not assess an Application's health and
 * the sync waves between this repository's Applications gate nothing (argoproj/argo-cd#5423).
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import { isDeepStrictEqual } from 'node:util';
import type { Manifest } from '../synth/manifest.js';
import { objectTitle } from '../synth/manifest.js';
import { ApplyConflict, type Cluster } from './cluster.js';
import type { DeployPlan } from './plan.js';

export const ARGOCD_CONFIGMAP = 'argocd-cm';
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * Lua run by Argo CD for each Application resource: it is as healthy as its own status says, and
 * Progressing until the controller has given it one (so a wave waits for a child just created).
 */
export const APPLICATION_HEALTH_LUA = `-- Set by thoth-gitops deploy: an Application is as healthy as its status says.
local health = { status = "Progressing", message = "" }
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  health.status = obj.status.health.status
  if obj.status.health.message ~= nil then
    health.message = obj.status.health.message
  end
end
return health
`;

/** Only the one key: applying it takes ownership of that field alone, whoever owns the rest. */
export function healthCustomization(argocdNamespace: string): Manifest {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: ARGOCD_CONFIGMAP, namespace: argocdNamespace },
    data: { [APPLICATION_HEALTH_KEY]: APPLICATION_HEALTH_LUA },
  };
}

/** The objects of a bootstrap, in the order they are applied. */
export function bootstrapObjects(plan: DeployPlan): Manifest[] {
  return [healthCustomization(plan.argocdNamespace), ...plan.bootstrap];
}

export interface AppliedObject {
  readonly title: string;
  /** What applying did: the object's content before and after tells. */
  readonly outcome: 'created' | 'changed' | 'unchanged';
  /** Fields Argo CD's controller owned with the previous commit's values, taken over (it applies the same values once it syncs). */
  readonly tookOverFromArgoCd?: readonly string[];
}

/**
 * The field managers of Argo CD's application controller: the root Application applies the
 * AppProjects and itself too, so after a commit changes them it owns their fields with the old
 * values until it syncs. Fields held by anyone else are a conflict to report.
 */
const ARGOCD_MANAGERS = new Set(['argocd-controller', 'argocd-application-controller']);

const managersOf = (conflicts: readonly string[]) => conflicts.map((conflict) => /conflict with "([^"]+)"/.exec(conflict)?.[1]);

/**
 * Applies each object in order (one at a time: the root Application needs its AppProject). The
 * first refusal (a conflict with another field manager, a webhook) stops it, with nothing after it
 * applied.
 */
export async function applyBootstrap(cluster: Cluster, plan: DeployPlan, options: { dryRun: boolean; force: boolean }): Promise<AppliedObject[]> {
  const applied: AppliedObject[] = [];
  for (const manifest of bootstrapObjects(plan)) {
    const ref = { apiVersion: manifest.apiVersion, kind: manifest.kind, name: manifest.metadata.name, namespace: manifest.metadata.namespace };
    const before = await cluster.read<KubernetesObject>(ref);
    let after: KubernetesObject;
    let tookOverFromArgoCd: readonly string[] | undefined;
    try {
      after = await cluster.apply(manifest as KubernetesObject, options);
    } catch (error) {
      if (!(error instanceof ApplyConflict) || !managersOf(error.conflicts).every((manager) => manager !== undefined && ARGOCD_MANAGERS.has(manager)))
        throw error;
      after = await cluster.apply(manifest as KubernetesObject, { ...options, force: true });
      tookOverFromArgoCd = error.conflicts;
    }
    const outcome = before === undefined ? 'created' : sameContent(before, after) ? 'unchanged' : 'changed';
    applied.push({ title: objectTitle(ref), outcome, ...(tookOverFromArgoCd === undefined ? {} : { tookOverFromArgoCd }) });
  }
  return applied;
}

/** Whether an apply changed what the object says (its status, metadata bookkeeping and managed fields aside). */
function sameContent(before: KubernetesObject, after: KubernetesObject): boolean {
  const content = (object: KubernetesObject) => {
    const { metadata, status: _status, ...rest } = object as KubernetesObject & { status?: unknown };
    return [metadata?.labels ?? {}, metadata?.annotations ?? {}, metadata?.finalizers ?? [], rest];
  };
  return isDeepStrictEqual(content(before), content(after));
}
