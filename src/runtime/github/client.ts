/**
 * GitHub for the job programs: the port an application layer depends on (`GitHub`), and its
 * adapter on @octokit/rest (`OctokitGitHub`), for what the reference programs ask of GitHub:
 *
 * - mi-scheduler lists an organisation's repositories, archived ones skipped, and checks each
 *   configured repository (unknown or archived ones skipped): PyGithub's get_organization().get_repos()
 *   and get_repo() (thoth-station/mi-scheduler@v1.7.3:app.py#L78-L96);
 * - create-purge-issues opens an issue with the label "bot" in each repository of a Kebechet
 *   installation (ogr's create_issue, thoth-station/workflow-helpers@v0.9.15:create_purge_issues.py#L90-L101);
 *   the reference never looks for one already open, so a second purge run opened a second issue;
 *   `openIssueOnce` looks first;
 * - update-kebechet-installation reads .thoth.yaml and the requirements files through the GitHub App
 *   (ogr's get_file_content, thoth-station/workflow-helpers@v0.9.15:update_keb_installation.py#L60-L108).
 *
 * With the App, the installation is looked up per repository (or organisation) with the App's JWT,
 * as ogr does, and its token is kept until shortly before it expires. A request GitHub refuses for
 * a rate limit is retried after the wait GitHub names (Retry-After, or the budget's reset), a GET
 * that got a 5xx or no answer after a doubling backoff; both bounded (`RetryPolicy`). An issue is
 * never posted twice on a 5xx: GitHub may have opened it, so it is looked for before trying again.
 */
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/rest';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import { type RequestLimits, requestSignal } from '../request-limits.js';
import type { Retryable } from '../retryable.js';
import type { GitHubSettings } from './settings.js';

// The port.

export interface Repository {
  readonly owner: string;
  readonly name: string;
  /** owner/name, as GitHub spells it. */
  readonly fullName: string;
  readonly id: number;
  readonly archived: boolean;
  readonly private: boolean;
  /** Whether its issue tracker is on. */
  readonly hasIssues: boolean;
  readonly defaultBranch: string;
}

export interface RepositoryListing {
  /** The organisation's repositories that are not archived. */
  readonly repositories: readonly Repository[];
  /** The full names of the archived ones, which were skipped. */
  readonly archived: readonly string[];
}

export interface Issue {
  readonly number: number;
  readonly title: string;
  readonly state: 'open' | 'closed';
  readonly labels: readonly string[];
  /** The issue's page. */
  readonly url: string;
}

export interface NewIssue {
  readonly title: string;
  readonly body: string;
  /** Labels GitHub does not know yet are created (given the right to push). @default [] */
  readonly labels?: readonly string[];
}

export interface Installation {
  readonly id: number;
  /** The organisation or user it is installed on. */
  readonly account: string;
}

/** What the programs ask of GitHub. Where GitHub answers 404 the answer is `undefined`. */
export interface GitHub {
  /** Every repository of an organisation, page by page; undefined: no such organisation, or the credentials cannot see it. */
  listRepositories(org: string): Promise<RepositoryListing | undefined>;
  /** undefined: no such repository, or the credentials cannot see it. */
  repository(owner: string, name: string): Promise<Repository | undefined>;
  /** A file's text on `ref` (the default branch when not given); undefined: no such file. */
  fileContent(owner: string, name: string, path: string, ref?: string): Promise<string | undefined>;
  /** An open issue (not a pull request) with exactly this title. */
  findOpenIssue(owner: string, name: string, title: string): Promise<Issue | undefined>;
  openIssue(owner: string, name: string, issue: NewIssue): Promise<Issue>;
  /** The App's installation on a repository, or on an organisation without `name`; undefined: not installed there. */
  installation(owner: string, name?: string): Promise<Installation | undefined>;
}

export type IssueOutcome = { readonly outcome: 'opened' | 'already-open'; readonly issue: Issue };

/** Opens the issue unless one with its title is open already (a job run again opens none twice). */
export async function openIssueOnce(github: GitHub, owner: string, name: string, issue: NewIssue): Promise<IssueOutcome> {
  const open = await github.findOpenIssue(owner, name, issue.title);
  if (open !== undefined) return { outcome: 'already-open', issue: open };
  return { outcome: 'opened', issue: await github.openIssue(owner, name, issue) };
}

/** Why a call failed, and whether trying again later can help. */
export class GitHubError extends Error {
  constructor(
    message: string,
    /** GitHub's status; undefined when it did not answer. */
    readonly status: number | undefined,
    readonly retryable: Retryable,
  ) {
    super(message);
    this.name = 'GitHubError';
  }
}

// The adapter.

export interface RetryPolicy {
  /** Attempts of one request, the first included. */
  readonly attempts: number;
  /** The longest wait before another attempt: a rate limit that lasts longer fails the call at once. */
  readonly maxWaitMs: number;
  /** The wait after the first 5xx or missing answer, doubled after each. */
  readonly backoffMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, maxWaitMs: 60_000, backoffMs: 1_000 };

export interface GitHubClientOptions {
  /** How long one request may take, and the program's stop. @default 30 s, no stop */
  readonly limits?: RequestLimits;
  /** @default DEFAULT_RETRY */
  readonly retry?: Partial<RetryPolicy>;
  /** Items per page of a list (GitHub's per_page: 1 to 100). @default 100 */
  readonly pageSize?: number;
  /** Retries at warn, each request at debug. @default none */
  readonly log?: Logger;
  /** Sent before Octokit's own. @default "thoth-job-programs" */
  readonly userAgent?: string;
  /** An installation token with less than this left is renewed. @default 5 minutes */
  readonly tokenRenewalMs?: number;
  /** @default Date.now */
  readonly clock?: () => number;
}

/** GitHub's doc: without a Retry-After, wait at least a minute after a secondary rate limit. */
const SECONDARY_LIMIT_WAIT_MS = 60_000;

interface FailedRequest {
  readonly status?: number;
  readonly message: string;
  readonly response?: { readonly status: number; readonly headers: Readonly<Record<string, string | undefined>>; readonly data: unknown };
}

/** What the retries made of a failed request, for its message. */
interface RetryOutcome {
  readonly attempts: number;
  readonly timedOut: boolean;
  /** A rate limit's wait that was longer than the policy allows. */
  readonly refusedWaitMs?: number;
}

type AppAuth = ReturnType<typeof createAppAuth>;

export class OctokitGitHub implements GitHub {
  private readonly octokit: Octokit;
  private readonly app: AppAuth | undefined;
  private readonly retry: RetryPolicy;
  private readonly limits: RequestLimits;
  private readonly pageSize: number;
  private readonly tokenRenewalMs: number;
  private readonly clock: () => number;
  private readonly outcomes = new WeakMap<object, RetryOutcome>();
  /** `owner` or `owner/name`, lower case → installation id. */
  private readonly installations = new Map<string, number>();
  private readonly tokens = new Map<number, { readonly token: string; readonly expiresAt: number }>();
  private readonly renewals = new Map<number, Promise<string>>();

  constructor(
    private readonly settings: GitHubSettings,
    private readonly options: GitHubClientOptions = {},
  ) {
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.limits = options.limits ?? { timeoutMs: 30_000 };
    this.pageSize = options.pageSize ?? 100;
    this.tokenRenewalMs = options.tokenRenewalMs ?? 300_000;
    this.clock = options.clock ?? Date.now;
    const log = options.log;
    this.octokit = new Octokit({
      baseUrl: settings.baseUrl,
      userAgent: options.userAgent ?? 'thoth-job-programs',
      // Failures are reported once, by the caller, with what was asked. Only the message is passed
      // on: Octokit's additional info holds the request, credentials included.
      log: {
        debug: (message: string) => log?.debug(message),
        info: (message: string) => log?.debug(message),
        warn: (message: string) => log?.warn(message),
        error: (message: string) => log?.debug(message),
      },
    });
    this.octokit.hook.wrap('request', (request, endpoint) => this.withRetries(request, endpoint));
    const { credentials } = settings;
    // Its token requests go through this.octokit: the API URL, the retries and the limits apply.
    this.app =
      credentials.kind === 'app' ? createAppAuth({ appId: credentials.appId, privateKey: credentials.privateKey, request: this.octokit.request }) : undefined;
  }

  async listRepositories(org: string): Promise<RepositoryListing | undefined> {
    const action = `list the repositories of ${org}`;
    const authorization = await this.authorization(org, undefined, action);
    if (authorization === undefined) return undefined;
    const repositories: Repository[] = [];
    const archived: string[] = [];
    try {
      // Octokit's types leave out headers, which it passes on to every page.
      const parameters = { org, type: 'all' as const, per_page: this.pageSize, headers: { authorization } };
      const pages = this.octokit.paginate.iterator('GET /orgs/{org}/repos', parameters);
      for await (const page of pages) {
        for (const raw of page.data) {
          const repository = toRepository(raw);
          if (repository.archived) archived.push(repository.fullName);
          else repositories.push(repository);
        }
      }
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.describe(error, action, `no organisation ${org}`);
    }
    return { repositories, archived };
  }

  async repository(owner: string, name: string): Promise<Repository | undefined> {
    const action = `read the repository ${owner}/${name}`;
    const authorization = await this.authorization(owner, name, action);
    if (authorization === undefined) return undefined;
    try {
      const { data } = await this.octokit.request('GET /repos/{owner}/{repo}', { owner, repo: name, headers: { authorization } });
      return toRepository(data);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.describe(error, action, `no repository ${owner}/${name}`);
    }
  }

  async fileContent(owner: string, name: string, path: string, ref?: string): Promise<string | undefined> {
    const action = `read ${path}${ref === undefined ? '' : ` at ${ref}`} in ${owner}/${name}`;
    const authorization = await this.installedAuthorization(owner, name, action);
    let data: unknown;
    try {
      ({ data } = await this.octokit.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner,
        repo: name,
        path,
        ...(ref === undefined ? {} : { ref }),
        headers: { authorization },
      }));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.describe(error, action, `no repository ${owner}/${name}`);
    }
    const file = data as { type?: string; encoding?: string; content?: string };
    if (Array.isArray(data) || file.type !== 'file')
      throw new GitHubError(`cannot ${action}: it is a ${Array.isArray(data) ? 'directory' : (file.type ?? 'thing')}, not a file`, 200, false);
    // Over 1 MB, the contents API leaves the content out.
    if (file.encoding !== 'base64' || file.content === undefined)
      throw new GitHubError(`cannot ${action}: the file is larger than GitHub's contents API returns (1 MB)`, 200, false);
    return Buffer.from(file.content, 'base64').toString('utf8');
  }

  async findOpenIssue(owner: string, name: string, title: string): Promise<Issue | undefined> {
    const action = `list the open issues of ${owner}/${name}`;
    const authorization = await this.installedAuthorization(owner, name, action);
    try {
      const parameters = { owner, repo: name, state: 'open' as const, per_page: this.pageSize, headers: { authorization } };
      const pages = this.octokit.paginate.iterator('GET /repos/{owner}/{repo}/issues', parameters);
      for await (const page of pages) {
        // The list holds pull requests too.
        const found = page.data.find((raw) => raw.pull_request === undefined && raw.title === title);
        if (found !== undefined) return toIssue(found);
      }
      return undefined;
    } catch (error) {
      throw this.describe(error, action, `no repository ${owner}/${name}`);
    }
  }

  async openIssue(owner: string, name: string, issue: NewIssue): Promise<Issue> {
    const action = `open the issue "${issue.title}" in ${owner}/${name}`;
    for (let attempt = 1; ; attempt++) {
      const authorization = await this.installedAuthorization(owner, name, action);
      try {
        const { data } = await this.octokit.request('POST /repos/{owner}/{repo}/issues', {
          owner,
          repo: name,
          title: issue.title,
          body: issue.body,
          labels: [...(issue.labels ?? [])],
          headers: { authorization },
        });
        return toIssue(data);
      } catch (error) {
        // A 5xx or no answer may come after GitHub opened the issue: look before posting again.
        const status = statusOf(error);
        const unanswered = status === undefined || status >= 500;
        if (!unanswered || attempt >= this.retry.attempts || this.limits.signal?.aborted === true)
          throw this.describe(error, action, `no repository ${owner}/${name}`);
        await this.pause(this.backoff(attempt), error);
        const opened = await this.findOpenIssue(owner, name, issue.title);
        if (opened !== undefined) return opened;
      }
    }
  }

  async installation(owner: string, name?: string): Promise<Installation | undefined> {
    const target = name === undefined ? owner : `${owner}/${name}`;
    if (this.app === undefined) {
      throw new GitHubError(
        `cannot look up the GitHub App's installation on ${target}: this program authenticates with ${this.who()}, not as a GitHub App (GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH)`,
        undefined,
        false,
      );
    }
    const action = `look up the GitHub App's installation on ${target}`;
    // Signed here, with the key the settings checked: no request.
    const { token } = await this.app({ type: 'app' });
    const headers = { authorization: `bearer ${token}` };
    try {
      const { data } =
        name === undefined
          ? await this.octokit.request('GET /orgs/{org}/installation', { org: owner, headers })
          : await this.octokit.request('GET /repos/{owner}/{repo}/installation', { owner, repo: name, headers });
      const account = data.account as { login?: string } | null;
      return { id: Number(data.id), account: account?.login ?? owner };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw this.describe(error, action, target);
    }
  }

  /** The Authorization header for calls on a repository or an organisation; undefined: the App is not installed there. */
  private async authorization(owner: string, name: string | undefined, action: string): Promise<string | undefined> {
    const { credentials } = this.settings;
    if (credentials.kind === 'token') return `token ${credentials.token}`;
    const key = (name === undefined ? owner : `${owner}/${name}`).toLowerCase();
    let id = this.installations.get(key);
    if (id === undefined) {
      const installation = await this.installation(owner, name);
      if (installation === undefined) return undefined;
      id = installation.id;
      this.installations.set(key, id);
    }
    return `token ${await this.installationToken(id, action)}`;
  }

  /** As `authorization`, for a call that needs the App installed on the repository. */
  private async installedAuthorization(owner: string, name: string, action: string): Promise<string> {
    const authorization = await this.authorization(owner, name, action);
    if (authorization !== undefined) return authorization;
    throw new GitHubError(
      `cannot ${action}: ${this.who()} is not installed on ${owner}/${name} (GitHub answered 404 Not Found for its installation)`,
      404,
      false,
    );
  }

  /** The installation's token, kept until it has less than `tokenRenewalMs` left. */
  private async installationToken(installationId: number, action: string): Promise<string> {
    const kept = this.tokens.get(installationId);
    if (kept !== undefined && kept.expiresAt - this.clock() > this.tokenRenewalMs) return kept.token;
    const pending = this.renewals.get(installationId);
    if (pending !== undefined) return pending;
    const renewal = (async () => {
      try {
        const { token, expiresAt } = await this.app!({ type: 'installation', installationId, refresh: true });
        this.tokens.set(installationId, { token, expiresAt: Date.parse(expiresAt) });
        return token;
      } catch (error) {
        throw this.describe(error, `${action}: no token for the installation ${installationId}`, `no installation ${installationId}`);
      } finally {
        this.renewals.delete(installationId);
      }
    })();
    this.renewals.set(installationId, renewal);
    return renewal;
  }

  /** Every request: its own time limit, and the retries the policy allows. */
  private async withRetries<E extends { method: string; url: string; request?: object }, R>(request: (endpoint: E) => R | Promise<R>, endpoint: E): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      const { signal, timedOut } = requestSignal(this.limits);
      // The hooks inside this one are bound to this very object (before-after-hook): it is changed
      // in place, its `request` replaced (that object may be the client's defaults, shared).
      endpoint.request = { ...endpoint.request, signal };
      try {
        return await request(endpoint);
      } catch (error) {
        if (typeof error !== 'object' || error === null || this.limits.signal?.aborted === true) throw error;
        const failed = error as FailedRequest;
        const waitMs = this.waitBeforeRetry(failed, endpoint.method, attempt);
        const outcome: RetryOutcome = { attempts: attempt, timedOut: timedOut() };
        if (waitMs === undefined || attempt >= this.retry.attempts) {
          this.outcomes.set(error, outcome);
          throw error;
        }
        if (waitMs > this.retry.maxWaitMs) {
          this.outcomes.set(error, { ...outcome, refusedWaitMs: waitMs });
          throw error;
        }
        this.options.log?.warn(
          { method: endpoint.method, url: endpoint.url, status: failed.response?.status, attempt, waitMs },
          'GitHub did not do the request; trying again after the wait',
        );
        await this.pause(waitMs, error);
      }
    }
  }

  /** How long to wait before trying again; undefined: trying again cannot help (or could do twice what was done). */
  private waitBeforeRetry(error: FailedRequest, method: string, attempt: number): number | undefined {
    const response = error.response;
    if (response === undefined) return method === 'GET' ? this.backoff(attempt) : undefined;
    const wait = rateLimitWait(response, this.clock());
    if (wait !== undefined) return wait;
    if (response.status >= 500 && method === 'GET') return retryAfterMs(response.headers['retry-after'], this.clock()) ?? this.backoff(attempt);
    return undefined;
  }

  private backoff(attempt: number): number {
    return this.retry.backoffMs * 2 ** (attempt - 1);
  }

  /** Waits, unless the program is stopping: then the request's own error ends the call. */
  private async pause(ms: number, error: unknown): Promise<void> {
    try {
      await sleep(ms, undefined, this.limits.signal === undefined ? {} : { signal: this.limits.signal });
    } catch {
      throw error;
    }
  }

  /** The credentials, named for a message. */
  private who(): string {
    const { credentials } = this.settings;
    return credentials.kind === 'token' ? `the token in ${credentials.variable}` : `the GitHub App ${credentials.appId}`;
  }

  /** A message that says what was asked, what GitHub answered and what to check. */
  private describe(error: unknown, action: string, notFound: string): GitHubError {
    if (error instanceof GitHubError) return error;
    const failed = (typeof error === 'object' && error !== null ? error : { message: String(error) }) as FailedRequest;
    const outcome = typeof error === 'object' && error !== null ? this.outcomes.get(error) : undefined;
    const tries = outcome !== undefined && outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : '';
    const response = failed.response;
    // Stopping cuts a request or a wait short: whatever GitHub said last is not why the call ended.
    if (this.limits.signal?.aborted === true) return new GitHubError(`cannot ${action}: the program is stopping`, response?.status, true);
    if (response === undefined) {
      if (outcome?.timedOut === true) {
        return new GitHubError(`cannot ${action}: no answer from ${this.settings.baseUrl} within ${this.limits.timeoutMs / 1000} s${tries}`, undefined, true);
      }
      return new GitHubError(`cannot ${action}: no answer from ${this.settings.baseUrl} (${failed.message})${tries}`, undefined, true);
    }
    const { status } = response;
    const data = response.data as { message?: unknown; errors?: unknown } | string | undefined;
    const said = `${status} ${typeof data === 'object' && data !== null && typeof data.message === 'string' ? data.message : typeof data === 'string' && data !== '' ? data.slice(0, 200) : 'no message'}`;
    if (outcome?.refusedWaitMs !== undefined) {
      const until = new Date(this.clock() + outcome.refusedWaitMs).toISOString();
      return new GitHubError(
        `cannot ${action}: ${said}; GitHub takes requests again in ${Math.ceil(outcome.refusedWaitMs / 1000)} s (at ${until}), longer than the ${this.retry.maxWaitMs / 1000} s this program waits`,
        status,
        true,
      );
    }
    if (rateLimitWait(response, this.clock()) !== undefined) return new GitHubError(`cannot ${action}: ${said} (rate limited${tries})`, status, true);
    const app = this.settings.credentials.kind === 'app';
    if (status === 401) {
      const check = app ? 'check GITHUB_APP_ID and the key in GITHUB_PRIVATE_KEY_PATH' : 'check that it is valid and not expired';
      return new GitHubError(`cannot ${action}: ${said} (GitHub refused ${this.who()}: ${check})`, status, false);
    }
    if (status === 403) return new GitHubError(`cannot ${action}: ${said} (${this.who()} may not do this)`, status, false);
    if (status === 404) return new GitHubError(`cannot ${action}: ${said} (${notFound}, or ${this.who()} cannot see it)`, status, false);
    if (status === 422 && typeof data === 'object' && data !== null && Array.isArray(data.errors)) {
      return new GitHubError(`cannot ${action}: ${said}: ${JSON.stringify(data.errors)}`, status, false);
    }
    return new GitHubError(`cannot ${action}: ${said}${tries}`, status, status >= 500);
  }
}

/** A rate limit's wait: Retry-After, or the reset of a spent budget, or GitHub's minute; undefined for another refusal. */
function rateLimitWait(response: NonNullable<FailedRequest['response']>, now: number): number | undefined {
  if (response.status !== 403 && response.status !== 429) return undefined;
  const headers = response.headers;
  const retryAfter = retryAfterMs(headers['retry-after'], now);
  if (retryAfter !== undefined) return retryAfter;
  if (headers['x-ratelimit-remaining'] === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    // A second more, so the budget has been renewed when the request arrives.
    return Number.isFinite(reset) ? Math.max(0, reset * 1000 - now) + 1000 : SECONDARY_LIMIT_WAIT_MS;
  }
  const message = (response.data as { message?: unknown } | undefined)?.message;
  if (response.status === 429 || (typeof message === 'string' && /secondary rate limit/i.test(message))) return SECONDARY_LIMIT_WAIT_MS;
  return undefined;
}

/** Retry-After: seconds, or an HTTP date. */
function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null ? (error as FailedRequest).response?.status : undefined;
}

interface RawRepository {
  readonly id: number | bigint;
  readonly name: string;
  readonly full_name: string;
  readonly owner: { readonly login: string } | null;
  readonly archived?: boolean;
  readonly private: boolean;
  readonly has_issues?: boolean;
  readonly default_branch?: string;
}

function toRepository(raw: RawRepository): Repository {
  return {
    owner: raw.owner?.login ?? raw.full_name.split('/')[0]!,
    name: raw.name,
    fullName: raw.full_name,
    id: Number(raw.id),
    archived: raw.archived ?? false,
    private: raw.private,
    hasIssues: raw.has_issues ?? true,
    defaultBranch: raw.default_branch ?? 'main',
  };
}

interface RawIssue {
  readonly number: number | bigint;
  readonly title: string;
  readonly state: string;
  readonly labels: readonly (string | { readonly name?: string })[];
  readonly html_url: string;
}

function toIssue(raw: RawIssue): Issue {
  return {
    number: Number(raw.number),
    title: raw.title,
    state: raw.state === 'closed' ? 'closed' : 'open',
    labels: raw.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((label) => label !== ''),
    url: raw.html_url,
  };
}
