/**
 * The third-party stacks a Ryax environment installs (`stacks`), each an Argo CD Application of its
 * upstream chart at the version the ryax-engine chart locks, with values made from the environment
 * (components/ryax/stacks/). Written as constructs they would copy thousands of lines of templates
 * that their maintainers keep; as chart Applications only the values are this repository's, each key
 * checked against the chart's values.yaml at its tag.
 *
 * Their waves: after the namespaces (-3), where the PriorityClasses and the stacks' namespaces and
 * Grafana's admin Secret are; the monitoring stack and Tempo first (-2), whose CRDs Traefik's
 * ServiceMonitor needs; Traefik (-1), whose CRDs the backbone's and the services' Middlewares need,
 * and the logs stack (-1).
 */
import {
  KUBE_PROMETHEUS_STACK_API_GROUPS,
  KUBE_PROMETHEUS_STACK_CHART,
  KUBE_PROMETHEUS_STACK_CLUSTER_KINDS,
  KUBE_PROMETHEUS_STACK_OTHER_NAMESPACES,
  KUBE_PROMETHEUS_STACK_RELEASE,
  kubePrometheusStackValues,
} from '../../components/ryax/stacks/kube-prometheus-stack.js';
import { TEMPO_API_GROUPS, TEMPO_CHART, TEMPO_CLUSTER_KINDS, TEMPO_OTHER_NAMESPACES, TEMPO_RELEASE, tempoValues } from '../../components/ryax/stacks/tempo.js';
import {
  TRAEFIK_API_GROUPS,
  TRAEFIK_CHART,
  TRAEFIK_CLUSTER_KINDS,
  TRAEFIK_OTHER_NAMESPACES,
  TRAEFIK_RELEASE,
  type TraefikEnvironment,
  traefikValues,
} from '../../components/ryax/stacks/traefik.js';
import {
  ALLOY_API_GROUPS,
  ALLOY_CHART,
  ALLOY_CLUSTER_KINDS,
  ALLOY_RELEASE,
  alloyOtherNamespaces,
  alloyValues,
  logCollectorNamespace,
} from '../../components/ryax/stacks/alloy.js';
import { type LogsEnvironment, logsNamespace } from '../../components/ryax/stacks/logs.js';
import { LOKI_API_GROUPS, LOKI_CHART, LOKI_CLUSTER_KINDS, LOKI_OTHER_NAMESPACES, LOKI_RELEASE, lokiValues } from '../../components/ryax/stacks/loki.js';
import type { RyaxEnvironment } from '../../components/ryax/shared/environment.js';
import { installs, type RyaxStack } from '../../components/ryax/shared/stacks.js';
import type { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { objectLabels, SYNC_OPTIONS_ANNOTATION } from '../../src/platform/metadata.js';
import type { PlatformEnvironment } from '../../src/config/schema.js';
import type { ChartApplication } from '../../src/synth/platform.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';

/** Each stack's Applications, as the environment would install them. */
const STACK_APPLICATIONS: Readonly<Record<RyaxStack, (env: RyaxEnvironment) => ChartApplication[]>> = {
  'kube-prometheus-stack': (env) => [
    {
      name: 'kube-prometheus-stack',
      wave: -2,
      namespace: env.network.monitoringNamespace,
      chart: KUBE_PROMETHEUS_STACK_CHART,
      releaseName: KUBE_PROMETHEUS_STACK_RELEASE,
      values: { ...kubePrometheusStackValues(env) },
      clusterKinds: KUBE_PROMETHEUS_STACK_CLUSTER_KINDS,
      otherNamespaces: KUBE_PROMETHEUS_STACK_OTHER_NAMESPACES,
      installsApiGroups: KUBE_PROMETHEUS_STACK_API_GROUPS,
    },
  ],
  tempo: (env) => [
    {
      name: 'tempo',
      wave: -2,
      namespace: env.network.monitoringNamespace,
      chart: TEMPO_CHART,
      releaseName: TEMPO_RELEASE,
      values: { ...tempoValues(env) },
      clusterKinds: TEMPO_CLUSTER_KINDS,
      otherNamespaces: TEMPO_OTHER_NAMESPACES,
      installsApiGroups: TEMPO_API_GROUPS,
    },
  ],
  traefik: (env) => [traefikApplication(env)],
  logs: (env) => logsApplications(env),
};

/** Traefik's Application, an engine's or a site's (whose actions' routes it serves). */
export function traefikApplication(env: TraefikEnvironment): ChartApplication {
  return {
    name: 'traefik',
    wave: -1,
    namespace: env.network.ingressNamespace,
    chart: TRAEFIK_CHART,
    releaseName: TRAEFIK_RELEASE,
    values: { ...traefikValues(env) },
    clusterKinds: TRAEFIK_CLUSTER_KINDS,
    otherNamespaces: TRAEFIK_OTHER_NAMESPACES,
    installsApiGroups: TRAEFIK_API_GROUPS,
  };
}

/**
 * Loki and Alloy, an engine's or a site's (whose worker reads the actions' logs there), after the
 * monitoring stack whose CRDs Alloy's ServiceMonitor needs (-1).
 */
export function logsApplications(env: LogsEnvironment): ChartApplication[] {
  return [
    {
      name: 'loki',
      wave: -1,
      namespace: logsNamespace(env),
      chart: LOKI_CHART,
      releaseName: LOKI_RELEASE,
      values: { ...lokiValues(env) },
      clusterKinds: LOKI_CLUSTER_KINDS,
      otherNamespaces: LOKI_OTHER_NAMESPACES,
      installsApiGroups: LOKI_API_GROUPS,
    },
    {
      name: 'alloy',
      wave: -1,
      namespace: logCollectorNamespace(env),
      chart: ALLOY_CHART,
      releaseName: ALLOY_RELEASE,
      values: { ...alloyValues(env) },
      clusterKinds: ALLOY_CLUSTER_KINDS,
      otherNamespaces: alloyOtherNamespaces(env),
      installsApiGroups: ALLOY_API_GROUPS,
    },
  ];
}

/** The stacks the environment installs, in the order of STACK_APPLICATIONS. */
export function ryaxChartApplications(env: RyaxEnvironment): ChartApplication[] {
  return (Object.keys(STACK_APPLICATIONS) as RyaxStack[]).filter((stack) => installs(env, stack)).flatMap((stack) => STACK_APPLICATIONS[stack](env));
}

/** The namespaces `charts` install into, which the namespaces application creates. */
export function stackNamespaces(charts: readonly ChartApplication[]): string[] {
  return [...new Set(charts.map((application) => application.namespace))];
}

/**
 * A stack's namespace, made before its chart syncs so that what the chart reads from it (Grafana's
 * admin Secret) is there first. Its pods are the chart's, not rendered here, so validate cannot hold
 * them to restricted Pod Security: baseline is enforced and restricted reported (the values ask for
 * restricted settings wherever the charts take them), and the chart's own traffic is not confined
 * by a NetworkPolicy of this repository's.
 */
export class StackNamespace extends Construct {
  readonly namespace: ApiObject;

  /** `charts`: the Applications that install into it. */
  constructor(scope: Construct, id: string, env: PlatformEnvironment, name: string, charts: readonly ChartApplication[]) {
    super(scope, id);
    const version = `v${env.kubernetesVersion}`;
    this.namespace = new k8s.KubeNamespace(this, 'Namespace', {
      metadata: {
        name,
        labels: {
          ...objectLabels('namespaces', 'namespace'),
          'pod-security.kubernetes.io/enforce': 'baseline',
          'pod-security.kubernetes.io/enforce-version': version,
          'pod-security.kubernetes.io/warn': 'restricted',
          'pod-security.kubernetes.io/warn-version': version,
          'pod-security.kubernetes.io/audit': 'restricted',
          'pod-security.kubernetes.io/audit-version': version,
        },
        annotations: {
          'thoth-station.ninja/description': `the third-party stacks ${charts
            .filter((application) => application.namespace === name)
            .map((application) => application.chart.name)
            .join(', ')}`,
          [SYNC_OPTIONS_ANNOTATION]: 'Prune=false,Delete=false',
          ...waiverAnnotation('policy/network-policy', "the charts' pods and their traffic are the charts' own; none is rendered here to confine"),
        },
      },
    });
  }
}
