/**
 * update-kebechet-installation run as the image runs it (in process), against PostgreSQL with the
 * reference tables and a server that answers as GitHub's REST API does, authenticated as the
 * Kebechet GitHub App: a repository's .thoth.yaml and requirements files become its installations
 * in the graph, once however often it runs; what is not there, or wrong, is one clear line.
 */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { FakeGitHub } from '../../../../test/services/fake-github.js';
import { knowledgeGraphEnv, runInProcess } from '../../../../test/services/job-programs.js';
import { workflowTasksProgram } from '../program.js';

const run = (env: Record<string, string>) => runInProcess(workflowTasksProgram, 'workflow-tasks', ['update-kebechet-installation'], env);
const APP_ID = 4242;
const PYPI = 'https://pypi.org/simple';

const THOTH_YAML = `host: khemenu.thoth-station.ninja
requirements_format: pipenv
overlays_dir: overlays
runtime_environments:
  - name: ubi8
    operating_system: {name: ubi, version: "8"}
    python_version: "3.8"
  - name: fedora
    operating_system: {name: fedora, version: "35"}
    python_version: 3.10
managers:
  - name: update
  - name: info
`;
const PIPFILE = '[[source]]\nname = "pypi"\nurl = "https://pypi.org/simple"\n[packages]\nflask = "*"\n';
const LOCK = JSON.stringify({
  _meta: { sources: [{ name: 'pypi', url: PYPI, verify_ssl: true }] },
  default: { flask: { version: '==2.0.0', hashes: ['sha256:a'], index: 'pypi' } },
});

let database: TestDatabase;
let pool: pg.Pool;
let github: FakeGitHub;
let dir: string;
let env: Record<string, string>;
let installationId: number;

const logged = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as { level: number; msg: string });
const installations = async (slug: string) =>
  (
    await pool.query(
      `SELECT k.runtime_environment_name AS name, k.installation_id, k.private, k.update_manager, k.info_manager,
              e.os_name, e.os_version, e.python_version, l.requirements_lock_hash = '3::' AS unlocked
         FROM kebechet_github_installations k
         JOIN external_software_environment e ON e.id = k.external_software_environment_id
         JOIN external_python_software_stack s ON s.id = k.external_python_software_stack_id
         JOIN external_python_requirements_lock l ON l.id = s.external_python_requirements_lock_id
        WHERE k.slug = $1 ORDER BY k.runtime_environment_name`,
      [slug],
    )
  ).rows;
const rowCounts = async () =>
  (
    await pool.query(`SELECT (SELECT count(*)::int FROM kebechet_github_installations) AS installations,
      (SELECT count(*)::int FROM python_package_requirement) AS requirements, (SELECT count(*)::int FROM python_package_version_entity) AS entities,
      (SELECT count(*)::int FROM external_python_software_stack) AS stacks, (SELECT count(*)::int FROM external_software_environment) AS environments`)
  ).rows[0];

beforeAll(async () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  dir = await mkdtemp(path.join(tmpdir(), 'update-kebechet-installation-'));
  await writeFile(path.join(dir, 'key.pem'), keys.privateKey);
  github = new FakeGitHub({ app: { id: APP_ID, publicKey: keys.publicKey } });
  await github.start();
  github.addRepository({
    owner: 'thoth-station',
    name: 'overlays',
    private: true,
    files: {
      '.thoth.yaml': THOTH_YAML,
      'overlays/ubi8/Pipfile': PIPFILE,
      'overlays/ubi8/Pipfile.lock': LOCK,
      'overlays/fedora/Pipfile': PIPFILE,
    },
  });
  github.addRepository({
    owner: 'thoth-station',
    name: 'pip-tools',
    files: {
      '.thoth.yaml': 'requirements_format: pip-tools\nruntime_environments:\n  - name: ubi8\n    operating_system: {name: rhel, version: "8.6"}\n',
      'requirements.txt': `--index-url ${PYPI}\nflask==2.0.0 \\\n    --hash=sha256:a\n`,
    },
  });
  github.addRepository({ owner: 'thoth-station', name: 'no-config', files: { 'README.md': '#' } });
  github.addRepository({ owner: 'thoth-station', name: 'poetry', files: { '.thoth.yaml': THOTH_YAML.replace('pipenv', 'poetry') } });
  github.addRepository({ owner: 'elsewhere', name: 'uninstalled', files: { '.thoth.yaml': THOTH_YAML } });
  installationId = github.installApp('thoth-station');

  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
  // A Kebechet installation of an environment the repository no longer has, and another repository's.
  await pool.query(`
    INSERT INTO external_software_environment (id, environment_name, os_name, os_version, python_version, environment_type) VALUES (100, 'old', 'rhel', '7', '3.6', 'RUNTIME');
    INSERT INTO kebechet_github_installations (slug, repo_name, private, installation_id, is_active, runtime_environment_name, external_software_environment_id) VALUES
      ('thoth-station/overlays', 'overlays', TRUE, '1', TRUE, 'old', 100), ('thoth-station/other', 'other', FALSE, '2', TRUE, 'old', 100);
  `);
  env = {
    ...knowledgeGraphEnv(database.url),
    GITHUB_API_URL: github.url,
    GITHUB_APP_ID: String(APP_ID),
    GITHUB_PRIVATE_KEY_PATH: path.join(dir, 'key.pem'),
  };
});
afterAll(async () => {
  await github?.stop();
  await pool?.end();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

test("every overlay's installation, with the App's installation id and the repository's visibility; the stale one deleted; nothing twice", async () => {
  const result = await run({ ...env, KEBECHET_SLUG: 'thoth-station/overlays' });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  expect(logged(result.stdout)).toContainEqual(
    expect.objectContaining({ msg: 'Kebechet installation updated', slug: 'thoth-station/overlays', environments: ['ubi8', 'fedora'], deleted: ['old'] }),
  );
  const expected = (name: string, osName: string, osVersion: string, pythonVersion: string, unlocked: boolean) => ({
    name,
    // Not the repository's id, which the reference stored.
    installation_id: String(installationId),
    private: true,
    update_manager: true,
    info_manager: true,
    os_name: osName,
    os_version: osVersion,
    python_version: pythonVersion,
    unlocked,
  });
  expect(await installations('thoth-station/overlays')).toEqual([
    expected('fedora', 'fedora', '35', '3.10', true),
    expected('ubi8', 'rhel', '8', '3.8', false),
  ]);
  expect((await pool.query("SELECT 1 FROM kebechet_github_installations WHERE slug = 'thoth-station/other'")).rowCount).toBe(1);

  const counts = await rowCounts();
  expect((await run({ ...env, KEBECHET_SLUG: 'thoth-station/overlays' })).exitCode).toBe(0);
  expect(await rowCounts()).toEqual(counts);
});

test('pip-tools: requirements.txt is both the requirements and, pinned, the lock; the environment as the graph keeps it', async () => {
  expect((await run({ ...env, KEBECHET_SLUG: 'thoth-station/pip-tools' })).exitCode).toBe(0);
  expect(await installations('thoth-station/pip-tools')).toEqual([
    expect.objectContaining({ name: 'ubi8', os_name: 'rhel', os_version: '8', unlocked: false, private: false }),
  ]);
  const { rows } = await pool.query(
    `SELECT e.package_name, e.package_version, i.url FROM kebechet_github_installations k
       JOIN external_python_software_stack s ON s.id = k.external_python_software_stack_id
       JOIN has_external_python_requirement_lock h ON h.external_python_requirements_locked_id = s.external_python_requirements_lock_id
       JOIN python_package_version_entity e ON e.id = h.python_package_version_entity_id
       JOIN python_package_index i ON i.id = e.python_package_index_id
      WHERE k.slug = 'thoth-station/pip-tools'`,
  );
  expect(rows).toEqual([{ package_name: 'flask', package_version: '2.0.0', url: PYPI }]);
});

test.each([
  ['no .thoth.yaml', 'thoth-station/no-config', /has no \.thoth\.yaml/],
  ['the App not installed', 'elsewhere/uninstalled', /GitHub App is not installed/],
])('%s: one warning, exit 0, the graph left as it is', async (_case, slug, message) => {
  const counts = await rowCounts();
  const result = await run({ ...env, KEBECHET_SLUG: slug });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  expect(logged(result.stdout).filter((line) => line.level >= 40)).toEqual([expect.objectContaining({ msg: expect.stringMatching(message) })]);
  expect(await rowCounts()).toEqual(counts);
});

test('a .thoth.yaml to fix: exit 1, one error line naming the repository, the file and the problem; nothing written', async () => {
  const counts = await rowCounts();
  const result = await run({ ...env, KEBECHET_SLUG: 'thoth-station/poetry' });
  expect(result).toMatchObject({ exitCode: 1, stderr: '' });
  const errors = logged(result.stdout).filter((line) => line.level >= 50);
  expect(errors.map((line) => line.msg)).toEqual([
    'thoth-station/poetry: .thoth.yaml: requirements_format "poetry" is not supported; expected pipenv, pip, pip-tools, pip-compile; nothing was written',
  ]);
  expect(JSON.stringify(errors)).not.toContain('stack');
  expect(await rowCounts()).toEqual(counts);
});

test.each([
  ['unset', {}],
  ['empty', { KEBECHET_SLUG: '' }],
  ['"null"', { KEBECHET_SLUG: 'null' }],
])('no repository (%s): one line, exit 0, neither GitHub nor the graph asked', async (_case, slug) => {
  const requests = github.requests.length;
  // Nothing listens at this database: a connection would fail the run.
  const result = await run({ ...env, ...knowledgeGraphEnv('postgres://postgres:x@127.0.0.1:1/none'), ...slug });
  expect(result).toMatchObject({ exitCode: 0, stderr: '' });
  expect(logged(result.stdout).map((line) => line.msg)).toEqual(['no repository (KEBECHET_SLUG unset or "null"): nothing to update']);
  expect(github.requests.length).toBe(requests);
});

test.each([
  [
    'a slug that is not owner/name',
    { KEBECHET_SLUG: 'thoth-station' },
    /^workflow-tasks: KEBECHET_SLUG="thoth-station" is invalid; expected a repository, owner\/name/,
  ],
  [
    'no App key',
    { KEBECHET_SLUG: 'o/r', GITHUB_PRIVATE_KEY_PATH: '/nowhere/key.pem' },
    /^workflow-tasks: GITHUB_PRIVATE_KEY_PATH="\/nowhere\/key.pem" is invalid/,
  ],
])('%s: exit 1, one line naming the variable', async (_case, overrides, message) => {
  const { exitCode, stderr } = await run({ ...env, ...overrides });
  expect(exitCode).toBe(1);
  expect(stderr).toMatch(message);
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
});
