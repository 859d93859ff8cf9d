/**
 * The advise-reporter program: one report over the days asked, with the document store, its tables
 * written beside the documents (and in the public bucket when asked), the last day's gauges pushed and,
 * when asked, the justifications announced. A document that could not be read or a table that could
 * not be stored fails the run (exit 1) after the push: the reference logged both and exited 0.
 */
import { readFileSync } from 'node:fs';
import { readSetting } from '../../../src/contracts/settings.js';
import { kafkaSettings } from '../../../src/runtime/kafka/config.js';
import { connectProducer } from '../../../src/runtime/kafka/connect.js';
import { MessageProducer } from '../../../src/runtime/kafka/producer.js';
import { jobProgram, type ProgramIo, type RunContext } from '../../../src/runtime/program.js';
import { PROGRAM_SETTINGS } from '../../../src/runtime/program-settings.js';
import { S3DocumentStore } from '../../../src/runtime/s3/documents.js';
import { type Report, reportDays } from './application/report-days.js';
import { ADVISE_REPORTER_CONTRACT } from './contract.js';
import { dayOf } from './domain/days.js';
import { announceJustifications } from './infrastructure/kafka-justifications.js';
import { pushReport } from './infrastructure/reporter-metrics.js';
import { adviseReporterSettings } from './settings.js';

const NAME = 'advise-reporter';
/** The reference's component name in the messages it sends. */
const COMPONENT = 'thoth_reporter';

export class ReportIncomplete extends Error {
  constructor(report: Report) {
    super(
      [
        report.unreadDocuments > 0 ? `${report.unreadDocuments} adviser document(s) could not be read` : '',
        report.unstoredTables > 0 ? `${report.unstoredTables} table(s) could not be stored` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
    this.name = 'ReportIncomplete';
  }
}

export function adviseReporterProgram(io?: ProgramIo) {
  return jobProgram(
    {
      name: NAME,
      description: "Counts each day's requests and results of the adviser, package-extract and provenance-checker, and reports on the adviser's runs.",
      levelVariable: 'THOTH_LOG_ADVISE_REPORTER',
      contract: ADVISE_REPORTER_CONTRACT,
      migrations: false,
    },
    runOnce,
    io,
  );
}

async function runOnce({ env, log, signal }: RunContext): Promise<void> {
  const settings = adviseReporterSettings(env, dayOf(new Date()));
  const version = readSetting(env, PROGRAM_SETTINGS, 'THOTH_SERVICE_VERSION');
  const kafka = settings.sendMessages ? kafkaSettings(env, (path) => readFileSync(path, 'utf8')) : undefined;
  const store = new S3DocumentStore(settings.store);
  const tableStores = settings.tableStores.map((config) => new S3DocumentStore(config, { queueSize: 1 }));
  let report: Report | undefined;
  try {
    for (const each of [store, ...tableStores]) await each.check({ signal });
    report = await reportDays(
      { documents: store, tableStores },
      { days: settings.days, deploymentName: settings.store.deploymentName, concurrency: settings.concurrency },
      { log, signal },
    );
    if (kafka !== undefined && report.justifications.length > 0) {
      const producer = await connectProducer(kafka);
      try {
        const sent = await announceJustifications(
          new MessageProducer(producer, kafka, { componentName: COMPONENT, serviceVersion: version }),
          report.justifications,
        );
        log.info({ sent }, 'justifications announced');
      } finally {
        await producer.disconnect();
      }
    }
    if (report.unreadDocuments > 0 || report.unstoredTables > 0) throw new ReportIncomplete(report);
  } finally {
    for (const each of [store, ...tableStores]) each.close();
    if (settings.gateway !== undefined && report?.gauges !== undefined) {
      await pushReport(settings.gateway, { env: settings.store.deploymentName, version }, report.gauges).catch((error: unknown) =>
        log.warn({ err: error, gateway: settings.gateway }, 'could not push metrics'),
      );
    }
  }
}
