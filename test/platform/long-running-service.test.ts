/**
 * LongRunningService (src/platform/web-service.ts): a Deployment, its Service and, given a host, an
 * Ingress. Rendered with empty optional props, each documented default; then each given.
 */
import { Env } from '../../src/platform/env.js';
import { httpProbe, LongRunningService, type LongRunningServiceProps } from '../../src/platform/web-service.js';
import { DEMO_CONTRACT, DEMO_ENVIRONMENT, NAMESPACE, only, renderBlock } from './library.js';

function render(props: Partial<LongRunningServiceProps> = {}, env = DEMO_ENVIRONMENT) {
  return renderBlock((chart) => {
    new LongRunningService(chart, 'Service', {
      env,
      name: 'web',
      namespace: NAMESPACE,
      role: 'api',
      image: 'registry.example.org/demo/web:1.0.0',
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } },
      environment: Env.for(DEMO_CONTRACT),
      ports: [{ name: 'http', containerPort: 8080, servicePort: 80 }],
      ...props,
    });
  }, env);
}

test('with only what it requires: one replica, selected by name and instance, a Service of its ports, not scraped, no Ingress', () => {
  const manifests = render();
  expect(manifests.map((manifest) => manifest.kind).sort()).toEqual(['Deployment', 'Service']);
  const deployment = only(manifests, 'Deployment', 'web');
  expect(deployment.spec).toMatchObject({
    replicas: 1,
    revisionHistoryLimit: 3,
    selector: { matchLabels: { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'web-demo' } },
  });
  expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBeUndefined();
  expect(deployment.spec.template.spec.containers[0].ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
  const service = only(manifests, 'Service', 'web');
  expect(service.spec.ports).toEqual([{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }]);
  expect(service.metadata.labels['thoth-station.ninja/scrape']).toBeUndefined();
});

test('replicas, variables, probes, stop bound and a host: each renders', () => {
  const manifests = render({
    replicas: 3,
    variables: { EXTRA: 'yes' },
    readinessProbe: httpProbe('/ready', 'http'),
    stopBoundMs: 20_000,
    host: 'web.example.org',
  });
  const deployment = only(manifests, 'Deployment');
  expect(deployment.spec.replicas).toBe(3);
  expect(deployment.spec.template.spec.terminationGracePeriodSeconds).toBe(25);
  expect(deployment.spec.template.spec.containers[0]).toMatchObject({
    env: [{ name: 'EXTRA', value: 'yes' }],
    readinessProbe: { httpGet: { path: '/ready', port: 'http' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
  });
  // No ClusterIssuer in the environment: the Ingress serves plain HTTP.
  expect(only(manifests, 'Ingress', 'web')).toMatchObject({
    spec: {
      ingressClassName: 'traefik',
      rules: [{ host: 'web.example.org', http: { paths: [{ backend: { service: { name: 'web', port: { number: 80 } } } }] } }],
    },
  });
  expect(only(manifests, 'Ingress').spec.tls).toBeUndefined();
});

test('with a ClusterIssuer, the Ingress asks cert-manager for a certificate in <name>-tls', () => {
  const env = { ...DEMO_ENVIRONMENT, network: { ...DEMO_ENVIRONMENT.network, tlsClusterIssuer: 'letsencrypt' } };
  const ingress = only(render({ host: 'web.example.org' }, env), 'Ingress');
  expect(ingress.metadata.annotations).toEqual({ 'cert-manager.io/cluster-issuer': 'letsencrypt' });
  expect(ingress.spec.tls).toEqual([{ hosts: ['web.example.org'], secretName: 'web-tls' }]);
});

test('metrics on the http port: the Service exposes it as metrics too and is labelled for the namespace ServiceMonitor', () => {
  const service = only(render({ metricsOnHttpPort: true }), 'Service');
  expect(service.spec.ports.map((port: { name: string; port: number }) => `${port.name}:${port.port}`)).toEqual(['http:80', 'metrics:8080']);
  expect(service.metadata.labels['thoth-station.ninja/scrape']).toBe('true');
  expect(only(render({ metricsOnHttpPort: true, scrapeLabelValue: 'other' }), 'Service').metadata.labels['thoth-station.ninja/scrape']).toBe('other');
});

test('no ports: a Deployment only', () => {
  expect(render({ ports: [] }).map((manifest) => manifest.kind)).toEqual(['Deployment']);
});
