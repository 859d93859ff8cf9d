/** package-released messages, one send per package (its new versions together), acknowledged by the broker. */
import type { MessageProducer } from '../../../../src/runtime/kafka/producer.js';
import type { ReleaseAnnouncer } from '../application/scan-releases.js';
import type { PackageIndex } from '../domain/releases.js';

export class KafkaReleaseAnnouncer implements ReleaseAnnouncer {
  sent = 0;

  constructor(private readonly producer: Pick<MessageProducer, 'send'>) {}

  async announce(index: PackageIndex, name: string, versions: readonly string[]): Promise<void> {
    await this.producer.send(
      'package-released',
      versions.map((version) => ({ package_name: name, package_version: version, index_url: index.url })),
    );
    this.sent += versions.length;
  }
}
