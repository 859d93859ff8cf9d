/**
 * PostgresKebechetInstallations against PostgreSQL with the reference tables (test/fixtures/reference-schema.sql).
 */
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { PostgresKebechetInstallations } from './postgres-kebechet-installations.js';

let database: TestDatabase;
let pool: pg.Pool;
let graph: PostgresKebechetInstallations;
const PYPI = 'https://pypi.org/simple';
const OTHER = 'https://other.example/simple';
const RHEL8 = { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' };

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  graph = new PostgresKebechetInstallations(pool);
  // Each installation has a stack of its own, whose lock file pins the entities listed.
  const installations: [
    id: number,
    slug: string,
    environment: string | null,
    extra: { env?: number; active?: boolean; private?: boolean },
    entities: number[],
  ][] = [
    [1, 'o/b', null, { env: 2 }, [2]],
    [2, 'o/a', 'ubi8', { env: 1 }, [1, 5]],
    [3, 'o/a', 'fedora', { env: 2 }, [2]],
    [4, 'o/inactive', null, { env: 1, active: false }, [1]],
    [5, 'o/other-index', null, { env: 1 }, [3]],
    [6, 'o/no-index', null, { env: 1, private: true }, [4]],
    [7, 'o/numpy-only', null, { env: 1 }, [5]],
    [8, 'o/no-environment', null, {}, [1]],
  ];
  await pool.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE), (2, '${OTHER}', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
      (1, 'flask', '2.0.0', 1), (2, 'flask', '2.3.2', 1), (3, 'flask', '1.0', 2), (4, 'flask', '1.1', NULL), (5, 'numpy', '1.26.0', 1);
    INSERT INTO external_software_environment (id, environment_name, os_name, os_version, python_version, environment_type) VALUES
      (1, 'ubi8', 'rhel', '8', '3.8', 'RUNTIME'), (2, 'fedora', 'fedora', '35', '3.10', 'RUNTIME');
    INSERT INTO external_python_requirements_lock (id, requirements_lock_hash) VALUES ${installations.map(([id]) => `(${id}, 'lock-${id}')`).join(', ')};
    INSERT INTO external_python_software_stack (id, external_python_requirements_lock_id) VALUES ${installations.map(([id]) => `(${id}, ${id})`).join(', ')};
    INSERT INTO has_external_python_requirement_lock (external_python_requirements_locked_id, python_package_version_entity_id) VALUES
      ${installations.flatMap(([id, , , , entities]) => entities.map((entity) => `(${id}, ${entity})`)).join(', ')};
    INSERT INTO kebechet_github_installations (id, slug, repo_name, private, installation_id, is_active, runtime_environment_name,
                                               external_python_software_stack_id, external_software_environment_id) VALUES
      ${installations
        .map(
          ([id, slug, environment, extra]) =>
            `(${id}, '${slug}', '${slug.split('/')[1]}', ${extra.private ?? false}, 'installation-${id}', ${extra.active ?? true},
              ${environment === null ? 'NULL' : `'${environment}'`}, ${id}, ${extra.env ?? 'NULL'})`,
        )
        .join(', ')};
  `);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

const summary = (rows: { slug: string; installationId: string; isPrivate: boolean; lockedVersion: string | null }[]) =>
  rows.map((row) => `${row.slug} ${row.installationId}${row.isPrivate ? ' private' : ''} ${row.lockedVersion}`);

test('every version: each active installation locking the package from that index or from none, one row per locked version, by slug', async () => {
  expect(summary(await graph.lockingPackage({ name: 'flask', indexUrl: PYPI }))).toEqual([
    'o/a installation-2 2.0.0',
    'o/a installation-3 2.3.2',
    'o/b installation-1 2.3.2',
    'o/no-environment installation-8 2.0.0',
    'o/no-index installation-6 private 1.1',
  ]);
});

test("the index is compared by URL: another index's package is not this one (the reference's filter never compared it)", async () => {
  expect(summary(await graph.lockingPackage({ name: 'flask', indexUrl: OTHER }))).toEqual([
    'o/no-index installation-6 private 1.1',
    'o/other-index installation-5 1.0',
  ]);
  expect(await graph.lockingPackage({ name: 'flask', indexUrl: 'https://nowhere.example/simple' })).toHaveLength(1);
});

test('one version', async () => {
  expect(summary(await graph.lockingPackage({ name: 'flask', version: '2.3.2', indexUrl: PYPI }))).toEqual([
    'o/a installation-3 2.3.2',
    'o/b installation-1 2.3.2',
  ]);
});

test("a solver's environment: the installation's own, os, os version and Python all equal; an installation without one is not in it", async () => {
  expect(summary(await graph.lockingPackage({ name: 'flask', indexUrl: PYPI, environment: RHEL8 }))).toEqual([
    'o/a installation-2 2.0.0',
    'o/no-index installation-6 private 1.1',
  ]);
  expect(summary(await graph.lockingPackage({ name: 'flask', indexUrl: PYPI, environment: { ...RHEL8, pythonVersion: '3.9' } }))).toEqual([]);
});

test('a package no stack locks', async () => {
  expect(await graph.lockingPackage({ name: 'django', indexUrl: PYPI })).toEqual([]);
});
