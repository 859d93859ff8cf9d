/**
 * The document store against a real S3-protocol server: s3rver, started by the jest global setup
 * (test/services/global-setup.mjs), or the one THOTH_TEST_S3_ENDPOINT names. Each test file writes
 * under a root of its own, so runs against a shared server do not meet.
 */
import { GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import type { Command } from 'commander';
import { defineContract } from '../../src/contracts/model.js';
import { ConfigError, type Environment } from '../../src/runtime/environment.js';
import { jobProgram } from '../../src/runtime/program.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS } from '../../src/runtime/program-settings.js';
import {
  DocumentNotJson,
  referenceJson,
  S3AccessRefused,
  S3BucketMissing,
  S3DocumentStore,
  S3RequestFailed,
  S3Unreachable,
  type S3DocumentStoreOptions,
} from '../../src/runtime/s3/documents.js';
import { S3_SETTINGS, s3Config } from '../../src/runtime/s3/settings.js';
import { runInProcess } from '../services/job-programs.js';
import { startSilentServer } from '../services/silent-server.js';

const MIB = 1024 * 1024;
const endpoint = process.env.THOTH_TEST_S3_ENDPOINT;
const bucket = process.env.THOTH_TEST_S3_BUCKET;
if (endpoint === undefined || bucket === undefined) throw new Error('no test S3 server: jest globalSetup (test/services/global-setup.mjs) did not run');
const keyId = process.env.THOTH_TEST_S3_KEY_ID!;
const secretKey = process.env.THOTH_TEST_S3_SECRET_KEY!;
const prefix = `test-${randomBytes(6).toString('hex')}`;

/** The environment a program would be given, pointed at the test server. */
const env: Environment = {
  THOTH_S3_ENDPOINT_URL: endpoint,
  THOTH_CEPH_BUCKET: bucket,
  THOTH_CEPH_BUCKET_PREFIX: prefix,
  THOTH_CEPH_KEY_ID: keyId,
  THOTH_CEPH_SECRET_KEY: secretKey,
  THOTH_DEPLOYMENT_NAME: 'ocp4-test',
};

/** A client of its own, to see what the store wrote where, without the store. */
const raw = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: keyId, secretAccessKey: secretKey },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const stores: S3DocumentStore[] = [];
function openStore(change: Environment = {}, options: S3DocumentStoreOptions = {}): S3DocumentStore {
  const store = new S3DocumentStore(s3Config({ ...env, ...change }), options);
  stores.push(store);
  return store;
}
afterAll(() => {
  for (const store of stores) store.close();
  raw.destroy();
});

async function rawText(key: string): Promise<string> {
  const answer = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return answer.Body!.transformToString('utf-8');
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

async function collect(ids: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const id of ids) all.push(id);
  return all;
}

/** A loopback port nobody listens on. */
async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** What the reference's json.dumps(sort_keys=True, separators=(",", ": "), indent=2) gives (run with CPython 3). */
const SOLVER_DOCUMENT = {
  result: { tree: [{ sha256: [], package_name: 'café', extra: {} }], errors: [] },
  metadata: { document_id: 'solver-rhel-8-py38-230530101010-abc', analyzer: 'thoth-solver' },
  '😀': 'grin \u007f\n\t\u0001',
  '！': 'fullwidth',
};
const SOLVER_BYTES =
  '{\n  "metadata": {\n    "analyzer": "thoth-solver",\n    "document_id": "solver-rhel-8-py38-230530101010-abc"\n  },\n  "result": {\n    "errors": [],\n' +
  '    "tree": [\n      {\n        "extra": {},\n        "package_name": "caf\\u00e9",\n        "sha256": []\n      }\n    ]\n  },\n' +
  '  "\\uff01": "fullwidth",\n  "\\ud83d\\ude00": "grin \\u007f\\n\\t\\u0001"\n}';

describe('documents as the reference stores them', () => {
  test('put writes the reference bytes at <prefix>/<deployment>/<area>/<id>; get gives the document back', async () => {
    const store = openStore();
    await store.put('solver', 'solver-rhel-8-py38-230530101010-abc', SOLVER_DOCUMENT);
    expect(await rawText(`${prefix}/ocp4-test/solver/solver-rhel-8-py38-230530101010-abc`)).toBe(SOLVER_BYTES);
    expect(await store.get('solver', 'solver-rhel-8-py38-230530101010-abc')).toEqual({ found: true, document: SOLVER_DOCUMENT });
  });

  test('referenceJson sorts keys as Python does (by code point, integer-like ones as text) and writes no final newline', () => {
    expect(referenceJson(SOLVER_DOCUMENT)).toBe(SOLVER_BYTES);
    expect(referenceJson({ b: [1, 2.5, null, true], a: 'x' })).toBe('{\n  "a": "x",\n  "b": [\n    1,\n    2.5,\n    null,\n    true\n  ]\n}');
    // JavaScript objects put integer-like keys first, in numeric order; Python sorts them as text.
    expect(referenceJson({ b: 1, '10': { '2': [], '10': {} }, '2': [1, { z: null, a: 1.5 }] })).toBe(
      '{\n  "10": {\n    "10": {},\n    "2": []\n  },\n  "2": [\n    1,\n    {\n      "a": 1.5,\n      "z": null\n    }\n  ],\n  "b": 1\n}',
    );
    expect(() => referenceJson(undefined)).toThrow('a document must be a JSON value, not undefined');
  });

  test('a document written by the reference (or anyone) is read back, whatever its formatting', async () => {
    await raw.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/ocp4-test/analysis/compact`, Body: '{"z":1,"a":[true]}' }));
    expect(await openStore().get('analysis', 'compact')).toEqual({ found: true, document: { z: 1, a: [true] } });
  });
});

describe('what is not there, and what is wrong', () => {
  test('a missing document is a value, not an error', async () => {
    expect(await openStore().get('solver', 'never-written')).toEqual({ found: false });
  });

  test('a missing bucket is not "not found": a ConfigError naming THOTH_CEPH_BUCKET', async () => {
    const error = await rejection(openStore({ THOTH_CEPH_BUCKET: 'no-such-bucket' }).get('solver', 'never-written'));
    expect(error).toBeInstanceOf(S3BucketMissing);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(`THOTH_CEPH_BUCKET="no-such-bucket" is invalid; expected a bucket that exists at ${endpoint}`);
  });

  test('check() finds a missing bucket at start (a listing: a HEAD could not tell)', async () => {
    await expect(openStore().check()).resolves.toBeUndefined();
    const error = await rejection(openStore({ THOTH_CEPH_BUCKET: 'no-such-bucket' }).check());
    expect(error).toBeInstanceOf(S3BucketMissing);
  });

  test('an object that is not JSON is a permanent error naming where it is', async () => {
    await raw.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}/ocp4-test/analysis/not-json`, Body: 'pg_dump: error' }));
    const error = await rejection(openStore().get('analysis', 'not-json'));
    expect(error).toBeInstanceOf(DocumentNotJson);
    expect(error).toMatchObject({ retryable: false });
    expect(error.message).toMatch(new RegExp(`^the document at s3://${bucket}/${prefix}/ocp4-test/analysis/not-json is not JSON: `));
  });

  test.each([
    ['', 'x', 'document area "" is invalid; expected path segments such as "solver" or "analysis-by-digest", none empty, "." or ".."'],
    ['solver/', 'x', 'document area "solver/" is invalid; expected path segments such as "solver" or "analysis-by-digest", none empty, "." or ".."'],
    ['..', 'x', 'document area ".." is invalid; expected path segments such as "solver" or "analysis-by-digest", none empty, "." or ".."'],
    ['solver', '', 'document id "" is invalid; expected a non-empty id that neither starts with "/" nor has "." or ".." segments'],
    ['solver', '/abs', 'document id "/abs" is invalid; expected a non-empty id that neither starts with "/" nor has "." or ".." segments'],
    ['solver', '../../other/x', 'document id "../../other/x" is invalid; expected a non-empty id that neither starts with "/" nor has "." or ".." segments'],
  ])('area %j, id %j cannot escape the deployment root', async (area, id, message) => {
    const store = openStore();
    await expect(store.get(area, id)).rejects.toThrow(new RangeError(message));
    await expect(store.put(area, id, {})).rejects.toThrow(message);
  });
});

describe('listing, existence, deletion', () => {
  test('list pages through an area (page size 2) in key order, nested ids included, nothing of a sibling area', async () => {
    const store = openStore({}, { pageSize: 2 });
    const ids = ['adviser-230530-a', 'adviser-230530-b', 'adviser-230530-b.request', 'adviser-230531-c', 'nested/adviser-230531-d'];
    for (const id of ids) await store.put('adviser', id, { id });
    await store.put('adviser-cache', 'adviser-230530-a', {});
    // The server does cut this area into pages of 2: the store had to follow continuation tokens.
    const firstPage = await raw.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `${prefix}/ocp4-test/adviser/`, MaxKeys: 2 }));
    expect(firstPage).toMatchObject({ KeyCount: 2, IsTruncated: true });
    expect(await collect(store.list('adviser'))).toEqual(ids);
    expect(await collect(store.list('never-written'))).toEqual([]);
  });

  test('exists is a HEAD: true, then false once deleted; deleting what is not there is fine', async () => {
    const store = openStore();
    await store.put('provenance-checker', 'provenance-1', { ok: true });
    expect(await store.exists('provenance-checker', 'provenance-1')).toBe(true);
    expect(await store.exists('provenance-checker', 'provenance-2')).toBe(false);
    await store.delete('provenance-checker', 'provenance-1');
    expect(await store.exists('provenance-checker', 'provenance-1')).toBe(false);
    expect(await store.get('provenance-checker', 'provenance-1')).toEqual({ found: false });
    await expect(store.delete('provenance-checker', 'provenance-1')).resolves.toBeUndefined();
  });
});

describe('streamed uploads', () => {
  /** `count` chunks of 1 MiB, made as they are asked for; `produced` says how many so far. */
  function dump(count: number) {
    const state = { produced: 0 };
    const hash = createHash('sha256');
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let index = 0; index < count; index++) {
        const chunk = Buffer.alloc(MIB, index % 251);
        hash.update(chunk);
        state.produced++;
        yield chunk;
      }
    }
    return { state, chunks, digest: () => hash.digest('hex') };
  }

  test('12 MiB go up in three 5 MiB parts, read as they are sent, and come back whole', async () => {
    const store = openStore({}, { partSize: 5 * MIB, queueSize: 1 });
    const { state, chunks, digest } = dump(12);
    const producedAtPart: number[] = [];
    const uploaded = await store.upload('graph-backup', 'pg_dump-23-05-27-10-00-00', chunks(), {
      onPart: ({ part }) => {
        producedAtPart[part] = state.produced;
      },
    });
    expect(uploaded).toEqual({ key: `${prefix}/ocp4-test/graph-backup/pg_dump-23-05-27-10-00-00`, bytes: 12 * MIB, parts: 3 });
    // The first part was stored before the source had made the 12th MiB: nothing held the whole body.
    expect(producedAtPart[1]).toBeLessThan(12);
    const head = await raw.send(new HeadObjectCommand({ Bucket: bucket, Key: uploaded.key }));
    expect(head.ContentLength).toBe(12 * MIB);
    const body = await raw.send(new GetObjectCommand({ Bucket: bucket, Key: uploaded.key }));
    const stored = createHash('sha256');
    for await (const chunk of body.Body as AsyncIterable<Uint8Array>) stored.update(chunk);
    expect(stored.digest('hex')).toBe(digest());
  });

  test('a body smaller than a part is one PutObject', async () => {
    const store = openStore({}, { partSize: 5 * MIB });
    const { chunks } = dump(1);
    expect(await store.upload('graph-backup', 'small', chunks())).toEqual({ key: `${prefix}/ocp4-test/graph-backup/small`, bytes: MIB, parts: 1 });
  });

  test("the source's failure is the upload's, as it is, and leaves no object", async () => {
    const store = openStore({}, { partSize: 5 * MIB, queueSize: 1 });
    const failure = new Error('pg_dump exited with 1');
    async function* failing(): AsyncIterable<Uint8Array> {
      for (let index = 0; index < 7; index++) yield Buffer.alloc(MIB);
      throw failure;
    }
    // The very error, even where freeing the parts fails too (s3rver has no AbortMultipartUpload: 405).
    expect(await rejection(store.upload('graph-backup', 'failed', failing()))).toBe(failure);
    expect(await store.exists('graph-backup', 'failed')).toBe(false);
  });

  test('an aborted upload stops and leaves no object', async () => {
    const store = openStore({}, { partSize: 5 * MIB, queueSize: 1 });
    const stop = new AbortController();
    const { chunks } = dump(12);
    const error = await rejection(store.upload('graph-backup', 'aborted', chunks(), { signal: stop.signal, onPart: () => stop.abort() }));
    expect(error.name).toBe('AbortError');
    expect(await store.exists('graph-backup', 'aborted')).toBe(false);
  });
});

describe('a wrong key or endpoint: one line naming the variables, never the secret', () => {
  test('an unknown key id is S3AccessRefused on every operation, HEAD included', async () => {
    const store = openStore({ THOTH_CEPH_KEY_ID: 'NOT-A-KEY', THOTH_CEPH_SECRET_KEY: 'not-the-secret' });
    const expected = (operation: string) =>
      `${endpoint} refused THOTH_CEPH_KEY_ID and THOTH_CEPH_SECRET_KEY (InvalidAccessKeyId on ${operation} in bucket "${bucket}"); expected credentials that may read and write bucket "${bucket}"`;
    const refused = await rejection(store.get('solver', 'x'));
    expect(refused).toBeInstanceOf(S3AccessRefused);
    expect(refused).toBeInstanceOf(ConfigError);
    expect(refused).toMatchObject({ retryable: false, message: expected('GetObject') });
    expect(refused.message).not.toContain('not-the-secret');
    await expect(store.put('solver', 'x', {})).rejects.toThrow(expected('PutObject'));
    await expect(collect(store.list('solver'))).rejects.toThrow(expected('ListObjectsV2'));
    // A HEAD answer has no body, so no code: its 403 says as much.
    await expect(store.exists('solver', 'x')).rejects.toThrow(
      `${endpoint} refused THOTH_CEPH_KEY_ID and THOTH_CEPH_SECRET_KEY (HTTP 403 on HeadObject in bucket "${bucket}"); expected credentials that may read and write bucket "${bucket}"`,
    );
  });

  test('an endpoint nobody answers at is S3Unreachable after the SDK has tried 3 times, worth retrying', async () => {
    const port = await closedPort();
    const error = await rejection(openStore({ THOTH_S3_ENDPOINT_URL: `http://127.0.0.1:${port}` }).get('solver', 'x'));
    expect(error).toBeInstanceOf(S3Unreachable);
    expect(error).toMatchObject({
      retryable: true,
      message: `THOTH_S3_ENDPOINT_URL="http://127.0.0.1:${port}" cannot be reached (ECONNREFUSED, 3 attempts); expected an S3 endpoint this program can reach`,
    });
  });

  test('an endpoint that does not answer in time is S3Unreachable too', async () => {
    // Accepts connections and never answers.
    const silent = await startSilentServer();
    const { port } = silent;
    try {
      const store = openStore({ THOTH_S3_ENDPOINT_URL: `http://127.0.0.1:${port}` }, { requestTimeoutMs: 200, maxAttempts: 1 });
      const error = await rejection(store.get('solver', 'x'));
      expect(error).toBeInstanceOf(S3Unreachable);
      expect(error.message).toBe(
        `THOTH_S3_ENDPOINT_URL="http://127.0.0.1:${port}" cannot be reached (ETIMEDOUT, 1 attempt); expected an S3 endpoint this program can reach`,
      );
    } finally {
      await silent.close();
    }
  });

  test('a program that cannot use its store exits 1 with one line on stderr and no stack', async () => {
    const contract = defineContract({
      repository: 'thoth-station/s3-probe',
      tags: 'built-here',
      source: 'test/runtime/s3-documents.test.ts',
      summary: 'checks its document store',
      entrypoint: PROGRAM_ENTRYPOINT,
      variables: { ...PROGRAM_SETTINGS, ...S3_SETTINGS },
    });
    const program = (io: Parameters<typeof jobProgram>[2]): Command =>
      jobProgram(
        { name: 's3-probe', description: 'checks its document store', levelVariable: 'THOTH_LOG_S3_PROBE', contract },
        async (context) => {
          const store = new S3DocumentStore(s3Config(context.env));
          try {
            await store.check();
          } finally {
            store.close();
          }
        },
        io,
      );
    const refused = await runInProcess(program, 's3-probe', [], { ...(env as Record<string, string>), THOTH_CEPH_KEY_ID: 'NOT-A-KEY' });
    expect(refused).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: `s3-probe: ${endpoint} refused THOTH_CEPH_KEY_ID and THOTH_CEPH_SECRET_KEY (InvalidAccessKeyId on ListObjectsV2 in bucket "${bucket}"); expected credentials that may read and write bucket "${bucket}"\n`,
    });
    const port = await closedPort();
    const unreachable = await runInProcess(program, 's3-probe', [], { ...(env as Record<string, string>), THOTH_S3_ENDPOINT_URL: `http://127.0.0.1:${port}` });
    expect(unreachable).toMatchObject({ exitCode: 1, stdout: '' });
    expect(unreachable.stderr).toBe(
      `s3-probe: THOTH_S3_ENDPOINT_URL="http://127.0.0.1:${port}" cannot be reached (ECONNREFUSED, 3 attempts); expected an S3 endpoint this program can reach\n`,
    );
    const help = await runInProcess(program, 's3-probe', ['--help'], {});
    for (const variable of Object.keys(S3_SETTINGS)) expect(help.stdout).toContain(variable);
    const ok = await runInProcess(program, 's3-probe', [], env as Record<string, string>);
    expect(ok).toEqual({ exitCode: 0, stdout: '', stderr: '' });
  });
});

describe('an endpoint that is not S3', () => {
  /** A web server answering every request with `status` (and an HTML page unless 200), as a wrong URL would. */
  async function webServer(status: number, use: (url: string, requests: () => number, headers: () => string[]) => Promise<void>): Promise<void> {
    let requests = 0;
    const seen: string[] = [];
    const server = createHttpServer((request, response) => {
      requests++;
      seen.push(...Object.keys(request.headers));
      request.resume();
      if (status === 200) response.writeHead(200, { etag: '"0"' }).end();
      else response.writeHead(status, { 'content-type': 'text/html' }).end('<html><body>nothing here</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await use(
        `http://127.0.0.1:${(server.address() as { port: number }).port}`,
        () => requests,
        () => seen,
      );
    } finally {
      server.closeAllConnections();
      server.close();
    }
  }

  test('a bare 404 is not "no such document": it is an error, so a wrong URL cannot read as an empty store', async () => {
    await webServer(404, async (url) => {
      const error = await rejection(openStore({ THOTH_S3_ENDPOINT_URL: url }).get('solver', 'x'));
      expect(error).toBeInstanceOf(S3RequestFailed);
      expect(error).toMatchObject({ operation: 'GetObject', status: 404, retryable: undefined });
      expect(error.message).toBe(`GetObject of s3://${bucket}/${prefix}/ocp4-test/solver/x failed: ${(error as S3RequestFailed).code} (HTTP 404)`);
    });
  });

  test('requests carry no flexible checksums, which older S3-compatible stores refuse (s3rver takes them, so a recorder shows it)', async () => {
    await webServer(200, async (url, _requests, headers) => {
      await openStore({ THOTH_S3_ENDPOINT_URL: url }).put('solver', 'x', { a: 1 });
      expect(headers()).toContain('x-amz-content-sha256');
      expect(headers().filter((name) => /checksum|trailer|content-encoding/.test(name))).toEqual([]);
    });
  });

  test("S3's own trouble (503) is tried again by the SDK, then S3RequestFailed marked retryable", async () => {
    await webServer(503, async (url, requests) => {
      const error = await rejection(openStore({ THOTH_S3_ENDPOINT_URL: url }).put('solver', 'x', {}));
      expect(error).toBeInstanceOf(S3RequestFailed);
      expect(error).toMatchObject({ operation: 'PutObject', status: 503, retryable: true });
      expect(requests()).toBe(3);
    });
  });
});
