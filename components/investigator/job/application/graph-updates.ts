/**
 * The handlers that correct the knowledge graph from what package-update and the security-indicator
 * workflow found on the indexes (thoth-messages.md §2.9, 2.10, 2.19), then tell Kebechet where the
 * reference did. The updates are idempotent, so a retried message changes nothing twice.
 */
import type { ConsumedMessage } from '../../../../src/runtime/kafka/decode.js';
import type { HandlerContext } from '../../../../src/runtime/kafka/process-record.js';
import type { Logger } from '../../../../src/runtime/log.js';
import { canonicalName, normalIndexUrl, packageVersion } from '../../../../src/runtime/python/package.js';
import type { PackageScheduling } from './package-handlers.js';
import type { KnowledgeGraph } from './ports.js';

export class GraphUpdates {
  constructor(
    private readonly graph: KnowledgeGraph,
    private readonly packages: PackageScheduling,
    private readonly log: Logger,
  ) {}

  /**
   * Every version of the package is gone from the index: then kebechet-administrator for every
   * version, which this repository's task takes (the reference's refused a message without a
   * version, docs/quirks.md Q34).
   */
  readonly missingPackage = async ({ type, value }: ConsumedMessage<'missing-package'>, context: HandlerContext): Promise<void> => {
    const pkg = { name: canonicalName(value.package_name), indexUrl: normalIndexUrl(value.index_url) };
    const flagged = await this.graph.markMissing(pkg);
    this.log.info({ ...pkg, flagged }, 'package flagged missing from its index');
    await this.packages.kebechetAdministrator(type, pkg, context);
  };

  readonly missingVersion = async ({ type, value }: ConsumedMessage<'missing-version'>, context: HandlerContext): Promise<void> => {
    const pkg = packageVersion(value.package_name, value.package_version, value.index_url);
    const flagged = await this.graph.markMissing(pkg);
    this.log.info({ ...pkg, flagged }, 'version flagged missing from its index');
    await this.packages.kebechetAdministrator(type, pkg, context);
  };

  readonly updateProvidesSourceDistro = async ({ value }: ConsumedMessage<'update-provides-source-distro'>): Promise<void> => {
    const pkg = packageVersion(value.package_name, value.package_version, value.index_url);
    const changed = await this.graph.setProvidesSourceDistro(pkg, value.value);
    this.log.debug({ ...pkg, providesSourceDistro: value.value, changed }, 'source distribution flag set');
  };
}
