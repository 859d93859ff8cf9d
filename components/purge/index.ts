import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { AlertRules } from '../../src/platform/alerts.js';
import { purgeAlerts } from './alerts.js';
import type { PurgeContext } from './context.js';
import { addCreatePurgeIssuesTemplate } from './issues.js';
import { addPurgeTemplate } from './purge-job.js';
import { addPurgeWorkflow } from './workflow.js';

export interface PurgeProps {
  readonly env: Environment;
}

/**
 * Purge workflows (backend): purge (template purge-job, 3 retries) deletes data of a retired
 * solver, analyser or adviser version from the knowledge graph and S3; create-purge-issues opens
 * the follow-up GitHub issues; purge-workflow (docs/quirks.md Q1) runs one then the other.
 * Defaults: images purge-job:v0.1.0, workflow-helpers:v0.9.15.
 */
export class Purge extends Construct {
  constructor(scope: Construct, id: string, props: PurgeProps) {
    super(scope, id);
    const { env } = props;
    const context: PurgeContext = { env, namespace: namespaceOf(env, 'backend'), settings: env.components.purge };
    new AlertRules(this, 'Alerts', { env, component: 'purge', namespace: namespaceOf(env, 'infra'), alerts: purgeAlerts(env) });
    const purge = addPurgeTemplate(this, context);
    const createIssues = addCreatePurgeIssuesTemplate(this, context);
    addPurgeWorkflow(this, context, { purge, createIssues });
  }
}
