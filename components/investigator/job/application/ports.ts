/** What the investigator's handlers need from the world; infrastructure/ implements each. */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { HandlerContext } from '../../../../src/runtime/kafka/process-record.js';
import type { PackageVersion } from '../../../../src/runtime/python/package.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';
import type { WorkflowOrder } from '../domain/orders.js';

/** A solver's environment, as the rows it writes record it. */
export type SolverEnvironment = Pick<Solver, 'osName' | 'osVersion' | 'pythonVersion'>;

export interface PackageRef {
  readonly name: string;
  readonly indexUrl: string;
}

export interface KnowledgeGraph {
  /** Every index URL the graph knows, and those enabled (in table order). */
  indexUrls(): Promise<{ readonly registered: ReadonlySet<string>; readonly enabled: readonly string[] }>;
  /** The environments some solver has resolved this version in. */
  solvedEnvironments(pkg: PackageVersion): Promise<readonly SolverEnvironment[]>;
  /** Whether a successful security-indicator aggregation exists for this version of this index. */
  securityAnalysed(pkg: PackageVersion): Promise<boolean>;
  /** Flags the version (or, without one, every version) missing from the index; returns rows changed. */
  markMissing(pkg: PackageRef & { readonly version?: string }): Promise<number>;
  setProvidesSourceDistro(pkg: PackageVersion, value: boolean): Promise<number>;
  /** Flags these artifacts of the version as no longer served by the index. */
  markArtifactsAbsent(pkg: PackageVersion, sha256: readonly string[]): Promise<number>;
}

export interface PackageIndex {
  /** Every version the index serves of the package; none when it does not know the package. */
  versions(indexUrl: string, name: string): Promise<readonly string[]>;
}

export type Scheduled = 'created' | 'already-exists';

export interface WorkflowScheduler {
  /** Waits for room in the target namespace, then submits; a repeat is 'already-exists'. */
  schedule(order: WorkflowOrder, cause: MessageTypeName, context: HandlerContext): Promise<Scheduled>;
}
