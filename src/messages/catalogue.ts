/**
 * The catalogue of Kafka message types (thoth-messages.md §2): the one list the KafkaTopic objects
 * are rendered from and the job programs produce and consume with. Each type's fields are in
 * fields.ts; validate.ts checks a message against them.
 */

export interface MessageType {
  /** The base name, the topic's suffix after the deployment name. */
  readonly base: string;
  /** The current version producers write. */
  readonly version: string;
  /** How long the broker keeps messages (the reference's topics: 4 h for user triggers, else 24 h). */
  readonly retentionHours: number;
}

export const MESSAGE_TYPES = {
  'advise-justification': { base: 'thoth.advise-reporter.advise-justification', version: 'v1', retentionHours: 24 },
  'adviser-trigger': { base: 'thoth.adviser-trigger', version: 'v5', retentionHours: 4 },
  'build-analysis-trigger': { base: 'thoth.build-analysis-trigger', version: 'v1', retentionHours: 24 },
  'cve-provided': { base: 'thoth.cve-update.cve-provided', version: 'v1', retentionHours: 24 },
  'hash-mismatch': { base: 'thoth.package-update.hash-mismatch', version: 'v1', retentionHours: 24 },
  'inspection-completed': { base: 'thoth.inspection-completed', version: 'v1', retentionHours: 24 },
  'kebechet-run-url-trigger': { base: 'thoth.kebechet-run-url-trigger', version: 'v2', retentionHours: 24 },
  'kebechet-trigger': { base: 'thoth.kebechet-trigger', version: 'v1', retentionHours: 24 },
  'missing-package': { base: 'thoth.package-update.missing-package', version: 'v1', retentionHours: 24 },
  'missing-version': { base: 'thoth.package-update.missing-package-version', version: 'v1', retentionHours: 24 },
  'package-extract-trigger': { base: 'thoth.package-extract-trigger', version: 'v2', retentionHours: 24 },
  'package-released': { base: 'thoth.package-release.package-released', version: 'v1', retentionHours: 24 },
  'provenance-checker-trigger': { base: 'thoth.provenance-checker-trigger', version: 'v4', retentionHours: 4 },
  'si-unanalyzed-package': { base: 'thoth.investigator.si-unanalyzed-package', version: 'v1', retentionHours: 24 },
  'solved-package': { base: 'thoth.solver.solved-package', version: 'v1', retentionHours: 24 },
  'thoth-repo-init': { base: 'thoth.repo-init', version: 'v1', retentionHours: 24 },
  'unresolved-package': { base: 'thoth.investigator.unresolved-package', version: 'v1', retentionHours: 24 },
  'unrevsolved-package': { base: 'thoth.investigator.unrevsolved-package', version: 'v1', retentionHours: 24 },
  'update-provides-source-distro': { base: 'thoth.update-provides-source-distro', version: 'v1', retentionHours: 24 },
} as const satisfies Record<string, MessageType>;

export type MessageTypeName = keyof typeof MESSAGE_TYPES;

/**
 * Where the consumers put messages they cannot handle (unknown version, invalid content), instead of
 * stopping; kept a week so that someone can look at them.
 */
export const DEAD_LETTER: MessageType = { base: 'thoth.dead-letter', version: 'v1', retentionHours: 168 };

/** The full topic name: `<deployment name>.<base name>`. */
export function topicName(deploymentName: string, type: MessageType): string {
  return `${deploymentName}.${type.base}`;
}
