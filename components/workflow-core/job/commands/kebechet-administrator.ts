/** The kebechet-administrator command: settings read, the graph opened, the task run, its messages written. */
import pg from 'pg';
import { readSetting } from '../../../../src/contracts/settings.js';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { knowledgeGraphConfig } from '../../../../src/runtime/postgres/pool.js';
import type { RunContext } from '../../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../../src/runtime/program-settings.js';
import { administerKebechet } from '../application/kebechet-administrator.js';
import { KEBECHET_ADMINISTRATOR_COMPONENT } from '../domain/kebechet-administrator.js';
import { PostgresKebechetInstallations } from '../infrastructure/postgres-kebechet-installations.js';
import { kebechetAdministratorSettings } from '../settings.js';
import { metricsSettings, pushMessageCounts } from './metrics.js';
import { writeMessages } from './step-files.js';

export async function runKebechetAdministrator({ env, log }: RunContext): Promise<void> {
  // Every setting is read before anything connects: a mistake costs no connection.
  const settings = kebechetAdministratorSettings(env);
  const database = knowledgeGraphConfig(env, 'workflow-tasks');
  const metrics = metricsSettings(env);
  const sender = { componentName: KEBECHET_ADMINISTRATOR_COMPONENT, serviceVersion: readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION') };
  const pool = new pg.Pool(database);
  try {
    const { event } = settings;
    log.info(
      { trigger: settings.trigger, package: event.name, version: event.version ?? 'every version', index: event.indexUrl },
      'kebechet-administrator triggered',
    );
    const done = await administerKebechet(event, sender, { installations: new PostgresKebechetInstallations(pool) }, log);
    // An empty list is written too: the step's output artifact exists, and send-messages sends nothing.
    await writeMessages(settings.messagesFile, done.messages, sender);
    log.info({ repositories: done.messages.length, privateSkipped: done.privateSkipped, file: settings.messagesFile }, 'Kebechet run triggers written');
    await pushMessageCounts(
      metrics,
      sender,
      [{ type: MESSAGE_TYPES['kebechet-run-url-trigger'].base, count: done.messages.length, trigger: settings.trigger }],
      log,
    );
  } finally {
    await pool.end();
  }
}
