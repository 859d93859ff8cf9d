/**
 * The datastore's database script, run as its Job runs it (`psql --no-psqlrc --file`, the names and
 * passwords from the environment) with this machine's psql against the test PostgreSQL server: each
 * service gets its role and its database, a second run changes nothing but the passwords, a password
 * changed in the secret reaches the role, and a missing variable fails the run.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { DATABASE_SERVICES, type DatabaseService } from '../shared/secrets.js';
import { databasesScript, scriptVariable } from './databases.js';

const run = promisify(execFile);
const server = new URL(process.env.THOTH_TEST_DATABASE_URL!);
const SUFFIX = randomBytes(4).toString('hex');
/** The engine's services, and the worker of an engine that is a site too. */
const SERVICES: readonly DatabaseService[] = [...DATABASE_SERVICES, 'worker'];
const names = Object.fromEntries(SERVICES.map((service) => [service, `ryax_${service}_${SUFFIX}`]));

let dir: string;
let admin: pg.Client;

/** The Job's environment: libpq's superuser connection, and each service's user, password and database. */
function jobEnvironment(password: (service: string) => string, omit?: string): Record<string, string> {
  const variables: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    PGHOST: server.hostname,
    PGPORT: server.port || '5432',
    PGUSER: decodeURIComponent(server.username),
    PGPASSWORD: decodeURIComponent(server.password),
    PGDATABASE: server.pathname.slice(1) || 'postgres',
  };
  for (const service of SERVICES) {
    variables[scriptVariable(service, 'USER')] = names[service]!;
    variables[scriptVariable(service, 'PASS')] = password(service);
    variables[scriptVariable(service, 'DB')] = names[service]!;
  }
  if (omit !== undefined) delete variables[omit];
  return variables;
}

const runScript = (env: Record<string, string>) => run('psql', ['--no-psqlrc', '--file', path.join(dir, 'databases.sql')], { env });

const passwordHashes = async () =>
  (
    await admin.query<{ rolname: string; rolpassword: string }>('SELECT rolname, rolpassword FROM pg_authid WHERE rolname = ANY($1) ORDER BY rolname', [
      Object.values(names),
    ])
  ).rows;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ryax-databases-'));
  await writeFile(path.join(dir, 'databases.sql'), databasesScript(SERVICES));
  admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
});

afterAll(async () => {
  for (const name of Object.values(names)) {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`DROP ROLE IF EXISTS ${name}`);
  }
  await admin.end();
  await rm(dir, { recursive: true, force: true });
});

test('each service gets its role, owning its database; a second run keeps them and sets the passwords the secret holds now', async () => {
  await runScript(jobEnvironment((service) => `first-${service}`));
  const databases = await admin.query<{ datname: string; owner: string }>(
    'SELECT datname, pg_get_userbyid(datdba) AS owner FROM pg_database WHERE datname = ANY($1) ORDER BY datname',
    [Object.values(names)],
  );
  expect(databases.rows).toEqual(
    Object.values(names)
      .sort()
      .map((name) => ({ datname: name, owner: name })),
  );
  const first = await passwordHashes();
  expect(first.map((row) => row.rolname)).toEqual(Object.values(names).sort());
  expect(first.every((row) => row.rolpassword.startsWith('SCRAM-SHA-256$'))).toBe(true);

  await runScript(jobEnvironment((service) => `first-${service}`));
  const again = await passwordHashes();
  expect(again.map((row) => row.rolname)).toEqual(first.map((row) => row.rolname));

  await runScript(jobEnvironment((service) => (service === 'runner' ? 'rotated' : `first-${service}`)));
  const rotated = await passwordHashes();
  const changed = rotated.filter((row, index) => row.rolpassword !== again[index]!.rolpassword).map((row) => row.rolname);
  // Every run sets each password anew (a new salt), so every hash differs; the runner's is the rotated one.
  expect(changed).toEqual(Object.values(names).sort());
  const runner = new pg.Client({ host: server.hostname, port: Number(server.port || 5432), user: names.runner, password: 'rotated', database: names.runner });
  await runner.connect();
  expect((await runner.query('SELECT current_user')).rows).toEqual([{ current_user: names.runner }]);
  await runner.end();
});

test('a variable the Job lacks fails the run, naming nothing secret', async () => {
  const failure = await runScript(jobEnvironment(() => 'x', scriptVariable('studio', 'DB'))).then(
    () => undefined,
    (error: { code?: number; stderr?: string }) => error,
  );
  expect(failure?.code).not.toBe(0);
  expect(failure?.stderr).toMatch(/ERROR/);
  expect(failure?.stderr).not.toContain("'x'");
});
