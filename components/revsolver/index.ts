import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import type { RevsolverContext } from './context.js';
import { addRevsolveTemplate } from './revsolve.js';
import { addRevsolverWorkflow } from './workflow.js';

export interface RevsolverProps {
  readonly env: Environment;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Reverse-solver workflows (middletier): revsolve finds the packages that depend on a new release
 * (2 retries); revsolver-workflow (docs/quirks.md Q1) syncs the result. Its account may only report
 * the step's results and read its namespace's `solvers` ConfigMap, which the program lists the
 * solvers from through the API (THOTH_INFRA_NAMESPACE names the namespace it reads;
 * docs/quirks.md Q43).
 * Defaults: image revsolver:v0.2.13.
 */
export class Revsolver extends Construct {
  constructor(scope: Construct, id: string, props: RevsolverProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const context: RevsolverContext = { env, namespace, settings: env.components.revsolver };
    const identity = new ProgramIdentity(this, 'Identity', { name: 'revsolver', namespace, component: 'revsolver', mountTokenInEveryPod: true })
      .allowRunWorkflowSteps(namespace)
      .allowReadConfigMaps(namespace, ['solvers']);
    const revsolve = addRevsolveTemplate(this, context, identity.serviceAccountName);
    addRevsolverWorkflow(this, context, { revsolve, graphSync: props.graphSync.graphSync });
  }
}
