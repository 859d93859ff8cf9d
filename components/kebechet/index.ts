import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { KEBECHET_JOB_CONTRACT } from '../../src/contracts/images/kebechet-job.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../src/contracts/images/workflow-helpers.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT, type WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';

export interface KebechetProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
}

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

const KEBECHET_RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } };

/** Where the `kebechet` Secret's files are mounted in a Kebechet step. */
const KEBECHET_SECRETS = '/mnt/secrets/kebechet';

/** The mode of the kebechet-job image a step runs (KEBECHET_SUBCOMMAND). */
export type KebechetMode = 'run-webhook' | 'run-url' | 'run-results';

/**
 * What every Kebechet step reads: the GitHub App (its key as a file, so GitHub clones go over HTTPS
 * with an installation token), each forge's token under the name Kebechet builds from the service
 * (`<SERVICE>_KEBECHET_TOKEN`), and the git identity. The image's app.sh sets GIT_SSH_COMMAND itself.
 */
export function kebechetEnv(env: Environment, mode: KebechetMode) {
  return Env.for(env, KEBECHET_JOB_CONTRACT, mode)
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

/**
 * Kebechet's workflows (backend): step templates kebechet, kebechet-run-url, kebechet-administrator and
 * update-kebechet-installation; entry templates kebechet-workflow, kebechet-run-url-workflow and
 * kebechet-administrator-workflow (the reference's OpenShift Templates of those names without the
 * suffix); and the `kebechet` Secret (an ExternalSecret), which the ssh key is mounted from.
 * Defaults: images kebechet-job:v1.11.2 and workflow-helpers:v0.9.15.
 */
export class Kebechet extends Construct {
  constructor(scope: Construct, id: string, props: KebechetProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.kebechet;
    const core = props.workflowCore;
    new ExternalSecret(this, 'Secret', { env, name: 'kebechet', namespace, keys: KEBECHET_SECRET_KEYS, owner: 'kebechet' });
    const image = thothImageOf(env, 'kebechet-job', settings);
    const template = (name: string, annotations?: Record<string, string>) =>
      new WorkflowTemplate(this, name, { env, name, namespace, component: 'kebechet', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT, annotations });
    const volumeMounts = [KEBECHET_SECRET_MOUNT];

    const runParameters: ParameterSpec[] = [required('WEBHOOK_PAYLOAD')];
    const kebechet = withKebechetSecret(
      template('kebechet', KEBECHET_SSH_WAIVER).addContainer('kebechet', {
        image,
        parameters: runParameters,
        // The scheduler passes the webhook as WEBHOOK_PAYLOAD (the reference's name); Kebechet reads it as KEBECHET_PAYLOAD.
        env: kebechetEnv(env, 'run-webhook').literal('KEBECHET_PAYLOAD', '{{inputs.parameters.WEBHOOK_PAYLOAD}}').overrides(settings?.env),
        resources: KEBECHET_RESOURCES,
        volumeMounts,
      }),
    );
    const runUrlParameters = [required('KEBECHET_REPO_URL'), required('KEBECHET_SERVICE_NAME'), optional('KEBECHET_METADATA', 'null')];
    const runUrl = withKebechetSecret(
      template('kebechet-run-url', KEBECHET_SSH_WAIVER).addContainer('kebechet-run-url', {
        image,
        parameters: runUrlParameters,
        env: kebechetEnv(env, 'run-url').overrides(settings?.env),
        resources: KEBECHET_RESOURCES,
        volumeMounts,
      }),
    );
    const administratorParameters = [
      required('THOTH_PACKAGE_NAME'),
      required('THOTH_PACKAGE_VERSION'),
      required('THOTH_PACKAGE_INDEX'),
      optional('THOTH_SOLVER_NAME', ''),
      required('THOTH_MESSAGE_TYPE'),
    ];
    const administrator = template('kebechet-administrator').addContainer('kebechet-administrator', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: administratorParameters,
      env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'kebechet_administrator').knowledgeGraph().pushgateway().common(),
      outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
      writablePaths: ['/mnt/workdir'],
      resources: STEP_RESOURCES,
    });
    withKebechetSecret(
      template('update-kebechet-installation').addContainer('update-kebechet-installation', {
        image: thothImageOf(env, 'workflow-helpers'),
        parameters: [required('KEBECHET_SLUG')],
        env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'update_kebechet_installation')
          .secret('GITHUB_APP_ID', 'kebechet', 'github-app-id')
          .literal('GITHUB_PRIVATE_KEY_PATH', `${KEBECHET_SECRETS}/github-private-key`)
          .knowledgeGraph()
          .common(),
        volumeMounts,
        resources: STEP_RESOURCES,
        retryStrategy: { limit: '5', retryPolicy: 'Always', backoff: { duration: '10s', factor: '2' } },
      }),
    );

    const entry = (
      name: string,
      metric: string,
      parameters: ParameterSpec[],
      ttl: { secondsAfterSuccess?: number; secondsAfterFailure?: number; secondsAfterCompletion?: number },
    ) =>
      new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'kebechet',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        arguments: [required('WORKFLOW_ID'), ...parameters],
        ttlStrategy: ttl,
        activeDeadlineSeconds: 3000,
        metrics: workflowMetrics(metric),
      });

    const run = entry('kebechet-workflow', 'kebechet', [...runParameters, optional('KEBECHET_SLUG', 'null')], { secondsAfterCompletion: 900 });
    run.setEntrypoint(run.addDag('main', { tasks: [{ name: 'kebechet-webhook-run', template: kebechet, parameters: passThrough(['WEBHOOK_PAYLOAD']) }] }));

    const url = entry('kebechet-run-url-workflow', 'kebechet-run-url', runUrlParameters, { secondsAfterCompletion: 900 });
    url.setEntrypoint(
      url.addDag('main', { tasks: [{ name: 'kebechet-run-url', template: runUrl, parameters: passThrough(runUrlParameters.map((p) => p.name)) }] }),
    );

    const admin = entry('kebechet-administrator-workflow', 'kebechet-administrator', administratorParameters, {
      secondsAfterSuccess: 10,
      secondsAfterFailure: 120,
    });
    admin.setEntrypoint(
      admin.addDag('main', {
        tasks: [
          { name: 'kebechet-administrator', template: administrator, parameters: passThrough(administratorParameters.map((p) => p.name)) },
          {
            name: 'send-messages',
            template: core.sendMessages,
            dependencies: ['kebechet-administrator'],
            artifacts: [{ name: 'messagesdocument', from: '{{tasks.kebechet-administrator.outputs.artifacts.messagestobesentdocument}}' }],
          },
        ],
      }),
    );
  }
}
