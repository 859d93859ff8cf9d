import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { optional, passThrough, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImage } from '../../src/platform/images.js';
import type { RenderContext } from '../../charts/context.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';

export interface KebechetProps {
  readonly env: Environment;
  readonly context: RenderContext;
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
    const { env, context } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.kebechet;
    const core = context.workflowCore(this, namespace);
    new ExternalSecret(this, 'Secret', { env, name: 'kebechet', namespace, keys: KEBECHET_SECRET_KEYS, owner: 'kebechet' });
    const image = thothImage(env, 'kebechet-job', 'v1.11.2', settings);
    const template = (name: string) => new WorkflowTemplate(this, name, { env, name, namespace, component: 'kebechet', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
    const kebechetEnv = (subcommand: string) =>
      new Env(env)
        .literal('KEBECHET_SUBCOMMAND', subcommand)
        .literal('GIT_SSH_COMMAND', 'ssh -i /mnt/secrets/kebechet/ssh-privatekey -o StrictHostKeyChecking=no')
        .secret('GITHUB_APP_ID', 'kebechet', 'github-app-id')
        .literal('GITHUB_PRIVATE_KEY_PATH', '/mnt/secrets/kebechet/github-private-key')
        .secret('GITHUB_TOKEN', 'kebechet', 'github-oauth-token')
        .secret('GITLAB_TOKEN', 'kebechet', 'gitlab-oauth-token')
        .secret('PAGURE_TOKEN', 'kebechet', 'pagure-oauth-token')
        .secret('KEBECHET_GIT_EMAIL', 'kebechet', 'git-email')
        .common()
        .overrides(settings?.env);
    const secretMount = {
      volumeMounts: [{ name: 'kebechet-secrets', mountPath: '/mnt/secrets/kebechet', readOnly: true }],
    };
    const withSecretVolume = (handle: TemplateHandle) => {
      handle.workflowTemplate.addTemplateVolume(handle.name, { name: 'kebechet-secrets', secret: { secretName: 'kebechet', defaultMode: 0o440 } });
      return handle;
    };

    const runParameters: ParameterSpec[] = [required('WEBHOOK_PAYLOAD')];
    const kebechet = withSecretVolume(
      template('kebechet').addContainer('kebechet', { image, parameters: runParameters, env: kebechetEnv('run-webhook'), resources: KEBECHET_RESOURCES, writablePaths: ['/home/kebechet'], ...secretMount }),
    );
    const runUrlParameters = [required('KEBECHET_REPO_URL'), required('KEBECHET_SERVICE_NAME'), optional('KEBECHET_METADATA', 'null')];
    const runUrl = withSecretVolume(
      template('kebechet-run-url').addContainer('kebechet-run-url', {
        image,
        parameters: runUrlParameters,
        env: kebechetEnv('run-url'),
        resources: KEBECHET_RESOURCES,
        writablePaths: ['/home/kebechet'],
        ...secretMount,
      }),
    );
    const administratorParameters = [
      required('THOTH_PACKAGE_NAME'),
      optional('THOTH_PACKAGE_VERSION', ''),
      required('THOTH_PACKAGE_INDEX'),
      optional('THOTH_SOLVER_NAME', ''),
      required('THOTH_MESSAGE_TYPE'),
    ];
    const administrator = template('kebechet-administrator').addContainer('kebechet-administrator', {
      image: thothImage(env, 'workflow-helpers', 'v0.9.15'),
      parameters: administratorParameters,
      env: new Env(env).literal('THOTH_WORKFLOW_TASK', 'kebechet-administrator').literal('FILE_PATH', MESSAGES_FILE).knowledgeGraph().pushgateway().common(),
      outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
      writablePaths: ['/mnt/workdir'],
      resources: STEP_RESOURCES,
    });
    template('update-kebechet-installation').addContainer('update-kebechet-installation', {
      image: thothImage(env, 'workflow-helpers', 'v0.9.15'),
      parameters: [required('KEBECHET_SLUG')],
      env: new Env(env).literal('THOTH_WORKFLOW_TASK', 'update-kebechet-installation').knowledgeGraph().common(),
      resources: STEP_RESOURCES,
      retryStrategy: { limit: '5', retryPolicy: 'Always', backoff: { duration: '10s', factor: '2' } },
    });

    const entry = (name: string, metric: string, parameters: ParameterSpec[], ttl: { secondsAfterSuccess?: number; secondsAfterFailure?: number; secondsAfterCompletion?: number }) =>
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
    url.setEntrypoint(url.addDag('main', { tasks: [{ name: 'kebechet-run-url', template: runUrl, parameters: passThrough(runUrlParameters.map((p) => p.name)) }] }));

    const admin = entry('kebechet-administrator-workflow', 'kebechet-administrator', administratorParameters, { secondsAfterSuccess: 10, secondsAfterFailure: 120 });
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
