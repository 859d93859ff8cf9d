/**
 * What two environments may not both claim. On one cluster (their Applications deploy to the same
 * server; the Applications and AppProjects themselves live where Argo CD runs): the same object, a
 * namespace, an AppProject, an Application, a Kafka topic, anything with one identity; Argo CD would report it shared between Applications and the two would overwrite each
 * other. On any clusters: an Ingress host (DNS is global) and the keys of a secret store (one
 * environment would run on the other's credentials). A copied environment file claims all of these.
 */
import { ARGOCD_APPLICATION } from '../synth/argocd-names.js';
import { apiGroupOf, objectsOf, objectTitle, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';

export interface CollisionProblem {
  readonly env: RenderedEnvironment;
  readonly object: RenderedObject;
  readonly rule: string;
  readonly message: string;
}

interface Claim {
  readonly env: RenderedEnvironment;
  readonly object: RenderedObject;
}

export function collisionProblems(environments: readonly RenderedEnvironment[]): CollisionProblem[] {
  if (environments.length < 2) return [];
  return [
    ...sameObjectProblems(environments),
    ...sharedValueProblems(environments, 'collision/ingress-host', ingressHosts, 'Ingress host'),
    ...secretKeyProblems(environments),
  ];
}

/**
 * The API servers an environment's objects are on: those of the app-of-apps (the Applications and
 * AppProjects) where its root Application syncs them, Argo CD's own cluster; the others where the
 * other Applications deploy.
 */
function clustersOf(env: RenderedEnvironment): { readonly argocd: Set<string>; readonly workloads: Set<string> } {
  const argocd = new Set<string>();
  const workloads = new Set<string>();
  for (const { manifest } of objectsOf(env)) {
    if (manifest.kind !== 'Application' || !manifest.apiVersion.startsWith('argoproj.io/')) continue;
    const destination = (manifest.spec as { destination?: { server?: string; name?: string; namespace?: string } } | undefined)?.destination;
    const server = destination?.server ?? `name:${destination?.name ?? ''}`;
    // The root Application syncs into the namespace it lives in, Argo CD's; the others into the environment's.
    (destination?.namespace === manifest.metadata.namespace ? argocd : workloads).add(server);
  }
  return { argocd, workloads };
}

function append<T>(map: Map<string, T[]>, key: string, item: T): void {
  const items = map.get(key);
  if (items === undefined) map.set(key, [item]);
  else items.push(item);
}

const identity = ({ manifest }: RenderedObject) =>
  `${apiGroupOf(manifest.apiVersion)}|${manifest.kind}|${manifest.metadata.namespace ?? ''}|${manifest.metadata.name}`;

function sameObjectProblems(environments: readonly RenderedEnvironment[]): CollisionProblem[] {
  const clusters = new Map(environments.map((env) => [env, clustersOf(env)]));
  const on = ({ env, object }: Claim) => {
    const of = clusters.get(env)!;
    return object.application === ARGOCD_APPLICATION ? of.argocd : of.workloads;
  };
  const shareCluster = (a: Claim, b: Claim) => [...on(a)].some((server) => on(b).has(server));
  const claims = new Map<string, Claim[]>();
  for (const env of environments) for (const object of objectsOf(env)) append(claims, identity(object), { env, object });
  // Objects inside a namespace both claim are reported once, with the namespace.
  const sharedNamespaces = new Map<string, number>();
  const problems: CollisionProblem[] = [];
  for (const claimants of claims.values()) {
    for (const claim of claimants) {
      const others = claimants.filter((other) => other.env !== claim.env && shareCluster(claim, other)).map((other) => other.env.name);
      if (others.length === 0) continue;
      const { manifest } = claim.object;
      if (manifest.kind !== 'Namespace' && claims.get(`|Namespace||${manifest.metadata.namespace}`)?.some((other) => other.env !== claim.env) === true) {
        const key = `${claim.env.name}|${manifest.metadata.namespace}`;
        sharedNamespaces.set(key, (sharedNamespaces.get(key) ?? 0) + 1);
        continue;
      }
      problems.push({
        env: claim.env,
        object: claim.object,
        rule: 'collision/object',
        message: `${objectTitle({ kind: manifest.kind, namespace: manifest.metadata.namespace, name: manifest.metadata.name })} is also rendered by ${others.join(', ')} on the same cluster: each environment needs its own (namespaces, argocd.project, deploymentName, names)`,
      });
    }
  }
  return problems.map((problem) => {
    const held = sharedNamespaces.get(`${problem.env.name}|${problem.object.manifest.metadata.name}`);
    return problem.object.manifest.kind === 'Namespace' && held !== undefined
      ? { ...problem, message: `${problem.message}; ${held} object(s) in it collide too` }
      : problem;
  });
}

function ingressHosts({ manifest }: RenderedObject): string[] {
  if (manifest.kind !== 'Ingress') return [];
  const spec = manifest.spec as { rules?: { host?: string }[]; tls?: { hosts?: string[] }[] } | undefined;
  return [...new Set([...(spec?.rules ?? []).flatMap((rule) => rule.host ?? []), ...(spec?.tls ?? []).flatMap((tls) => tls.hosts ?? [])])];
}

/** Objects of different environments that hold the same value (a host), on any cluster. */
function sharedValueProblems(
  environments: readonly RenderedEnvironment[],
  rule: string,
  valuesOf: (object: RenderedObject) => string[],
  what: string,
): CollisionProblem[] {
  const holders = new Map<string, Claim[]>();
  for (const env of environments) for (const object of objectsOf(env)) for (const value of valuesOf(object)) append(holders, value, { env, object });
  return [...holders].flatMap(([value, claims]) =>
    claims.flatMap((claim) => {
      const others = [...new Set(claims.filter((other) => other.env !== claim.env).map((other) => other.env.name))];
      return others.length === 0
        ? []
        : [{ env: claim.env, object: claim.object, rule, message: `${what} ${value} is also claimed by ${others.join(', ')}: each environment needs its own` }];
    }),
  );
}

/** `ClusterSecretStore/thoth-vault:thoth/stage/amun` for each key an ExternalSecret reads. */
function secretKeys({ manifest }: RenderedObject): string[] {
  if (manifest.kind !== 'ExternalSecret') return [];
  const spec = manifest.spec as
    | { secretStoreRef?: { kind?: string; name?: string }; data?: { remoteRef?: { key?: string } }[]; dataFrom?: { extract?: { key?: string } }[] }
    | undefined;
  const store = `${spec?.secretStoreRef?.kind ?? 'SecretStore'}/${spec?.secretStoreRef?.name ?? ''}`;
  const keys = [...(spec?.data ?? []).flatMap((item) => item.remoteRef?.key ?? []), ...(spec?.dataFrom ?? []).flatMap((item) => item.extract?.key ?? [])];
  return [...new Set(keys)].map((key) => `${store}:${key}`);
}

/** One finding per environment and other environment, on the first ExternalSecret that reads the other's keys. */
function secretKeyProblems(environments: readonly RenderedEnvironment[]): CollisionProblem[] {
  const readers = new Map<string, Set<RenderedEnvironment>>();
  for (const env of environments)
    for (const object of objectsOf(env)) for (const key of secretKeys(object)) readers.set(key, (readers.get(key) ?? new Set()).add(env));
  return environments.flatMap((env) => {
    const shared = new Map<string, { object: RenderedObject; keys: string[] }>();
    for (const object of objectsOf(env)) {
      for (const key of secretKeys(object)) {
        for (const other of readers.get(key) ?? []) {
          if (other === env) continue;
          const entry = shared.get(other.name) ?? { object, keys: [] };
          entry.keys.push(key);
          shared.set(other.name, entry);
        }
      }
    }
    return [...shared].map(([other, { object, keys }]) => ({
      env,
      object,
      rule: 'collision/secret-keys',
      message: `reads ${keys.length} secret key(s) that ${other} reads too (${keys[0]}${keys.length > 1 ? ', ...' : ''}): one environment would run on the other's credentials; give each its own secrets.keyPrefix`,
    }));
  });
}
