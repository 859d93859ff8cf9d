/**
 * The handlers that keep the knowledge graph growing (thoth-messages.md §2.5, 2.12, 2.14, 2.15,
 * 2.17, 2.18): which solver, revsolver and security-indicator workflows a package message needs.
 * Every decision that the graph can answer is asked of it first, and the workflows' names come
 * from what they are asked to do, so a message handled again while its workflow exists (until the
 * template's TTL after it finishes) submits nothing new; after that, the graph checks keep solvers
 * and security indicators from running twice.
 */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { MessageValue } from '../../../../src/messages/fields.js';
import type { ConsumedMessage } from '../../../../src/runtime/kafka/decode.js';
import type { HandlerContext } from '../../../../src/runtime/kafka/process-record.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { canonicalName, normalIndexUrl, normalVersion, type PackageVersion, packageVersion } from '../../../../src/runtime/python/package.js';
import type { Solver } from '../../../../src/runtime/python/solver.js';
import { InvalidMessage } from '../domain/orders.js';
import { kebechetAdministratorOrder, revsolverOrder, securityIndicatorsOrder, solverOrder } from '../domain/package-orders.js';
import { newestMatching, readVersionRequest } from '../domain/versions.js';
import type { KnowledgeGraph, PackageIndex, WorkflowScheduler } from './ports.js';

export interface SchedulingPolicy {
  readonly solvers: readonly Solver[];
  readonly solver: boolean;
  readonly revsolver: boolean;
  readonly security: boolean;
  readonly kebechetAdministrator: boolean;
  /** Newest versions scheduled for a message that asks for all (or a range of) versions. */
  readonly versionLimit: number;
  readonly debugSolver: boolean;
  readonly debugRevsolver: boolean;
}

export interface PackageDeps {
  readonly graph: KnowledgeGraph;
  readonly index: PackageIndex;
  readonly scheduler: WorkflowScheduler;
  readonly policy: SchedulingPolicy;
  readonly log: Logger;
}

/** The message types that name one version of a package on an index. */
type PackageMessage = 'cve-provided' | 'hash-mismatch' | 'missing-version' | 'package-released' | 'si-unanalyzed-package' | 'solved-package';

export class PackageScheduling {
  constructor(private readonly deps: PackageDeps) {}

  /**
   * Solvers for the (version, solver) pairs the graph lacks: only the named solver
   * (docs/quirks.md Q29), a specifier selects versions (docs/quirks.md Q30), and an unregistered
   * index sets the message aside (docs/quirks.md Q31).
   */
  readonly unresolvedPackage = async ({ type, value }: ConsumedMessage<'unresolved-package'>, context: HandlerContext): Promise<void> => {
    if (!this.deps.policy.solver) return;
    const name = canonicalName(value.package_name);
    const indexes = await this.deps.graph.indexUrls();
    // A Pipfile may spell a registered index with a trailing slash: the graph's spelling is used from here on.
    const given = normalIndexUrl(value.index_url).replace(/\/+$/, '');
    const indexUrl = [...indexes.registered].find((registered) => registered.replace(/\/+$/, '') === given);
    if (indexUrl === undefined) throw new InvalidMessage(`index ${normalIndexUrl(value.index_url)} is not registered in the knowledge graph`);
    const solvers = this.requestedSolvers(value.solver);
    const versions = await this.versionsOf(name, indexUrl, value.package_version);
    for (const version of versions) {
      await this.scheduleMissingSolvers({ name, version, indexUrl }, solvers, indexes.enabled, type, context);
    }
  };

  /** A new release: every solver that has not resolved it, and its reverse dependencies. */
  readonly packageReleased = async ({ type, value }: ConsumedMessage<'package-released'>, context: HandlerContext): Promise<void> => {
    const pkg = packageOf(value);
    if (this.deps.policy.solver) await this.scheduleMissingSolvers(pkg, this.deps.policy.solvers, [], type, context);
    if (this.deps.policy.revsolver) await this.deps.scheduler.schedule(revsolverOrder(pkg.name, pkg.version, this.deps.policy.debugRevsolver), type, context);
  };

  /**
   * The index serves other files than the graph knows: flag those it no longer serves, then let
   * every solver look at the version again (docs/quirks.md Q32).
   */
  readonly hashMismatch = async ({ type, value }: ConsumedMessage<'hash-mismatch'>, context: HandlerContext): Promise<void> => {
    const pkg = packageOf(value);
    const gone = value.missing_from_source.map((hash) => hash.toLowerCase());
    if (gone.length > 0) {
      const flagged = await this.deps.graph.markArtifactsAbsent(pkg, gone);
      this.deps.log.info({ ...pkg, hashes: gone.length, flagged }, 'artifacts no longer on the index flagged');
    }
    if (!this.deps.policy.solver) return;
    for (const solver of this.deps.policy.solvers) {
      await this.deps.scheduler.schedule(solverOrder(solver, pkg, { dependencyIndexes: [], debug: this.deps.policy.debugSolver }), type, context);
    }
  };

  readonly siUnanalyzedPackage = async ({ type, value }: ConsumedMessage<'si-unanalyzed-package'>, context: HandlerContext): Promise<void> => {
    await this.scheduleSecurityIndicators(packageOf(value), type, context);
  };

  /** A solver finished: the version's security analysis if it has none, and Kebechet's repositories. */
  readonly solvedPackage = async ({ type, value }: ConsumedMessage<'solved-package'>, context: HandlerContext): Promise<void> => {
    const pkg = packageOf(value);
    await this.scheduleSecurityIndicators(pkg, type, context);
    await this.kebechetAdministrator(type, pkg, context, value.solver);
  };

  /** A revsolver for the name and version (docs/quirks.md Q33). */
  readonly unrevsolvedPackage = async ({ type, value }: ConsumedMessage<'unrevsolved-package'>, context: HandlerContext): Promise<void> => {
    if (!this.deps.policy.revsolver) return;
    const name = canonicalName(value.package_name);
    const version = normalVersion(value.package_version);
    await this.deps.scheduler.schedule(revsolverOrder(name, version, this.deps.policy.debugRevsolver), type, context);
  };

  /** cve-provided, hash-mismatch (backend), missing-version: Kebechet tells the repositories that use the package. */
  readonly notifyKebechet = async ({ type, value }: ConsumedMessage<PackageMessage>, context: HandlerContext): Promise<void> => {
    await this.kebechetAdministrator(type, packageOf(value), context);
  };

  /** `pkg` without a version: the event concerns every version (missing-package). */
  async kebechetAdministrator(
    type: MessageTypeName,
    pkg: Pick<PackageVersion, 'name' | 'indexUrl'> & { readonly version?: string },
    context: HandlerContext,
    solver?: string,
  ): Promise<void> {
    if (!this.deps.policy.kebechetAdministrator) return;
    await this.deps.scheduler.schedule(kebechetAdministratorOrder(type, pkg, solver), type, context);
  }

  private async scheduleSecurityIndicators(pkg: PackageVersion, type: MessageTypeName, context: HandlerContext): Promise<void> {
    if (!this.deps.policy.security) return;
    if (await this.deps.graph.securityAnalysed(pkg)) return;
    await this.deps.scheduler.schedule(securityIndicatorsOrder(pkg), type, context);
  }

  private async scheduleMissingSolvers(
    pkg: PackageVersion,
    solvers: readonly Solver[],
    dependencyIndexes: readonly string[],
    type: MessageTypeName,
    context: HandlerContext,
  ) {
    const solved = await this.deps.graph.solvedEnvironments(pkg);
    const missing = solvers.filter(
      (solver) => !solved.some((done) => done.osName === solver.osName && done.osVersion === solver.osVersion && done.pythonVersion === solver.pythonVersion),
    );
    for (const solver of missing) {
      await this.deps.scheduler.schedule(solverOrder(solver, pkg, { dependencyIndexes, debug: this.deps.policy.debugSolver }), type, context);
    }
  }

  private requestedSolvers(requested: unknown): readonly Solver[] {
    if (typeof requested !== 'string' || requested === '') return this.deps.policy.solvers;
    const solver = this.deps.policy.solvers.find((candidate) => candidate.name === requested);
    if (solver === undefined)
      throw new InvalidMessage(`solver ${requested} is not one of the deployment's solvers (${this.deps.policy.solvers.map((s) => s.name).join(', ')})`);
    return [solver];
  }

  private async versionsOf(name: string, indexUrl: string, requested: unknown): Promise<readonly string[]> {
    const request = readVersionRequest(requested);
    if (request.kind === 'exact') return [request.version];
    const selection = newestMatching(await this.deps.index.versions(indexUrl, name), request.specifier, this.deps.policy.versionLimit);
    if (selection.omitted > 0) {
      this.deps.log.warn(
        { package: name, indexUrl, specifier: request.specifier, scheduled: selection.versions.length, omitted: selection.omitted },
        'only the newest matching versions are scheduled',
      );
    }
    return selection.versions;
  }
}

function packageOf(value: MessageValue<PackageMessage>): PackageVersion {
  return packageVersion(value.package_name, value.package_version, value.index_url);
}
