import { Construct } from 'constructs';
import { isEnabled } from '../../src/config/enabled.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { ComponentProps } from '../../src/platform/component.js';
import { ExternalSecret } from '../../src/platform/external-secret.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import { thothImage } from '../../src/platform/images.js';
import { ScheduledJob } from '../../src/platform/scheduled-job.js';

export type MiSchedulerProps = ComponentProps;

/** The three schedules of the reference, each switching on one kind of analysis. */
const SCHEDULERS = [
  { name: 'mi-scheduler-gh', schedule: '@daily', switch: 'SCHEDULE_GH_REPO_ANALYSIS' },
  { name: 'mi-scheduler-kebechet-analyse', schedule: '0 0 * * *', switch: 'SCHEDULE_KEBECHET_ANALYSIS' },
  { name: 'mi-scheduler-kebechet-merge', schedule: '0 8 * * *', switch: 'SCHEDULE_KEBECHET_MERGE' },
] as const;

/**
 * mi-scheduler: submits meta-information (mi, mi-merge) workflows for GitHub repositories. Three
 * CronJobs share one ServiceAccount that may submit Workflows in middletier, and the GitHub token
 * of the `mi-scheduler` Secret. Defaults: image mi-scheduler:v1.7.3; schedules "@daily",
 * "0 0 * * *", "0 8 * * *".
 */
export class MiScheduler extends Construct {
  readonly jobs: ScheduledJob[] = [];

  constructor(scope: Construct, id: string, props: MiSchedulerProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const enabled = SCHEDULERS.filter((scheduler) => isEnabled(env, scheduler.name));
    if (enabled.length === 0) return;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'mi-scheduler', namespace, component: 'mi-scheduler' }).allowSubmitWorkflows(namespace);
    const secret = new ExternalSecret(this, 'Secret', { env, name: 'mi-scheduler', namespace, keys: ['github-access-token'], owner: 'mi-scheduler' });
    for (const scheduler of enabled) {
      const settings = env.components[scheduler.name];
      const job = new ScheduledJob(this, scheduler.name, {
        env,
        name: scheduler.name,
        namespace,
        image: thothImage(env, 'mi-scheduler', 'v1.7.3', settings),
        schedule: scheduler.schedule,
        settings,
        identity,
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '250m', memory: '512Mi' } },
        environment: (vars) => {
          vars.literal('APP_FILE', 'app.py').secret('GITHUB_ACCESS_TOKEN', secret.secretName, 'github-access-token');
          for (const each of SCHEDULERS) vars.literal(each.switch, each === scheduler ? '1' : '0');
          return vars.literal('MI_ENTITIES', '').literal('THOTH_ADJUST_LOGGING', 'thoth.mi-scheduler:INFO').namespaces().knowledgeGraph().kubernetesApi();
        },
      });
      job.node.addDependency(secret);
      this.jobs.push(job);
    }
  }
}
