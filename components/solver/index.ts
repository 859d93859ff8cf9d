import { Construct } from 'constructs';
import type { WorkflowsComponentProps } from '../shared/component.js';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import type { SolverContext } from './context.js';
import { addParseSolverOutput } from './parse-solver-output.js';
import { addSolverAny } from './solver-any.js';
import { addSolverWorkflow } from './workflow.js';

/** The solver's props: its settings (imageTag, resources, variables) apply to the solver steps, solve and solve-res. */
export interface SolverProps extends WorkflowsComponentProps {
  /** The tag of every solver's image. @default "v1.15.0" (SOLVER_IMAGE_TAG, components/solver/solver-any.ts) */
  readonly imageTag?: string;
  /**
   * Replaces the requests and limits of solve and solve-res alike.
   * @default solve: requests 500m CPU and 512Mi, limits 1 CPU and 2Gi; solve-res twice that (components/solver/solver-any.ts)
   */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's send-message(s) templates, workflow accounts and workflow-tasks image, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Solver workflows (middletier): solver-any runs the solver image of the requested solver (`solve`,
 * 15 minutes, and `solve-res`, a 30-minute retry with twice the resources, for an installation the
 * kernel killed: the solver fails the step then instead of recording an error); parse-solver-output
 * turns a result into messages; solver-workflow (docs/quirks.md Q1) syncs the result and sends the
 * messages, after whichever of the two resolutions succeeded. The solver name must be one the
 * environment configures, and its image is pinned (docs/quirks.md Q45). parse-solver-output runs
 * this repository's workflow-tasks program.
 */
export class Solver extends Construct {
  constructor(scope: Construct, id: string, props: SolverProps) {
    super(scope, id);
    const context: SolverContext = props;
    const { solve, solveRes } = addSolverAny(this, context);
    const parse = addParseSolverOutput(this, context);
    addSolverWorkflow(this, context, { solve, solveRes, parse, graphSync: props.graphSync.graphSync, sendMessages: props.workflowCore.sendMessages });
  }
}
