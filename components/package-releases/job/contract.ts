/**
 * Everything package-releases-job reads, declared once: its settings parser (./settings.ts), its
 * `--help`, its construct (../index.ts) and `validate` all read this. It replaces
 * thoth-station/package-releases-job (thoth-jobs.md §2), keeping its variables where they mean the same.
 */
import { defineContract, integer, list, url } from '../../../src/contracts/model.js';
import { MESSAGE_TYPES } from '../../../src/messages/catalogue.js';
import { KAFKA_SETTINGS } from '../../../src/runtime/kafka/config.js';
import { logLevelSetting } from '../../../src/runtime/log-settings.js';
import { PUSHGATEWAY_SETTINGS } from '../../../src/runtime/metrics/settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from '../../../src/runtime/postgres/pool.js';
import { PROGRAM_ENTRYPOINT, PROGRAM_SETTINGS, runOnlyModes } from '../../../src/runtime/program-settings.js';

const SOURCE = 'components/package-releases/job/contract.ts';

export const PACKAGE_RELEASES_SETTINGS = {
  ...KNOWLEDGE_GRAPH_SETTINGS,
  ...KAFKA_SETTINGS,
  ...PUSHGATEWAY_SETTINGS,
  THOTH_PACKAGE_RELEASES_CHUNK_SIZE: {
    form: integer({ min: 1, max: 1024 }),
    default: '64',
    description: 'packages asked of an index at once (the reference: 256)',
    source: SOURCE,
  },
  THOTH_PYTHON_WAREHOUSES: {
    form: list(',', url('http', 'https')),
    default: 'https://pypi.python.org/simple,https://pypi.org/simple',
    description:
      "indexes asked through PyPI's JSON API (<url without /simple>/pypi/<name>/json) besides those whose row gives warehouse_api_url; the others through the Simple API",
    source: SOURCE,
  },
} as const;

export const PACKAGE_RELEASES_CONTRACT = defineContract({
  repository: 'package-releases-job',
  tags: 'built-here',
  source: 'components/package-releases/job',
  summary:
    'records the new releases of the packages the knowledge graph knows (or of every project of an index that wants them all) as python_package_version_entity rows and announces each as package-released',
  entrypoint: PROGRAM_ENTRYPOINT,
  topics: () => [MESSAGE_TYPES['package-released']],
  variables: { ...PROGRAM_SETTINGS, THOTH_LOG_PACKAGE_RELEASES: logLevelSetting() },
  modes: runOnlyModes({ description: 'one scan of every enabled index', variables: PACKAGE_RELEASES_SETTINGS, source: SOURCE }),
});
