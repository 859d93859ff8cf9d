/**
 * quay.io/thoth-station/prescriptions-refresh-job: periodic jobs that keep the
 * thoth-station/prescriptions repository up to date by opening pull requests against it.
 *
 * Read at thoth-station/prescriptions-refresh-job@v0.8.0 (refs/tags/v0.8.0). s2i build on
 * quay.io/thoth-station/s2i-thoth-ubi8-py38:v0.35.0 (working directory and HOME /opt/app-root/src; uid
 * 1001 is the image's "default" user, so it has a passwd entry). The s2i `run` script executes app.sh,
 * which stops when THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND is empty and otherwise runs
 * `python3 thoth-prescriptions-refresh "$THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND"` (a click group).
 *
 * The CLI imports every handler module, so every module-level read (the integer thresholds below) is
 * done in every mode, and int() of a non-integer stops any subcommand at import. Every subcommand
 * builds `Prescriptions()`, which at construction clones THOTH_PRESCRIPTIONS_REFRESH_REPO (an SSH
 * remote) into a temporary directory and requires THOTH_PRESCRIPTIONS_REFRESH_GITHUB_TOKEN.
 *
 * Pinned libraries (Pipfile.lock): click 8.1.3, thoth-common 0.36.5 (init_logging(), THOTH_LOG_*),
 * thoth-storages 0.73.5, ogr 0.40.0 (GitHub App first when GITHUB_APP_ID is set), GitPython 3.1.29,
 * google-cloud-bigquery 3.3.5 (credentials from GOOGLE_APPLICATION_CREDENTIALS through google-auth).
 * PROMETHEUS_PUSHGATEWAY_* appear only in the README: the code pushes no metrics.
 */
import { clickFlag, defineContract, integer, list, oneOf, pattern, pythonIntFlag, readPath, text, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_CEPH, THOTH_STORAGES_GRAPH, THOTH_STORAGES_IMPORT } from '../libraries/thoth-storages.js';

const TAG = 'v0.8.0';
const at = (path: string, line: number): string => `thoth-station/prescriptions-refresh-job@${TAG}:${path}#L${line}`;
const H = 'thoth/prescriptions_refresh/handlers';

/** Read by Prescriptions (every subcommand) and by the click group. */
const PRESCRIPTIONS = {
  THOTH_PRESCRIPTIONS_REFRESH_GITHUB_TOKEN: {
    form: text(),
    required: true,
    description:
      'One or more GitHub tokens separated by commas or new lines; a random one is used per request (GitHub API calls of the gh-* handlers, and the ogr token for pull requests when no App is configured). Unset or empty: NotImplementedError when Prescriptions() is built, in every subcommand.',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 96),
  },
  THOTH_PRESCRIPTIONS_REFRESH_REPO: {
    form: pattern('[^@:/\\s]+@[^:/\\s]+:[^/\\s]+/[^/\\s]+', 'an scp-like SSH remote, user@host:organization/repository(.git)'),
    default: 'git@github.com:thoth-station/prescriptions.git',
    description:
      'Prescriptions repository: cloned (depth 1) and pushed to with git, and split at ":" and "/" into organization and repository for the GitHub pull requests, so it must be an scp-like SSH remote (an https:// URL yields an empty organization). Cloning and pushing need an SSH key that can push (see GIT_SSH_COMMAND).',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 57),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GITHUB_LABELS: {
    form: list(','),
    default: 'bot',
    description: 'Comma-separated labels added to the opened pull requests (read at import and by click --labels).',
    source: at('thoth/prescriptions_refresh/cli.py', 83),
  },
  THOTH_PRESCRIPTIONS_REFRESH_DEBUG: {
    form: clickFlag(),
    description: 'Debug logging for thoth.prescriptions_refresh (click BOOL of the group option --verbose).',
    source: at('thoth/prescriptions_refresh/cli.py', 52),
  },
  THOTH_PRESCRIPTIONS_REFRESH_RANDOMIZE: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer shuffles the walk over the prescriptions files; bool(int()) at import.',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 42),
  },
  THOTH_PRESCRIPTIONS_DRY_RUN: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Read (bool(int()) at import) but used by no code path at this tag.',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 43),
  },
  GITHUB_APP_ID: {
    form: integer({ min: 1 }),
    description:
      'GitHub App id for opening the pull requests through ogr; when set, ogr authenticates as the App and the token is not used for the pull request (GitHub API calls of the handlers still use the tokens).',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 89),
  },
  GITHUB_PRIVATE_KEY_PATH: {
    form: readPath(),
    description: 'GitHub App private key file (PEM); ogr raises when it does not exist. Without it an App id alone gives anonymous calls.',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 90),
  },
  GIT_SSH_COMMAND: {
    form: text(),
    description:
      'Read by git for the SSH clone and push of the prescriptions repository. The image holds no SSH key and no known_hosts entry for github.com: pass the key and host-key handling here (e.g. "ssh -i <mounted key> -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null"), or mount the key at /opt/app-root/src/.ssh/id_rsa. Without either, the clone fails in every subcommand.',
    source: at('thoth/prescriptions_refresh/prescriptions.py', 74),
  },
} as const satisfies Variables;

/** Module-level int() reads of the handlers, done at import in every subcommand. */
const THRESHOLDS = {
  THOTH_PRESCRIPTIONS_REFRESH_CVE_WARNING_COUNT: {
    form: integer({ min: 0 }),
    default: '3',
    description: 'cve-warning: number of known CVEs from which a project gets a warning.',
    source: at(`${H}/cve_warning.py`, 32),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GH_CONTRIBUTORS_COUNT: {
    form: integer({ min: 0 }),
    default: '5',
    description: 'gh-contributors: contributor count below which a project is reported.',
    source: at(`${H}/gh_contributors.py`, 34),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GH_POPULARITY_LOW: {
    form: integer({ min: 0 }),
    default: '20',
    description: 'gh-popularity: star threshold of "low".',
    source: at(`${H}/gh_popularity.py`, 37),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GH_POPULARITY_MODERATE: {
    form: integer({ min: 0 }),
    default: '100',
    description: 'gh-popularity: star threshold of "moderate".',
    source: at(`${H}/gh_popularity.py`, 38),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GH_POPULARITY_HIGH: {
    form: integer({ min: 0 }),
    default: '1000',
    description: 'gh-popularity: star threshold of "high".',
    source: at(`${H}/gh_popularity.py`, 39),
  },
  THOTH_PRESCRIPTIONS_REFRESH_GH_UPDATED_DAYS: {
    form: integer({ min: 0 }),
    default: '365',
    description: 'gh-updated: days without an update after which a project is reported.',
    source: at(`${H}/gh_updated.py`, 35),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_ARTIFACT_REPORT_SIZE: {
    form: integer({ min: 0 }),
    default: '3145728',
    description: 'pypi-artifact-size: artifact size in bytes from which it is reported.',
    source: at(`${H}/pypi_artifact_size.py`, 36),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_POPULARITY_LOW: {
    form: integer({ min: 0 }),
    default: '20',
    description: 'pypi-downloads: download threshold of "low".',
    source: at(`${H}/pypi_downloads.py`, 37),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_POPULARITY_MODERATE: {
    form: integer({ min: 0 }),
    default: '100',
    description: 'pypi-downloads: download threshold of "moderate".',
    source: at(`${H}/pypi_downloads.py`, 38),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_POPULARITY_HIGH: {
    form: integer({ min: 0 }),
    default: '1000',
    description: 'pypi-downloads: download threshold of "high".',
    source: at(`${H}/pypi_downloads.py`, 39),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_DOWNLOADS_TIME_INTERVAL: {
    form: integer({ min: 0 }),
    default: '180',
    description: 'pypi-downloads: days of download statistics queried.',
    source: at(`${H}/pypi_downloads.py`, 41),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_MAINTAINER_PROJECTS_COUNT: {
    form: integer({ min: 0 }),
    default: '3',
    description: 'pypi-maintainers: projects per maintainer threshold.',
    source: at(`${H}/pypi_maintainers.py`, 38),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_PROJECT_MAINTAINERS_COUNT: {
    form: integer({ min: 0 }),
    default: '3',
    description: 'pypi-maintainers: maintainers per project threshold.',
    source: at(`${H}/pypi_maintainers.py`, 39),
  },
  THOTH_PRESCRIPTIONS_REFRESH_PYPI_MAINTAINER_JOINED_AGE_DAYS: {
    form: integer({ min: 0 }),
    default: '180',
    description: 'pypi-maintainers: maintainer account age threshold in days.',
    source: at(`${H}/pypi_maintainers.py`, 40),
  },
  THOTH_PRESCRIPTIONS_PYPI_RELEASE_DAYS: {
    form: integer({ min: 0 }),
    default: '180',
    description: 'pypi-release: days without a release after which a package is reported (no _REFRESH_ in the name).',
    source: at(`${H}/pypi_release.py`, 34),
  },
  THOTH_PRESCRIPTIONS_REFRESH_SCORECARD_FRESHNESS_WEEKS: {
    form: integer({ min: 0 }),
    default: '2',
    description: 'scorecards: age in weeks of the scorecard rows queried.',
    source: at(`${H}/scorecards.py`, 65),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_DAYS: {
    form: integer({ min: 0 }),
    default: '182',
    description: 'thoth-community: days of adviser documents aggregated.',
    source: at(`${H}/thoth_community/handler.py`, 60),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_PACKAGE_NAMES: {
    form: integer({ min: 0 }),
    default: '25',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 62),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_PACKAGE_VERSIONS: {
    form: integer({ min: 0 }),
    default: '50',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 63),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_DEV_PACKAGE_NAMES: {
    form: integer({ min: 0 }),
    default: '10',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 64),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_DEV_PACKAGE_VERSIONS: {
    form: integer({ min: 0 }),
    default: '20',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 65),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_BASE_IMAGES: {
    form: integer({ min: 0 }),
    default: '10',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 66),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_BASE_IMAGE_VERSIONS: {
    form: integer({ min: 0 }),
    default: '10',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 67),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_PYTHON_VERSIONS: {
    form: integer({ min: 0 }),
    default: '3',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 68),
  },
  THOTH_PRESCRIPTIONS_REFRESH_THOTH_COMMUNITY_TOP_OPERATING_SYSTEMS: {
    form: integer({ min: 0 }),
    default: '5',
    description: 'thoth-community: size of the top list.',
    source: at(`${H}/thoth_community/handler.py`, 69),
  },
} as const satisfies Variables;

/** Quay access (read at import of handlers/quay/common.py; used by the quay-* and thoth-image-analysis subcommands). */
const QUAY = {
  THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN: {
    form: text(),
    description: 'Quay API bearer token used to list and inspect the predictable-stack images.',
    source: at(`${H}/quay/common.py`, 31),
  },
  THOTH_PRESCRIPTIONS_REFRESH_QUAY_PS_NAMESPACE_NAME: {
    form: text(),
    default: 'thoth-station',
    description: 'Quay namespace whose ps-* and s2i-* repositories are inspected.',
    source: at(`${H}/quay/common.py`, 32),
  },
  THOTH_PRESCRIPTIONS_REFRESH_QUAY_PS_NAMESPACE_PUBLIC: {
    form: pythonIntFlag(),
    default: '1',
    description: 'bool(int()) at import: list only public repositories of the namespace.',
    source: at(`${H}/quay/common.py`, 33),
  },
  THOTH_PRESCRIPTIONS_REFRESH_CONFIGURED_IMAGES: {
    form: text(),
    description: 'Further image names to inspect, one per line ("#" starts a comment line).',
    source: at(`${H}/quay/common.py`, 34),
  },
  THOTH_PRESCRIPTIONS_REFRESH_QUAY_URL: {
    form: pattern('[A-Za-z0-9.-]+(:[0-9]+)?', 'a registry host name (no scheme): https:// is prepended'),
    default: 'quay.io',
    description: 'Quay host; the API is called at https://<host>/api/v1/...',
    source: at(`${H}/quay/common.py`, 35),
  },
} as const satisfies Variables;

/** Read at import of handlers/image_analysis.py. */
const IMAGE_ANALYSIS = {
  THOTH_USER_API_HOST: {
    form: pattern('[A-Za-z0-9.-]+(:[0-9]+)?', 'a host[:port] (no scheme; the scheme comes from THOTH_PRESCRIPTIONS_REFRESH_SCHEME_PROTOCOL)'),
    description: 'Thoth user-api host queried for container image analyses.',
    source: at(`${H}/image_analysis.py`, 84),
  },
  THOTH_PRESCRIPTIONS_REFRESH_SCHEME_PROTOCOL: {
    form: oneOf(['http', 'https']),
    default: 'http',
    description: 'Scheme of the user-api calls; anything else raises ValueError in thoth-image-analysis.',
    source: at(`${H}/image_analysis.py`, 85),
  },
  THOTH_PRESCRIPTIONS_REFRESH_ML_PACKAGES: { form: text(), description: 'Representative ML packages, one per line.', source: at(`${H}/image_analysis.py`, 72) },
  THOTH_PRESCRIPTIONS_REFRESH_NLP_PACKAGES: {
    form: text(),
    description: 'Representative NLP packages, one per line.',
    source: at(`${H}/image_analysis.py`, 73),
  },
  THOTH_PRESCRIPTIONS_REFRESH_CV_PACKAGES: {
    form: text(),
    description: 'Representative computer-vision packages, one per line.',
    source: at(`${H}/image_analysis.py`, 74),
  },
} as const satisfies Variables;

const GOOGLE_CREDENTIALS = {
  form: readPath(),
  required: true,
  description:
    'Service-account JSON key file read by google-auth for the BigQuery client (which also takes its project from it). Unset outside Google Cloud: google.auth.default() raises DefaultCredentialsError.',
} as const;

const QUAY_TOKEN_REQUIRED = {
  ...QUAY.THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN,
  required: true,
  description: `${QUAY.THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN.description} Unset or empty: ValueError("No Token to Quay API provided").`,
} as const;

/** One subcommand: where click defines it and what it reads besides the common variables. */
const mode = <const V extends Variables = Record<never, never>>(description: string, line: number, variables?: V) => ({
  description,
  source: at('thoth/prescriptions_refresh/cli.py', line),
  variables: variables ?? ({} as V),
});

export const PRESCRIPTIONS_REFRESH_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/prescriptions-refresh-job',
  tags: [TAG],
  source: `thoth-station/prescriptions-refresh-job@${TAG}`,
  summary:
    'Refreshes the thoth-station/prescriptions repository: one click subcommand per kind of prescription (GitHub, PyPI, Quay, OSSF scorecards, Thoth data), selected by THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND; each clones the repository over SSH under /tmp and opens pull requests.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: at('app.sh', 12),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...THOTH_STORAGES_IMPORT,
    ...PRESCRIPTIONS,
    ...THRESHOLDS,
    ...QUAY,
    ...IMAGE_ANALYSIS,
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  writes: [{ path: '/tmp', source: at('thoth/prescriptions_refresh/prescriptions.py', 74) }],
  modes: {
    selector: { variable: 'THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND' },
    otherwise:
      'unset or empty: app.sh prints "No sub-command defined ..." and exits 1; any other text: click prints "No such command" and exits 2 (names are hyphenated and most carry their prefix: pypi-release, not release; thoth-image-analysis, not image-analysis)',
    source: at('app.sh', 7),
    variants: {
      'gh-link': mode('Finds GitHub links of projects on PyPI; lists projects from the prescriptions and the knowledge graph.', 103, {
        ...THOTH_STORAGES_GRAPH,
      }),
      'gh-archived': mode('Reports projects whose GitHub repository is archived (GitHub API with the tokens).', 110),
      'gh-forked': mode('Reports projects whose GitHub repository is a fork.', 117),
      'gh-popularity': mode('Rates projects by GitHub stars.', 124),
      'gh-updated': mode('Reports projects not updated on GitHub for a while.', 131),
      'gh-contributors': mode('Reports projects with few GitHub contributors.', 138),
      'gh-release-notes': mode('Links GitHub release notes of projects.', 145),
      scorecards: mode('Creates prescriptions from OSSF scorecards queried in BigQuery.', 152, {
        GOOGLE_APPLICATION_CREDENTIALS: { ...GOOGLE_CREDENTIALS, source: at(`${H}/scorecards.py`, 917) },
      }),
      'cve-warning': mode('Warns about projects with many known CVEs (knowledge graph).', 159, {
        ...THOTH_STORAGES_GRAPH,
      }),
      'quay-security': mode('Security information of the predictable-stack container images on Quay.', 166, {
        THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN: { ...QUAY_TOKEN_REQUIRED, source: at(`${H}/quay/security.py`, 252) },
      }),
      'quay-image-size': mode('Size of the predictable-stack container images on Quay (the token is sent but not checked).', 173),
      'thoth-image-analysis': mode("Prescriptions from Thoth's container image analyses (Quay listing, then user-api).", 180, {
        THOTH_PRESCRIPTIONS_REFRESH_QUAY_TOKEN: { ...QUAY_TOKEN_REQUIRED, source: at(`${H}/image_analysis.py`, 168) },
        THOTH_USER_API_HOST: {
          ...IMAGE_ANALYSIS.THOTH_USER_API_HOST,
          required: true,
          description: `${IMAGE_ANALYSIS.THOTH_USER_API_HOST.description} Unset or empty: ValueError("No user-api host provided").`,
          source: at(`${H}/image_analysis.py`, 171),
        },
      }),
      'thoth-community': mode('Thoth community statistics aggregated from adviser documents in Ceph (AdvisersResultsStore).', 187, {
        ...THOTH_STORAGES_CEPH,
      }),
      'pypi-artifact-size': mode('Reports large artifacts of packages (knowledge graph, PyPI).', 194, {
        ...THOTH_STORAGES_GRAPH,
      }),
      'pypi-downloads': mode("Download statistics from the PyPI BigQuery dataset (creates dataset pypi_downloads in the credentials' project).", 201, {
        GOOGLE_APPLICATION_CREDENTIALS: { ...GOOGLE_CREDENTIALS, source: at(`${H}/pypi_downloads.py`, 148) },
      }),
      'pypi-maintainers': mode('Warns about projects with a weak maintainer base (scrapes pypi.org).', 208),
      'pypi-release': mode('Warns about packages without a release for a while (PyPI JSON API).', 215),
    },
  },
});
