/**
 * quay.io/thoth-station/mi: Meta-information Indicators (the srcopsmetrics package), which collects
 * GitHub repository data (pull requests, issues, ...) into Ceph and computes Kebechet metrics.
 *
 * Read at thoth-station/mi@v2.10.6 (refs/tags/v2.10.6). s2i build on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.20.1: the sources are in /opt/app-root/src (the working
 * directory; srcopsmetrics/cli.py exists there at this tag) and the s2i assemble step also ran
 * `pip install .`, so the package imports from any working directory. The image's own entry point
 * (s2i run, no app.sh, so `python app.py`) only prints the version: the work is done by running
 * `python3 srcopsmetrics/cli.py` with flags.
 *
 * cli.py calls the click command with auto_envvar_prefix="MI" (only when run as a script), so every
 * option is also read from MI_<OPTION>. click is 8.0.4 here: an auto-envvar set to the empty text is
 * NOT treated as unset (a boolean option then fails with "'' is not a valid boolean", a text option
 * takes the empty text). cli.py itself then overwrites KNOWLEDGE_PATH, MERGE_PATH, IS_LOCAL and
 * PROJECT in its own environment from those options, so setting KNOWLEDGE_PATH directly has no
 * effect. Paths are relative to the working directory and double as Ceph object keys
 * (os.path.relpath of the local path), and directories are created locally even when the data goes
 * to Ceph. mi never calls thoth-common's init_logging (logging.basicConfig at INFO): THOTH_LOG_*,
 * THOTH_LOGGING_NO_JSON, THOTH_ADJUST_LOGGING and SENTRY_DSN have no effect.
 *
 * Pinned libraries (Pipfile.lock): click 8.0.4, thoth-storages 0.70.0 (CephStore falls back to
 * THOTH_S3_ENDPOINT_URL / THOTH_CEPH_KEY_ID / THOTH_CEPH_SECRET_KEY / THOTH_CEPH_BUCKET for the
 * arguments mi passes as None, but not for the prefix), PyGithub 1.55, pydriller (clones under /tmp).
 */
import { defineContract, list, oneOf, pattern, text, url, type Flag, type Form, type Variables } from '../../../src/contracts/model.js';
import { THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v2.10.6';
const at = (path: string, line: number): string => `thoth-station/mi@${TAG}:${path}#L${line}`;
const CLI = (line: number): string => at('srcopsmetrics/cli.py', line);
const CEPH = (line: number): string => `thoth-station/storages@v0.70.0:thoth/storages/ceph.py#L${line}`;

/**
 * click 8.0's BOOL for an option read through auto_envvar_prefix: the empty text is passed on and
 * rejected (click 8.1 would treat it as unset).
 */
const click80Flag = {
  type: 'flag',
  on: ['1', 'true', 't', 'yes', 'y', 'on'],
  off: ['0', 'false', 'f', 'no', 'n', 'off'],
  otherwise: 'error',
  caseInsensitive: true,
} as const satisfies Form;

const ENTITIES = [
  'CodeFrequency',
  'Commit',
  'DependencyUpdate',
  'Fork',
  'Issue',
  'IssueEvent',
  'KebechetUpdateManager',
  'License',
  'PullRequest',
  'PullRequestDiscussion',
  'RawIssue',
  'RawPullRequest',
  'ReadMe',
  'Release',
  'Stargazer',
  'TrafficClones',
  'TrafficPaths',
  'TrafficReferrers',
  'TrafficViews',
] as const;

const RELATIVE_PATH = pattern('[^/\\s].*', 'a path relative to the working directory (it is also the Ceph object key prefix)');

/** The click options, as MI_<OPTION> (auto_envvar_prefix="MI", cli.py#L219). */
const OPTIONS = {
  MI_REPOSITORY: {
    form: list(',', pattern('[^/\\s]+/[^/\\s]+', 'owner/repository')),
    description:
      '--repository: comma-separated GitHub repositories (owner/name) to analyse. With neither this nor MI_ORGANIZATION, --create-knowledge and --thoth analyse nothing (and --metrics fails on an empty list). REPOSITORY is not read.',
    source: CLI(49),
  },
  MI_ORGANIZATION: {
    form: text(),
    description: '--organization: analyse all repositories of this GitHub organization.',
    source: CLI(58),
  },
  MI_CREATE_KNOWLEDGE: {
    form: click80Flag,
    description: '--create-knowledge: collect the entities of the repositories and store them (Ceph unless MI_IS_LOCAL). CREATE_KNOWLEDGE is not read.',
    source: CLI(65),
  },
  MI_PROCESS_KNOWLEDGE: {
    form: click80Flag,
    description: '--process-knowledge: accepted but unused by cli() at this tag.',
    source: CLI(73),
  },
  MI_IS_LOCAL: {
    form: click80Flag,
    description: '--is-local: store and load knowledge as local files under the working directory instead of Ceph.',
    source: CLI(80),
  },
  MI_ENTITIES: {
    form: list(',', oneOf(ENTITIES)),
    description:
      '--entities: comma-separated entity class names to collect; unset or empty collects all. Unknown names are dropped silently unless none is known (NotKnownEntitiesError). ENTITIES is not read.',
    source: CLI(86),
  },
  MI_VISUALIZE_STATISTICS: {
    form: click80Flag,
    description: '--visualize-statistics: only used with --thoth --metrics.',
    source: CLI(99),
  },
  MI_REVIEWER_RECCOMENDER: {
    form: click80Flag,
    description: '--reviewer-reccomender (sic): accepted but unused by cli() at this tag.',
    source: CLI(106),
  },
  MI_KNOWLEDGE_PATH: {
    form: RELATIVE_PATH,
    default: './srcopsmetrics/',
    description:
      '--knowledge-path: root of the collected knowledge, relative to the working directory; cli() copies it into KNOWLEDGE_PATH (so KNOWLEDGE_PATH itself is overwritten and not read from the pod). Entities are stored at <path>/bot_knowledge/<owner>/<repo>/<entity>.json, locally created as directories and used as the Ceph object key. Empty text is taken as is (click 8.0): files land directly under the working directory.',
    source: CLI(109),
  },
  MI_THOTH: {
    form: click80Flag,
    description:
      "--thoth: Kebechet metrics. With --create-knowledge (and without --merge): compute yesterday's Kebechet update-manager metrics per repository and store them under MI_MERGE_PATH. With --merge: required (--merge without --thoth raises NotImplementedError).",
    source: CLI(119),
  },
  MI_METRICS: {
    form: click80Flag,
    description: '--metrics: with --thoth, compute pull request and issue scores for the first repository.',
    source: CLI(126),
  },
  MI_MERGE: {
    form: click80Flag,
    description: '--merge: merge the per-repository Kebechet metrics of yesterday into overall_<file> under MI_MERGE_PATH (needs --thoth).',
    source: CLI(133),
  },
  MI_MERGE_PATH: {
    form: RELATIVE_PATH,
    default: './srcopsmetrics/metrics',
    description:
      '--merge-path: where Kebechet metrics are written (and, for --merge, searched), relative to the working directory and used as the Ceph key prefix; cli() copies it into MERGE_PATH. Empty text is taken as is (click 8.0): metrics land at <owner>/<repo>/ directly under the working directory.',
    source: CLI(140),
  },
} as const satisfies Variables;

/** Storage and GitHub access, read at import by several modules. */
const ACCESS = {
  GITHUB_ACCESS_TOKEN: {
    form: text(),
    required: true,
    description:
      'GitHub token for PyGithub (read by github_handling, github_knowledge, kebechet_metrics, metrics, storage). Unset means anonymous calls: 60 requests an hour and no traffic data, so no useful collection.',
    source: at('srcopsmetrics/github_handling.py', 31),
  },
  CEPH_BUCKET_PREFIX: {
    form: text(),
    required: true,
    description:
      'Object key prefix in the bucket, passed to CephStore as its prefix. Unlike the other Ceph settings it has no THOTH_ fallback: unset makes CephStore fail (None.endswith) at the first Ceph access, i.e. in every run that is not --is-local. THOTH_CEPH_BUCKET_PREFIX is not read.',
    source: at('srcopsmetrics/storage.py', 102),
  },
  S3_ENDPOINT_URL: {
    form: url('http', 'https'),
    description: 'S3 endpoint; unset falls back to THOTH_S3_ENDPOINT_URL (one of the two is needed unless --is-local).',
    source: at('srcopsmetrics/storage.py', 103),
  },
  CEPH_KEY_ID: {
    form: text(),
    description: 'S3 access key id; unset falls back to THOTH_CEPH_KEY_ID (one of the two is needed unless --is-local).',
    source: at('srcopsmetrics/storage.py', 100),
  },
  CEPH_SECRET_KEY: {
    form: text(),
    description: 'S3 secret key; unset falls back to THOTH_CEPH_SECRET_KEY (one of the two is needed unless --is-local).',
    source: at('srcopsmetrics/storage.py', 101),
  },
  CEPH_BUCKET: {
    form: text(),
    description: 'S3 bucket; unset falls back to THOTH_CEPH_BUCKET (one of the two is needed unless --is-local).',
    source: at('srcopsmetrics/storage.py', 104),
  },
  THOTH_S3_ENDPOINT_URL: {
    form: url('http', 'https'),
    description: 'Read by CephStore (os.environ[...], KeyError when unset) only when S3_ENDPOINT_URL is unset or empty.',
    source: CEPH(49),
  },
  THOTH_CEPH_KEY_ID: {
    form: text(),
    description: 'Read by CephStore (os.environ[...]) only when CEPH_KEY_ID is unset or empty.',
    source: CEPH(50),
  },
  THOTH_CEPH_SECRET_KEY: {
    form: text(),
    description: 'Read by CephStore (os.environ[...]) only when CEPH_SECRET_KEY is unset or empty.',
    source: CEPH(51),
  },
  THOTH_CEPH_BUCKET: {
    form: text(),
    description: 'Read by CephStore (os.environ[...]) only when CEPH_BUCKET is unset or empty.',
    source: CEPH(52),
  },
  THOTH_CEPH_REGION: {
    form: text(),
    description: 'S3 region for CephStore (mi passes none); unset means none.',
    source: CEPH(53),
  },
} as const satisfies Variables;

const switchFlag = (description: string, line: number): Flag => ({ form: 'switch', description, source: CLI(line) });
const valueFlag = (form: Form, description: string, line: number): Flag => ({ form, description, source: CLI(line) });

/** Where --create-knowledge creates its directories with the default working directory. */
const KNOWLEDGE_DIRECTORY = { path: 'srcopsmetrics/bot_knowledge', source: at('srcopsmetrics/bot_knowledge.py', 71) };

export const MI_CONTRACT = defineContract({
  repository: 'thoth-station/mi',
  tags: [TAG],
  source: `thoth-station/mi@${TAG}`,
  summary:
    'srcopsmetrics CLI: --create-knowledge collects GitHub entities of repositories into Ceph (optionally --thoth Kebechet metrics), --merge (with --thoth) merges daily Kebechet metrics. Run as `python3 srcopsmetrics/cli.py <flags>` in /opt/app-root/src; options also come from MI_<OPTION>.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    alternatives: [
      ['python3', 'srcopsmetrics/cli.py'],
      ['python3', '/opt/app-root/src/srcopsmetrics/cli.py'],
    ],
    workingDir: '/opt/app-root/src',
    source: at('app.py', 22),
  },
  variables: {
    ...THOTH_STORAGES_IMPORT,
    ...OPTIONS,
    ...ACCESS,
  },
  modes: {
    selector: { argument: 0 },
    default: 'environment',
    classify: (value: string) =>
      (({ '--create-knowledge': 'create-knowledge', '-c': 'create-knowledge', '--merge': 'merge' }) as Readonly<Record<string, string>>)[value],
    otherwise:
      'the first argument is read here as the action flag (--create-knowledge or --merge); click accepts the flags in any order, so put the action first (a misspelt flag is "No such option", exit 2)',
    source: CLI(147),
    variants: {
      environment: {
        description: 'No command-line flags: the action comes from MI_CREATE_KNOWLEDGE / MI_THOTH / MI_MERGE (none set: nothing is done).',
        source: CLI(219),
        writes: [KNOWLEDGE_DIRECTORY],
      },
      'create-knowledge': {
        description:
          'Collect entities for MI_REPOSITORY / MI_ORGANIZATION. Creates <working directory>/srcopsmetrics/bot_knowledge/<owner>/<repo> and <working directory>/<MI_KNOWLEDGE_PATH>/bot_knowledge/<owner>/<repo> (and with MI_THOTH <working directory>/<MI_MERGE_PATH>/<owner>/<repo>) even when storing to Ceph: the working directory must be writable (or those directories mounted).',
        source: CLI(177),
        writes: [KNOWLEDGE_DIRECTORY],
      },
      merge: {
        description:
          "With MI_THOTH on: sum yesterday's kebechet_update_manager_<day>.json files found by walking the LOCAL directory <working directory>/<MI_MERGE_PATH> and store overall_<file> (Ceph unless MI_IS_LOCAL). Writes no local directory.",
        source: CLI(209),
        limitations: [
          {
            rule: 'contract/image',
            message:
              '--merge walks the local directory <working directory>/<MI_MERGE_PATH> for the per-repository metrics files, which only exist locally in --is-local runs in the same file system; in a fresh pod storing to Ceph it finds nothing and stores all-zero totals (the per-repository files written by the analyse runs are in Ceph, not searched).',
            source: at('srcopsmetrics/kebechet_metrics.py', 239),
          },
        ],
      },
    },
  },
  arguments: {
    unknownFlags: 'error',
    flags: {
      '--repository': valueFlag(text(), 'Comma-separated owner/repo list (or MI_REPOSITORY).', 49),
      '-r': valueFlag(text(), 'Short for --repository.', 49),
      '--organization': valueFlag(text(), 'GitHub organization (or MI_ORGANIZATION).', 58),
      '-o': valueFlag(text(), 'Short for --organization.', 58),
      '--create-knowledge': switchFlag('Collect knowledge.', 65),
      '-c': switchFlag('Short for --create-knowledge.', 65),
      '--process-knowledge': switchFlag('Unused at this tag.', 73),
      '-p': switchFlag('Short for --process-knowledge.', 73),
      '--is-local': switchFlag('Local files instead of Ceph.', 80),
      '-l': switchFlag('Short for --is-local.', 80),
      '--entities': valueFlag(list(',', oneOf(ENTITIES)), 'Comma-separated entity names (or MI_ENTITIES).', 86),
      '-e': valueFlag(list(',', oneOf(ENTITIES)), 'Short for --entities.', 86),
      '--visualize-statistics': switchFlag('With --thoth --metrics.', 99),
      '-v': switchFlag('Short for --visualize-statistics.', 99),
      '--reviewer-reccomender': switchFlag('Unused at this tag.', 106),
      '-R': switchFlag('Short for --reviewer-reccomender.', 106),
      '--knowledge-path': valueFlag(RELATIVE_PATH, 'Knowledge root relative to the working directory (or MI_KNOWLEDGE_PATH).', 109),
      '-k': valueFlag(RELATIVE_PATH, 'Short for --knowledge-path.', 109),
      '--thoth': switchFlag('Kebechet metrics.', 119),
      '-t': switchFlag('Short for --thoth.', 119),
      '--metrics': switchFlag('Repository scores (with --thoth).', 126),
      '--merge': switchFlag('Merge Kebechet metrics (with --thoth).', 133),
      '-m': switchFlag('Declared for both --metrics and --merge; click keeps one of them: spell the long flag.', 133),
      '--merge-path': valueFlag(RELATIVE_PATH, 'Metrics root relative to the working directory (or MI_MERGE_PATH).', 140),
      '-M': valueFlag(RELATIVE_PATH, 'Short for --merge-path.', 140),
    },
  },
});
