/**
 * document-sync-job as its CronJob runs it, between two deployments' roots on an S3-protocol server
 * (s3rver, from the jest global setup), with a Pushgateway: what the destination lacks or holds with
 * another size is copied byte for byte, requests and other solvers' documents stay behind, a second
 * run copies nothing, and a destination that is not there is one line naming the variable.
 */
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { runInProcess, logLines, type Pushgateway, startPushgateway, testS3Client } from '../../../test/services/job-programs.js';
import { documentSyncProgram } from './program.js';

const run = (env: Record<string, string>, args: string[] = []) => runInProcess(documentSyncProgram, 'document-sync-job', args, env);

const bucket = process.env.THOTH_TEST_S3_BUCKET!;
const endpoint = process.env.THOTH_TEST_S3_ENDPOINT!;
const s3 = testS3Client();
const RUN = randomBytes(4).toString('hex');
const SOURCE_ROOT = `sync-${RUN}/ocp4-test/`;
const DESTINATION_ROOT = `mirror-${RUN}/data/aws-prod/`;

const put = (key: string, body: string | Buffer) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
const text = async (key: string) => (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString('utf-8');
async function keysUnder(root: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: root }));
  return (page.Contents ?? []).map((object) => object.Key!.slice(root.length)).sort();
}

let gateway: Pushgateway;
let env: Record<string, string>;

beforeAll(async () => {
  gateway = await startPushgateway();
  env = {
    THOTH_S3_ENDPOINT_URL: endpoint,
    THOTH_CEPH_BUCKET: bucket,
    THOTH_CEPH_BUCKET_PREFIX: `sync-${RUN}`,
    THOTH_CEPH_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
    THOTH_CEPH_SECRET_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
    THOTH_DEPLOYMENT_NAME: 'ocp4-test',
    THOTH_DOCUMENT_SYNC_DST: `s3://${bucket}/mirror-${RUN}/data/aws-prod`,
    AWS_S3_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: process.env.THOTH_TEST_S3_KEY_ID!,
    AWS_SECRET_ACCESS_KEY: process.env.THOTH_TEST_S3_SECRET_KEY!,
    THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS: 'solver-fedora-34-py39\nsolver-rhel-8-py38',
    THOTH_DOCUMENT_SYNC_CONCURRENCY: '3',
    PROMETHEUS_PUSHGATEWAY_URL: gateway.url,
    THOTH_SERVICE_VERSION: 'abc123',
  };
  const large = randomBytes(3 * 1024 * 1024);
  await Promise.all([
    put(`${SOURCE_ROOT}analysis-by-digest/sha256-1`, '{"digest": 1}'),
    put(`${SOURCE_ROOT}analysis/package-extract-1`, '{"analysis": 1}'),
    put(`${SOURCE_ROOT}analysis/package-extract-1.request`, '{"request": 1}'),
    put(`${SOURCE_ROOT}analysis/package-extract-2`, '{"analysis": 2}'),
    put(`${SOURCE_ROOT}analysis/package-extract-3`, '{"analysis": 3, "complete": true}'),
    put(`${SOURCE_ROOT}analysis/package-extract-large`, large),
    put(`${SOURCE_ROOT}solver/solver-fedora-34-py39-abc`, '{"solver": "fedora"}'),
    put(`${SOURCE_ROOT}solver/solver-ubi-9-py311-xyz`, '{"solver": "not configured"}'),
    // At the destination already: the same, and one cut short.
    put(`${DESTINATION_ROOT}analysis/package-extract-2`, '{"analysis": 2}'),
    put(`${DESTINATION_ROOT}analysis/package-extract-3`, '{"analysis": 3'),
  ]);
}, 30_000);

afterAll(() => {
  gateway?.stop();
  s3.destroy();
});

beforeEach(() => {
  gateway.pushes.length = 0;
});

test('--help lists what it reads', async () => {
  const help = await run({}, ['--help']);
  expect(help.exitCode).toBe(0);
  for (const variable of ['THOTH_DOCUMENT_SYNC_DST', 'AWS_S3_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'THOTH_DOCUMENT_SYNC_CONFIGURED_SOLVERS', 'THOTH_CEPH_BUCKET'])
    expect(help.stdout).toContain(variable);
});

test('a dry run copies nothing', async () => {
  const result = await run({ ...env, THOTH_DOCUMENT_SYNC_DRY_RUN: '1' });
  expect(result.exitCode).toBe(0);
  expect(logLines(result.stdout).filter((line) => line.msg === 'would copy')).toHaveLength(5);
  expect(await keysUnder(DESTINATION_ROOT)).toEqual(['analysis/package-extract-2', 'analysis/package-extract-3']);
});

test('copies what is missing or cut short, byte for byte; a second run copies nothing', async () => {
  const first = await run(env);
  expect(first.stderr).toBe('');
  expect(first.exitCode === 0 ? '' : first.stdout).toBe('');
  expect(await keysUnder(DESTINATION_ROOT)).toEqual([
    'analysis-by-digest/sha256-1',
    'analysis/package-extract-1',
    'analysis/package-extract-2',
    'analysis/package-extract-3',
    'analysis/package-extract-large',
    'solver/solver-fedora-34-py39-abc',
  ]);
  expect(await text(`${DESTINATION_ROOT}analysis/package-extract-3`)).toBe('{"analysis": 3, "complete": true}');
  const copied = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${DESTINATION_ROOT}analysis/package-extract-large` }));
  const original = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: `${SOURCE_ROOT}analysis/package-extract-large` }));
  expect(Buffer.from(await copied.Body!.transformToByteArray()).equals(Buffer.from(await original.Body!.transformToByteArray()))).toBe(true);
  const metrics = gateway.pushes.map((push) => push.body).join('\n');
  expect(metrics).toMatch(/^thoth_document_sync_job_info\{env="ocp4-test",version="abc123"\} 1$/m);
  expect(metrics).toMatch(/^thoth_document_sync_job_total\{sync_type="SUCCESS",result_type="analysis",env="ocp4-test",version="abc123"\} 3$/m);
  expect(metrics).toMatch(/^thoth_document_sync_job_total\{sync_type="SKIPPED",result_type="analysis",env="ocp4-test",version="abc123"\} 1$/m);
  expect(metrics).toMatch(
    /^thoth_document_sync_job_total\{sync_type="SUCCESS",result_type="solver\/solver-fedora-34-py39",env="ocp4-test",version="abc123"\} 1$/m,
  );

  gateway.pushes.length = 0;
  const second = await run(env);
  expect(second.exitCode).toBe(0);
  const done = logLines(second.stdout).find((line) => line.msg === 'document sync done')!;
  expect(done.groups.map((group: { copied: number }) => group.copied)).toEqual([0, 0, 0, 0]);
  expect(done.groups.map((group: { present: number }) => group.present)).toEqual([1, 4, 1, 0]);
}, 60_000);

test('a destination bucket that is not there is one line naming THOTH_DOCUMENT_SYNC_DST, and nothing is copied', async () => {
  const result = await run({ ...env, THOTH_DOCUMENT_SYNC_DST: `s3://no-such-bucket/mirror-${RUN}/data/aws-prod` });
  expect(result.exitCode).toBe(1);
  expect(result.stderr + result.stdout).toContain('THOTH_DOCUMENT_SYNC_DST="no-such-bucket"');
  expect(gateway.pushes).toEqual([]);
});
