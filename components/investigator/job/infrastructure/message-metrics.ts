/**
 * The `metrics` mode (thoth-messages.md §3.6, the reference's default handler): every message of
 * every topic counted per type and version, and the adviser's justification counts as a gauge, for
 * the Kafka dashboard. It acts on nothing, so any version and any content is counted as it comes.
 */
import { Counter, Gauge, type Registry } from 'prom-client';
import { MESSAGE_TYPES, type MessageTypeName } from '../../../../src/messages/catalogue.js';
import { ANY_VERSION } from '../../../../src/runtime/kafka/decode.js';
import type { Handler, HandlerTable } from '../../../../src/runtime/kafka/process-record.js';

/** The reference's label: the base name's last part, `-` as `_` (thoth.package-update.missing-package-version → missing_package_version). */
export function metricsTypeLabel(type: MessageTypeName): string {
  return MESSAGE_TYPES[type].base.split('.').at(-1)!.replace(/-/g, '_');
}

export function messageMetricsTable(registry: Registry, deploymentName: string): HandlerTable {
  const registers = [registry];
  const messages = new Counter({
    name: 'message_count_by_version_total',
    help: 'Messages consumed, by type and version (None: the message had no version).',
    labelNames: ['message_type', 'message_version'],
    registers,
  });
  const justifications = new Gauge({
    name: 'thoth_advise_justification_type_number',
    help: 'Justifications the adviser gave, by message and type, summed from advise-justification messages.',
    labelNames: ['advise_message', 'justification_type', 'thoth_environment'],
    registers,
  });
  const count: Handler = async (message) => {
    const version = message.value.version;
    messages.inc({ message_type: metricsTypeLabel(message.type), message_version: typeof version === 'string' ? version : 'None' });
    if (message.type === 'advise-justification' && typeof message.value.count === 'number') {
      justifications.inc(
        { advise_message: message.value.message, justification_type: message.value.justification_type, thoth_environment: deploymentName },
        message.value.count,
      );
    }
  };
  return Object.fromEntries(Object.keys(MESSAGE_TYPES).map((type) => [type, { [ANY_VERSION]: count }])) as HandlerTable;
}
