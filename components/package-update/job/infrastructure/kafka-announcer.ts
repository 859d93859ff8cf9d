/** The discrepancies of a package as catalogue messages, one send per message type, acknowledged by the broker. */
import type { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import type { PackageIndex } from '../../../package-releases/job/domain/releases.js';
import type { DiscrepancyAnnouncer } from '../application/check-packages.js';
import type { Discrepancy } from '../domain/discrepancies.js';

export class KafkaDiscrepancyAnnouncer implements DiscrepancyAnnouncer {
  readonly sent = new Map<Discrepancy['type'], number>();

  constructor(private readonly producer: Pick<MessageProducer, 'send'>) {}

  async announce(index: PackageIndex, name: string, found: readonly Discrepancy[]): Promise<void> {
    const common = { index_url: index.url, package_name: name };
    for (const type of ['missing-package', 'missing-version', 'hash-mismatch'] as const) {
      const messages = found.flatMap((each) => {
        if (each.type !== type) return [];
        if (each.type === 'missing-package') return [common];
        if (each.type === 'missing-version') return [{ ...common, package_version: each.version }];
        return [{ ...common, package_version: each.version, missing_from_source: each.missingFromSource, missing_from_database: each.missingFromDatabase }];
      });
      if (messages.length === 0) continue;
      await this.producer.send(type, messages);
      this.sent.set(type, (this.sent.get(type) ?? 0) + messages.length);
    }
  }
}
