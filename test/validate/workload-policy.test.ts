import type { Manifest } from '../../src/synth/manifest.js';
import { unpinned, workloadProblems } from '../../src/validate/workload-policy.js';
import { ENVIRONMENTS, manifestsOf, renderReal } from '../helpers.js';

function deployment(edit: (pod: any, container: any, manifest: any) => void = () => {}): Manifest {
  const container = {
    name: 'api',
    image: 'quay.io/thoth-station/user-api:v1.0.0',
    resources: { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
    readinessProbe: { httpGet: { path: '/', port: 'http' } },
    livenessProbe: { httpGet: { path: '/', port: 'http' } },
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
  };
  const pod = {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    containers: [container],
  };
  const manifest = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'ns' },
    spec: { selector: { matchLabels: { 'app.kubernetes.io/name': 'api', 'app.kubernetes.io/instance': 'api-prod' } }, template: { spec: pod } },
  };
  edit(pod, container, manifest);
  return manifest;
}

const messages = (manifest: Manifest) => workloadProblems(manifest).map((problem) => `${problem.rule}: ${problem.message}`);

describe('workload policy', () => {
  test('a workload with the secure defaults passes', () => {
    expect(messages(deployment())).toEqual([]);
  });

  test.each([
    ['root allowed', (pod: any) => delete pod.securityContext.runAsNonRoot, 'policy/pod-security: pod securityContext.runAsNonRoot is not true'],
    [
      'no seccomp profile',
      (pod: any) => delete pod.securityContext.seccompProfile,
      'policy/pod-security: pod securityContext.seccompProfile.type must be RuntimeDefault or Localhost',
    ],
    ['host network', (pod: any) => (pod.hostNetwork = true), 'policy/pod-security: uses the host network, PID or IPC namespace'],
    ['hostPath volume', (pod: any) => (pod.volumes = [{ name: 'docker', hostPath: { path: '/var/run' } }]), 'policy/pod-security: volume docker is a hostPath'],
    [
      'token without identity',
      (pod: any) => delete pod.automountServiceAccountToken,
      'policy/service-account-token: mounts an API token without its own ServiceAccount; set automountServiceAccountToken: false or give it an identity',
    ],
    [
      'privilege escalation',
      (_: any, c: any) => (c.securityContext.allowPrivilegeEscalation = true),
      'policy/pod-security: container api: allowPrivilegeEscalation must be false',
    ],
    ['capabilities kept', (_: any, c: any) => (c.securityContext.capabilities = {}), 'policy/pod-security: container api: capabilities must drop ALL'],
    [
      'writable root',
      (_: any, c: any) => delete c.securityContext.readOnlyRootFilesystem,
      'policy/pod-security: container api: readOnlyRootFilesystem must be true (mount an emptyDir where it writes)',
    ],
    ['no memory limit', (_: any, c: any) => delete c.resources.limits.memory, 'policy/resources: container api: no memory limit'],
    [
      'latest image',
      (_: any, c: any) => (c.image = 'quay.io/thoth-station/user-api:latest'),
      'policy/image: container api: image quay.io/thoth-station/user-api:latest uses "latest"; pin a version',
    ],
    [
      'no liveness probe',
      (_: any, c: any) => delete c.livenessProbe,
      'policy/probes: container api: a long-running container needs a readinessProbe and a livenessProbe',
    ],
    [
      'version in the selector',
      (_: any, __: any, m: any) => (m.spec.selector.matchLabels['app.kubernetes.io/version'] = 'v1'),
      'policy/selector: selector holds app.kubernetes.io/version; select on app.kubernetes.io/name and app.kubernetes.io/instance only',
    ],
  ])('finds %s', (_name, edit, expected) => {
    expect(messages(deployment(edit as never))).toEqual([expected]);
  });

  test.each([
    ['quay.io/thoth-station/user-api:v0.35.10', undefined],
    ['localhost:5000/user-api:v1', undefined],
    [`docker.io/library/postgres@sha256:${'a'.repeat(64)}`, undefined],
    ['localhost:5000/user-api', 'image localhost:5000/user-api has no tag; pin a version'],
    ['postgres', 'image postgres has no tag; pin a version'],
  ])('image %s', (image, problem) => {
    expect(unpinned(image)).toBe(problem);
  });
});

describe('every object of every environment', () => {
  test.each(ENVIRONMENTS)('%s: every workload passes the policy', async (name) => {
    const env = await renderReal(name);
    const workloads = manifestsOf(env).filter((m) => ['Deployment', 'StatefulSet', 'CronJob'].includes(m.kind));
    expect(workloads.length).toBeGreaterThan(0);
    for (const workload of workloads)
      expect({ workload: `${workload.kind} ${workload.metadata.name}`, problems: messages(workload) }).toEqual({
        workload: `${workload.kind} ${workload.metadata.name}`,
        problems: [],
      });
  });
});
