/**
 * The rsyslog handler of thoth-common before v0.36: thoth/common/logging.py reads RSYSLOG_HOST and
 * RSYSLOG_PORT at import (v0.21.x to v0.34.1 alike, same lines), and init_logging adds an RFC 5424
 * syslog handler when both are set. v0.36.x (the version thoth-common.ts was read at) no longer reads
 * them. Images pinning an older thoth-common (si-cloc, si-bandit and si-aggregator: 0.33.0;
 * package-extract: 0.34.1; buildlog-parser: 0.21.3) spread this fragment besides THOTH_COMMON_LOGGING.
 *
 * Written by helper h4-solver-si; the lead may move it into thoth-common.ts.
 */
import { integer, text, type Variables } from '../../../src/contracts/model.js';

const COMMON = 'thoth-station/common@v0.33.0';

export const THOTH_COMMON_RSYSLOG = {
  RSYSLOG_HOST: {
    form: text(),
    description:
      'Host of an rsyslog endpoint; with RSYSLOG_PORT, logs are also sent there. Setting only one of the two makes init_logging raise RuntimeError ("Please provide both RSYSLOG_HOST and RSYSLOG_PORT"), stopping the program at start.',
    source: `${COMMON}:thoth/common/logging.py#L39`,
  },
  RSYSLOG_PORT: {
    form: integer({ min: 1, max: 65535 }),
    description:
      'Port of the rsyslog endpoint, parsed with int() when RSYSLOG_HOST is set too (a non-integer raises ValueError at start); setting only one of the two raises RuntimeError.',
    source: `${COMMON}:thoth/common/logging.py#L40`,
  },
} as const satisfies Variables;
