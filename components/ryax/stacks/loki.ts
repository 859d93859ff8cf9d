/**
 * Loki, where a Ryax site keeps its pods' logs (the ryax-worker chart's `loki` dependency,
 * RyaxTech/ryax-engine@9dc81bf:charts/worker/values.yaml#L196-L269, Chart.lock: 6.16.0): release
 * `ryax-loki` in a namespace of its own (./logs.ts), one single-binary replica on a 10Gi volume, no
 * authentication (one tenant), seven days of logs. The worker queries it for the actions' logs
 * (RYAX_LOKI_API_URL, charts/worker/templates/deployments.yaml#L199-L200 of that commit).
 *
 * Keys were read in grafana-community/helm-charts@loki-6.57.0 (appVersion 3.6.7), cited as
 * `values.yaml#L<n>` or `templates/<file>#L<n>` under `charts/loki/`; Loki's own configuration keys
 * in grafana/loki@v3.6.15, the image this repository runs.
 *
 * Differences from the reference, each for a reason given at its key: the chart is the maintained
 * fork, not 6.16.0; retention is enforced (the reference set `retention_period` with an empty
 * `loki.compactor`, so its compactor never deleted anything and the volume filled); the rules sidecar
 * and its ClusterRole, which read every Secret and ConfigMap of the cluster, are gone; the volume is
 * kept when the StatefulSet is deleted; `query_scheduler.max_outstanding_requests_per_tenant: 2048`
 * is dropped (Loki's default is 32000, pkg/scheduler/scheduler.go#L118: the reference's value only
 * lowered it); no usage reports to Grafana Labs.
 */
import type { ResourceKind } from '../../../src/synth/platform.js';
import { priorityClassName } from '../shared/priority.js';
import type { SiteEnvironment } from '../worker/environment.js';
import { type LogsEnvironment, logsNamespace } from './logs.js';
import { type ContainerResources, type PinnedChart, RESTRICTED_CONTAINER, RESTRICTED_POD, type RestrictedContainer, type RestrictedPod } from './stack.js';

/**
 * The chart at the last version of its 6.x line. Grafana moved the OSS chart to grafana-community on
 * 16 March 2026 (grafana/loki@helm-loki-6.55.0:production/helm/loki/README.md, "Helm Chart Migration";
 * the chart left in grafana/loki is for Grafana Enterprise Logs); the fork's 6.57.0 is 6.55.0 with
 * dependency updates. The reference's 6.16.0 runs Loki 3.1.1, to which none of the 3.x security fixes
 * since (e.g. GHSA-2464-8j7c-4cjm, grafana/loki@v3.5.6; CVE-2026-39822, v3.6.13) were ever applied.
 */
export const LOKI_CHART = { repoURL: 'https://grafana-community.github.io/helm-charts', name: 'loki', version: '6.57.0' } as const satisfies PinnedChart;

/**
 * Loki's latest 3.6 patch release (2026-08-05; the chart defaults to 3.6.7, values.yaml#L91): the
 * security fixes of v3.6.8 to v3.6.15 (grafana/loki@v3.6.15:CHANGELOG.md) with the configuration of 3.6.
 */
export const LOKI_IMAGE_TAG = '3.6.15';

/** The release, as the ryax-worker chart's dependency names its objects (`<release>-loki`). */
export const LOKI_RELEASE = 'ryax-loki';

/**
 * The single binary's Service: `loki.singleBinaryFullname`, the release's name since it contains the
 * chart's (templates/_helpers.tpl#L34-L45, templates/single-binary/service.yaml#L7), serving HTTP on
 * `loki.server.http_listen_port` (service.yaml#L27-L30; 3100, values.yaml#L403-L404).
 */
export const LOKI_SERVICE = LOKI_RELEASE;
export const LOKI_HTTP_PORT = 3100;

/** What Loki's values read of a site. */
export type LokiEnvironment = Pick<SiteEnvironment, 'name' | 'network' | 'logLevel' | 'logging'>;

/**
 * Loki's HTTP address from the site's other namespaces, as RYAX_LOKI_API_URL takes it: host:port
 * without a scheme (the reference gives `<release>-loki:3100`, charts/worker/templates/deployments.yaml#L199-L200),
 * qualified with Loki's namespace since the worker runs in another.
 */
export function lokiAddress(env: LogsEnvironment): string {
  return `${LOKI_SERVICE}.${logsNamespace(env)}:${LOKI_HTTP_PORT}`;
}

/** Where log collectors push (grafana/loki@v3.6.15:pkg/loki/modules.go#L400). */
export function lokiPushUrl(env: LogsEnvironment): string {
  return `http://${lokiAddress(env)}/loki/api/v1/push`;
}

/**
 * The log level Grafana's Go programs take for the environment's: Loki's `server.log_level`
 * (grafana/dskit's log.Level) and Alloy's `logging.level` (grafana/alloy@v1.18.1:internal/runtime/logging/options.go#L77-L82)
 * both know debug, info, warn and error.
 */
export function grafanaLogLevel(env: Pick<SiteEnvironment, 'logLevel'>): GrafanaLogLevel {
  const level = GRAFANA_LOG_LEVELS[env.logLevel];
  if (level === undefined)
    throw new Error(`environment logLevel is ${JSON.stringify(env.logLevel)}: expected one of ${Object.keys(GRAFANA_LOG_LEVELS).join(', ')}`);
  return level;
}

type GrafanaLogLevel = 'debug' | 'info' | 'warn' | 'error';
/** The environment's levels (the schema's `logLevel`, components/ryax/shared/environment.ts), by Grafana's names. */
const GRAFANA_LOG_LEVELS: Readonly<Record<string, GrafanaLogLevel>> = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' };

/** Seven days, as the reference keeps (charts/worker/values.yaml#L262-L263), in hours. */
export const LOKI_RETENTION = '168h';

/** The name of the one object store of the schema, which the compactor's delete requests also use. */
const OBJECT_STORE = 'filesystem';

/** A period of Loki's schema (grafana/loki@v3.6.15:pkg/storage/config/schema_config.go#L139-L145). */
export interface LokiSchemaPeriod {
  readonly from: string;
  readonly store: 'tsdb';
  readonly object_store: string;
  readonly schema: 'v13';
  readonly index: { readonly prefix: string; readonly period: string };
}

/** An environment variable of the single binary, from the pod's own fields. */
export interface FieldEnvVar {
  readonly name: string;
  readonly valueFrom: { readonly fieldRef: { readonly fieldPath: string } };
}

/** The subset of the loki chart's values this repository sets. */
export interface LokiValues {
  /** values.yaml#L59: one process with every target (templates/_helpers.tpl#L75-L77), the reference's mode. */
  readonly deploymentMode: 'SingleBinary';
  readonly loki: {
    /** values.yaml#L91 */
    readonly image: { readonly tag: string };
    /**
     * values.yaml#L387: one tenant, no X-Scope-OrgID: the worker and Grafana query without one (the
     * reference's "No Org id error", charts/worker/values.yaml#L259-L260).
     */
    readonly auth_enabled: boolean;
    /** values.yaml#L425: one replica holds every stream. */
    readonly commonConfig: { readonly replication_factor: number };
    /** values.yaml#L438: chunks and index under /var/loki, the volume (values.yaml#L486-L488). */
    readonly storage: { readonly type: 'filesystem' };
    /** values.yaml#L531: required by the chart (templates/validate.yaml#L39-L41); the reference's, TSDB v13 from 2024-01-01. */
    readonly schemaConfig: { readonly configs: readonly LokiSchemaPeriod[] };
    /**
     * values.yaml#L413, rendered into Loki's `limits_config` (values.yaml#L217-L220), merged over the
     * chart's limits: `retention_period` (pkg/validation/limits.go#L195) is applied by the compactor
     * only; `max_label_names_per_series` (limits.go#L80, default 15 at #L299) is the reference's 30,
     * as the pods' own labels become stream labels.
     */
    readonly limits_config: { readonly retention_period: string; readonly max_label_names_per_series: number };
    /**
     * values.yaml#L576, rendered into Loki's `compactor` (values.yaml#L325-L328): `retention_enabled`
     * (pkg/compactor/config.go#L24, off by default at #L53) makes the compactor delete chunks older than
     * `retention_period`; Loki 3 refuses to start with it unless `delete_request_store` (#L29) names an
     * object store (#L105-L108). The compactor runs in the single binary, its working directory on the
     * volume (`<path_prefix>/compactor`, pkg/loki/config_wrapper.go#L469-L470).
     */
    readonly compactor: { readonly retention_enabled: boolean; readonly delete_request_store: string };
    /**
     * values.yaml#L403, merged over the chart's ports: grafana/dskit's server `log_level` and
     * `log_format` (vendor/github.com/grafana/dskit/server/server.go#L143-L144).
     */
    readonly server: { readonly log_level: string; readonly log_format: 'json' | 'logfmt' };
    /** values.yaml#L583: Loki's `analytics.reporting_enabled` (pkg/analytics/reporter.go#L52): no usage reports to Grafana Labs. */
    readonly analytics: { readonly reporting_enabled: boolean };
    /**
     * values.yaml#L391, rendered into `memberlist` (values.yaml#L183-L184): memberlist binds the pod's
     * IP (`bind_addr`, dskit kv/memberlist/tcp_transport.go#L42), which `-config.expand-env` substitutes.
     * Without it memberlist takes only an RFC 1918 address (dskit netutil/netutil.go#L35-L56) and fails on
     * clusters whose pod network is not one (the reference's fix, grafana/loki issue 6370).
     */
    readonly extraMemberlistConfig: { readonly bind_addr: readonly string[] };
    /** values.yaml#L109-L114: merged over the chart's user, group and fsGroup 10001. */
    readonly podSecurityContext: RestrictedPod;
    /** values.yaml#L116-L121: the chart's defaults are these already; restated so that a later chart cannot loosen them. */
    readonly containerSecurityContext: RestrictedContainer;
  };
  readonly singleBinary: {
    /** values.yaml#L1456: one (the chart allows no more on a filesystem, templates/validate.yaml#L14-L16). */
    readonly replicas: number;
    /** values.yaml#L1476 */
    readonly priorityClassName: string;
    /** values.yaml#L1511: the reference's (charts/worker/values.yaml#L210-L216). */
    readonly resources: ContainerResources;
    /** values.yaml#L1497: environment variables in the configuration, for `bind_addr`. */
    readonly extraArgs: readonly string[];
    /** values.yaml#L1499 */
    readonly extraEnv: readonly FieldEnvVar[];
    readonly persistence: {
      /** values.yaml#L1549: /var/loki on a PersistentVolumeClaim (templates/single-binary/statefulset.yaml#L141-L144, #L286-L313). */
      readonly enabled: boolean;
      /** values.yaml#L1554: the reference's 10Gi. */
      readonly size: string;
      /**
       * values.yaml#L1543: the chart deletes the claim with the StatefulSet (statefulset.yaml#L29-L37); a
       * re-created Application would lose seven days of logs. The fork later made false its default
       * (grafana-community/helm-charts#645).
       */
      readonly enableStatefulSetAutoDeletePVC: boolean;
    };
  };
  /** values.yaml#L1578, #L1720, #L1857: no simple-scalable targets beside the single binary (templates/validate.yaml#L30-L32). */
  readonly write: { readonly replicas: number };
  readonly read: { readonly replicas: number };
  readonly backend: { readonly replicas: number };
  /** values.yaml#L1054: no nginx gateway; the worker and the collector reach the single binary's Service. */
  readonly gateway: { readonly enabled: boolean };
  /** values.yaml#L3773, #L3660: no memcached; one small tenant. */
  readonly chunksCache: { readonly enabled: boolean };
  readonly resultsCache: { readonly enabled: boolean };
  /** values.yaml#L783: no canary DaemonSet writing test streams. */
  readonly lokiCanary: { readonly enabled: boolean };
  /** values.yaml#L753: no Helm test pod (it needs the canary, templates/validate.yaml#L5-L7). */
  readonly test: { readonly enabled: boolean };
  /**
   * values.yaml#L4145: no `loki-sc-rules` sidecar (templates/single-binary/statefulset.yaml#L158-L237):
   * it loads ruler rules from labelled ConfigMaps and Secrets, which needs reading them; no ruler rules
   * are kept in Loki here.
   */
  readonly sidecar: { readonly rules: { readonly enabled: boolean } };
  /**
   * values.yaml#L890: with `rbac.namespaced` false the chart renders a ClusterRole and its binding
   * whatever the sidecar (templates/backend/clusterrole.yaml#L1-L19, clusterrolebinding.yaml#L2); in
   * 6.16.0 that ClusterRole let the sidecar read every Secret and ConfigMap of the cluster
   * (grafana/loki@helm-loki-6.16.0:production/helm/loki/templates/backend/clusterrole.yaml#L12-L16,
   * values.yaml#L3335). Namespaced and without the sidecar, no RBAC object is rendered at all
   * (templates/role.yaml#L1).
   */
  readonly rbac: { readonly namespaced: boolean };
}

/** Loki's values for the site. */
export function lokiValues(env: LokiEnvironment): LokiValues {
  return {
    deploymentMode: 'SingleBinary',
    loki: {
      image: { tag: LOKI_IMAGE_TAG },
      auth_enabled: false,
      commonConfig: { replication_factor: 1 },
      storage: { type: 'filesystem' },
      schemaConfig: {
        configs: [{ from: '2024-01-01', store: 'tsdb', object_store: OBJECT_STORE, schema: 'v13', index: { prefix: 'loki_index_', period: '24h' } }],
      },
      limits_config: { retention_period: LOKI_RETENTION, max_label_names_per_series: 30 },
      compactor: { retention_enabled: true, delete_request_store: OBJECT_STORE },
      server: { log_level: grafanaLogLevel(env), log_format: env.logging.json ? 'json' : 'logfmt' },
      analytics: { reporting_enabled: false },
      extraMemberlistConfig: { bind_addr: ['${POD_IP}'] },
      podSecurityContext: RESTRICTED_POD,
      containerSecurityContext: RESTRICTED_CONTAINER,
    },
    singleBinary: {
      replicas: 1,
      priorityClassName: priorityClassName(env, 'monitoring'),
      resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '1', memory: '512Mi' } },
      extraArgs: ['-config.expand-env=true'],
      extraEnv: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
      persistence: { enabled: true, size: '10Gi', enableStatefulSetAutoDeletePVC: false },
    },
    write: { replicas: 0 },
    read: { replicas: 0 },
    backend: { replicas: 0 },
    gateway: { enabled: false },
    chunksCache: { enabled: false },
    resultsCache: { enabled: false },
    lokiCanary: { enabled: false },
    test: { enabled: false },
    sidecar: { rules: { enabled: false } },
    rbac: { namespaced: true },
  };
}

/**
 * The chart creates no cluster-scoped object with these values: no ClusterRole (namespaced RBAC, above),
 * no PodSecurityPolicy or SecurityContextConstraints (values.yaml#L878, #L880), and the subcharts that
 * carry CRDs (grafana-agent-operator, rollout-operator, minio) are off (Chart.yaml conditions;
 * values.yaml#L4012, #L4036, `monitoring.selfMonitoring.grafanaAgent.installOperator` false).
 */
export const LOKI_CLUSTER_KINDS: readonly ResourceKind[] = [];

/** Namespaces it writes to besides its release's: none (the dashboards and rules, which may go elsewhere, are off). */
export const LOKI_OTHER_NAMESPACES: readonly string[] = [];

/** It installs no CRD. */
export const LOKI_API_GROUPS: readonly string[] = [];
