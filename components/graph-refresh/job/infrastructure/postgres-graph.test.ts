import pg from 'pg';
import { migrate } from '../../../../src/runtime/postgres/migrate.js';
import { insertSiAggregatedRuns } from '../../../../test/services/reference-schema.mjs';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import type { Recency } from '../application/refresh-graph.js';
import { buildRequests } from '../domain/requests.js';
import { parseSolver } from '../../../../src/runtime/python/solver.js';
import { PostgresGraph } from './postgres-graph.js';

let database: TestDatabase;
let pool: pg.Pool;
let graph: PostgresGraph;

const rhel = parseSolver('solver-rhel-8-py38');
const fedora = parseSolver('solver-fedora-34-py39');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const now = new Date('2026-11-24T12:00:00Z');
const longAgo = new Date(now.getTime() - 24 * HOUR);

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 4 });
  const client = await pool.connect();
  await migrate(client);
  client.release();
  graph = new PostgresGraph(pool);
  await pool.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, 'https://pypi.org/simple', TRUE, TRUE), (2, 'https://disabled.example/simple', FALSE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
      (1, 'flask', '2.0.0', 1),
      (2, 'flask', '2.1.0', 1),
      (3, 'flask', '2.0.0', 2),
      (4, 'requests', NULL, 1),
      (5, 'excluded', '1.0', 1),
      (6, 'dependency', '1.0', NULL),
      (7, 'django', '4.2', 1);
    INSERT INTO python_package_version_entity_rule (id, package_name) VALUES (1, 'excluded');
    INSERT INTO python_package_version_entity_rules_association VALUES (5, 1);
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
      VALUES ('flask', '2.1.0', 'rhel', '8', '3.8', 2, 1);
  `);
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

beforeEach(async () => {
  await pool.query('DELETE FROM graph_refresh_request');
});

/** Requests made after `windowStart` count, acknowledged or not (a lease as long as the window), unless said otherwise. */
const within = (windowStart: Date, leaseStart = windowStart): Recency => ({ windowStart, leaseStart });

const names = (candidates: { packageName: string; packageVersion: string }[]) => candidates.map((c) => `${c.packageName}==${c.packageVersion}`);

test('unsolved: versions of enabled indexes, without rules, not yet resolved in the solver’s environment', async () => {
  expect(names(await graph.unsolved(rhel, 10, within(longAgo)))).toEqual(['flask==2.0.0', 'django==4.2']);
  expect(names(await graph.unsolved(fedora, 10, within(longAgo)))).toEqual(['flask==2.0.0', 'flask==2.1.0', 'django==4.2']);
});

test('unsolved: at most the limit, in entity order', async () => {
  expect(names(await graph.unsolved(fedora, 2, within(longAgo)))).toEqual(['flask==2.0.0', 'flask==2.1.0']);
});

test('claim: a request is claimed once within its window, by one of two runs at once, and again after the window', async () => {
  const requests = buildRequests(new Map([[rhel, await graph.unsolved(rhel, 10, within(longAgo))]]), { solver: true, revsolver: true, security: false });
  const windowStart = new Date(now.getTime() - 6 * HOUR);
  const [first, second] = await Promise.all([graph.claim(requests, now, within(windowStart)), graph.claim(requests, now, within(windowStart))]);
  expect(first!.length + second!.length).toBe(requests.length);
  expect(await graph.claim(requests, new Date(now.getTime() + HOUR), within(new Date(now.getTime() - 5 * HOUR)))).toEqual([]);
  const later = new Date(now.getTime() + 7 * HOUR);
  expect(await graph.claim(requests, later, within(new Date(later.getTime() - 6 * HOUR)))).toHaveLength(requests.length);
});

test('unsolved skips what was requested for that solver within the window', async () => {
  const [flask] = await graph.unsolved(rhel, 1, within(longAgo));
  await graph.claim(buildRequests(new Map([[rhel, [flask!]]]), { solver: true, revsolver: false, security: false }), now, within(longAgo));
  const windowStart = new Date(now.getTime() - 6 * HOUR);
  expect(names(await graph.unsolved(rhel, 10, within(windowStart)))).toEqual(['django==4.2']);
  // Another solver is not affected, and after the window the version comes back.
  expect(names(await graph.unsolved(fedora, 10, within(windowStart)))).toContain('flask==2.0.0');
  expect(names(await graph.unsolved(rhel, 10, within(new Date(now.getTime() + HOUR))))).toEqual(['flask==2.0.0', 'django==4.2']);
});

test('securityUnanalyzed: solved versions with a source distribution and no analysis, once each, not when requested', async () => {
  await pool.query(`
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id, provides_source_distro) VALUES
      ('flask', '2.1.0', 'fedora', '34', '3.9', 2, 1, TRUE),
      ('django', '4.2', 'rhel', '8', '3.8', 7, 1, FALSE),
      ('flask', '2.0.0', 'rhel', '8', '3.8', 3, 2, TRUE);
  `);
  try {
    // flask 2.1.0 is solved twice (two environments) but asked for once; django has no source
    // distribution; flask 2.0.0 of entity 3 is on a disabled index.
    expect(names(await graph.securityUnanalyzed(10, within(longAgo)))).toEqual(['flask==2.1.0']);
    await pool.query(`
      ${insertSiAggregatedRuns([[1, 'si-1', false]])}
      INSERT INTO si_aggregated (si_aggregated_run_id, python_package_version_entity_id, python_package_version_id)
        SELECT 1, 2, id FROM python_package_version WHERE entity_id = 2 LIMIT 1;
    `);
    expect(await graph.securityUnanalyzed(10, within(longAgo))).toEqual([]);
    await pool.query('DELETE FROM si_aggregated; DELETE FROM si_aggregated_run');
    const [flask] = await graph.securityUnanalyzed(10, within(longAgo));
    await graph.claim(buildRequests(new Map(), { solver: false, revsolver: false, security: true }, [flask!]), now, within(longAgo));
    expect(await graph.securityUnanalyzed(10, within(new Date(now.getTime() - HOUR)))).toEqual([]);
  } finally {
    await pool.query("DELETE FROM python_package_version WHERE NOT (os_name = 'rhel' AND entity_id = 2)");
  }
});

test('the same request twice in one batch is claimed once', async () => {
  const requests = buildRequests(new Map([[rhel, await graph.unsolved(rhel, 1, within(longAgo))]]), { solver: true, revsolver: false, security: false });
  expect(await graph.claim([...requests, ...requests], now, within(longAgo))).toHaveLength(1);
});

test('a claim never acknowledged (its run was killed) is sent again after the lease; an acknowledged one not within the window', async () => {
  const requests = buildRequests(new Map([[rhel, await graph.unsolved(rhel, 10, within(longAgo))]]), { solver: true, revsolver: false, security: false });
  const [flask, django] = requests;
  const recentAt = (at: Date) => within(new Date(at.getTime() - 6 * HOUR), new Date(at.getTime() - 10 * MINUTE));
  expect(await graph.claim(requests, now, recentAt(now))).toHaveLength(2);
  await graph.acknowledge([flask!], now);
  // Within the lease, neither comes back: the run may still be publishing django.
  const soon = new Date(now.getTime() + 5 * MINUTE);
  expect(names(await graph.unsolved(rhel, 10, recentAt(soon)))).toEqual([]);
  expect(await graph.claim(requests, soon, recentAt(soon))).toEqual([]);
  // After it, django (never acknowledged) is a candidate and claimed again; flask stays done for the window.
  const afterLease = new Date(now.getTime() + 15 * MINUTE);
  expect(names(await graph.unsolved(rhel, 10, recentAt(afterLease)))).toEqual(['django==4.2']);
  expect(await graph.claim(requests, afterLease, recentAt(afterLease))).toEqual([django]);
  // An acknowledgement of the first claim does not mark the second one, made by another run.
  await graph.acknowledge([django!], now);
  expect(await graph.claim(requests, new Date(afterLease.getTime() + 15 * MINUTE), recentAt(new Date(afterLease.getTime() + 15 * MINUTE)))).toEqual([django]);
});
