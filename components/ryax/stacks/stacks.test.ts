/**
 * The third-party charts' values for every Ryax environment on disk: the names other objects depend
 * on (IngressClass, entry points, selectors, Services, Secrets, PriorityClasses), storage, Grafana's
 * URL, restricted security contexts, and every key path set being one the chart at its pinned
 * version reads (values-keys.fixture.ts).
 */
import { loadPlatformEnvironments } from '../../../src/config/load.js';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { manifestsOf, REPO_ROOT, renderReal } from '../../../test/helpers.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { installs } from '../shared/stacks.js';
import { lokiAddress } from './loki.js';
import {
  GRAFANA_ADMIN_SECRET,
  GRAFANA_DASHBOARD_LABEL,
  GRAFANA_FOLDER_ANNOTATION,
  KUBE_PROMETHEUS_STACK_API_GROUPS,
  KUBE_PROMETHEUS_STACK_CLUSTER_KINDS,
  KUBE_PROMETHEUS_STACK_OTHER_NAMESPACES,
  kubePrometheusStackValues,
  GRAFANA_TLS_SECRET,
} from './kube-prometheus-stack.js';
import { TEMPO_PORTS, TEMPO_SERVICE, tempoOtlpEndpoint, tempoQueryUrl, tempoValues } from './tempo.js';
import { TRAEFIK_API_GROUPS, TRAEFIK_CLUSTER_KINDS, TRAEFIK_ENTRY_POINTS, traefikValues } from './traefik.js';
import { KUBE_PROMETHEUS_STACK_VALUES_KEYS, TEMPO_VALUES_KEYS, TRAEFIK_VALUES_KEYS, type ValuesKeys } from './values-keys.fixture.js';

const ENVIRONMENTS = await loadPlatformEnvironments(RYAX, REPO_ROOT);
const named = (name: string): RyaxEnvironment => {
  const env = ENVIRONMENTS.find((candidate) => candidate.name === name);
  if (env === undefined) throw new Error(`no environments/${name}.yaml`);
  return env;
};

/** The dotted paths of a values object's leaves: a list, a scalar, or a value under a free-form path. */
function leafPaths(value: unknown, freeForm: ReadonlySet<string>, prefix = ''): string[] {
  if (prefix !== '' && freeForm.has(prefix)) return [prefix];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, freeForm, prefix === '' ? key : `${prefix}.${key}`));
}

function expectRestrictedPod(pod: any): void {
  expect(pod).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
}

function expectRestrictedContainer(container: any, readOnlyRootFilesystem = true): void {
  expect(container).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
  if (readOnlyRootFilesystem) expect(container.readOnlyRootFilesystem).toBe(true);
  expect(JSON.stringify(container)).not.toMatch(/privileged"\s*:\s*true|"add"/);
}

const tlsOf = (env: RyaxEnvironment) => env.network.tlsClusterIssuer !== undefined;

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  describe('traefik', () => {
    const values = traefikValues(env);

    test("serves the environment's IngressClass, and only Ingresses of it", () => {
      expect(values.ingressClass).toEqual({ enabled: true, isDefaultClass: false, name: env.network.ingressClassName });
      expect(values.providers.kubernetesIngress).toEqual({ enabled: true, ingressClass: env.network.ingressClassName });
      expect(TRAEFIK_CLUSTER_KINDS).toContainEqual({ group: 'networking.k8s.io', kind: 'IngressClass' });
    });

    test('publishes the web (80) and websecure (443) entry points the routes name, on a LoadBalancer', () => {
      expect(values.ports.web).toMatchObject({ exposedPort: 80, expose: { default: true }, asDefault: true });
      expect(values.ports.websecure).toMatchObject({ exposedPort: 443, expose: { default: true }, asDefault: true });
      // Unprivileged container ports: the pod runs as a non-root user.
      expect(values.ports.web.port).toBeGreaterThan(1024);
      expect(values.ports.websecure.port).toBeGreaterThan(1024);
      expect(values.service.type).toBe('LoadBalancer');
    });

    test('reads the Middlewares from the Kubernetes CRD provider, within their own namespace', () => {
      expect(values.providers.kubernetesCRD).toEqual({ enabled: true, allowCrossNamespace: false });
      expect(TRAEFIK_API_GROUPS).toContain('traefik.io');
    });

    test("is scraped through a ServiceMonitor with the environment's labels", () => {
      expect(values.metrics.prometheus.serviceMonitor).toEqual({ enabled: true, additionalLabels: env.monitoring.serviceMonitorLabels });
      expect(values.metrics.prometheus.service.enabled).toBe(true);
    });

    test('runs restricted, at the backbone priority, with requests and limits', () => {
      expectRestrictedPod(values.podSecurityContext);
      expectRestrictedContainer(values.securityContext);
      expect(values.priorityClassName).toBe(`${env.name}-backbone`);
      expect(values.resources.limits.memory).toMatch(/^[0-9]+Mi$/);
      expect(values.global.checkNewVersion).toBe(false);
      expect(values.logs.general.format).toBe(env.logging.json ? 'json' : 'common');
    });
  });

  describe('kube-prometheus-stack', () => {
    const values = kubePrometheusStackValues(env);
    const spec = values.prometheus.prometheusSpec;
    const grafana = values.grafana;

    test("selects exactly the environment's ServiceMonitors and PrometheusRules", () => {
      expect(spec.serviceMonitorSelectorNilUsesHelmValues).toBe(false);
      expect(spec.serviceMonitorSelector).toEqual({ matchLabels: env.monitoring.serviceMonitorLabels });
      expect(spec.ruleSelectorNilUsesHelmValues).toBe(false);
      expect(spec.ruleSelector).toEqual({ matchLabels: env.monitoring.ruleLabels });
    });

    test('keeps 10Gi of metrics on a volume, and installs the operator CRDs', () => {
      expect(spec.storageSpec.volumeClaimTemplate.spec).toEqual({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '10Gi' } } });
      expect(spec.retentionSize).toBe('8GiB');
      expect(values.crds.enabled).toBe(true);
      expect(KUBE_PROMETHEUS_STACK_API_GROUPS).toEqual(['monitoring.coreos.com']);
      expect(spec.externalLabels).toEqual({ ryax_version: '26.4.0', cluster: env.host });
    });

    test("serves Grafana under the host's /grafana, through the environment's IngressClass", () => {
      const scheme = tlsOf(env) ? 'https' : 'http';
      expect(grafana['grafana.ini'].server).toEqual({ domain: env.host, root_url: `${scheme}://${env.host}/grafana`, serve_from_sub_path: true });
      expect(grafana.ingress).toMatchObject({
        enabled: true,
        ingressClassName: env.network.ingressClassName,
        hosts: [env.host],
        path: '/grafana',
        pathType: 'Prefix',
      });
      if (tlsOf(env)) {
        expect(grafana.ingress.tls).toEqual([{ hosts: [env.host], secretName: GRAFANA_TLS_SECRET }]);
        expect(grafana.ingress.annotations).toEqual({
          'cert-manager.io/cluster-issuer': env.network.tlsClusterIssuer,
          'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure',
        });
        expect(Object.keys(TRAEFIK_ENTRY_POINTS)).toContain(grafana.ingress.annotations['traefik.ingress.kubernetes.io/router.entrypoints']);
      } else {
        expect(grafana.ingress.tls).toEqual([]);
        expect(grafana.ingress.annotations).toEqual({});
      }
    });

    test('takes its admin from grafana-credentials and lets nobody else in unasked', () => {
      expect(grafana.admin).toEqual({ existingSecret: 'grafana-credentials', userKey: 'admin-user', passwordKey: 'admin-password' });
      expect(GRAFANA_ADMIN_SECRET.keys).toEqual([grafana.admin.userKey, grafana.admin.passwordKey]);
      expect(grafana['grafana.ini'].users).toEqual({ allow_sign_up: false, allow_org_create: false });
      expect(grafana['grafana.ini']['auth.anonymous']).toEqual({ enabled: false });
      expect(grafana.persistence).toEqual({ enabled: true, size: '1Gi' });
    });

    test('loads labelled dashboards into their annotated folder, from its namespace and the services’', () => {
      expect(grafana.sidecar.dashboards).toMatchObject({
        enabled: true,
        label: 'grafana_dashboard',
        labelValue: GRAFANA_DASHBOARD_LABEL.grafana_dashboard,
        folderAnnotation: GRAFANA_FOLDER_ANNOTATION,
        provider: { foldersFromFilesStructure: true },
      });
      const services = Object.keys(env.namespaces).find((name) => env.namespaces[name]!.tiers.includes('services'));
      expect(grafana.sidecar.dashboards.searchNamespace).toEqual(expect.arrayContaining([env.network.monitoringNamespace, services]));
    });

    test('has Prometheus as default data source, and Tempo and Loki at their Services where the environment installs them', () => {
      expect(grafana.sidecar.datasources).toMatchObject({ enabled: true, defaultDatasourceEnabled: true, isDefaultDatasource: true });
      expect(grafana.sidecar.datasources.alertmanager.enabled).toBe(values.alertmanager.enabled);
      expect(grafana.additionalDataSources).toEqual([
        ...(installs(env, 'tempo')
          ? [expect.objectContaining({ type: 'tempo', url: `http://${TEMPO_SERVICE}.${env.network.monitoringNamespace}:${TEMPO_PORTS.http}` })]
          : []),
        ...(installs(env, 'logs') ? [expect.objectContaining({ type: 'loki', uid: 'loki', url: `http://${lokiAddress(env)}/` })] : []),
      ]);
      expect(tempoQueryUrl(env)).toBe(`http://ryax-tempo.${env.network.monitoringNamespace}:3200`);
    });

    test('runs every pod restricted, at the monitoring priority', () => {
      const priority = `${env.name}-monitoring`;
      expect(spec.priorityClassName).toBe(priority);
      expect(values.prometheusOperator.priorityClassName).toBe(priority);
      expect(values.alertmanager.alertmanagerSpec.priorityClassName).toBe(priority);
      expect(grafana.priorityClassName).toBe(priority);
      expect(values['kube-state-metrics'].priorityClassName).toBe(priority);
      for (const pod of [
        spec.securityContext,
        values.alertmanager.alertmanagerSpec.securityContext,
        values.prometheusOperator.securityContext,
        values['kube-state-metrics'].securityContext,
        grafana.securityContext,
      ]) {
        expectRestrictedPod(pod);
      }
      expectRestrictedContainer(values.prometheusOperator.containerSecurityContext);
      expectRestrictedContainer(values['kube-state-metrics'].containerSecurityContext);
      expectRestrictedContainer(grafana.containerSecurityContext, false);
      // The root init container and the unconfined test pod are gone; node-exporter needs the host's namespaces.
      expect(grafana.initChownData.enabled).toBe(false);
      expect(grafana.testFramework.enabled).toBe(false);
      expect(values.nodeExporter.enabled).toBe(false);
      expect(values.defaultRules.rules).toEqual({ nodeExporterAlerting: false, nodeExporterRecording: false, network: false });
    });

    test('writes nothing outside its namespace', () => {
      expect(values.kubelet.namespace).toBe(env.network.monitoringNamespace);
      expect(values.prometheusOperator.kubeletService).toEqual({ enabled: true, namespace: env.network.monitoringNamespace });
      for (const component of ['kubeControllerManager', 'coreDns', 'kubeEtcd', 'kubeScheduler', 'kubeProxy'] as const) {
        expect(values[component].enabled).toBe(false);
      }
      expect(KUBE_PROMETHEUS_STACK_OTHER_NAMESPACES).toEqual([]);
    });

    test('has no admission webhooks, and so no operator TLS made of their certificate, and no webhook kinds', () => {
      expect(values.prometheusOperator.admissionWebhooks.enabled).toBe(false);
      expect(values.prometheusOperator.tls.enabled).toBe(false);
      expect(KUBE_PROMETHEUS_STACK_CLUSTER_KINDS.filter(({ group }) => group === 'admissionregistration.k8s.io')).toEqual([]);
      expect(values.crds.upgradeJob.enabled).toBe(false);
    });
  });

  describe('tempo', () => {
    const values = tempoValues(env);

    test('keeps 10Gi of traces and receives OTLP over gRPC on 4317', () => {
      expect(values.persistence).toEqual({ enabled: true, size: '10Gi' });
      expect(values.tempo.receivers.otlp.protocols.grpc.endpoint).toBe('0.0.0.0:4317');
      expect(tempoOtlpEndpoint(env)).toBe(`ryax-tempo.${env.network.monitoringNamespace}:4317`);
    });

    test('runs restricted, at the monitoring priority', () => {
      expectRestrictedPod(values.securityContext);
      expectRestrictedContainer(values.tempo.securityContext);
      expect(values.priorityClassName).toBe(`${env.name}-monitoring`);
      expect(values.tempo.reportingEnabled).toBe(false);
    });
  });

  test("the routes' Middlewares sit in their Ingress's namespace and the routes name Traefik's class and entry points", async () => {
    const manifests = manifestsOf(await renderReal(env.name)) as any[];
    const ingresses = manifests.filter((manifest) => manifest.kind === 'Ingress');
    expect(ingresses.length).toBeGreaterThan(0);
    const middlewares = new Set(
      manifests.filter((manifest) => manifest.kind === 'Middleware').map((manifest) => `${manifest.metadata.namespace}/${manifest.metadata.name}`),
    );
    for (const ingress of ingresses) {
      const { namespace, annotations = {} } = ingress.metadata;
      expect(ingress.spec.ingressClassName).toBe(traefikValues(env).ingressClass.name);
      const entryPoints = annotations['traefik.ingress.kubernetes.io/router.entrypoints'];
      if (entryPoints !== undefined) expect(Object.keys(TRAEFIK_ENTRY_POINTS)).toEqual(expect.arrayContaining(entryPoints.split(',')));
      const references: string[] = (annotations['traefik.ingress.kubernetes.io/router.middlewares'] ?? '').split(',').filter(Boolean);
      for (const reference of references) {
        const name = reference.match(new RegExp(`^${namespace}-(.+)@kubernetescrd$`))?.[1];
        expect({ reference, found: name !== undefined && middlewares.has(`${namespace}/${name}`) }).toEqual({ reference, found: true });
      }
    }
  });
});

describe('the real environments', () => {
  test('ryax-prod: HTTPS Grafana with the host certificate, and its own PriorityClasses', () => {
    const env = named('ryax-prod');
    const grafana = kubePrometheusStackValues(env).grafana;
    expect(grafana['grafana.ini'].server.root_url).toBe('https://ryax.example.org/grafana');
    expect(grafana.ingress.tls).toEqual([{ hosts: ['ryax.example.org'], secretName: 'ryax-grafana-tls' }]);
    expect(grafana.additionalDataSources[0]!.url).toBe('http://ryax-tempo.monitoring:3200');
    expect(kubePrometheusStackValues(env).prometheus.prometheusSpec.serviceMonitorSelector).toEqual({ matchLabels: { release: 'kube-prometheus-stack' } });
    expect(traefikValues(env).priorityClassName).toBe('ryax-prod-backbone');
    expect(tempoValues(env).priorityClassName).toBe('ryax-prod-monitoring');
    expect(traefikValues(env).ingressClass.name).toBe('traefik');
  });

  test('ryax-dev: plain-HTTP Grafana with no certificate', () => {
    const grafana = kubePrometheusStackValues(named('ryax-dev')).grafana;
    expect(grafana['grafana.ini'].server.root_url).toBe('http://ryax-dev.example.org/grafana');
    expect(grafana.ingress.tls).toEqual([]);
  });
});

describe('an environment whose labels the Prometheus could not share with the chart', () => {
  test.each(['serviceMonitorLabels', 'ruleLabels'] as const)('monitoring.%s other than the release label is refused, naming the key', (key) => {
    const base = named('ryax-prod');
    const env: RyaxEnvironment = { ...base, monitoring: { ...base.monitoring, [key]: { team: 'ryax' } } };
    expect(() => kubePrometheusStackValues(env)).toThrow(
      `environment ryax-prod: monitoring.${key} is {"team":"ryax"}, but the Prometheus of kube-prometheus-stack selects by exactly these labels and the chart's own ServiceMonitors and PrometheusRules carry only {"release":"kube-prometheus-stack"}: set monitoring.${key} to {"release":"kube-prometheus-stack"}`,
    );
  });
});

describe.each([
  ['traefik', TRAEFIK_VALUES_KEYS, traefikValues],
  ['kube-prometheus-stack', KUBE_PROMETHEUS_STACK_VALUES_KEYS, kubePrometheusStackValues],
  ['tempo', TEMPO_VALUES_KEYS, tempoValues],
] as const)('%s: key paths', (_chart, fixture: ValuesKeys, build: (env: RyaxEnvironment) => unknown) => {
  const freeForm = new Set(Object.keys(fixture.freeForm));
  const produced = new Set(ENVIRONMENTS.flatMap((env) => leafPaths(build(env), freeForm)));

  test('every key path set is one the chart reads at its pinned version', () => {
    const known = new Set([...Object.keys(fixture.keys), ...freeForm]);
    expect([...produced].filter((path) => !known.has(path))).toEqual([]);
  });

  test('every key path of the fixture is still set by some environment', () => {
    expect([...Object.keys(fixture.keys), ...freeForm].filter((path) => !produced.has(path))).toEqual([]);
  });
});
