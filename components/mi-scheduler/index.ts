import { Type, type TProperties } from '@sinclair/typebox';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { isEnabled } from '../../src/config/enabled.js';
import type { JobImageTags } from '../../src/images/programs.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { jobImage } from '../../src/platform/images.js';
import { objectLabels } from '../../src/platform/metadata.js';
import { resolveResources } from '../../src/platform/pod.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';
import type { ComponentProps, ScheduledComponentProps } from '../shared/component.js';
import { thothEnv } from '../shared/env.js';
import { MI_SCHEDULER_JOB_CONTRACT, type MiSchedulerCommand } from './job/contract.js';
import { GITHUB_OWNER_PATTERN, GITHUB_REPOSITORY_PATTERN } from './job/domain/repositories.js';

/** What the environment sets for one of the CronJobs (`components.<its key>`), as the catalogue resolves it. */
export interface MiSchedulerJobProps extends Omit<ScheduledComponentProps, 'env' | 'namespace'> {
  /** @default the CronJob's own: "@daily" (gh), "0 0 * * *" (kebechet-analyse), "0 8 * * *" (kebechet-merge) */
  readonly schedule?: string;
  /** @default false */
  readonly suspend?: boolean;
  /** @default requests 100m CPU and 256Mi, limits 250m CPU and 512Mi */
  readonly resources?: ScheduledComponentProps['resources'];
}

/** The reference's organisations (thoth-application's mi-scheduler base, ConfigMap mi-scheduler). */
export const DEFAULT_ORGANIZATIONS = ['thoth-station', 'AICoE', 'aicoe-aiops', 'operate-first'] as const;
/** The reference's repositories besides. */
export const DEFAULT_REPOSITORIES = ['openshift/origin'] as const;

/** The GitHub analyses' CronJob also takes what it analyses (`components.mi-scheduler-gh.organizations`, `.repositories`). */
export interface MiSchedulerGhProps extends MiSchedulerJobProps {
  /**
   * GitHub organisations whose repositories are analysed, archived ones skipped (the ConfigMap
   * mi-scheduler, key organizations).
   * @default ["thoth-station", "AICoE", "aicoe-aiops", "operate-first"], the reference's
   */
  readonly organizations?: readonly string[];
  /**
   * Repositories analysed besides, owner/name (the ConfigMap mi-scheduler, key repositories).
   * @default ["openshift/origin"], the reference's
   */
  readonly repositories?: readonly string[];
}

/** The environment file's settings of mi-scheduler-gh besides a scheduled component's: its catalogue line declares them. */
export const MI_SCHEDULER_GH_SETTINGS: TProperties = {
  organizations: Type.Optional(
    Type.Array(Type.String({ pattern: `^${GITHUB_OWNER_PATTERN}$`, description: 'a GitHub organisation name' }), {
      uniqueItems: true,
      description: `GitHub organisations whose repositories mi analyses (default ${DEFAULT_ORGANIZATIONS.join(', ')})`,
    }),
  ),
  repositories: Type.Optional(
    Type.Array(Type.String({ pattern: `^${GITHUB_REPOSITORY_PATTERN}$`, description: 'a repository, owner/name' }), {
      uniqueItems: true,
      description: `repositories mi analyses besides, owner/name (default ${DEFAULT_REPOSITORIES.join(', ')})`,
    }),
  ),
};

export interface MiSchedulerProps extends ComponentProps {
  /** The namespace of its CronJobs: the middletier's, where they submit the mi workflows. */
  readonly namespace: string;
  /** The tags of the job images built here (src/images/plan.ts): its image is mi-scheduler-job's. */
  readonly images: JobImageTags;
  /**
   * The environment's settings of the GitHub repository analyses' CronJob.
   * @default none: its defaults, schedule "@daily", the reference's organisations and repositories
   */
  readonly 'mi-scheduler-gh'?: MiSchedulerGhProps;
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

/** The three CronJobs of the reference (each a catalogue key), their schedules, and the command each runs. */
const SCHEDULERS = [
  { name: 'mi-scheduler-gh', schedule: '@daily', command: 'gh-analysis', github: true },
  { name: 'mi-scheduler-kebechet-analyse', schedule: '0 0 * * *', command: 'kebechet-analysis', github: true },
  { name: 'mi-scheduler-kebechet-merge', schedule: '0 8 * * *', command: 'kebechet-merge', github: false },
] as const satisfies readonly { name: string; schedule: string; command: MiSchedulerCommand; github: boolean }[];

/** The ConfigMap gh-analysis's organisations and repositories come from, as the reference's. */
export const MI_SCHEDULER_CONFIG_MAP = 'mi-scheduler';

/**
 * mi-scheduler: submits the meta-information workflows (mi-analysis-workflow, mi-merge-workflow of
 * components/mi) with this repository's mi-scheduler-job (./job). Three CronJobs, each switched on
 * and tuned by its own key (mi-scheduler-gh, ...) and running one command, share one ServiceAccount
 * that may submit Workflows in their namespace, and the GitHub token of the `mi-scheduler` Secret.
 * The GitHub analyses read their organisations and repositories from the ConfigMap `mi-scheduler`,
 * rendered here from the environment (docs/quirks.md Q39).
 */
export class MiScheduler extends Construct {
  readonly jobs: ScheduledJob[] = [];

  constructor(scope: Construct, id: string, props: MiSchedulerProps) {
    super(scope, id);
    const { env, namespace } = props;
    const enabled = SCHEDULERS.filter((scheduler) => isEnabled(env, scheduler.name));
    if (enabled.length === 0) return;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'mi-scheduler', namespace, component: 'mi-scheduler' }).allowSubmitWorkflows(namespace);
    const secret = enabled.some((scheduler) => scheduler.github)
      ? new ExternalSecret(this, 'Secret', { env, name: 'mi-scheduler', namespace, keys: ['github-access-token'], owner: 'mi-scheduler' })
      : undefined;
    const gh = props['mi-scheduler-gh'];
    const configMap = enabled.some((scheduler) => scheduler.name === 'mi-scheduler-gh')
      ? new k8s.KubeConfigMap(this, 'ConfigMap', {
          metadata: { name: MI_SCHEDULER_CONFIG_MAP, namespace, labels: objectLabels('mi-scheduler-gh', 'config') },
          data: {
            organizations: (gh?.organizations ?? DEFAULT_ORGANIZATIONS).join(','),
            repositories: (gh?.repositories ?? DEFAULT_REPOSITORIES).join(','),
          },
        })
      : undefined;
    for (const scheduler of enabled) {
      const overrides = props[scheduler.name];
      const environment = thothEnv(env, MI_SCHEDULER_JOB_CONTRACT, scheduler.command).literal('THOTH_LOG_MI_SCHEDULER', 'INFO');
      if (scheduler.name === 'mi-scheduler-gh') {
        environment
          .configMap('MI_SCHEDULER_ORGANIZATIONS', MI_SCHEDULER_CONFIG_MAP, 'organizations')
          .configMap('MI_SCHEDULER_REPOSITORIES', MI_SCHEDULER_CONFIG_MAP, 'repositories')
          // The reference's mi-scheduler-cm value.
          .literal('MI_ENTITIES', 'PullRequest,Issue');
      }
      if (secret !== undefined && scheduler.github) environment.secret('GITHUB_ACCESS_TOKEN', secret.secretName, 'github-access-token');
      environment.knowledgeGraph().namespaces().kubernetesApi().pushgateway().common();
      const job = new ScheduledJob(this, scheduler.name, {
        env,
        name: scheduler.name,
        namespace,
        image: jobImage(env, props.images, 'mi-scheduler-job', overrides),
        args: [scheduler.command],
        schedule: overrides?.schedule ?? scheduler.schedule,
        suspend: overrides?.suspend ?? false,
        variables: overrides?.variables,
        identity,
        resources: resolveResources({ requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '250m', memory: '512Mi' } }, overrides?.resources),
        environment,
      });
      if (secret !== undefined && scheduler.github) job.node.addDependency(secret);
      if (configMap !== undefined && scheduler.name === 'mi-scheduler-gh') job.node.addDependency(configMap);
      this.jobs.push(job);
    }
  }
}
