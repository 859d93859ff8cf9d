import { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import type { GraphSync } from '../graph-sync/index.js';
import { addBuildTemplate } from './build.js';
import type { InspectionContext } from './context.js';
import { addDependencyMonkey } from './dependency-monkey.js';
import { addRunTemplate } from './run.js';
import { addInspectionArtifactRepository, addRegistrySecret } from './storage.js';
import { addCompleteMessageTemplate, addInspectionWorkflow } from './workflow.js';

/**
 * amun-inspection's props: its settings (imageTag, resources, variables) apply to the kaniko build
 * of both build templates; the run's image is the one built, and dm runs the adviser's image.
 */
export interface AmunInspectionProps extends WorkflowsComponentProps {
  /** The kaniko executor's tag. @default "v1.23.2" (KANIKO_TAG, components/amun-inspection/build.ts) */
  readonly imageTag?: string;
  /**
   * The build's requests and limits (the pod's are the step's cpu and memory inputs, patched in at run time).
   * @default requests 500m CPU and 512Mi, limits 2 CPU and 4Gi
   */
  readonly resources?: WorkflowsComponentProps['resources'];
  /**
   * The tag of the adviser image dm runs: the adviser's imageTag, which the catalogue passes.
   * @default the versions table's adviser tag (components/image-tags.ts)
   */
  readonly adviserImageTag?: string;
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
 * entries amun-inspection-workflow(-with-cpu) and dependency-monkey-workflow. The hardware probe
 * runs amun-inspect-hwinfo at the versions table's tag, create-inspection-complete-message this
 * repository's workflow-tasks.
 */
export class AmunInspection extends Construct {
  constructor(scope: Construct, id: string, props: AmunInspectionProps) {
    super(scope, id);
    const { env, namespace } = props;
    const registry = addRegistrySecret(this, env, namespace);
    addInspectionArtifactRepository(this, env, namespace);
    const context: InspectionContext = {
      env,
      namespace,
      imageTag: props.imageTag,
      resources: props.resources,
      variables: props.variables,
      adviserImageTag: props.adviserImageTag,
      registrySecret: registry.secretName,
    };
    const complete = addCompleteMessageTemplate(this, context, props.workflowCore.tasksImage);
    for (const withCpu of [false, true]) {
      const build = addBuildTemplate(this, context, withCpu);
      const run = addRunTemplate(this, context, withCpu);
      addInspectionWorkflow(this, context, withCpu, { build, run, complete, sendMessages: props.workflowCore.sendMessages });
    }
    addDependencyMonkey(this, context, props.graphSync.graphSync);
  }
}
