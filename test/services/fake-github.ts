/**
 * A local HTTP server that answers as GitHub's REST API does, strictly, for the calls the job
 * programs make (src/runtime/github/client.ts): an organisation's repositories, a repository, a
 * file's content, a repository's issues (listed with a state filter, and opened), and GitHub App
 * authentication (the App's installation on a repository or an organisation, and installation
 * tokens for a JWT signed RS256 by the App's key, checked against its public key).
 *
 * As GitHub does: lists are paginated with `per_page` (default 30, at most 100) and `page`, and a
 * `Link` header whose URLs name the owner by id (`/organizations/{id}/repos`,
 * `/repositories/{id}/issues`), so a client must follow them rather than build its own; a
 * repository's issue list holds its pull requests too; errors are `{message, documentation_url}`;
 * a bad token is 401 Bad credentials; a private repository the credentials cannot see is 404, as
 * an unknown one is; a route GitHub does not serve, or a method a path does not take, is 404 Not
 * Found; a request without a User-Agent is refused (403); every answer carries the `x-ratelimit-*`
 * headers of its credentials' hourly budget, and a spent budget is 403 with `x-ratelimit-remaining: 0`.
 *
 * Simplifications: a personal access token sees and may write every repository (an organisation
 * owner's); an installation's access is every repository of the account it is installed on
 * (`repository_selection: all`); a JWT is accepted only on the App's own routes.
 *
 * Like test/services/fake-api-server.ts, it records every request and can be told to answer the
 * next matching requests with an error status (a secondary rate limit's 403 or 429 with
 * Retry-After, a 502), before or after handling them.
 */
import { createPublicKey, type KeyObject, randomBytes, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What GitHub says of a secondary rate limit (403 or 429, with Retry-After). */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.';

const DOCS = 'https://docs.github.com/rest';
const DOC = {
  repository: `${DOCS}/repos/repos#get-a-repository`,
  orgRepositories: `${DOCS}/repos/repos#list-organization-repositories`,
  contents: `${DOCS}/repos/contents#get-repository-content`,
  listIssues: `${DOCS}/issues/issues#list-repository-issues`,
  createIssue: `${DOCS}/issues/issues#create-an-issue`,
  repoInstallation: `${DOCS}/apps/apps#get-a-repository-installation-for-the-authenticated-app`,
  orgInstallation: `${DOCS}/apps/apps#get-an-organization-installation-for-the-authenticated-app`,
  accessToken: `${DOCS}/apps/apps#create-an-installation-access-token-for-an-app`,
  rateLimit: `${DOCS}/overview/rate-limits-for-the-rest-api`,
} as const;

export interface FakeRepositoryInput {
  /** Created as an organisation when the server does not know it yet. */
  readonly owner: string;
  readonly name: string;
  /** @default false */
  readonly archived?: boolean;
  /** @default false */
  readonly private?: boolean;
  /** Whether the issue tracker is on. @default true */
  readonly hasIssues?: boolean;
  /** @default "main" */
  readonly defaultBranch?: string;
  /** The files of the default branch: path → content. @default {} */
  readonly files?: Readonly<Record<string, string>>;
}

export interface FakeAccount {
  readonly login: string;
  readonly id: number;
  readonly type: 'Organization' | 'User';
}

export interface FakeRepository {
  readonly id: number;
  readonly owner: FakeAccount;
  readonly name: string;
  readonly archived: boolean;
  readonly private: boolean;
  readonly hasIssues: boolean;
  readonly defaultBranch: string;
  readonly files: Readonly<Record<string, string>>;
  readonly issues: FakeIssue[];
}

export interface FakeIssue {
  readonly id: number;
  readonly number: number;
  readonly title: string;
  readonly body: string | null;
  state: 'open' | 'closed';
  readonly labels: readonly string[];
  /** A pull request, which GitHub lists among the issues. */
  readonly pullRequest: boolean;
  readonly author: string;
  readonly createdAt: string;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly authorization: string | undefined;
  readonly userAgent: string | undefined;
  /** Parsed JSON; the raw text when it is not JSON; undefined when empty. */
  readonly body: unknown;
  /** The status answered. */
  status: number;
}

/** An answer the test injects for the next requests it matches. */
export interface Failure {
  readonly status: number;
  /** @default the status's own text ("Server Error" for a 5xx) */
  readonly message?: string;
  /** Extra headers, such as `retry-after`. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly method?: string;
  readonly path?: string | RegExp;
  /** Handle the request first (a POST takes effect), then answer the failure, as a proxy's 502 after GitHub did the work. @default false */
  readonly after?: boolean;
}

export interface FakeGitHubOptions {
  /** The GitHub App whose JWTs the server accepts: its id and its public key. */
  readonly app?: { readonly id: number; readonly publicKey: string | KeyObject };
  /** Requests each credential may make an hour (anonymous: 60). @default 5000 */
  readonly rateLimit?: number;
}

type Credential =
  | { readonly kind: 'anonymous' }
  | { readonly kind: 'user'; readonly login: string; readonly readOnly: boolean }
  | { readonly kind: 'installation'; readonly installation: Installation }
  | { readonly kind: 'app' };

interface Installation {
  readonly id: number;
  readonly account: FakeAccount;
}

interface Answer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

interface Route {
  readonly method: string;
  readonly path: RegExp;
  /** Only a JWT may call it. */
  readonly app?: boolean;
  readonly handle: (context: Context, match: RegExpExecArray) => Answer;
}

interface Context {
  readonly credential: Credential;
  readonly query: URLSearchParams;
  readonly body: unknown;
}

class Refusal extends Error {
  constructor(readonly answer: Answer) {
    super(String((answer.body as { message?: string } | undefined)?.message));
  }
}

const error = (status: number, message: string, documentation_url: string = DOCS, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { message, documentation_url, ...extra },
});
const notFound = (documentation_url: string = DOCS): Answer => error(404, 'Not Found', documentation_url);
const SEGMENT = '([^/]+)';
const STATUS_TEXT: Record<number, string> = {
  500: 'Server Error',
  502: 'Server Error',
  503: 'Service Unavailable',
  504: 'Server Error',
  429: 'Too Many Requests',
};

export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  /** Installation tokens' lifetime, as GitHub's: an hour. */
  installationTokenLifetimeMs = 3_600_000;
  private readonly accounts = new Map<string, FakeAccount>();
  private readonly repositories = new Map<string, FakeRepository>();
  private readonly tokens = new Map<string, { login: string; readOnly: boolean }>();
  private readonly installations = new Map<number, Installation>();
  private readonly installationTokens = new Map<string, { installation: Installation; expiresAt: number }>();
  private readonly budgets = new Map<string, { used: number; resetAt: number }>();
  private readonly failures: (Failure & { times: number })[] = [];
  private readonly publicKey: KeyObject | undefined;
  private readonly routes: readonly Route[] = [
    { method: 'GET', path: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}$`), handle: (context, match) => this.getRepository(context, match) },
    { method: 'GET', path: new RegExp(`^/orgs/${SEGMENT}/repos$`), handle: (context, match) => this.listOrganizationRepositories(context, match) },
    { method: 'GET', path: /^\/organizations\/(\d+)\/repos$/, handle: (context, match) => this.listOrganizationRepositoriesById(context, match) },
    { method: 'GET', path: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}/contents(?:/(.*))?$`), handle: (context, match) => this.getContents(context, match) },
    { method: 'GET', path: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}/issues$`), handle: (context, match) => this.listIssues(context, match) },
    { method: 'GET', path: /^\/repositories\/(\d+)\/issues$/, handle: (context, match) => this.listIssuesById(context, match) },
    { method: 'POST', path: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}/issues$`), handle: (context, match) => this.createIssue(context, match) },
    {
      method: 'GET',
      path: new RegExp(`^/repos/${SEGMENT}/${SEGMENT}/installation$`),
      app: true,
      handle: (_context, match) => this.getRepositoryInstallation(match),
    },
    { method: 'GET', path: new RegExp(`^/orgs/${SEGMENT}/installation$`), app: true, handle: (_context, match) => this.getOrganizationInstallation(match) },
    { method: 'POST', path: /^\/app\/installations\/(\d+)\/access_tokens$/, app: true, handle: (_context, match) => this.createAccessToken(match) },
  ];
  private nextId = 1000;
  private server: Server | undefined;

  constructor(private readonly options: FakeGitHubOptions = {}) {
    const key = options.app?.publicKey;
    this.publicKey = key === undefined ? undefined : typeof key === 'string' ? createPublicKey(key) : key;
  }

  get url(): string {
    if (this.server === undefined) throw new Error('FakeGitHub: not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A personal access token of `login`; a read-only one may not open issues. */
  addToken(token: string, login: string, options: { readOnly?: boolean } = {}): void {
    this.account(login, 'User');
    this.tokens.set(token, { login, readOnly: options.readOnly ?? false });
  }

  addOrganization(login: string): FakeAccount {
    return this.account(login, 'Organization');
  }

  addRepository(input: FakeRepositoryInput): FakeRepository {
    const repository: FakeRepository = {
      id: this.id(),
      owner: this.account(input.owner, 'Organization'),
      name: input.name,
      archived: input.archived ?? false,
      private: input.private ?? false,
      hasIssues: input.hasIssues ?? true,
      defaultBranch: input.defaultBranch ?? 'main',
      files: { ...input.files },
      issues: [],
    };
    this.repositories.set(`${input.owner}/${input.name}`.toLowerCase(), repository);
    return repository;
  }

  /** An issue (or, with pullRequest, a pull request) opened by `author`. */
  addIssue(
    owner: string,
    name: string,
    issue: { title: string; body?: string; state?: 'open' | 'closed'; labels?: string[]; pullRequest?: boolean; author?: string },
  ): FakeIssue {
    const repository = this.repositories.get(`${owner}/${name}`.toLowerCase());
    if (repository === undefined) throw new Error(`FakeGitHub: no repository ${owner}/${name}`);
    const stored: FakeIssue = {
      id: this.id(),
      number: repository.issues.length + 1,
      title: issue.title,
      body: issue.body ?? null,
      state: issue.state ?? 'open',
      labels: issue.labels ?? [],
      pullRequest: issue.pullRequest ?? false,
      author: issue.author ?? 'someone',
      createdAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    };
    repository.issues.push(stored);
    return stored;
  }

  /** The issues and pull requests of a repository, in the order they were opened. */
  issues(owner: string, name: string): readonly FakeIssue[] {
    return this.repositories.get(`${owner}/${name}`.toLowerCase())?.issues ?? [];
  }

  /** Installs the App on an account (every repository of it); returns the installation id. */
  installApp(account: string): number {
    const owner = this.accounts.get(account.toLowerCase());
    if (owner === undefined) throw new Error(`FakeGitHub: no account ${account}`);
    const installation = { id: this.id(), account: owner };
    this.installations.set(installation.id, installation);
    return installation.id;
  }

  /** The next `times` requests that match are answered with this failure. */
  failNext(failure: Failure, times = 1): void {
    this.failures.push({ ...failure, times });
  }

  private id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private account(login: string, type: FakeAccount['type']): FakeAccount {
    const known = this.accounts.get(login.toLowerCase());
    if (known !== undefined) return known;
    const account = { login, id: this.id(), type };
    this.accounts.set(login.toLowerCase(), account);
    return account;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let rawBody = '';
    for await (const chunk of request) rawBody += chunk;
    const url = new URL(request.url ?? '/', 'http://localhost');
    let body: unknown;
    try {
      body = rawBody === '' ? undefined : JSON.parse(rawBody);
    } catch {
      body = rawBody;
    }
    const recorded: RecordedRequest = {
      method: request.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      authorization: request.headers.authorization,
      userAgent: request.headers['user-agent'],
      body,
      status: 0,
    };
    this.requests.push(recorded);
    const answer = this.answer(recorded);
    recorded.status = answer.status;
    const headers = { 'content-type': 'application/json; charset=utf-8', 'x-github-media-type': 'github.v3; format=json', ...answer.headers };
    response.writeHead(answer.status, headers).end(answer.body === undefined ? '' : JSON.stringify(answer.body));
  }

  private answer(request: RecordedRequest): Answer {
    if (request.userAgent === undefined || request.userAgent === '') {
      return error(
        403,
        'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.',
      );
    }
    const failure = this.takeFailure(request);
    if (failure !== undefined && failure.after !== true) return this.failureAnswer(failure);
    const handled = this.route(request);
    return failure === undefined ? handled : this.failureAnswer(failure);
  }

  private takeFailure(request: RecordedRequest): Failure | undefined {
    const index = this.failures.findIndex(
      (failure) =>
        (failure.method === undefined || failure.method === request.method) &&
        (failure.path === undefined || (typeof failure.path === 'string' ? failure.path === request.path : failure.path.test(request.path))),
    );
    if (index < 0) return undefined;
    const failure = this.failures[index]!;
    failure.times -= 1;
    if (failure.times <= 0) this.failures.splice(index, 1);
    return failure;
  }

  private failureAnswer(failure: Failure): Answer {
    const message = failure.message ?? STATUS_TEXT[failure.status] ?? 'Error';
    return { ...error(failure.status, message), headers: { ...failure.headers } };
  }

  private route(request: RecordedRequest): Answer {
    const candidates = this.routes.map((route) => ({ route, match: route.path.exec(request.path) })).filter((found) => found.match !== null);
    // GitHub answers a method a path does not take as it answers a path it does not serve.
    const found = candidates.find(({ route }) => route.method === request.method);
    let credential: Credential;
    try {
      credential = this.credential(request.authorization, found?.route.app === true);
    } catch (refusal) {
      if (refusal instanceof Refusal) return refusal.answer;
      throw refusal;
    }
    const budget = this.spend(credential);
    if (budget.exhausted) {
      const who =
        credential.kind === 'installation'
          ? `installation ID ${credential.installation.id}`
          : credential.kind === 'user'
            ? `user ID ${this.accounts.get(credential.login.toLowerCase())?.id}`
            : '127.0.0.1';
      return { ...error(403, `API rate limit exceeded for ${who}.`, DOC.rateLimit), headers: budget.headers };
    }
    if (found === undefined) return { ...notFound(), headers: budget.headers };
    try {
      const answer = found.route.handle({ credential, query: request.query, body: request.body }, found.match!);
      return { ...answer, headers: { ...budget.headers, ...answer.headers } };
    } catch (refusal) {
      if (refusal instanceof Refusal) return { ...refusal.answer, headers: { ...budget.headers, ...refusal.answer.headers } };
      throw refusal;
    }
  }

  private credential(authorization: string | undefined, appRoute: boolean): Credential {
    if (authorization === undefined) {
      if (appRoute) throw new Refusal(error(401, 'A JSON web token could not be decoded'));
      return { kind: 'anonymous' };
    }
    const [scheme, value = ''] = authorization.split(/\s+/, 2);
    if (!/^(token|bearer)$/i.test(scheme ?? '')) throw new Refusal(error(401, 'Bad credentials'));
    if (appRoute) {
      this.verifyJwt(scheme!, value);
      return { kind: 'app' };
    }
    const user = this.tokens.get(value);
    if (user !== undefined) return { kind: 'user', ...user };
    const installationToken = this.installationTokens.get(value);
    if (installationToken !== undefined && installationToken.expiresAt > Date.now()) {
      return { kind: 'installation', installation: installationToken.installation };
    }
    throw new Refusal(error(401, 'Bad credentials'));
  }

  /** As GitHub checks an App's JWT: Bearer, RS256, signed by the App's key, issued by it, short-lived. */
  private verifyJwt(scheme: string, jwt: string): void {
    const undecodable = new Refusal(error(401, 'A JSON web token could not be decoded'));
    if (scheme.toLowerCase() !== 'bearer' || this.publicKey === undefined) throw undecodable;
    const parts = jwt.split('.');
    if (parts.length !== 3) throw undecodable;
    const [header, payload, signature] = parts as [string, string, string];
    let claims: { iat?: unknown; exp?: unknown; iss?: unknown };
    try {
      const decodedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: unknown };
      if (decodedHeader.alg !== 'RS256') throw undecodable;
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      throw undecodable;
    }
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, 'base64url'));
    if (!signed || String(claims.iss) !== String(this.options.app?.id)) throw undecodable;
    const now = Math.floor(Date.now() / 1000);
    if (typeof claims.iat !== 'number' || claims.iat > now + 60) {
      throw new Refusal(error(401, "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued"));
    }
    if (typeof claims.exp !== 'number' || claims.exp <= now) {
      throw new Refusal(error(401, "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires"));
    }
    if (claims.exp > now + 600 + 60) throw new Refusal(error(401, "'Expiration time' claim ('exp') is too far in the future"));
  }

  private spend(credential: Credential): { exhausted: boolean; headers: Record<string, string> } {
    const key =
      credential.kind === 'user'
        ? `user:${credential.login}`
        : credential.kind === 'installation'
          ? `installation:${credential.installation.id}`
          : credential.kind;
    const limit = credential.kind === 'anonymous' ? 60 : (this.options.rateLimit ?? 5000);
    const now = Date.now();
    let budget = this.budgets.get(key);
    if (budget === undefined || budget.resetAt <= now) {
      budget = { used: 0, resetAt: now + 3_600_000 };
      this.budgets.set(key, budget);
    }
    const exhausted = budget.used >= limit;
    if (!exhausted) budget.used += 1;
    return {
      exhausted,
      headers: {
        'x-ratelimit-limit': String(limit),
        'x-ratelimit-remaining': String(limit - budget.used),
        'x-ratelimit-reset': String(Math.ceil(budget.resetAt / 1000)),
        'x-ratelimit-used': String(budget.used),
        'x-ratelimit-resource': 'core',
      },
    };
  }

  // Routes.

  private visibleRepository(context: Context, owner: string, name: string, documentation: string): FakeRepository {
    const repository = this.repositories.get(`${decodeURIComponent(owner)}/${decodeURIComponent(name)}`.toLowerCase());
    if (repository === undefined || !this.sees(context.credential, repository)) throw new Refusal(notFound(documentation));
    return repository;
  }

  private sees(credential: Credential, repository: FakeRepository): boolean {
    if (!repository.private) return true;
    if (credential.kind === 'user') return true;
    return credential.kind === 'installation' && credential.installation.account === repository.owner;
  }

  private getRepository(context: Context, match: RegExpExecArray): Answer {
    const repository = this.visibleRepository(context, match[1]!, match[2]!, DOC.repository);
    return { status: 200, body: this.repositoryJson(repository) };
  }

  private listOrganizationRepositories(context: Context, match: RegExpExecArray): Answer {
    const org = this.accounts.get(decodeURIComponent(match[1]!).toLowerCase());
    if (org === undefined || org.type !== 'Organization') throw new Refusal(notFound(DOC.orgRepositories));
    return this.organizationRepositories(context, org);
  }

  private listOrganizationRepositoriesById(context: Context, match: RegExpExecArray): Answer {
    const org = [...this.accounts.values()].find((account) => String(account.id) === match[1] && account.type === 'Organization');
    if (org === undefined) throw new Refusal(notFound(DOC.orgRepositories));
    return this.organizationRepositories(context, org);
  }

  private organizationRepositories(context: Context, org: FakeAccount): Answer {
    const type = context.query.get('type') ?? 'all';
    const sort = context.query.get('sort') ?? 'created';
    const direction = context.query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
    const repositories = [...this.repositories.values()]
      .filter((repository) => repository.owner === org && this.sees(context.credential, repository))
      .filter((repository) => type === 'all' || (type === 'private') === repository.private)
      .sort((a, b) => (sort === 'full_name' ? a.name.localeCompare(b.name) : a.id - b.id) * (direction === 'asc' ? 1 : -1));
    return this.page(
      repositories.map((repository) => this.repositoryJson(repository)),
      context.query,
      `/organizations/${org.id}/repos`,
    );
  }

  private getContents(context: Context, match: RegExpExecArray): Answer {
    const repository = this.visibleRepository(context, match[1]!, match[2]!, DOC.contents);
    const ref = context.query.get('ref');
    if (ref !== null && ref !== repository.defaultBranch) throw new Refusal(error(404, `No commit found for the ref ${ref}`, DOC.contents));
    const path = decodeURIComponent(match[3] ?? '').replace(/\/+$/, '');
    const fullName = `${repository.owner.login}/${repository.name}`;
    const content = repository.files[path];
    if (content !== undefined) {
      const base64 = Buffer.from(content).toString('base64');
      return {
        status: 200,
        body: {
          type: 'file',
          encoding: 'base64',
          size: Buffer.byteLength(content),
          name: path.split('/').pop(),
          path,
          // GitHub wraps the base64 text at 60 characters.
          content: `${base64.replace(/(.{60})/g, '$1\n')}\n`,
          sha: this.sha(content),
          url: `${this.url}/repos/${fullName}/contents/${path}?ref=${repository.defaultBranch}`,
          html_url: `https://github.com/${fullName}/blob/${repository.defaultBranch}/${path}`,
          download_url: `https://raw.githubusercontent.com/${fullName}/${repository.defaultBranch}/${path}`,
        },
      };
    }
    const prefix = path === '' ? '' : `${path}/`;
    const entries = new Map<string, 'file' | 'dir'>();
    for (const file of Object.keys(repository.files)) {
      if (!file.startsWith(prefix)) continue;
      const [first, ...rest] = file.slice(prefix.length).split('/');
      entries.set(first!, rest.length === 0 ? 'file' : 'dir');
    }
    if (entries.size === 0) throw new Refusal(notFound(DOC.contents));
    return {
      status: 200,
      body: [...entries].map(([name, type]) => ({
        type,
        name,
        path: `${prefix}${name}`,
        size: type === 'file' ? Buffer.byteLength(repository.files[`${prefix}${name}`]!) : 0,
      })),
    };
  }

  private listIssues(context: Context, match: RegExpExecArray): Answer {
    return this.issueList(context, this.visibleRepository(context, match[1]!, match[2]!, DOC.listIssues));
  }

  private listIssuesById(context: Context, match: RegExpExecArray): Answer {
    const repository = [...this.repositories.values()].find((candidate) => String(candidate.id) === match[1]);
    if (repository === undefined || !this.sees(context.credential, repository)) throw new Refusal(notFound(DOC.listIssues));
    return this.issueList(context, repository);
  }

  private issueList(context: Context, repository: FakeRepository): Answer {
    if (!repository.hasIssues) throw new Refusal(error(410, 'Issues are disabled for this repo', DOC.listIssues));
    const state = context.query.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) {
      throw new Refusal(error(422, 'Validation Failed', DOC.listIssues, { errors: [{ value: state, resource: 'Issue', field: 'state', code: 'invalid' }] }));
    }
    const labels = (context.query.get('labels') ?? '')
      .split(',')
      .map((label) => label.trim())
      .filter((label) => label !== '');
    const creator = context.query.get('creator');
    const direction = context.query.get('direction') ?? 'desc';
    const issues = repository.issues
      .filter((issue) => state === 'all' || issue.state === state)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .filter((issue) => creator === null || issue.author === creator)
      .sort((a, b) => (a.number - b.number) * (direction === 'asc' ? 1 : -1));
    return this.page(
      issues.map((issue) => this.issueJson(repository, issue)),
      context.query,
      `/repositories/${repository.id}/issues`,
    );
  }

  private createIssue(context: Context, match: RegExpExecArray): Answer {
    const { credential } = context;
    if (credential.kind === 'anonymous') throw new Refusal(error(401, 'Requires authentication', DOC.createIssue));
    const repository = this.visibleRepository(context, match[1]!, match[2]!, DOC.createIssue);
    if (credential.kind === 'user' && credential.readOnly) throw new Refusal(error(403, 'Resource not accessible by personal access token', DOC.createIssue));
    if (credential.kind === 'installation' && credential.installation.account !== repository.owner) {
      throw new Refusal(error(403, 'Resource not accessible by integration', DOC.createIssue));
    }
    if (typeof context.body !== 'object' || context.body === null || Array.isArray(context.body)) {
      throw new Refusal(error(400, 'Problems parsing JSON', DOC.createIssue));
    }
    if (repository.archived) throw new Refusal(error(403, 'Repository was archived so is read-only.', DOC.createIssue));
    if (!repository.hasIssues) throw new Refusal(error(410, 'Issues are disabled for this repo', DOC.createIssue));
    const { title, body, labels = [] } = context.body as { title?: unknown; body?: unknown; labels?: unknown };
    if (typeof title !== 'string' || title === '') {
      throw new Refusal(error(422, 'Validation Failed', DOC.createIssue, { errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }] }));
    }
    const names = Array.isArray(labels)
      ? labels.map((label) => (typeof label === 'object' && label !== null ? (label as { name?: unknown }).name : label))
      : [labels];
    if (!names.every((name): name is string => typeof name === 'string')) {
      throw new Refusal(error(422, 'Validation Failed', DOC.createIssue, { errors: [{ resource: 'Label', code: 'invalid', field: 'labels' }] }));
    }
    if (body !== undefined && body !== null && typeof body !== 'string') {
      throw new Refusal(error(422, 'Validation Failed', DOC.createIssue, { errors: [{ resource: 'Issue', code: 'invalid', field: 'body' }] }));
    }
    const author = credential.kind === 'user' ? credential.login : 'kebechet[bot]';
    const issue = this.addIssue(repository.owner.login, repository.name, { title, ...(typeof body === 'string' ? { body } : {}), labels: names, author });
    const json = this.issueJson(repository, issue);
    return { status: 201, body: json, headers: { location: json.url } };
  }

  private getRepositoryInstallation(match: RegExpExecArray): Answer {
    const repository = this.repositories.get(`${decodeURIComponent(match[1]!)}/${decodeURIComponent(match[2]!)}`.toLowerCase());
    const installation = repository === undefined ? undefined : this.installationOf(repository.owner);
    if (installation === undefined) throw new Refusal(notFound(DOC.repoInstallation));
    return { status: 200, body: this.installationJson(installation) };
  }

  private getOrganizationInstallation(match: RegExpExecArray): Answer {
    const org = this.accounts.get(decodeURIComponent(match[1]!).toLowerCase());
    const installation = org === undefined || org.type !== 'Organization' ? undefined : this.installationOf(org);
    if (installation === undefined) throw new Refusal(notFound(DOC.orgInstallation));
    return { status: 200, body: this.installationJson(installation) };
  }

  private createAccessToken(match: RegExpExecArray): Answer {
    const installation = this.installations.get(Number(match[1]));
    if (installation === undefined) throw new Refusal(notFound(DOC.accessToken));
    const token = `ghs_${randomBytes(27).toString('base64url').replace(/[-_]/g, 'x').slice(0, 36)}`;
    const expiresAt = Date.now() + this.installationTokenLifetimeMs;
    this.installationTokens.set(token, { installation, expiresAt });
    return {
      status: 201,
      body: {
        token,
        // Whole seconds, as GitHub writes it.
        expires_at: new Date(expiresAt).toISOString().replace(/\.\d+Z$/, 'Z'),
        permissions: { issues: 'write', contents: 'read', metadata: 'read' },
        repository_selection: 'all',
      },
    };
  }

  private installationOf(account: FakeAccount): Installation | undefined {
    return [...this.installations.values()].find((installation) => installation.account === account);
  }

  // JSON as GitHub writes it (the fields the programs read, and enough around them).

  private page(items: readonly unknown[], query: URLSearchParams, linkPath: string): Answer {
    const perPage = Math.min(100, Math.max(1, Number.parseInt(query.get('per_page') ?? '', 10) || 30));
    const page = Math.max(1, Number.parseInt(query.get('page') ?? '', 10) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number): string => {
      const params = new URLSearchParams(query);
      params.delete('page');
      params.set('page', String(n));
      return `${this.url}${linkPath}?${params.toString()}`;
    };
    const links: string[] = [];
    if (page > 1) links.push(`<${link(Math.min(page - 1, last))}>; rel="prev"`);
    if (page < last) links.push(`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`);
    if (page > 1) links.push(`<${link(1)}>; rel="first"`);
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers: links.length === 0 ? {} : { link: links.join(', ') } };
  }

  private accountJson(account: FakeAccount): Record<string, unknown> {
    return {
      login: account.login,
      id: account.id,
      type: account.type,
      url: `${this.url}/users/${account.login}`,
      html_url: `https://github.com/${account.login}`,
    };
  }

  private repositoryJson(repository: FakeRepository): Record<string, unknown> {
    const fullName = `${repository.owner.login}/${repository.name}`;
    return {
      id: repository.id,
      node_id: Buffer.from(`010:Repository${repository.id}`).toString('base64'),
      name: repository.name,
      full_name: fullName,
      owner: this.accountJson(repository.owner),
      private: repository.private,
      visibility: repository.private ? 'private' : 'public',
      fork: false,
      archived: repository.archived,
      disabled: false,
      has_issues: repository.hasIssues,
      default_branch: repository.defaultBranch,
      html_url: `https://github.com/${fullName}`,
      url: `${this.url}/repos/${fullName}`,
    };
  }

  private issueJson(repository: FakeRepository, issue: FakeIssue): Record<string, unknown> & { url: string } {
    const fullName = `${repository.owner.login}/${repository.name}`;
    const url = `${this.url}/repos/${fullName}/issues/${issue.number}`;
    return {
      id: issue.id,
      number: issue.number,
      title: issue.title,
      body: issue.body,
      state: issue.state,
      state_reason: issue.state === 'closed' ? 'completed' : null,
      labels: issue.labels.map((name, index) => ({ id: issue.id * 100 + index, name, color: 'ededed', default: false })),
      user: { login: issue.author, type: issue.author.endsWith('[bot]') ? 'Bot' : 'User' },
      created_at: issue.createdAt,
      url,
      repository_url: `${this.url}/repos/${fullName}`,
      html_url: `https://github.com/${fullName}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`,
      ...(issue.pullRequest
        ? { pull_request: { url: `${this.url}/repos/${fullName}/pulls/${issue.number}`, html_url: `https://github.com/${fullName}/pull/${issue.number}` } }
        : {}),
    };
  }

  private installationJson(installation: Installation): Record<string, unknown> {
    return {
      id: installation.id,
      account: this.accountJson(installation.account),
      app_id: this.options.app?.id,
      app_slug: 'kebechet',
      target_id: installation.account.id,
      target_type: installation.account.type,
      repository_selection: 'all',
      access_tokens_url: `${this.url}/app/installations/${installation.id}/access_tokens`,
      repositories_url: `${this.url}/installation/repositories`,
      permissions: { issues: 'write', contents: 'read', metadata: 'read' },
      events: [],
      suspended_at: null,
    };
  }

  private sha(content: string): string {
    return Buffer.from(content).toString('hex').padEnd(40, '0').slice(0, 40);
  }
}
