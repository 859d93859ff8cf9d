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
import { MiScheduler, type MiSchedulerProps } from './mi-scheduler/index.js';
import { PackageReleases } from './package-releases/index.js';
import { PackageUpdate } from './package-update/index.js';
import { PrescriptionsRefresh } from './prescriptions-refresh/index.js';
import { PulpPypiSync } from './pulp-pypi-sync/index.js';
import { SloReporter } from './slo-reporter/index.js';
import { THOTH } from '../platforms/thoth/platform.js';
import { namespaceOf } from '../src/config/environment.js';
import type { Environment } from './shared/environment.js';
import type { Resources } from '../src/platform/pod.js';

type Component = new (scope: Construct, id: string, props: ResolvedProps & { images: JobImageTags }) => Construct;

const NAMESPACE = 'thoth-unit-core';

/** Requests and limits, written as the props' `@default` states them. */
function resources(requestCpu: string, requestMemory: string, limitCpu: string, limitMemory: string): Resources {
  return { requests: { cpu: requestCpu, memory: requestMemory }, limits: { cpu: limitCpu, memory: limitMemory } };
}

/** Component (its environment key), construct, and defaults; the CronJob is named like the component unless `object` says. */
const DEFAULTS: [ComponentName, Component, { object?: string; schedule: string; image: string; suspend: boolean; resources: Resources }][] = [
  [
    'graph-refresh',
    GraphRefresh,
    {
      schedule: '@hourly',
      image: 'quay.io/thoth-station/graph-refresh-job:0123456789ab',
      suspend: false,
      resources: resources('250m', '256Mi', '500m', '512Mi'),
    },
  ],
  [
    'cve-update',
    CveUpdate,
    { schedule: '@daily', image: 'quay.io/thoth-station/cve-update-job:c0ffee123456', suspend: false, resources: resources('250m', '512Mi', '500m', '1Gi') },
  ],
  [
    'package-releases',
    PackageReleases,
    {
      schedule: '0 */12 * * *',
      image: 'quay.io/thoth-station/package-releases-job:f6e5d4c3b2a1',
      suspend: false,
      resources: resources('250m', '256Mi', '500m', '512Mi'),
    },
  ],
  [
    'package-update',
    PackageUpdate,
    {
      schedule: '0 */12 * * *',
      image: 'quay.io/thoth-station/package-update-job:a1b2c3d4e5f6',
      suspend: false,
      resources: resources('250m', '256Mi', '500m', '512Mi'),
    },
  ],
  [
    'document-sync',
    DocumentSync,
    { schedule: '@daily', image: 'quay.io/thoth-station/document-sync-job:1a2b3c4d5e6f', suspend: false, resources: resources('250m', '256Mi', '1', '1Gi') },
  ],
  [
    'pulp-pypi-sync',
    PulpPypiSync,
    {
      object: 'pulp-pypi-sync-job',
      schedule: '0 */6 * * *',
      image: 'quay.io/thoth-station/pulp-pypi-sync-job:b0a5c0ffee12',
      suspend: false,
      resources: resources('100m', '128Mi', '250m', '256Mi'),
    },
  ],
  [
    'integration-tests',
    IntegrationTests,
    {
      schedule: '@monthly',
      image: 'quay.io/thoth-station/integration-tests:v0.11.5',
      suspend: false,
      resources: resources('250m', '256Mi', '500m', '512Mi'),
    },
  ],
  [
    'slo-reporter',
    SloReporter,
    { schedule: '0 6 * * *', image: 'quay.io/thoth-station/slo-reporter:v0.19.3', suspend: false, resources: resources('250m', '256Mi', '500m', '512Mi') },
  ],
  [
    'graph-backup',
    GraphBackup,
    { schedule: '@monthly', image: 'quay.io/thoth-station/graph-backup-job:2468ace13579', suspend: false, resources: resources('250m', '256Mi', '1', '512Mi') },
  ],
  [
    'graph-metrics-exporter',
    GraphMetricsExporter,
    {
      schedule: '@monthly',
      image: 'quay.io/thoth-station/graph-metrics-exporter:97531fdb8642',
      suspend: false,
      resources: resources('250m', '256Mi', '500m', '512Mi'),
    },
  ],
  [
    'advise-reporter',
    AdviseReporter,
    {
      schedule: '0 2 * * *',
      image: 'quay.io/thoth-station/advise-reporter:ad71ce4e9071',
      suspend: false,
      resources: resources('250m', '512Mi', '500m', '1Gi'),
    },
  ],
  [
    'graph-schema-update',
    GraphSchemaUpdate,
    { schedule: '@yearly', image: 'quay.io/thoth-station/workflow-helpers:v0.9.16', suspend: true, resources: resources('250m', '256Mi', '500m', '512Mi') },
  ],
];

/** The environment with `settings` (YAML lines under `components:`) instead of none. */
function environmentWith(settings: string): Environment {
  return parseEnvironment(THOTH, 'unit', 'unit.yaml', bareEnvironmentText().replace('components: {}\n', `components:\n${settings}`));
}

/** Overrides of every setting a scheduled component takes, for `name`, with `suspend` as given. */
function overridesFor(name: string, suspend: boolean): string {
  return `  ${name}:\n    schedule: "5 4 * * *"\n    suspend: ${suspend}\n    imageTag: v9.9.9\n    resources: { requests: { cpu: 1m, memory: 1Mi }, limits: { cpu: 2m, memory: 2Mi } }\n    env: { EXTRA: "yes" }\n`;
}

const OVERRIDDEN_RESOURCES = resources('1m', '1Mi', '2m', '2Mi');

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
    expect(container.resources).toEqual(defaults.resources);
    expect(job.spec.jobTemplate.spec.template.spec.restartPolicy).toBe('Never');
  });

  test('takes schedule, suspend, image tag, resources and env from the environment, as the catalogue resolves them', () => {
    const env = environmentWith(overridesFor(name, !defaults.suspend));
    const job = cronJob(
      renderConstruct(env, (chart) => new Component(chart, name, { ...resolvedProps(chart.env, name), images: TEST_IMAGE_TAGS })),
      defaults.object ?? name,
    );
    expect(job.spec).toMatchObject({ schedule: '5 4 * * *', suspend: !defaults.suspend });
    const container = job.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.image).toBe(defaults.image.replace(/:[^:]+$/, ':v9.9.9'));
    expect(container.resources).toEqual(OVERRIDDEN_RESOURCES);
    expect(container.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
  });
});

/** MiScheduler's props as the middletier chart (charts/tiers.ts) resolves them, one key per CronJob. */
function miScheduler(chart: { env: Environment }): MiSchedulerProps {
  return {
    env: chart.env,
    namespace: namespaceOf(chart.env, 'middletier'),
    images: TEST_IMAGE_TAGS,
    'mi-scheduler-gh': resolvedProps(chart.env, 'mi-scheduler-gh'),
    'mi-scheduler-kebechet-analyse': resolvedProps(chart.env, 'mi-scheduler-kebechet-analyse'),
    'mi-scheduler-kebechet-merge': resolvedProps(chart.env, 'mi-scheduler-kebechet-merge'),
  };
}

describe('mi-scheduler', () => {
  const variables = (job: any): Record<string, unknown> =>
    Object.fromEntries(job.spec.jobTemplate.spec.template.spec.containers[0].env.map((each: any) => [each.name, each.value ?? each.valueFrom]));

  test('renders three schedules of mi-scheduler-job, one command each, running by default, sharing one identity that may submit workflows in middletier', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new MiScheduler(chart, 'mi', miScheduler(chart)));
    const jobs = manifests.filter((m) => m.kind === 'CronJob') as any[];
    expect(jobs.map((job) => [job.metadata.name, job.spec.schedule, job.spec.suspend, job.spec.jobTemplate.spec.template.spec.containers[0].args])).toEqual([
      ['mi-scheduler-gh', '@daily', false, ['gh-analysis']],
      ['mi-scheduler-kebechet-analyse', '0 0 * * *', false, ['kebechet-analysis']],
      ['mi-scheduler-kebechet-merge', '0 8 * * *', false, ['kebechet-merge']],
    ]);
    for (const job of jobs) {
      expect(job.metadata.namespace).toBe(NAMESPACE);
      // Nothing left to waive: the program is this repository's and submits the WorkflowTemplates.
      expect(Object.keys(job.metadata.annotations ?? {}).filter((key) => key.startsWith('validate.'))).toEqual([]);
      const container = job.spec.jobTemplate.spec.template.spec.containers[0];
      expect(container.image).toBe(`quay.io/thoth-station/mi-scheduler-job:${TEST_IMAGE_TAGS.get('mi-scheduler-job')}`);
      expect(container.resources).toEqual(resources('100m', '256Mi', '250m', '512Mi'));
      expect(job.spec.jobTemplate.spec.template.spec.serviceAccountName).toBe('mi-scheduler');
    }
    const role = manifests.find((m) => m.kind === 'Role') as any;
    expect(role.metadata).toMatchObject({ name: 'mi-scheduler-submit-workflows', namespace: NAMESPACE });
    expect(role.rules).toContainEqual({ apiGroups: ['argoproj.io'], resources: ['workflows'], verbs: ['create', 'get', 'list', 'watch'] });
  });

  test('each command gets what it reads: the GitHub job its ConfigMap and token, the Kebechet analyses the graph too, the merge neither', () => {
    const jobs = renderConstruct(bareEnvironment(), (chart) => new MiScheduler(chart, 'mi', miScheduler(chart))).filter((m) => m.kind === 'CronJob');
    const [gh, analyse, merge] = jobs.map(variables);
    const token = { secretKeyRef: { name: 'mi-scheduler', key: 'github-access-token' } };
    expect(gh).toMatchObject({
      MI_SCHEDULER_ORGANIZATIONS: { configMapKeyRef: { name: 'mi-scheduler', key: 'organizations' } },
      MI_SCHEDULER_REPOSITORIES: { configMapKeyRef: { name: 'mi-scheduler', key: 'repositories' } },
      MI_ENTITIES: 'PullRequest,Issue',
      GITHUB_ACCESS_TOKEN: token,
      THOTH_MIDDLETIER_NAMESPACE: { configMapKeyRef: { name: 'thoth', key: 'middletier-namespace' } },
      THOTH_DEPLOYMENT_NAME: { configMapKeyRef: { name: 'thoth', key: 'deployment-name' } },
      PROMETHEUS_PUSHGATEWAY_URL: { configMapKeyRef: { name: 'prometheus', key: 'pushgateway-url' } },
      KUBERNETES_API_URL: 'https://kubernetes.default.svc',
    });
    expect(Object.keys(gh!)).not.toContain('KNOWLEDGE_GRAPH_HOST');
    expect(analyse).toMatchObject({ GITHUB_ACCESS_TOKEN: token, KNOWLEDGE_GRAPH_HOST: { configMapKeyRef: { name: 'thoth', key: 'postgresql-host' } } });
    expect(Object.keys(analyse!)).not.toContain('MI_SCHEDULER_ORGANIZATIONS');
    expect(Object.keys(merge!)).toEqual(expect.arrayContaining(['THOTH_DEPLOYMENT_NAME', 'THOTH_MIDDLETIER_NAMESPACE', 'KUBERNETES_API_URL']));
    expect(Object.keys(merge!)).not.toContain('GITHUB_ACCESS_TOKEN');
    expect(Object.keys(merge!)).not.toContain('KNOWLEDGE_GRAPH_HOST');
  });

  test('renders the ConfigMap mi-scheduler with the reference’s organisations and repositories, or those the environment names', () => {
    const configMapOf = (env: Environment) =>
      renderConstruct(env, (chart) => new MiScheduler(chart, 'mi', miScheduler(chart))).find(
        (m) => m.kind === 'ConfigMap' && m.metadata.name === 'mi-scheduler',
      ) as any;
    expect(configMapOf(bareEnvironment())).toMatchObject({
      metadata: { namespace: NAMESPACE },
      data: { organizations: 'thoth-station,AICoE,aicoe-aiops,operate-first', repositories: 'openshift/origin' },
    });
    const named = environmentWith(
      '  mi-scheduler-gh:\n    organizations: [thoth-station]\n    repositories: [AICoE/elyra-aidevsecops-tutorial, openshift/origin]\n',
    );
    expect(configMapOf(named).data).toEqual({ organizations: 'thoth-station', repositories: 'AICoE/elyra-aidevsecops-tutorial,openshift/origin' });
    // Switched off, the GitHub job takes its ConfigMap along; the other two do not need it.
    const off = environmentWith('  mi-scheduler-gh: { enabled: false }\n');
    expect(configMapOf(off)).toBeUndefined();
  });

  test('the environment file may name only organisations and owner/name repositories, and only for mi-scheduler-gh', () => {
    expect(() => environmentWith('  mi-scheduler-gh:\n    repositories: [openshift]\n')).toThrow(
      'components.mi-scheduler-gh.repositories[0]: got "openshift"; expected a repository, owner/name',
    );
    expect(() => environmentWith('  mi-scheduler-kebechet-merge:\n    organizations: [thoth-station]\n')).toThrow(/unknown key "organizations"/);
  });

  test('takes each CronJob’s settings from its own key, as the middletier chart resolves them', () => {
    const env = environmentWith(overridesFor('mi-scheduler-kebechet-merge', true));
    const jobs = renderConstruct(env, (chart) => new MiScheduler(chart, 'mi', miScheduler(chart))).filter((m) => m.kind === 'CronJob') as any[];
    const merge = jobs.find((job) => job.metadata.name === 'mi-scheduler-kebechet-merge');
    expect(merge.spec).toMatchObject({ schedule: '5 4 * * *', suspend: true });
    const container = merge.spec.jobTemplate.spec.template.spec.containers[0];
    expect(container.image).toBe('quay.io/thoth-station/mi-scheduler-job:v9.9.9');
    expect(container.resources).toEqual(OVERRIDDEN_RESOURCES);
    expect(container.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
    for (const other of jobs.filter((job) => job !== merge)) {
      expect(other.spec.suspend).toBe(false);
      expect(other.spec.jobTemplate.spec.template.spec.containers[0].image).toBe(
        `quay.io/thoth-station/mi-scheduler-job:${TEST_IMAGE_TAGS.get('mi-scheduler-job')}`,
      );
      expect(other.spec.jobTemplate.spec.template.spec.containers[0].env).not.toContainEqual({ name: 'EXTRA', value: 'yes' });
    }
  });
});

describe('graph-schema-update', () => {
  test('upgrades the graph to the reference schema the programs report and were written against', () => {
    expect(ALEMBIC_HEAD_OF_WORKFLOW_HELPERS[GRAPH_SCHEMA_UPDATE_TAG]).toBe(REFERENCE_SCHEMA.alembicHead);
  });

  test('runs before each sync of its Application, as a hook Job with the CronJob’s pod', () => {
    const manifests = renderConstruct(bareEnvironment(), (chart) => new GraphSchemaUpdate(chart, 'g', resolvedProps(chart.env, 'graph-schema-update')));
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

describe('prescriptions-refresh', () => {
  const REFRESHES = [
    'prescriptions-refresh-gh',
    'prescriptions-refresh-image-analysis',
    'prescriptions-refresh-pg',
    'prescriptions-refresh-pypi',
    'prescriptions-refresh-quay',
    'prescriptions-refresh-scorecards',
  ];

  function cronWorkflows(env: Environment): any[] {
    return renderConstruct(env, (chart) => new PrescriptionsRefresh(chart, 'p', resolvedProps(chart.env, 'prescriptions-refresh'))).filter(
      (m) => m.kind === 'CronWorkflow',
    );
  }

  function containers(cron: any): any[] {
    return cron.spec.workflowSpec.templates.flatMap((template: any) => (template.container === undefined ? [] : [template.container]));
  }

  test('renders its documented defaults when the environment sets nothing', () => {
    const crons = cronWorkflows(bareEnvironment());
    expect(crons.map((cron) => cron.metadata.name)).toEqual(REFRESHES);
    for (const cron of crons) {
      expect(cron.metadata.namespace).toBe(NAMESPACE);
      expect(cron.spec).toMatchObject({ schedules: ['@weekly'], suspend: false, timezone: 'Etc/UTC', concurrencyPolicy: 'Forbid' });
      expect(containers(cron).length).toBeGreaterThan(0);
      for (const container of containers(cron)) {
        expect(container.image).toBe('quay.io/thoth-station/prescriptions-refresh-job:v0.8.0');
        expect(container.resources).toEqual(resources('250m', '512Mi', '1', '1Gi'));
      }
    }
  });

  test('takes schedule, suspend, image tag, resources and env from the environment, as the catalogue resolves them', () => {
    const crons = cronWorkflows(environmentWith(overridesFor('prescriptions-refresh', true)));
    expect(crons).toHaveLength(REFRESHES.length);
    for (const cron of crons) {
      expect(cron.spec).toMatchObject({ schedules: ['5 4 * * *'], suspend: true });
      for (const container of containers(cron)) {
        expect(container.image).toBe('quay.io/thoth-station/prescriptions-refresh-job:v9.9.9');
        expect(container.resources).toEqual(OVERRIDDEN_RESOURCES);
        expect(container.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
      }
    }
  });
});

describe('advise-reporter', () => {
  const variables = (env: Environment) => {
    const job = cronJob(
      renderConstruct(
        env,
        (chart) => new AdviseReporter(chart, 'advise-reporter', { ...resolvedProps(chart.env, 'advise-reporter'), images: TEST_IMAGE_TAGS }),
      ),
      'advise-reporter',
    );
    return (job.spec.jobTemplate.spec.template.spec.containers[0].env as { name: string; value?: string }[]).map((each) => each.name);
  };

  test('stores its tables in the public bucket when the environment has one; the broker is wired only when the environment has it announce', () => {
    const quiet = variables(bareEnvironment());
    expect(quiet).not.toContain('KAFKA_BOOTSTRAP_SERVERS');
    expect(quiet.includes('THOTH_REPORTER_STORE_ON_PUBLIC_CEPH')).toBe(bareEnvironment().s3.publicBucket !== undefined);
    const announcing = variables(environmentWith('  advise-reporter:\n    env: { THOTH_REPORTER_SEND_KAFKA_MESSAGES: "1" }\n'));
    expect(announcing).toEqual(expect.arrayContaining(['KAFKA_BOOTSTRAP_SERVERS', 'THOTH_REPORTER_SEND_KAFKA_MESSAGES']));
  });
});
