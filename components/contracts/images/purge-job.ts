/**
 * thoth-station/purge-job at v0.1.0: the backend `purge` step.
 *
 * The image has no .s2i directory; the s2i base run script runs app.sh (executable in the repository),
 * which dispatches on THOTH_PURGE_JOB_SUBCOMMAND to `app.py adviser | package-extract | solver`.
 *
 * Every subcommand reads its options from THOTH_PURGE_* variables (not THOTH_PURGE_JOB_*: only the
 * selector carries JOB). Every subcommand connects to the knowledge graph AND to Ceph: thoth-storages
 * 0.61.0 first copies each document to be purged into <prefix>/<deployment>/<type>-purge-<datetime>/ and
 * deletes the original, then removes the database rows.
 *
 * Libraries at the versions the image pins: thoth-common 0.33.0 (the logging variables of the fragment,
 * plus RSYSLOG_HOST/RSYSLOG_PORT, declared below), thoth-storages 0.61.0 (the fragment's variables;
 * THOTH_STORAGES_RANDOMIZE_LISTING does not exist yet and is unused), click 8.0.3, python-dateutil 2.8.2.
 */
import { THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import { clickFlag, defineContract, integer, text } from '../../../src/contracts/model.js';

const JOB = 'thoth-station/purge-job@v0.1.0';
const APP = `${JOB}:app.py`;
const COMMON_033 = 'thoth-station/common@v0.33.0:thoth/common/logging.py';

const DATETIME =
  'A date or date-time python-dateutil can parse (e.g. 2021-06-01 or 2021-06-01T00:00:00); documents older than it are purged. Empty or unset: no date filter. Unparsable text stops the command (dateutil ParserError).';

export const PURGE_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/purge-job',
  tags: ['v0.1.0'],
  source: JOB,
  summary:
    'Purges old adviser, package-extract or solver results: archives each document in Ceph under a *-purge-<datetime> prefix, deletes it from its result store and removes its rows from the knowledge graph.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${JOB}:app.sh#L5-L19`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_STORAGES_GRAPH,
    ...THOTH_STORAGES_CEPH,
    RSYSLOG_HOST: {
      form: text(),
      description: 'thoth-common 0.33.0: with RSYSLOG_PORT, adds an RFC 5424 syslog handler sending to this host.',
      source: `${COMMON_033}#L39`,
    },
    RSYSLOG_PORT: {
      form: integer({ min: 1, max: 65535 }),
      description: 'thoth-common 0.33.0: syslog port, int() when RSYSLOG_HOST is set too.',
      source: `${COMMON_033}#L40`,
    },
    THOTH_PURGE_DEBUG: {
      form: clickFlag(),
      default: 'false',
      description: 'Group option --verbose (click BOOL): DEBUG level for thoth.purge.',
      source: `${APP}#L53`,
    },
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  modes: {
    selector: { variable: 'THOTH_PURGE_JOB_SUBCOMMAND' },
    otherwise: 'app.sh prints "Application configuration error - bad purge-job subcommand specified." and exits 1',
    source: `${JOB}:app.sh#L5-L19`,
    variants: {
      adviser: {
        description:
          'app.py adviser: purge adviser results, optionally only those of one adviser version and/or older than a date. With neither filter set, EVERY adviser result is purged.',
        source: `${JOB}:app.sh#L6-L7`,
        variables: {
          THOTH_PURGE_ADVISER_VERSION: {
            form: text(),
            description: 'Only purge results of this adviser version (e.g. 0.21.1); empty or unset: any version.',
            source: `${APP}#L113-L118`,
          },
          THOTH_PURGE_ADVISER_END_DATETIME: {
            form: text(),
            description: DATETIME,
            source: `${APP}#L120-L126`,
          },
        },
      },
      'package-extract': {
        description:
          'app.py package-extract: purge package-extract (image analysis) results, optionally only one analyzer version and/or older than a date. With neither filter set, EVERY package-extract result is purged.',
        source: `${JOB}:app.sh#L9-L10`,
        variables: {
          THOTH_PURGE_PACKAGE_EXTRACT_VERSION: {
            form: text(),
            description: 'Only purge results of this package-extract version; empty or unset: any version.',
            source: `${APP}#L139-L144`,
          },
          THOTH_PURGE_PACKAGE_EXTRACT_END_DATETIME: {
            form: text(),
            description: DATETIME,
            source: `${APP}#L146-L152`,
          },
        },
      },
      solver: {
        description: 'app.py solver: purge the solver results of one runtime environment (operating system name and version, Python version).',
        source: `${JOB}:app.sh#L12-L13`,
        variables: {
          THOTH_PURGE_OPERATING_SYSTEM_NAME: {
            form: text(),
            required: true,
            description: 'Operating system name of the solver results to purge (e.g. rhel, fedora); click required.',
            source: `${APP}#L77-L85`,
          },
          THOTH_PURGE_OPERATING_SYSTEM_VERSION: {
            form: text(),
            required: true,
            description: 'Operating system version (e.g. 8, 34); click required.',
            source: `${APP}#L86-L94`,
          },
          THOTH_PURGE_PYTHON_VERSION: {
            form: text(),
            required: true,
            description: 'Python version (e.g. 3.8); click required.',
            source: `${APP}#L95-L103`,
          },
        },
      },
    },
  },
});
