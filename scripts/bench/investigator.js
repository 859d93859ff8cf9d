#!/usr/bin/env node
// Measures the investigator as its image runs it (main.ts bundled by scripts/build-job.mjs): the
// messages per second it takes from the topic to done, and the investigator's own CPU time per
// message (user and system, from /proc). A knowledge graph of 100,000 package versions, every one
// resolved by the first of 3 solvers; unresolved-package messages over 3 partitions, handled at once.
//   submit: each message names a version a solver has not resolved, so each one is a graph lookup
//           and one Workflow submission; a run ends when the API server has every Workflow.
//   done:   each message names a version its solver has resolved: a graph lookup and nothing to
//           submit; a run ends when the group's committed offsets reach the topic's end.
// The API server is a local HTTP server that answers as Kubernetes does (201, 409 for a name it
// has), with no latency: the figure is the consumer's own cost. It is JavaScript, so it cannot use
// the tests' fake API server (test/services/fake-api-server.ts).
//   node scripts/bench/investigator.js [runs=3] [messages=20000] [mode=submit|done]
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import pg from 'pg';
import { bundleJob, root, startBroker, startDatabase } from './services.js';

const runs = Number(process.argv[2] ?? 3);
const messages = Number(process.argv[3] ?? 20_000);
const mode = process.argv[4] ?? 'submit';
if (!['submit', 'done'].includes(mode)) throw new Error(`mode: submit or done, not ${mode}`);
const versions = 100_000;
const partitions = 3;
const solvers = ['solver-rhel-8-py38', 'solver-fedora-34-py39', 'solver-fedora-35-py310'];
const TOPIC_BASE = 'thoth.investigator.unresolved-package';
/** A run that has not seen every Workflow by then has failed (a crash, a dead letter). */
const RUN_TIMEOUT_MS = 300_000;

/** Every topic of the catalogue, as the investigator subscribes to them all. */
function catalogueTopics(deploymentName) {
  const catalogue = readFileSync(path.join(root, 'src/messages/catalogue.ts'), 'utf8');
  return [...catalogue.matchAll(/base: '([^']+)'/g)].map((match) => `${deploymentName}.${match[1]}:${partitions}`);
}

/** Answers workflow creation and listing as the Kubernetes API server does, keeping names only. */
async function startApiServer() {
  const names = new Set();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      if (request.method === 'POST') {
        const workflow = JSON.parse(body);
        const exists = names.has(workflow.metadata.name);
        names.add(workflow.metadata.name);
        response.writeHead(exists ? 409 : 201, { 'content-type': 'application/json' });
        response.end(exists ? JSON.stringify({ kind: 'Status', code: 409, reason: 'AlreadyExists' }) : body);
      } else {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ kind: 'WorkflowList', items: [] }));
      }
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, names, stop: () => server.close() };
}

async function seed(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Every version resolved by the first solver; the messages ask for the others.
  await client.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
      SELECT i, 'package-' || (i / 10), '1.' || (i % 10), 1 FROM generate_series(1, ${versions}) AS i;
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
      SELECT package_name, package_version, 'rhel', '8', '3.8', id, 1 FROM python_package_version_entity;
    ANALYZE;
  `);
  await client.end();
}

async function publish(brokers, deploymentName, run) {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const records = [];
  for (let i = 0; i < messages; i++) {
    const entity = (((run - 1) * messages + i) % versions) + 1;
    // Every version is resolved by the first solver and by none of the others (seed below).
    const solver = mode === 'done' ? solvers[0] : solvers[1 + (Math.floor(((run - 1) * messages + i) / versions) % 2)];
    records.push({
      // Keyed by package, as this repository's producers (src/runtime/kafka/producer.ts) key them.
      key: `package-${Math.floor(entity / 10)}`,
      value: JSON.stringify({
        component_name: 'bench',
        service_version: '1',
        version: 'v1',
        package_name: `package-${Math.floor(entity / 10)}`,
        package_version: `1.${entity % 10}`,
        index_url: 'https://pypi.org/simple',
        solver,
      }),
    });
  }
  for (let i = 0; i < records.length; i += 1000)
    await producer.send({ topic: `${deploymentName}.${TOPIC_BASE}`, acks: -1, messages: records.slice(i, i + 1000) });
  await producer.disconnect();
}

/** User and system CPU seconds of a process so far (/proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** Whether the group has committed every partition of the topic up to its end. */
async function caughtUp(admin, groupId, topic) {
  const [ends, committed] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
  const at = new Map(committed[0].partitions.map((partition) => [partition.partition, Number(partition.offset)]));
  return ends.every((end) => at.get(end.partition) === Number(end.high));
}

function peakRssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

const database = await startDatabase();
const deploymentName = `bench-${randomBytes(3).toString('hex')}`;
const broker = await startBroker(catalogueTopics(deploymentName));
const api = await startApiServer();
const tokenFile = path.join(root, 'node_modules/.cache/bench/token');
try {
  const bundlePath = bundleJob('components/investigator/job/main.ts', 'investigator');
  writeFileSync(tokenFile, 'bench');
  const env = {
    ...database.env,
    PATH: process.env.PATH,
    THOTH_DEPLOYMENT_NAME: deploymentName,
    KAFKA_BOOTSTRAP_SERVERS: broker.brokers,
    THOTH_CONSUMER_MODE: 'middletier',
    THOTH_CONSUMER_WORKERS: String(partitions),
    THOTH_MIDDLETIER_NAMESPACE: 'thoth-middletier-bench',
    THOTH_BACKEND_NAMESPACE: 'thoth-backend-bench',
    THOTH_INVESTIGATOR_SOLVERS: solvers.join('\n'),
    KUBERNETES_API_URL: api.url,
    KUBERNETES_VERIFY_TLS: '0',
    KUBERNETES_TOKEN_FILE: tokenFile,
    THOTH_INVESTIGATOR_METRICS_PORT: String(20_000 + Math.floor(Math.random() * 20_000)),
    THOTH_LOG_INVESTIGATOR: 'WARNING',
  };
  execFileSync(process.execPath, [bundlePath, 'migrate'], { env, stdio: 'ignore' });
  await seed(database.url);
  console.log(
    `seeded ${versions.toLocaleString('en')} package versions; ${messages.toLocaleString('en')} unresolved-package messages per run over ${partitions} partitions`,
  );
  console.log(`mode ${mode}`);
  console.log('run  messages  workflows  wall s  messages/s  CPU ms/message  peak MB');
  const admin = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  for (let run = 1; run <= runs; run++) {
    const before = api.names.size;
    // A new group per run that starts at the topic's end, ready before the messages are published;
    // timed from the first message published to the last Workflow created.
    const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), bundlePath], {
      env: { ...env, KAFKA_CONSUMER_GROUP_ID: `bench-${run}`, KAFKA_CONSUMER_AUTO_OFFSET_RESET: 'latest' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let crashed = false;
    const exited = new Promise((resolve) =>
      child.once('exit', (code) => {
        crashed = true;
        resolve(code);
      }),
    );
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    const check = (what) => {
      if (crashed) throw new Error(`the investigator exited while ${what}`);
      if (Date.now() > deadline) throw new Error(`timed out while ${what}`);
    };
    child.stdout.resume();
    // A failed run stops its consumer too, so that the benchmark ends.
    process.once('exit', () => child.kill('SIGKILL'));
    for (;;) {
      check('starting');
      const health = await fetch(`http://127.0.0.1:${env.THOTH_INVESTIGATOR_METRICS_PORT}/_health`).catch(() => undefined);
      if (health?.status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // Readiness comes with the group join; give the first fetch a moment to fix the starting offset.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const started = Date.now();
    const cpuBefore = cpuSeconds(child.pid);
    await publish(broker.brokers, deploymentName, run);
    const done = async () =>
      mode === 'submit' ? api.names.size >= before + messages : await caughtUp(admin, `bench-${run}`, `${deploymentName}.${TOPIC_BASE}`);
    while (!(await done())) {
      check(mode === 'submit' ? `waiting for ${messages} workflows (${api.names.size - before} so far)` : 'waiting for the group to commit every message');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (Date.now() - started) / 1000;
    const cpuMs = ((cpuSeconds(child.pid) - cpuBefore) * 1000) / messages;
    const peak = peakRssMb(child.pid);
    child.kill('SIGTERM');
    await exited;
    console.log(
      `${String(run).padStart(3)}  ${String(messages).padStart(8)}  ${String(api.names.size - before).padStart(9)}  ${seconds.toFixed(2).padStart(6)}  ${String(Math.round(messages / seconds)).padStart(10)}  ${cpuMs.toFixed(3).padStart(14)}  ${peak.toFixed(0).padStart(7)}`,
    );
  }
  await admin.disconnect();
} finally {
  api.stop();
  broker.stop();
  await database.stop();
}
