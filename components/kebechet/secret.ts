import type { Construct } from 'constructs';
import type { Environment } from '../shared/environment.js';
import { KEBECHET_JOB_CONTRACT } from '../contracts/images/kebechet-job.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { thothEnv } from '../shared/env.js';

/** The keys of the `kebechet` Secret: the GitHub App, the forges' tokens, the git identity and ssh key. */
export const KEBECHET_SECRET_KEYS = [
  'git-email',
  'github-app-id',
  'github-oauth-token',
  'github-private-key',
  'gitlab-oauth-token',
  'pagure-oauth-token',
  'sentry-dsn',
  'ssh-privatekey',
];

/** Where the `kebechet` Secret's files are mounted in a Kebechet step. */
export const KEBECHET_SECRETS = '/mnt/secrets/kebechet';

/** The `kebechet` Secret (an ExternalSecret), which the Kebechet steps read. */
export function addKebechetSecret(scope: Construct, env: Environment, namespace: string): ExternalSecret {
  return new ExternalSecret(scope, 'Secret', { env, name: 'kebechet', namespace, keys: KEBECHET_SECRET_KEYS, owner: 'kebechet' });
}

/** The mode of the kebechet-job image a step runs (KEBECHET_SUBCOMMAND). */
export type KebechetMode = 'run-webhook' | 'run-url' | 'run-results';

/**
 * What every Kebechet step reads: the GitHub App (its key as a file, so GitHub clones go over HTTPS
 * with an installation token), each forge's token under the name Kebechet builds from the service
 * (`<SERVICE>_KEBECHET_TOKEN`), and the git identity. The image's app.sh sets GIT_SSH_COMMAND itself.
 */
export function kebechetEnv(env: Environment, mode: KebechetMode) {
  return thothEnv(env, KEBECHET_JOB_CONTRACT, mode)
    .secret('GITHUB_APP_ID', 'kebechet', 'github-app-id')
    .literal('GITHUB_PRIVATE_KEY_PATH', `${KEBECHET_SECRETS}/github-private-key`)
    .secret('GITHUB_KEBECHET_TOKEN', 'kebechet', 'github-oauth-token')
    .secret('GITLAB_KEBECHET_TOKEN', 'kebechet', 'gitlab-oauth-token')
    .secret('PAGURE_KEBECHET_TOKEN', 'kebechet', 'pagure-oauth-token')
    .secret('KEBECHET_GIT_EMAIL', 'kebechet', 'git-email')
    .common();
}

/** The `kebechet` Secret, mounted read-only where kebechetEnv points. */
export const KEBECHET_SECRET_MOUNT = { name: 'kebechet-secrets', mountPath: KEBECHET_SECRETS, readOnly: true };

/** Gives a step template the volume KEBECHET_SECRET_MOUNT mounts. */
export function withKebechetSecret(handle: TemplateHandle): TemplateHandle {
  handle.workflowTemplate.addTemplateVolume(handle.name, { name: KEBECHET_SECRET_MOUNT.name, secret: { secretName: 'kebechet', defaultMode: 0o440 } });
  return handle;
}

/**
 * The image has no passwd entry for the pod's user and cannot add one on a read-only root, so its ssh
 * refuses to run: repositories are reached over HTTPS only (GitHub through the App).
 */
export const KEBECHET_SSH_WAIVER = waiverAnnotation(
  'contract/image',
  'GitHub repositories are cloned over HTTPS with the GitHub App installation token (GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH are set), which needs no passwd entry; GitLab and Pagure over SSH are not supported by this deployment',
);
