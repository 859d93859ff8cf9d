/**
 * Everything advise-reporter reads, declared once: its settings parser (./settings.ts), its `--help`,
 * its construct (../index.ts) and `validate` all read this. It replaces thoth-station/reporter v0.11.3
 * (formerly advise-reporter), keeping its variables where they mean the same; THOTH_LIMIT_RESULTS and
 * THOTH_MAX_IDS, which it read and passed to nothing, are gone.
 */
import { defineContract, integer, pattern, strictFlag } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';
import { S3_SETTINGS } from '../../../src/runtime/s3/settings.js';

const SOURCE = 'components/advise-reporter/job/contract.ts';
const DATE = pattern('[0-9]{4}-[0-9]{2}-[0-9]{2}', 'a date YYYY-MM-DD');
export const SEND_MESSAGES_VARIABLE = 'THOTH_REPORTER_SEND_KAFKA_MESSAGES' as const;

/** The form of THOTH_REPORTER_SEND_KAFKA_MESSAGES: the setting and the mode selector read it alike. */
const SEND_MESSAGES_FLAG = strictFlag();

export const ADVISE_REPORTER_SETTINGS = {
  ...S3_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  THOTH_REPORTER_START_DATE: {
    form: DATE,
    description: 'the first day reported on (UTC; default today, and a start equal to an end of today means yesterday)',
    source: SOURCE,
  },
  THOTH_REPORTER_END_DATE: {
    form: DATE,
    description: 'the day after the last one reported on (UTC; default today; after tomorrow means today; equal to the start: that one day)',
    source: SOURCE,
  },
  THOTH_REPORTER_STORE_ON_CEPH: {
    form: strictFlag(),
    default: '1',
    description: "store the day's tables as CSV under <prefix>/<deployment>/thoth-sli-metrics-<deployment>/ (otherwise they are logged)",
    source: SOURCE,
  },
  THOTH_REPORTER_STORE_ON_PUBLIC_CEPH: {
    form: strictFlag(),
    default: '0',
    description: 'also store them in THOTH_PUBLIC_CEPH_BUCKET, under the same keys (it must then be set)',
    source: SOURCE,
  },
  THOTH_REPORTER_CONCURRENCY: { form: integer({ min: 1, max: 64 }), default: '16', description: 'adviser documents read at once', source: SOURCE },
  [SEND_MESSAGES_VARIABLE]: {
    form: SEND_MESSAGES_FLAG,
    default: '0',
    description: "announce each day's justifications as advise-justification messages (then KAFKA_* are read)",
    source: SOURCE,
  },
} as const;

/** How the program reads THOTH_REPORTER_SEND_KAFKA_MESSAGES (its strictFlag): its mode, or undefined for a text it refuses. */
export function sendMessagesMode(value: string | undefined): 'on' | 'off' | undefined {
  const text = (value ?? '0').trim().toLowerCase();
  return (SEND_MESSAGES_FLAG.on as readonly string[]).includes(text) ? 'on' : (SEND_MESSAGES_FLAG.off as readonly string[]).includes(text) ? 'off' : undefined;
}

export const ADVISE_REPORTER_CONTRACT = defineContract({
  repository: 'advise-reporter',
  tags: 'built-here',
  source: 'components/advise-reporter/job',
  summary:
    "counts each day's adviser, package-extract and provenance-checker requests and results in the document store, builds the adviser tables (justifications, outcomes, inputs) as CSV beside them, pushes thoth_reporter_* and, when asked, announces the justifications as advise-justification",
  entrypoint: PROGRAM_ENTRYPOINT,
  topics: (read) => (sendMessagesMode(read(SEND_MESSAGES_VARIABLE)) === 'on' ? [MESSAGE_TYPES['advise-justification']] : []),
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_ADVISE_REPORTER: logLevelSetting() },
  modes: runOnlyModes({
    description: 'one report over the days asked',
    variables: ADVISE_REPORTER_SETTINGS,
    source: SOURCE,
    modes: {
      selector: { variable: SEND_MESSAGES_VARIABLE },
      default: 'off',
      classify: sendMessagesMode,
      otherwise: 'it refuses to start (exit 1)',
      source: SOURCE,
      variants: {
        off: { description: 'no message is sent and the broker is not asked', source: SOURCE },
        on: {
          description: 'one advise-justification per day, adviser version and justification, sent once the tables are stored',
          variables: KAFKA_SETTINGS,
          source: SOURCE,
        },
      },
    },
  }),
});
