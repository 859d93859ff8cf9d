/**
 * advise-reporter as its CronJob runs it, against an S3-protocol server (s3rver, from the jest global
 * setup), a Pushgateway and the Kafka mock: a day's documents counted by component, the adviser's
 * runs summed up in the reference's seven tables beside the documents and in the public bucket, the
 * reference's gauges pushed with PUT, and one advise-justification per justification row.
 */
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { adviserDocument } from '../../../test/fixtures/adviser-document.js';
import { readTopic, startTestKafka, type TestKafka } from '../../../test/services/kafka.js';
import { logLines, type Pushgateway, runInProcess, startPushgateway, testS3Client, pushedSamples } from '../../../test/services/job-programs.js';
import { adviseReporterProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(adviseReporterProgram, 'advise-reporter', args, env);

const bucket = process.env.THOTH_TEST_S3_BUCKET!;
const publicBucket = `public-${randomBytes(4).toString('hex')}`;
const s3 = testS3Client();
const PREFIX = `reporter-${randomBytes(4).toString('hex')}`;
const DAY = '2026-11-29';

const put = (key: string, body: unknown) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: typeof body === 'string' ? body : JSON.stringify(body) }));
const text = async (from: string, key: string) => (await s3.send(new GetObjectCommand({ Bucket: from, Key: key }))).Body!.transformToString('utf-8');
async function keysUnder(from: string, root: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: from, Prefix: root }));
  return (page.Contents ?? []).map((object) => object.Key!.slice(root.length)).sort();
}

test('--help lists what it reads', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of [
    'THOTH_REPORTER_START_DATE',
    'THOTH_REPORTER_STORE_ON_PUBLIC_CEPH',
    'THOTH_REPORTER_SEND_KAFKA_MESSAGES',
    'KAFKA_BOOTSTRAP_SERVERS',
    'THOTH_CEPH_BUCKET',
  ])
    expect(help.stdout).toContain(variable);
});

describe('against S3, a Pushgateway and Kafka', () => {
  let gateway: Pushgateway;
  let kafka: TestKafka;
  let env: Record<string, string>;
  let root: string;
  const topic = () => `${kafka.deploymentName}.${MESSAGE_TYPES['advise-justification'].base}`;

  beforeAll(async () => {
    [gateway, kafka] = await Promise.all([startPushgateway(), startTestKafka([MESSAGE_TYPES['advise-justification'].base])]);
    await s3.send(new CreateBucketCommand({ Bucket: publicBucket }));
    root = `${PREFIX}/${kafka.deploymentName}/`;
    env = {
      THOTH_S3_ENDPOINT_URL: process.env.THOTH_TEST_S3_ENDPOINT!,
      THOTH_CEPH_BUCKET: bucket,
      THOTH_PUBLIC_CEPH_BUCKET: publicBucket,
      THOTH_CEPH_BUCKET_PREFIX: PREFIX,
      THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
      THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
      THOTH_DEPLOYMENT_NAME: kafka.deploymentName,
      KAFKA_BOOTSTRAP_SERVERS: kafka.brokers.join(','),
      PROMETHEUS_PUSHGATEWAY_URL: gateway.url,
      THOTH_SERVICE_VERSION: '1.2.3',
      THOTH_REPORTER_START_DATE: DAY,
      THOTH_REPORTER_END_DATE: DAY,
      THOTH_REPORTER_CONCURRENCY: '2',
    };
    const kebechet = adviserDocument({
      sourceType: 'KEBECHET',
      report: {
        stack_info: [{ type: 'WARNING', message: 'old pip', link: 'https://thoth-station.ninja/j/pip' }],
        products: [{ justification: [{ type: 'INFO', link: 'https://thoth-station.ninja/j/pinned', message: 'm' }] }],
      },
    });
    const failing = adviserDocument({
      sourceType: 'CLI',
      recommendation: 'stable',
      baseImage: 'quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1',
      report: { stack_info: [{ type: 'ERROR', message: 'no solver', link: 'https://thoth-station.ninja/j/no_solver' }], products: [] },
    });
    await Promise.all([
      put(`${root}adviser/adviser-261129010203-aaaa.request`, { request: 1 }),
      put(`${root}adviser/adviser-261129010203-aaaa`, kebechet),
      put(`${root}adviser/adviser-261129020304-bbbb.request`, { request: 2 }),
      put(`${root}adviser/adviser-261129020304-bbbb`, failing),
      put(`${root}adviser/adviser-261129030405-cccc`, adviserDocument({ version: '0.48.0', errorMsg: 'resolution failed' })),
      put(`${root}adviser/adviser-261129040506-dddd`, { result: 'no metadata' }),
      put(`${root}adviser/adviser-261129050607-eeee`, 'not JSON {'),
      put(`${root}adviser/adviser-261129060708-ffff.request`, { request: 3 }),
      // Another day's, and documents of the other components.
      put(`${root}adviser/adviser-261130010203-gggg`, kebechet),
      put(`${root}analysis/package-extract-261129010203-aaaa.request`, {}),
      put(`${root}analysis/package-extract-261129010203-aaaa`, {}),
      put(`${root}provenance-checker/provenance-checker-261129010203-aaaa.request`, {}),
    ]);
  }, 60_000);

  afterAll(async () => {
    gateway?.stop();
    await kafka?.stop();
    s3.destroy();
  });

  beforeEach(() => {
    gateway.pushes.length = 0;
  });

  test('one day: counts, tables in both buckets, gauges and messages', async () => {
    const result = await run({ ...env, THOTH_REPORTER_STORE_ON_PUBLIC_CEPH: '1', THOTH_REPORTER_SEND_KAFKA_MESSAGES: '1' });
    expect(result.stderr).toBe('');
    expect(result.exitCode === 0 ? '' : result.stdout).toBe('');
    const skipped = logLines(result.stdout).filter((line) => line.msg === 'not an adviser result; skipped');
    expect(skipped.map((line) => line.id).sort()).toEqual(['adviser-261129040506-dddd', 'adviser-261129050607-eeee']);

    const area = `${root}thoth-sli-metrics-${kafka.deploymentName}/`;
    const tables = [
      'requests_analysis',
      'adviser_justifications',
      'adviser_statistics',
      'adviser_integration_info',
      'adviser_recommendation_info',
      'adviser_solver_info',
      'adviser_base_image_info',
      'adviser_hardware_info',
    ];
    const keys = tables.map((table) => `${table}/${table}-${DAY}.csv`).sort();
    expect(await keysUnder(bucket, area)).toEqual(keys);
    expect(await keysUnder(publicBucket, area)).toEqual(keys);
    const table = (name: string) => text(bucket, `${area}${name}/${name}-${DAY}.csv`);
    expect(await table('requests_analysis')).toBe(`${DAY}\`adviser\`3\`5\n${DAY}\`package-extract\`1\`1\n${DAY}\`provenance-checker\`1\`0\n`);
    expect(await table('adviser_justifications')).toBe(
      [
        `${DAY}\`https://thoth-station.ninja/j/pip\`1\`WARNING\`0.47.0`,
        `${DAY}\`https://thoth-station.ninja/j/pinned\`1\`INFO\`0.47.0`,
        `${DAY}\`https://thoth-station.ninja/j/no_solver\`1\`ERROR\`0.47.0`,
        `${DAY}\`resolution failed\`1\`ERROR\`0.48.0`,
        '',
      ].join('\n'),
    );
    expect(await table('adviser_statistics')).toBe('0.47.0`1`1\n0.48.0`0`1\n');
    expect(await table('adviser_integration_info')).toBe(`${DAY}\`CLI\`1\n${DAY}\`KEBECHET\`1\n${DAY}\`S2I\`0\n${DAY}\`JUPYTER_NOTEBOOK\`0\n`);
    expect(await table('adviser_solver_info')).toBe(`${DAY}\`rhel-8-py38\`3\n`);
    expect(await table('adviser_base_image_info')).toBe(`${DAY}\`quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.1\`1\n`);
    expect(await text(publicBucket, `${area}adviser_hardware_info/adviser_hardware_info-${DAY}.csv`)).toBe(`${DAY}\`142\`6\`3\n`);

    expect(gateway.pushes).toHaveLength(1);
    expect(gateway.pushes[0]).toMatchObject({ method: 'PUT', url: '/metrics/job/advise-reporter' });
    const body = gateway.pushes[0]!.body;
    const env_ = kafka.deploymentName;
    expect(pushedSamples(body, 'thoth_reporter_info')).toEqual(['thoth_reporter_info{version="1.2.3"} 1']);
    expect(pushedSamples(body, 'thoth_reporter_requests_gauge')).toEqual([
      `thoth_reporter_requests_gauge{component="adviser",env="${env_}"} 3`,
      `thoth_reporter_requests_gauge{component="package-extract",env="${env_}"} 1`,
      `thoth_reporter_requests_gauge{component="provenance-checker",env="${env_}"} 1`,
    ]);
    expect(pushedSamples(body, 'thoth_reporter_reports_gauge')).toContain(`thoth_reporter_reports_gauge{component="adviser",env="${env_}"} 5`);
    expect(pushedSamples(body, 'thoth_reporter_success_adviser_gauge')).toEqual([
      `thoth_reporter_success_adviser_gauge{adviser_version="0.47.0",env="${env_}"} 50`,
      `thoth_reporter_success_adviser_gauge{adviser_version="0.48.0",env="${env_}"} 0`,
    ]);
    expect(pushedSamples(body, 'thoth_reporter_failed_adviser_justifications_gauge')).toEqual([
      `thoth_reporter_failed_adviser_justifications_gauge{adviser_version="0.47.0",justification="https://thoth-station.ninja/j/no_solver",env="${env_}"} 100`,
      `thoth_reporter_failed_adviser_justifications_gauge{adviser_version="0.48.0",justification="resolution failed",env="${env_}"} 100`,
    ]);
    expect(body).toMatch(new RegExp(`^thoth_database_schema_revision_script\\{component="thoth-reporter",revision="[0-9a-f]+",env="${env_}"\\} 1$`, 'm'));

    const messages = (await readTopic(kafka, topic(), 4)).map((value) => JSON.parse(value));
    expect(messages).toContainEqual({
      component_name: 'thoth_reporter',
      service_version: '1.2.3',
      version: 'v1',
      message: 'https://thoth-station.ninja/j/no_solver',
      justification_type: 'ERROR',
      count: 1,
      adviser_version: '0.47.0',
    });
  }, 60_000);

  test('without storing, the tables are logged; an end before the start and a date that is no day are refused', async () => {
    const logged = await run({ ...env, THOTH_REPORTER_START_DATE: '2026-11-30', THOTH_REPORTER_END_DATE: '2026-11-30', THOTH_REPORTER_STORE_ON_CEPH: '0' });
    expect(logged.exitCode).toBe(0);
    const tables = logLines(logged.stdout).filter((line) => line.msg === 'table (not stored)');
    expect(tables.map((line) => line.table)).toEqual([
      'requests_analysis',
      ...['justifications', 'statistics', 'integration_info', 'recommendation_info', 'solver_info', 'hardware_info'].map((name) => `adviser_${name}`),
    ]);
    expect(await keysUnder(bucket, `${root}thoth-sli-metrics-${kafka.deploymentName}/requests_analysis/`)).not.toContain('requests_analysis-2026-11-30.csv');
    expect(pushedSamples(gateway.pushes[0]!.body, 'thoth_reporter_reports_gauge')).toContain(
      `thoth_reporter_reports_gauge{component="adviser",env="${kafka.deploymentName}"} 1`,
    );

    const backwards = await run({ ...env, THOTH_REPORTER_START_DATE: '2026-11-20', THOTH_REPORTER_END_DATE: '2026-11-10' });
    expect(backwards.exitCode).toBe(1);
    expect(backwards.stderr).toBe(
      'advise-reporter: THOTH_REPORTER_END_DATE="2026-11-10" is invalid; expected a day not before THOTH_REPORTER_START_DATE (2026-11-20): the day after the last one reported on\n',
    );
    const notADay = await run({ ...env, THOTH_REPORTER_START_DATE: '2026-02-30' });
    expect(notADay.exitCode).toBe(1);
    expect(notADay.stderr).toBe('advise-reporter: THOTH_REPORTER_START_DATE="2026-02-30" is invalid; expected a calendar date YYYY-MM-DD\n');
  }, 60_000);

  test('a public bucket that is not there is one line naming its variable, before anything is read', async () => {
    const result = await run({ ...env, THOTH_REPORTER_STORE_ON_PUBLIC_CEPH: '1', THOTH_PUBLIC_CEPH_BUCKET: 'no-such-bucket' });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^advise-reporter: .*THOTH_PUBLIC_CEPH_BUCKET.*\n$/);
    expect(gateway.pushes).toEqual([]);
  }, 30_000);
});
