import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { PostgresKebechetInstallations } from './postgres-kebechet-installations.js';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 2 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

test('the repositories of the active installations, each once though installed for several runtime environments', async () => {
  await pool.query(`
    INSERT INTO kebechet_github_installations (slug, repo_name, private, installation_id, is_active, runtime_environment_name) VALUES
      ('thoth-station/adviser', 'adviser', FALSE, '1', TRUE, 'ubi8'),
      ('thoth-station/adviser', 'adviser', FALSE, '1', TRUE, 'fedora'),
      ('AICoE/elyra-aidevsecops-tutorial', 'elyra-aidevsecops-tutorial', FALSE, '2', TRUE, NULL),
      ('thoth-station/retired', 'retired', FALSE, '1', FALSE, NULL)
  `);
  expect(await new PostgresKebechetInstallations(pool).activeRepositories()).toEqual(['AICoE/elyra-aidevsecops-tutorial', 'thoth-station/adviser']);
});
