/**
 * An OCI distribution registry of its own for a test file: Debian's docker-registry (the CNCF
 * distribution registry, installed by scripts/ensure-registry.sh), started with a config written to
 * a temporary folder (filesystem storage there, plain http on a free loopback port) and stopped
 * afterwards. With REGISTRY_URL set, that registry is used instead (the tests push to repositories
 * with unique names). The basic-auth mode always starts its own: it needs a password file.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { freePort } from './job-programs.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const REGISTRY_BINARY = '/usr/bin/docker-registry';

/**
 * The basic-auth mode's user. Distribution's htpasswd accepts bcrypt only and node:crypto has no
 * bcrypt, so the hash is made once, outside the tests:
 * `python3 -c "import crypt; print(crypt.crypt('thoth-registry-test', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))"`
 * (or `htpasswd -nbB -C 4`); cost 4 keeps each check cheap.
 */
export const TEST_REGISTRY_USER = { username: 'thoth', password: 'thoth-registry-test' } as const;
const TEST_REGISTRY_HTPASSWD = `${TEST_REGISTRY_USER.username}:$2b$04$IjuiLA2Ue16/qufqi9PjYu5tK.1aPer34aeDwbMu5HbACC0I4kjg.\n`;

export interface TestRegistry {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** `127.0.0.1:PORT`, as an image reference names the registry (list it among the insecure registries). */
  readonly host: string;
  /** The user the registry requires, in basic-auth mode. */
  readonly credentials?: { readonly username: string; readonly password: string };
  /** Uploads a minimal OCI image (a config and one layer) as `repository:tag`; returns its manifest digest. */
  readonly push: (repository: string, tag: string) => Promise<string>;
  readonly stop: () => Promise<void>;
}

export interface TestRegistryOptions {
  /** Require basic authentication (htpasswd) of TEST_REGISTRY_USER. @default false */
  readonly basicAuth?: boolean;
}

export async function startTestRegistry(options: TestRegistryOptions = {}): Promise<TestRegistry> {
  const given = process.env.REGISTRY_URL;
  if (given !== undefined && given !== '' && options.basicAuth !== true) {
    const url = new URL(given);
    return registryAt(`${url.protocol}//${url.host}`, url.host, undefined, async () => {});
  }
  try {
    await access(REGISTRY_BINARY);
  } catch {
    throw new Error(`${REGISTRY_BINARY} is missing: run scripts/ensure-registry.sh (it installs Debian's docker-registry)`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'thoth-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const config: Record<string, unknown> = {
    version: '0.1',
    log: { level: 'error', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: path.join(dir, 'data') }, delete: { enabled: true } },
    http: { addr: host, secret: randomBytes(16).toString('hex') },
  };
  if (options.basicAuth === true) {
    await writeFile(path.join(dir, 'htpasswd'), TEST_REGISTRY_HTPASSWD);
    config.auth = { htpasswd: { realm: 'thoth-test-registry', path: path.join(dir, 'htpasswd') } };
  }
  // JSON is YAML, which is what the registry reads.
  await writeFile(path.join(dir, 'config.yml'), JSON.stringify(config));
  const child = spawn(REGISTRY_BINARY, ['serve', path.join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(`http://${host}/v2/`, child, () => stderr);
  } catch (error) {
    await stop();
    throw error;
  }
  const credentials = options.basicAuth === true ? TEST_REGISTRY_USER : undefined;
  return registryAt(`http://${host}`, host, credentials, stop);
}

function registryAt(url: string, host: string, credentials: TestRegistry['credentials'], stop: () => Promise<void>): TestRegistry {
  const call = async (method: string, target: string, expected: number, body?: Buffer, contentType?: string): Promise<Response> => {
    const headers: Record<string, string> = {};
    if (credentials !== undefined) headers.Authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    const response = await fetch(new URL(target, url), { method, headers, ...(body === undefined ? {} : { body }) });
    if (response.status !== expected) throw new Error(`${method} ${target}: ${response.status} ${await response.text()} (expected ${expected})`);
    return response;
  };
  const uploadBlob = async (repository: string, bytes: Buffer): Promise<string> => {
    const digest = sha256(bytes);
    const started = await call('POST', `/v2/${repository}/blobs/uploads/`, 202);
    await started.body?.cancel();
    const location = new URL(started.headers.get('location')!, url);
    location.searchParams.set('digest', digest);
    await (await call('PUT', location.toString(), 201, bytes, 'application/octet-stream')).body?.cancel();
    return digest;
  };
  return {
    url,
    host,
    ...(credentials === undefined ? {} : { credentials }),
    stop,
    push: async (repository, tag) => {
      const layerTar = tarWithOneFile('hello.txt', Buffer.from(`${repository}:${tag}\n`));
      const layer = gzipSync(layerTar);
      // The label makes each pushed image's digest its own, so a test can tell which one it found.
      const imageConfig = Buffer.from(
        JSON.stringify({
          architecture: 'amd64',
          os: 'linux',
          config: { Labels: { 'org.thoth-station.test-image': `${repository}:${tag}` } },
          rootfs: { type: 'layers', diff_ids: [sha256(layerTar)] },
        }),
      );
      const configDigest = await uploadBlob(repository, imageConfig);
      const layerDigest = await uploadBlob(repository, layer);
      const manifest = Buffer.from(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: imageConfig.length },
          layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', digest: layerDigest, size: layer.length }],
        }),
      );
      const stored = await call('PUT', `/v2/${repository}/manifests/${tag}`, 201, manifest, 'application/vnd.oci.image.manifest.v1+json');
      const digest = sha256(manifest);
      const reported = stored.headers.get('docker-content-digest');
      if (reported !== digest) throw new Error(`the registry stored ${repository}:${tag} as ${reported}, expected ${digest}`);
      return digest;
    },
  };
}

function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** A ustar archive holding one regular file. */
function tarWithOneFile(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  field(0, 100, name);
  field(100, 8, '0000644\0');
  field(108, 8, '0000000\0');
  field(116, 8, '0000000\0');
  field(124, 12, `${content.length.toString(8).padStart(11, '0')}\0`);
  field(136, 12, '00000000000\0');
  field(148, 8, '        ');
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  let sum = 0;
  for (const byte of header) sum += byte;
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

async function waitUntilServing(url: string, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`docker-registry exited (${child.exitCode ?? child.signalCode}) before it served ${url}: ${stderr()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.body?.cancel();
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not serve ${url} within 15 s: ${stderr()}`);
}
