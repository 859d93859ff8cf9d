import { Construct } from 'constructs';
import { resolveResources } from '../../src/platform/pod.js';
import type { ScheduledComponentProps } from '../shared/component.js';
import { workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate } from '../../src/platform/argo/workflow-template.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { PRESCRIPTIONS_REFRESH_JOB_CONTRACT } from '../contracts/images/prescriptions-refresh-job.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

export interface PrescriptionsRefreshProps extends ScheduledComponentProps {
  /** @default "@weekly", for each of its CronWorkflows */
  readonly schedule?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 1Gi, for each step */
  readonly resources?: ScheduledComponentProps['resources'];
}

type Subcommand = keyof (typeof PRESCRIPTIONS_REFRESH_JOB_CONTRACT)['modes']['variants'];

/** Each CronWorkflow of the reference and the subcommands it runs in parallel (the program's names). */
const REFRESHES: Readonly<Record<string, readonly Subcommand[]>> = {
  'prescriptions-refresh-gh': ['gh-link', 'gh-archived', 'gh-release-notes', 'gh-contributors', 'gh-forked', 'gh-popularity', 'gh-updated'],
  'prescriptions-refresh-image-analysis': ['thoth-image-analysis'],
  'prescriptions-refresh-pg': ['cve-warning'],
  'prescriptions-refresh-pypi': ['pypi-artifact-size', 'pypi-downloads', 'pypi-maintainers', 'pypi-release'],
  'prescriptions-refresh-quay': ['quay-security'],
  'prescriptions-refresh-scorecards': ['scorecards'],
};

const SECRETS = '/mnt/secrets/prescriptions';

/**
 * Every subcommand clones the prescriptions repository over SSH and pushes a branch to it: with the
 * Secret's key, and without a known_hosts file (the home directory is read-only).
 */
const GIT_SSH = `ssh -i ${SECRETS}/ssh-privatekey -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null`;

/**
 * prescriptions-refresh (backend): six CronWorkflows that refresh Thoth's prescriptions from GitHub,
 * PyPI, Quay, image analyses and scorecards, each step retried when it exits with 3 (a retryable
 * failure). The GitHub App key and Google credentials come from the `prescriptions` Secret.
 */
export class PrescriptionsRefresh extends Construct {
  constructor(scope: Construct, id: string, props: PrescriptionsRefreshProps) {
    super(scope, id);
    const { env, namespace } = props;
    const resources = resolveResources({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }, props.resources);
    const secret = new ExternalSecret(this, 'Secret', {
      env,
      name: 'prescriptions',
      namespace,
      keys: ['github-app-id', 'github-private-key', 'github-token', 'google-credentials.json', 'quay-token', 'ssh-privatekey'],
      owner: 'prescriptions-refresh',
    });
    for (const [name, subcommands] of Object.entries(REFRESHES)) {
      const cron = new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'prescriptions-refresh',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        cron: { schedule: props.schedule ?? '@weekly', suspend: props.suspend ?? false },
        ttlStrategy: { secondsAfterCompletion: 300 },
        activeDeadlineSeconds: 30000,
        metrics: workflowMetrics(name),
      });
      const steps = subcommands.map((subcommand) => {
        const step = cron.addContainer(subcommand, {
          image: thothImageOf(env, 'prescriptions-refresh-job', props),
          env: thothEnv(env, PRESCRIPTIONS_REFRESH_JOB_CONTRACT, subcommand)
            .literal('THOTH_PRESCRIPTIONS_REFRESH_RANDOMIZE', '1')
            .secret('THOTH_PRESCRIPTIONS_REFRESH_GITHUB_TOKEN', secret.secretName, 'github-token')
            .secret('GITHUB_APP_ID', secret.secretName, 'github-app-id')
            .literal('GITHUB_PRIVATE_KEY_PATH', `${SECRETS}/github-private-key`)
            .literal('GIT_SSH_COMMAND', GIT_SSH)
            .literalIfRead('GOOGLE_APPLICATION_CREDENTIALS', `${SECRETS}/google-credentials.json`)
            .secret('THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN', secret.secretName, 'quay-token')
            .configMap('THOTH_USER_API_HOST', 'thoth', 'user-api-host')
            .knowledgeGraph()
            .ceph()
            .common()
            .overrides(props.variables),
          volumeMounts: [{ name: 'prescriptions-secrets', mountPath: SECRETS, readOnly: true }],
          resources,
          retryStrategy: { limit: '3', expression: 'asInt(lastRetry.exitCode) == 3' },
        });
        cron.addTemplateVolume(subcommand, { name: 'prescriptions-secrets', secret: { secretName: secret.secretName, defaultMode: 0o440 } });
        return { name: subcommand, template: step };
      });
      cron.setEntrypoint(cron.addSteps('main', { steps: [steps] }));
    }
  }
}
