/**
 * Whether the images an environment runs exist in their registries: the deploy preflight's image
 * check. It asks each registry over the OCI distribution API (`HEAD /v2/<name>/manifests/<tag>`),
 * anonymously or with the credentials of the usual docker config, and answers with facts per image
 * (present with its digest, missing, unauthorised, unreachable); the caller words what to do about a
 * missing image of its own (which Dockerfile builds it). Node's fetch only; nothing is retried beyond
 * the authentication exchange the registry asks for.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import { UserError } from '../errors.js';

/** Where Docker Hub's images are served from; `docker.io/x` and one-part names such as `postgres` go there. */
export const DOCKER_HUB_HOST = 'registry-1.docker.io';

/** Names that mean Docker Hub, in image references and in the docker config's `auths` keys. */
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);

/**
 * The manifest kinds asked for: multi-platform indexes first, as a container runtime asks. A
 * registry answers 404 to a manifest it holds in a kind the request does not accept (distribution
 * does so for an OCI manifest asked for without the OCI types).
 */
export const MANIFEST_MEDIA_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.docker.distribution.manifest.v2+json',
] as const;

/** An image reference taken apart, as a container runtime reads it. */
export interface ImageReference {
  /** The registry's host (and port), such as `quay.io` or `registry-1.docker.io` for Docker Hub. */
  readonly registry: string;
  /** The repository path in the registry, such as `thoth-station/investigator` or `library/postgres`. */
  readonly repository: string;
  /** The tag; `latest` when the reference names neither a tag nor a digest. */
  readonly tag?: string;
  /** The digest (`sha256:...`) when the reference pins one; a runtime pulls by it, tag or not. */
  readonly digest?: string;
}

export type ImageStatus = 'present' | 'missing' | 'unauthorized' | 'unreachable' | 'error' | 'skipped';

/** What one image's check found. */
export interface ImageCheck {
  /** The reference as given. */
  readonly reference: string;
  /**
   * `present`: the registry has the manifest. `missing`: it answered that it has not. `unauthorized`:
   * it refused to say (no or wrong credentials, no pull access; some registries answer so for a
   * repository that does not exist). `unreachable`: no answer (connection, name, TLS, timeout).
   * `error`: an answer that says neither (5xx, rate limit, a malformed reference or docker config
   * entry). `skipped`: the reference holds an Argo expression (`{{...}}`), known only when it runs.
   */
  readonly status: ImageStatus;
  /** The reference taken apart; absent when skipped or not a valid reference. */
  readonly image?: ImageReference;
  /** The manifest's digest as the registry reported it (`Docker-Content-Digest`), when present. */
  readonly digest?: string;
  /** When missing: whether the repository itself exists (absent when the registry would not say). */
  readonly repositoryExists?: boolean;
  /**
   * What was found, naming the registry, repository and tag or digest: `<image> is in <registry>
   * (manifest <digest>)`, `<image> is not in the registry: <registry> has no tag <tag> in its
   * repository <repository>`, else `<image>: <why>`, where <image> is `registry/repository:tag`.
   */
  readonly message: string;
}

export interface RegistryCheckOptions {
  /**
   * Registries (`host` or `host:port`, as in the image reference) spoken to over plain http instead
   * of https, such as a registry on the loopback interface.
   * @default [] (https everywhere)
   */
  readonly insecureRegistries?: readonly string[];
  /**
   * How long each request (manifest, token) may take, in milliseconds.
   * @default 10000
   */
  readonly timeoutMs?: number;
  /**
   * The folder whose `config.json` holds registry credentials (`auths`).
   * @default $DOCKER_CONFIG when set, else ~/.docker
   */
  readonly dockerConfigDir?: string;
  /**
   * How many images `checkImages` asks about at once.
   * @default 8
   */
  readonly concurrency?: number;
}

/** Whether one image exists in its registry. Throws only for an unreadable docker config (UserError). */
export async function imageExists(reference: string, options: RegistryCheckOptions = {}): Promise<ImageCheck> {
  const [check] = await checkImages([reference], options);
  return check!;
}

/**
 * Whether each image exists in its registry: one result per distinct reference string, in the order
 * first given; references that name the same image (`postgres:16`, `docker.io/library/postgres:16`)
 * share one request. Throws only for an unreadable docker config (UserError).
 */
export async function checkImages(references: readonly string[], options: RegistryCheckOptions = {}): Promise<ImageCheck[]> {
  const session: Session = {
    insecure: new Set((options.insecureRegistries ?? []).map((host) => host.toLowerCase())),
    timeoutMs: options.timeoutMs ?? 10_000,
    config: await loadDockerConfig(options.dockerConfigDir ?? dockerConfigDir()),
  };
  const distinct = [...new Set(references)];
  const parsed = distinct.map((reference) => classify(reference));
  const byImage = new Map<string, ImageReference>();
  for (const entry of parsed) if ('image' in entry) byImage.set(imageKey(entry.image), entry.image);
  const keys = [...byImage.keys()];
  const outcomes = await mapLimit(keys, Math.max(1, options.concurrency ?? 8), (key) => checkImage(byImage.get(key)!, session));
  const outcomeByKey = new Map(keys.map((key, index) => [key, outcomes[index]!]));
  return parsed.map((entry) => {
    if ('check' in entry) return entry.check;
    return { reference: entry.reference, image: entry.image, ...outcomeByKey.get(imageKey(entry.image))! };
  });
}

/**
 * Takes an image reference apart as docker and containerd do: a first part with a dot or a colon, or
 * `localhost`, is the registry; otherwise the image is on Docker Hub, where one-part names are under
 * `library/`. Throws a UserError naming the reference and the part that is not valid.
 */
export function parseImageReference(reference: string): ImageReference {
  const invalid = (why: string) => new UserError(`image reference "${reference}" is not valid: ${why}`);
  if (reference === '') throw invalid('it is empty');
  if (/\s/.test(reference)) throw invalid('it contains white space');
  let rest = reference;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw invalid(`the digest "${digest}" is not algorithm:hex, such as sha256:<64 hex digits>`);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw invalid(`the tag "${tag}" is not 1 to 128 letters, digits, '_', '.' or '-' (not starting with '.' or '-')`);
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  let registry = DOCKER_HUB_HOST;
  let repository = rest;
  if (slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
    if (!HOST.test(first)) throw invalid(`the registry "${first}" is not a host name or address with an optional port`);
    registry = first.toLowerCase();
    repository = rest.slice(slash + 1);
  }
  if (DOCKER_HUB_ALIASES.has(registry)) registry = DOCKER_HUB_HOST;
  if (repository === '') throw invalid('it names no repository');
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw invalid(`the repository part "${component}" is not lowercase letters and digits separated by '.', '_', '__' or '-'`);
    }
  }
  if (registry === DOCKER_HUB_HOST && !repository.includes('/')) repository = `library/${repository}`;
  if (tag === undefined && digest === undefined) tag = 'latest';
  return { registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

/** `registry/repository:tag`, or `@digest` when pinned by digest (with the tag, when both are given). */
export function formatImage(image: ImageReference): string {
  const name = `${image.registry}/${image.repository}`;
  if (image.digest === undefined) return `${name}:${image.tag}`;
  return image.tag === undefined ? `${name}@${image.digest}` : `${name}:${image.tag}@${image.digest}`;
}

const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const TAG = /^\w[\w.-]{0,127}$/;
const HOST = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

function classify(reference: string): { reference: string; image: ImageReference } | { check: ImageCheck } {
  if (reference.includes('{{')) {
    return { check: { reference, status: 'skipped', message: `${reference} holds an Argo expression, known only when the workflow runs: not checked` } };
  }
  try {
    return { reference, image: parseImageReference(reference) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { check: { reference, status: 'error', message: error.message } };
  }
}

/** What names one image in one registry: the digest when pinned, else the tag. */
function imageKey(image: ImageReference): string {
  return `${image.registry}/${image.repository}${image.digest === undefined ? `:${image.tag}` : `@${image.digest}`}`;
}

interface Session {
  readonly insecure: ReadonlySet<string>;
  readonly timeoutMs: number;
  readonly config: DockerConfig;
}

/** A check that ended early, with its status; never leaves this module. */
class CheckFailure extends Error {
  constructor(
    readonly status: 'unauthorized' | 'unreachable' | 'error',
    message: string,
  ) {
    super(message);
  }
}

type Outcome = Omit<ImageCheck, 'reference' | 'image'>;

async function checkImage(image: ImageReference, session: Session): Promise<Outcome> {
  const shown = formatImage(image);
  const scheme = session.insecure.has(image.registry) ? 'http' : 'https';
  const base = `${scheme}://${image.registry}/v2/${image.repository}`;
  const manifestUrl = `${base}/manifests/${image.digest ?? image.tag}`;
  const auth: AuthState = { header: undefined, challenged: false };
  try {
    let response = await authorisedRequest('HEAD', manifestUrl, image, session, auth);
    // A HEAD answer that is neither yes, no nor "not you" carries no body to say why: ask with GET.
    if (response.status >= 400 && response.status < 500 && ![401, 403, 404, 429].includes(response.status)) {
      response = await authorisedRequest('GET', manifestUrl, image, session, auth);
    }
    if (response.ok) {
      const digest = response.headers.get('docker-content-digest') ?? (await bodyDigest(response, image.registry, session)) ?? image.digest;
      await discard(response);
      return {
        status: 'present',
        ...(digest === undefined ? {} : { digest }),
        message: `${shown} is in ${image.registry}${digest === undefined ? '' : ` (manifest ${digest})`}`,
      };
    }
    const codes = await errorCodes(response);
    if (response.status === 404 || codes.some((code) => code === 'MANIFEST_UNKNOWN' || code === 'NAME_UNKNOWN')) {
      const repositoryExists = codes.includes('NAME_UNKNOWN') ? false : await repositoryExistence(`${base}/tags/list?n=1`, image, session, auth);
      const what = image.digest === undefined ? `tag ${image.tag}` : `manifest ${image.digest}`;
      const where =
        repositoryExists === false
          ? `${image.registry} has no repository ${image.repository}`
          : `${image.registry} has no ${what} in ${repositoryExists === true ? 'its' : 'the'} repository ${image.repository}`;
      return {
        status: 'missing',
        ...(repositoryExists === undefined ? {} : { repositoryExists }),
        message: `${shown} is not in the registry: ${where}`,
      };
    }
    if (response.status === 401 || response.status === 403) return { status: 'unauthorized', message: refusal(image, session, response.status, codes) };
    const said = codes.length === 0 ? '' : ` (${codes.join(', ')})`;
    const advice =
      response.status === 429
        ? ': it limits the request rate; try again later, or log in for a higher limit'
        : response.status >= 500
          ? ': the registry failed; try again later'
          : '';
    return { status: 'error', message: `${shown}: ${image.registry} answered ${response.status} ${response.statusText}${said}${advice}` };
  } catch (error) {
    if (error instanceof CheckFailure) return { status: error.status, message: `${shown}: ${error.message}` };
    throw error;
  }
}

/** Whether the repository exists (`tags/list`), for a missing image's message; undefined when the registry would not say. */
async function repositoryExistence(url: string, image: ImageReference, session: Session, auth: AuthState): Promise<boolean | undefined> {
  try {
    const response = await authorisedRequest('GET', url, image, session, auth);
    const codes = await errorCodes(response);
    if (response.ok) return true;
    if (codes.includes('NAME_UNKNOWN')) return false;
    return undefined;
  } catch (error) {
    if (error instanceof CheckFailure) return undefined;
    throw error;
  }
}

function refusal(image: ImageReference, session: Session, status: number, codes: readonly string[]): string {
  const shown = formatImage(image);
  const said = codes.length === 0 ? `${status}` : `${status} ${codes.join(', ')}`;
  const credentials = session.config.credentials(image.registry);
  if (credentials.kind === 'inline') {
    return `${shown}: ${image.registry} refused the credentials for it in ${session.config.file} (${said}): they are wrong or may not pull ${image.repository}, or the repository does not exist`;
  }
  const advice =
    credentials.kind === 'helper'
      ? `; the credentials for ${image.registry} are kept by docker-credential-${credentials.helper}, which this check does not run: add an auths entry with "auth" for it to ${session.config.file}, or point DOCKER_CONFIG at a folder whose config.json has one`
      : `: run docker login ${image.registry === DOCKER_HUB_HOST ? 'docker.io' : image.registry} (credentials are read from ${session.config.file})`;
  return `${shown}: ${image.registry} refused to show it without credentials (${said}), or the repository does not exist${advice}`;
}

interface AuthState {
  /** The Authorization header that the registry accepted or last asked for, reused for this image's later requests. */
  header: string | undefined;
  /** Whether the authentication exchange was done; it is done once per image. */
  challenged: boolean;
}

/**
 * A request with the authorisation the registry asks for: on a 401 with a Bearer challenge, a token
 * from its realm (anonymous, or with the basic credentials of the docker config), or on a Basic
 * challenge the credentials themselves; then the request once more.
 */
async function authorisedRequest(method: 'HEAD' | 'GET', url: string, image: ImageReference, session: Session, auth: AuthState): Promise<Response> {
  const headers = (): Record<string, string> => ({
    Accept: MANIFEST_MEDIA_TYPES.join(', '),
    ...(auth.header === undefined ? {} : { Authorization: auth.header }),
  });
  const response = await send(method, url, headers(), image.registry, session);
  if (response.status !== 401 || auth.challenged) return response;
  auth.challenged = true;
  const challenge = parseChallenge(response.headers.get('www-authenticate'));
  const credentials = session.config.credentials(image.registry);
  if (challenge?.scheme === 'bearer') {
    await discard(response);
    auth.header = `Bearer ${await token(challenge.params, image, session, credentials)}`;
  } else if (challenge?.scheme === 'basic' && credentials.kind === 'inline') {
    await discard(response);
    auth.header = basicHeader(credentials);
  } else {
    return response;
  }
  return send(method, url, headers(), image.registry, session);
}

async function token(params: ReadonlyMap<string, string>, image: ImageReference, session: Session, credentials: Credentials): Promise<string> {
  const realm = params.get('realm');
  if (realm === undefined) throw new CheckFailure('error', `${image.registry} asked for a token without saying where from (no realm in WWW-Authenticate)`);
  let url: URL;
  try {
    url = new URL(realm);
  } catch {
    throw new CheckFailure('error', `${image.registry} asked for a token from "${realm}", which is not a URL`);
  }
  const service = params.get('service');
  if (service !== undefined) url.searchParams.set('service', service);
  url.searchParams.set('scope', params.get('scope') ?? `repository:${image.repository}:pull`);
  // Credentials go over https, or to a host the caller trusts with plain http.
  const trusted = url.protocol === 'https:' || session.insecure.has(url.host.toLowerCase());
  const withCredentials = credentials.kind === 'inline' && trusted;
  const response = await send('GET', url.toString(), withCredentials ? { Authorization: basicHeader(credentials) } : {}, url.host, session);
  if (response.status === 401 || response.status === 403) {
    await discard(response);
    const whose = withCredentials ? `the credentials for ${image.registry} in ${session.config.file}` : 'an anonymous request';
    throw new CheckFailure(
      'unauthorized',
      `the token service ${url.origin}${url.pathname} refused ${whose} (${response.status})${withCredentials ? ': check them, or docker login again' : `: run docker login ${image.registry}`}`,
    );
  }
  if (!response.ok) {
    await discard(response);
    throw new CheckFailure('error', `the token service ${url.origin}${url.pathname} answered ${response.status} ${response.statusText}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new CheckFailure('error', `the token service ${url.origin}${url.pathname} answered with something that is not JSON`);
  }
  const value = isRecord(body) ? (body.token ?? body.access_token) : undefined;
  if (typeof value !== 'string' || value === '') throw new CheckFailure('error', `the token service ${url.origin}${url.pathname} answered without a token`);
  return value;
}

/** One HTTP request within the timeout; a failure to get an answer is `unreachable`. */
async function send(method: 'HEAD' | 'GET', url: string, headers: Record<string, string>, host: string, session: Session): Promise<Response> {
  try {
    return await fetch(url, { method, headers, redirect: 'follow', signal: AbortSignal.timeout(session.timeoutMs) });
  } catch (error) {
    throw new CheckFailure('unreachable', networkFailure(error, host, url, session));
  }
}

function networkFailure(error: unknown, host: string, url: string, session: Session): string {
  // Duck-typed: fetch's errors may come from another realm (a test runner's VM context).
  const name = isRecord(error) ? error.name : undefined;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer from ${host} within ${session.timeoutMs} ms`;
  const cause = isRecord(error) && isRecord(error.cause) ? error.cause : isRecord(error) ? error : {};
  const code = typeof cause.code === 'string' ? cause.code : '';
  // OpenSSL's messages run over lines with source paths; its `reason` says it in a few words.
  const said =
    typeof cause.reason === 'string' && cause.reason !== ''
      ? cause.reason
      : typeof cause.message === 'string' && cause.message !== ''
        ? cause.message
        : String(error);
  const detail = said.replace(/\s+/g, ' ').trim();
  if (code === 'ECONNREFUSED') return `could not reach ${host}: the connection was refused (${detail}); check the registry's host and port`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `could not reach ${host}: its name does not resolve (${detail})`;
  if (/ssl|tls|certificate|EPROTO/i.test(`${code} ${detail}`)) {
    const plain = url.startsWith('https:') ? `; if ${host} speaks plain http, list it among the insecure registries` : '';
    return `could not reach ${host} over TLS (${detail})${plain}`;
  }
  return `could not reach ${host} (${detail})`;
}

/** `WWW-Authenticate: Bearer realm="...",service="...",scope="..."`, the first challenge. */
function parseChallenge(header: string | null): { scheme: string; params: Map<string, string> } | undefined {
  if (header === null) return undefined;
  const match = /^\s*([A-Za-z]+)\s*(.*)$/.exec(header);
  if (match === null) return undefined;
  const params = new Map<string, string>();
  for (const [, key, quoted, bare] of match[2]!.matchAll(/([A-Za-z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g)) {
    params.set(key!.toLowerCase(), quoted === undefined ? bare! : quoted.replace(/\\(.)/g, '$1'));
  }
  return { scheme: match[1]!.toLowerCase(), params };
}

/** The `code`s of an OCI error body (`{"errors":[{"code":"MANIFEST_UNKNOWN",...}]}`); none for HEAD or other bodies. */
async function errorCodes(response: Response): Promise<string[]> {
  if (response.bodyUsed || response.body === null) return [];
  try {
    const body: unknown = JSON.parse(await response.text());
    if (!isRecord(body) || !Array.isArray(body.errors)) return [];
    return body.errors.flatMap((entry: unknown) => (isRecord(entry) && typeof entry.code === 'string' ? [entry.code] : []));
  } catch {
    return [];
  }
}

/** The digest of a GET's manifest body, for a registry that does not send Docker-Content-Digest. */
async function bodyDigest(response: Response, host: string, session: Session): Promise<string | undefined> {
  if (response.body === null) return undefined;
  let bytes: Buffer;
  try {
    bytes = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    throw new CheckFailure('unreachable', networkFailure(error, host, response.url, session));
  }
  return bytes.length === 0 ? undefined : `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

async function discard(response: Response): Promise<void> {
  if (!response.bodyUsed) await response.body?.cancel();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// The docker config -------------------------------------------------------------------------------

type Credentials = { kind: 'inline'; username: string; password: string } | { kind: 'helper'; helper: string } | { kind: 'none' };

interface DockerConfig {
  /** The file read, for messages (whether or not it exists). */
  readonly file: string;
  /** Throws CheckFailure for an `auths` entry that cannot be decoded. */
  readonly credentials: (registry: string) => Credentials;
}

function dockerConfigDir(): string {
  const given = process.env.DOCKER_CONFIG;
  return given !== undefined && given !== '' ? given : path.join(homedir(), '.docker');
}

/** `auths` keys are hosts, `https://host`, or Docker Hub's `https://index.docker.io/v1/`. */
function configHost(key: string): string {
  const host = key
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .split('/')[0]!;
  return DOCKER_HUB_ALIASES.has(host) ? DOCKER_HUB_HOST : host;
}

async function loadDockerConfig(dir: string): Promise<DockerConfig> {
  const file = path.join(dir, 'config.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isRecord(error) && error.code === 'ENOENT') return { file, credentials: () => ({ kind: 'none' }) };
    throw new UserError(`cannot read the docker config ${file}: ${isRecord(error) ? String(error.message) : String(error)}`);
  }
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch (error) {
    throw new UserError(
      `the docker config ${file} is not valid JSON (${isRecord(error) ? String(error.message) : String(error)}): fix it, or point DOCKER_CONFIG at another folder`,
    );
  }
  if (!isRecord(config)) throw new UserError(`the docker config ${file} is not a JSON object: fix it, or point DOCKER_CONFIG at another folder`);
  const auths = new Map<string, { key: string; entry: unknown }>();
  if (isRecord(config.auths)) for (const [key, entry] of Object.entries(config.auths)) auths.set(configHost(key), { key, entry });
  const helpers = new Map<string, string>();
  if (isRecord(config.credHelpers))
    for (const [key, helper] of Object.entries(config.credHelpers)) if (typeof helper === 'string') helpers.set(configHost(key), helper);
  const store = typeof config.credsStore === 'string' && config.credsStore !== '' ? config.credsStore : undefined;
  return {
    file,
    credentials: (registry) => {
      const found = auths.get(registry);
      const inline = found === undefined ? undefined : decodeAuth(found.key, found.entry, file);
      if (inline !== undefined) return inline;
      const helper = helpers.get(registry) ?? store;
      return helper === undefined ? { kind: 'none' } : { kind: 'helper', helper };
    },
  };
}

function decodeAuth(key: string, entry: unknown, file: string): Credentials | undefined {
  if (!isRecord(entry)) return undefined;
  if (typeof entry.auth === 'string' && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0)
      throw new CheckFailure('error', `the auths entry "${key}" in ${file} has an "auth" that is not base64 of user:password: docker login again`);
    return { kind: 'inline', username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
  }
  if (typeof entry.username === 'string' && entry.username !== '' && typeof entry.password === 'string') {
    return { kind: 'inline', username: entry.username, password: entry.password };
  }
  return undefined;
}

function basicHeader(credentials: { username: string; password: string }): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
}
