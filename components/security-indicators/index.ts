import { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { SI_BANDIT_CONTRACT } from '../contracts/images/si-bandit.js';
import { SI_CLOC_CONTRACT } from '../contracts/images/si-cloc.js';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { addAggregator } from './aggregator.js';
import { addAnalyser } from './analyser.js';
import type { SecurityIndicatorsContext } from './context.js';
import { addDownloadPackage } from './download-package.js';
import { addSecurityIndicatorsWorkflow } from './workflow.js';

/**
 * security-indicators' props: its settings (imageTag, resources, variables) apply to the analysis
 * steps, bandit, cloc (with their -from-dir variants) and aggregator.
 */
export interface SecurityIndicatorsProps extends WorkflowsComponentProps {
  /** The tag of all three analysis images. @default each image's tag in the versions table (components/image-tags.ts): si-bandit's, si-cloc's, si-aggregator's */
  readonly imageTag?: string;
  /**
   * @default bandit and cloc: requests 250m CPU and 512Mi, limits 1 CPU and 2Gi (ANALYSER_RESOURCES,
   * components/security-indicators/context.ts); aggregator: requests 250m CPU and 256Mi, limits 1 CPU and 1Gi (STEP_RESOURCES)
   */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's send-message(s) templates, workflow accounts and workflow-tasks image (download-package), created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Security indicators (middletier): download-package fetches a release (or, when that fails, leaves a
 * message that the package has no source distribution); bandit and cloc analyse it (from the shared
 * volume, one after the other, since a ReadWriteOnce volume attaches to one node at a time; or on
 * their own); aggregator combines them. security-indicators-workflow (docs/quirks.md Q1) runs them,
 * syncs the result and sends the message on failure. Its package volume is claimed per workflow and
 * deleted when the workflow completes (docs/quirks.md Q44). download-package runs this repository's
 * workflow-tasks (docs/quirks.md Q54).
 */
export class SecurityIndicators extends Construct {
  constructor(scope: Construct, id: string, props: SecurityIndicatorsProps) {
    super(scope, id);
    const context: SecurityIndicatorsContext = props;
    addSecurityIndicatorsWorkflow(this, context, {
      download: addDownloadPackage(this, context, props.workflowCore.tasksImage),
      bandit: addAnalyser(this, context, 'bandit', 'si-bandit', SI_BANDIT_CONTRACT),
      cloc: addAnalyser(this, context, 'cloc', 'si-cloc', SI_CLOC_CONTRACT),
      aggregator: addAggregator(this, context),
      graphSync: props.graphSync.graphSync,
      sendMessages: props.workflowCore.sendMessages,
    });
  }
}
