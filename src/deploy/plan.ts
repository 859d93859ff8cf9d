/**
 * What deploying an environment means, read from its rendering: the objects deploy applies itself
 * (the AppProjects and the root Application, which then manages the rest from git) and the
 * Applications to wait for, wave by wave.
 */
import { ARGOCD_APPLICATION, rootApplicationName } from '../synth/argocd-names.js';
import type { PlatformEnvironment } from '../config/schema.js';
import { syncWaveOf, type Manifest, type RenderedEnvironment } from '../synth/manifest.js';

export interface PlannedApplication {
  readonly name: string;
  readonly wave: number;
  /** Its spec as rendered at the commit: what the root Application applies (or the bootstrap, for the root). */
  readonly spec: unknown;
  /**
   * The revision its source pins, which Argo CD reports it synced at instead of the commit: a Helm
   * chart's version.
   * @default the commit deployed
   */
  readonly pinnedRevision?: string;
}

export interface DeployPlan {
  readonly env: string;
  /** The namespace Argo CD runs in, where the Applications and AppProjects live. */
  readonly argocdNamespace: string;
  readonly repoURL: string;
  readonly targetRevision: string;
  readonly automated: boolean;
  /** What deploy applies: the AppProjects first (the root Application needs its project), then the root. */
  readonly bootstrap: readonly Manifest[];
  readonly root: PlannedApplication;
  /** The Applications the root creates, by wave, lowest first; each wave's names sorted. */
  readonly waves: readonly { readonly wave: number; readonly applications: readonly PlannedApplication[] }[];
  /**
   * The cluster the Applications deploy to, as Argo CD names it: its own (ARGOCD_OWN_CLUSTER), or
   * another it knows from a cluster Secret.
   */
  readonly destinationServer: string;
  /** The kinds of the app-of-apps (Applications, AppProjects), which live where Argo CD runs. */
  readonly argocdKinds: readonly Kind[];
  /**
   * Every other apiVersion/kind the environment renders, sorted, which the destination must serve;
   * without the kinds of the API groups a chart Application installs, which arrive with it.
   */
  readonly kinds: readonly Kind[];
}

export interface Kind {
  readonly apiVersion: string;
  readonly kind: string;
}

export function planDeploy(env: PlatformEnvironment, rendered: RenderedEnvironment): DeployPlan {
  const argocd = rendered.applications.find((application) => application.name === ARGOCD_APPLICATION);
  if (argocd === undefined) throw new Error(`environment ${env.name} rendered no ${ARGOCD_APPLICATION} application`);
  const manifests = argocd.objects.map((object) => object.manifest);
  const rootName = rootApplicationName(env);
  const root = manifests.find((manifest) => manifest.kind === 'Application' && manifest.metadata.name === rootName);
  if (root === undefined) throw new Error(`environment ${env.name} rendered no root Application ${rootName}`);

  const children = manifests
    .filter((manifest) => manifest.kind === 'Application' && manifest !== root)
    .map((manifest) => ({ name: manifest.metadata.name, wave: syncWaveOf(manifest), spec: manifest.spec, ...pinnedRevisionOf(manifest) }));
  const waves = [...new Set(children.map((child) => child.wave))]
    .sort((a, b) => a - b)
    .map((wave) => ({
      wave,
      applications: children.filter((child) => child.wave === wave).sort((a, b) => a.name.localeCompare(b.name, 'en')),
    }));

  const installed = new Set((rendered.chartApplications ?? []).flatMap((chart) => chart.installsApiGroups ?? []));
  const kindsOf = (applications: typeof rendered.applications): Kind[] => {
    const kinds = new Map<string, Kind>();
    for (const application of applications) {
      for (const { manifest } of application.objects)
        if (!installed.has(manifest.apiVersion.split('/').slice(0, -1).join('/')))
          kinds.set(`${manifest.apiVersion} ${manifest.kind}`, { apiVersion: manifest.apiVersion, kind: manifest.kind });
    }
    return [...kinds.keys()].sort().map((key) => kinds.get(key)!);
  };

  return {
    env: env.name,
    argocdNamespace: env.argocd.namespace,
    repoURL: env.argocd.repoURL,
    targetRevision: env.argocd.targetRevision,
    automated: env.argocd.syncPolicy.automated,
    bootstrap: [...manifests.filter((manifest) => manifest.kind === 'AppProject'), root],
    root: { name: rootName, wave: syncWaveOf(root), spec: root.spec },
    waves,
    destinationServer: env.argocd.destinationServer,
    argocdKinds: kindsOf([argocd]),
    kinds: kindsOf(rendered.applications.filter((application) => application !== argocd)),
  };
}

/** A Helm chart source is synced at the chart's version (Argo CD's `status.sync.revision`), not at a commit. */
function pinnedRevisionOf(manifest: Manifest): { pinnedRevision?: string } {
  const source = (manifest.spec as { source?: { chart?: string; targetRevision?: string } } | undefined)?.source;
  return source?.chart === undefined || source.targetRevision === undefined ? {} : { pinnedRevision: source.targetRevision };
}
