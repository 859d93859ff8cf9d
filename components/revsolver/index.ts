import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import type { RevsolverContext } from './context.js';
import { addRevsolveTemplate } from './revsolve.js';
import { addRevsolverWorkflow } from './workflow.js';

/** revsolver's props: its settings (imageTag, resources, variables) apply to revsolve. */
export interface RevsolverProps extends WorkflowsComponentProps {
  /** @default the versions table's revsolver tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 250m CPU and 512Mi, limits 1 CPU and 1Gi */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Reverse-solver workflows (middletier): revsolve finds the packages that depend on a new release
 * (2 retries); revsolver-workflow (docs/quirks.md Q1) syncs the result. Its account may only report
 * the step's results and read its namespace's `solvers` ConfigMap, which the program lists the
 * solvers from through the API (THOTH_INFRA_NAMESPACE names the namespace it reads;
 * docs/quirks.md Q43).
 */
export class Revsolver extends Construct {
  constructor(scope: Construct, id: string, props: RevsolverProps) {
    super(scope, id);
    const { namespace } = props;
    const context: RevsolverContext = props;
    const identity = new ProgramIdentity(this, 'Identity', { name: 'revsolver', namespace, component: 'revsolver', mountTokenInEveryPod: true })
      .allowRunWorkflowSteps(namespace)
      .allowReadConfigMaps(namespace, ['solvers']);
    const revsolve = addRevsolveTemplate(this, context, identity.serviceAccountName);
    addRevsolverWorkflow(this, context, { revsolve, graphSync: props.graphSync.graphSync });
  }
}
