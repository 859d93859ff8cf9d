/**
 * thoth-station/graph-sync-job at v0.11.1: the `graph-sync` (local document) and `graph-sync-not-local`
 * (documents fetched from Ceph) steps of the backend, middletier and amun-inspection namespaces.
 *
 * The image has no .s2i directory, so it runs the s2i base run script, which finds no app.sh and runs
 * `python app.py` (one click command, no subcommands, no auto_envvar_prefix).
 *
 * The work is thoth-storages 0.74.1 `sync_documents`: each document id is routed by its prefix, taken as
 * the text between the last "/" and the FIRST "-" of the whole id: adviser-…, dependency-monkey-…,
 * inspection-…, package-extract-…, provenance-checker-…, solver-…, revsolver-…, security-indicator-….
 * A prefix outside that list raises ValueError (graceful is False). Without any id, every document of
 * every type in Ceph is synced (a full resync).
 *
 * Local mode (THOTH_SYNC_LOCAL_FILE on) reads each id as a FILE PATH: the file must be named by the
 * document id (its basename is checked against the database), no directory above it may contain "-",
 * and Ceph is never touched. Local inspection documents cannot be synced at this tag: the local branch
 * never assigns number_results and the next line raises UnboundLocalError.
 */
import { THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import { clickFlag, defineContract, list, pattern, text } from '../../../src/contracts/model.js';

const JOB = 'thoth-station/graph-sync-job@v0.11.1';
const APP = `${JOB}:app.py`;
const SYNC = 'thoth-station/storages@v0.74.1:thoth/storages/sync.py';

const PREFIXES = '(adviser|dependency|inspection|package|provenance|solver|revsolver|security)';

/** click's BOOL texts, for the selector. */
const ON = ['1', 'true', 'yes', 'y', 't', 'on'];
const OFF = ['0', 'false', 'no', 'n', 'f', 'off', ''];

export const GRAPH_SYNC_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/graph-sync-job',
  tags: ['v0.11.1'],
  source: JOB,
  summary:
    'Syncs result documents (adviser, provenance-checker, dependency-monkey, solver, revsolver, package-extract, inspection, security-indicator) into the knowledge graph, either from Ceph by document id or from local files, and pushes sync metrics to a Pushgateway.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${APP}#L217-L219`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_STORAGES_GRAPH,
    THOTH_GRAPH_SYNC_DEBUG: {
      form: clickFlag(),
      default: 'false',
      description: '--verbose (click BOOL): DEBUG level for thoth.graph_sync_job.',
      source: `${APP}#L160`,
    },
    THOTH_FORCE_SYNC: {
      form: clickFlag(),
      default: 'false',
      description: '--force-sync (click BOOL): sync documents even when the database already has them.',
      source: `${APP}#L166`,
    },
    THOTH_NAMESPACE: {
      form: text(),
      description: 'Only a label of the pushed metrics; unset logs a warning.',
      source: `${APP}#L117-L119`,
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: text(),
      description:
        'Pushgateway address (host:port or http(s) URL) the sync metrics are pushed to after the run (job graph-sync); unset: no push. A push error is logged, not fatal.',
      source: `${APP}#L47`,
    },
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  modes: {
    selector: { variable: 'THOTH_SYNC_LOCAL_FILE' },
    default: 'ceph',
    classify: (value: string) => {
      const seen = value.toLowerCase();
      if (ON.includes(seen)) return 'local';
      if (OFF.includes(seen)) return 'ceph';
      return undefined;
    },
    otherwise:
      'THOTH_SYNC_LOCAL_FILE is the --local-file switch (click BOOL: 1/0, true/false, yes/no, on/off); any other text, a path included, stops the command with "Invalid value for \'--local-file\'" (exit 2)',
    source: `${APP}#L178-L184`,
    variants: {
      ceph: {
        description:
          'THOTH_SYNC_LOCAL_FILE off or unset: the documents are fetched from Ceph by id (result stores under <THOTH_CEPH_BUCKET_PREFIX>/<THOTH_DEPLOYMENT_NAME>/<type>); without ids, every document in Ceph is synced.',
        source: `${SYNC}#L63-L67`,
        variables: {
          ...THOTH_STORAGES_CEPH,
          THOTH_SYNC_DOCUMENT_ID: {
            form: list(' ', pattern(`${PREFIXES}-[^/\\s]+`, 'a document id starting with its type (adviser-…, solver-…, package-extract-…, …)')),
            description:
              'Document ids to sync, separated by whitespace (a multiple click option read from one variable). Each is routed by its prefix; an unknown prefix raises ValueError. Unset or empty: every document of every type in Ceph is synced.',
            source: `${APP}#L171-L177`,
          },
        },
      },
      local: {
        description:
          'THOTH_SYNC_LOCAL_FILE on: each id in THOTH_SYNC_DOCUMENT_ID is a path to a local JSON document (for inspections, a directory with build/specification and results/<n>/result, which fails at this tag). Ceph is not used.',
        source: `${SYNC}#L54-L57`,
        variables: {
          THOTH_SYNC_DOCUMENT_ID: {
            form: list(
              ' ',
              pattern(
                `(/[^-\\s]*)?/${PREFIXES}-[^/\\s]+`,
                'an absolute path whose file name is the document id (…/adviser-…) with no "-" in the directories above it',
              ),
            ),
            required: true,
            description:
              'Paths of the documents to sync, separated by whitespace. Required: local mode without ids raises ValueError ("Cannot sync documents from local directory without explicitly specifying a list of documents"). The type is read from the file name up to the first "-" of the whole path, so the file must be named after the document id (adviser-…, solver-…) and no directory above it may contain "-"; the file name is also the id checked for "already synced".',
            source: `${APP}#L171-L177`,
          },
        },
      },
    },
  },
});
