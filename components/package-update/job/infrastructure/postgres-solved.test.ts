/** The solved packages read a page at a time: every package once, its versions together, whatever the page size. */
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { PostgresSolvedPackages } from './postgres-solved.js';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url });
  await pool.query(`
    INSERT INTO python_package_index (id, url, verify_ssl, enabled) VALUES (1, 'https://a.example/simple', TRUE, TRUE), (2, 'https://b.example/simple', TRUE, TRUE), (3, 'https://off.example/simple', TRUE, FALSE);
    INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id)
      SELECT i, 'package-' || (i % 5), '1.' || (i / 5), 1 + (i % 3) FROM generate_series(1, 40) AS i;
    INSERT INTO python_package_version (package_name, package_version, os_name, os_version, python_version, entity_id, python_package_index_id)
      SELECT package_name, package_version, os, '1', '3.8', id, python_package_index_id FROM python_package_version_entity, (VALUES ('rhel'), ('fedora')) AS solvers(os);
  `);
}, 30_000);

afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function all(pageSize: number) {
  const found: string[] = [];
  for await (const solved of new PostgresSolvedPackages(pool, pageSize).solvedPackages()) {
    found.push(`${solved.index.id} ${solved.name} ${solved.versions.map((version) => version.version).join(',')}`);
  }
  return found;
}

test('every package of the enabled indexes once, with all its versions, on any page size', async () => {
  const whole = await all(1000);
  expect(whole).toHaveLength(10);
  expect(whole.every((line) => !line.startsWith('3 '))).toBe(true);
  for (const pageSize of [1, 2, 3, 7]) expect(await all(pageSize)).toEqual(whole);
});
