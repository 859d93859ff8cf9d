/**
 * What sclorg's s2i Python 3.8 `run` script (/usr/libexec/s2i/run, the entry point of every image built
 * on ubi8/python-38 and on quay.io/thoth-station/s2i-thoth-ubi8-py38) reads from the environment before
 * it starts the application: APP_HOME, then APP_SCRIPT (an executable), APP_FILE (a Python file run with
 * python) and, when neither starts anything, gunicorn with APP_MODULE, PORT, WEB_CONCURRENCY,
 * APP_CONFIG and GUNICORN_CMD_ARGS. ENABLE_INIT_WRAPPER wraps APP_SCRIPT and APP_FILE.
 *
 * The images carry two versions of 3.8/s2i/bin/run; the contracts cited five commits, which are these
 * two files (`git show <commit>:3.8/s2i/bin/run` gives the same bytes within each group):
 * - d404b2d (authored 2019-12-11, committed 2020-02-21: the first 3.8 script), the same file as ca9b2dc
 *   (2020-09) and every commit before 36d4a33 (2021-05): in s2i-thoth-ubi8-py38 v0.20.1 (ubi8/python-38
 *   1-34), the base of package-update-job and mi-scheduler.
 *   `${APP_SCRIPT-app.sh}` and `${APP_FILE-app.py}`: an unset variable means the default name, the
 *   empty text turns it off; gunicorn binds 0.0.0.0:8080 (no PORT, no GUNICORN_CMD_ARGS).
 * - 36a5976 (2021-06-11), the same file as 940fa85 and e61113f (2022-10) and every commit before
 *   4ccd56f (2024-06): in s2i-thoth-ubi8-py38 v0.29.0 to v0.35.1, the base of the other 3.8 images.
 *   app.sh and app.py are the defaults only while APP_SCRIPT, APP_FILE and APP_MODULE are all unset or
 *   empty.
 * In both, a set name that is not a file stops the container at once (exit 1), and the lines read by
 * each source below are the same in every commit of its group.
 */
import {
  integer,
  list,
  oneOf,
  pattern,
  readPath,
  text,
  writePath,
  type Form,
  type Variable,
  type Variables,
  type WrittenPath,
} from '../../../src/contracts/model.js';

/** The versions of sclorg's 3.8 run script, by the commit they were read at. */
export type S2iPythonRunVersion = 'd404b2d' | '36a5976';

const RUN: Readonly<Record<S2iPythonRunVersion, string>> = {
  d404b2d: 'sclorg/s2i-python-container@d404b2d:3.8/s2i/bin/run',
  '36a5976': 'sclorg/s2i-python-container@36a5976:3.8/s2i/bin/run',
};

/** Lines `from` (to `to`) of the run script, as a source. */
export const s2iPythonRunLines = (from: number, to?: number, version: S2iPythonRunVersion = '36a5976'): string =>
  `${RUN[version]}#L${from}${to === undefined ? '' : `-L${to}`}`;

const GUNICORN = 'benoitc/gunicorn@20.1.0';
const PROMETHEUS_CLIENT = 'prometheus/client_python@v0.15.0';

/**
 * The run script as an image's entry point where it runs app.py (there is no app.sh), with that command
 * as the one a container may run instead.
 */
export const S2I_PYTHON_APP_PY_ENTRYPOINT = {
  command: ['/usr/libexec/s2i/run'],
  alternatives: [['python', 'app.py']],
  source: s2iPythonRunLines(74, 81),
} as const;

/** The texts that name files of the image (relative to APP_HOME, /opt/app-root/src, or absolute). */
type Names = string | readonly string[];

/**
 * The files a variable may name: their names (the variable's values), or the form the contract takes
 * and the names the image has, where the contract does not hold the variable to them.
 */
export type S2iPythonNames = Names | { readonly form: Form; readonly has?: Names };

export interface S2iPythonFiles {
  /** What APP_SCRIPT may name: the image's executables. Unset: APP_SCRIPT is not declared. */
  readonly script?: S2iPythonNames;
  /** What APP_FILE may name: the image's Python files. Unset: APP_FILE is not declared. */
  readonly file?: S2iPythonNames;
  /** @default '36a5976' */
  readonly version?: S2iPythonRunVersion;
}

/** The variables `s2iPythonRun(files)` declares: APP_SCRIPT and APP_FILE for the files given. */
export type S2iPythonRun<F extends S2iPythonFiles> = (F extends { readonly script: S2iPythonNames } ? { readonly APP_SCRIPT: Variable } : unknown) &
  (F extends { readonly file: S2iPythonNames } ? { readonly APP_FILE: Variable } : unknown);

const STOPS = 'A set name that is not a file stops the container at once with "ERROR: file \'<name>\' not found." (exit 1).';

const WHEN: Readonly<Record<S2iPythonRunVersion, { readonly APP_SCRIPT: string; readonly APP_FILE: string }>> = {
  d404b2d: {
    APP_SCRIPT:
      'Read by the s2i run script: the executable it runs from APP_HOME (a relative name as ./<name>), before anything else. Unset means app.sh, passed over when there is none; the empty text turns it off.',
    APP_FILE:
      'Read by the s2i run script when APP_SCRIPT starts nothing (unset without an app.sh, or the empty text): the Python file it runs with python. Unset means app.py, passed over when there is none; the empty text turns it off.',
  },
  '36a5976': {
    APP_SCRIPT:
      'Read by the s2i run script: the executable it runs from APP_HOME (a relative name as ./<name>), before APP_FILE and gunicorn. While APP_SCRIPT, APP_FILE and APP_MODULE are all unset or empty it tries app.sh, passed over when there is none.',
    APP_FILE:
      'Read by the s2i run script when APP_SCRIPT starts nothing: the Python file it runs with python, before gunicorn. While APP_SCRIPT, APP_FILE and APP_MODULE are all unset or empty it tries app.py, passed over when there is none (so setting any of the three also turns the app.sh and app.py defaults off).',
  },
};

const SOURCE: Readonly<Record<S2iPythonRunVersion, { readonly APP_SCRIPT: string; readonly APP_FILE: string }>> = {
  d404b2d: { APP_SCRIPT: s2iPythonRunLines(51, 61, 'd404b2d'), APP_FILE: s2iPythonRunLines(63, 70, 'd404b2d') },
  '36a5976': { APP_SCRIPT: s2iPythonRunLines(51, 72), APP_FILE: s2iPythonRunLines(51, 81) },
};

const isNames = (given: S2iPythonNames): given is Names => typeof given === 'string' || Array.isArray(given);
const listed = (names: Names | undefined): readonly string[] => (names === undefined ? [] : typeof names === 'string' ? [names] : names);

/** One of APP_SCRIPT (default app.sh) and APP_FILE (default app.py); the default is declared where the image has that file. */
const appVariable = (name: 'APP_SCRIPT' | 'APP_FILE', given: S2iPythonNames, version: S2iPythonRunVersion): Variable => {
  const named = isNames(given);
  const has = listed(named ? given : given.has);
  const form = named ? oneOf(has) : given.form;
  const fallback = name === 'APP_SCRIPT' ? 'app.sh' : 'app.py';
  const taken = form.type === 'pattern' ? form.description : form.type === 'path' ? 'a path' : 'any text';
  const files = named
    ? `Only these name a file of this image: ${has.join(', ')}.`
    : `${has.length === 0 ? "The image's files are not listed here" : `The image has ${has.join(', ')}`}; the contract takes ${taken}.`;
  return {
    form,
    ...(has.includes(fallback) ? { default: fallback } : {}),
    description: `${WHEN[version][name]} ${STOPS} ${files}`,
    source: SOURCE[version][name],
  };
};

/**
 * APP_SCRIPT and APP_FILE for an image whose run script starts a script: `s2iPythonRun({ script: 'app.sh',
 * file: 'producer.py' })`, `s2iPythonRun({ file: 'app.py' })`. Each is declared when its files are given,
 * with the names that reach them as its values and, where the image has the run script's default name
 * (app.sh, app.py), that default.
 */
export const s2iPythonRun = <const F extends S2iPythonFiles>(files: F): S2iPythonRun<F> => {
  const version = files.version ?? '36a5976';
  return {
    ...(files.script === undefined ? {} : { APP_SCRIPT: appVariable('APP_SCRIPT', files.script, version) }),
    ...(files.file === undefined ? {} : { APP_FILE: appVariable('APP_FILE', files.file, version) }),
  } as S2iPythonRun<F>;
};

/**
 * What an s2i Python image whose application is a WSGI module reads when the run script (36a5976) starts
 * it with gunicorn, what gunicorn 20.1 itself reads, and prometheus_client's multiprocess switch (every
 * Thoth API exposes /metrics through prometheus-flask-exporter). For user-api, management-api and
 * amun-api, which have no app.sh, app.py, wsgi.py or setup.py: APP_SCRIPT and APP_FILE take any absolute
 * path and are not used by them.
 */
export const S2I_PYTHON_GUNICORN = {
  APP_MODULE: {
    form: pattern('[A-Za-z_][A-Za-z0-9_.]*(:[A-Za-z_][A-Za-z0-9_.()]*)?', 'a WSGI module[:callable], e.g. package.module:app'),
    required: true,
    description:
      'The WSGI application gunicorn serves (exec gunicorn "$APP_MODULE"). These images have no app.sh, app.py, wsgi.py or setup.py, so without it the run script exits 1 ("don\'t know how to run your application").',
    source: s2iPythonRunLines(104),
  },
  PORT: {
    form: integer({ min: 1, max: 65535 }),
    default: '8080',
    description:
      "Port gunicorn binds on 0.0.0.0 (the run script passes --bind=0.0.0.0:$PORT unless APP_CONFIG or GUNICORN_CMD_ARGS is set; gunicorn's own bind default also reads PORT).",
    source: s2iPythonRunLines(97),
  },
  WEB_CONCURRENCY: {
    form: integer({ min: 1 }),
    description:
      'Number of gunicorn workers. Unset: the run script derives it from the cgroup CPU and memory limits (at most 12) and exports it; gunicorn reads it as its workers default.',
    source: s2iPythonRunLines(111),
  },
  APP_CONFIG: {
    form: readPath(),
    description:
      "gunicorn configuration file (--config). Setting it (or GUNICORN_CMD_ARGS) drops the run script's default --bind=0.0.0.0:$PORT --access-logfile=-; unset, gunicorn loads ./gunicorn.conf.py from APP_HOME when there is one.",
    source: s2iPythonRunLines(114),
  },
  GUNICORN_CMD_ARGS: {
    form: text(),
    description: "Extra gunicorn command-line settings (shell-split); when set it replaces the run script's default bind and access-log arguments.",
    source: s2iPythonRunLines(114),
  },
  APP_HOME: {
    form: readPath(),
    default: '/opt/app-root/src',
    description: 'Directory the run script changes into before starting the application (relative to the s2i working directory).',
    source: s2iPythonRunLines(46),
  },
  ...s2iPythonRun({ script: { form: readPath() }, file: { form: readPath() } }),
  ENABLE_INIT_WRAPPER: {
    form: text(),
    description: 'Any non-empty text runs APP_SCRIPT/APP_FILE under the init wrapper (no effect on gunicorn).',
    source: s2iPythonRunLines(39),
  },
  FORWARDED_ALLOW_IPS: {
    form: list(','),
    default: '127.0.0.1',
    description: 'Front-end addresses gunicorn trusts for X-Forwarded-* headers (comma-separated, or *).',
    source: `${GUNICORN}:gunicorn/config.py#L1259`,
  },
  PROMETHEUS_MULTIPROC_DIR: {
    form: writePath(),
    description:
      'prometheus_client multiprocess mode: when set, every gunicorn worker writes its metric files into this existing, writable directory and /metrics aggregates them. Unset (as in the manifests), each worker keeps its own metrics in memory and a scrape sees only the worker that answers it.',
    source: `${PROMETHEUS_CLIENT}:prometheus_client/values.py#L131`,
  },
  prometheus_multiproc_dir: {
    form: writePath(),
    description: 'Lower-case alias of PROMETHEUS_MULTIPROC_DIR, still honoured by prometheus_client.',
    source: `${PROMETHEUS_CLIENT}:prometheus_client/values.py#L131`,
  },
} as const satisfies Variables;

/** gunicorn's worker heartbeat file and openshift's discovery cache go to the temporary directory. */
export const S2I_PYTHON_GUNICORN_WRITES: readonly WrittenPath[] = [
  {
    path: '/tmp',
    source: `${GUNICORN}:gunicorn/workers/workertmp.py#L23`,
  },
];
