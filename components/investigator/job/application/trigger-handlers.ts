/**
 * The handlers of messages that ask for one run (thoth-messages.md §2.2, 2.3, 2.6, 2.7, 2.8, 2.11,
 * 2.13): the order comes from domain/trigger-orders.ts, the scheduler waits for room and submits.
 */
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import type { MessageValue } from '../../../../src/messages/fields.js';
import type { Handler } from '../../../../src/runtime/kafka/process-record.js';
import type { WorkflowOrder } from '../domain/orders.js';
import {
  adviserOrder,
  buildAnalysisOrder,
  graphSyncOrder,
  kebechetOrder,
  kebechetRunUrlOrder,
  packageExtractOrder,
  provenanceCheckerOrder,
} from '../domain/trigger-orders.js';
import type { WorkflowScheduler } from './ports.js';

export const TRIGGER_ORDERS = {
  'adviser-trigger': adviserOrder,
  'provenance-checker-trigger': provenanceCheckerOrder,
  'package-extract-trigger': packageExtractOrder,
  'build-analysis-trigger': buildAnalysisOrder,
  'inspection-completed': graphSyncOrder,
  'kebechet-trigger': kebechetOrder,
  'kebechet-run-url-trigger': kebechetRunUrlOrder,
} as const satisfies { readonly [N in MessageTypeName]?: (value: MessageValue<N>, version: string) => WorkflowOrder };

type TriggerType = keyof typeof TRIGGER_ORDERS;

export function triggerHandler<N extends TriggerType>(scheduler: WorkflowScheduler, type: N): Handler<N> {
  // The order of type N takes N's messages (TypeScript cannot follow the key to its entry).
  const orderOf = TRIGGER_ORDERS[type] as (value: MessageValue<N>, version: string) => WorkflowOrder;
  return async (message, context) => {
    await scheduler.schedule(orderOf(message.value, message.version), message.type, context);
  };
}
