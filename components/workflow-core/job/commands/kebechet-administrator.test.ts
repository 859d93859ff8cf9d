/**
 * workflow-tasks kebechet-administrator run as its image runs it (in process), against PostgreSQL
 * with the reference tables and a Pushgateway: a package event becomes a messages file of
 * kebechet-run-url-triggers that send-messages would accept, and its count is pushed.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { createTestDatabase, type TestDatabase } from '../../../../test/services/database.js';
import { knowledgeGraphEnv, runInProcess } from '../../../../test/services/job-programs.js';
import { checkMessages, parseMessagesFile } from '../domain/messages-file.js';
import { workflowTasksProgram } from '../program.js';

const run = (env: Record<string, string>) => runInProcess(workflowTasksProgram, 'workflow-tasks', ['kebechet-administrator'], env);
const PYPI = 'https://pypi.org/simple';
const SOLVED = MESSAGE_TYPES['solved-package'].base;

describe('settings', () => {
  const valid = {
    THOTH_MESSAGE_TYPE: SOLVED,
    THOTH_PACKAGE_NAME: 'flask',
    THOTH_PACKAGE_VERSION: '2.0',
    THOTH_PACKAGE_INDEX: PYPI,
    THOTH_SOLVER_NAME: 'solver-rhel-8-py38',
    THOTH_DEPLOYMENT_NAME: 'test',
    // Nothing listens here: a setting error stops the command before it connects.
    ...knowledgeGraphEnv('postgres://postgres:x@127.0.0.1:1/none'),
  };
  const without = (name: keyof typeof valid) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name));

  test.each([
    ['no message type', without('THOTH_MESSAGE_TYPE'), /^workflow-tasks: THOTH_MESSAGE_TYPE is not set; expected the message the investigator received/],
    [
      'a message type by its catalogue name, not its base name',
      { ...valid, THOTH_MESSAGE_TYPE: 'solved-package' },
      /^workflow-tasks: THOTH_MESSAGE_TYPE="solved-package" is invalid; expected .*thoth\.solver\.solved-package/,
    ],
    [
      'a message type it does not answer',
      { ...valid, THOTH_MESSAGE_TYPE: MESSAGE_TYPES['package-released'].base },
      /^workflow-tasks: THOTH_MESSAGE_TYPE=".*" is invalid/,
    ],
    ['no package', without('THOTH_PACKAGE_NAME'), /^workflow-tasks: THOTH_PACKAGE_NAME is not set/],
    ['no index', without('THOTH_PACKAGE_INDEX'), /^workflow-tasks: THOTH_PACKAGE_INDEX is not set/],
    [
      'solved-package without the solved version',
      { ...valid, THOTH_PACKAGE_VERSION: '' },
      /^workflow-tasks: THOTH_PACKAGE_VERSION is not set; expected the solved release/,
    ],
    ['solved-package without a solver', without('THOTH_SOLVER_NAME'), /^workflow-tasks: THOTH_SOLVER_NAME is not set; expected the solver for solved-package/],
    [
      'a solver name with a one-digit Python',
      { ...valid, THOTH_SOLVER_NAME: 'solver-rhel-8-py3' },
      /^workflow-tasks: THOTH_SOLVER_NAME="solver-rhel-8-py3" is invalid; expected a solver name.*py310/,
    ],
    ['no deployment name (the metrics’ env)', without('THOTH_DEPLOYMENT_NAME'), /^workflow-tasks: THOTH_DEPLOYMENT_NAME is not set/],
  ])('%s: exit 1, one line naming the variable', async (_case, env, message) => {
    const { exitCode, stderr } = await run(env);
    expect(exitCode).toBe(1);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('against PostgreSQL and a Pushgateway', () => {
  let database: TestDatabase;
  let dir: string;
  let gateway: Server;
  const pushes: { url: string; body: string }[] = [];
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'kebechet-administrator-'));
    gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        pushes.push({ url: request.url!, body });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    env = {
      ...knowledgeGraphEnv(database.url),
      THOTH_DEPLOYMENT_NAME: 'test',
      THOTH_SERVICE_VERSION: '1.2.3',
      PROMETHEUS_PUSHGATEWAY_URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`,
      THOTH_PACKAGE_NAME: 'Flask',
      THOTH_PACKAGE_INDEX: 'https://pypi.python.org/simple',
    };
    // Repositories on rhel 8 / Python 3.8 unless said otherwise, each locking the flask versions listed.
    const repositories: [slug: string, versions: string[], extra?: { fedora?: true; private?: true }][] = [
      ['o/older', ['1.1.2']],
      ['o/equal', ['2.0.0']],
      ['o/newer', ['2.10']],
      ['o/pre-release', ['2.0rc1']],
      ['o/private', ['1.0'], { private: true }],
      ['o/fedora', ['1.0'], { fedora: true }],
    ];
    const versions = [...new Set(repositories.flatMap(([, locked]) => locked))];
    const pool = new pg.Pool({ connectionString: database.url, max: 1 });
    await pool.query(`
      INSERT INTO python_package_index (id, url, enabled, verify_ssl) VALUES (1, '${PYPI}', TRUE, TRUE);
      INSERT INTO python_package_version_entity (id, package_name, package_version, python_package_index_id) VALUES
        ${versions.map((version, index) => `(${index + 1}, 'flask', '${version}', 1)`).join(', ')};
      INSERT INTO external_software_environment (id, os_name, os_version, python_version, environment_type) VALUES
        (1, 'rhel', '8', '3.8', 'RUNTIME'), (2, 'fedora', '35', '3.10', 'RUNTIME');
      INSERT INTO external_python_requirements_lock (id, requirements_lock_hash) VALUES ${repositories.map((_, index) => `(${index + 1}, 'lock-${index + 1}')`).join(', ')};
      INSERT INTO external_python_software_stack (id, external_python_requirements_lock_id) VALUES ${repositories.map((_, index) => `(${index + 1}, ${index + 1})`).join(', ')};
      INSERT INTO has_external_python_requirement_lock VALUES
        ${repositories.flatMap(([, locked], index) => locked.map((version) => `(${index + 1}, ${versions.indexOf(version) + 1})`)).join(', ')};
      INSERT INTO kebechet_github_installations (id, slug, repo_name, private, installation_id, is_active, external_python_software_stack_id, external_software_environment_id) VALUES
        ${repositories
          .map(
            ([slug, , extra], index) =>
              `(${index + 1}, '${slug}', 'r', ${extra?.private ?? false}, '${100 + index}', TRUE, ${index + 1}, ${extra?.fedora ? 2 : 1})`,
          )
          .join(', ')};
    `);
    await pool.end();
  });
  afterAll(async () => {
    gateway?.close();
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const messagesOf = async (file: string) => parseMessagesFile(file, await readFile(file, 'utf8'));

  test("solved-package: a trigger for each public repository in the solver's environment on an older release, by slug, appended to the file", async () => {
    pushes.length = 0;
    const file = path.join(dir, 'solved.json');
    const earlier = { topic_name: 'thoth.repo-init', message_contents: { project_url: 'https://github.com/o/r' } };
    await writeFile(file, JSON.stringify([earlier]));
    const result = await run({
      ...env,
      THOTH_MESSAGE_TYPE: SOLVED,
      THOTH_PACKAGE_VERSION: '2.0',
      THOTH_SOLVER_NAME: 'solver-ubi-8.6-py38',
      THOTH_MESSAGES_FILE: file,
    });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });

    const messages = await messagesOf(file);
    expect(messages[0]).toEqual(earlier);
    expect(messages.slice(1)).toEqual([
      {
        topic_name: 'thoth.kebechet-run-url-trigger',
        message_contents: {
          component_name: 'kebechet-administrator',
          service_version: '1.2.3',
          version: 'v2',
          url: 'https://github.com/o/older',
          service_name: 'github',
          installation_id: '100',
          // NEW_RELEASE; the reference's mapping had no solved-package.
          metadata: { message_justification: 5, package_name: 'flask', package_version: '2.0', package_index: PYPI },
        },
      },
      expect.objectContaining({ message_contents: expect.objectContaining({ url: 'https://github.com/o/pre-release', installation_id: '103' }) }),
    ]);
    // What send-messages checks before it sends anything.
    expect(checkMessages(file, messages, { componentName: 'send-messages', serviceVersion: '0' })).toHaveLength(3);

    const logged = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'private repositories skipped', privateSkipped: 1 }));
    expect(logged).toContainEqual(expect.objectContaining({ msg: 'Kebechet run triggers written', repositories: 2, privateSkipped: 1 }));

    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.url).toBe('/metrics/job/workflow-helpers');
    expect(pushes[0]!.body).toContain(
      'thoth_kebechet_administrator_messages_sent_total{message_type="thoth.kebechet-run-url-trigger",trigger="thoth.solver.solved-package",env="test",version="1.2.3"} 2',
    );
  });

  test('missing-package has no version: every public repository locking any version of it, in any environment', async () => {
    const file = path.join(dir, 'missing-package.json');
    const result = await run({ ...env, THOTH_MESSAGE_TYPE: MESSAGE_TYPES['missing-package'].base, THOTH_MESSAGES_FILE: file });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const messages = await messagesOf(file);
    expect(messages.map((message) => message.message_contents.url)).toEqual(
      ['o/equal', 'o/fedora', 'o/newer', 'o/older', 'o/pre-release'].map((slug) => `https://github.com/${slug}`),
    );
    expect(messages[0]!.message_contents.metadata).toEqual({ message_justification: 3, package_name: 'flask', package_version: null, package_index: PYPI });
    expect(checkMessages(file, messages, { componentName: 'send-messages', serviceVersion: '0' })).toHaveLength(5);
  });

  test('cve-provided: the repositories locking that version, justified as a CVE (the reference overwrote it as NEW_RELEASE, then as CVE)', async () => {
    const file = path.join(dir, 'cve.json');
    const result = await run({ ...env, THOTH_MESSAGE_TYPE: MESSAGE_TYPES['cve-provided'].base, THOTH_PACKAGE_VERSION: '2.0.0', THOTH_MESSAGES_FILE: file });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const messages = await messagesOf(file);
    expect(messages.map((message) => message.message_contents.url)).toEqual(['https://github.com/o/equal']);
    expect(messages[0]!.message_contents.metadata).toMatchObject({ message_justification: 1, package_version: '2.0.0' });
  });

  test('no repository concerned: an empty list is written, so the step still has its output', async () => {
    const file = path.join(dir, 'none.json');
    const result = await run({ ...env, THOTH_MESSAGE_TYPE: MESSAGE_TYPES['hash-mismatch'].base, THOTH_PACKAGE_VERSION: '9.9', THOTH_MESSAGES_FILE: file });
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(await messagesOf(file)).toEqual([]);
  });
});
