/**
 * Which handler takes which message, per consumer mode (thoth-messages.md §2, Investigator column):
 * `middletier` grows the graph, `backend` serves users and Kebechet. Each mode is its own consumer
 * group, so a type both handle (hash-mismatch) reaches both (docs/quirks.md Q21).
 */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { Handler, HandlerTable } from '../../../../src/runtime/kafka/process-record.js';
import { InvalidMessage } from '../domain/orders.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { GraphUpdates } from './graph-updates.js';
import { PackageScheduling, type SchedulingPolicy } from './package-handlers.js';
import type { KnowledgeGraph, PackageIndex, WorkflowScheduler } from './ports.js';
import { triggerHandler } from './trigger-handlers.js';

export const CONSUMER_MODES = ['middletier', 'backend'] as const;
export type ConsumerMode = (typeof CONSUMER_MODES)[number];

export interface InvestigatorDeps {
  readonly graph: KnowledgeGraph;
  readonly index: PackageIndex;
  readonly scheduler: WorkflowScheduler;
  readonly policy: SchedulingPolicy;
  readonly log: Logger;
}

/**
 * A message this deployment cannot act on: set aside (dead letter, metric, alert) rather than left
 * unread on its topic, where nobody would notice it.
 */
const refuse =
  (why: string): Handler =>
  async () => {
    throw new InvalidMessage(why);
  };

/** The same handler for each version it accepts. */
const versions = <N extends MessageTypeName>(handler: Handler<N>, ...accepted: string[]): Record<string, Handler<N>> =>
  Object.fromEntries(accepted.map((version) => [version, handler]));

export function handlerTable(mode: ConsumerMode, deps: InvestigatorDeps): HandlerTable {
  const packages = new PackageScheduling(deps);
  const updates = new GraphUpdates(deps.graph, packages, deps.log);
  const trigger = (type: Parameters<typeof triggerHandler>[1]) => triggerHandler(deps.scheduler, type);
  if (mode === 'middletier') {
    return {
      'unresolved-package': versions(packages.unresolvedPackage, 'v1'),
      'package-released': versions(packages.packageReleased, 'v1'),
      'hash-mismatch': versions(packages.hashMismatch, 'v1'),
      'si-unanalyzed-package': versions(packages.siUnanalyzedPackage, 'v1'),
      'solved-package': versions(packages.solvedPackage, 'v1'),
      'unrevsolved-package': versions(packages.unrevsolvedPackage, 'v1'),
      'update-provides-source-distro': versions(updates.updateProvidesSourceDistro, 'v1'),
      'build-analysis-trigger': versions(trigger('build-analysis-trigger'), 'v1'),
      'inspection-completed': versions(trigger('inspection-completed'), 'v1'),
    };
  }
  return {
    'adviser-trigger': versions(trigger('adviser-trigger'), 'v1', 'v2', 'v3', 'v4', 'v5'),
    'provenance-checker-trigger': versions(trigger('provenance-checker-trigger'), 'v1', 'v2', 'v3', 'v4'),
    'package-extract-trigger': versions(trigger('package-extract-trigger'), 'v1', 'v2'),
    'kebechet-trigger': versions(trigger('kebechet-trigger'), 'v1'),
    'kebechet-run-url-trigger': versions(trigger('kebechet-run-url-trigger'), 'v1', 'v2'),
    'cve-provided': versions(packages.notifyKebechet, 'v1'),
    'hash-mismatch': versions(packages.notifyKebechet, 'v1'),
    'missing-package': versions(updates.missingPackage, 'v1'),
    'missing-version': versions(updates.missingVersion, 'v1'),
    'thoth-repo-init': versions(refuse('no thoth-repo-init workflow is deployed here: the request cannot be run'), 'v1'),
  };
}

/** The tables of several modes in one consumer: a type in both runs both handlers, in order. */
export function combinedTable(modes: readonly ConsumerMode[], deps: InvestigatorDeps): HandlerTable {
  const combined: Record<string, Record<string, Handler>> = {};
  for (const mode of modes) {
    // Each type's handlers stay under their type, so each gets its own type's messages only.
    for (const [type, byVersion] of Object.entries(handlerTable(mode, deps)) as [MessageTypeName, Readonly<Record<string, Handler>>][]) {
      for (const [version, handler] of Object.entries(byVersion ?? {})) {
        const earlier = combined[type]?.[version];
        (combined[type] ??= {})[version] =
          earlier === undefined
            ? handler
            : async (message, context) => {
                await earlier(message, context);
                await handler(message, context);
              };
      }
    }
  }
  return combined as HandlerTable;
}

/** The message types a mode consumes: its table's keys (the handlers are made, never called). */
export function consumedTypes(mode: ConsumerMode): MessageTypeName[] {
  return Object.keys(handlerTable(mode, {} as InvestigatorDeps)) as MessageTypeName[];
}
