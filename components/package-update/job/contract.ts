/**
 * Everything package-update-job reads, declared once: its settings parser, its `--help`, its
 * construct (../index.ts) and `validate` all read this. It replaces thoth-station/package-update-job
 * (thoth-jobs.md §3), keeping its variables where they mean the same.
 */
import { defineContract, integer } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';
import { PACKAGE_RELEASES_SETTINGS } from '../../package-releases/job/contract.js';

const SOURCE = 'components/package-update/job/contract.ts';

export const PACKAGE_UPDATE_SETTINGS = {
  ...KNOWLEDGE_GRAPH_SETTINGS,
  ...KAFKA_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  THOTH_PACKAGE_UPDATE_SEMAPHORE_LIMIT: {
    form: integer({ min: 1, max: 1024 }),
    default: '64',
    description: 'packages asked of their index at once (the reference: 1000)',
    source: SOURCE,
  },
  // The same indexes as package-releases asks through PyPI's JSON API.
  THOTH_PYTHON_WAREHOUSES: PACKAGE_RELEASES_SETTINGS.THOTH_PYTHON_WAREHOUSES,
} as const;

export const PACKAGE_UPDATE_CONTRACT = defineContract({
  repository: 'package-update-job',
  tags: 'built-here',
  source: 'components/package-update/job',
  summary:
    'checks that each solved package and version is still on its index with the artifacts Thoth stored, and tells each discrepancy once as missing-package, missing-version or hash-mismatch',
  entrypoint: PROGRAM_ENTRYPOINT,
  topics: () => [MESSAGE_TYPES['missing-package'], MESSAGE_TYPES['missing-version'], MESSAGE_TYPES['hash-mismatch']],
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_PACKAGE_UPDATE: logLevelSetting() },
  modes: runOnlyModes({ description: 'one check of every solved package of the enabled indexes', variables: PACKAGE_UPDATE_SETTINGS, source: SOURCE }),
});
