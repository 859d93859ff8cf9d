/**
 * Everything that must hold before deploy applies anything, checked together and reported together:
 * generated/ is what the code renders and passes validate; it is committed, and the commit Argo CD
 * will sync (the environment's repoURL at targetRevision) holds the same generated/<env>/; the
 * cluster serves every kind the environment renders; every image it runs is in its registry; and
 * Argo CD runs where the environment says.
 *
 * An environment may deploy to another cluster than Argo CD's (argocd.destinationServer): Argo CD
 * must know that cluster (a cluster Secret in its namespace), its Applications' kinds are asked of
 * Argo CD's cluster, and the rest, with the Kubernetes version, of the destination, when deploy is
 * given a kubeconfig context for it; without one they are not checked, and the report says so.
 */
import type { KubernetesObject } from '@kubernetes/client-node';
import type { RenderedEnvironment } from '../synth/manifest.js';
import { checkRendered } from '../synth/check.js';
import { hasDrift } from '../synth/compare.js';
import { shortRevision } from './applications.js';
import { ARGOCD_CONFIGMAP } from './bootstrap.js';
import { type Cluster, ClusterUnavailable } from './cluster.js';
import { imageProblems, imagesOf, type ImagePreflightOptions } from './images.js';
import { operatorOf } from './operators.js';
import type { DeployPlan, Kind } from './plan.js';
import { bareServer, isArgoCdOwnCluster } from '../synth/argocd-names.js';
import { localRevision, resolveRemoteRevision, sameRendering } from './revision.js';

export type PreflightCheck = 'generated' | 'revision' | 'kubernetes' | 'kinds' | 'images' | 'argocd';

export interface PreflightProblem {
  readonly check: PreflightCheck;
  readonly message: string;
}

export interface PreflightReport {
  readonly problems: readonly PreflightProblem[];
  /** What could not be checked, and why: no problem, but the deployer should know. */
  readonly unchecked: readonly string[];
  /** The cluster the environment deploys to, and the context its kinds and version were checked through, if they were. */
  readonly destination: { readonly server: string; readonly context?: string };
  /** The commit Argo CD will sync, when the remote could be read. */
  readonly expected?: string;
  /** The checkout's HEAD. */
  readonly head?: string;
  /** The destination's Kubernetes version, where it was checked. */
  readonly kubernetesVersion?: string;
  /** Argo CD's version, as its application controller reports it. */
  readonly argocdVersion?: string;
  readonly kinds: number;
  readonly images: number;
}

export interface PreflightOptions extends ImagePreflightOptions {
  readonly cwd: string;
  /** Whether the image check runs (`--skip-image-check` turns it off, for a registry deploy cannot reach). */
  readonly checkImages: boolean;
  readonly promtool: boolean;
  /**
   * The cluster the environment deploys to, where that is not Argo CD's own (`--destination-context`).
   * @default its kinds and Kubernetes version are not checked
   */
  readonly destination?: Cluster;
}

/** How many lines of one check's findings are listed before "and N more". */
const LISTED = 15;

export async function preflight(cluster: Cluster, plan: DeployPlan, rendered: RenderedEnvironment, options: PreflightOptions): Promise<PreflightReport> {
  // First and alone: a cluster that cannot be reached ends the preflight at once, in one line.
  const argocdServer = await cluster.version();
  const remote = !isArgoCdOwnCluster(plan.destinationServer);
  const destination = remote ? options.destination : cluster;
  const destinationServer = destination === undefined || destination === cluster ? argocdServer : await destination.version();
  const elsewhere = destination === cluster ? 'the cluster' : `the cluster ${plan.destinationServer} (context ${destination?.contextName})`;
  const [generated, revision, argocdKinds, kinds, images, argocd] = await Promise.all([
    generatedProblems(rendered, options),
    revisionProblems(plan, options.cwd),
    kindProblems(cluster, plan.argocdKinds, remote ? "Argo CD's cluster" : 'the cluster'),
    destination === undefined ? Promise.resolve([]) : kindProblems(destination, plan.kinds, elsewhere),
    options.checkImages ? imageProblems(rendered, options).then((found) => found.map(({ message }) => message)) : Promise.resolve([]),
    argocdProblems(cluster, plan),
  ]);
  const unchecked = [
    ...(destination === undefined
      ? [
          `the kinds and the Kubernetes version of ${plan.destinationServer}, where the environment deploys: --destination-context NAME (a kubeconfig context for it) checks them there`,
        ]
      : []),
    ...argocd.unchecked,
  ];
  return {
    unchecked,
    problems: [
      ...listed('generated', generated),
      ...listed('revision', revision.problems),
      ...listed('kubernetes', destination === undefined ? [] : kubernetesProblems(plan, rendered, destinationServer)),
      ...listed('kinds', [...argocdKinds, ...kinds]),
      ...listed('images', images),
      ...listed('argocd', argocd.problems),
    ],
    destination: { server: plan.destinationServer, ...(destination === undefined ? {} : { context: destination.contextName }) },
    ...(revision.expected === undefined ? {} : { expected: revision.expected }),
    ...(revision.head === undefined ? {} : { head: revision.head }),
    ...(argocd.version === undefined ? {} : { argocdVersion: argocd.version }),
    ...(destination === undefined ? {} : { kubernetesVersion: destinationServer.gitVersion }),
    kinds: plan.argocdKinds.length + (destination === undefined ? 0 : plan.kinds.length),
    images: options.checkImages ? imagesOf(rendered).filter((image) => !image.includes('{{')).length : 0,
  };
}

function listed(check: PreflightCheck, messages: readonly string[]): PreflightProblem[] {
  const shown = messages.length > LISTED + 1 ? [...messages.slice(0, LISTED), `and ${messages.length - LISTED} more`] : messages;
  return shown.map((message) => ({ check, message }));
}

/** `check` for this environment: validate's findings and generated/ files that are not what the code renders. */
async function generatedProblems(rendered: RenderedEnvironment, options: PreflightOptions): Promise<string[]> {
  const { findings, drift } = await checkRendered(options.cwd, [rendered], { promtool: options.promtool, includeOtherEnvironments: false });
  const problems = findings.map((finding) => `${finding.file}: ${finding.rule}: ${finding.message} (thoth-gitops validate --env ${rendered.name} says more)`);
  if (hasDrift(drift)) {
    const files = [...drift.changed, ...drift.missing, ...drift.extra];
    problems.push(
      `generated/ is not what the code renders (${files.length} file${files.length === 1 ? '' : 's'}, such as ${files[0]}): run thoth-gitops synth and commit the result`,
    );
  }
  return problems;
}

async function revisionProblems(plan: DeployPlan, cwd: string): Promise<{ problems: string[]; expected?: string; head?: string }> {
  let local: { head: string; uncommitted: string[] };
  try {
    local = await localRevision(cwd);
  } catch (error) {
    return { problems: [`${cwd} is not a git checkout with a commit: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`] };
  }
  const problems: string[] = [];
  if (local.uncommitted.length > 0) {
    problems.push(
      `generated/ has uncommitted changes (${local.uncommitted.slice(0, 3).join(', ')}${local.uncommitted.length > 3 ? `, and ${local.uncommitted.length - 3} more` : ''}): commit and push them; Argo CD reads git, not this folder`,
    );
  }
  let expected: string;
  try {
    expected = await resolveRemoteRevision(cwd, plan.repoURL, plan.targetRevision);
  } catch (error) {
    problems.push(`${error instanceof Error ? error.message : String(error)} (argocd.repoURL and argocd.targetRevision of environments/${plan.env}.yaml)`);
    return { problems, head: local.head };
  }
  const same = await sameRendering(cwd, plan.env, local.head, expected);
  const remote = `${plan.repoURL} ${plan.targetRevision}`;
  if (same === 'different')
    problems.push(
      `${remote} is at ${shortRevision(expected)}, whose generated/${plan.env}/ differs from this checkout's (${shortRevision(local.head)}): push this commit, or check out ${shortRevision(expected)}`,
    );
  if (same === 'unknown')
    problems.push(
      `${remote} is at ${shortRevision(expected)}, a commit this checkout does not have (HEAD is ${shortRevision(local.head)}): fetch it, or push this commit`,
    );
  return { problems, expected, head: local.head };
}

/** The version validate checked the environment's APIs against must be the cluster's. */
function kubernetesProblems(plan: DeployPlan, rendered: RenderedEnvironment, server: { major: string; minor: string; gitVersion: string }): string[] {
  const declared = rendered.kubernetesVersion;
  const running = `${server.major}.${server.minor}`;
  if (declared === undefined || declared === running) return [];
  return [
    `environments/${plan.env}.yaml says kubernetesVersion "${declared}", but ${isArgoCdOwnCluster(plan.destinationServer) ? 'the cluster' : `the cluster ${plan.destinationServer}`} runs ${server.gitVersion}: set it to "${running}", so validate checks the APIs this cluster serves and removes`,
  ];
}

/** Each of `kinds` that `cluster` (`where`, in words) does not serve, grouped by the operator that would serve it. */
async function kindProblems(cluster: Cluster, kinds: readonly Kind[], where: string): Promise<string[]> {
  const served = await Promise.all(kinds.map(async (kind) => ({ ...kind, served: await cluster.serves(kind.apiVersion, kind.kind) })));
  const missing = new Map<string, string[]>();
  for (const kind of served.filter((each) => !each.served)) {
    const operator = operatorOf(kind.apiVersion, kind.kind) ?? `the API group ${kind.apiVersion} (a CRD or an aggregated API)`;
    missing.set(operator, [...(missing.get(operator) ?? []), `${kind.kind} (${kind.apiVersion})`]);
  }
  return [...missing].map(([operator, names]) => `${where} does not serve ${names.join(', ')}: install ${operator}`);
}

/** The namespace of the environment's Argo CD, and the version its application controller runs. */
async function argocdProblems(cluster: Cluster, plan: DeployPlan): Promise<{ problems: string[]; unchecked: string[]; version?: string }> {
  const where = `argocd.namespace of environments/${plan.env}.yaml`;
  const namespace = await cluster.read({ apiVersion: 'v1', kind: 'Namespace', name: plan.argocdNamespace });
  if (namespace === undefined)
    return { problems: [`the namespace ${plan.argocdNamespace} does not exist: install Argo CD there, or correct ${where}`], unchecked: [] };
  const selector = 'app.kubernetes.io/name=argocd-application-controller';
  const [statefulSets, deployments] = await Promise.all([
    cluster.list<Workload>('apps/v1', 'StatefulSet', plan.argocdNamespace, selector),
    cluster.list<Workload>('apps/v1', 'Deployment', plan.argocdNamespace, selector),
  ]);
  const controller = [...statefulSets.items, ...deployments.items][0];
  if (controller === undefined)
    return {
      problems: [
        `no Argo CD application controller (label ${selector}) runs in the namespace ${plan.argocdNamespace}: install Argo CD there, or correct ${where}`,
      ],
      unchecked: [],
    };
  const version = versionOf(controller);
  const [destination, tracking] = await Promise.all([destinationProblems(cluster, plan), trackingProblems(cluster, plan, version)]);
  return { problems: [...destination.problems, ...tracking.problems], unchecked: [...destination.unchecked, ...tracking.unchecked], version };
}

/** argocd-cm's keys of how Argo CD tells the objects it syncs apart, and of the label it sets when it does so by label. */
const TRACKING_KEY = 'application.resourceTrackingMethod';
const INSTANCE_LABEL_KEY = 'application.instanceLabelKey';
const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/**
 * A chart Application whose Helm release is named otherwise than the Application needs Argo CD not to
 * write `app.kubernetes.io/instance`. Tracking by label (or annotation+label), Argo CD sets its
 * instance label, that one unless argocd-cm names another, to the Application's name on every object
 * it syncs, where the chart put its release's name, which its own selectors look for (a
 * ServiceMonitor for its Service's labels): they would stop matching (argo-cd docs,
 * user-guide/resource_tracking.md; argoproj/argo-cd#1066). Label tracking is the default before Argo
 * CD 3.0, annotation since; an empty value is no value, and any other than annotation is read as label.
 */
async function trackingProblems(cluster: Cluster, plan: DeployPlan, version: string): Promise<{ problems: string[]; unchecked: string[] }> {
  const renamed = plan.waves
    .flatMap((wave) => wave.applications)
    .flatMap((application) => {
      const release = (application.spec as { source?: { helm?: { releaseName?: string } } }).source?.helm?.releaseName;
      return release === undefined || release === application.name ? [] : [`${application.name} (release ${release})`];
    });
  if (renamed.length === 0) return { problems: [], unchecked: [] };
  let config: { data?: Record<string, string> } | undefined;
  try {
    config = await cluster.read<KubernetesObject & { data?: Record<string, string> }>({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      namespace: plan.argocdNamespace,
      name: ARGOCD_CONFIGMAP,
    });
  } catch (error) {
    if (!(error instanceof ClusterUnavailable && error.reason === 'forbidden')) throw error;
    return {
      problems: [],
      unchecked: [`how Argo CD tracks the charts' objects: these credentials may not read ${ARGOCD_CONFIGMAP} in ${plan.argocdNamespace}`],
    };
  }
  const setting = (key: string) => (config?.data?.[key] === '' ? undefined : config?.data?.[key]);
  const labelKey = setting(INSTANCE_LABEL_KEY) ?? INSTANCE_LABEL;
  if (labelKey !== INSTANCE_LABEL) return { problems: [], unchecked: [] };
  const set = setting(TRACKING_KEY);
  const major = Number(/^v?(\d+)\./.exec(version)?.[1]);
  if (set === undefined && Number.isNaN(major)) {
    return {
      problems: [],
      unchecked: [`how Argo CD tracks the charts' objects: its version (${version}) is unknown and ${ARGOCD_CONFIGMAP} sets no ${TRACKING_KEY}`],
    };
  }
  const method = set ?? (major >= 3 ? 'annotation' : 'label');
  if (method === 'annotation') return { problems: [], unchecked: [] };
  const why = set === undefined ? `the default of Argo CD ${version}` : `${TRACKING_KEY}: ${JSON.stringify(set)} in ${ARGOCD_CONFIGMAP}`;
  return {
    problems: [
      `Argo CD tracks by the label ${INSTANCE_LABEL} (${why}) and would set it to the Application's name on the objects of ${renamed.join(', ')}, whose charts select by their release's name there: set ${TRACKING_KEY}: annotation in ${ARGOCD_CONFIGMAP} of ${plan.argocdNamespace} (Argo CD 3's default; the Applications already synced are marked again at their next sync), or ${INSTANCE_LABEL_KEY} to another label`,
    ],
    unchecked: [],
  };
}

/** Argo CD knows a cluster other than its own from a Secret labelled as a cluster's, whose `server` is its URL. */
async function destinationProblems(cluster: Cluster, plan: DeployPlan): Promise<{ problems: string[]; unchecked: string[] }> {
  if (isArgoCdOwnCluster(plan.destinationServer)) return { problems: [], unchecked: [] };
  let secrets: (KubernetesObject & { data?: Record<string, string> })[];
  try {
    secrets = (await cluster.list('v1', 'Secret', plan.argocdNamespace, 'argocd.argoproj.io/secret-type=cluster')).items;
  } catch (error) {
    if (!(error instanceof ClusterUnavailable && error.reason === 'forbidden')) throw error;
    return { problems: [], unchecked: [`that Argo CD knows ${plan.destinationServer}: these credentials may not list the Secrets of ${plan.argocdNamespace}`] };
  }
  const servers = secrets.map((secret) => bareServer(Buffer.from(secret.data?.server ?? '', 'base64').toString('utf8')));
  if (servers.includes(bareServer(plan.destinationServer))) return { problems: [], unchecked: [] };
  return {
    problems: [
      `Argo CD knows no cluster ${plan.destinationServer} (argocd.destinationServer of environments/${plan.env}.yaml; it knows ${servers.length === 0 ? 'none but its own' : servers.join(', ')}): register it (argocd cluster add, or a Secret labelled argocd.argoproj.io/secret-type: cluster in ${plan.argocdNamespace})`,
    ],
    unchecked: [],
  };
}

type Workload = KubernetesObject & { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } };

/** The label the install set (`app.kubernetes.io/version`), else the controller image's tag. */
function versionOf(workload: Workload): string {
  const label = workload.metadata?.labels?.['app.kubernetes.io/version'];
  if (label !== undefined && label !== '') return label;
  const image = workload.spec?.template?.spec?.containers?.[0]?.image ?? '';
  const tag = /:([^:/@]+)(?:@.*)?$/.exec(image)?.[1];
  return tag ?? 'unknown';
}
