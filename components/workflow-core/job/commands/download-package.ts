/**
 * The download-package command: settings read, the sdist downloaded and extracted onto the
 * workflow's volume, and the step's two outputs written last: `failed_status` (0: the package is
 * there; 1: it is not, and `message` says why for send-messages). A failure of the index, of the
 * download or of the archive fails the step with the reason, and leaves no package behind.
 */
import path from 'node:path';
import { readSetting } from '../../../../src/contracts/settings.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { FileRejected, PackageIndexClient } from '../../../../src/runtime/python/package-index.js';
import { canonicalName, normalIndexUrl } from '../../../../src/runtime/python/package.js';
import { downloadPackage } from '../application/download-package.js';
import { DOWNLOAD_OUTPUTS, DOWNLOAD_PACKAGE_SETTINGS } from '../contract.js';
import { ArchiveRefused } from '../domain/archive-entries.js';
import { DOWNLOAD_COMPONENT } from '../domain/download-package.js';
import { checkMessages } from '../domain/messages-file.js';
import { replaceFile } from '../infrastructure/messages-file-store.js';
import { PackageDirectory } from '../infrastructure/package-directory.js';

const MB = 1024 * 1024;

export async function runDownloadPackage({ env, log, signal }: RunContext): Promise<void> {
  const read = <K extends keyof typeof DOWNLOAD_PACKAGE_SETTINGS>(name: K) => readSetting(env, DOWNLOAD_PACKAGE_SETTINGS, name);
  const pkg = {
    name: canonicalName(read('THOTH_PACKAGE_NAME')),
    version: read('THOTH_PACKAGE_VERSION'),
    indexUrl: normalIndexUrl(read('THOTH_PACKAGE_INDEX')),
  };
  const workdir = read('THOTH_DOWNLOAD_WORKDIR');
  const bounds = {
    maxArchiveBytes: read('THOTH_DOWNLOAD_MAX_ARCHIVE_MB') * MB,
    maxBytes: read('THOTH_DOWNLOAD_MAX_EXTRACTED_MB') * MB,
    maxEntries: read('THOTH_DOWNLOAD_MAX_ENTRIES'),
    timeoutMs: read('THOTH_DOWNLOAD_TIMEOUT_SECONDS') * 1000,
  };
  const sender = { componentName: DOWNLOAD_COMPONENT, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') };
  const index = new PackageIndexClient({ timeoutMs: 60_000, signal });
  const store = new PackageDirectory(workdir, index, bounds);
  const messageFile = path.join(workdir, DOWNLOAD_OUTPUTS.message);
  const statusFile = path.join(workdir, DOWNLOAD_OUTPUTS.failedStatus);

  let outcome: Awaited<ReturnType<typeof downloadPackage>>;
  try {
    outcome = await downloadPackage(pkg, { index, store }, sender, log);
  } catch (error) {
    // What the index served is not what it says, or would write where it must not: the reason, not a stack.
    if (!(error instanceof ArchiveRefused || error instanceof FileRejected)) throw error;
    log.error({ ...pkg, reason: error.message }, 'the sdist is refused');
    process.exitCode = 1;
    return;
  }
  switch (outcome.kind) {
    case 'extracted':
      await replaceFile(messageFile, '[]\n');
      await replaceFile(statusFile, '0');
      log.info({ ...pkg, ...outcome, into: store.packageDir }, 'sdist extracted');
      return;
    case 'not-provided':
      checkMessages(messageFile, outcome.messages, sender);
      await replaceFile(messageFile, `${JSON.stringify(outcome.messages)}\n`);
      await replaceFile(statusFile, '1');
      log.warn({ ...pkg, reason: outcome.reason, files: outcome.files }, 'no sdist to analyse; the message says so');
      return;
    case 'unsupported':
      log.error({ ...pkg, files: outcome.files }, 'the version’s sdists are in formats this step does not extract (tar, tar.gz and zip)');
      process.exitCode = 1;
      return;
  }
}
