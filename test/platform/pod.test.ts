/**
 * podTemplate (src/platform/pod.ts): the one pod every workload gets. What every workload relies on:
 * the restricted Pod Security Standard, a writable /tmp on a read-only root, no API token unless it
 * runs as an account of its own, and a grace period made from the program's stop bound.
 */
import { Env } from '../../src/platform/env.js';
import { podTemplate, resolveResources, stopGracePeriodSeconds, writableVolumeName } from '../../src/platform/pod.js';
import { DEMO_CONTRACT } from './library.js';

const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: 1 } };
const worker = { name: 'worker', image: 'registry.example.org/demo/worker:1.0.0', resources: RESOURCES };

test('defaults: user 1001, RuntimeDefault seccomp, no token, a writable /tmp, every container restricted', () => {
  const { spec } = podTemplate({ labels: { app: 'demo' }, containers: [worker] });
  expect(spec).toMatchObject({
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, runAsUser: 1001, runAsGroup: 1001, fsGroup: 1001, seccompProfile: { type: 'RuntimeDefault' } },
    volumes: [{ name: 'writable-tmp', emptyDir: {} }],
  });
  expect(spec?.serviceAccountName).toBeUndefined();
  expect(spec?.terminationGracePeriodSeconds).toBeUndefined();
  const [container] = spec?.containers ?? [];
  expect(container).toMatchObject({
    imagePullPolicy: 'IfNotPresent',
    securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ['ALL'] } },
    volumeMounts: [{ name: 'writable-tmp', mountPath: '/tmp' }],
  });
  // Quantities are strings, whatever the YAML number was.
  expect(container?.resources?.limits?.memory?.value).toBe('1');
  expect(container?.resources?.requests?.cpu?.value).toBe('100m');
});

test('an account of its own mounts its token; a user of its own changes the pod user and group', () => {
  const { spec } = podTemplate({ labels: {}, containers: [worker], serviceAccountName: 'worker', runAsUser: 26 });
  expect(spec).toMatchObject({ serviceAccountName: 'worker', automountServiceAccountToken: true, securityContext: { runAsUser: 26, fsGroup: 26 } });
});

test('writable paths of every container get one emptyDir each, shared by name; env volumes are mounted where the env says', () => {
  const env = Env.for(DEMO_CONTRACT);
  const { spec } = podTemplate({
    labels: {},
    initContainers: [{ ...worker, name: 'prepare', writablePaths: ['/var/cache/demo'] }],
    containers: [{ ...worker, writablePaths: ['/var/cache/demo', '/data'], env }],
  });
  expect(spec?.volumes?.map((volume) => volume.name)).toEqual(['writable-tmp', writableVolumeName('/var/cache/demo'), writableVolumeName('/data')]);
  expect(spec?.initContainers?.map((container) => container.name)).toEqual(['prepare']);
  expect(spec?.containers[0]?.env).toBeUndefined();
});

test('the grace period is the stop bound rounded up, plus 5 s for the program to exit by itself first', () => {
  expect(stopGracePeriodSeconds(25_000)).toBe(30);
  expect(stopGracePeriodSeconds(25_001)).toBe(31);
  expect(podTemplate({ labels: {}, containers: [worker], stopBoundMs: 60_000 }).spec?.terminationGracePeriodSeconds).toBe(65);
});

test('resolveResources: what is set replaces the default as a whole, requests and limits each', () => {
  expect(resolveResources(RESOURCES)).toEqual(RESOURCES);
  expect(resolveResources(RESOURCES, { requests: { cpu: '1m', memory: '1Mi' } })).toEqual({ requests: { cpu: '1m', memory: '1Mi' }, limits: RESOURCES.limits });
});
