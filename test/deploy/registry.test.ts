// The deploy preflight's image check (src/deploy/registry.ts): against a real OCI registry
// (Debian's docker-registry, test/services/registry.ts) for what a registry answers, and against
// small HTTP servers here for what that one cannot show (token auth, fallbacks, timeouts, counts).
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOCKER_HUB_HOST, MANIFEST_MEDIA_TYPES, checkImages, imageExists, parseImageReference } from '../../src/deploy/registry.js';
import { UserError } from '../../src/errors.js';
import { freePort } from '../services/job-programs.js';
import { type TestRegistry, TEST_REGISTRY_USER, startTestRegistry } from '../services/registry.js';

const DIGEST_A = `sha256:${'a'.repeat(64)}`;
const previousDockerConfig = process.env.DOCKER_CONFIG;
const folders: string[] = [];

/** A docker config folder of its own (empty unless given a config), set as DOCKER_CONFIG. */
async function dockerConfig(config?: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-docker-config-'));
  folders.push(dir);
  if (config !== undefined) await writeFile(path.join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  process.env.DOCKER_CONFIG = dir;
  return dir;
}

const basic = (username: string, password: string) => Buffer.from(`${username}:${password}`).toString('base64');

beforeEach(async () => {
  // Never the developer's own ~/.docker/config.json.
  await dockerConfig();
});

afterAll(async () => {
  if (previousDockerConfig === undefined) delete process.env.DOCKER_CONFIG;
  else process.env.DOCKER_CONFIG = previousDockerConfig;
  await Promise.all(folders.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('parseImageReference', () => {
  it.each([
    ['postgres', { registry: DOCKER_HUB_HOST, repository: 'library/postgres', tag: 'latest' }],
    ['postgres:16.4', { registry: DOCKER_HUB_HOST, repository: 'library/postgres', tag: '16.4' }],
    ['bitnami/kafka:3.7', { registry: DOCKER_HUB_HOST, repository: 'bitnami/kafka', tag: '3.7' }],
    ['docker.io/redis:7', { registry: DOCKER_HUB_HOST, repository: 'library/redis', tag: '7' }],
    ['index.docker.io/library/redis:7', { registry: DOCKER_HUB_HOST, repository: 'library/redis', tag: '7' }],
    ['quay.io/thoth-station/investigator:1a2b3c4d5e6f', { registry: 'quay.io', repository: 'thoth-station/investigator', tag: '1a2b3c4d5e6f' }],
    [`127.0.0.1:5000/team/app@${DIGEST_A}`, { registry: '127.0.0.1:5000', repository: 'team/app', digest: DIGEST_A }],
    [`ghcr.io/org/app:v1@${DIGEST_A}`, { registry: 'ghcr.io', repository: 'org/app', tag: 'v1', digest: DIGEST_A }],
    ['localhost/app', { registry: 'localhost', repository: 'app', tag: 'latest' }],
    ['Quay.IO/a/b_c__d-e.f:x', { registry: 'quay.io', repository: 'a/b_c__d-e.f', tag: 'x' }],
  ])('%s', (reference, expected) => {
    expect(parseImageReference(reference)).toEqual(expected);
  });

  it.each([
    ['', 'image reference "" is not valid: it is empty'],
    ['quay.io/Thoth/app:v1', 'image reference "quay.io/Thoth/app:v1" is not valid: the repository part "Thoth" is not lowercase letters and digits'],
    ['app:-v1', 'image reference "app:-v1" is not valid: the tag "-v1" is not 1 to 128 letters'],
    ['app@sha256:xyz', 'image reference "app@sha256:xyz" is not valid: the digest "sha256:xyz" is not algorithm:hex'],
    ['quay.io/app :v1', 'image reference "quay.io/app :v1" is not valid: it contains white space'],
    ['quay.io/', 'image reference "quay.io/" is not valid: it names no repository'],
    ['bad_host.io:x/app:v1', 'image reference "bad_host.io:x/app:v1" is not valid: the registry "bad_host.io:x" is not a host name'],
  ])('rejects %j', (reference, message) => {
    expect(() => parseImageReference(reference)).toThrow(UserError);
    expect(() => parseImageReference(reference)).toThrow(message);
  });
});

describe('against a real registry', () => {
  let registry: TestRegistry;
  let insecure: string[];
  let repository: string;
  let pushed: string;

  beforeAll(async () => {
    registry = await startTestRegistry();
    insecure = registry.url.startsWith('http:') ? [registry.host] : [];
    repository = `thoth-test-${randomBytes(4).toString('hex')}/investigator`;
    pushed = await registry.push(repository, '1a2b3c4d5e6f');
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('finds a pushed image, with the digest the push stored', async () => {
    const reference = `${registry.host}/${repository}:1a2b3c4d5e6f`;
    const check = await imageExists(reference, { insecureRegistries: insecure });
    expect(check).toEqual({
      reference,
      status: 'present',
      image: { registry: registry.host, repository, tag: '1a2b3c4d5e6f' },
      digest: pushed,
      message: `${reference} is in ${registry.host} (manifest ${pushed})`,
    });
  });

  it('finds a pushed image by its digest', async () => {
    const check = await imageExists(`${registry.host}/${repository}@${pushed}`, { insecureRegistries: insecure });
    expect(check.status).toBe('present');
    expect(check.digest).toBe(pushed);
  });

  it('reports a tag the repository does not have as missing, naming registry, repository and tag', async () => {
    const reference = `${registry.host}/${repository}:0000deadbeef`;
    const check = await imageExists(reference, { insecureRegistries: insecure });
    expect(check).toEqual({
      reference,
      status: 'missing',
      image: { registry: registry.host, repository, tag: '0000deadbeef' },
      repositoryExists: true,
      message: `${reference} is not in the registry: ${registry.host} has no tag 0000deadbeef in its repository ${repository}`,
    });
  });

  it('reports a digest the repository does not have as missing', async () => {
    const check = await imageExists(`${registry.host}/${repository}@${DIGEST_A}`, { insecureRegistries: insecure });
    expect(check.status).toBe('missing');
    expect(check.message).toContain(`has no manifest ${DIGEST_A} in its repository ${repository}`);
  });

  it('reports a repository that does not exist as missing, saying so', async () => {
    const absent = `thoth-test-${randomBytes(4).toString('hex')}/nothing`;
    const reference = `${registry.host}/${absent}:v1`;
    const check = await imageExists(reference, { insecureRegistries: insecure });
    expect(check.status).toBe('missing');
    expect(check.repositoryExists).toBe(false);
    expect(check.message).toBe(`${reference} is not in the registry: ${registry.host} has no repository ${absent}`);
  });

  it('says to list a plain-http registry among the insecure ones when https fails', async () => {
    if (insecure.length === 0) return; // REGISTRY_URL speaks https: nothing to show
    const reference = `${registry.host}/${repository}:1a2b3c4d5e6f`;
    const check = await imageExists(reference, {});
    expect(check.status).toBe('unreachable');
    expect(check.message).toMatch(
      new RegExp(
        `^${escapeRegExp(reference)}: could not reach ${escapeRegExp(registry.host)} over TLS \\([^\n]+\\); if ${escapeRegExp(registry.host)} speaks plain http, list it among the insecure registries$`,
      ),
    );
  });

  it('checks a mixed list: one result per distinct reference, in order, Argo expressions and bad references included', async () => {
    const present = `${registry.host}/${repository}:1a2b3c4d5e6f`;
    const missing = `${registry.host}/${repository}:nope`;
    const argo = `${registry.host}/{{inputs.parameters.image}}:{{inputs.parameters.tag}}`;
    const checks = await checkImages([present, missing, argo, 'quay.io/UPPER/case', present], { insecureRegistries: insecure });
    expect(checks.map((check) => [check.reference, check.status])).toEqual([
      [present, 'present'],
      [missing, 'missing'],
      [argo, 'skipped'],
      ['quay.io/UPPER/case', 'error'],
    ]);
    expect(checks[2]!.message).toBe(`${argo} holds an Argo expression, known only when the workflow runs: not checked`);
    expect(checks[3]!.message).toContain('image reference "quay.io/UPPER/case" is not valid');
  });
});

describe('with basic authentication (a real registry with htpasswd)', () => {
  let registry: TestRegistry;
  let repository: string;
  let pushed: string;
  let reference: string;

  beforeAll(async () => {
    registry = await startTestRegistry({ basicAuth: true });
    repository = `thoth-test-${randomBytes(4).toString('hex')}/graph-refresh`;
    pushed = await registry.push(repository, 'v1');
    reference = `${registry.host}/${repository}:v1`;
  });

  afterAll(async () => {
    await registry?.stop();
  });

  it('is unauthorized without credentials, saying to log in', async () => {
    const dir = await dockerConfig();
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('unauthorized');
    expect(check.message).toBe(
      `${reference}: ${registry.host} refused to show it without credentials (401), or the repository does not exist: run docker login ${registry.host} (credentials are read from ${path.join(dir, 'config.json')})`,
    );
  });

  it('reads "auth" (base64 user:password) from $DOCKER_CONFIG/config.json', async () => {
    await dockerConfig({ auths: { [registry.host]: { auth: basic(TEST_REGISTRY_USER.username, TEST_REGISTRY_USER.password) } } });
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('present');
    expect(check.digest).toBe(pushed);
  });

  it('reads username and password under a key with a scheme', async () => {
    await dockerConfig({ auths: { [`http://${registry.host}`]: { username: TEST_REGISTRY_USER.username, password: TEST_REGISTRY_USER.password } } });
    expect((await imageExists(reference, { insecureRegistries: [registry.host] })).status).toBe('present');
  });

  it('takes dockerConfigDir over $DOCKER_CONFIG', async () => {
    const withCredentials = await dockerConfig({ auths: { [registry.host]: { auth: basic(TEST_REGISTRY_USER.username, TEST_REGISTRY_USER.password) } } });
    await dockerConfig();
    expect((await imageExists(reference, { insecureRegistries: [registry.host] })).status).toBe('unauthorized');
    expect((await imageExists(reference, { insecureRegistries: [registry.host], dockerConfigDir: withCredentials })).status).toBe('present');
  });

  it('names the config file when the registry refuses its credentials', async () => {
    const dir = await dockerConfig({ auths: { [registry.host]: { auth: basic(TEST_REGISTRY_USER.username, 'wrong') } } });
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('unauthorized');
    expect(check.message).toBe(
      `${reference}: ${registry.host} refused the credentials for it in ${path.join(dir, 'config.json')} (401): they are wrong or may not pull ${repository}, or the repository does not exist`,
    );
  });

  it('says a credential helper holds the credentials and is not run', async () => {
    const dir = await dockerConfig({ auths: { [registry.host]: {} }, credHelpers: { [registry.host]: 'secretservice' } });
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('unauthorized');
    expect(check.message).toContain(
      `; the credentials for ${registry.host} are kept by docker-credential-secretservice, which this check does not run: add an auths entry with "auth" for it to ${path.join(dir, 'config.json')}`,
    );
  });

  it('says so of credsStore too, when no inline credentials exist for the host', async () => {
    await dockerConfig({ credsStore: 'desktop' });
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('unauthorized');
    expect(check.message).toContain('kept by docker-credential-desktop, which this check does not run');
  });

  it('reports an "auth" that is not base64 user:password as an error naming the entry', async () => {
    const dir = await dockerConfig({ auths: { [registry.host]: { auth: basic('no-colon', '').slice(0, 8) } } });
    const check = await imageExists(reference, { insecureRegistries: [registry.host] });
    expect(check.status).toBe('error');
    expect(check.message).toBe(
      `${reference}: the auths entry "${registry.host}" in ${path.join(dir, 'config.json')} has an "auth" that is not base64 of user:password: docker login again`,
    );
  });
});

/** A registry stand-in: each request is recorded and answered by `answer`. */
interface FakeServer {
  readonly host: string;
  readonly requests: { method: string; url: string; authorization: string | undefined }[];
  readonly close: () => Promise<void>;
}

async function fakeServer(answer: (request: IncomingMessage, response: ServerResponse, host: string) => void | Promise<void>): Promise<FakeServer> {
  const requests: FakeServer['requests'] = [];
  let host = '';
  const server = createServer((request, response) => {
    requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization });
    void answer(request, response, host);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  host = `127.0.0.1:${address.port}`;
  return {
    host,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Answers manifests as a token-authenticated registry does: 401 with a Bearer challenge pointing at
 * `realmHost`'s /token, which hands out a token (to `user` only, when given); the manifest with it.
 */
async function tokenRegistry(options: { user?: { username: string; password: string }; realmHost?: () => string } = {}): Promise<FakeServer> {
  return fakeServer((request, response, host) => {
    const url = new URL(request.url!, `http://${host}`);
    if (url.pathname === '/token') {
      const expected = options.user === undefined ? undefined : `Basic ${basic(options.user.username, options.user.password)}`;
      if (expected !== undefined && request.headers.authorization !== expected) return json(response, 401, { details: 'incorrect username or password' });
      return json(response, 200, { token: 'granted-token', expires_in: 300 });
    }
    if (request.headers.authorization !== 'Bearer granted-token') {
      const realm = `http://${options.realmHost?.() ?? host}/token`;
      return json(
        response,
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
        {
          'WWW-Authenticate': `Bearer realm="${realm}",service="test-registry",scope="repository:team/app:pull"`,
        },
      );
    }
    if (url.pathname === '/v2/team/app/manifests/v1') {
      response.writeHead(200, { 'Docker-Content-Digest': DIGEST_A, 'Content-Type': MANIFEST_MEDIA_TYPES[1] }).end();
      return;
    }
    json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
  });
}

describe('the token exchange (WWW-Authenticate: Bearer)', () => {
  it('fetches an anonymous token from the realm, with service and scope, and retries with it', async () => {
    const server = await tokenRegistry();
    try {
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      expect(check.status).toBe('present');
      expect(check.digest).toBe(DIGEST_A);
      expect(server.requests.map((seen) => [seen.method, seen.url, seen.authorization])).toEqual([
        ['HEAD', '/v2/team/app/manifests/v1', undefined],
        ['GET', '/token?service=test-registry&scope=repository%3Ateam%2Fapp%3Apull', undefined],
        ['HEAD', '/v2/team/app/manifests/v1', 'Bearer granted-token'],
      ]);
    } finally {
      await server.close();
    }
  });

  it('asks for the token with the docker config credentials of the registry', async () => {
    const user = { username: 'robot', password: 's3cret:with:colons' };
    const server = await tokenRegistry({ user });
    try {
      await dockerConfig({ auths: { [server.host]: { auth: basic(user.username, user.password) } } });
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      expect(check.status).toBe('present');
      expect(server.requests[1]!.authorization).toBe(`Basic ${basic(user.username, user.password)}`);
    } finally {
      await server.close();
    }
  });

  it('is unauthorized when the token service refuses the credentials, naming the file', async () => {
    const server = await tokenRegistry({ user: { username: 'robot', password: 'right' } });
    try {
      const dir = await dockerConfig({ auths: { [server.host]: { auth: basic('robot', 'wrong') } } });
      const reference = `${server.host}/team/app:v1`;
      const check = await imageExists(reference, { insecureRegistries: [server.host] });
      expect(check.status).toBe('unauthorized');
      expect(check.message).toBe(
        `${reference}: the token service http://${server.host}/token refused the credentials for ${server.host} in ${path.join(dir, 'config.json')} (401): check them, or docker login again`,
      );
    } finally {
      await server.close();
    }
  });

  it('does not send credentials to a plain-http realm not listed as insecure', async () => {
    const realm = await tokenRegistry({ user: { username: 'robot', password: 'right' } });
    const server = await tokenRegistry({ realmHost: () => realm.host });
    try {
      await dockerConfig({ auths: { [server.host]: { auth: basic('robot', 'right') } } });
      const reference = `${server.host}/team/app:v1`;
      const check = await imageExists(reference, { insecureRegistries: [server.host] });
      expect(realm.requests.map((seen) => seen.authorization)).toEqual([undefined]);
      expect(check).toMatchObject({
        status: 'unauthorized',
        message: `${reference}: the token service http://${realm.host}/token refused an anonymous request (401): run docker login ${server.host}`,
      });
      expect((await imageExists(reference, { insecureRegistries: [server.host, realm.host] })).status).toBe('present');
    } finally {
      await Promise.all([server.close(), realm.close()]);
    }
  });

  it('reports a missing tag behind token auth as missing', async () => {
    const server = await tokenRegistry();
    try {
      const check = await imageExists(`${server.host}/team/app:v2`, { insecureRegistries: [server.host] });
      expect(check.status).toBe('missing');
      // One token exchange per image: the tags/list request reuses the token.
      expect(server.requests.filter((seen) => seen.url.startsWith('/token'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});

describe('answers other than yes, no and "not you"', () => {
  it('asks with GET when HEAD gets an answer without a body to explain it, reading MANIFEST_UNKNOWN as missing', async () => {
    const server = await fakeServer((request, response) => {
      if (request.method === 'HEAD') return void response.writeHead(405).end();
      json(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN', message: 'manifest unknown' }] });
    });
    try {
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      expect(check.status).toBe('missing');
      expect(server.requests.map((seen) => `${seen.method} ${seen.url}`)).toEqual([
        'HEAD /v2/team/app/manifests/v1',
        'GET /v2/team/app/manifests/v1',
        'GET /v2/team/app/tags/list?n=1',
      ]);
    } finally {
      await server.close();
    }
  });

  it('takes the digest of the GET body when the registry sends no Docker-Content-Digest', async () => {
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: MANIFEST_MEDIA_TYPES[1] });
    const server = await fakeServer((request, response) => {
      if (request.method === 'HEAD') return void response.writeHead(400).end();
      response.writeHead(200, { 'Content-Type': MANIFEST_MEDIA_TYPES[1] }).end(manifest);
    });
    try {
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      const { createHash } = await import('node:crypto');
      expect(check).toMatchObject({ status: 'present', digest: `sha256:${createHash('sha256').update(manifest).digest('hex')}` });
    } finally {
      await server.close();
    }
  });

  it('reads NAME_UNKNOWN as a repository that does not exist', async () => {
    const server = await fakeServer((request, response) => {
      if (request.method === 'HEAD') return void response.writeHead(400).end();
      json(response, 404, { errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }] });
    });
    try {
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      expect(check).toMatchObject({
        status: 'missing',
        repositoryExists: false,
        message: `${server.host}/team/app:v1 is not in the registry: ${server.host} has no repository team/app`,
      });
      expect(server.requests).toHaveLength(2);
    } finally {
      await server.close();
    }
  });

  it('reports a server error as an error, without asking again', async () => {
    const server = await fakeServer((_request, response) => void response.writeHead(503, 'Service Unavailable').end());
    try {
      const reference = `${server.host}/team/app:v1`;
      const check = await imageExists(reference, { insecureRegistries: [server.host] });
      expect(check).toMatchObject({
        status: 'error',
        message: `${reference}: ${server.host} answered 503 Service Unavailable: the registry failed; try again later`,
      });
      expect(server.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('reports a rate limit as an error with advice', async () => {
    const server = await fakeServer((_request, response) => void response.writeHead(429, 'Too Many Requests').end());
    try {
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host] });
      expect(check.status).toBe('error');
      expect(check.message).toContain('answered 429 Too Many Requests');
      expect(check.message).toContain('it limits the request rate; try again later, or log in for a higher limit');
    } finally {
      await server.close();
    }
  });
});

describe('unreachable registries', () => {
  it('says the connection was refused on a closed port', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const reference = `${host}/team/app:v1`;
    const check = await imageExists(reference, { insecureRegistries: [host] });
    expect(check.status).toBe('unreachable');
    expect(check.message).toBe(
      `${reference}: could not reach ${host}: the connection was refused (connect ECONNREFUSED ${host}); check the registry's host and port`,
    );
  });

  it('gives up after timeoutMs on a registry that does not answer', async () => {
    const server = await fakeServer(() => {});
    try {
      const started = Date.now();
      const check = await imageExists(`${server.host}/team/app:v1`, { insecureRegistries: [server.host], timeoutMs: 300 });
      expect(check).toMatchObject({ status: 'unreachable', message: `${server.host}/team/app:v1: no answer from ${server.host} within 300 ms` });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await server.close();
    }
  });
});

describe('checkImages', () => {
  it('checks each distinct image once, with at most `concurrency` requests at a time', async () => {
    let inFlight = 0;
    let most = 0;
    const server = await fakeServer(async (_request, response) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 30));
      inFlight -= 1;
      response.writeHead(200, { 'Docker-Content-Digest': DIGEST_A }).end();
    });
    try {
      const references = Array.from({ length: 12 }, (_, index) => `${server.host}/team/app-${index}:v1`);
      const checks = await checkImages([...references, ...references, references[0]!], { insecureRegistries: [server.host], concurrency: 3 });
      expect(checks.map((check) => check.reference)).toEqual(references);
      expect(checks.every((check) => check.status === 'present')).toBe(true);
      expect(server.requests).toHaveLength(12);
      expect(most).toBe(3);
    } finally {
      await server.close();
    }
  });

  it('asks once for references that name the same image differently', async () => {
    const server = await fakeServer((_request, response) => void response.writeHead(200, { 'Docker-Content-Digest': DIGEST_A }).end());
    try {
      const pinned = `${server.host}/team/app@${DIGEST_A}`;
      const both = `${server.host}/team/app:v1@${DIGEST_A}`;
      const checks = await checkImages([pinned, both], { insecureRegistries: [server.host] });
      expect(checks.map((check) => [check.reference, check.status, check.digest])).toEqual([
        [pinned, 'present', DIGEST_A],
        [both, 'present', DIGEST_A],
      ]);
      expect(server.requests.map((seen) => seen.url)).toEqual([`/v2/team/app/manifests/${DIGEST_A}`]);
    } finally {
      await server.close();
    }
  });

  it('throws a UserError naming a docker config that is not JSON', async () => {
    const dir = await dockerConfig('{ "auths": ');
    const failure = checkImages(['quay.io/thoth-station/investigator:v1']);
    await expect(failure).rejects.toThrow(UserError);
    await expect(checkImages(['quay.io/thoth-station/investigator:v1'])).rejects.toThrow(
      new RegExp(
        `^the docker config ${escapeRegExp(path.join(dir, 'config.json'))} is not valid JSON \\(.+\\): fix it, or point DOCKER_CONFIG at another folder$`,
      ),
    );
  });

  it('throws a UserError naming a docker config that is not an object', async () => {
    const dir = await dockerConfig('[]');
    await expect(checkImages(['quay.io/a/b:v1'])).rejects.toThrow(
      `the docker config ${path.join(dir, 'config.json')} is not a JSON object: fix it, or point DOCKER_CONFIG at another folder`,
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
