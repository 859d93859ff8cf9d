/**
 * quay.io/thoth-station/si-bandit: the bandit security indicator (bandit on a package's sources).
 *
 * Read at thoth-station/si-bandit@v0.2.1 (refs/tags/v0.2.1). The image is an s2i build
 * (.aicoe-ci.yaml, build strategy Source) on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1
 * (USER 1001, HOME=/opt/app-root/src). There is no app.sh: the s2i run script runs `python app.py`
 * from /opt/app-root/src, so click names the command "app.py", the key under which the result's
 * metadata.arguments records the options (the aggregation reads package_name, package_version and
 * package_index from there).
 * Pinned libraries (Pipfile.lock): bandit 1.6.2, click 8.0.3 (an empty variable counts as unset),
 * thoth-common 0.33.0, thoth-analyzer 0.1.8, thoth-python 0.16.6 (the Source it builds sets
 * warehouse=True itself, so THOTH_PYTHON_WAREHOUSES has no effect here).
 */
import { defineContract, readPath, text, url, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_COMMON_RSYSLOG } from '../libraries/thoth-common-rsyslog.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v0.2.1';
const at = (path: string, line: number): string => `thoth-station/si-bandit@${TAG}:${path}#L${line}`;

const BANDIT = {
  THOTH_SI_BANDIT_PACKAGE_NAME: {
    form: text(),
    required: true,
    description: 'Name of the Python package scanned; recorded in the result metadata and used to look up its release date. Missing: click exits 2.',
    source: at('app.py', 79),
  },
  THOTH_SI_BANDIT_PACKAGE_VERSION: {
    form: text(),
    required: true,
    description: 'Version of the package (matched with === when downloading); recorded in the result metadata. Missing: click exits 2.',
    source: at('app.py', 86),
  },
  THOTH_SI_BANDIT_PACKAGE_INDEX: {
    form: url('http', 'https'),
    default: 'https://pypi.org/simple',
    description:
      "Simple-API index the sdist is downloaded from, and whose Warehouse JSON API (the URL without /simple, plus /pypi) gives the release date (time_of_release, null on any error); recorded in the result metadata, where the aggregator compares it with si-cloc's.",
    source: at('app.py', 93),
  },
  THOTH_SI_BANDIT_DIR: {
    form: readPath(),
    description:
      'A directory with the package sources to scan (bandit -r). Unset: the sdist (.tar.gz) is downloaded from the index into a temporary directory and extracted there; no sdist raises FileNotFoundError.',
    source: at('app.py', 72),
  },
  THOTH_SI_BANDIT_OUTPUT: {
    form: writePath(),
    default: '-',
    description: 'File the result document is written to ("-": stdout; an http(s) URL: POSTed there).',
    source: at('app.py', 69),
  },
} as const satisfies Variables;

export const SI_BANDIT_CONTRACT = defineContract({
  repository: 'thoth-station/si-bandit',
  tags: [TAG],
  source: `thoth-station/si-bandit@${TAG}`,
  summary:
    'Security indicator si-bandit: runs bandit on a directory (THOTH_SI_BANDIT_DIR) or on the extracted sdist of a package version downloaded from an index, adds the release date from the index, and writes a thoth-analyzer document to THOTH_SI_BANDIT_OUTPUT.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['python', '/opt/app-root/src/app.py']],
    source: at('app.py', 153),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_RSYSLOG,
    ...THOTH_ANALYZER_RESULT,
    ...BANDIT,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  writes: [
    // tempfile.TemporaryDirectory for the downloaded sdist and its extracted tree.
    { path: '/tmp', source: at('app.py', 108) },
  ],
});
