/**
 * Grafana Alloy, the collector of a Ryax site's logs (a site's, or an engine's whose own cluster is a
 * site too, components/ryax/shared/site.ts): it replaces the ryax-worker chart's promtail
 * dependency (RyaxTech/ryax-engine@9dc81bf:charts/worker/values.yaml#L271-L289, Chart.lock: 6.16.6),
 * which reached its end of life on 2 March 2026 (grafana/loki@v3.6.15:docs/sources/send-data/promtail/_index.md#L12:
 * "All future feature development will occur in Grafana Alloy"). Release `ryax-alloy`, one replica in
 * Loki's namespace, tailing through the Kubernetes API the containers of two namespaces only, Ryax's
 * (the worker's, or the engine's services' and worker's) and the actions', labelled as promtail labelled
 * them, pushed to Loki; and counting the Ryax containers' error lines as the metric the
 * RyaxErrorsInLogs alert reads.
 *
 * Chart keys were read in grafana/alloy@helm-chart/1.11.1 (appVersion v1.18.1), cited as
 * `values.yaml#L<n>` or `templates/<file>#L<n>` under `operations/helm/charts/alloy/`; the
 * configuration's components at grafana/alloy@v1.18.1.
 *
 * Differences from the reference, each for a reason: promtail ran as root on every node with the
 * node's /var/log mounted and read every pod of the cluster; here `loki.source.kubernetes` reads the
 * logs through the API server ("works without a privileged container ... without a root user ...
 * without needing access to the filesystem of the Kubernetes node ... doesn't require a DaemonSet",
 * docs/sources/reference/components/loki/loki.source.kubernetes.md#L21-L26 at v1.18.1), so the pod runs
 * restricted, with Roles in the two namespaces only, and no namespace needs the privileged Pod Security
 * level. The cost is the kubelets' and API server's: each line passes through them (ibid. #L28-L30),
 * which for Ryax's containers and its actions is small. No `stream` label (the API merges stdout and stderr;
 * promtail's `cri` stage kept it). The error counter exists, which the reference's alert read but
 * nothing made.
 */
import { namespaceOf } from '../../../src/config/environment.js';
import type { ResourceKind } from '../../../src/synth/platform.js';
import { priorityClassName } from '../shared/priority.js';
import { grafanaLogLevel, lokiPushUrl } from './loki.js';
import { type LogsEnvironment, logsNamespace, ryaxNamespace } from './logs.js';
import { type ContainerResources, type PinnedChart, RESTRICTED_CONTAINER, RESTRICTED_POD, type RestrictedContainer, type RestrictedPod } from './stack.js';

/** The chart's latest release (2026-08-06), of Alloy v1.18.1 (Chart.yaml; CHANGELOG.md "1.11.1"). */
export const ALLOY_CHART = { repoURL: 'https://grafana.github.io/helm-charts', name: 'alloy', version: '1.11.1' } as const satisfies PinnedChart;

/** The release. Its objects take its name, which contains the chart's (templates/_helpers.tpl#L13-L24). */
export const ALLOY_RELEASE = 'ryax-alloy';

/**
 * Where Alloy runs: Loki's namespace. Its pod is restricted (no hostPath, non-root), so it needs no
 * namespace of its own at the privileged Pod Security level; beside Loki it pushes within its namespace.
 */
export function logCollectorNamespace(env: LogsEnvironment): string {
  return logsNamespace(env);
}

/** The port of Alloy's HTTP server, which serves /metrics: the Service's `http-metrics` (values.yaml#L72, templates/service.yaml#L29-L34). */
export const ALLOY_HTTP_PORT = 12345;

/**
 * The prefix `stage.metrics` gives a metric that names none (grafana/alloy@v1.18.1:internal/component/loki/process/stages/metric.go#L19,
 * #L47-L54): the name is prefix + name, nothing appended.
 */
const METRICS_PREFIX = 'loki_process_custom_';
/**
 * The counter's name ends in `_total` so that the name Prometheus stores is the same whichever
 * exposition it negotiates: the OpenMetrics encoder of prometheus/common (expfmt/openmetrics_create.go)
 * appends `_total` to a counter that lacks it, the classic text and protobuf formats do not.
 */
const ERRORS_COUNTER = 'ryax_internal_error_in_logs_total';
/** The metric Prometheus scrapes from Alloy, which RyaxErrorsInLogs reads. */
export const RYAX_ERRORS_METRIC = `${METRICS_PREFIX}${ERRORS_COUNTER}`;

/** The key the error's level is extracted under. */
const ERROR_SOURCE = 'ryax_internal_error';

/**
 * What counts as an internal error (an assumption: the services' source is not public): a line of a
 * `ryax-*` container of the worker's namespace (the Ryax containers, as the engine's alerts select
 * them, charts/ryax/values.yaml#L211 of the reference) whose logfmt `level` is ERROR, CRITICAL or
 * FATAL, case aside. Ryax's Python services log with RyaxTech/logfmt-logger, whose lines read
 * `time=... level=ERROR location=... msg="..."` with the level in upper case
 * (logfmt_logger/__init__.py#L26-L36, README.md "Usage"). The actions' lines (the users' code) and the
 * other containers of the namespace (the database, its exporter, Skupper) do not count.
 */
const ERROR_LEVEL_EXPRESSION = `(?i)^(?P<${ERROR_SOURCE}>error|critical|fatal)$`;

/**
 * Lines older than this when read are not counted: a new Alloy pod has no read positions (they live
 * in its emptyDir) and reads each container's current log from its start again; counting those lines
 * would make old errors look new.
 */
const REPLAY_AGE = '1m';

/** An Alloy string literal: Alloy takes the same escapes as JSON for quotes and backslashes. */
const alloyString = (value: string): string => JSON.stringify(value);
const alloyList = (values: readonly string[]): string => `[${values.map(alloyString).join(', ')}]`;

/** A relabeling rule (grafana/alloy@v1.18.1:internal/component/common/relabel/relabel.go#L134-L140). */
interface Rule {
  readonly source_labels?: readonly string[];
  readonly separator?: string;
  readonly regex?: string;
  readonly target_label?: string;
  readonly replacement?: string;
  readonly action?: 'replace' | 'labelmap' | 'labeldrop';
}

/**
 * The labels promtail gave each stream in the reference: its chart's `kubernetes-pods` job
 * (grafana/helm-charts@promtail-6.16.6:charts/promtail/values.yaml#L502-L540: app, instance,
 * component) with its common rules (#L440-L463: node_name, namespace, job = namespace/app, pod,
 * container), then the ryax-worker chart's labelmap of the pods' own labels and labeldrop of the
 * app.kubernetes.io ones (charts/worker/values.yaml#L284-L288). The worker's queries of the actions'
 * logs select by these (its source is not public).
 */
const PROMTAIL_RULES: readonly Rule[] = [
  { source_labels: ['__meta_kubernetes_pod_controller_name'], regex: '([0-9a-z-.]+?)(-[0-9a-f]{8,10})?', target_label: '__tmp_controller_name' },
  {
    source_labels: [
      '__meta_kubernetes_pod_label_app_kubernetes_io_name',
      '__meta_kubernetes_pod_label_app',
      '__tmp_controller_name',
      '__meta_kubernetes_pod_name',
    ],
    regex: '^;*([^;]+)(;.*)?$',
    target_label: 'app',
  },
  {
    source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_instance', '__meta_kubernetes_pod_label_instance'],
    regex: '^;*([^;]+)(;.*)?$',
    target_label: 'instance',
  },
  {
    source_labels: ['__meta_kubernetes_pod_label_app_kubernetes_io_component', '__meta_kubernetes_pod_label_component'],
    regex: '^;*([^;]+)(;.*)?$',
    target_label: 'component',
  },
  { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node_name' },
  { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
  { source_labels: ['namespace', 'app'], separator: '/', replacement: '$1', target_label: 'job' },
  { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
  { source_labels: ['__meta_kubernetes_pod_container_name'], target_label: 'container' },
  { action: 'labelmap', regex: '__meta_kubernetes_pod_label_(.+)' },
  { action: 'labeldrop', regex: 'app_kubernetes_io_(.+)' },
];

function ruleBlock(rule: Rule): string {
  const attributes = Object.entries(rule).map(([name, value]) => `    ${name} = ${Array.isArray(value) ? alloyList(value) : alloyString(value as string)}`);
  return ['  rule {', ...attributes, '  }'].join('\n');
}

/** Ryax's namespace and the actions', Ryax's first (one if both tiers share it). */
export function collectedNamespaces(env: LogsEnvironment): string[] {
  return [...new Set([ryaxNamespace(env), namespaceOf<string>(env, 'executions')])];
}

/**
 * Alloy's configuration, in Alloy's syntax: discover the pods of the two namespaces
 * (`discovery.kubernetes`, role pod, `namespaces.names`: it lists and watches there only), label them
 * (`discovery.relabel`), tail their containers through the API (`loki.source.kubernetes`, which needs
 * the four `__meta_kubernetes_*` labels discovery gives, loki.source.kubernetes.md#L54-L61), and fan
 * each line out to Loki (`loki.write`) and to the error counter (`loki.process`, which forwards
 * nothing, `forward_to = []` as docs/sources/set-up/migrate/from-promtail.md#L201 writes it: the
 * counting drops replayed lines without dropping them from Loki).
 *
 * The chart passes it through Helm's `tpl` (templates/configmap.yaml#L13), so it must hold no `{{`.
 */
export function alloyConfig(env: LogsEnvironment): string {
  const errorLines = `{namespace=${JSON.stringify(ryaxNamespace(env))}, container=~"ryax-.*"}`;
  return `logging {
  level  = ${alloyString(grafanaLogLevel(env))}
  format = ${alloyString(env.logging.json ? 'json' : 'logfmt')}
}

discovery.kubernetes "pods" {
  role = "pod"
  namespaces {
    names = ${alloyList(collectedNamespaces(env))}
  }
}

discovery.relabel "pods" {
  targets = discovery.kubernetes.pods.targets
${PROMTAIL_RULES.map(ruleBlock).join('\n')}
}

loki.source.kubernetes "pods" {
  targets    = discovery.relabel.pods.output
  forward_to = [loki.write.loki.receiver, loki.process.ryax_errors.receiver]
}

loki.process "ryax_errors" {
  forward_to = []

  stage.match {
    selector      = ${alloyString(errorLines)}
    pipeline_name = "ryax_internal_errors"

    stage.drop {
      older_than          = ${alloyString(REPLAY_AGE)}
      drop_counter_reason = "ryax_errors_replay"
    }

    stage.logfmt {
      mapping = { "ryax_log_level" = "level" }
    }

    stage.regex {
      source     = "ryax_log_level"
      expression = ${alloyString(ERROR_LEVEL_EXPRESSION)}
    }

    stage.metrics {
      metric.counter {
        name        = ${alloyString(ERRORS_COUNTER)}
        description = "Error, critical and fatal lines of the Ryax containers of Ryax's namespace"
        source      = ${alloyString(ERROR_SOURCE)}
        action      = "inc"
      }
    }
  }
}

loki.write "loki" {
  endpoint {
    url = ${alloyString(lokiPushUrl(env))}
  }
}
`;
}

/** A Role rule. */
export interface PolicyRule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

/**
 * What `discovery.kubernetes` (pods: list, watch) and `loki.source.kubernetes` (pods/log: get; pods:
 * get, to learn whether a container has terminated) use; the chart's default rules also read Secrets,
 * ConfigMaps, events and Prometheus Operator objects (values.yaml#L175-L211).
 */
export const ALLOY_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: [''], resources: ['pods/log'], verbs: ['get'] },
];

/** The image's own non-root user (grafana/alloy@v1.18.1:Dockerfile#L44-L46, #L74-L78); the image's default is root. */
const ALLOY_USER = 473;

/** A volume mount of the Alloy container. */
export interface VolumeMount {
  readonly name: string;
  readonly mountPath: string;
}

/** A pod volume. */
export interface EmptyDirVolume {
  readonly name: string;
  readonly emptyDir: Readonly<Record<string, never>>;
}

/** The subset of the alloy chart's values this repository sets. */
export interface AlloyValues {
  /** values.yaml#L25, templates/controllers/_pod.yaml#L18-L21: the image's alloy user rather than root. */
  readonly global: {
    readonly podSecurityContext: RestrictedPod & { readonly runAsUser: number; readonly runAsGroup: number; readonly fsGroup: number };
  };
  /** values.yaml#L29: no PodLogs CRD (monitoring.grafana.com): `loki.source.podlogs` is not used. */
  readonly crds: { readonly create: boolean };
  readonly alloy: {
    /** values.yaml#L39: the configuration (alloyConfig), in the ConfigMap the pod mounts at /etc/alloy (templates/configmap.yaml#L12-L13). */
    readonly configMap: { readonly content: string };
    /**
     * values.yaml#L62: `--storage.path` (templates/containers/_agent.yaml#L13), where
     * `loki.source.kubernetes` keeps its read positions (internal/component/loki/source/kubernetes/kubernetes.go#L82-L89),
     * under the emptyDir below.
     */
    readonly storagePath: string;
    /** values.yaml#L88: `--disable-reporting` (templates/containers/_agent.yaml#L16-L18): no usage reports to Grafana Labs. */
    readonly enableReporting: boolean;
    /** values.yaml#L131: the writable /tmp of a read-only root file system. */
    readonly mounts: { readonly extra: readonly VolumeMount[] };
    /** values.yaml#L134 */
    readonly securityContext: RestrictedContainer;
    /** values.yaml#L137 */
    readonly resources: ContainerResources;
  };
  readonly rbac: {
    /** values.yaml#L172: Roles and RoleBindings in these namespaces, no ClusterRole (templates/rbac.yaml#L2-L36). */
    readonly namespaces: readonly string[];
    /** values.yaml#L175 */
    readonly rules: readonly PolicyRule[];
  };
  readonly configReloader: {
    /** values.yaml#L262: the chart sets requests only. */
    readonly resources: ContainerResources;
    /** values.yaml#L267-L277: merged over the chart's, which are these and user 65534. */
    readonly securityContext: RestrictedContainer;
  };
  readonly controller: {
    /** values.yaml#L282: one Deployment: `loki.source.kubernetes` reads every node's pods through the API. */
    readonly type: 'deployment';
    /** values.yaml#L285: one, or each replica would ship every line again (clustering is off, values.yaml#L48). */
    readonly replicas: number;
    /** values.yaml#L329 */
    readonly priorityClassName: string;
    /** values.yaml#L480 */
    readonly volumes: { readonly extra: readonly EmptyDirVolume[] };
  };
  /** values.yaml#L511: the ServiceMonitor selects this Service's `http-metrics` port (templates/servicemonitor.yaml#L2, #L16). */
  readonly service: { readonly enabled: boolean };
  readonly serviceMonitor: {
    /** values.yaml#L526: Prometheus scrapes Alloy's /metrics, where the error counter is (loki.process.md "stage.metrics"). */
    readonly enabled: boolean;
    /** values.yaml#L528: the labels the environment's Prometheus selects ServiceMonitors by. */
    readonly additionalLabels: Readonly<Record<string, string>>;
  };
}

const TMP = 'tmp';

/** Alloy's values for the environment. */
export function alloyValues(env: LogsEnvironment): AlloyValues {
  return {
    global: { podSecurityContext: { ...RESTRICTED_POD, runAsUser: ALLOY_USER, runAsGroup: ALLOY_USER, fsGroup: ALLOY_USER } },
    crds: { create: false },
    alloy: {
      configMap: { content: alloyConfig(env) },
      storagePath: '/tmp/alloy',
      enableReporting: false,
      mounts: { extra: [{ name: TMP, mountPath: '/tmp' }] },
      securityContext: RESTRICTED_CONTAINER,
      resources: { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    },
    rbac: { namespaces: collectedNamespaces(env), rules: ALLOY_RULES },
    configReloader: {
      resources: { requests: { cpu: '10m', memory: '50Mi' }, limits: { cpu: '100m', memory: '64Mi' } },
      securityContext: RESTRICTED_CONTAINER,
    },
    controller: {
      type: 'deployment',
      replicas: 1,
      priorityClassName: priorityClassName(env, 'monitoring'),
      volumes: { extra: [{ name: TMP, emptyDir: {} }] },
    },
    service: { enabled: true },
    serviceMonitor: { enabled: true, additionalLabels: { ...env.monitoring.serviceMonitorLabels } },
  };
}

/** No cluster-scoped object: Roles instead of the ClusterRole (templates/rbac.yaml#L37-L69), no CRD (`crds.create` false). */
export const ALLOY_CLUSTER_KINDS: readonly ResourceKind[] = [];

/** Namespaces it writes to besides its release's: its Roles and RoleBindings in the two namespaces it reads (templates/rbac.yaml#L3-L36). */
export function alloyOtherNamespaces(env: LogsEnvironment): string[] {
  return collectedNamespaces(env).filter((namespace) => namespace !== logCollectorNamespace(env));
}

/** It installs no CRD. Its ServiceMonitor needs monitoring.coreos.com, which the cluster's Prometheus Operator serves. */
export const ALLOY_API_GROUPS: readonly string[] = [];
