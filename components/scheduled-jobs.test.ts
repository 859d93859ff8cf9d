/**
 * The documented defaults of every CronJob component, rendered with an environment that sets
 * nothing for it, and the environment's settings winning over them.
 */
import type { Construct } from 'constructs';
import { parseEnvironment } from '../src/config/load.js';
import { resolvedProps, type ComponentName, type ResolvedProps } from './catalogue.js';
import type { JobImageTags } from '../src/images/programs.js';
import { bareEnvironment, renderConstruct, TEST_IMAGE_TAGS } from '../test/helpers.js';
import { bareEnvironmentText } from '../test/fixtures/environment.js';
import { AdviseReporter } from './advise-reporter/index.js';
import { CveUpdate } from './cve-update/index.js';
import { DocumentSync } from './document-sync/index.js';
import { GraphBackup } from './graph-backup/index.js';
import { GraphMetricsExporter } from './graph-metrics-exporter/index.js';
import { GraphRefresh } from './graph-refresh/index.js';
import { ALEMBIC_HEAD_OF_WORKFLOW_HELPERS, GRAPH_SCHEMA_UPDATE_TAG, GraphSchemaUpdate } from './graph-schema-update/index.js';
import { REFERENCE_SCHEMA } from '../src/runtime/postgres/migrations.js';
import { IntegrationTests } from './integration-tests/index.js';
import { MiScheduler } from './mi-scheduler/index.js';
import { PackageReleases } from './package-releases/index.js';
import { PackageUpdate } from './package-update/index.js';
import { PulpPypiSync } from './pulp-pypi-sync/index.js';
import { SloReporter } from './slo-reporter/index.js';
import { THOTH } from '../thoth/platform.js';

type Component = new (scope: Construct, id: string, props: ResolvedProps & { images: JobImageTags }) => Construct;

const NAMESPACE = 'thoth-unit-core';

/** Component (its environment key), construct, and defaults; the CronJob is named like the component unless `object` says. */
const DEFAULTS: [ComponentName, Component, { object?: string; schedule: string; image: string; suspend: boolean }][] = [
  ['graph-refresh', GraphRefresh, { schedule: '@hourly', image: 'quay.io/thoth-station/graph-refresh-job:0123456789ab', suspend: false }],
  ['cve-update', CveUpdate, { schedule: '@daily', image: 'quay.io/thoth-station/cve-update-job:v0.5.7', suspend: false }],
  ['package-releases', PackageReleases, { schedule: '0 */12 * * *', image: 'quay.io/thoth-station/package-releases-job:v0.11.11', suspend: false }],
  ['package-update', PackageUpdate, { schedule: '0 */12 * * *', image: 'quay.io/thoth-station/package-update-job:v0.8.17', suspend: false }],
  ['document-sync', DocumentSync, { schedule: '@daily', image: 'quay.io/thoth-station/document-sync-job:v0.4.0', suspend: false }],
  [
    'pulp-pypi-sync',
    PulpPypiSync,
    { object: 'pulp-pypi-sync-job', schedule: '0 */6 * * *', image: 'quay.io/thoth-station/pulp-pypi-sync-job:v0.1.1', suspend: false },
  ],
  ['integration-tests', IntegrationTests, { schedule: '@monthly', image: 'quay.io/thoth-station/integration-tests:v0.11.5', suspend: false }],
  ['slo-reporter', SloReporter, { schedule: '0 6 * * *', image: 'quay.io/thoth-station/slo-reporter:v0.19.3', suspend: false }],
  ['graph-backup', GraphBackup, { schedule: '@monthly', image: 'quay.io/thoth-station/graph-backup-job:v0.10.1', suspend: false }],
  ['graph-metrics-exporter', GraphMetricsExporter, { schedule: '@monthly', image: 'quay.io/thoth-station/graph-metrics-exporter:v0.6.5', suspend: false }],
  ['advise-reporter', AdviseReporter, { schedule: '0 2 * * *', image: 'quay.io/thoth-station/advise-reporter:v0.11.3', suspend: false }],
  ['graph-schema-update', GraphSchemaUpdate, { schedule: '@yearly', image: 'quay.io/thoth-station/workflow-helpers:v0.9.16', suspend: true }],
];

function cronJob(manifests: ReturnType<typeof renderConstruct>, name: string): any {
  const found = manifests.find((m) => m.kind === 'CronJob' && m.metadata.name === name);
  if (found === undefined) throw new Error(`no CronJob ${name}`);
  return found;
}

describe.each(DEFAULTS)('%s', (name, Component, defaults) => {
  test('renders its documented defaults when the environment sets nothing', () => {
    const job = cronJob(
      renderConstruct(bareEnvironment(), (chart) => new Component(chart, name, { ...resolvedProps(chart.env, name), images: TEST_IMAGE_TAGS })),
      defaults.object ?? name,
    );
    expect(job.metadata.namespace).toBe(NAMESPACE);
    expect(job.spec).toMatchObject({
      schedule: defaults.schedule,
      suspend: defaults.suspend,
      timeZone: 'Etc/UTC',
      concurrencyPolicy: 'Forbid',
      startingDeadlineSeconds: 300,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 3,
    });
    const container = job.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.image).toBe(defaults.image);
    expect(container.resources).toEqual({ requests: expect.any(Object), limits: expect.any(Object) });
    expect(job.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('takes schedule, suspend, image tag, resources and env from the environment, as the catalogue resolves them', () => {
    const settings = `  ${name}:\n    schedule: "5 4 * * *"\n    suspend: ${!defaults.suspend}\n    imageTag: v9.9.9\n    resources: { requests: { cpu: 1m, memory: 1Mi }, limits: { cpu: 2m, memory: 2Mi } }\n    env: { EXTRA: "yes" }\n`;
    const env = parseEnvironment(THOTH, 'unit', 'unit.yaml', bareEnvironmentText().replace('components: {}\n', `components:\n${settings}`));
    const job = cronJob(
      renderConstruct(env, (chart) => new Component(chart, name, { ...resolvedProps(chart.env, name), images: TEST_IMAGE_TAGS })),
      defaults.object ?? name,
    );
    expect(job.spec).toMatchObject({ schedule: '5 4 * * *', suspend: !defaults.suspend });
    const container = job.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.image).toBe(defaults.image.replace(/:[^:]+$/, ':v9.9.9'));
    expect(container.resources).toEqual({ requests: { cpu: '1m', memory: '1Mi' }, limits: { cpu: '2m', memory: '2Mi' } });
    expect(container.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
  });
});

describe('mi-scheduler', () => {
  test('renders three suspended-by-environment schedules sharing one identity that may submit workflows in middletier', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new MiScheduler(chart, 'mi', { env: chart.env }));
    const jobs = manifests.filter((m) => m.kind === 'CronJob');
    expect(jobs.map((job) => [job.metadata.name, (job.spec as any).schedule])).toEqual([
      ['mi-scheduler-gh', '@daily'],
      ['mi-scheduler-kebechet-analyse', '0 0 * * *'],
      ['mi-scheduler-kebechet-merge', '0 8 * * *'],
    ]);
    for (const job of jobs) expect((job.spec as any).jobTemplate.spec.template.spec.serviceAccountName).toBe('mi-scheduler');
    const role = manifests.find((m) => m.kind === 'Role') as any;
    expect(role.metadata).toMatchObject({ name: 'mi-scheduler-submit-workflows', namespace: NAMESPACE });
    expect(role.rules).toContainEqual({ apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] });
  });
});

describe('graph-schema-update', () => {
  test('upgrades the graph to the reference schema the programs report and were written against', () => {
    expect(ALEMBIC_HEAD_OF_WORKFLOW_HELPERS[GRAPH_SCHEMA_UPDATE_TAG]).toBe(REFERENCE_SCHEMA.alembicHead);
  });

  test('runs before each sync of its Application, as a hook Job with the CronJob’s pod', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new GraphSchemaUpdate(chart, 'g', { env: chart.env }));
    const job = manifests.find((m) => m.kind === 'Job') as any;
    expect(job.metadata).toMatchObject({
      name: 'graph-schema-upgrade',
      namespace: NAMESPACE,
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
    });
    expect(job.spec.template).toEqual(cronJob(manifests, 'graph-schema-update').spec.jobTemplate.spec.template);
    expect(job.spec.template.spec.containers[0].env).toContainEqual({ name: 'THOTH_WORKFLOW_TASK', value: 'graph_schema_update' });
  });
});

test('mi-scheduler is suspended unless the environment says otherwise: it can only schedule through OpenShift Templates', () => {
  const manifests = renderConstruct(bareEnvironment(), (chart) => new MiScheduler(chart, 'mi', { env: chart.env }));
  for (const job of manifests.filter((m) => m.kind === 'CronJob')) {
    expect((job.spec as any).suspend).toBe(true);
    expect(job.metadata.annotations).toHaveProperty(['validate.thoth-station.ninja/contract.api-group']);
  }
});
