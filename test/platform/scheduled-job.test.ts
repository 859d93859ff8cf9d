/**
 * ScheduledJob (src/platform/scheduled-job.ts): a CronJob that never overlaps itself, starts late
 * rather than not at all and reads its schedule in UTC. Rendered with empty optional props, each
 * documented default; then each optional prop given.
 */
import { Env } from '../../src/platform/env.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { ScheduledJob, type ScheduledJobProps } from '../../src/platform/scheduled-job.js';
import { DEMO_CONTRACT, DEMO_ENVIRONMENT, NAMESPACE, only, renderBlock } from './library.js';

const RESOURCES = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } };

function render(props: Partial<ScheduledJobProps> = {}) {
  const manifests = renderBlock((chart) => {
    new ScheduledJob(chart, 'Job', {
      env: DEMO_ENVIRONMENT,
      name: 'worker',
      namespace: NAMESPACE,
      image: 'registry.example.org/demo/worker:1.0.0',
      schedule: '@daily',
      resources: RESOURCES,
      environment: Env.for(DEMO_CONTRACT).secret('WORKER_TOKEN', 'worker', 'token'),
      ...props,
    });
  });
  return { manifests, cronJob: only(manifests, 'CronJob', 'worker') };
}

test('with only what it requires: runs, 1 h per run, 2 retries, user 1001, no account, UTC, no overlap, 5 min late at most', () => {
  const { cronJob } = render();
  expect(cronJob.metadata).toMatchObject({ name: 'worker', namespace: NAMESPACE });
  expect(cronJob.metadata.annotations).toBeUndefined();
  expect(cronJob.spec).toMatchObject({
    schedule: '@daily',
    suspend: false,
    timeZone: 'Etc/UTC',
    concurrencyPolicy: 'Forbid',
    startingDeadlineSeconds: 300,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 3,
    jobTemplate: { spec: { backoffLimit: 2, activeDeadlineSeconds: 3600, ttlSecondsAfterFinished: 86400 } },
  });
  const pod = cronJob.spec.jobTemplate.spec.template.spec;
  expect(pod).toMatchObject({ restartPolicy: 'Never', automountServiceAccountToken: false, securityContext: { runAsUser: 1001 } });
  expect(pod.containers).toHaveLength(1);
  expect(pod.containers[0]).toMatchObject({ name: 'worker', env: [{ name: 'WORKER_TOKEN', valueFrom: { secretKeyRef: { name: 'worker', key: 'token' } } }] });
  // Pods are selected by name and instance, never by a version.
  expect(cronJob.spec.jobTemplate.metadata.labels).toMatchObject({ 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/instance': 'worker-demo' });
});

test('each optional prop, given, is what renders', () => {
  const { cronJob } = render({ suspend: true, activeDeadlineSeconds: 60, backoffLimit: 0, runAsUser: 26, annotations: { why: 'a waiver' }, args: ['run'] });
  expect(cronJob.spec).toMatchObject({ suspend: true, jobTemplate: { spec: { backoffLimit: 0, activeDeadlineSeconds: 60 } } });
  expect(cronJob.metadata.annotations).toEqual({ why: 'a waiver' });
  const pod = cronJob.spec.jobTemplate.spec.template.spec;
  expect(pod.securityContext.runAsUser).toBe(26);
  expect(pod.containers[0].args).toEqual(['run']);
});

test("the environment file's variables come last and replace a value of the same name", () => {
  const { cronJob } = render({
    environment: Env.for(DEMO_CONTRACT).literal('WORKER_MODE', 'fast'),
    variables: { WORKER_MODE: 'slow', EXTRA: 'yes' },
  });
  expect(cronJob.spec.jobTemplate.spec.template.spec.containers[0].env).toEqual([
    { name: 'WORKER_MODE', value: 'slow' },
    { name: 'EXTRA', value: 'yes' },
  ]);
});

test('an identity: the pods run as its account with its token, and the CronJob syncs in a later wave than the account', () => {
  const manifests = renderBlock((chart) => {
    const identity = new ProgramIdentity(chart, 'Identity', { name: 'worker', namespace: NAMESPACE, component: 'worker' });
    new ScheduledJob(chart, 'Job', {
      env: DEMO_ENVIRONMENT,
      name: 'worker',
      namespace: NAMESPACE,
      image: 'registry.example.org/demo/worker:1.0.0',
      schedule: '@daily',
      resources: RESOURCES,
      environment: Env.for(DEMO_CONTRACT),
      identity,
    });
  });
  expect(only(manifests, 'CronJob').spec.jobTemplate.spec.template.spec).toMatchObject({ serviceAccountName: 'worker', automountServiceAccountToken: true });
  const waveOf = (kind: string) => Number(only(manifests, kind).metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0);
  expect(waveOf('CronJob')).toBeGreaterThan(waveOf('ServiceAccount'));
});
