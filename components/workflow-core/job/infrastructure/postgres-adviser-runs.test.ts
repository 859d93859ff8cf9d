/**
 * PostgresAdviserRuns against PostgreSQL with the reference tables (test/fixtures/reference-schema.sql).
 */
import pg from 'pg';
import { packageVersion } from '../../../../src/runtime/python/package.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { PostgresAdviserRuns } from './postgres-adviser-runs.js';

let database: TestDatabase;
let pool: pg.Pool;
let graph: PostgresAdviserRuns;
const PYPI = 'https://pypi.org/simple';

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
  graph = new PostgresAdviserRuns(pool);
  await pool.query(`
    INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
      (1, 'flask', '2.3.2', 1), (2, 'numpy', '1.26.0', 1), (3, 'scipy', NULL, NULL);
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id) VALUES
      ('numpy', '1.26.0', 'rhel', '8', '3.8', 2, 1);
  `);
  const run = (id: number, document: string, extra: { source?: string; needReRun?: boolean; reRunOf?: string } = {}) =>
    `(${id}, '${document}', now(), '1.0', 'adviser', FALSE, ${extra.needReRun ?? true}, ${extra.reRunOf === undefined ? 'NULL' : `'${extra.reRunOf}'`},
      FALSE, 'STABLE', 'PIPENV', FALSE, FALSE, '${extra.source ?? 'KEBECHET'}')`;
  await pool.query(`
    INSERT INTO adviser_run (id, adviser_document_id, datetime, adviser_version, adviser_name, debug, need_re_run, re_run_adviser_id,
                             adviser_error, recommendation_type, requirements_format, advised_configuration_changes, additional_stack_info, source_type) VALUES
      ${run(1, 'adviser-waiting')},
      ${run(2, 'adviser-cli', { source: 'CLI' })},
      ${run(3, 'adviser-done', { needReRun: false })},
      ${run(4, 'adviser-already-re-run')},
      ${run(5, 'adviser-the-re-run', { reRunOf: 'adviser-already-re-run' })},
      ${run(6, 'adviser-no-version')};
    INSERT INTO has_unresolved (adviser_run_id, python_package_version_entity_id) VALUES (1, 1), (1, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3);
  `);
});
afterAll(async () => {
  await pool.end();
  await database.drop();
});

test('waiting runs: Kebechet runs that need a re-run and have none, each with its unresolved package versions and their index', async () => {
  expect(await graph.waitingKebechetRuns()).toEqual([
    { adviserId: 'adviser-no-version', unresolved: [packageVersion('scipy', '', '')] },
    { adviserId: 'adviser-waiting', unresolved: [packageVersion('flask', '2.3.2', PYPI), packageVersion('numpy', '1.26.0', PYPI)] },
  ]);
});

test('solved: a version row of that name, version and index exists; a package without version or index never is', async () => {
  expect(await graph.isSolved(packageVersion('numpy', '1.26.0', PYPI))).toBe(true);
  expect(await graph.isSolved(packageVersion('flask', '2.3.2', PYPI))).toBe(false);
  expect(await graph.isSolved(packageVersion('numpy', '1.26.0', 'https://other/simple'))).toBe(false);
  expect(await graph.isSolved(packageVersion('scipy', '', ''))).toBe(false);
});
