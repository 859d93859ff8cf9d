/**
 * kebechet-administrator: a package event (a solved release, a CVE, a hash mismatch, a missing
 * package or version) becomes a kebechet-run-url-trigger for each public repository with Kebechet
 * whose locked stack it concerns, so that Kebechet proposes an update there.
 */
import type { Logger } from '../../../../src/runtime/log.js';
import { lockQuery, type PackageEvent, runUrlTrigger, selectRepositories } from '../domain/kebechet-administrator.js';
import { fileMessage, type FileMessage } from '../domain/messages-file.js';
import type { KebechetInstallations } from './ports.js';

export interface KebechetAdministration {
  /** One per repository triggered, by slug. */
  readonly messages: readonly FileMessage[];
  readonly privateSkipped: number;
}

export async function administerKebechet(
  event: PackageEvent,
  sender: { readonly componentName: string; readonly serviceVersion: string },
  ports: { readonly installations: KebechetInstallations },
  log: Logger,
): Promise<KebechetAdministration> {
  const rows = await ports.installations.lockingPackage(lockQuery(event));
  const selection = selectRepositories(event, rows);
  if (selection.incomparable.length > 0) {
    log.warn(
      { package: event.name, version: event.version, lockedVersions: selection.incomparable },
      'locked versions that cannot be ordered against the release by PEP 440: their repositories are not told about it',
    );
  }
  // Their names stay out of the log: the count is enough to see that some were left out.
  if (selection.privateSkipped > 0) log.info({ privateSkipped: selection.privateSkipped }, 'private repositories skipped');
  const messages = selection.triggered.map((repository) => fileMessage('kebechet-run-url-trigger', runUrlTrigger(event, repository, sender)));
  return { messages, privateSkipped: selection.privateSkipped };
}
