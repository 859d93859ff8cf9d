/**
 * quay.io/thoth-station/buildlog-parser: extracts what Thoth knows how to read from an s2i build log
 * (the Pipfile.lock and .thoth.yaml printed, installed packages, adviser id, builder image, push
 * destination, ...).
 *
 * Read at thoth-station/buildlog-parser@v0.1.0 (refs/tags/v0.1.0). The image is an s2i build
 * (.aicoe-ci.yaml, build strategy Source) on quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1
 * (USER 1001, HOME=/opt/app-root/src); the assemble step installs the package (setup.py), and the s2i
 * run script executes app.sh, which runs `thoth-buildlog-parser parse`.
 * Pinned libraries (Pipfile.lock): click 7.1.2 (an empty variable counts as unset), thoth-common 0.21.3,
 * thoth-analyzer 0.1.8, jsonpath2 0.4.4. The group sets auto_envvar_prefix THOTH_BUILDLOG_PARSER in its
 * callback, so parse's options without envvar= are also read as THOTH_BUILDLOG_PARSER_PARSE_<OPTION>.
 * The program logs as thoth.build_logs (THOTH_LOG_BUILD_LOGS).
 */
import { clickFlag, defineContract, readPath, text, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_COMMON_RSYSLOG } from '../libraries/thoth-common-rsyslog.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v0.1.0';
const at = (path: string, line: number): string => `thoth-station/buildlog-parser@${TAG}:${path}#L${line}`;

const PARSER = {
  THOTH_BUILDLOG_PARSER_INPUT: {
    form: readPath(),
    default: '-',
    description: 'The file holding the build log ("-": stdin, which a workflow step does not provide).',
    source: at('thoth/buildlog_parser/cli.py', 95),
  },
  THOTH_BUILDLOG_PARSER_JSONPATH: {
    form: text(),
    required: true,
    description:
      'A JSONPath (jsonpath2) to the log text when the input is a JSON document; the program then parses the one matched string (no match or several: exit 1). The build logs Thoth stores (thoth-storages BuildLogsStore, the buildlogs/ prefix) are JSON documents with the text under "log", so with that input it must be "$.log": unset, the whole JSON text is parsed as one line and the result is empty without any error.',
    source: at('thoth/buildlog_parser/cli.py', 116),
  },
  THOTH_BUILDLOG_PARSER_OUTPUT: {
    form: writePath(),
    default: '-',
    description: 'File the result document is written to ("-": stdout; an http(s) URL: POSTed there).',
    source: at('thoth/buildlog_parser/cli.py', 106),
  },
  THOTH_BUILDLOG_PARSER_DEBUG: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL, option -v of the group): debug logging of thoth.build_logs.',
    source: at('thoth/buildlog_parser/cli.py', 56),
  },
  THOTH_BUILDLOG_PARSER_METADATA: {
    form: text(),
    description: 'Free text (JSON by convention) only recorded in the result metadata (metadata.arguments["thoth-buildlog-parser"].metadata).',
    source: at('thoth/buildlog_parser/cli.py', 70),
  },
  THOTH_BUILDLOG_PARSER_PARSE_NO_PRETTY: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL, --no-pretty read through auto_envvar_prefix): write the document without indentation.',
    source: at('thoth/buildlog_parser/cli.py', 101),
  },
} as const satisfies Variables;

export const BUILDLOG_PARSER_CONTRACT = defineContract({
  repository: 'thoth-station/buildlog-parser',
  tags: [TAG],
  source: `thoth-station/buildlog-parser@${TAG}`,
  summary:
    'thoth-buildlog-parser parse: reads a build log (or the log string a JSONPath selects in a JSON document), extracts the build facts Thoth knows, and writes a thoth-analyzer document to THOTH_BUILDLOG_PARSER_OUTPUT.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [['thoth-buildlog-parser', 'parse']],
    source: at('app.sh', 3),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_RSYSLOG,
    ...THOTH_ANALYZER_RESULT,
    ...PARSER,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
});
