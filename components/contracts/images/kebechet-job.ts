/**
 * quay.io/thoth-station/kebechet-job: Kebechet, the bot that keeps a repository's dependencies (and
 * releases, labels, Thoth advice) up to date by opening pull requests and issues.
 *
 * Read at thoth-station/kebechet@v1.11.2 (refs/tags/v1.11.2). The image is NOT an s2i build:
 * `.aicoe-ci.yaml` builds the Dockerfile (FROM ubi8, WORKDIR /home/user, ENV HOME=/home/user/,
 * PIPENV_CACHE_DIR=/tmp/kebechet-cache, USER 1042, CMD ./app.sh). `pipenv install` ran at build time
 * as root with HOME=/home/user/, so the virtualenv is /home/user/.local/share/virtualenvs/user-<hash>
 * and `pipenv run` finds it only while HOME (or WORKON_HOME) points there. app.sh adds a passwd entry
 * for the running uid (only if /etc/passwd is writable), overwrites GIT_SSH_COMMAND and dispatches on
 * KEBECHET_SUBCOMMAND to `pipenv run python3 kebechet-cli <subcommand>` (kebechet-cli is a symlink
 * to kebechet/cli.py, a click group).
 *
 * Pinned libraries (Pipfile.lock): click 8.1.3 (an empty explicit envvar counts as unset),
 * thoth-common 0.36.6 (init_logging with the prefix KEBECHET_LOG_ instead of THOTH_LOG_), thamos
 * 1.29.1, ogr 0.40.0 (with GITHUB_APP_ID set, GitHub App authentication takes priority over the token;
 * without a readable key file it falls back to anonymous calls), GitPython 3.1.29, PyGithub 1.57.
 * Kebechet talks to git forges only: no Kubernetes API, no database, no Ceph.
 */
import {
  clickFlag,
  defineContract,
  integer,
  json,
  oneOf,
  pattern,
  pythonIntFlag,
  readPath,
  text,
  url,
  writePath,
  type Variables,
  type VariablePattern,
} from '../../../src/contracts/model.js';
import { THOTH_COMMON_HELPERS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';

const TAG = 'v1.11.2';
const at = (path: string, line: number): string => `thoth-station/kebechet@${TAG}:${path}#L${line}`;
const THAMOS = (path: string, line: number): string => `thoth-station/thamos@v1.29.1:${path}#L${line}`;

/** Every subcommand ends in `run()`, which reads the forge credentials and the git identity. */
const FORGE = {
  GITHUB_KEBECHET_TOKEN: {
    form: text(),
    description:
      'Token for GitHub: run() reads "<SERVICE>_KEBECHET_TOKEN" with the service name upper-cased. Ignored for API calls when GITHUB_APP_ID is set (ogr prefers the App). GITHUB_TOKEN is not read.',
    source: at('kebechet/kebechet_runners.py', 150),
  },
  GITLAB_KEBECHET_TOKEN: {
    form: text(),
    description: 'Token for GitLab repositories ("<SERVICE>_KEBECHET_TOKEN"). GITLAB_TOKEN is not read.',
    source: at('kebechet/kebechet_runners.py', 150),
  },
  PAGURE_KEBECHET_TOKEN: {
    form: text(),
    description: 'Token for Pagure repositories ("<SERVICE>_KEBECHET_TOKEN"). PAGURE_TOKEN is not read.',
    source: at('kebechet/kebechet_runners.py', 150),
  },
  GITHUB_APP_ID: {
    form: integer({ min: 1 }),
    description:
      'GitHub App id. When set, ogr authenticates as the App (the token is not used); with GITHUB_PRIVATE_KEY_PATH also set, repositories are cloned over HTTPS with an installation token, otherwise over SSH (git@host:slug.git).',
    source: at('kebechet/utils.py', 186),
  },
  GITHUB_PRIVATE_KEY_PATH: {
    form: readPath(),
    description:
      'Path of the GitHub App private key (PEM file); ogr raises when the file does not exist. The key text itself (GITHUB_PRIVATE_KEY) is not read. Without it, an App id alone gives anonymous API calls and SSH clones.',
    source: at('kebechet/utils.py', 187),
  },
  GITHUB_APP_NAME: {
    form: text(),
    default: 'khebhut',
    description: 'GitHub App name: user of the HTTPS clone URL and the "<name>[bot]" author the thoth-advise manager recognises.',
    source: at('kebechet/utils.py', 42),
  },
  KEBECHET_GIT_NAME: {
    form: text(),
    default: 'Kebechet',
    description: "user.name written into each cloned repository's .git/config.",
    source: at('kebechet/utils.py', 87),
  },
  KEBECHET_GIT_EMAIL: {
    form: text(),
    default: 'noreply+kebechet@redhat.com',
    description: "user.email written into each cloned repository's .git/config.",
    source: at('kebechet/utils.py', 92),
  },
  KEBECHET_GIT_CLONE_DIRECTORY: {
    form: writePath(),
    description:
      'Directory to clone into and reuse (fetch, checkout, then stash and clean after each manager). Unset: a fresh TemporaryDirectory under TMPDIR (/tmp) per manager.',
    source: at('kebechet/utils.py', 44),
  },
  KEBECHET_CREATE_SUPPORT_ISSUE: {
    form: text(),
    description:
      'bool(text): ANY non-empty text, "0" and "false" included, opens an issue in thoth-station/support for every unexpected manager exception; unset or empty turns it off.',
    source: at('kebechet/kebechet_runners.py', 44),
  },
  LABELBOT_URL: {
    form: url('http', 'https'),
    description: 'Label-bot prediction service for the label_bot manager ("<url>/predict"); unset makes that manager do nothing.',
    source: at('kebechet/managers/label_bot/label_bot.py', 32),
  },
  KEBECHET_VERBOSE: {
    form: clickFlag(),
    description: 'Debug logging for the "kebechet" logger (click BOOL on the group option --verbose).',
    source: at('kebechet/cli.py', 52),
  },
  HOME: {
    form: oneOf(['/home/user/', '/home/user']),
    default: '/home/user/',
    description:
      'Set by the Dockerfile. pipenv (app.sh runs `pipenv run`) looks for the virtualenv under $HOME/.local/share/virtualenvs (unless WORKON_HOME is set): any other HOME finds no virtualenv, pipenv creates an empty one and kebechet-cli fails to import. Also where ssh looks for ~/.ssh/id_rsa (app.sh replaces GIT_SSH_COMMAND, so no -i is given). Do not mount an emptyDir over /home/user (it would hide the code and the virtualenv).',
    source: 'thoth-station/kebechet@v1.11.2:Dockerfile#L7',
  },
  WORKON_HOME: {
    form: readPath(),
    description:
      "pipenv's virtualenv root; unset means $HOME/.local/share/virtualenvs. Set it to /home/user/.local/share/virtualenvs if HOME must point elsewhere.",
    source: 'thoth-station/kebechet@v1.11.2:Dockerfile#L35',
  },
  PIPENV_CACHE_DIR: {
    form: writePath(),
    default: '/tmp/kebechet-cache',
    description: "Set by the Dockerfile: pipenv's cache, used when the update manager locks a repository's dependencies.",
    source: 'thoth-station/kebechet@v1.11.2:Dockerfile#L6',
  },
  THAMOS_API_CONNECTION_TIMEOUT: {
    form: integer({ min: 0 }),
    default: '5',
    description: 'Connection timeout (seconds) of thamos calls to the Thoth API (thoth-advise and thoth-provenance managers); int() at import.',
    source: THAMOS('thamos/config.py', 62),
  },
  THAMOS_DISABLE_TLS_WARNING: {
    form: pythonIntFlag(),
    default: '0',
    description: "Non-zero integer silences thamos's warning about unverified TLS; bool(int()) at import.",
    source: THAMOS('thamos/config.py', 61),
  },
  THAMOS_CONFIG_EXPAND_ENV: {
    form: pythonIntFlag(),
    default: '0',
    description:
      "Non-zero integer expands {NAME} in the analysed repository's .thoth.yaml from this process's environment (exposes the container's variables to the repository's configuration).",
    source: THAMOS('thamos/config.py', 263),
  },
} as const satisfies Variables;

/** Every subcommand but run-webhook takes the forge from KEBECHET_SERVICE_NAME. */
const SERVICE_NAME = {
  form: oneOf(['github', 'gitlab', 'pagure'], { caseInsensitive: true }),
  required: true,
  description:
    'Git forge: github, gitlab or pagure (upper-cased for the token name and the ogr service; some managers compare with "GITHUB", so upper case is the safest spelling). Unset: None.upper() raises.',
} as const;

const REPO_URL = {
  form: pattern('https?://[^/\\s]+/[^/\\s]+/[^/\\s]+/?', 'a repository URL, scheme://host/namespace/project'),
  required: true,
  description:
    'Repository URL; parsed into service URL (scheme://host), namespace and project (the first two path parts). Unset: the URL parser fails on None.',
} as const;

const RUNTIME_ENVIRONMENT = {
  form: text(),
  description: 'Run the managers for this runtime environment of .thoth.yaml only; unset: the first one (or all with overlays_dir).',
} as const;

const KEBECHET_LOG_PATTERNS = [
  {
    prefix: 'KEBECHET_LOG_',
    form: oneOf(['CRITICAL', 'FATAL', 'ERROR', 'WARNING', 'WARN', 'INFO', 'DEBUG', 'NOTSET']),
    description:
      'init_logging is called with the prefix KEBECHET_LOG_ (THOTH_LOG_* is not read): KEBECHET_LOG_<name>=LEVEL sets logger "thoth.<name lower-cased, __ as .>". The value goes through getattr(logging, value): an unknown name stops the program with AttributeError.',
    source: 'thoth-station/common@v0.36.6:thoth/common/logging.py#L69',
  },
] as const satisfies readonly VariablePattern[];

export const KEBECHET_JOB_CONTRACT = defineContract({
  repository: 'thoth-station/kebechet-job',
  tags: [TAG],
  source: `thoth-station/kebechet@${TAG}`,
  summary:
    'Kebechet bot: reads .thoth.yaml of a GitHub/GitLab/Pagure repository and runs its managers (update, version, info, label_bot, thoth-advise, thoth-provenance, pipfile-requirements), cloning the repository under /tmp and opening pull requests and issues. app.sh picks the subcommand from KEBECHET_SUBCOMMAND.',
  entrypoint: {
    command: ['./app.sh'],
    source: 'thoth-station/kebechet@v1.11.2:Dockerfile#L40',
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_HELPERS,
    ...FORGE,
  },
  patterns: KEBECHET_LOG_PATTERNS,
  writes: [{ path: '/tmp', source: at('kebechet/utils.py', 167) }],
  modes: {
    selector: { variable: 'KEBECHET_SUBCOMMAND' },
    otherwise: 'app.sh prints "Application configuration error - invalid or no subcommand supplied" and exits 1 (the shell case is exact: lower case, hyphens)',
    source: at('app.sh', 23),
    variants: {
      'run-webhook': {
        description: 'Parse a GitHub/GitLab webhook payload, derive repository URL and service from it and run the managers that act on that event.',
        source: at('app.sh', 25),
        variables: {
          KEBECHET_PAYLOAD: {
            form: text(),
            required: true,
            description:
              'The webhook payload: a path to a JSON file, or the JSON document itself (click argument WEB_PAYLOAD taken from this variable). Unset: click "Missing argument" and exit 2. WEBHOOK_PAYLOAD is not read.',
            source: at('kebechet/cli.py', 155),
          },
        },
      },
      'run-url': {
        description: "Run all managers configured in the repository's .thoth.yaml for one repository URL.",
        source: at('app.sh', 28),
        variables: {
          KEBECHET_REPO_URL: { ...REPO_URL, source: at('kebechet/cli.py', 130) },
          KEBECHET_SERVICE_NAME: { ...SERVICE_NAME, source: at('kebechet/cli.py', 132) },
          KEBECHET_METADATA: {
            form: json('any'),
            description: 'JSON passed to the managers as metadata (json.loads; "null" means none); invalid JSON stops the run.',
            source: at('kebechet/cli.py', 133),
          },
          KEBECHET_RUNTIME_ENVIRONMENT: { ...RUNTIME_ENVIRONMENT, source: at('kebechet/cli.py', 134) },
        },
      },
      'run-results': {
        description: 'After a Thoth advise/provenance analysis finished: run only the thoth-advise and thoth-provenance managers with the analysis id.',
        source: at('app.sh', 31),
        variables: {
          KEBECHET_REPO_URL: { ...REPO_URL, description: `${REPO_URL.description} Required by click (--origin).`, source: at('kebechet/cli.py', 99) },
          KEBECHET_SERVICE_NAME: { ...SERVICE_NAME, source: at('kebechet/cli.py', 100) },
          KEBECHET_ANALYSIS_ID: {
            form: text(),
            required: true,
            description: 'Thoth analysis (adviser/provenance document) id; required by click (--analysis_id).',
            source: at('kebechet/cli.py', 102),
          },
          THOTH_ADVISER_METADATA: {
            form: pattern('\\{.*"kebechet_metadata"\\s*:.*\\}', 'a JSON object holding the key "kebechet_metadata"'),
            required: true,
            description:
              'The adviser run\'s metadata as a JSON object holding the key "kebechet_metadata" (read with [..]: "{}" or a document without that key raises KeyError). Required by click.',
            source: at('kebechet/cli.py', 116),
          },
          KEBECHET_RUNTIME_ENVIRONMENT: { ...RUNTIME_ENVIRONMENT, source: at('kebechet/cli.py', 107) },
        },
      },
      run: {
        description: 'Run all managers for a repository given as service, namespace and project.',
        source: at('app.sh', 34),
        variables: {
          KEBECHET_SERVICE_NAME: { ...SERVICE_NAME, source: at('kebechet/cli.py', 76) },
          KEBECHET_PROJECT_NAMESPACE: {
            form: text(),
            required: true,
            description: 'Owner (organization or user) of the repository; required by click.',
            source: at('kebechet/cli.py', 77),
          },
          KEBECHET_PROJECT_NAME: {
            form: text(),
            required: true,
            description: 'Repository name; required by click.',
            source: at('kebechet/cli.py', 78),
          },
          KEBECHET_SERVICE_URL: {
            form: url('http', 'https'),
            description: 'Forge base URL (needed for Pagure and self-hosted GitLab); unset: the ogr default (github.com / gitlab.com).',
            source: at('kebechet/cli.py', 79),
          },
          KEBECHET_RUNTIME_ENVIRONMENT: { ...RUNTIME_ENVIRONMENT, source: at('kebechet/cli.py', 80) },
        },
      },
    },
  },
  limitations: [
    {
      rule: 'contract/image',
      message:
        'the image has no passwd entry for the pod\'s uid (neither 1001 nor its own 1042); app.sh appends one to /etc/passwd only when that file is writable, which a read-only root file system prevents. OpenSSH then refuses to start ("No user exists for uid"), so every clone over SSH fails: GitLab and Pagure repositories, and GitHub unless both GITHUB_APP_ID and GITHUB_PRIVATE_KEY_PATH are set (then the clone is HTTPS with an installation token). Workaround outside the image: mount a passwd file that lists the uid at /etc/passwd.',
      source: at('app.sh', 13),
    },
  ],
});
