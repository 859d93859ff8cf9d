import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { purgeAlerts } from './alerts.js';
import type { PurgeContext } from './context.js';
import { addCreatePurgeIssuesTemplate } from './issues.js';
import { addPurgeTemplate } from './purge-job.js';
import { addPurgeWorkflow } from './workflow.js';

/** purge's props: its settings (imageTag, resources, variables) apply to purge-job. */
export interface PurgeProps extends WorkflowsComponentProps {
  /** @default the versions table's purge-job tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 250m CPU and 256Mi, limits 1 CPU and 1Gi (STEP_RESOURCES) */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's workflow core, created by the chart: create-purge-issues runs its workflow-tasks image. */
  readonly workflowCore: WorkflowCore;
}

/**
 * Purge workflows (backend): purge (template purge-job, 3 retries) deletes data of a retired
 * solver, analyser or adviser version from the knowledge graph and S3; create-purge-issues opens
 * the follow-up GitHub issues (this repository's workflow-tasks); purge-workflow
 * (docs/quirks.md Q1) runs one then the other.
 */
export class Purge extends Construct {
  constructor(scope: Construct, id: string, props: PurgeProps) {
    super(scope, id);
    const { env } = props;
    const context: PurgeContext = props;
    new AlertRules(this, 'Alerts', { env, component: 'purge', namespace: namespaceOf(env, 'infra'), alerts: purgeAlerts(env) });
    const purge = addPurgeTemplate(this, context);
    const createIssues = addCreatePurgeIssuesTemplate(this, context, props.workflowCore.tasksImage);
    addPurgeWorkflow(this, context, { purge, createIssues });
  }
}
