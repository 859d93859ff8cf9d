import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowCore } from '../workflow-core/index.js';
import type { SolverContext } from './context.js';
import { addParseSolverOutput } from './parse-solver-output.js';
import { addSolverAny } from './solver-any.js';
import { addSolverWorkflow } from './workflow.js';

export interface SolverProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
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
 * environment configures, and its image is pinned (docs/quirks.md Q45).
 * Defaults: solver images v1.15.0, workflow-helpers:v0.9.15.
 */
export class Solver extends Construct {
  constructor(scope: Construct, id: string, props: SolverProps) {
    super(scope, id);
    const context: SolverContext = { env: props.env, namespace: namespaceOf(props.env, 'middletier') };
    const { solve, solveRes } = addSolverAny(this, context);
    const parse = addParseSolverOutput(this, context);
    addSolverWorkflow(this, context, { solve, solveRes, parse, graphSync: props.graphSync.graphSync, sendMessages: props.workflowCore.sendMessages });
  }
}
