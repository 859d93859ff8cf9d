import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { thothImage } from '../../src/platform/images.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';

export interface PrescriptionsRefreshProps {
  readonly env: Environment;
}

/** Each CronWorkflow of the reference and the subcommands it runs in parallel. */
const REFRESHES: Readonly<Record<string, readonly string[]>> = {
  'prescriptions-refresh-gh': ['gh-link', 'gh-archived', 'gh-release-notes', 'gh-contributors', 'gh-forked', 'gh-popularity', 'gh-updated'],
  'prescriptions-refresh-image-analysis': ['image-analysis'],
  'prescriptions-refresh-pg': ['cve-warning'],
  'prescriptions-refresh-pypi': ['artifact-size', 'downloads', 'maintainers', 'release'],
  'prescriptions-refresh-quay': ['quay-security'],
  'prescriptions-refresh-scorecards': ['scorecards'],
};

const RESOURCES = { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } };

/**
 * prescriptions-refresh (backend): six CronWorkflows that refresh Thoth's prescriptions from GitHub,
 * PyPI, Quay, image analyses and scorecards, each step retried when it exits with 3 (a retryable
 * failure). The GitHub App key and Google credentials come from the `prescriptions` Secret.
 * Defaults: schedule "@weekly", not suspended, image prescriptions-refresh-job:v0.8.0.
 */
export class PrescriptionsRefresh extends Construct {
  constructor(scope: Construct, id: string, props: PrescriptionsRefreshProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components['prescriptions-refresh'];
    const secret = new ExternalSecret(this, 'Secret', {
      env,
      name: 'prescriptions',
      namespace,
      keys: ['github-app-id', 'github-private-key', 'google-credentials.json', 'quay-token'],
      owner: 'prescriptions-refresh',
    });
    for (const [name, subcommands] of Object.entries(REFRESHES)) {
      const cron = new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'prescriptions-refresh',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        cron: { schedule: settings?.schedule ?? '@weekly', suspend: settings?.suspend ?? false },
        ttlStrategy: { secondsAfterCompletion: 300 },
        activeDeadlineSeconds: 30000,
        metrics: workflowMetrics(name),
      });
      const steps = subcommands.map((subcommand) => {
        const step = cron.addContainer(subcommand, {
          image: thothImage(env, 'prescriptions-refresh-job', 'v0.8.0', settings),
          env: new Env(env)
            .literal('THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND', subcommand)
            .literal('THOTH_PRESCRIPTIONS_REFRESH_RANDOMIZE', '1')
            .secret('GITHUB_APP_ID', secret.secretName, 'github-app-id')
            .literal('GITHUB_PRIVATE_KEY_PATH', '/mnt/secrets/prescriptions/github-private-key')
            .literal('GOOGLE_APPLICATION_CREDENTIALS', '/mnt/secrets/prescriptions/google-credentials.json')
            .secret('THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN', secret.secretName, 'quay-token')
            .knowledgeGraph()
            .pushgateway()
            .common()
            .overrides(settings?.env),
          volumeMounts: [{ name: 'prescriptions-secrets', mountPath: '/mnt/secrets/prescriptions', readOnly: true }],
          writablePaths: ['/home/prescriptions'],
          resources: RESOURCES,
          retryStrategy: { limit: '3', expression: 'asInt(lastRetry.exitCode) == 3' },
        });
        cron.addTemplateVolume(subcommand, { name: 'prescriptions-secrets', secret: { secretName: secret.secretName, defaultMode: 0o440 } });
        return { name: subcommand, template: step };
      });
      cron.setEntrypoint(cron.addSteps('main', { steps: [steps] }));
    }
  }
}
