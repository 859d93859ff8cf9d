/**
 * The filestore as every Ryax environment on disk renders it: the names the services and the workers
 * depend on (Service ryax-minio:9000, the keys of ryax-minio-secret), a restricted pod, the chart's
 * defaults and the environment's overrides, its environment checked against MinIO's contract, the
 * bucket step, and metrics the ServiceMonitor can scrape.
 */
import { App } from 'cdk8s';
import { namespaceOf } from '../../../src/config/environment.js';
import { overridesOf } from '../../../src/config/components.js';
import { loadPlatformEnvironments } from '../../../src/config/load.js';
import { PlatformChart } from '../../../src/platform/chart.js';
import { SCRAPE_LABEL } from '../../../src/platform/metadata.js';
import { collectObjects } from '../../../src/synth/collect.js';
import type { Manifest, RenderedEnvironment } from '../../../src/synth/manifest.js';
import { contractProblems } from '../../../src/validate/contracts.js';
import { REPO_ROOT } from '../../../test/helpers.js';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { RYAX_IMAGE_CONTRACTS } from '../contracts/index.js';
import { FILESTORE_BUCKET } from '../shared/env.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import { RYAX_SECRETS, type SharedSecret } from '../shared/secrets.js';
import type { RyaxServiceProps } from '../shared/service.js';
import { FilestoreBucket } from './bucket.js';
import { Filestore } from './index.js';
import { filestoreServiceMonitor } from './monitoring.js';

type Settings = Omit<RyaxServiceProps, 'env' | 'namespace'>;
type Container = { name: string; image: string; command?: string[]; args?: string[]; env?: any[]; [field: string]: any };

const ENVIRONMENTS = await loadPlatformEnvironments(RYAX, REPO_ROOT);

/** The filestore, its bucket Job and its ServiceMonitor, as the environment's charts would render them. */
function render(env: RyaxEnvironment, settings: Settings = overridesOf<'service'>(env.components.filestore)): RenderedEnvironment {
  const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'unit' });
  const namespace = namespaceOf(env, 'backbone');
  new Filestore(chart, 'filestore', { env, namespace, ...settings });
  new FilestoreBucket(chart, 'bucket', { env, namespace: namespaceOf(env, 'services'), ...settings });
  filestoreServiceMonitor(chart, 'monitor', env, namespace);
  return { name: env.name, imageContracts: RYAX_IMAGE_CONTRACTS, applications: [{ name: 'unit', wave: 0, namespace, objects: collectObjects(chart) }] };
}

const manifests = (rendered: RenderedEnvironment): Manifest[] => rendered.applications.flatMap((a) => a.objects.map((o) => o.manifest));
const find = (rendered: RenderedEnvironment, kind: string, name: string): any => {
  const found = manifests(rendered).find((m) => m.kind === kind && m.metadata.name === name);
  if (found === undefined) throw new Error(`no ${kind} ${name}`);
  return found;
};
const serverPod = (rendered: RenderedEnvironment) => find(rendered, 'StatefulSet', 'ryax-minio').spec.template.spec;
const server = (rendered: RenderedEnvironment): Container => serverPod(rendered).containers[0];
const bucketPod = (rendered: RenderedEnvironment) => find(rendered, 'Job', 'ryax-minio-bucket').spec.template.spec;
const bucket = (rendered: RenderedEnvironment): Container => bucketPod(rendered).containers[0];
const variable = (container: Container, name: string) => container.env?.find((each) => each.name === name);
const findings = (rendered: RenderedEnvironment) => contractProblems(rendered).map((problem) => `${problem.rule}: ${problem.message}`);

test('every Ryax environment on disk is rendered here', () => {
  expect(ENVIRONMENTS.map((env) => env.name)).toEqual(expect.arrayContaining(['ryax-dev', 'ryax-prod']));
});

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const rendered = render(env);
  const namespace = namespaceOf(env, 'backbone');

  test('the services and the workers reach it as ryax-minio.<namespace>:9000, the chart’s filestore address', () => {
    const service = find(rendered, 'Service', 'ryax-minio');
    expect(service.metadata.namespace).toBe(namespace);
    expect(service.spec.ports).toEqual([{ name: 's3', port: 9000, targetPort: 's3', protocol: 'TCP' }]);
    // The Service selects the server's pods, whose port of that name is MinIO's :9000.
    expect(serverPod(rendered)).toBeDefined();
    const podLabels = find(rendered, 'StatefulSet', 'ryax-minio').spec.template.metadata.labels;
    expect(podLabels).toEqual(expect.objectContaining(service.spec.selector));
    expect(server(rendered).ports).toEqual([{ name: 's3', containerPort: 9000, protocol: 'TCP' }]);
  });

  test('its root user is the services’ user: both read the same keys of ryax-minio-secret, which the Secret has', () => {
    const shared = RYAX_SECRETS.filestore as SharedSecret;
    const keys = [...shared.keys, ...Object.keys(shared.derived?.(namespace) ?? {})];
    const refs = (container: Container) =>
      (container.env ?? [])
        .filter((each) => each.valueFrom?.secretKeyRef !== undefined)
        .map((each) => [each.name, each.valueFrom.secretKeyRef.name, each.valueFrom.secretKeyRef.key]);
    expect(refs(server(rendered))).toEqual([
      ['MINIO_ROOT_USER', 'ryax-minio-secret', 'filestore-access'],
      ['MINIO_ROOT_PASSWORD', 'ryax-minio-secret', 'filestore-secret'],
    ]);
    expect(refs(bucket(rendered))).toEqual([
      ['FILESTORE_ADDRESS', 'ryax-minio-secret', 'filestore'],
      ['FILESTORE_ACCESS_KEY', 'ryax-minio-secret', 'filestore-access'],
      ['FILESTORE_SECRET_KEY', 'ryax-minio-secret', 'filestore-secret'],
    ]);
    for (const [, , key] of [...refs(server(rendered)), ...refs(bucket(rendered))]) expect(keys).toContain(key);
  });

  test.each([
    ['server', serverPod],
    ['bucket Job', bucketPod],
  ])('the %s pod is restricted: the chart’s non-root 1200, read-only root, no privilege, no token', (_what, pod) => {
    const spec = pod(rendered);
    expect(spec.securityContext).toEqual({ runAsNonRoot: true, runAsUser: 1200, runAsGroup: 1200, fsGroup: 1200, seccompProfile: { type: 'RuntimeDefault' } });
    expect(spec.automountServiceAccountToken).toBe(false);
    for (const container of spec.containers) {
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  test('the server writes its data volume only, and /tmp (mc’s configuration too) is an emptyDir', () => {
    expect(server(rendered).volumeMounts).toEqual([
      { name: 'writable-tmp', mountPath: '/tmp' },
      { name: 'data', mountPath: '/data' },
    ]);
    expect(server(rendered).args?.slice(0, 2)).toEqual(['server', '/data']);
    expect(bucket(rendered).volumeMounts).toEqual([{ name: 'writable-tmp', mountPath: '/tmp' }]);
    expect(bucketPod(rendered).volumes).toEqual([{ name: 'writable-tmp', emptyDir: {} }]);
  });

  test('probes ask MinIO’s health endpoints on its port: the cluster check for readiness, the liveness check', () => {
    expect(server(rendered).readinessProbe.httpGet).toEqual({ path: '/minio/health/cluster', port: 's3' });
    expect(server(rendered).livenessProbe.httpGet).toEqual({ path: '/minio/health/live', port: 's3' });
  });

  test('its environment and arguments are what MinIO reads, the bucket Job’s what mc reads', () => {
    expect(findings(rendered)).toEqual([]);
    expect(server(rendered).args).toEqual(['server', '/data', ...(env.logging.json ? ['--json'] : [])]);
  });

  test('the metrics are served without a token to the ServiceMonitor of the filestore’s Service, not to the namespace’s', () => {
    expect(variable(server(rendered), 'MINIO_PROMETHEUS_AUTH_TYPE')).toEqual({ name: 'MINIO_PROMETHEUS_AUTH_TYPE', value: 'public' });
    const services = manifests(rendered).filter((m) => m.kind === 'Service') as any[];
    // The namespace's ServiceMonitor scrapes /metrics on a `metrics` port of labelled Services: MinIO has neither.
    for (const service of services) {
      expect(service.metadata.labels[SCRAPE_LABEL]).toBeUndefined();
      expect(service.spec.ports.map((port: any) => port.name)).not.toContain('metrics');
    }
    const monitor = find(rendered, 'ServiceMonitor', 'ryax-minio');
    const selected = services.filter((service) =>
      Object.entries(monitor.spec.selector.matchLabels).every(([key, value]) => service.metadata.labels[key] === value),
    );
    expect(selected.map((service) => service.metadata.name)).toEqual(['ryax-minio']);
    expect(monitor.metadata.labels).toEqual(expect.objectContaining(env.monitoring.serviceMonitorLabels));
    expect(monitor.spec.endpoints).toEqual([
      { port: 's3', path: '/minio/v2/metrics/cluster', scheme: 'http', interval: '30s' },
      { port: 's3', path: '/minio/v2/metrics/node', scheme: 'http', interval: '30s' },
    ]);
  });
});

describe('defaults and overrides', () => {
  const env = ENVIRONMENTS.find((each) => each.name === 'ryax-prod') ?? ENVIRONMENTS[0]!;

  test('by default: one server, the chart’s 20Gi kept when the StatefulSet goes, its 1000Mi, the backbone’s priority, the last published image', () => {
    const rendered = render(env, {});
    const set = find(rendered, 'StatefulSet', 'ryax-minio');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.serviceName).toBe('ryax-minio-headless');
    expect(find(rendered, 'Service', 'ryax-minio-headless').spec.clusterIP).toBe('None');
    expect(set.spec.volumeClaimTemplates.map((claim: any) => [claim.metadata.name, claim.spec.resources.requests.storage])).toEqual([['data', '20Gi']]);
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(server(rendered).resources).toEqual({ requests: { cpu: '100m', memory: '1000Mi' }, limits: { cpu: '1', memory: '1000Mi' } });
    expect(serverPod(rendered).priorityClassName).toBe(priorityClassName(env, 'backbone'));
    expect(server(rendered).image).toBe('quay.io/minio/minio:RELEASE.2025-09-07T16-13-09Z');
    expect(bucket(rendered).image).toBe(server(rendered).image);
    expect(server(rendered).env?.map((each: any) => [each.name, each.value])).toEqual([
      ['MINIO_ROOT_USER', undefined],
      ['MINIO_ROOT_PASSWORD', undefined],
      ['MINIO_PROMETHEUS_AUTH_TYPE', 'public'],
      ['MINIO_BROWSER', 'off'],
      ['MINIO_UPDATE', 'off'],
    ]);
  });

  test('the environment’s storage, resources, image tag and variables replace the defaults, in the bucket Job too', () => {
    const rendered = render(env, {
      storage: '100Gi',
      resources: { requests: { cpu: '200m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
      imageTag: 'RELEASE.2025-07-23T15-54-02Z',
      variables: { MINIO_BROWSER: 'on' },
    });
    expect(find(rendered, 'StatefulSet', 'ryax-minio').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
    expect(server(rendered).resources).toEqual({ requests: { cpu: '200m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } });
    expect([server(rendered).image, bucket(rendered).image]).toEqual([
      'quay.io/minio/minio:RELEASE.2025-07-23T15-54-02Z',
      'quay.io/minio/minio:RELEASE.2025-07-23T15-54-02Z',
    ]);
    expect(variable(server(rendered), 'MINIO_BROWSER')).toEqual({ name: 'MINIO_BROWSER', value: 'on' });
  });

  test('a variable MinIO does not read, or a value it refuses, is a finding that names it and what it reads', () => {
    expect(findings(render(env, { variables: { MINIO_ROOT_USR: 'ryax' } }))).toEqual([
      'contract/variable: container minio: minio/minio does not read MINIO_ROOT_USR; did you mean MINIO_ROOT_USER? [minio/minio@RELEASE.2025-09-07T16-13-09Z]',
    ]);
    expect(findings(render(env, { variables: { MINIO_BROWSER: 'no' } }))).toEqual([expect.stringMatching(/^contract\/form: .*MINIO_BROWSER="no"/)]);
  });

  test('an image tag the contract was not read at is a finding', () => {
    expect(findings(render(env, { imageTag: 'RELEASE.2025-10-15T17-29-55Z' }))).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^contract\/unknown-image: .*was read at RELEASE\.2025-09-07T16-13-09Z, not RELEASE\.2025-10-15T17-29-55Z/),
      ]),
    );
  });

  test('scaled to zero it stops; a second replica, which would be a second empty store, is refused', () => {
    expect(find(render(env, { replicas: 0 }), 'StatefulSet', 'ryax-minio').spec.replicas).toBe(0);
    expect(() => render(env, { replicas: 2 })).toThrow(
      "components.filestore.replicas is 2, but the filestore is one MinIO server on one volume (the chart's standalone mode); a second replica would be a second, empty store: set 0 or 1",
    );
  });
});

describe('the bucket step', () => {
  const env = ENVIRONMENTS[0]!;
  const rendered = render(env);

  test('makes the bucket the services are given, with mc, ignoring one that exists', () => {
    expect(bucket(rendered).command).toEqual(['/usr/bin/mc']);
    expect(bucket(rendered).args).toEqual(['mb', '--ignore-existing', `filestore/${FILESTORE_BUCKET}`]);
    expect(FILESTORE_BUCKET).toBe('ryax-filestore');
  });

  test('reaches the filestore by the address, user and password the services read, expanded by the kubelet in order', () => {
    const names = bucket(rendered).env!.map((each: any) => each.name);
    const host = variable(bucket(rendered), 'MC_HOST_filestore');
    expect(host).toEqual({ name: 'MC_HOST_filestore', value: 'http://$(FILESTORE_ACCESS_KEY):$(FILESTORE_SECRET_KEY)@$(FILESTORE_ADDRESS)' });
    // The kubelet expands only variables defined earlier in the list.
    for (const expanded of ['FILESTORE_ADDRESS', 'FILESTORE_ACCESS_KEY', 'FILESTORE_SECRET_KEY'])
      expect(names.indexOf(expanded)).toBeLessThan(names.indexOf('MC_HOST_filestore'));
  });

  test('runs before every sync of the services, replacing the previous run, and gives up after ten minutes', () => {
    const job = find(rendered, 'Job', 'ryax-minio-bucket');
    expect(job.metadata.namespace).toBe(namespaceOf(env, 'services'));
    expect(job.metadata.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    expect([job.spec.backoffLimit, job.spec.activeDeadlineSeconds, job.spec.template.spec.restartPolicy]).toEqual([6, 600, 'Never']);
  });
});
