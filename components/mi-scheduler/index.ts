import { Construct } from 'constructs';
import { isEnabled } from '../../src/config/enabled.js';
import { resolveResources } from '../../src/platform/pod.js';
import type { ComponentProps, ScheduledComponentProps } from '../shared/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import { MI_SCHEDULER_CONTRACT } from '../contracts/images/mi-scheduler.js';
import { waiverAnnotation } from '../../src/validate/waivers.js';
import { thothImageOf } from '../image-tags.js';
import { thothEnv } from '../shared/env.js';

/** What the environment sets for one of the CronJobs (`components.<its key>`), as the catalogue resolves it. */
export interface MiSchedulerJobProps extends Omit<ScheduledComponentProps, 'env' | 'namespace'> {
  /** @default the CronJob's own: "@daily" (gh), "0 0 * * *" (kebechet-analyse), "0 8 * * *" (kebechet-merge) */
  readonly schedule?: string;
  /** @default true: the image can only schedule through OpenShift Templates (docs/quirks.md Q39) */
  readonly suspend?: boolean;
  /** @default requests 100m CPU and 256Mi, limits 250m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

export interface MiSchedulerProps extends ComponentProps {
  /** The namespace of its CronJobs: the middletier's, where they submit the mi workflows. */
  readonly namespace: string;
  /**
   * The environment's settings of the GitHub repository analyses' CronJob.
   * @default none: its defaults, schedule "@daily"
   */
  readonly 'mi-scheduler-gh'?: MiSchedulerJobProps;
  /**
   * The environment's settings of the Kebechet analyses' CronJob.
   * @default none: its defaults, schedule "0 0 * * *"
   */
  readonly 'mi-scheduler-kebechet-analyse'?: MiSchedulerJobProps;
  /**
   * The environment's settings of the Kebechet merges' CronJob.
   * @default none: its defaults, schedule "0 8 * * *"
   */
  readonly 'mi-scheduler-kebechet-merge'?: MiSchedulerJobProps;
}

/** The three CronJobs of the reference (each a catalogue key), their schedules, each switching on one kind of analysis. */
const SCHEDULERS = [
  { name: 'mi-scheduler-gh', schedule: '@daily', switch: 'SCHEDULE_GH_REPO_ANALYSIS' },
  { name: 'mi-scheduler-kebechet-analyse', schedule: '0 0 * * *', switch: 'SCHEDULE_KEBECHET_ANALYSIS' },
  { name: 'mi-scheduler-kebechet-merge', schedule: '0 8 * * *', switch: 'SCHEDULE_KEBECHET_MERGE' },
] as const;

/**
 * What the image cannot do here: it schedules only through OpenShift Templates, and two of its three
 * jobs fail on a keyword its pinned library lacks. The CronJobs are suspended unless an environment
 * says otherwise, until a TypeScript mi-scheduler submits the mi WorkflowTemplates
 * (docs/quirks.md Q39).
 */
const OPENSHIFT_ONLY = {
  ...waiverAnnotation(
    'contract/api-group',
    'mi-scheduler v1.7.3 schedules through OpenShift Templates only; the job is suspended by default and is to be replaced by a TypeScript scheduler of the mi WorkflowTemplates',
  ),
  ...waiverAnnotation(
    'contract/image',
    'mi-scheduler v1.7.3 cannot schedule on Kubernetes at all (OpenShift Templates); suspended by default until it is replaced',
  ),
  ...waiverAnnotation(
    'contract/rbac',
    'the mi-scheduler ConfigMap its GitHub job reads is not rendered, as nothing could use it before the OpenShift Template lookup fails; suspended by default until it is replaced',
  ),
};

/**
 * mi-scheduler: submits meta-information (mi, mi-merge) workflows for GitHub repositories. Three
 * CronJobs, each switched on and tuned by its own key (mi-scheduler-gh, ...), share one
 * ServiceAccount that may submit Workflows in their namespace, and the GitHub token of the
 * `mi-scheduler` Secret. Suspended by default: the image needs OpenShift (see OPENSHIFT_ONLY;
 * docs/quirks.md Q39).
 */
export class MiScheduler extends Construct {
  readonly jobs: ScheduledJob[] = [];

  constructor(scope: Construct, id: string, props: MiSchedulerProps) {
    super(scope, id);
    const { env, namespace } = props;
    const enabled = SCHEDULERS.filter((scheduler) => isEnabled(env, scheduler.name));
    if (enabled.length === 0) return;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'mi-scheduler', namespace, component: 'mi-scheduler' }).allowSubmitWorkflows(namespace);
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'mi-scheduler', namespace, keys: ['github-access-token'], owner: 'mi-scheduler' });
    for (const scheduler of enabled) {
      const overrides = props[scheduler.name];
      const environment = thothEnv(env, MI_SCHEDULER_CONTRACT, scheduler.switch === 'SCHEDULE_KEBECHET_ANALYSIS' ? 'on' : 'off').secret(
        'GITHUB_ACCESS_TOKEN',
        secret.secretName,
        'github-access-token',
      );
      for (const each of SCHEDULERS) environment.literal(each.switch, each === scheduler ? '1' : '0');
      environment.literal('MI_ENTITIES', '').literal('THOTH_ADJUST_LOGGING', 'thoth.mi-scheduler:INFO').namespaces().knowledgeGraph().kubernetesApi().common();
      const job = new ScheduledJob(this, scheduler.name, {
        env,
        name: scheduler.name,
        namespace,
        image: thothImageOf(env, 'mi-scheduler', overrides),
        schedule: overrides?.schedule ?? scheduler.schedule,
        suspend: overrides?.suspend ?? true,
        variables: overrides?.variables,
        annotations: OPENSHIFT_ONLY,
        identity,
        resources: resolveResources({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '250m', memory: '512Mi' } }, overrides?.resources),
        environment,
      });
      job.node.addDependency(secret);
      this.jobs.push(job);
    }
  }
}
