/**
 * Every long-running service and scheduled job of the reference's prod and stage Argo CD
 * Applications (thoth-application-inventory.md §1.2-1.3, §2.2; bots excepted), under the reference's
 * names. Workflow templates, CronWorkflows and the Argo installation are the workflows issue's.
 */
import { manifestsOf, renderReal } from './helpers.js';

const SERVICES = [
  'Deployment/amun-api',
  'Deployment/investigator-consumer-backend',
  'Deployment/investigator-consumer-middletier',
  'Deployment/management-api',
  'Deployment/metrics-exporter',
  'Deployment/pgbouncer',
  'Deployment/postgres-metrics-exporter',
  'Deployment/pushgateway',
  'Deployment/user-api',
  'StatefulSet/postgresql',
];

const PROD_CRONJOBS = [
  'advise-reporter',
  'cve-update',
  'graph-backup',
  'graph-metrics-exporter',
  'graph-refresh',
  'mi-scheduler-gh',
  'mi-scheduler-kebechet-analyse',
  'mi-scheduler-kebechet-merge',
  'package-releases',
  'package-update',
];

const STAGE_ONLY_CRONJOBS = ['document-sync', 'integration-tests', 'pulp-pypi-sync-job', 'slo-reporter'];

async function workloads(name: string): Promise<string[]> {
  return manifestsOf(await renderReal(name))
    .filter((m) => ['Deployment', 'StatefulSet', 'CronJob'].includes(m.kind))
    .map((m) => `${m.kind}/${m.metadata.name}`)
    .sort();
}

test('prod runs the reference prod services and CronJobs (plus investigator-message-metrics and the on-demand graph-schema-update)', async () => {
  expect(await workloads('prod')).toEqual(
    [
      ...SERVICES,
      'Deployment/investigator-message-metrics',
      // Prod installs Argo Workflows per namespace: backend, middletier, amun-inspection.
      ...Array(3).fill('Deployment/workflow-controller'),
      ...[...PROD_CRONJOBS, 'graph-schema-update'].map((job) => `CronJob/${job}`),
    ].sort(),
  );
});

test('stage runs the reference stage services and CronJobs', async () => {
  expect(await workloads('stage')).toEqual(expect.arrayContaining([...SERVICES, ...[...PROD_CRONJOBS, ...STAGE_ONLY_CRONJOBS].map((job) => `CronJob/${job}`)]));
});

test('prod CronJobs are suspended where the reference suspends them: all but graph-metrics-exporter', async () => {
  const suspended = manifestsOf(await renderReal('prod'))
    .filter((m) => m.kind === 'CronJob' && (m.spec as { suspend: boolean }).suspend === false)
    .map((m) => m.metadata.name);
  expect(suspended).toEqual(['graph-metrics-exporter']);
});

test('a KafkaTopic per message type, named <deployment name>.<base name>', async () => {
  const topics = manifestsOf(await renderReal('prod')).filter((m) => m.kind === 'KafkaTopic');
  expect(topics).toHaveLength(20);
  expect(topics.map((t) => t.metadata.name)).toContain('smaug-prod.thoth.investigator.unresolved-package');
  expect(topics.find((t) => t.metadata.name === 'smaug-prod.thoth.adviser-trigger')).toMatchObject({
    metadata: { namespace: 'opf-kafka', labels: { 'strimzi.io/cluster': 'odh-message-bus' } },
    spec: { partitions: 1, replicas: 1, config: { 'retention.ms': '14400000' } },
  });
});
