/**
 * The registry as every Ryax environment on disk renders it: the names the action-builder, the runner
 * and the nodes depend on (Service ryax-registry:5000, NodePort 30012 or registry.<host>, the
 * dockerconfigjson Secret), its environment checked against Distribution's contract, a restricted pod,
 * the documented defaults, and the garbage collection that runs before the registry serves.
 */
import { App } from 'cdk8s';
import { namespaceOf } from '../../../src/config/environment.js';
import { loadPlatformEnvironments } from '../../../src/config/load.js';
import { PlatformChart } from '../../../src/platform/chart.js';
import { SCRAPE_LABEL } from '../../../src/platform/metadata.js';
import { serviceMonitor } from '../../../src/platform/service-monitor.js';
import { collectObjects } from '../../../src/synth/collect.js';
import type { Manifest, RenderedEnvironment } from '../../../src/synth/manifest.js';
import { contractProblems } from '../../../src/validate/contracts.js';
import { REPO_ROOT } from '../../../test/helpers.js';
import { RYAX } from '../../../platforms/ryax/platform.js';
import { RYAX_IMAGE_CONTRACTS } from '../contracts/index.js';
import { RYAX_REGISTRY_CONTRACT } from '../contracts/registry.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import { dockerConfigJson } from './credentials.js';
import { Registry, type RegistryProps } from './index.js';
import { RYAX_KUBECTL_CONTRACT } from '../contracts/kubectl.js';

type Settings = Omit<RegistryProps, 'env' | 'namespace'>;
type Container = { name: string; image: string; command?: string[]; args?: string[]; env?: any[]; [field: string]: any };

const ENVIRONMENTS = await loadPlatformEnvironments(RYAX, REPO_ROOT);
const CONTRACTS = [...new Set([...RYAX_IMAGE_CONTRACTS, RYAX_REGISTRY_CONTRACT, RYAX_KUBECTL_CONTRACT])];

/** The registry and the namespace's ServiceMonitor, as the environment's charts would render them. */
function render(env: RyaxEnvironment, settings: Settings = {}): RenderedEnvironment {
  const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'unit' });
  const namespace = namespaceOf(env, 'backbone');
  new Registry(chart, 'registry', { env, namespace, ...settings });
  serviceMonitor(chart, 'monitor', { env, name: env.platform, namespace });
  return { name: env.name, imageContracts: CONTRACTS, applications: [{ name: 'unit', wave: 0, namespace, objects: collectObjects(chart) }] };
}

const manifests = (rendered: RenderedEnvironment): Manifest[] => rendered.applications.flatMap((a) => a.objects.map((o) => o.manifest));
const find = (rendered: RenderedEnvironment, kind: string, name: string, namespace?: string): any => {
  const found = manifests(rendered).find((m) => m.kind === kind && m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace));
  if (found === undefined) throw new Error(`no ${kind} ${namespace ?? ''}/${name}`);
  return found;
};
const pod = (rendered: RenderedEnvironment) => find(rendered, 'StatefulSet', 'ryax-registry').spec.template.spec;
const registry = (rendered: RenderedEnvironment): Container => pod(rendered).containers[0];
const collector = (rendered: RenderedEnvironment): Container => pod(rendered).initContainers[0];
const cronJob = (rendered: RenderedEnvironment) => find(rendered, 'CronJob', 'ryax-registry-garbage-collect');
const jobPod = (rendered: RenderedEnvironment) => cronJob(rendered).spec.jobTemplate.spec.template.spec;
const values = (container: Container) => Object.fromEntries((container.env ?? []).map((each) => [each.name, each.value]));
const findings = (rendered: RenderedEnvironment) => contractProblems(rendered).map((problem) => `${problem.rule}: ${problem.message}`);

test('every Ryax environment on disk is rendered here', () => {
  expect(ENVIRONMENTS.map((env) => env.name)).toEqual(expect.arrayContaining(['ryax-dev', 'ryax-prod']));
});

describe.each(ENVIRONMENTS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  const rendered = render(env);
  const namespace = namespaceOf(env, 'backbone');
  const tls = env.network.tlsClusterIssuer !== undefined;
  const nodeAddress = tls ? `registry.${env.host}` : '127.0.0.1:30012';

  test('the action-builder pushes to ryax-registry:5000, the Service of the registry’s API port', () => {
    const service = find(rendered, 'Service', 'ryax-registry', namespace);
    expect(service.spec.ports).toEqual([
      { name: 'http', port: 5000, targetPort: 'http', protocol: 'TCP' },
      { name: 'metrics', port: 5001, targetPort: 'metrics', protocol: 'TCP' },
    ]);
    expect(find(rendered, 'StatefulSet', 'ryax-registry').spec.template.metadata.labels).toEqual(expect.objectContaining(service.spec.selector));
    expect(registry(rendered).ports).toEqual([
      { name: 'http', containerPort: 5000, protocol: 'TCP' },
      { name: 'metrics', containerPort: 5001, protocol: 'TCP' },
    ]);
    expect(values(registry(rendered))).toEqual(expect.objectContaining({ REGISTRY_HTTP_ADDR: ':5000', REGISTRY_HTTP_DEBUG_ADDR: ':5001' }));
  });

  test(
    tls
      ? 'the nodes pull from registry.<host>: an Ingress with its own certificate, no NodePort'
      : 'the nodes pull from 127.0.0.1:30012: a NodePort on every node, no Ingress',
    () => {
      const nodePort = manifests(rendered).find((m) => m.kind === 'Service' && (m as any).spec.type === 'NodePort') as any;
      const ingresses = manifests(rendered).filter((m) => m.kind === 'Ingress') as any[];
      if (!tls) {
        expect(nodePort.metadata.name).toBe('ryax-registry-nodeport');
        expect(nodePort.spec).toEqual(
          expect.objectContaining({
            externalTrafficPolicy: 'Cluster',
            ports: [{ name: 'http', port: 5000, targetPort: 'http', protocol: 'TCP', nodePort: 30012 }],
          }),
        );
        expect(ingresses).toEqual([]);
        return;
      }
      expect(nodePort).toBeUndefined();
      const serving = find(rendered, 'Ingress', 'ryax-registry');
      expect(serving.metadata.annotations).toEqual({ 'traefik.ingress.kubernetes.io/router.entrypoints': 'websecure' });
      expect(serving.spec).toEqual({
        ingressClassName: env.network.ingressClassName,
        tls: [{ hosts: [nodeAddress], secretName: 'ryax-registry-tls' }],
        rules: [
          { host: nodeAddress, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'ryax-registry', port: { number: 5000 } } } }] } },
        ],
      });
      expect(find(rendered, 'Certificate', 'ryax-registry-tls').spec).toEqual({
        secretName: 'ryax-registry-tls',
        dnsNames: [nodeAddress],
        issuerRef: { kind: 'ClusterIssuer', name: env.network.tlsClusterIssuer },
      });
      const redirect = find(rendered, 'Ingress', 'ryax-registry-http');
      expect(redirect.spec.rules).toEqual(serving.spec.rules);
      expect(redirect.spec.tls).toBeUndefined();
      expect(redirect.metadata.annotations['traefik.ingress.kubernetes.io/router.middlewares']).toBe(`${namespace}-ryax-registry-https-redirect@kubernetescrd`);
      expect(find(rendered, 'Middleware', 'ryax-registry-https-redirect').spec).toEqual({ redirectScheme: { scheme: 'https', permanent: true } });
    },
  );

  test('ryax-registry-creds-secret logs the pushes and the pulls in, where the action-builder and the actions run', () => {
    const secrets = manifests(rendered).filter((m) => m.kind === 'ExternalSecret' && m.metadata.name === 'ryax-registry-creds-secret') as any[];
    expect(secrets.map((secret) => secret.metadata.namespace).sort()).toEqual([namespace, namespaceOf(env, 'executions')].sort());
    for (const secret of secrets) {
      expect(secret.spec.target.template.type).toBe('kubernetes.io/dockerconfigjson');
      expect(secret.spec.data).toEqual([
        { secretKey: 'registry-password', remoteRef: { key: `${env.secrets.keyPrefix}/ryax-registry`, property: 'registry-password' } },
        { secretKey: 'registry-user', remoteRef: { key: `${env.secrets.keyPrefix}/ryax-registry`, property: 'registry-user' } },
      ]);
      // The kubelet matches an image's registry (host[:port]) against these keys.
      const config = JSON.parse(secret.spec.target.template.data['.dockerconfigjson'].replaceAll(/\{\{.*?\}\}/g, 'AUTH'));
      expect(config).toEqual({ auths: { 'ryax-registry:5000': { auth: 'AUTH' }, [nodeAddress]: { auth: 'AUTH' } } });
    }
  });

  test('the registry checks logins against the stored htpasswd line, mounted read-only where REGISTRY_AUTH names it', () => {
    const htpasswd = find(rendered, 'ExternalSecret', 'ryax-registry-htpasswd', namespace);
    expect(htpasswd.spec.data).toEqual([{ secretKey: 'htpasswd', remoteRef: { key: `${env.secrets.keyPrefix}/ryax-registry`, property: 'htpasswd' } }]);
    expect(htpasswd.spec.target.template).toBeUndefined();
    expect(JSON.parse(values(registry(rendered)).REGISTRY_AUTH)).toEqual({ htpasswd: { realm: 'ryax-registry', path: '/auth/htpasswd' } });
    expect(pod(rendered).volumes).toEqual(
      expect.arrayContaining([{ name: 'htpasswd', secret: { secretName: 'ryax-registry-htpasswd', items: [{ key: 'htpasswd', path: 'htpasswd' }] } }]),
    );
    expect(registry(rendered).volumeMounts).toEqual(expect.arrayContaining([{ name: 'htpasswd', mountPath: '/auth', readOnly: true }]));
  });

  test('every container’s environment and arguments are what its image reads', () => {
    expect(findings(rendered)).toEqual([]);
  });

  test('the registry pod is restricted: non-root 65534 with its fsGroup, read-only root, no privilege, no token', () => {
    const spec = pod(rendered);
    expect(spec.securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 65534,
      runAsGroup: 65534,
      fsGroup: 65534,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(spec.automountServiceAccountToken).toBe(false);
    for (const container of [...spec.initContainers, ...spec.containers]) {
      expect(container.securityContext).toEqual({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        runAsNonRoot: true,
        capabilities: { drop: ['ALL'] },
      });
    }
    // Nothing of the chart's cert-setup DaemonSet: no host path, no host namespaces, no DaemonSet at all.
    expect(manifests(rendered).filter((m) => m.kind === 'DaemonSet')).toEqual([]);
    expect(JSON.stringify(manifests(rendered))).not.toMatch(/hostPath|hostNetwork|hostPID|privileged/);
  });

  test('the registry and its collector write the data volume only, at the storage root they both read', () => {
    for (const container of [registry(rendered), collector(rendered)]) {
      expect(values(container).REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY).toBe('/var/lib/registry');
      expect(container.volumeMounts.filter((mount: any) => mount.readOnly !== true)).toEqual([
        { name: 'writable-tmp', mountPath: '/tmp' },
        { name: 'data', mountPath: '/var/lib/registry' },
      ]);
    }
  });

  test('garbage collection runs before the registry serves, on the same storage, skips an empty one, and a failure does not keep it from serving', () => {
    expect(collector(rendered).name).toBe('garbage-collect');
    expect(collector(rendered).image).toBe(registry(rendered).image);
    expect(collector(rendered).command).toEqual([
      '/bin/sh',
      '-c',
      '[ ! -d "${REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY:-/var/lib/registry}/docker/registry/v2/repositories" ] || registry garbage-collect --delete-untagged /etc/distribution/config.yml || echo "garbage collection failed; serving the registry as it is" >&2',
    ]);
    expect(registry(rendered).args).toEqual(['/etc/distribution/config.yml']);
  });

  test('the CronJob restarts the registry’s one pod at night, allowed to delete that pod and nothing else', () => {
    const job = cronJob(rendered);
    expect(job.spec.schedule).toBe('0 3 * * *');
    expect(job.spec.concurrencyPolicy).toBe('Forbid');
    const container = jobPod(rendered).containers[0];
    expect(container.image).toBe('registry.k8s.io/kubectl:v1.32.13');
    expect(container.args).toEqual([
      'delete',
      'pod',
      'ryax-registry-0',
      `--namespace=${namespace}`,
      '--ignore-not-found=true',
      '--wait=false',
      '--cache-dir=/tmp/kubectl-cache',
    ]);
    expect(jobPod(rendered).serviceAccountName).toBe('ryax-registry-garbage-collect');
    expect(find(rendered, 'Role', 'ryax-registry-garbage-collect-restart-registry').rules).toEqual([
      { apiGroups: [''], resources: ['pods'], resourceNames: ['ryax-registry-0'], verbs: ['delete'] },
    ]);
    const binding = find(rendered, 'RoleBinding', 'ryax-registry-garbage-collect-restart-registry');
    expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name: 'ryax-registry-garbage-collect', namespace }]);
    expect(jobPod(rendered).securityContext.runAsNonRoot).toBe(true);
    expect(jobPod(rendered).containers[0].securityContext.readOnlyRootFilesystem).toBe(true);
  });

  test('a stopping registry drains the requests in flight within the pod’s grace period', () => {
    expect(values(registry(rendered)).REGISTRY_HTTP_DRAINTIMEOUT).toBe('60s');
    expect(pod(rendered).terminationGracePeriodSeconds).toBeGreaterThan(60);
  });

  test('the namespace’s ServiceMonitor scrapes the registry’s metrics port, where the debug server serves /metrics', () => {
    const monitor = find(rendered, 'ServiceMonitor', env.platform);
    const service = find(rendered, 'Service', 'ryax-registry');
    expect(service.metadata.labels[SCRAPE_LABEL]).toBe('true');
    expect(Object.entries(monitor.spec.selector.matchLabels).every(([key, value]) => service.metadata.labels[key] === value)).toBe(true);
    expect(monitor.spec.endpoints.map((endpoint: any) => [endpoint.port, endpoint.path])).toEqual([['metrics', '/metrics']]);
    expect(values(registry(rendered))).toEqual(
      expect.objectContaining({ REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED: 'true', REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH: '/metrics' }),
    );
    // The other Services have no metrics port for it to scrape.
    for (const other of manifests(rendered).filter((m) => m.kind === 'Service' && m.metadata.name !== 'ryax-registry') as any[]) {
      expect(other.metadata.labels[SCRAPE_LABEL]).toBeUndefined();
    }
  });

  test('probes ask GET / on the API port, which answers without a login while the storage is healthy', () => {
    expect(registry(rendered).readinessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(registry(rendered).livenessProbe.httpGet).toEqual({ path: '/', port: 'http' });
    expect(values(registry(rendered)).REGISTRY_HEALTH_STORAGEDRIVER_ENABLED).toBe('true');
  });

  test('the registry logs at the environment’s level, in its format, labelled with its name', () => {
    const expected = { debug: 'debug', info: 'info', warning: 'warn', error: 'error' }[env.logLevel];
    expect(values(registry(rendered))).toEqual(
      expect.objectContaining({
        REGISTRY_LOG_LEVEL: expected,
        REGISTRY_LOG_FORMATTER: env.logging.json ? 'json' : 'text',
        REGISTRY_LOG_FIELDS_ENVIRONMENT: env.name,
      }),
    );
  });
});

describe('defaults and overrides', () => {
  const env = ENVIRONMENTS.find((each) => each.name === 'ryax-prod') ?? ENVIRONMENTS[0]!;

  test('by default: one pod, 20Gi kept when the StatefulSet goes, the backbone’s priority, the pinned image, deletes enabled', () => {
    const rendered = render(env);
    const set = find(rendered, 'StatefulSet', 'ryax-registry');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.serviceName).toBe('ryax-registry-headless');
    expect(find(rendered, 'Service', 'ryax-registry-headless').spec.clusterIP).toBe('None');
    expect(set.spec.volumeClaimTemplates.map((claim: any) => [claim.metadata.name, claim.spec.accessModes, claim.spec.resources.requests.storage])).toEqual([
      ['data', ['ReadWriteOnce'], '20Gi'],
    ]);
    expect(set.spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(pod(rendered).priorityClassName).toBe(priorityClassName(env, 'backbone'));
    expect(registry(rendered).image).toBe('docker.io/library/registry:3.1.1');
    expect(registry(rendered).resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } });
    expect(values(registry(rendered)).REGISTRY_STORAGE_DELETE_ENABLED).toBe('true');
    expect(cronJob(rendered).spec.schedule).toBe('0 3 * * *');
  });

  test('the environment’s storage, resources, image tag, variables and schedule replace the defaults, in the collector too', () => {
    const rendered = render(env, {
      storage: '200Gi',
      resources: { requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } },
      imageTag: '3.1.0',
      variables: { REGISTRY_LOG_ACCESSLOG_DISABLED: 'true' },
      garbageCollectSchedule: '30 2 * * 0',
    });
    expect(find(rendered, 'StatefulSet', 'ryax-registry').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('200Gi');
    for (const container of [registry(rendered), collector(rendered)]) {
      expect(container.resources).toEqual({ requests: { cpu: '200m', memory: '256Mi' }, limits: { cpu: '2', memory: '1Gi' } });
      expect(container.image).toBe('docker.io/library/registry:3.1.0');
      expect(values(container).REGISTRY_LOG_ACCESSLOG_DISABLED).toBe('true');
    }
    expect(cronJob(rendered).spec.schedule).toBe('30 2 * * 0');
  });

  test('a variable the registry does not read, or a value it refuses, is a finding that names it', () => {
    expect(findings(render(env, { variables: { REGISTRY_HTTPS_ADDR: ':5000' } }))).toEqual([
      expect.stringMatching(
        /^contract\/variable: container garbage-collect: library\/registry does not read REGISTRY_HTTPS_ADDR; did you mean REGISTRY_HTTP_ADDR\?/,
      ),
      expect.stringMatching(/^contract\/variable: container registry: library\/registry does not read REGISTRY_HTTPS_ADDR; did you mean REGISTRY_HTTP_ADDR\?/),
    ]);
    expect(findings(render(env, { variables: { REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED: 'enabled' } }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^contract\/form: container registry: REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED="enabled"/)]),
    );
  });

  test('an image tag the contract was not read at is a finding', () => {
    expect(findings(render(env, { imageTag: '3' }))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^contract\/unknown-image: container registry: runs docker.io\/library\/registry:3, but the contract/)]),
    );
  });

  test('a second replica or a schedule that is not a cron expression is refused with the value and what is accepted', () => {
    expect(() => render(env, { replicas: 2 })).toThrow(
      'components.registry.replicas is 2, but the registry keeps its images on one ReadWriteOnce volume and its garbage collection restarts its one pod (ryax-registry-0): set 0 or 1',
    );
    expect(() => render(env, { garbageCollectSchedule: '@daily at 3' })).toThrow(
      'Registry garbageCollectSchedule is "@daily at 3"; give a cron expression of five fields, such as "0 3 * * *"',
    );
  });
});

test('the dockerconfigjson template gives each address one login, once', () => {
  const template = dockerConfigJson(['ryax-registry:5000', '127.0.0.1:30012', 'ryax-registry:5000']);
  expect(Object.keys(JSON.parse(template.replaceAll(/\{\{.*?\}\}/g, 'AUTH')).auths)).toEqual(['ryax-registry:5000', '127.0.0.1:30012']);
  expect(template).toContain('{{ printf "%s:%s" (index . "registry-user") (index . "registry-password") | b64enc }}');
});
