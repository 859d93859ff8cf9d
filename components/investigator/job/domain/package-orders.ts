/**
 * The workflows that grow the knowledge graph for one package version (thoth-jobs.md §0.5,
 * thoth-messages.md §3.5): solver, revsolver, security indicators, kebechet-administrator.
 */
import { MESSAGE_TYPES, type MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';
import type { WorkflowOrder } from './orders.js';

export interface SolverOptions {
  /** Where the solver may look up the package's dependencies (none: not looked up). */
  readonly dependencyIndexes: readonly string[];
  readonly debug: boolean;
}

/**
 * One solver for one version, without its dependencies (they are asked for on their own). The name
 * comes from solver, package and index only, so the same request from another message (a release,
 * an unresolved package) or with another log level is the same workflow.
 */
export function solverOrder(solver: Solver, pkg: PackageVersion, options: SolverOptions): WorkflowOrder<'solver'> {
  return {
    workflow: 'solver',
    prefix: solver.name,
    nameParameter: 'THOTH_SOLVER_WORKFLOW_ID',
    identity: ['THOTH_SOLVER_NAME', 'THOTH_SOLVER_PACKAGES', 'THOTH_SOLVER_INDEXES'],
    parameters: {
      THOTH_SOLVER_NAME: solver.name,
      THOTH_SOLVER_PACKAGES: `${pkg.name}===${pkg.version}`,
      THOTH_SOLVER_NO_TRANSITIVE: '1',
      THOTH_SOLVER_INDEXES: pkg.indexUrl,
      THOTH_SOLVER_DEPENDENCY_INDEXES: options.dependencyIndexes.join(','),
      THOTH_FORCE_SYNC: '0',
      THOTH_LOG_SOLVER: options.debug ? 'DEBUG' : 'INFO',
    },
  };
}

export function revsolverOrder(name: string, version: string, debug: boolean): WorkflowOrder<'revsolver'> {
  return {
    workflow: 'revsolver',
    prefix: 'revsolver',
    nameParameter: 'THOTH_REVSOLVER_WORKFLOW_ID',
    identity: ['THOTH_REVSOLVER_PACKAGE_NAME', 'THOTH_REVSOLVER_PACKAGE_VERSION'],
    parameters: { THOTH_REVSOLVER_PACKAGE_NAME: name, THOTH_REVSOLVER_PACKAGE_VERSION: version, THOTH_LOG_REVSOLVER: debug ? 'DEBUG' : 'INFO' },
  };
}

export function securityIndicatorsOrder(pkg: PackageVersion): WorkflowOrder<'security-indicators'> {
  return {
    workflow: 'security-indicators',
    prefix: 'security-indicator',
    nameParameter: 'THOTH_SECURITY_INDICATORS_JOB_ID',
    parameters: {
      THOTH_SECURITY_INDICATORS_PACKAGE_NAME: pkg.name,
      THOTH_SECURITY_INDICATORS_PACKAGE_VERSION: pkg.version,
      THOTH_SECURITY_INDICATORS_PACKAGE_INDEX: pkg.indexUrl,
      THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION: 'process_data',
      THOTH_FORCE_SYNC: '0',
    },
  };
}

/** Tells the repositories Kebechet manages that use the package what happened to it. */
export function kebechetAdministratorOrder(
  cause: MessageTypeName,
  pkg: { readonly name: string; readonly version?: string; readonly indexUrl: string },
  solver?: string,
): WorkflowOrder<'kebechet-administrator'> {
  return {
    workflow: 'kebechet-administrator',
    prefix: 'kebechet-administrator',
    nameParameter: 'WORKFLOW_ID',
    parameters: {
      THOTH_PACKAGE_NAME: pkg.name,
      THOTH_PACKAGE_VERSION: pkg.version ?? '',
      THOTH_PACKAGE_INDEX: pkg.indexUrl,
      THOTH_SOLVER_NAME: solver ?? '',
      THOTH_MESSAGE_TYPE: MESSAGE_TYPES[cause].base,
    },
  };
}
