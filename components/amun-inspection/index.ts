import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import type { GraphSync } from '../graph-sync/index.js';
import { addBuildTemplate } from './build.js';
import type { InspectionContext } from './context.js';
import { addDependencyMonkey } from './dependency-monkey.js';
import { addRunTemplate } from './run.js';
import { addInspectionArtifactRepository, addRegistrySecret } from './storage.js';
import { addCompleteMessageTemplate, addInspectionWorkflow } from './workflow.js';

export interface AmunInspectionProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Amun inspections (amun-inspection): build the image a specification describes and run it to
 * measure it. A kaniko build pushes to `amun.registry` (so this namespace enforces the baseline Pod
 * Security Standard: the build runs as root, without privileges), the run uses the pushed image
 * (docs/quirks.md Q14). Templates: inspection-build(-with-cpu)-template,
 * inspection-run(-with-cpu)-template, create-inspection-complete-message, dm (the dependency monkey);
 * entries amun-inspection-workflow(-with-cpu) and dependency-monkey-workflow.
 * Defaults: kaniko v1.23.2, amun-inspect-hwinfo:v0.1.2, adviser:v0.56.3, workflow-helpers:v0.9.15.
 */
export class AmunInspection extends Construct {
  constructor(scope: Construct, id: string, props: AmunInspectionProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'amun-inspection');
    const registry = addRegistrySecret(this, env, namespace);
    addInspectionArtifactRepository(this, env, namespace);
    const context: InspectionContext = { env, namespace, settings: env.components['amun-inspection'], registrySecret: registry.secretName };
    const complete = addCompleteMessageTemplate(this, context);
    for (const withCpu of [false, true]) {
      const build = addBuildTemplate(this, context, withCpu);
      const run = addRunTemplate(this, context, withCpu);
      addInspectionWorkflow(this, context, withCpu, { build, run, complete, sendMessages: props.workflowCore.sendMessages });
    }
    addDependencyMonkey(this, context, props.graphSync.graphSync);
  }
}
