/**
 * Traefik, the ingress controller of a Ryax environment (the ryax-engine chart's `traefik`
 * dependency, ryax-inventory.md §4): release `ryax-traefik` in `network.ingressNamespace`, serving
 * the environment's IngressClass on the entry points `web` (80) and `websecure` (443) that the
 * routes' Ingresses name (components/ryax/shared/routes.ts), and the Middlewares they reference from
 * Traefik's Kubernetes CRD provider.
 *
 * Every key below was read in traefik/traefik-helm-chart@v39.0.9 (appVersion v3.6.15), cited as
 * `values.yaml#L<n>` or `templates/<file>#L<n>` under `traefik/`.
 */
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import type { ResourceKind } from '../../../src/synth/platform.js';
import { type ContainerResources, type PinnedChart, RESTRICTED_CONTAINER, RESTRICTED_POD, type RestrictedContainer, type RestrictedPod } from './stack.js';

/**
 * The ryax-engine chart locks 39.0.9 from https://helm.traefik.io/traefik (charts/ryax/Chart.lock);
 * the chart's README (traefik/traefik-helm-chart@v39.0.9:README.md#L49) names the repository
 * https://traefik.github.io/charts, which serves the same chart versions and is the one used here.
 */
export const TRAEFIK_CHART = { repoURL: 'https://traefik.github.io/charts', name: 'traefik', version: '39.0.9' } as const satisfies PinnedChart;

/**
 * The release, as the ryax-engine chart names it (`<release>-traefik`, ryax-inventory.md §1). The
 * chart's objects take it as their name: it contains the chart's name (templates/_helpers.tpl#L43-L54).
 */
export const TRAEFIK_RELEASE = 'ryax-traefik';

/** The entry points the routes' `traefik.ingress.kubernetes.io/router.entrypoints` annotations name, with their Service ports. */
export const TRAEFIK_ENTRY_POINTS = { web: 80, websecure: 443 } as const;

/** An entry point: the container port Traefik listens on and the Service port it is published on. */
export interface EntryPointValues {
  /** values.yaml#L847 (web), #L899 (websecure): the container port, unprivileged. */
  readonly port: number;
  /** values.yaml#L852 (web), #L904 (websecure): the LoadBalancer Service's port. */
  readonly exposedPort: number;
  /** values.yaml#L851 (web), #L903 (websecure): published on the Service. */
  readonly expose: { readonly default: boolean };
  /**
   * values.yaml#L846 (web; commented for websecure at #L898), read for every port by
   * templates/_podtemplate.tpl#L213-L214: routers of Ingresses that name no entry point attach to
   * these only. Without it they attach to every entry point but `traefik`, the metrics one included
   * (traefik/traefik@v3.6.15:cmd/traefik/traefik.go#L408-L437).
   */
  readonly asDefault: boolean;
}

/** The subset of the traefik chart's values this repository sets. */
export interface TraefikValues {
  readonly ingressClass: {
    /** values.yaml#L119: the chart creates the IngressClass (templates/ingressclass.yaml#L1-L12). */
    readonly enabled: boolean;
    /** values.yaml#L120: the chart's default makes it the cluster's default class; the routes name theirs. */
    readonly isDefaultClass: boolean;
    /** values.yaml#L121: the IngressClass's name, which the routes' `spec.ingressClassName` gives. */
    readonly name: string;
  };
  readonly providers: {
    readonly kubernetesCRD: {
      /** values.yaml#L295: the Middlewares (traefik.io/v1alpha1) the routes reference as `<namespace>-<name>@kubernetescrd`. */
      readonly enabled: boolean;
      /**
       * values.yaml#L297: each route's Middlewares sit in its Ingress's namespace; the Kubernetes
       * CRD provider names a Middleware `<namespace>-<name>` (traefik/traefik@v3.6.15:
       * pkg/provider/kubernetes/crd/kubernetes.go#L246-L247, #L1419-L1425), so no cross-namespace reference is needed.
       */
      readonly allowCrossNamespace: boolean;
    };
    readonly kubernetesIngress: {
      /** values.yaml#L314: the routes are networking.k8s.io/v1 Ingresses. */
      readonly enabled: boolean;
      /**
       * values.yaml#L322: serve only Ingresses whose `spec.ingressClassName` names this IngressClass
       * (traefik/traefik@v3.6.15:pkg/provider/kubernetes/ingress/kubernetes.go#L233-L236, #L510-L519), not
       * those of another Traefik's class in the same cluster.
       */
      readonly ingressClass: string;
    };
  };
  /** values.yaml#L811-L998: the entry points, by the names the routes give. */
  readonly ports: { readonly web: EntryPointValues; readonly websecure: EntryPointValues };
  /** values.yaml#L1013: the environment's public address (ryax-inventory.md §1: DNS points at it). */
  readonly service: { readonly type: 'LoadBalancer' };
  readonly metrics: {
    readonly prometheus: {
      /** values.yaml#L587: a ClusterIP Service for the `metrics` entry point, which the ServiceMonitor selects (templates/service-metrics.yaml). */
      readonly service: { readonly enabled: boolean };
      /**
       * values.yaml#L591: render the ServiceMonitor without asking whether monitoring.coreos.com is
       * served (templates/servicemonitor.yaml#L3-L7): Argo CD renders before kube-prometheus-stack's CRDs may exist.
       */
      readonly disableAPICheck: boolean;
      readonly serviceMonitor: {
        /** values.yaml#L594 */
        readonly enabled: boolean;
        /** values.yaml#L605: labels the Prometheus's serviceMonitorSelector matches (templates/servicemonitor.yaml#L19-L21). */
        readonly additionalLabels: Readonly<Record<string, string>>;
      };
    };
  };
  /** values.yaml#L440: the environment's log format. */
  readonly logs: { readonly general: { readonly format: 'json' | 'common' } };
  /** values.yaml#L778: no request to Traefik Labs for new versions (templates/_podtemplate.tpl#L203-L204). */
  readonly global: { readonly checkNewVersion: boolean };
  /** values.yaml#L1160 */
  readonly priorityClassName: string;
  /** values.yaml#L1129; a memory limit also sets GOMEMLIMIT (values.yaml#L105-L108). */
  readonly resources: ContainerResources;
  /**
   * values.yaml#L1164-L1168: the chart's defaults are these already; restated so that a later chart
   * cannot loosen them. Traefik writes only to its `data` and `tmp` emptyDirs (templates/_podtemplate.tpl#L154-L161).
   */
  readonly securityContext: RestrictedContainer;
  /** values.yaml#L1172-L1177: restated likewise; the chart's user and group 65532 stay. */
  readonly podSecurityContext: RestrictedPod;
}

/** What Traefik's values read of an environment: an engine's, or a site's. */
export type TraefikEnvironment = Pick<RyaxEnvironment, 'name' | 'network' | 'monitoring' | 'logging'>;

/** Traefik's values for the environment. */
export function traefikValues(env: TraefikEnvironment): TraefikValues {
  const entryPoint = (port: number, exposedPort: number): EntryPointValues => ({ port, exposedPort, expose: { default: true }, asDefault: true });
  return {
    ingressClass: { enabled: true, isDefaultClass: false, name: env.network.ingressClassName },
    providers: {
      kubernetesCRD: { enabled: true, allowCrossNamespace: false },
      kubernetesIngress: { enabled: true, ingressClass: env.network.ingressClassName },
    },
    ports: { web: entryPoint(8000, TRAEFIK_ENTRY_POINTS.web), websecure: entryPoint(8443, TRAEFIK_ENTRY_POINTS.websecure) },
    service: { type: 'LoadBalancer' },
    metrics: {
      prometheus: {
        service: { enabled: true },
        disableAPICheck: true,
        serviceMonitor: { enabled: true, additionalLabels: { ...env.monitoring.serviceMonitorLabels } },
      },
    },
    logs: { general: { format: env.logging.json ? 'json' : 'common' } },
    global: { checkNewVersion: false },
    priorityClassName: priorityClassName(env, 'backbone'),
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } },
    securityContext: RESTRICTED_CONTAINER,
    podSecurityContext: RESTRICTED_POD,
  };
}

/**
 * The cluster-scoped kinds the chart creates with these values: its CRDs (crds/, applied by Argo CD
 * with the chart), the ClusterRole and its binding (templates/rbac/clusterrole.yaml#L2, `rbac.namespaced`
 * false at values.yaml#L1110) and the IngressClass. No GatewayClass (the Gateway provider is off,
 * values.yaml#L342), no webhooks (Traefik Hub is off, values.yaml#L1205).
 */
export const TRAEFIK_CLUSTER_KINDS: readonly ResourceKind[] = [
  { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRole' },
  { group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding' },
  { group: 'networking.k8s.io', kind: 'IngressClass' },
];

/** Namespaces it writes to besides its release's: none (`namespaceOverride` unset, values.yaml#L1188). */
export const TRAEFIK_OTHER_NAMESPACES: readonly string[] = [];

/**
 * The API groups whose CRDs the chart's crds/ folder installs: Traefik's own, Traefik Hub's, and the
 * Gateway API's standard channel v1.4.0 (crds/gateway-standard-install.yaml; crds/kustomization.yaml is
 * .helmignore'd).
 */
export const TRAEFIK_API_GROUPS: readonly string[] = ['traefik.io', 'hub.traefik.io', 'gateway.networking.k8s.io'];
