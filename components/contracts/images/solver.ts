/**
 * quay.io/thoth-station/solver-<os>-<python> (solver-rhel-8-py38, solver-fedora-34-py39,
 * solver-fedora-35-py310, ...): Thoth's dependency solver, one image per operating system and Python
 * version, all built from the same source.
 *
 * Read at thoth-station/solver@v1.15.0 (refs/tags/v1.15.0). Each image is an s2i build of the
 * repository on quay.io/thoth-station/s2i-thoth-<os>-<python>:v0.35.0 (.aicoe-ci.yaml overlays, each
 * with its own overlays/<name>/Pipfile.lock), USER 1001, HOME=/opt/app-root/src. .s2i/bin/assemble
 * creates /opt/app-root/src/solver-venv (with pipdeptree) at build time; the program only uses it when
 * THOTH_SOLVER_VIRTUALENV points at it. The s2i run script executes app.sh from /opt/app-root/src,
 * which runs `python3 thoth/solver/cli.py python`.
 * Pinned libraries (overlays/solver-rhel-8-py38/Pipfile.lock): click 8.1.3, thoth-common 0.36.6,
 * thoth-analyzer 0.1.8, thoth-python 0.17.0, virtualenv 20.17.1.
 *
 * click: the `python` subcommand's options with envvar= are read from those names; the group sets
 * auto_envvar_prefix THOTH_SOLVER in its callback, so the options without envvar= are also read as
 * THOTH_SOLVER_PYTHON_<OPTION> (click adds the subcommand name). click 8.1 treats an empty variable as
 * unset.
 */
import { clickFlag, defineContract, list, pythonIntFlag, url, writePath, type Variables } from '../../../src/contracts/model.js';
import { THOTH_COMMON_LOG_PATTERNS, THOTH_COMMON_LOGGING } from '../libraries/thoth-common.js';
import { THOTH_ANALYZER_RESULT } from '../libraries/thoth-analyzer.js';

const TAG = 'v1.15.0';
const at = (path: string, line: number): string => `thoth-station/solver@${TAG}:${path}#L${line}`;

const SOLVER = {
  THOTH_SOLVER_PACKAGES: {
    form: list('\\n'),
    required: true,
    description:
      'The requirements to solve (PEP 508, e.g. "flask==1.1.2"), separated by the two characters backslash and "n" (the program splits on that text, not on a newline: a real newline leaves everything in one requirement). Missing: click exits 2 ("Missing option --requirements"); empty after splitting: exits 1.',
    source: at('thoth/solver/cli.py', 102),
  },
  THOTH_SOLVER_INDEXES: {
    form: list(',', url('http', 'https')),
    default: 'https://pypi.org/simple',
    description: 'Comma-separated simple-API index URLs the requirements are resolved and installed from, one solver run per index.',
    source: at('thoth/solver/cli.py', 110),
  },
  THOTH_SOLVER_DEPENDENCY_INDEXES: {
    form: list(',', url('http', 'https')),
    description: 'Comma-separated index URLs used to resolve the versions of dependencies; unset: the same as THOTH_SOLVER_INDEXES.',
    source: at('thoth/solver/cli.py', 119),
  },
  THOTH_SOLVER_OUTPUT: {
    form: writePath(),
    default: '-',
    description:
      'Where the result document goes: a file path (its directory must exist and be writable), "-" for stdout, or an http(s) URL the document is POSTed to.',
    source: at('thoth/solver/cli.py', 129),
  },
  THOTH_SOLVER_NO_TRANSITIVE: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL): on solves only the given requirements; off also follows their dependencies.',
    source: at('thoth/solver/cli.py', 145),
  },
  THOTH_SOLVER_VIRTUALENV: {
    form: writePath(),
    description:
      'An existing virtual environment (its bin/python3 is used) the solver installs and uninstalls each package into; it must be writable. Unset: the solver creates ./venv in its working directory with `virtualenv -p python3 venv` and installs pipdeptree into it from PyPI (the s2i run script runs it in /opt/app-root/src, on the image file system).',
    source: at('thoth/solver/cli.py', 152),
  },
  THOTH_SOLVER_LIMITED_OUTPUT: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL): drop the file list and the non-essential package metadata (author, home page, ...) from the result.',
    source: at('thoth/solver/cli.py', 160),
  },
  THOTH_SOLVER_DEBUG: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL, option -v of the group): debug logging of the thoth.solver logger.',
    source: at('thoth/solver/cli.py', 51),
  },
  THOTH_SOLVER_PYTHON_NO_PRETTY: {
    form: clickFlag(),
    default: 'false',
    description: 'Switch (click BOOL, --no-pretty read through auto_envvar_prefix): write the document without indentation.',
    source: at('thoth/solver/cli.py', 133),
  },
  THOTH_SOLVER_PYTHON_EXCLUDE_PACKAGES: {
    form: list(','),
    description: 'Comma-separated package names left out of the result (--exclude-packages read through auto_envvar_prefix).',
    source: at('thoth/solver/cli.py', 135),
  },
  THOTH_SOLVER_RAISE_ON_SYSTEM_EXIT_CODES: {
    form: pythonIntFlag(),
    default: '0',
    description:
      'Integer read with bool(int(...)) at import (other text: ValueError at start). Non-zero: when installing a package is killed by a signal (exit -9, e.g. the OOM killer) the solver fails instead of recording the package as an error, so a workflow can retry with more resources.',
    source: at('thoth/solver/python/python.py', 51),
  },
  THOTH_PYTHON_WAREHOUSES: {
    form: list(',', url('http', 'https')),
    default: 'https://pypi.python.org/simple,https://pypi.org/simple',
    description:
      'thoth-python 0.17.0 (thoth/python/configuration.py#L40): comma-separated index URLs that serve the Warehouse JSON API; the solver queries hashes and release data of those indexes through that API.',
    source: 'thoth-station/python@v0.17.0:thoth/python/configuration.py#L40',
  },
} as const satisfies Variables;

/**
 * The solver's `python` command with its cgroup memory probe replaced by a no-op (the one fault of the
 * limitation below), under the program name app.sh gives it, so the document's recorded arguments
 * keep their keys. The package is installed in the image (the s2i build runs `pip install .`).
 */
export const SKIP_MEMORY_LIMIT = [
  'python3',
  '-c',
  "import sys; import thoth.solver.cli as solver; solver._limit_memory = lambda: None; sys.argv = ['thoth/solver/cli.py', 'python']; solver.cli()",
] as const;

export const SOLVER_CONTRACT = defineContract({
  repository: 'thoth-station/solver-*',
  tags: [TAG],
  source: `thoth-station/solver@${TAG}`,
  summary:
    'Thoth dependency solver: installs each requirement (and, unless THOTH_SOLVER_NO_TRANSITIVE, each dependency version) into a virtual environment with pip, records its metadata and dependencies, and writes one result document (thoth-analyzer format) to THOTH_SOLVER_OUTPUT. Needs network access to the indexes and to PyPI (pipdeptree is installed into the new virtual environment).',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    // The same program run directly, so that a container can choose a writable working directory
    // (app.sh uses a relative path and the s2i run script changes to /opt/app-root/src).
    alternatives: [['python3', '/opt/app-root/src/thoth/solver/cli.py', 'python'], ['thoth-solver', 'python'], SKIP_MEMORY_LIMIT],
    workingDir: '/opt/app-root/src',
    source: at('app.sh', 1),
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_ANALYZER_RESULT,
    THOTH_DOCUMENT_ID: {
      ...THOTH_ANALYZER_RESULT.THOTH_DOCUMENT_ID,
      required: true,
      description:
        'Written as metadata.document_id of the solver document. The program runs without it (null), but the graph sync of the document then fails (thoth-storages SolverResultsStore.get_document_id raises NoDocumentIdError): set it to the id the document is stored and synced under.',
    },
    ...SOLVER,
  },
  patterns: [...THOTH_COMMON_LOG_PATTERNS],
  limitations: [
    {
      rule: 'contract/image',
      message:
        'on a cgroup v2 node the solver stops before solving anything: _limit_memory reads /sys/fs/cgroup/memory.high, which holds "max" and a newline unless the kubelet sets memory.high (MemoryQoS); the comparison with "max" misses the newline and int() raises ValueError, which nothing catches. It works on cgroup v1 nodes only (where it reads memory.soft_limit_in_bytes); v1.15.0 is the last release.',
      source: at('thoth/solver/cli.py', 86),
      avoidedBy: SKIP_MEMORY_LIMIT,
    },
  ],
  writes: [
    // Relative to the working directory: `virtualenv -p python3 venv` when THOTH_SOLVER_VIRTUALENV is unset.
    { path: 'venv', source: at('thoth/solver/python/python.py', 434) },
    // virtualenv's app data falls back to a temporary directory when HOME is read-only; pip builds sdists there.
    { path: '/tmp', source: at('thoth/solver/python/python.py', 436) },
  ],
});
