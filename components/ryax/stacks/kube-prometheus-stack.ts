/**
 * kube-prometheus-stack, the monitoring of a Ryax environment (the ryax-engine chart's dependency of
 * that name, ryax-inventory.md §6): release `kube-prometheus-stack` in `network.monitoringNamespace`,
 * with the Prometheus Operator and its CRDs, a Prometheus that selects exactly the environment's
 * ServiceMonitors and PrometheusRules, Alertmanager, kube-state-metrics, and Grafana under
 * `https://<host>/grafana` with Prometheus, and Tempo and Loki where the environment installs them, as
 * data sources.
 *
 * Keys were read in prometheus-community/helm-charts@kube-prometheus-stack-81.6.9 (appVersion
 * v0.88.1), cited as `values.yaml#L<n>` or `templates/<file>#L<n>` under
 * `charts/kube-prometheus-stack/`; its subcharts' keys in grafana-community/helm-charts@grafana-11.1.5
 * (`grafana/values.yaml`, appVersion 12.3.3) and prometheus-community/helm-charts@kube-state-metrics-7.1.0
 * (`kube-state-metrics/values.yaml`), the versions its Chart.yaml pins.
 *
 * Differences from the reference (RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L150-L323,
 * env/prod.yaml#L18-L139), each for a reason given at its key: the reference's 10Gi sits at
 * `prometheus.storage`, a key the chart does not read (its storage is `prometheus.prometheusSpec.storageSpec`,
 * values.yaml#L4373), so its Prometheus kept no data across restarts; node-exporter and the exporters
 * that write Services into kube-system are off; the Grafana plugins are not installed.
 */
import { namespaceOf } from '../../../src/config/environment.js';
import type { ResourceKind } from '../../../src/synth/platform.js';
import { RYAX_TAG } from '../contracts/chart.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import { installs, KUBE_PROMETHEUS_STACK_LABELS, KUBE_PROMETHEUS_STACK_RELEASE } from '../shared/stacks.js';
import type { SharedSecret } from '../shared/secrets.js';
import { type ContainerResources, type PinnedChart, RESTRICTED_CONTAINER, RESTRICTED_POD, type RestrictedContainer, type RestrictedPod } from './stack.js';
import type { TRAEFIK_ENTRY_POINTS } from './traefik.js';
import { tempoQueryUrl } from './tempo.js';
import { lokiAddress } from './loki.js';

/** As the ryax-engine chart locks it (charts/ryax/Chart.lock). */
export const KUBE_PROMETHEUS_STACK_CHART = {
  repoURL: 'https://prometheus-community.github.io/helm-charts',
  name: 'kube-prometheus-stack',
  version: '81.6.9',
} as const satisfies PinnedChart;

/**
 * Grafana's admin, from an existing Secret in the monitoring namespace (the reference's
 * `grafana-credentials`, made by its common-resources chart with user `ryax` and a generated password).
 */
export const GRAFANA_ADMIN_SECRET = { name: 'grafana-credentials', keys: ['admin-user', 'admin-password'] } as const satisfies SharedSecret;

/** The path Grafana is served under on the environment's host (the reference's prod preset, env/prod.yaml#L123-L132). */
export const GRAFANA_PATH = '/grafana';

/**
 * The certificate of the host in the monitoring namespace, which cert-manager's ingress-shim issues for
 * Grafana's Ingress (a Secret serves only Ingresses of its own namespace; the services' is `ryax-tls`).
 */
export const GRAFANA_TLS_SECRET = 'ryax-grafana-tls';

const DASHBOARD_LABEL = 'grafana_dashboard';
/** The label of the ConfigMaps whose dashboards Grafana's sidecar loads (values.yaml#L1387-L1388). */
export const GRAFANA_DASHBOARD_LABEL = { [DASHBOARD_LABEL]: '1' } as const;

/** The annotation of a dashboard ConfigMap that names its Grafana folder (a path relative to the sidecar's folder). */
export const GRAFANA_FOLDER_ANNOTATION = 'grafana_folder';

/** The Tempo data source's uid, as the reference's datasource ConfigMap gives it (common-resources/templates/datasources.yaml#L21). */
export const TEMPO_DATASOURCE_UID = 'tempo';
/** The Loki data source's uid (the worker chart's ConfigMap gives none; Grafana would make one up at every start). */
export const LOKI_DATASOURCE_UID = 'loki';

/** A label selector by labels only. */
export interface MatchLabels {
  readonly matchLabels: Readonly<Record<string, string>>;
}

/** A Grafana data source, in Grafana's provisioning format. */
export interface GrafanaDataSource {
  readonly name: string;
  readonly type: string;
  readonly uid: string;
  readonly access: 'proxy';
  readonly url: string;
  readonly editable: boolean;
}

/** The subset of kube-prometheus-stack's values this repository sets. */
export interface KubePrometheusStackValues {
  readonly crds: {
    /** values.yaml#L34: the operator's CRDs (charts/crds/crds/), applied by Argo CD with the chart. */
    readonly enabled: boolean;
    /**
     * values.yaml#L40: the Helm-hook Job that works around Helm not upgrading CRDs, with a ClusterRole
     * of its own (charts/crds/templates/upgrade/). Argo CD applies the CRDs on every sync, server-side,
     * so it is not needed.
     */
    readonly upgradeJob: { readonly enabled: boolean };
  };
  readonly defaultRules: {
    /**
     * values.yaml#L198, #L200-L201: the node-exporter rule groups are not switched by
     * `nodeExporter.enabled` (templates/prometheus/rules-1.14/node-exporter.yaml#L7, node-network.yaml#L7);
     * without node-exporter they would only evaluate on nothing.
     */
    readonly rules: { readonly nodeExporterAlerting: boolean; readonly nodeExporterRecording: boolean; readonly network: boolean };
  };
  readonly alertmanager: {
    /** values.yaml#L388: on, as the reference's prod preset (env/prod.yaml#L21-L22); its configuration is the chart's (values.yaml#L508-L546). */
    readonly enabled: boolean;
    readonly alertmanagerSpec: {
      /** values.yaml#L1167 */
      readonly priorityClassName: string;
      /** values.yaml#L1060 */
      readonly resources: ContainerResources;
      /** values.yaml#L1114-L1120; the operator sets the containers' own (prometheus-operator@v0.88.1:pkg/alertmanager/statefulset.go#L713-L716). */
      readonly securityContext: RestrictedPod;
    };
  };
  readonly grafana: GrafanaValues;
  /**
   * values.yaml#L1625: the namespace of the kubelet Service the kubelet ServiceMonitor selects
   * (templates/exporters/kubelet/servicemonitor.yaml#L28-L30), the one the operator maintains.
   */
  readonly kubelet: { readonly namespace: string };
  /**
   * values.yaml#L1869, #L1980, #L2170, #L2284, #L2394: these write a Service (and Endpoints) into
   * kube-system (templates/exporters/<component>/service.yaml#L10) for control-plane components that
   * managed clusters do not expose (the reference's prod preset routes their Down alerts to nowhere,
   * env/prod.yaml#L64-L83). Off, their ServiceMonitors and rules go too (e.g.
   * templates/prometheus/rules-1.14/kubernetes-system-scheduler.yaml#L7).
   */
  readonly kubeControllerManager: { readonly enabled: boolean };
  readonly coreDns: { readonly enabled: boolean };
  readonly kubeEtcd: { readonly enabled: boolean };
  readonly kubeScheduler: { readonly enabled: boolean };
  readonly kubeProxy: { readonly enabled: boolean };
  /**
   * values.yaml#L2527: off. node-exporter runs with hostNetwork, hostPID and the host's root mounted
   * (prometheus-community/helm-charts@prometheus-node-exporter-4.51.1:charts/prometheus-node-exporter/values.yaml#L380,
   * #L388, #L394-L395), which the restricted and baseline Pod Security levels forbid: the monitoring
   * namespace would have to be privileged. The Ryax alerts and dashboards read the kubelet's cAdvisor
   * metrics and the services' own, not node-exporter's.
   */
  readonly nodeExporter: { readonly enabled: boolean };
  readonly 'kube-state-metrics': {
    /** kube-state-metrics/values.yaml#L372 (commented), read by kube-state-metrics/templates/deployment.yaml#L51-L52. */
    readonly priorityClassName: string;
    /** kube-state-metrics/values.yaml#L479 */
    readonly resources: ContainerResources;
    /** kube-state-metrics/values.yaml#L316-L323: merged over the chart's user 65534. */
    readonly securityContext: RestrictedPod;
    /** kube-state-metrics/values.yaml#L328-L333 */
    readonly containerSecurityContext: RestrictedContainer;
  };
  readonly prometheusOperator: {
    /** values.yaml#L3132 (commented), read by templates/prometheus-operator/deployment.yaml#L41-L42. */
    readonly priorityClassName: string;
    /**
     * values.yaml#L2687: no admission webhooks. Their certificate comes from Helm-hook Jobs with a
     * ClusterRole (templates/prometheus-operator/admission-webhooks/job-patch/) that patch the webhook
     * configurations after the sync, which Argo CD then shows as drift (prometheus-community/helm-charts
     * issues 2516, 4509, 6363). The PrometheusRules this repository renders are checked by promtool in CI.
     */
    readonly admissionWebhooks: { readonly enabled: boolean };
    /**
     * values.yaml#L2654: the operator's TLS certificate is the webhooks' Secret (templates/prometheus-operator/deployment.yaml#L140-L147,
     * #L208-L212), which no Job makes without them: plain HTTP on 8080 instead.
     */
    readonly tls: { readonly enabled: boolean };
    /**
     * values.yaml#L3145-L3146: the operator keeps the kubelet Service in the monitoring namespace
     * (`--kubelet-service`, templates/prometheus-operator/deployment.yaml#L60-L61), not in kube-system.
     */
    readonly kubeletService: { readonly enabled: boolean; readonly namespace: string };
    /** values.yaml#L3217 */
    readonly resources: ContainerResources;
    /** values.yaml#L3273-L3279 */
    readonly securityContext: RestrictedPod;
    /** values.yaml#L3288-L3293 */
    readonly containerSecurityContext: RestrictedContainer;
  };
  readonly prometheus: { readonly prometheusSpec: PrometheusSpecValues };
}

export interface PrometheusSpecValues {
  /** values.yaml#L4531 */
  readonly priorityClassName: string;
  /** values.yaml#L4177: the selector below is used as given (templates/prometheus/prometheus.yaml#L195-L204). */
  readonly serviceMonitorSelectorNilUsesHelmValues: boolean;
  /** values.yaml#L4182: exactly the environment's `monitoring.serviceMonitorLabels`. */
  readonly serviceMonitorSelector: MatchLabels;
  /** values.yaml#L4152 */
  readonly ruleSelectorNilUsesHelmValues: boolean;
  /** values.yaml#L4157: exactly the environment's `monitoring.ruleLabels`. */
  readonly ruleSelector: MatchLabels;
  /**
   * values.yaml#L4093: the reference's `ryax-version` and `cluster` (charts/ryax/values.yaml#L189-L191),
   * the first spelt `ryax_version`: a name valid in every Prometheus label-name scheme, and in PromQL without quotes.
   */
  readonly externalLabels: Readonly<Record<string, string>>;
  /** values.yaml#L4272: the oldest blocks go before the 10Gi volume fills (the time limit, values.yaml#L4268, stays 10d). */
  readonly retentionSize: string;
  /** values.yaml#L4373: a PersistentVolumeClaim per replica. */
  readonly storageSpec: {
    readonly volumeClaimTemplate: {
      readonly spec: {
        readonly accessModes: readonly string[];
        readonly resources: { readonly requests: { readonly storage: string } };
      };
    };
  };
  /** values.yaml#L4408: the reference's `kubernetes-gpu-pod` job (charts/ryax/values.yaml#L167-L185). */
  readonly additionalScrapeConfigs: readonly Readonly<Record<string, unknown>>[];
  /** values.yaml#L4366 */
  readonly resources: ContainerResources;
  /** values.yaml#L4513-L4519; the operator sets the containers' own (prometheus-operator@v0.88.1:pkg/prometheus/server/statefulset.go#L305-L308). */
  readonly securityContext: RestrictedPod;
}

/**
 * Grafana's containers: restricted, as the chart's defaults are (grafana/values.yaml#L155-L162), their
 * root file system left writable: not every path Grafana 12 and the sidecars write to was checked.
 */
const GRAFANA_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
} as const;
export type GrafanaContainerSecurity = typeof GRAFANA_CONTAINER_SECURITY;

export interface GrafanaValues {
  /** values.yaml#L1226 */
  readonly enabled: boolean;
  /** values.yaml#L1319-L1323 */
  readonly admin: { readonly existingSecret: string; readonly userKey: string; readonly passwordKey: string };
  /**
   * grafana/values.yaml#L878: Grafana's own configuration (grafana/grafana conf/defaults.ini): the
   * public URL under the host's `/grafana`, served from that sub-path; no sign-up, no organisations
   * made by users, no anonymous access (the reference's, charts/ryax/values.yaml#L292-L297); no calls to
   * grafana.com for updates or usage reports.
   */
  readonly 'grafana.ini': {
    readonly server: { readonly domain: string; readonly root_url: string; readonly serve_from_sub_path: boolean };
    readonly users: { readonly allow_sign_up: boolean; readonly allow_org_create: boolean };
    readonly 'auth.anonymous': { readonly enabled: boolean };
    readonly analytics: { readonly check_for_updates: boolean; readonly reporting_enabled: boolean };
  };
  readonly ingress: {
    /** values.yaml#L1333 */
    readonly enabled: boolean;
    /** values.yaml#L1338 (commented), read by grafana/templates/ingress.yaml#L24-L26. */
    readonly ingressClassName: string;
    /** values.yaml#L1342: passed through tpl (grafana/templates/ingress.yaml#L17-L22). */
    readonly annotations: Readonly<Record<string, string>>;
    /** values.yaml#L1355 */
    readonly hosts: readonly string[];
    /** values.yaml#L1358 */
    readonly path: string;
    /** grafana/values.yaml#L294 */
    readonly pathType: 'Prefix';
    /** values.yaml#L1363 */
    readonly tls: readonly { readonly hosts: readonly string[]; readonly secretName: string }[];
  };
  /** grafana/values.yaml#L418-L426: the reference's 1Gi (charts/ryax/values.yaml#L302-L304). */
  readonly persistence: { readonly enabled: boolean; readonly size: string };
  /** grafana/values.yaml#L77-L78: the volume is ReadWriteOnce, so the old pod goes before the new one starts. */
  readonly deploymentStrategy: { readonly type: 'Recreate' };
  /**
   * grafana/values.yaml#L458: off. The Job runs as root with CHOWN (grafana/values.yaml#L480-L490); the
   * pod's fsGroup 472 (grafana/values.yaml#L149-L153) already makes the volume Grafana's.
   */
  readonly initChownData: { readonly enabled: boolean };
  /** grafana/values.yaml#L117: no Helm test pod (it sets no security context, grafana/values.yaml#L128-L129). */
  readonly testFramework: { readonly enabled: boolean };
  /** grafana/values.yaml#L187 (commented), read by grafana/templates/_pod.tpl#L28-L29. */
  readonly priorityClassName: string;
  /** grafana/values.yaml#L356 */
  readonly resources: ContainerResources;
  /** grafana/values.yaml#L149-L153: merged over the chart's user 472. */
  readonly securityContext: RestrictedPod;
  /** grafana/values.yaml#L155-L162 */
  readonly containerSecurityContext: GrafanaContainerSecurity;
  readonly sidecar: {
    /** grafana/values.yaml#L967 */
    readonly resources: ContainerResources;
    readonly dashboards: {
      /** values.yaml#L1386 */
      readonly enabled: boolean;
      /** values.yaml#L1387 */
      readonly label: string;
      /** values.yaml#L1388 */
      readonly labelValue: string;
      /**
       * values.yaml#L1390: the monitoring namespace (the chart's own dashboards) and the Ryax services'
       * (the lead's); joined with commas (grafana/templates/_pod.tpl#L777-L780), which the sidecar splits
       * (kiwigrid/k8s-sidecar@2.5.0:src/sidecar.py#L125-L145).
       */
      readonly searchNamespace: readonly string[];
      /** grafana/values.yaml#L1119: the annotation naming a dashboard's folder (kiwigrid/k8s-sidecar@2.5.0:src/resources.py#L95-L105). */
      readonly folderAnnotation: string;
      /** grafana/values.yaml#L1191: Grafana makes a folder of each sub-directory. */
      readonly provider: { readonly foldersFromFilesStructure: boolean };
    };
    readonly datasources: {
      /** values.yaml#L1406: the chart's data source ConfigMap (templates/grafana/configmaps-datasources.yaml). */
      readonly enabled: boolean;
      /** values.yaml#L1407: Prometheus, */
      readonly defaultDatasourceEnabled: boolean;
      /** values.yaml#L1408: the default data source. */
      readonly isDefaultDatasource: boolean;
      /** values.yaml#L1455: the Alertmanager data source, while Alertmanager runs. */
      readonly alertmanager: { readonly enabled: boolean };
    };
  };
  /** values.yaml#L1473: added to the chart's data source ConfigMap (templates/grafana/configmaps-datasources.yaml#L92-L94). */
  readonly additionalDataSources: readonly GrafanaDataSource[];
}

/**
 * The environment's labels of `key`, which the Prometheus selects by exactly: they must be labels the
 * chart's own ServiceMonitors and PrometheusRules carry too, or the Prometheus would stop watching the
 * cluster (kubelet, kube-state-metrics, the operator, Grafana, itself) and drop the chart's rules.
 */
function selectedLabels(env: RyaxEnvironment, key: 'serviceMonitorLabels' | 'ruleLabels'): Readonly<Record<string, string>> {
  const labels = env.monitoring[key];
  const foreign = Object.entries(labels).filter(([name, value]) => KUBE_PROMETHEUS_STACK_LABELS[name] !== value);
  if (foreign.length > 0) {
    throw new Error(
      `environment ${env.name}: monitoring.${key} is ${JSON.stringify(labels)}, but the Prometheus of ${KUBE_PROMETHEUS_STACK_RELEASE} selects by exactly these labels and the chart's own ServiceMonitors and PrometheusRules carry only ${JSON.stringify(KUBE_PROMETHEUS_STACK_LABELS)}: set monitoring.${key} to ${JSON.stringify(KUBE_PROMETHEUS_STACK_LABELS)}`,
    );
  }
  return { ...labels };
}

const MONITORING_RESOURCES = {
  prometheus: { requests: { cpu: '200m', memory: '1Gi' }, limits: { cpu: '1', memory: '2Gi' } },
  alertmanager: { requests: { cpu: '20m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
  operator: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  kubeStateMetrics: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
  grafana: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
  grafanaSidecar: { requests: { cpu: '10m', memory: '64Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
} as const satisfies Readonly<Record<string, ContainerResources>>;

/** The reference's scrape job for NVIDIA's DCGM exporter pods in kube-system (charts/ryax/values.yaml#L168-L185). */
const GPU_SCRAPE_JOB = {
  job_name: 'kubernetes-gpu-pod',
  scrape_interval: '5s',
  kubernetes_sd_configs: [{ role: 'pod' }],
  relabel_configs: [
    { source_labels: ['__meta_kubernetes_pod_label_app'], action: 'keep', regex: 'nvidia-dcgm-exporter' },
    { source_labels: ['__meta_kubernetes_namespace'], action: 'keep', regex: 'kube-system' },
    { source_labels: ['__meta_kubernetes_pod_container_port_number'], action: 'keep', regex: '9400' },
    {
      source_labels: ['__meta_kubernetes_pod_ip', '__meta_kubernetes_pod_container_port_number'],
      action: 'replace',
      target_label: '__address__',
      separator: ':',
    },
  ],
};

/** The entry point an HTTPS route names, as the services' routes do (components/ryax/shared/routes.ts). */
const HTTPS_ENTRY_POINT = 'websecure' satisfies keyof typeof TRAEFIK_ENTRY_POINTS;

function grafanaValues(env: RyaxEnvironment, alertmanager: boolean): GrafanaValues {
  const monitoring = priorityClassName(env, 'monitoring');
  const issuer = env.network.tlsClusterIssuer;
  const tls = issuer !== undefined;
  // With TLS the router serves HTTPS only, on `websecure`; cert-manager's ingress-shim keeps the
  // host's certificate in this namespace too, under a name of its own.
  const annotations: Record<string, string> = tls
    ? { 'cert-manager.io/cluster-issuer': issuer, 'traefik.ingress.kubernetes.io/router.entrypoints': HTTPS_ENTRY_POINT }
    : {};
  return {
    enabled: true,
    admin: { existingSecret: GRAFANA_ADMIN_SECRET.name, userKey: 'admin-user', passwordKey: 'admin-password' },
    'grafana.ini': {
      server: { domain: env.host, root_url: `${tls ? 'https' : 'http'}://${env.host}${GRAFANA_PATH}`, serve_from_sub_path: true },
      users: { allow_sign_up: false, allow_org_create: false },
      'auth.anonymous': { enabled: false },
      analytics: { check_for_updates: false, reporting_enabled: false },
    },
    ingress: {
      enabled: true,
      ingressClassName: env.network.ingressClassName,
      annotations,
      hosts: [env.host],
      path: GRAFANA_PATH,
      pathType: 'Prefix',
      tls: tls ? [{ hosts: [env.host], secretName: GRAFANA_TLS_SECRET }] : [],
    },
    persistence: { enabled: true, size: '1Gi' },
    deploymentStrategy: { type: 'Recreate' },
    initChownData: { enabled: false },
    testFramework: { enabled: false },
    priorityClassName: monitoring,
    resources: MONITORING_RESOURCES.grafana,
    securityContext: RESTRICTED_POD,
    containerSecurityContext: GRAFANA_CONTAINER_SECURITY,
    sidecar: {
      resources: MONITORING_RESOURCES.grafanaSidecar,
      dashboards: {
        enabled: true,
        label: DASHBOARD_LABEL,
        labelValue: GRAFANA_DASHBOARD_LABEL[DASHBOARD_LABEL],
        searchNamespace: [...new Set([env.network.monitoringNamespace, namespaceOf(env, 'services')])],
        folderAnnotation: GRAFANA_FOLDER_ANNOTATION,
        provider: { foldersFromFilesStructure: true },
      },
      datasources: { enabled: true, defaultDatasourceEnabled: true, isDefaultDatasource: true, alertmanager: { enabled: alertmanager } },
    },
    additionalDataSources: [
      ...(installs(env, 'tempo')
        ? [{ name: 'Tempo', type: 'tempo', uid: TEMPO_DATASOURCE_UID, access: 'proxy', url: tempoQueryUrl(env), editable: false } as const]
        : []),
      // As the worker chart's loki-datasource ConfigMap gives it (charts/worker/templates/config_map.yaml#L12-L27).
      ...(installs(env, 'logs')
        ? [{ name: 'Loki', type: 'loki', uid: LOKI_DATASOURCE_UID, access: 'proxy', url: `http://${lokiAddress(env)}/`, editable: false } as const]
        : []),
    ],
  };
}

/** kube-prometheus-stack's values for the environment. */
export function kubePrometheusStackValues(env: RyaxEnvironment): KubePrometheusStackValues {
  const monitoring = priorityClassName(env, 'monitoring');
  const namespace = env.network.monitoringNamespace;
  // Wherever the stack runs: the reference enables it in its prod preset (env/prod.yaml#L21-L22), and
  // its minimal preset, without Alertmanager, has no monitoring at all.
  const alertmanager = true;
  return {
    crds: { enabled: true, upgradeJob: { enabled: false } },
    defaultRules: { rules: { nodeExporterAlerting: false, nodeExporterRecording: false, network: false } },
    alertmanager: {
      enabled: alertmanager,
      alertmanagerSpec: { priorityClassName: monitoring, resources: MONITORING_RESOURCES.alertmanager, securityContext: RESTRICTED_POD },
    },
    grafana: grafanaValues(env, alertmanager),
    kubelet: { namespace },
    kubeControllerManager: { enabled: false },
    coreDns: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeProxy: { enabled: false },
    nodeExporter: { enabled: false },
    'kube-state-metrics': {
      priorityClassName: monitoring,
      resources: MONITORING_RESOURCES.kubeStateMetrics,
      securityContext: RESTRICTED_POD,
      containerSecurityContext: RESTRICTED_CONTAINER,
    },
    prometheusOperator: {
      priorityClassName: monitoring,
      admissionWebhooks: { enabled: false },
      tls: { enabled: false },
      kubeletService: { enabled: true, namespace },
      resources: MONITORING_RESOURCES.operator,
      securityContext: RESTRICTED_POD,
      containerSecurityContext: RESTRICTED_CONTAINER,
    },
    prometheus: {
      prometheusSpec: {
        priorityClassName: monitoring,
        serviceMonitorSelectorNilUsesHelmValues: false,
        serviceMonitorSelector: { matchLabels: selectedLabels(env, 'serviceMonitorLabels') },
        ruleSelectorNilUsesHelmValues: false,
        ruleSelector: { matchLabels: selectedLabels(env, 'ruleLabels') },
        externalLabels: { ryax_version: RYAX_TAG, cluster: env.host },
        retentionSize: '8GiB',
        storageSpec: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } } } },
        additionalScrapeConfigs: [GPU_SCRAPE_JOB],
        resources: MONITORING_RESOURCES.prometheus,
        securityContext: RESTRICTED_POD,
      },
    },
  };
}

/**
 * The cluster-scoped kinds the chart creates with these values: the operator's CRDs, and the
 * ClusterRoles and bindings of the operator, Prometheus, kube-state-metrics and Grafana's sidecars
 * (templates/prometheus-operator/clusterrole.yaml, templates/prometheus/clusterrole.yaml,
 * kube-state-metrics/templates/role.yaml, grafana/templates/clusterrole.yaml with `rbac.namespaced`
 * false, grafana/values.yaml#L26). No webhook configurations: the admission webhooks are off.
 */
export const KUBE_PROMETHEUS_STACK_CLUSTER_KINDS: readonly ResourceKind[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
];

/**
 * Namespaces it writes to besides its release's: none with these values (the kube-system exporters
 * are off, the kubelet Service is kept in the release's namespace).
 */
export const KUBE_PROMETHEUS_STACK_OTHER_NAMESPACES: readonly string[] = [];

/** The API group of the CRDs it installs (charts/crds/crds/: Prometheus, Alertmanager, ServiceMonitor, PrometheusRule...). */
export const KUBE_PROMETHEUS_STACK_API_GROUPS: readonly string[] = ['monitoring.coreos.com'];

export { KUBE_PROMETHEUS_STACK_RELEASE };
