/**
 * parse-solver-output: a solver result becomes the messages the investigator acts on, one
 * solved-package per package version the solver installed, and an adviser-trigger for each
 * Kebechet adviser run that was waiting for them and now has every package it needs.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { reRunJobId, reRunTrigger, unblockedRuns } from '../domain/adviser-re-run.js';
import { fileMessage, type FileMessage } from '../domain/messages-file.js';
import type { SolverResult } from '../domain/solver-document.js';
import type { AdviserRequests, AdviserRunGraph } from './ports.js';

export interface ParseSolverOutputSettings {
  /** The solver that produced the document (THOTH_SOLVER_NAME). */
  readonly solverName: string;
  /** The component the messages are sent in the name of (THOTH_MESSAGING_COMPONENT_NAME). */
  readonly componentName: string;
  /** This program's version: the adviser-triggers', as the reference's. */
  readonly serviceVersion: string;
}

export interface ParsedSolverOutput {
  readonly messages: readonly FileMessage[];
  readonly solvedPackages: number;
  readonly adviserReRuns: number;
}

export async function parseSolverOutput(
  result: SolverResult,
  settings: ParseSolverOutputSettings,
  ports: { readonly graph: AdviserRunGraph; readonly requests: AdviserRequests },
  log: Logger,
): Promise<ParsedSolverOutput> {
  const solved = result.solved.map((pkg) =>
    fileMessage('solved-package', {
      component_name: settings.componentName,
      // The solver's version, as the reference sends it.
      service_version: result.analyzerVersion,
      version: 'v1',
      package_name: pkg.name,
      package_version: pkg.version,
      index_url: pkg.indexUrl,
      solver: settings.solverName,
    }),
  );
  const runs = await unblockedRuns(await ports.graph.waitingKebechetRuns(), result.solved, (pkg) => ports.graph.isSolved(pkg));
  const reRuns: FileMessage[] = [];
  for (const run of runs) {
    const request = await ports.requests.get(run.adviserId);
    if (request === undefined) {
      // The reference crashed here (docs/quirks.md Q49): one lost request must not stop the others.
      log.warn({ adviserId: run.adviserId }, 'the adviser run waits for no more packages, but its request document is gone; not re-run');
      continue;
    }
    const trigger = reRunTrigger(run.adviserId, request, { componentName: settings.componentName, serviceVersion: settings.serviceVersion });
    // The user API reads a run's request by its id; the same id each time, so storing it again changes nothing.
    await ports.requests.put(reRunJobId(run.adviserId), { ...request, job_id: trigger.job_id });
    reRuns.push(fileMessage('adviser-trigger', { ...trigger, version: 'v5' }));
    log.info({ adviserId: run.adviserId, reRun: trigger.job_id }, 'adviser run unblocked: asking for it again');
  }
  return { messages: [...solved, ...reRuns], solvedPackages: solved.length, adviserReRuns: reRuns.length };
}
