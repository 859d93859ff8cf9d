/**
 * How a job program reaches GitHub's REST API, from the reference's variables: a token
 * (GITHUB_ACCESS_TOKEN, read by mi-scheduler, thoth-station/mi-scheduler@v1.7.3:app.py#L38;
 * GITHUB_KEBECHET_TOKEN, read by create-purge-issues, thoth-station/workflow-helpers@v0.9.15:create_purge_issues.py#L80)
 * or the Kebechet GitHub App (GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH, read by
 * update-kebechet-installation, thoth-station/workflow-helpers@v0.9.15:update_keb_installation.py#L54-L55).
 *
 * Unlike the reference (PyGithub and ogr fall back to anonymous calls, 60 requests an hour), a
 * program without credentials does not start. Where both are given, the App is used, as ogr does.
 * Credentials are kept out of logs: the token and the key are not enumerable, so neither
 * JSON.stringify, pino nor util.inspect shows them, and no message quotes them.
 */
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { integer, readPath, text, url, type Variables } from '../../contracts/model.js';
import { readSetting } from '../../contracts/settings.js';
import { ConfigError, type Environment } from '../environment.js';

const SOURCE = 'src/runtime/github/settings.ts';

/** Where the API is: GitHub's, or a GitHub Enterprise Server's (or a test's). */
const API_URL = {
  GITHUB_API_URL: {
    form: url('https', 'http'),
    default: 'https://api.github.com',
    description: "GitHub's REST API (https://<host>/api/v3 for GitHub Enterprise Server)",
    source: SOURCE,
  },
} as const;

const APP_ID_DESCRIPTION = 'the GitHub App id (Kebechet\'s App, in the Secret "kebechet")';
const KEY_DESCRIPTION = 'the GitHub App private key as GitHub generates it (a PEM file)';

/** mi-scheduler (and metrics-exporter): a token. */
export const GITHUB_ACCESS_TOKEN_SETTINGS = {
  ...API_URL,
  GITHUB_ACCESS_TOKEN: { form: text(), required: true, description: 'the GitHub token (a secret, never logged)', source: SOURCE },
} as const;

/** update-kebechet-installation: the App, whose installation on each repository is looked up. */
export const GITHUB_APP_SETTINGS = {
  ...API_URL,
  GITHUB_APP_ID: { form: integer({ min: 1 }), required: true, description: APP_ID_DESCRIPTION, source: SOURCE },
  GITHUB_PRIVATE_KEY_PATH: { form: readPath(), required: true, description: KEY_DESCRIPTION, source: SOURCE },
} as const;

/** create-purge-issues (and kebechet): Kebechet's token, or its App, which is preferred when both are set. */
export const GITHUB_KEBECHET_SETTINGS = {
  ...API_URL,
  GITHUB_KEBECHET_TOKEN: {
    form: text(),
    description: 'the GitHub token (a secret, never logged); required unless GITHUB_APP_ID is set',
    source: SOURCE,
  },
  GITHUB_APP_ID: { form: integer({ min: 1 }), description: `${APP_ID_DESCRIPTION}, with GITHUB_PRIVATE_KEY_PATH; preferred over the token`, source: SOURCE },
  GITHUB_PRIVATE_KEY_PATH: { form: readPath(), description: `${KEY_DESCRIPTION}, with GITHUB_APP_ID`, source: SOURCE },
} as const;

/** One of the fragments above, as a program's contract spreads it. */
export type GitHubVariables = typeof GITHUB_ACCESS_TOKEN_SETTINGS | typeof GITHUB_APP_SETTINGS | typeof GITHUB_KEBECHET_SETTINGS;

/** How the client authenticates; `token` and `privateKey` are not enumerable. */
export type GitHubCredentials =
  | {
      readonly kind: 'token';
      /** The variable the token came from, for messages. */
      readonly variable: string;
      readonly token: string;
    }
  | {
      readonly kind: 'app';
      readonly appId: number;
      /** PEM text. */
      readonly privateKey: string;
    };

export interface GitHubSettings {
  /** Without a trailing slash. */
  readonly baseUrl: string;
  readonly credentials: GitHubCredentials;
}

export type ReadFile = (path: string) => string;

const readUtf8: ReadFile = (path) => readFileSync(path, 'utf8');

/** The settings a fragment declares; a missing or bad variable is a ConfigError naming it. */
export function githubSettings(env: Environment, variables: GitHubVariables, readFile: ReadFile = readUtf8): GitHubSettings {
  const declared: Variables = variables;
  const setting = (name: string): unknown => readSetting(env, declared, name);
  const baseUrl = String(setting('GITHUB_API_URL')).replace(/\/+$/, '');
  const tokenVariable = Object.keys(declared).find((name) => name.endsWith('_TOKEN'));
  const appDeclared = 'GITHUB_APP_ID' in declared;
  const appId = appDeclared ? (setting('GITHUB_APP_ID') as number | undefined) : undefined;
  const keyPath = appDeclared ? (setting('GITHUB_PRIVATE_KEY_PATH') as string | undefined) : undefined;
  if (appId !== undefined || keyPath !== undefined) {
    if (appId === undefined) throw new ConfigError('GITHUB_APP_ID', env.GITHUB_APP_ID, `${APP_ID_DESCRIPTION}, set together with GITHUB_PRIVATE_KEY_PATH`);
    if (keyPath === undefined) {
      throw new ConfigError('GITHUB_PRIVATE_KEY_PATH', env.GITHUB_PRIVATE_KEY_PATH, `${KEY_DESCRIPTION}, set together with GITHUB_APP_ID`);
    }
    return { baseUrl, credentials: appCredentials(appId, readPrivateKey(keyPath, readFile)) };
  }
  // Unreachable with the fragments above: the App's own requires both of its variables.
  if (tokenVariable === undefined) throw new Error('githubSettings: the fragment declares neither a token nor an App');
  const token = setting(tokenVariable) as string | undefined;
  if (token === undefined) {
    // Only the fragment that takes either gets here without a token (the others require theirs).
    throw new ConfigError(tokenVariable, env[tokenVariable], 'a GitHub token, or GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH for the GitHub App');
  }
  return { baseUrl, credentials: tokenCredentials(tokenVariable, token) };
}

function readPrivateKey(path: string, readFile: ReadFile): string {
  let pem: string;
  try {
    pem = readFile(path);
  } catch {
    throw new ConfigError('GITHUB_PRIVATE_KEY_PATH', path, `the path of a readable file: ${KEY_DESCRIPTION}`);
  }
  // GitHub signs App tokens with RS256 only: another key would be refused at the first request.
  let type: string | undefined;
  try {
    type = createPrivateKey(pem).asymmetricKeyType;
  } catch {
    type = undefined;
  }
  if (type !== 'rsa') throw new ConfigError('GITHUB_PRIVATE_KEY_PATH', path, `a file holding ${KEY_DESCRIPTION}: an RSA private key`);
  return pem;
}

function tokenCredentials(variable: string, token: string): GitHubCredentials {
  const credentials = { kind: 'token', variable } as { kind: 'token'; variable: string; token: string };
  Object.defineProperty(credentials, 'token', { value: token, enumerable: false });
  return credentials;
}

function appCredentials(appId: number, privateKey: string): GitHubCredentials {
  const credentials = { kind: 'app', appId } as { kind: 'app'; appId: number; privateKey: string };
  Object.defineProperty(credentials, 'privateKey', { value: privateKey, enumerable: false });
  return credentials;
}
