/**
 * The `argocd` application of an environment, whatever its platform: the app-of-apps. It holds one Argo CD Application per
 * application folder, the AppProject those are confined to, an Application and AppProject per
 * third-party chart, and the root Application, which syncs this very folder (so after `deploy`
 * applies it once, it manages itself) from its own AppProject.
 */
import type { IAppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import type { IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { ApiObject } from 'cdk8s';
import type { Construct } from 'constructs';
import { namespaceNames } from '../config/environment.js';
import type { PlatformEnvironment } from '../config/schema.js';
import { PlatformChart } from '../platform/chart.js';
import { objectLabels, SYNC_WAVE_ANNOTATION } from '../platform/metadata.js';
import type { RenderedApplication } from './manifest.js';
import type { ChartApplication } from './platform.js';
import { ARGOCD_APPLICATION, ARGOCD_OWN_CLUSTER, applicationName, rootApplicationName, rootProjectName } from './argocd-names.js';
import { GENERATED_DIR } from './paths.js';

type ResourceKinds = NonNullable<NonNullable<IAppProject['spec']>['namespaceResourceWhitelist']>;
type SyncPolicy = NonNullable<NonNullable<IApplication['spec']>['syncPolicy']>;

export class AppOfAppsChart extends PlatformChart {
  /** `title`: the platform as its descriptions name it ("Thoth"). */
  constructor(scope: Construct, env: PlatformEnvironment, applications: readonly RenderedApplication[], charts: readonly ChartApplication[], title: string) {
    super(scope, { env, application: ARGOCD_APPLICATION });
    const { argocd } = env;

    const manifestsOf = (list: readonly RenderedApplication[]) => list.flatMap((application) => application.objects.map((object) => object.manifest));
    const objects = manifestsOf(applications.filter((application) => !application.ownProject));
    this.addProject('Project', argocd.project, {
      description: `${title} ${env.name}: ${env.description}`,
      sourceRepos: [argocd.repoURL],
      // The stacks' namespaces too: the applications make them, and what their charts read first.
      destinations: [...new Set([...namespaceNames(env), ...charts.map((chart) => chart.namespace)])].map((namespace) => ({
        server: argocd.destinationServer,
        namespace,
      })),
      clusterResourceWhitelist: kindsOf(objects.filter((object) => object.metadata.namespace === undefined)),
      namespaceResourceWhitelist: kindsOf(objects.filter((object) => object.metadata.namespace !== undefined)),
      // Objects in these namespaces that no Application manages show up as a warning.
      orphanedResources: { warn: true },
    });
    // An application that writes into a shared namespace (the Kafka topic operator's) may write only
    // its own kinds, only there.
    for (const application of applications.filter((each) => each.ownProject)) {
      const own = manifestsOf([application]);
      this.addProject(`Project-${application.name}`, `${argocd.project}-${application.name}`, {
        description: `${title} ${env.name}: the ${application.name} application`,
        sourceRepos: [argocd.repoURL],
        destinations: [...new Set(own.flatMap((object) => object.metadata.namespace ?? []))]
          .sort()
          .map((namespace) => ({ server: argocd.destinationServer, namespace })),
        clusterResourceWhitelist: [],
        namespaceResourceWhitelist: kindsOf(own),
      });
    }
    for (const chart of charts) this.addChartApplication(chart, title);
    this.addProject('BootstrapProject', rootProjectName(env), {
      description: `${title} ${env.name}: the root Application, which manages only the Applications and AppProjects`,
      sourceRepos: [argocd.repoURL],
      destinations: [{ server: ARGOCD_OWN_CLUSTER, namespace: argocd.namespace }],
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: [
        { group: 'argoproj.io', kind: 'AppProject' },
        { group: 'argoproj.io', kind: 'Application' },
      ],
    });

    for (const application of applications) {
      this.addApplication(`Application-${application.name}`, {
        name: applicationName(env, application.name),
        project: application.ownProject ? `${argocd.project}-${application.name}` : argocd.project,
        folder: application.name,
        namespace: application.namespace,
        wave: application.wave,
        // Deleting an Application deletes what it deployed (namespaces excepted: they refuse deletion).
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
        notify: true,
      });
    }
    this.addApplication('RootApplication', {
      name: rootApplicationName(env),
      project: rootProjectName(env),
      folder: ARGOCD_APPLICATION,
      namespace: argocd.namespace,
      server: ARGOCD_OWN_CLUSTER,
      wave: 0,
      finalizers: [],
      notify: false,
    });
  }

  /**
   * A chart's Application, in a project that allows the chart's repository, its namespaces and the
   * cluster-wide kinds it declares. Within its namespaces any kind: the chart's templates decide them.
   */
  private addChartApplication(chart: ChartApplication, title: string): void {
    const { argocd } = this.env;
    const project = `${argocd.project}-${chart.name}`;
    this.addProject(`Project-${chart.name}`, project, {
      description: `${title} ${this.env.name}: the ${chart.chart.name} chart ${chart.chart.version}`,
      sourceRepos: [chart.chart.repoURL],
      destinations: [chart.namespace, ...(chart.otherNamespaces ?? [])].map((namespace) => ({ server: argocd.destinationServer, namespace })),
      clusterResourceWhitelist: chart.clusterKinds.map(({ group, kind }) => ({ group, kind })),
      namespaceResourceWhitelist: [{ group: '*', kind: '*' }],
    });
    const annotations: Record<string, string> = {
      ...(chart.wave === 0 ? {} : { [SYNC_WAVE_ANNOTATION]: String(chart.wave) }),
      ...notificationSubscriptions(this.env),
    };
    const policy = syncPolicy(this.env);
    new ApiObject(this, `Application-${chart.name}`, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: applicationName(this.env, chart.name),
        namespace: argocd.namespace,
        labels: objectLabels('argocd', 'application'),
        ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
        finalizers: ['resources-finalizer.argocd.argoproj.io'],
      },
      spec: {
        project,
        source: {
          repoURL: chart.chart.repoURL,
          chart: chart.chart.name,
          targetRevision: chart.chart.version,
          helm: { releaseName: chart.releaseName, valuesObject: chart.values },
        },
        destination: { server: argocd.destinationServer, namespace: chart.namespace },
        syncPolicy: {
          ...policy,
          // CRDs too large for the last-applied annotation (the Prometheus Operator's) are applied server-side.
          syncOptions: [...(policy.syncOptions ?? []), 'ServerSideApply=true'],
        },
        revisionHistoryLimit: 10,
      } satisfies IApplication['spec'],
    });
  }

  private addProject(id: string, name: string, spec: NonNullable<IAppProject['spec']>): void {
    new ApiObject(this, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'AppProject',
      metadata: { name, namespace: this.env.argocd.namespace, labels: objectLabels('argocd', 'project') },
      spec,
    });
  }

  private addApplication(
    id: string,
    props: { name: string; project: string; folder: string; namespace: string; server?: string; wave: number; finalizers: string[]; notify: boolean },
  ): void {
    const { argocd } = this.env;
    const annotations: Record<string, string> = {
      ...(props.wave === 0 ? {} : { [SYNC_WAVE_ANNOTATION]: String(props.wave) }),
      ...(props.notify ? notificationSubscriptions(this.env) : {}),
    };
    const spec: IApplication['spec'] = {
      project: props.project,
      source: { repoURL: argocd.repoURL, targetRevision: argocd.targetRevision, path: `${GENERATED_DIR}/${this.env.name}/${props.folder}` },
      destination: { server: props.server ?? argocd.destinationServer, namespace: props.namespace },
      syncPolicy: syncPolicy(this.env),
      revisionHistoryLimit: 10,
    };
    new ApiObject(this, id, {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: props.name,
        namespace: argocd.namespace,
        labels: objectLabels('argocd', 'application'),
        ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
        ...(props.finalizers.length === 0 ? {} : { finalizers: props.finalizers }),
      },
      spec,
    });
  }
}

/**
 * argocd-notifications subscriptions: a message when an Application has synced and when a sync
 * failed (docs/quirks.md Q3).
 */
function notificationSubscriptions(env: PlatformEnvironment): Record<string, string> {
  const notifications = env.argocd.notifications;
  if (notifications === undefined) return {};
  return Object.fromEntries(
    ['on-sync-succeeded', 'on-sync-failed'].map((trigger) => [
      `notifications.argoproj.io/subscribe.${trigger}.${notifications.service}`,
      notifications.recipient,
    ]),
  );
}

function syncPolicy(env: PlatformEnvironment): SyncPolicy {
  const { automated, prune = false, selfHeal = false } = env.argocd.syncPolicy;
  return {
    ...(automated ? { automated: { prune, selfHeal } } : {}),
    // Two Applications writing the same object is an error, not a tug of war.
    syncOptions: ['FailOnSharedResource=true'],
    retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
  };
}

function kindsOf(objects: readonly { apiVersion: string; kind: string }[]): ResourceKinds {
  const kinds = new Map<string, { group: string; kind: string }>();
  for (const { apiVersion, kind } of objects) {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    kinds.set(`${group}/${kind}`, { group, kind });
  }
  return [...kinds.keys()].sort().map((key) => kinds.get(key)!);
}
