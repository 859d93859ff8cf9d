/**
 * quay.io/thoth-station/si-cloc: the lines-of-code security indicator (cloc on a package's sources).
 *
 * Read at thoth-station/si-cloc@v0.2.0 (refs/tags/v0.2.0). The image is an s2i build
 * (.aicoe-ci.yaml, build strategy Source) on quay.io/thoth-station/s2i-thoth-f32-py38-cloc, which
 * this repository's Dockerfile makes from s2i-thoth-f32-py38 by installing cloc (USER 1001,
 * HOME=/opt/app-root/src). There is no app.sh: the s2i run script runs `python app.py` from
 * /opt/app-root/src, so click names the command "app.py", the key under which the result's
 * metadata.arguments records the options (the aggregation reads package_name, package_version and
 * package_index from there).
 * Pinned libraries (Pipfile.lock): click 8.0.3 (an empty variable counts as unset), thoth-common 0.33.0,
 * thoth-analyzer 0.1.8.
 */
import { defineContract, readPath, text, url, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_COMMON_RSYSLOG } from '../libraries/thoth-common-rsyslog.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v0.2.0';
const at = (path: string, line: number): string => `thoth-station/si-cloc@${TAG}:${path}#L${line}`;

const CLOC = {
  THOTH_SI_CLOC_PACKAGE_NAME: {
    form: text(),
    required: true,
    description: 'Name of the Python package counted; recorded in the result metadata. Missing: click exits 2.',
    source: at('app.py', 55),
  },
  THOTH_SI_CLOC_PACKAGE_VERSION: {
    form: text(),
    required: true,
    description: 'Version of the package (matched with === when downloading); recorded in the result metadata. Missing: click exits 2.',
    source: at('app.py', 62),
  },
  THOTH_SI_CLOC_PACKAGE_INDEX: {
    form: url('http', 'https'),
    default: 'https://pypi.org/simple',
    description:
      "Simple-API index the source distribution is downloaded from (pip download --no-binary=:all:); recorded in the result metadata, where the aggregator compares it with si-bandit's.",
    source: at('app.py', 69),
  },
  THOTH_SI_CLOC_DIR: {
    form: readPath(),
    description:
      'A directory with the package sources to count. Unset: the sdist (.tar.gz) is downloaded from the index into a temporary directory and cloc extracts it there; no sdist raises FileNotFoundError.',
    source: at('app.py', 48),
  },
  THOTH_SI_CLOC_OUTPUT: {
    form: writePath(),
    default: '-',
    description: 'File the result document is written to ("-": stdout; an http(s) URL: POSTed there).',
    source: at('app.py', 45),
  },
} as const satisfies Variables;

export const SI_CLOC_CONTRACT = defineContract({
  repository: 'thoth-station/si-cloc',
  tags: [TAG],
  source: `thoth-station/si-cloc@${TAG}`,
  summary:
    'Security indicator si-cloc: runs cloc on a directory (THOTH_SI_CLOC_DIR) or on the sdist of a package version downloaded from an index, and writes the counts as a thoth-analyzer document to THOTH_SI_CLOC_OUTPUT.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['python', '/opt/app-root/src/app.py']],
    source: at('app.py', 120),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_RSYSLOG,
    ...THOTH_ANALYZER_RESULT,
    ...CLOC,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  writes: [
    // tempfile.TemporaryDirectory for the downloaded sdist, and cloc's extraction directory.
    { path: '/tmp', source: at('app.py', 84) },
  ],
});
