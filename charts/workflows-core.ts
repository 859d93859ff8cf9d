/**
 * The `core` application: in every namespace, what workflow steps need (send-message(s),
 * send-webhooks, the workflow accounts, the artifact repository); and where the environment installs
 * Argo Workflows per namespace, a workflow-controller in each namespace that runs workflows.
 */
import type { Construct } from 'constructs';
import { WorkflowController } from '../components/argo-workflows/index.js';
import { namespaceNames, namespaceOf } from '../src/config/environment.js';
import type { Environment } from '../components/shared/environment.js';
import type { Tier } from '../components/shared/tiers.js';
import { ThothChart } from './chart.js';
import type { RenderContext } from './context.js';
import { workflowAlerts } from '../components/argo-workflows/alerts.js';
import { AlertRules } from '../src/platform/alerts.js';

/** Workflows run at once per workflow namespace (the reference's controller parallelism). */
const PARALLELISM: Readonly<Partial<Record<Tier, number>>> = { backend: 10, middletier: 50, 'amun-inspection': 9 };

export class WorkflowsCoreChart extends ThothChart {
  constructor(scope: Construct, env: Environment, context: RenderContext) {
    super(scope, { env, application: 'core' });
    for (const namespace of namespaceNames(env)) context.workflowCore(this, namespace);
    new AlertRules(this, 'WorkflowAlerts', { env, component: 'argo-workflows', namespace: namespaceOf(env, 'infra'), alerts: workflowAlerts(env) });
    if (env.argoWorkflows.controller !== 'namespaced') return;
    const byNamespace = new Map<string, number>();
    for (const [tier, parallelism] of Object.entries(PARALLELISM) as [Tier, number][]) {
      const namespace = namespaceOf(env, tier);
      byNamespace.set(namespace, (byNamespace.get(namespace) ?? 0) + parallelism);
    }
    for (const [namespace, parallelism] of [...byNamespace].sort()) {
      new WorkflowController(this, `WorkflowController-${namespace}`, { env, namespace, parallelism });
    }
  }
}
