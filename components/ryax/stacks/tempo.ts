/**
 * Grafana Tempo, where the Ryax services send their traces (the ryax-engine chart's `tempo`
 * dependency, ryax-inventory.md §6): release `ryax-tempo` in `network.monitoringNamespace`, one
 * replica in single-binary mode with 10Gi of local storage, receiving OTLP over gRPC on 4317 and
 * answering Grafana's queries on 3200.
 *
 * Every key below was read in grafana/helm-charts@tempo-1.24.4 (appVersion 2.9.0), cited as
 * `values.yaml#L<n>` or `templates/<file>#L<n>` under `charts/tempo/`. The chart is marked deprecated
 * there (Chart.yaml `deprecated: true`; README.md: moving to grafana-community/helm-charts), and
 * 1.24.4 stays served at the ryax-engine chart's repository.
 */
import type { ResourceKind } from '../../../src/synth/platform.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import { type ContainerResources, type PinnedChart, RESTRICTED_CONTAINER, RESTRICTED_POD, type RestrictedContainer, type RestrictedPod } from './stack.js';

/** As the ryax-engine chart locks it (charts/ryax/Chart.lock). */
export const TEMPO_CHART = { repoURL: 'https://grafana.github.io/helm-charts', name: 'tempo', version: '1.24.4' } as const satisfies PinnedChart;

/** The release, as the ryax-engine chart names it (`<release>-tempo`, ryax-inventory.md §1). */
export const TEMPO_RELEASE = 'ryax-tempo';

/**
 * The Service's name: the release's, since it contains the chart's name (templates/_helpers.tpl#L14-L25,
 * templates/service.yaml#L4).
 */
export const TEMPO_SERVICE = TEMPO_RELEASE;

/**
 * The Service's ports: the HTTP API Grafana queries (`tempo-prom-metrics`, templates/_ports.tpl#L26-L29)
 * and the OTLP gRPC receiver (`grpc-tempo-otlp`, its port taken from the receiver's endpoint, templates/_ports.tpl#L67-L74).
 */
export const TEMPO_PORTS = { http: 3200, otlpGrpc: 4317 } as const;

/** Where Grafana queries Tempo from the monitoring namespace. */
export function tempoQueryUrl(env: Pick<RyaxEnvironment, 'network'>): string {
  return `http://${TEMPO_SERVICE}.${env.network.monitoringNamespace}:${TEMPO_PORTS.http}`;
}

/**
 * What the services' RYAX_OTLP_ENDPOINT gives: host:port without a scheme, as the chart's
 * `global.monitoring.otlpEndpoint` (`<release>-tempo:4317`, charts/ryax/values.yaml#L20), qualified with
 * Tempo's namespace since the services run in another.
 */
export function tempoOtlpEndpoint(env: Pick<RyaxEnvironment, 'network'>): string {
  return `${TEMPO_SERVICE}.${env.network.monitoringNamespace}:${TEMPO_PORTS.otlpGrpc}`;
}

/** The subset of the tempo chart's values this repository sets. */
export interface TempoValues {
  readonly tempo: {
    readonly receivers: {
      /**
       * values.yaml#L175-L178: OTLP over gRPC on every interface. Restated from the chart's default
       * because the Service's port is derived from it; the other receivers keep their defaults
       * (templates/_ports.tpl reads each of them, so none may be removed).
       */
      readonly otlp: { readonly protocols: { readonly grpc: { readonly endpoint: string } } };
    };
    /** values.yaml#L47: no usage report to Grafana Labs. */
    readonly reportingEnabled: boolean;
    /** values.yaml#L36 */
    readonly resources: ContainerResources;
    /**
     * values.yaml#L181 (the chart's commented example is this one): Tempo writes only under
     * /var/tempo, the persistent volume (values.yaml#L155-L159, templates/statefulset.yaml#L116-L121;
     * /tmp is used only by the metrics generator, off at values.yaml#L50).
     */
    readonly securityContext: RestrictedContainer;
  };
  readonly persistence: {
    /** values.yaml#L370: traces and the WAL on a PersistentVolumeClaim (templates/statefulset.yaml#L192-L203). */
    readonly enabled: boolean;
    /** values.yaml#L376: the reference's 10Gi (charts/ryax/values.yaml#L328-L330). */
    readonly size: string;
  };
  /** values.yaml#L400 */
  readonly priorityClassName: string;
  /** values.yaml#L330-L334: merged over the chart's user, group and fsGroup 10001. */
  readonly securityContext: RestrictedPod;
}

/** Tempo's values for the environment. */
export function tempoValues(env: RyaxEnvironment): TempoValues {
  return {
    tempo: {
      receivers: { otlp: { protocols: { grpc: { endpoint: `0.0.0.0:${TEMPO_PORTS.otlpGrpc}` } } } },
      reportingEnabled: false,
      resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
      securityContext: RESTRICTED_CONTAINER,
    },
    persistence: { enabled: true, size: '10Gi' },
    priorityClassName: priorityClassName(env, 'monitoring'),
    securityContext: RESTRICTED_POD,
  };
}

/** The chart creates no cluster-scoped object (a StatefulSet, its Services, ConfigMaps and ServiceAccount). */
export const TEMPO_CLUSTER_KINDS: readonly ResourceKind[] = [];

/** Namespaces it writes to besides its release's: none. */
export const TEMPO_OTHER_NAMESPACES: readonly string[] = [];

/** It installs no CRD. */
export const TEMPO_API_GROUPS: readonly string[] = [];
