/**
 * quay.io/thoth-station/si-aggregator: joins the si-bandit and si-cloc results of one package version
 * into the security-indicator document the graph sync stores.
 *
 * Read at thoth-station/si-aggregator@v0.2.0 (refs/tags/v0.2.0). The image is an s2i build
 * (.aicoe-ci.yaml, build strategy Source) on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1
 * (USER 1001, HOME=/opt/app-root/src). There is no app.sh: the s2i run script runs `python app.py`
 * from /opt/app-root/src, so click names the command "app.py"; the graph sync
 * (thoth-storages sync_security_indicator_aggregated_result) reads metadata.document_id and
 * metadata.arguments["app.py"].package_name / package_version / package_index of this document.
 * Pinned libraries (Pipfile.lock): click 8.0.3 (an empty variable counts as unset), thoth-common 0.33.0,
 * thoth-analyzer 0.1.8, thoth-report-processing 0.8.0 (imported; its components import
 * thoth-storages 0.61.0, but nothing here connects to Ceph or the database).
 */
import { defineContract, oneOf, pythonIntFlag, readPath, text, url, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_COMMON_RSYSLOG } from '../libraries/thoth-common-rsyslog.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v0.2.0';
const at = (path: string, line: number): string => `thoth-station/si-aggregator@${TAG}:${path}#L${line}`;

const AGGREGATOR = {
  THOTH_SI_AGGREGATOR_SI_BANDIT_RESULTS: {
    form: readPath(),
    required: true,
    description: 'The si-bandit result document (JSON file) to aggregate. Missing: click exits 2 ("Missing option --si-bandit-results").',
    source: at('app.py', 95),
  },
  THOTH_SI_AGGREGATOR_SI_CLOC_RESULTS: {
    form: readPath(),
    required: true,
    description: 'The si-cloc result document (JSON file) to aggregate. Missing: click exits 2.',
    source: at('app.py', 102),
  },
  THOTH_SI_AGGREGATOR_FUNCTION: {
    form: oneOf(['process_data', 'sample_aggregator']),
    required: true,
    description:
      'Name of the function of aggregators.py applied (looked up with getattr on the module: another name raises AttributeError, a module constant TypeError). process_data produces the flat record the graph sync expects (SEVERITY.*__CONFIDENCE.*, Python.*, SUM.* keys); sample_aggregator only a score, which the sync cannot store. Missing: click exits 2.',
    source: at('app.py', 109),
  },
  THOTH_SI_AGGREGATOR_PACKAGE_NAME: {
    form: text(),
    required: true,
    description:
      'Package name, recorded in metadata.arguments["app.py"] where the graph sync reads it to find the solved package version. Missing: click exits 2.',
    source: at('app.py', 74),
  },
  THOTH_SI_AGGREGATOR_PACKAGE_VERSION: {
    form: text(),
    required: true,
    description: 'Package version, recorded in metadata.arguments["app.py"] for the graph sync. Missing: click exits 2.',
    source: at('app.py', 81),
  },
  THOTH_SI_AGGREGATOR_PACKAGE_INDEX: {
    form: url('http', 'https'),
    default: 'https://pypi.org/simple',
    description: 'Index URL, recorded in metadata.arguments["app.py"] for the graph sync (it must be the index the package was solved from).',
    source: at('app.py', 88),
  },
  THOTH_SI_AGGREGATOR_OUTPUT: {
    form: writePath(),
    default: '-',
    description: 'File the aggregated document is written to ("-": stdout; an http(s) URL: POSTed there).',
    source: at('app.py', 66),
  },
  DEBUG_LEVEL: {
    form: pythonIntFlag(),
    default: '0',
    description:
      'thoth-report-processing 0.8.0, read with bool(int(...)) at import (other text: ValueError at start): non-zero configures the root logger at DEBUG instead of INFO.',
    source: 'thoth-station/report-processing@v0.8.0:thoth/report_processing/components/security.py#L38',
  },
} as const satisfies Variables;

export const SI_AGGREGATOR_CONTRACT = defineContract({
  repository: 'thoth-station/si-aggregator',
  tags: [TAG],
  source: `thoth-station/si-aggregator@${TAG}`,
  summary:
    'Security indicator aggregator: reads the si-bandit and si-cloc result files, checks they describe the same package, applies the aggregation function and writes a thoth-analyzer document (both inputs embedded) to THOTH_SI_AGGREGATOR_OUTPUT.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['python', '/opt/app-root/src/app.py']],
    source: at('app.py', 153),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_RSYSLOG,
    ...THOTH_ANALYZER_RESULT,
    THOTH_DOCUMENT_ID: {
      ...THOTH_ANALYZER_RESULT.THOTH_DOCUMENT_ID,
      required: true,
      description:
        'Written as metadata.document_id of the aggregated document (app.py also reads it for the error metadata). The graph sync stores it as the run id of the security-indicator record (thoth-storages sync_security_indicator_aggregated_result): set it to the security-indicators job id.',
      source: at('app.py', 54),
    },
    ...AGGREGATOR,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
});
