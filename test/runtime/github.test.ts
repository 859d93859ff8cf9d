import { createSign, generateKeyPairSync } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inspect } from 'node:util';
import { type GitHubClientOptions, GitHubError, OctokitGitHub, openIssueOnce } from '../../src/runtime/github/client.js';
import {
  GITHUB_ACCESS_TOKEN_SETTINGS,
  GITHUB_APP_SETTINGS,
  GITHUB_KEBECHET_SETTINGS,
  githubSettings,
  type GitHubVariables,
} from '../../src/runtime/github/settings.js';
import { ConfigError, type Environment } from '../../src/runtime/environment.js';
import { FakeGitHub, SECONDARY_RATE_LIMIT_MESSAGE } from '../services/fake-github.js';
import { startSilentServer } from '../services/silent-server.js';

const TOKEN = `ghp_${'t0k3n'.repeat(8)}`;
const APP_ID = 4242;
const rsaKeys = () =>
  generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    // GitHub hands out App keys in PKCS#1 ("BEGIN RSA PRIVATE KEY").
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
const appKeys = rsaKeys();

/** The milliseconds a call takes, and its outcome. */
async function timed<T>(call: () => Promise<T>): Promise<{ ms: number; result: PromiseSettledResult<T> }> {
  const start = performance.now();
  const [result] = await Promise.allSettled([call()]);
  return { ms: performance.now() - start, result: result! };
}

function rejection(result: PromiseSettledResult<unknown>): GitHubError {
  if (result.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(result)}`);
  expect(result.reason).toBeInstanceOf(GitHubError);
  return result.reason as GitHubError;
}

describe('settings', () => {
  const files: Record<string, string> = {
    '/secrets/github-private-key': appKeys.privateKey,
    '/secrets/not-a-key': 'hello',
    '/secrets/ec-key': generateKeyPairSync('ec', {
      namedCurve: 'P-256',
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey,
  };
  const readFile = (file: string): string => {
    const content = files[file];
    if (content === undefined) throw new Error(`ENOENT: ${file}`);
    return content;
  };
  const app = { GITHUB_APP_ID: String(APP_ID), GITHUB_PRIVATE_KEY_PATH: '/secrets/github-private-key' };

  test('a token, with the default API URL; the token shows in no log line', () => {
    const settings = githubSettings({ GITHUB_ACCESS_TOKEN: TOKEN }, GITHUB_ACCESS_TOKEN_SETTINGS, readFile);
    expect(settings).toEqual({ baseUrl: 'https://api.github.com', credentials: { kind: 'token', variable: 'GITHUB_ACCESS_TOKEN' } });
    expect(settings.credentials.kind === 'token' && settings.credentials.token).toBe(TOKEN);
    expect(JSON.stringify(settings)).not.toContain(TOKEN);
    expect(inspect(settings, { depth: 5 })).not.toContain(TOKEN);
  });

  test("GitHub Enterprise Server's API URL, without its trailing slash", () => {
    const settings = githubSettings({ GITHUB_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }, GITHUB_ACCESS_TOKEN_SETTINGS, readFile);
    expect(settings.baseUrl).toBe('https://ghe.example.com/api/v3');
  });

  test('the App: its id and its key, which shows in no log line', () => {
    const settings = githubSettings(app, GITHUB_APP_SETTINGS, readFile);
    expect(settings.credentials).toEqual({ kind: 'app', appId: APP_ID });
    expect(settings.credentials.kind === 'app' && settings.credentials.privateKey).toBe(appKeys.privateKey);
    expect(JSON.stringify(settings)).not.toContain('PRIVATE KEY');
    expect(inspect(settings, { depth: 5 })).not.toContain('PRIVATE KEY');
  });

  test("Kebechet's: the token, or the App, which is preferred when both are set (as ogr does)", () => {
    expect(githubSettings({ GITHUB_KEBECHET_TOKEN: TOKEN }, GITHUB_KEBECHET_SETTINGS, readFile).credentials).toEqual({
      kind: 'token',
      variable: 'GITHUB_KEBECHET_TOKEN',
    });
    expect(githubSettings({ GITHUB_KEBECHET_TOKEN: TOKEN, ...app }, GITHUB_KEBECHET_SETTINGS, readFile).credentials.kind).toBe('app');
  });

  test.each<[string, GitHubVariables, Environment]>([
    ['GITHUB_ACCESS_TOKEN is not set; expected the GitHub token (a secret, never logged)', GITHUB_ACCESS_TOKEN_SETTINGS, {}],
    ['GITHUB_ACCESS_TOKEN="  " is invalid; expected the GitHub token (a secret, never logged)', GITHUB_ACCESS_TOKEN_SETTINGS, { GITHUB_ACCESS_TOKEN: '  ' }],
    [
      'GITHUB_API_URL="api.github.com" is invalid; expected a URL (https, http)',
      GITHUB_ACCESS_TOKEN_SETTINGS,
      { GITHUB_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: 'api.github.com' },
    ],
    ['GITHUB_APP_ID is not set; expected the GitHub App id (Kebechet\'s App, in the Secret "kebechet")', GITHUB_APP_SETTINGS, {}],
    ['GITHUB_APP_ID="khebhut" is invalid; expected a whole number of at least 1', GITHUB_APP_SETTINGS, { ...app, GITHUB_APP_ID: 'khebhut' }],
    ['GITHUB_PRIVATE_KEY_PATH is not set; expected the GitHub App private key', GITHUB_APP_SETTINGS, { GITHUB_APP_ID: '1' }],
    [
      'GITHUB_PRIVATE_KEY_PATH="/secrets/missing" is invalid; expected the path of a readable file: the GitHub App private key as GitHub generates it (a PEM file)',
      GITHUB_APP_SETTINGS,
      { ...app, GITHUB_PRIVATE_KEY_PATH: '/secrets/missing' },
    ],
    [
      'GITHUB_PRIVATE_KEY_PATH="/secrets/not-a-key" is invalid; expected a file holding the GitHub App private key as GitHub generates it (a PEM file): an RSA private key',
      GITHUB_APP_SETTINGS,
      { ...app, GITHUB_PRIVATE_KEY_PATH: '/secrets/not-a-key' },
    ],
    [
      'GITHUB_PRIVATE_KEY_PATH="/secrets/ec-key" is invalid; expected a file holding',
      GITHUB_APP_SETTINGS,
      { ...app, GITHUB_PRIVATE_KEY_PATH: '/secrets/ec-key' },
    ],
    [
      'GITHUB_KEBECHET_TOKEN is not set; expected a GitHub token, or GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH for the GitHub App',
      GITHUB_KEBECHET_SETTINGS,
      {},
    ],
    [
      'GITHUB_PRIVATE_KEY_PATH is not set; expected the GitHub App private key as GitHub generates it (a PEM file), set together with GITHUB_APP_ID',
      GITHUB_KEBECHET_SETTINGS,
      { GITHUB_KEBECHET_TOKEN: TOKEN, GITHUB_APP_ID: '1' },
    ],
    [
      'GITHUB_APP_ID is not set; expected the GitHub App id (Kebechet\'s App, in the Secret "kebechet"), set together with GITHUB_PRIVATE_KEY_PATH',
      GITHUB_KEBECHET_SETTINGS,
      { GITHUB_KEBECHET_TOKEN: TOKEN, GITHUB_PRIVATE_KEY_PATH: '/secrets/github-private-key' },
    ],
  ])('%s', (message, variables, env) => {
    const attempt = () => githubSettings(env, variables, readFile);
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(message);
    // No message quotes a credential.
    try {
      attempt();
    } catch (error) {
      expect(String(error)).not.toContain(TOKEN);
      expect(String(error)).not.toContain('PRIVATE KEY');
    }
  });
});

describe('with a token', () => {
  let github: FakeGitHub;
  const client = (options: GitHubClientOptions = {}, token = TOKEN) =>
    new OctokitGitHub(githubSettings({ GITHUB_ACCESS_TOKEN: token, GITHUB_API_URL: github.url }, GITHUB_ACCESS_TOKEN_SETTINGS), {
      ...options,
      retry: { backoffMs: 10, ...options.retry },
    });

  beforeEach(async () => {
    github = new FakeGitHub();
    await github.start();
    github.addToken(TOKEN, 'thoth-bot');
    github.addRepository({
      owner: 'thoth-station',
      name: 'adviser',
      files: { '.thoth.yaml': 'host: khemenu.thoth-station.ninja\n', 'overlays/ubi8/Pipfile': '[packages]\nflask = "*"\n' },
    });
  });
  afterEach(async () => {
    await github.stop();
  });

  test('a repository, asked for with the token; an unknown one is undefined', async () => {
    await expect(client().repository('thoth-station', 'adviser')).resolves.toMatchObject({
      owner: 'thoth-station',
      name: 'adviser',
      fullName: 'thoth-station/adviser',
      archived: false,
      private: false,
      hasIssues: true,
      defaultBranch: 'main',
    });
    await expect(client().repository('thoth-station', 'nope')).resolves.toBeUndefined();
    expect(github.requests.map((request) => [request.method, request.path, request.status, request.authorization])).toEqual([
      ['GET', '/repos/thoth-station/adviser', 200, `token ${TOKEN}`],
      ['GET', '/repos/thoth-station/nope', 404, `token ${TOKEN}`],
    ]);
    expect(github.requests[0]!.userAgent).toMatch(/^thoth-job-programs /);
  });

  test("an organisation's repositories across three pages, the archived one skipped", async () => {
    for (const name of ['solver', 'old-solver', 'storages', 'common', 'messaging'])
      github.addRepository({ owner: 'thoth-station', name, archived: name === 'old-solver' });
    const listing = await client({ pageSize: 2 }).listRepositories('thoth-station');
    expect(listing?.repositories.map((repository) => repository.name).sort()).toEqual(['adviser', 'common', 'messaging', 'solver', 'storages']);
    expect(listing?.archived).toEqual(['thoth-station/old-solver']);
    // The pages after the first are GitHub's Link URLs, which name the organisation by id.
    expect(github.requests.map((request) => `${request.path}?${request.query.toString()}`)).toEqual([
      '/orgs/thoth-station/repos?type=all&per_page=2',
      expect.stringMatching(/^\/organizations\/\d+\/repos\?type=all&per_page=2&page=2$/),
      expect.stringMatching(/^\/organizations\/\d+\/repos\?type=all&per_page=2&page=3$/),
    ]);
  });

  test('an unknown organisation is undefined, and so is a user, which is no organisation', async () => {
    await expect(client().listRepositories('no-such-org')).resolves.toBeUndefined();
    await expect(client().listRepositories('thoth-bot')).resolves.toBeUndefined();
  });

  test('401: a token GitHub does not know is named, never shown, and not tried again', async () => {
    const wrong = `ghp_${'w'.repeat(36)}`;
    const { result } = await timed(() => client({}, wrong).repository('thoth-station', 'adviser'));
    const error = rejection(result);
    expect(error.message).toBe(
      'cannot read the repository thoth-station/adviser: 401 Bad credentials (GitHub refused the token in GITHUB_ACCESS_TOKEN: check that it is valid and not expired)',
    );
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(wrong);
    expect(github.requests).toHaveLength(1);
  });

  test('404: the issues of an unknown repository, named', async () => {
    const error = rejection((await timed(() => client().findOpenIssue('thoth-station', 'nope', 'x'))).result);
    expect(error.message).toBe(
      'cannot list the open issues of thoth-station/nope: 404 Not Found (no repository thoth-station/nope, or the token in GITHUB_ACCESS_TOKEN cannot see it)',
    );
    expect(error).toMatchObject({ status: 404, retryable: false });
  });

  test('403: a token that may not write, named with the repository', async () => {
    github.addToken('read-only', 'reader', { readOnly: true });
    const error = rejection((await timed(() => client({}, 'read-only').openIssue('thoth-station', 'adviser', { title: 'purge', body: 'b' }))).result);
    expect(error.message).toBe(
      'cannot open the issue "purge" in thoth-station/adviser: 403 Resource not accessible by personal access token (the token in GITHUB_ACCESS_TOKEN may not do this)',
    );
    expect(error).toMatchObject({ status: 403, retryable: false });
  });

  test('410 and 403 from GitHub itself: issues turned off, an archived repository', async () => {
    github.addRepository({ owner: 'thoth-station', name: 'no-issues', hasIssues: false });
    github.addRepository({ owner: 'thoth-station', name: 'archived', archived: true });
    const off = rejection((await timed(() => client().openIssue('thoth-station', 'no-issues', { title: 't', body: 'b' }))).result);
    expect(off.message).toBe('cannot open the issue "t" in thoth-station/no-issues: 410 Issues are disabled for this repo');
    const archived = rejection((await timed(() => client().openIssue('thoth-station', 'archived', { title: 't', body: 'b' }))).result);
    expect(archived.message).toBe(
      'cannot open the issue "t" in thoth-station/archived: 403 Repository was archived so is read-only. (the token in GITHUB_ACCESS_TOKEN may not do this)',
    );
  });

  test('429 with Retry-After: tried again once the wait is over', async () => {
    github.failNext({ status: 429, message: SECONDARY_RATE_LIMIT_MESSAGE, headers: { 'retry-after': '1' } });
    const { ms, result } = await timed(() => client().repository('thoth-station', 'adviser'));
    expect(result).toMatchObject({ status: 'fulfilled', value: { fullName: 'thoth-station/adviser' } });
    expect(ms).toBeGreaterThanOrEqual(1000);
    expect(ms).toBeLessThan(2500);
    expect(github.requests.map((request) => request.status)).toEqual([429, 200]);
  });

  test('a secondary rate limit longer than the program waits fails at once, saying when GitHub takes requests again', async () => {
    github.failNext({ status: 403, message: SECONDARY_RATE_LIMIT_MESSAGE, headers: { 'retry-after': '120' } });
    const { ms, result } = await timed(() => client({ retry: { maxWaitMs: 5000 } }).repository('thoth-station', 'adviser'));
    const error = rejection(result);
    expect(error.message).toMatch(
      /^cannot read the repository thoth-station\/adviser: 403 You have exceeded a secondary rate limit\. .*; GitHub takes requests again in 120 s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\), longer than the 5 s this program waits$/,
    );
    expect(error).toMatchObject({ status: 403, retryable: true });
    expect(ms).toBeLessThan(1000);
    expect(github.requests).toHaveLength(1);
  });

  test("a spent hourly budget: GitHub's reset is an hour away, so the call fails naming it", async () => {
    await github.stop();
    github = new FakeGitHub({ rateLimit: 2 });
    await github.start();
    github.addToken(TOKEN, 'thoth-bot');
    github.addRepository({ owner: 'thoth-station', name: 'adviser' });
    const github2 = client();
    await github2.repository('thoth-station', 'adviser');
    await github2.repository('thoth-station', 'adviser');
    const { ms, result } = await timed(() => github2.repository('thoth-station', 'adviser'));
    const error = rejection(result);
    expect(error.message).toMatch(
      /^cannot read the repository thoth-station\/adviser: 403 API rate limit exceeded for user ID \d+\.; GitHub takes requests again in 360\d s /,
    );
    expect(ms).toBeLessThan(1000);
    expect(github.requests.at(-1)?.status).toBe(403);
  });

  test('a 5xx on a GET is tried again after a doubling wait; the attempts are bounded', async () => {
    github.failNext({ status: 502, method: 'GET' }, 2);
    await expect(client({ retry: { attempts: 3 } }).repository('thoth-station', 'adviser')).resolves.toMatchObject({ name: 'adviser' });
    expect(github.requests.map((request) => request.status)).toEqual([502, 502, 200]);
    github.requests.length = 0;
    github.failNext({ status: 503, method: 'GET' }, 10);
    const error = rejection((await timed(() => client({ retry: { attempts: 3 } }).repository('thoth-station', 'adviser'))).result);
    expect(error.message).toBe('cannot read the repository thoth-station/adviser: 503 Service Unavailable after 3 attempts');
    expect(error).toMatchObject({ status: 503, retryable: true });
    expect(github.requests).toHaveLength(3);
  });

  test('a GitHub that never answers: each attempt ends at the time limit, and the attempts are bounded', async () => {
    const silent = await startSilentServer();
    try {
      const settings = githubSettings({ GITHUB_ACCESS_TOKEN: TOKEN, GITHUB_API_URL: `http://127.0.0.1:${silent.port}` }, GITHUB_ACCESS_TOKEN_SETTINGS);
      const hanging = new OctokitGitHub(settings, { limits: { timeoutMs: 200 }, retry: { attempts: 2, backoffMs: 10 } });
      const { ms, result } = await timed(() => hanging.repository('thoth-station', 'adviser'));
      expect(rejection(result).message).toBe(
        `cannot read the repository thoth-station/adviser: no answer from http://127.0.0.1:${silent.port} within 0.2 s after 2 attempts`,
      );
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(2000);
    } finally {
      await silent.close();
    }
  });

  test("the program's stop ends a wait for a rate limit at once", async () => {
    github.failNext({ status: 429, message: SECONDARY_RATE_LIMIT_MESSAGE, headers: { 'retry-after': '30' } });
    const stop = new AbortController();
    const stopping = client({ limits: { timeoutMs: 30_000, signal: stop.signal } });
    setTimeout(() => stop.abort(), 100);
    const { ms, result } = await timed(() => stopping.repository('thoth-station', 'adviser'));
    expect(rejection(result)).toMatchObject({
      message: 'cannot read the repository thoth-station/adviser: the program is stopping',
      status: 429,
      retryable: true,
    });
    expect(ms).toBeLessThan(1000);
    expect(github.requests).toHaveLength(1);
  });

  test('a 502 after GitHub opened the issue: it is found, not opened twice', async () => {
    github.failNext({ status: 502, method: 'POST', after: true });
    const issue = await client().openIssue('thoth-station', 'adviser', { title: 'purge', body: 'b', labels: ['bot'] });
    expect(issue).toMatchObject({ number: 1, title: 'purge', labels: ['bot'] });
    expect(github.issues('thoth-station', 'adviser')).toHaveLength(1);
    expect(github.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 502', 'GET 200']);
  });

  test('a 502 before GitHub opened it: opened once, on the second attempt', async () => {
    github.failNext({ status: 502, method: 'POST' });
    await client().openIssue('thoth-station', 'adviser', { title: 'purge', body: 'b' });
    expect(github.issues('thoth-station', 'adviser')).toHaveLength(1);
    expect(github.requests.map((request) => `${request.method} ${request.status}`)).toEqual(['POST 502', 'GET 200', 'POST 201']);
  });

  test('findOpenIssue and openIssueOnce: an open issue with the title is not opened again; closed ones and pull requests do not count', async () => {
    const title = 'rhel:8py3.6 being purged from Thoth DB';
    github.addIssue('thoth-station', 'adviser', { title, state: 'closed' });
    github.addIssue('thoth-station', 'adviser', { title, pullRequest: true });
    for (let n = 0; n < 4; n++) github.addIssue('thoth-station', 'adviser', { title: `other ${n}` });
    const adviser = client({ pageSize: 2 });
    await expect(adviser.findOpenIssue('thoth-station', 'adviser', title)).resolves.toBeUndefined();
    const first = await openIssueOnce(adviser, 'thoth-station', 'adviser', { title, body: 'Please update.', labels: ['bot'] });
    expect(first).toEqual({
      outcome: 'opened',
      issue: { number: 7, title, state: 'open', labels: ['bot'], url: 'https://github.com/thoth-station/adviser/issues/7' },
    });
    const second = await openIssueOnce(adviser, 'thoth-station', 'adviser', { title, body: 'Please update.', labels: ['bot'] });
    expect(second).toEqual({ outcome: 'already-open', issue: first.issue });
    const opened = github.issues('thoth-station', 'adviser').filter((issue) => issue.title === title && issue.state === 'open' && !issue.pullRequest);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ body: 'Please update.', labels: ['bot'], author: 'thoth-bot' });
    // Open issues only were asked for.
    expect(github.requests.filter((request) => request.method === 'GET').every((request) => request.query.get('state') === 'open')).toBe(true);
  });

  test("a file's text; a missing file or ref is undefined; a directory is refused", async () => {
    const adviser = client();
    await expect(adviser.fileContent('thoth-station', 'adviser', '.thoth.yaml')).resolves.toBe('host: khemenu.thoth-station.ninja\n');
    await expect(adviser.fileContent('thoth-station', 'adviser', 'overlays/ubi8/Pipfile', 'main')).resolves.toBe('[packages]\nflask = "*"\n');
    await expect(adviser.fileContent('thoth-station', 'adviser', 'Pipfile.lock')).resolves.toBeUndefined();
    await expect(adviser.fileContent('thoth-station', 'adviser', '.thoth.yaml', 'no-such-branch')).resolves.toBeUndefined();
    await expect(adviser.fileContent('thoth-station', 'adviser', 'overlays')).rejects.toThrow(
      'cannot read overlays in thoth-station/adviser: it is a directory, not a file',
    );
  });

  test('the installation lookup needs the App', async () => {
    await expect(client().installation('thoth-station', 'adviser')).rejects.toThrow(
      "cannot look up the GitHub App's installation on thoth-station/adviser: this program authenticates with the token in GITHUB_ACCESS_TOKEN, not as a GitHub App (GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH)",
    );
    expect(github.requests).toHaveLength(0);
  });
});

describe('as the GitHub App', () => {
  let github: FakeGitHub;
  let dir: string;
  let installationId: number;

  const appClient = async (options: GitHubClientOptions = {}, privateKey = appKeys.privateKey) => {
    const keyPath = path.join(dir, `key-${Math.random()}.pem`);
    await writeFile(keyPath, privateKey);
    const settings = githubSettings({ GITHUB_APP_ID: String(APP_ID), GITHUB_PRIVATE_KEY_PATH: keyPath, GITHUB_API_URL: github.url }, GITHUB_APP_SETTINGS);
    return new OctokitGitHub(settings, { retry: { backoffMs: 10 }, ...options });
  };

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'thoth-github-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    github = new FakeGitHub({ app: { id: APP_ID, publicKey: appKeys.publicKey } });
    await github.start();
    github.addRepository({ owner: 'thoth-station', name: 'adviser' });
    github.addRepository({ owner: 'thoth-station', name: 'secret-sauce', private: true });
    github.addRepository({ owner: 'elsewhere', name: 'project' });
    installationId = github.installApp('thoth-station');
  });
  afterEach(async () => {
    await github.stop();
  });

  test("an issue, opened as the repository's installation: JWT, then the installation's token, which is kept", async () => {
    const kebechet = await appClient();
    await kebechet.openIssue('thoth-station', 'adviser', { title: 'one', body: 'b', labels: ['bot'] });
    await kebechet.openIssue('thoth-station', 'adviser', { title: 'two', body: 'b' });
    expect(github.requests.map((request) => `${request.method} ${request.path} ${request.status}`)).toEqual([
      'GET /repos/thoth-station/adviser/installation 200',
      `POST /app/installations/${installationId}/access_tokens 201`,
      'POST /repos/thoth-station/adviser/issues 201',
      'POST /repos/thoth-station/adviser/issues 201',
    ]);
    const [lookup, tokenRequest, issue] = github.requests;
    expect(lookup!.authorization).toMatch(/^bearer [\w-]+\.[\w-]+\.[\w-]+$/);
    const claims = JSON.parse(Buffer.from(lookup!.authorization!.split('.')[1]!, 'base64url').toString('utf8')) as { iss: number; iat: number; exp: number };
    expect(claims.iss).toBe(APP_ID);
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(600);
    expect(tokenRequest!.authorization).toMatch(/^bearer /);
    expect(issue!.authorization).toMatch(/^token ghs_\w{36}$/);
    expect(github.issues('thoth-station', 'adviser').map((stored) => stored.author)).toEqual(['kebechet[bot]', 'kebechet[bot]']);
  });

  test('the token is renewed when it has less than five minutes left', async () => {
    let now = Date.now();
    const kebechet = await appClient({ clock: () => now });
    await kebechet.repository('thoth-station', 'adviser');
    now += 54 * 60_000;
    await kebechet.repository('thoth-station', 'adviser');
    now += 2 * 60_000;
    await kebechet.repository('thoth-station', 'adviser');
    expect(github.requests.filter((request) => request.path.endsWith('/access_tokens'))).toHaveLength(2);
    const tokens = github.requests.filter((request) => request.path === '/repos/thoth-station/adviser').map((request) => request.authorization);
    expect(tokens[0]).toBe(tokens[1]);
    expect(tokens[2]).not.toBe(tokens[1]);
  });

  test("an organisation's repositories through its installation, private ones included", async () => {
    const listing = await (await appClient()).listRepositories('thoth-station');
    expect(listing?.repositories.map((repository) => [repository.name, repository.private]).sort()).toEqual([
      ['adviser', false],
      ['secret-sauce', true],
    ]);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: '/orgs/thoth-station/installation', status: 200 });
  });

  test('installations: found on an organisation and a repository, undefined where the App is not installed', async () => {
    const kebechet = await appClient();
    await expect(kebechet.installation('thoth-station')).resolves.toEqual({ id: installationId, account: 'thoth-station' });
    await expect(kebechet.installation('thoth-station', 'adviser')).resolves.toEqual({ id: installationId, account: 'thoth-station' });
    await expect(kebechet.installation('elsewhere')).resolves.toBeUndefined();
    await expect(kebechet.installation('elsewhere', 'project')).resolves.toBeUndefined();
  });

  test('a repository the App is not installed on: undefined when read, named when an issue is asked for', async () => {
    const kebechet = await appClient();
    await expect(kebechet.repository('elsewhere', 'project')).resolves.toBeUndefined();
    await expect(kebechet.listRepositories('elsewhere')).resolves.toBeUndefined();
    await expect(kebechet.findOpenIssue('elsewhere', 'project', 'x')).rejects.toThrow(
      'cannot list the open issues of elsewhere/project: the GitHub App 4242 is not installed on elsewhere/project (GitHub answered 404 Not Found for its installation)',
    );
  });

  test('401: a key GitHub does not know for the App, named by its variables', async () => {
    const kebechet = await appClient({}, rsaKeys().privateKey);
    const error = rejection((await timed(() => kebechet.repository('thoth-station', 'adviser'))).result);
    expect(error.message).toBe(
      "cannot look up the GitHub App's installation on thoth-station/adviser: 401 A JSON web token could not be decoded (GitHub refused the GitHub App 4242: check GITHUB_APP_ID and the key in GITHUB_PRIVATE_KEY_PATH)",
    );
    expect(error).toMatchObject({ status: 401, retryable: false });
    expect(github.requests).toHaveLength(1);
  });
});

describe('the fake answers as GitHub does', () => {
  let github: FakeGitHub;
  beforeAll(async () => {
    github = new FakeGitHub({ app: { id: APP_ID, publicKey: appKeys.publicKey } });
    await github.start();
    github.addToken(TOKEN, 'thoth-bot');
    github.addRepository({ owner: 'thoth-station', name: 'adviser' });
    github.addIssue('thoth-station', 'adviser', { title: 'open one' });
    github.addIssue('thoth-station', 'adviser', { title: 'closed one', state: 'closed' });
  });
  afterAll(async () => {
    await github.stop();
  });

  const call = async (method: string, route: string, headers: Record<string, string> = { authorization: `token ${TOKEN}` }) => {
    const response = await fetch(`${github.url}${route}`, { method, headers: { 'user-agent': 'test', ...headers } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as unknown };
  };

  test('an unknown route, and a method a known path does not take, are 404 Not Found', async () => {
    const notFound = { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' };
    await expect(call('GET', '/repos/thoth-station/adviser/wiki')).resolves.toMatchObject({ status: 404, body: notFound });
    await expect(call('DELETE', '/repos/thoth-station/adviser/issues')).resolves.toMatchObject({ status: 404, body: notFound });
    await expect(call('GET', '/repos/thoth-station/missing')).resolves.toMatchObject({
      status: 404,
      body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository' },
    });
  });

  test('issues by state; a state GitHub does not know is 422', async () => {
    const titles = async (state: string) =>
      ((await call('GET', `/repos/thoth-station/adviser/issues?state=${state}`)).body as { title: string }[]).map((issue) => issue.title);
    await expect(titles('open')).resolves.toEqual(['open one']);
    await expect(titles('closed')).resolves.toEqual(['closed one']);
    await expect(titles('all')).resolves.toEqual(['closed one', 'open one']);
    await expect(call('GET', '/repos/thoth-station/adviser/issues?state=opened')).resolves.toMatchObject({
      status: 422,
      body: { message: 'Validation Failed' },
    });
  });

  test('every answer carries its budget; a bad token is 401 Bad credentials', async () => {
    const answer = await call('GET', '/repos/thoth-station/adviser');
    expect(answer.headers.get('x-ratelimit-limit')).toBe('5000');
    expect(Number(answer.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000);
    await expect(call('GET', '/repos/thoth-station/adviser', { authorization: 'token nope' })).resolves.toMatchObject({
      status: 401,
      body: { message: 'Bad credentials' },
    });
  });

  test("the App's routes take only a JWT signed RS256 by its key, for at most ten minutes", async () => {
    const jwt = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', typ: 'JWT' }) => {
      const encoded = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
      return `${encoded}.${createSign('RSA-SHA256').update(encoded).sign(appKeys.privateKey).toString('base64url')}`;
    };
    const now = Math.floor(Date.now() / 1000);
    const route = '/repos/thoth-station/adviser/installation';
    await expect(call('GET', route)).resolves.toMatchObject({ status: 401, body: { message: 'A JSON web token could not be decoded' } });
    await expect(call('GET', route, { authorization: `Bearer ${jwt({ iat: now - 30, exp: now + 570, iss: APP_ID })}` })).resolves.toMatchObject({
      status: 404,
    });
    github.installApp('thoth-station');
    await expect(call('GET', route, { authorization: `Bearer ${jwt({ iat: now - 30, exp: now + 570, iss: APP_ID })}` })).resolves.toMatchObject({
      status: 200,
      body: { app_id: APP_ID, account: { login: 'thoth-station' } },
    });
    await expect(call('GET', route, { authorization: `Bearer ${jwt({ iat: now, exp: now + 3600, iss: APP_ID })}` })).resolves.toMatchObject({
      status: 401,
      body: { message: "'Expiration time' claim ('exp') is too far in the future" },
    });
    await expect(call('GET', route, { authorization: `Bearer ${jwt({ iat: now, exp: now + 60, iss: 1 })}` })).resolves.toMatchObject({ status: 401 });
    await expect(call('GET', route, { authorization: `Bearer ${jwt({ iat: now, exp: now + 60, iss: APP_ID }, { alg: 'HS256' })}` })).resolves.toMatchObject({
      status: 401,
    });
  });

  test('a request without a User-Agent is refused', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${github.url}/repos/thoth-station/adviser`);
      const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, headers: { authorization: `token ${TOKEN}` } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      request.on('error', reject);
      request.end();
    });
    expect(status).toBe(403);
  });
});
