/** advise-reporter's settings, read as its contract (./contract.ts) declares them. */
import { readSetting } from '../../../src/contracts/settings.js';
import { ConfigError, type Environment } from '../../../src/runtime/environment.js';
import { type S3Config, s3Config, THOTH_S3_VARIABLES } from '../../../src/runtime/s3/settings.js';
import { ADVISE_REPORTER_SETTINGS, SEND_MESSAGES_VARIABLE } from './contract.js';
import { type Day, DaysOutOfOrder, parseDay, reportedDays } from './domain/days.js';

export interface AdviseReporterSettings {
  readonly store: S3Config;
  /** The stores the tables are written to (none: they are logged): the document store's bucket, and the public one when asked. */
  readonly tableStores: readonly S3Config[];
  /** The days reported on, oldest first. */
  readonly days: readonly Day[];
  readonly concurrency: number;
  readonly sendMessages: boolean;
  readonly gateway: string | undefined;
}

/** `today`: the UTC day the run starts on, which the dates are read against. */
export function adviseReporterSettings(env: Environment, today: Day): AdviseReporterSettings {
  const setting = <K extends keyof typeof ADVISE_REPORTER_SETTINGS>(name: K) => readSetting(env, ADVISE_REPORTER_SETTINGS, name);
  const store = s3Config(env);
  const day = (name: 'THOTH_REPORTER_START_DATE' | 'THOTH_REPORTER_END_DATE'): Day | undefined => {
    const text = setting(name);
    if (text === undefined) return undefined;
    const parsed = parseDay(text);
    if (parsed === undefined) throw new ConfigError(name, text, 'a calendar date YYYY-MM-DD');
    return parsed;
  };
  const tableStores: S3Config[] = [];
  if (setting('THOTH_REPORTER_STORE_ON_CEPH')) tableStores.push(store);
  if (setting('THOTH_REPORTER_STORE_ON_PUBLIC_CEPH')) {
    if (store.publicBucket === undefined) {
      throw new ConfigError('THOTH_PUBLIC_CEPH_BUCKET', undefined, 'the public bucket, since THOTH_REPORTER_STORE_ON_PUBLIC_CEPH is on');
    }
    tableStores.push({ ...store, bucket: store.publicBucket, variables: { ...THOTH_S3_VARIABLES, bucket: 'THOTH_PUBLIC_CEPH_BUCKET' } });
  }
  return {
    store,
    tableStores,
    days: reportedDaysOf(day('THOTH_REPORTER_START_DATE'), day('THOTH_REPORTER_END_DATE'), today),
    concurrency: setting('THOTH_REPORTER_CONCURRENCY'),
    sendMessages: setting(SEND_MESSAGES_VARIABLE),
    gateway: setting('PROMETHEUS_PUSHGATEWAY_URL'),
  };
}

function reportedDaysOf(start: Day | undefined, end: Day | undefined, today: Day): Day[] {
  try {
    return reportedDays(start, end, today);
  } catch (error) {
    if (!(error instanceof DaysOutOfOrder)) throw error;
    throw new ConfigError(
      'THOTH_REPORTER_END_DATE',
      error.end,
      `a day not before THOTH_REPORTER_START_DATE (${error.start}): the day after the last one reported on`,
    );
  }
}
