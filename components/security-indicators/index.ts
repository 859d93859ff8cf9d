import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { SI_BANDIT_CONTRACT } from '../contracts/images/si-bandit.js';
import { SI_CLOC_CONTRACT } from '../contracts/images/si-cloc.js';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import { addAggregator } from './aggregator.js';
import { addAnalyser } from './analyser.js';
import type { SecurityIndicatorsContext } from './context.js';
import { addDownloadPackage } from './download-package.js';
import { addSecurityIndicatorsWorkflow } from './workflow.js';

export interface SecurityIndicatorsProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
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
 * deleted when the workflow completes (docs/quirks.md Q44).
 * Defaults: images si-bandit:v0.2.1, si-cloc:v0.2.0, si-aggregator:v0.2.0, workflow-helpers:v0.9.15.
 */
export class SecurityIndicators extends Construct {
  constructor(scope: Construct, id: string, props: SecurityIndicatorsProps) {
    super(scope, id);
    const { env } = props;
    const context: SecurityIndicatorsContext = { env, namespace: namespaceOf(env, 'middletier'), settings: env.components['security-indicators'] };
    addSecurityIndicatorsWorkflow(this, context, {
      download: addDownloadPackage(this, context),
      bandit: addAnalyser(this, context, 'bandit', 'si-bandit', SI_BANDIT_CONTRACT),
      cloc: addAnalyser(this, context, 'cloc', 'si-cloc', SI_CLOC_CONTRACT),
      aggregator: addAggregator(this, context),
      graphSync: props.graphSync.graphSync,
      sendMessages: props.workflowCore.sendMessages,
    });
  }
}
