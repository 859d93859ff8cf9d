/**
 * PostgresKebechetInstallationFiles against PostgreSQL with the reference tables
 * (test/fixtures/reference-schema.sql): the rows storages' update_kebechet_installation_using_files
 * writes, none twice, and the installations of environments no longer configured deleted.
 */
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { fuzzyHash, type InstallationRecord, managers } from '../domain/kebechet-installation.js';
import { PostgresKebechetInstallationFiles } from './postgres-kebechet-installation-files.js';

let database: TestDatabase;
let pool: pg.Pool;
let graph: PostgresKebechetInstallationFiles;
const PYPI = 'https://pypi.org/simple';
const OTHER = 'https://other.example/simple';

const record = (name: string | null, extra: Partial<InstallationRecord> = {}): InstallationRecord => ({
  slug: 'org/repo',
  repoName: 'repo',
  installationId: '77',
  isPrivate: false,
  runtimeEnvironmentName: name,
  environment: { environmentName: name, osName: 'rhel', osVersion: '8', pythonVersion: '3.8', cudaVersion: null },
  managers: managers(['update', 'thoth-advise']),
  requirements: [
    { name: 'flask', versionRange: '*', indexUrl: undefined },
    { name: 'numpy', versionRange: '>=1.0', indexUrl: OTHER },
  ],
  lock: [
    { name: 'flask', version: '2.0.0', indexUrl: PYPI },
    { name: 'numpy', version: '1.26.0', indexUrl: OTHER },
  ],
  ...extra,
});

const counts = async () => {
  const { rows } = await pool.query<Record<string, number>>(`SELECT
    (SELECT count(*)::int FROM external_software_environment) AS environments,
    (SELECT count(*)::int FROM python_package_index) AS indexes,
    (SELECT count(*)::int FROM python_package_requirement) AS requirements,
    (SELECT count(*)::int FROM external_python_requirements) AS requirement_sets,
    (SELECT count(*)::int FROM has_external_python_requirement) AS requirement_links,
    (SELECT count(*)::int FROM python_package_version_entity) AS entities,
    (SELECT count(*)::int FROM external_python_requirements_lock) AS locks,
    (SELECT count(*)::int FROM has_external_python_requirement_lock) AS lock_links,
    (SELECT count(*)::int FROM python_package_version_entity_rules_association) AS rules,
    (SELECT count(*)::int FROM external_python_software_stack) AS stacks,
    (SELECT count(*)::int FROM kebechet_github_installations) AS installations`);
  return rows[0]!;
};

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  graph = new PostgresKebechetInstallationFiles(pool);
  // PyPI is known (enabled) and flask 2.0.0 from it is an entity already; two rules on numpy, one on
  // another index (storages applies a package's rules whatever their index).
  await pool.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE), (2, 'https://third.example/simple', TRUE, TRUE);
    SELECT setval('python_package_index_id_seq', 2);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES (1, 'flask', '2.0.0', 1);
    SELECT setval('python_package_version_entity_id_seq', 1);
    INSERT INTO python_package_version_entity_rule (id, package_name, version_range, python_package_index_id) VALUES
      (1, 'numpy', '<2', 2), (2, 'numpy', '>=2', NULL), (3, 'numpy', NULL, NULL);
  `);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

test('the rows storages writes for an installation, found again rather than written twice', async () => {
  expect(await graph.replaceInstallations('org/repo', [record('ubi8')])).toEqual({ deleted: [] });
  const first = await counts();
  expect(first).toEqual({
    environments: 1,
    indexes: 3,
    requirements: 2,
    requirement_sets: 1,
    requirement_links: 2,
    entities: 2,
    locks: 1,
    lock_links: 2,
    rules: 2,
    stacks: 1,
    installations: 1,
  });

  const { rows } = await pool.query(`
    SELECT k.slug, k.repo_name, k.installation_id, k.private, k.is_active, k.runtime_environment_name, k.last_run,
           k.update_manager, k.thoth_advise_manager, k.info_manager,
           e.environment_name, e.os_name, e.os_version, e.python_version, e.cuda_version, e.environment_type,
           r.requirements_hash, l.requirements_lock_hash
      FROM kebechet_github_installations k
      JOIN external_software_environment e ON e.id = k.external_software_environment_id
      JOIN external_python_software_stack s ON s.id = k.external_python_software_stack_id
      JOIN external_python_requirements r ON r.id = s.external_python_requirements_id
      JOIN external_python_requirements_lock l ON l.id = s.external_python_requirements_lock_id`);
  const requirementIds = (await pool.query<{ id: number }>('SELECT id FROM python_package_requirement ORDER BY id')).rows.map((row) => row.id);
  expect(rows).toEqual([
    {
      slug: 'org/repo',
      repo_name: 'repo',
      installation_id: '77',
      private: false,
      is_active: true,
      runtime_environment_name: 'ubi8',
      last_run: null,
      update_manager: true,
      thoth_advise_manager: true,
      info_manager: false,
      environment_name: 'ubi8',
      os_name: 'rhel',
      os_version: '8',
      python_version: '3.8',
      cuda_version: null,
      environment_type: 'RUNTIME',
      // The existing flask entity (1) and the new numpy one (2).
      requirements_hash: fuzzyHash(requirementIds),
      requirements_lock_hash: fuzzyHash([1, 2]),
    },
  ]);
  const requirements = await pool.query(
    'SELECT r.name, r.version_range, r.develop, i.url FROM python_package_requirement r LEFT JOIN python_package_index i ON i.id = r.python_package_index_id ORDER BY r.id',
  );
  expect(requirements.rows).toEqual([
    { name: 'flask', version_range: '*', develop: false, url: null },
    { name: 'numpy', version_range: '>=1.0', develop: false, url: OTHER },
  ]);
  // An index the graph did not know is added as storages adds it: disabled.
  expect((await pool.query('SELECT verify_ssl, enabled, only_if_package_seen FROM python_package_index WHERE url = $1', [OTHER])).rows).toEqual([
    { verify_ssl: true, enabled: false, only_if_package_seen: true },
  ]);
  // numpy 1.26.0: the rule <2 (of another index) and the one without a range apply, >=2 does not.
  expect(
    (await pool.query('SELECT python_package_version_entity_rule_id AS rule FROM python_package_version_entity_rules_association ORDER BY 1')).rows,
  ).toEqual([{ rule: 1 }, { rule: 3 }]);

  await graph.replaceInstallations('org/repo', [record('ubi8')]);
  expect(await counts()).toEqual(first);
});

test('a changed installation is updated in place; an environment no longer configured is deleted, other repositories kept', async () => {
  await graph.replaceInstallations('other/repo', [record('ubi8', { slug: 'other/repo' })]);
  await graph.replaceInstallations('org/repo', [record('ubi8'), record('fedora')]);
  const result = await graph.replaceInstallations('org/repo', [
    record('fedora', { installationId: '78', isPrivate: true, managers: managers(['info']), lock: undefined, requirements: [] }),
  ]);
  expect(result).toEqual({ deleted: ['ubi8'] });
  const { rows } = await pool.query(`
    SELECT k.slug, k.runtime_environment_name AS name, k.installation_id, k.private, k.info_manager, k.update_manager, l.requirements_lock_hash, r.requirements_hash
      FROM kebechet_github_installations k
      JOIN external_python_software_stack s ON s.id = k.external_python_software_stack_id
      JOIN external_python_requirements r ON r.id = s.external_python_requirements_id
      JOIN external_python_requirements_lock l ON l.id = s.external_python_requirements_lock_id
     ORDER BY k.slug`);
  expect(rows).toEqual([
    // No lock file: storages' empty lock, the hash of [0]; no requirements: the hash of none.
    {
      slug: 'org/repo',
      name: 'fedora',
      installation_id: '78',
      private: true,
      info_manager: true,
      update_manager: false,
      requirements_lock_hash: '3::',
      requirements_hash: '',
    },
    expect.objectContaining({ slug: 'other/repo', name: 'ubi8' }),
  ]);
});

test('an unnamed environment (NULL, outside the unique key) is found again, not duplicated', async () => {
  await graph.replaceInstallations('nameless/repo', [record(null, { slug: 'nameless/repo' })]);
  await graph.replaceInstallations('nameless/repo', [record(null, { slug: 'nameless/repo', installationId: '79' })]);
  const { rows } = await pool.query("SELECT runtime_environment_name, installation_id FROM kebechet_github_installations WHERE slug = 'nameless/repo'");
  expect(rows).toEqual([{ runtime_environment_name: null, installation_id: '79' }]);
});

test('a failure rolls the whole run back', async () => {
  const before = await counts();
  // A NULL installation id (a NOT NULL column) fails the last insert, after the requirement rows: none stays.
  const broken = record('x', { requirements: [{ name: 'brand-new', versionRange: '*', indexUrl: undefined }], installationId: null as unknown as string });
  await expect(graph.replaceInstallations('org/repo', [broken])).rejects.toThrow(/installation_id/);
  expect(await counts()).toEqual(before);
});
