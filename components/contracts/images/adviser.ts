/**
 * thoth-station/adviser at v0.56.3: the image behind the `advise` and `provenance-check` steps
 * (backend) and the `dm` step (amun-inspection).
 *
 * How the image starts: the repository ships its own s2i run script (.s2i/bin/run), so s2i copies it
 * into the image under its destination directory (/tmp by default) as /tmp/scripts/run and makes that
 * the image's command. That script first runs prepare.py (which needs THOTH_DOCUMENT_ID and the request
 * file fetched by Argo, and writes the extracted inputs to $THOTH_ADVISER_WORKDIR/input), then execs the
 * s2i base run script, which runs app.sh, which dispatches on THOTH_ADVISER_SUBCOMMAND to
 * `thoth-adviser advise | provenance | dependency-monkey`.
 *
 * Libraries, at the versions the image's Pipfile.lock pins: thoth-common 0.36.4, thoth-storages 0.73.3
 * (the same variables as the 0.74.1 the fragment was read at), thoth-analyzer 0.1.8 (writes the result
 * document, stamps THOTH_DOCUMENT_ID and THOTH_DEPLOYMENT_NAME into its metadata), click 8.1.3.
 *
 * click 8.1.3: the group callback sets auto_envvar_prefix THOTH_ADVISER after the group's own options
 * are parsed, so each subcommand reads THOTH_ADVISER_<SUBCOMMAND>_<OPTION> (dash as underscore) for an
 * option without an explicit envvar (only --no-pretty), and as a fallback for every option whose
 * explicit variable is unset. Only the no-envvar names are declared below.
 */
import { THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import {
  clickFlag,
  defineContract,
  integer,
  json,
  list,
  oneOf,
  pattern,
  pythonIntFlag,
  readPath,
  text,
  url,
  writePath,
  type Variables,
} from '../../../src/contracts/model.js';

const ADVISER = 'thoth-station/adviser@v0.56.3';
const CLI = `${ADVISER}:thoth/adviser/cli.py`;

const PREDICTORS = [
  'AdaptiveSimulatedAnnealing',
  'ApproximatingLatest',
  'HillClimbing',
  'MCTS',
  'PackageCombinations',
  'RandomWalk',
  'Sampling',
  'TemporalDifference',
  'AUTO',
];

/** Read by the pipeline units (boots, sieves, steps, wraps), imported only when a resolution is built. */
const RESOLUTION_UNITS = {
  THOTH_ADVISER_DEPLOYMENT_CONFIGURED_SOLVERS: {
    form: text(),
    description:
      'The solvers this deployment runs, one name per line (solver-<os>-<version>-py<XY>, the `solvers` key of the solvers ConfigMap). Unset turns off the boot that warns about runtime environments no solver covers; a name that does not parse is logged as an error.',
    source: `${ADVISER}:thoth/adviser/boots/solvers_configured.py#L45`,
  },
  THOTH_ADVISER_CVE_TIMESTAMP_DAYS_WARNING: {
    form: integer({ min: 0 }),
    default: '7',
    description: 'Age in days of the CVE database after which a warning is added to the report; int() at import of the boots.',
    source: `${ADVISER}:thoth/adviser/boots/cve_timestamp.py#L44`,
  },
  THOTH_SEARCH_ADVISER_URL: {
    form: text(),
    default: 'https://thoth-station.ninja/search/advise/{document_id}/summary',
    description: 'Template of the link to the result in Thoth search added to the report; {document_id} is replaced by THOTH_DOCUMENT_ID.',
    source: `${ADVISER}:thoth/adviser/boots/thoth_search.py#L36-L38`,
  },
  THOTH_SEARCH_PACKAGE_URL: {
    form: text(),
    default: 'https://thoth-station.ninja/search/package/{package_name}/{package_version}/{index_url}/{os_name}/{os_version}/{python_version}',
    description: 'Template of the per-package link to Thoth search added to justifications.',
    source: `${ADVISER}:thoth/adviser/wraps/thoth_search_package.py#L34-L38`,
  },
  THOTH_ADVISER_DEPLOYMENT_PULP_URL_BASE: {
    form: url('http', 'https'),
    default: 'https://pulp.operate-first.cloud/',
    description: 'Base URL of the Pulp instance the Pulp sieve and wrap refer to.',
    source: `${ADVISER}:thoth/adviser/sieves/_pulp/__init__.py#L25`,
  },
  THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE: {
    form: json('object'),
    description:
      'JSON object {package_name, package_version, index_url}: registers the update sieve for that package. Empty or unset: no sieve; any other text makes json.loads fail while the pipeline is built.',
    source: `${ADVISER}:thoth/adviser/sieves/update.py#L61`,
  },
  THOTH_ADVISER_BLOCKED_UNITS: {
    form: list(','),
    description: 'Comma-separated names of pipeline units never registered.',
    source: `${ADVISER}:thoth/adviser/pipeline_builder.py#L333-L337`,
  },
  THOTH_AUTHENTICATED_ADVISE: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer: the request comes from an authenticated user (units may use it); bool(int()), so "true" raises ValueError.',
    source: `${ADVISER}:thoth/adviser/pipeline_builder.py#L89-L90`,
  },
  THOTH_ADVISER_HISTORY: {
    form: pythonIntFlag(),
    default: '0',
    description: 'Non-zero integer: predictors keep their history (for plots) when not told explicitly; bool(int()).',
    source: `${ADVISER}:thoth/adviser/utils.py#L35`,
  },
} as const satisfies Variables;

/** Where each option advise and dependency-monkey share is defined, per command. */
interface ResolverOptionLines {
  readonly runtimeEnvironment: string;
  readonly libraryUsage: string;
  readonly plot: string;
  readonly beamWidth: string;
  readonly limitLatestVersions: string;
  readonly predictor: string;
  readonly predictorConfig: string;
  readonly pipeline: string;
  readonly dev: string;
  readonly requirementsFormat: string;
}

/** Options advise and dependency-monkey share (same envvar, same meaning, defined once per command). */
const resolverOptions = (line: ResolverOptionLines) =>
  ({
    THOTH_ADVISER_RUNTIME_ENVIRONMENT: {
      form: text(),
      description:
        "Runtime environment: a path to a YAML/JSON file, or the YAML/JSON itself (RuntimeEnvironment.load); unset means an empty one (platform linux-x86_64). prepare.py writes the request's one to $THOTH_ADVISER_WORKDIR/input/runtime_environment.json.",
      source: `${CLI}#${line.runtimeEnvironment}`,
    },
    THOTH_ADVISER_LIBRARY_USAGE: {
      form: text(),
      description:
        'Library usage: a path to a JSON file, or the JSON itself; json.loads fails on anything else. prepare.py (advise only) writes it to $THOTH_ADVISER_WORKDIR/input/library_usage.json.',
      source: `${CLI}#${line.libraryUsage}`,
    },
    THOTH_ADVISER_PLOT: {
      form: writePath(),
      description: 'If set, plots of the predictor, beam and resolver history are written next to this path (<name>_<Class>.<ext>, png by default).',
      source: `${CLI}#${line.plot}`,
    },
    THOTH_ADVISER_BEAM_WIDTH: {
      form: integer(),
      default: '-1',
      description: 'Width of the beam; -1 means unlimited.',
      source: `${CLI}#${line.beamWidth}`,
    },
    THOTH_ADVISER_LIMIT_LATEST_VERSIONS: {
      form: integer(),
      default: '-1',
      description: 'How many latest versions of each package are considered; -1 means all.',
      source: `${CLI}#${line.limitLatestVersions}`,
    },
    THOTH_ADVISER_PREDICTOR: {
      form: oneOf(PREDICTORS),
      default: 'AUTO',
      description: 'Predictor class (click.Choice, case sensitive); AUTO picks one from the recommendation or decision type.',
      source: `${CLI}#${line.predictor}`,
    },
    THOTH_ADVISER_PREDICTOR_CONFIG: {
      form: text(),
      description: 'Predictor keyword arguments: a path to a YAML file or a YAML text ("{}" keeps the defaults).',
      source: `${CLI}#${line.predictorConfig}`,
    },
    THOTH_ADVISER_PIPELINE: {
      form: text(),
      description: 'Explicit pipeline configuration (path or JSON/YAML text); exclusive with THOTH_ADVISER_PRESCRIPTION (sys.exit when both are set).',
      source: `${CLI}#${line.pipeline}`,
    },
    THOTH_ADVISER_DEV: {
      form: clickFlag(),
      default: 'false',
      description: 'Take development dependencies into account (--dev/--no-dev, click BOOL).',
      source: `${CLI}#${line.dev}`,
    },
    THOTH_REQUIREMENTS_FORMAT: {
      form: oneOf(['pipenv', 'requirements']),
      default: 'pipenv',
      description:
        'Output format of the computed requirements (click.Choice). Note the name: THOTH_REQUIREMENTS_FORMAT, not THOTH_ADVISER_REQUIREMENTS_FORMAT.',
      source: `${CLI}#${line.requirementsFormat}`,
    },
  }) as const satisfies Variables;

export const ADVISER_CONTRACT = defineContract({
  repository: 'thoth-station/adviser',
  tags: ['v0.56.3'],
  source: ADVISER,
  summary:
    'Thoth adviser: resolves a Python software stack against the knowledge graph (advise), checks the provenance of a locked stack (provenance) or generates stacks for Amun (dependency-monkey). One image, the mode chosen by THOTH_ADVISER_SUBCOMMAND; the inputs are extracted from the request file by prepare.py before the program starts.',
  entrypoint: {
    command: ['/tmp/scripts/run'],
    alternatives: [
      // The repository's run script by hand: prepare the inputs, then the s2i base run script (app.sh).
      // Needed when /tmp is a volume, which hides /tmp/scripts/run.
      ['/bin/sh', '-c', 'python3 /opt/app-root/src/prepare.py && exec /usr/libexec/s2i/run'],
    ],
    source: `${ADVISER}:.s2i/bin/run#L1-L4`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_STORAGES_GRAPH,
    THOTH_DOCUMENT_ID: {
      form: text(),
      required: true,
      description:
        'Document id of this run (adviser-…, provenance-checker-…, dependency-monkey-…). prepare.py raises ValueError without it and reads the request from $THOTH_ADVISER_REQUEST_FILE_PATH/<id>.request; thoth-analyzer stamps it into metadata.document_id, which thoth-storages needs to sync and store the result (NoDocumentIdError otherwise).',
      source: `${ADVISER}:prepare.py#L14`,
    },
    THOTH_ADVISER_REQUEST_FILE_PATH: {
      form: readPath(),
      default: '/mnt/workdir/',
      description:
        'Directory holding the request file; prepare.py opens <dir>/<THOTH_DOCUMENT_ID>.request (joined with os.path.join) and raises ValueError if that file does not exist. The Argo input artifact must be placed exactly there.',
      source: `${ADVISER}:prepare.py#L15`,
    },
    THOTH_ADVISER_WORKDIR: {
      form: writePath(),
      required: true,
      default: '/opt/app-root/src',
      description:
        'Directory under which prepare.py creates input/ (os.makedirs with exist_ok=False, so input/ must not exist yet) and writes the extracted Pipfile, Pipfile.lock, runtime_environment.json, library_usage.json, constraints.txt, labels.json, pipeline.json and context.json. The default is inside the image, which a read-only root file system makes unwritable: set it to a writable volume and point the input variables at <workdir>/input/….',
      source: `${ADVISER}:prepare.py#L16-L17`,
    },
    THOTH_ADVISER_DEBUG: {
      form: clickFlag(),
      default: 'false',
      description: 'Group option --verbose (click BOOL): DEBUG level for thoth.adviser.',
      source: `${CLI}#L227`,
    },
    THOTH_ADVISER_METADATA: {
      form: json('object'),
      description:
        'JSON object carried into the report; its "thoth.adviser" key may hold "justification" and "stack_info" entries that are prepended to the result (a parse error is logged, not fatal).',
      source: `${CLI}#L241`,
    },
    THOTH_ADVISER_FORK: {
      form: pythonIntFlag(),
      default: '0',
      description:
        'Non-zero integer: resolve in a forked child so an OOM kill still yields a report; bool(int()) at import, so a non-integer stops every mode.',
      source: `${ADVISER}:thoth/adviser/run.py#L48`,
    },
    THOTH_ADVISER_MEM_OPTIMIZER_ITERATION: {
      form: integer({ min: 1 }),
      default: '1000',
      description: 'Resolver memory optimizer: how often (in iterations) it runs; int() at import.',
      source: `${ADVISER}:thoth/adviser/resolver.py#L158`,
    },
    THOTH_ADVISER_MEM_OPTIMIZER_LIMIT: {
      form: integer({ min: 0 }),
      default: '0',
      description: 'Resolver memory optimizer: state count above which states are dropped; 0 turns it off; int() at import.',
      source: `${ADVISER}:thoth/adviser/resolver.py#L159`,
    },
    THOTH_ADVISER_MEM_OPTIMIZER_DROP_COUNT: {
      form: integer({ min: 0 }),
      default: '50',
      description: 'Resolver memory optimizer: how many states are dropped each time; int() at import.',
      source: `${ADVISER}:thoth/adviser/resolver.py#L160`,
    },
    THOTH_ADVISER_LOG_ITERATION: {
      form: integer({ min: 1 }),
      default: '7500',
      description: 'Resolver progress is logged every this many iterations; int() at import.',
      source: `${ADVISER}:thoth/adviser/resolver.py#L188`,
    },
    THOTH_ADVISER_VALIDATE_PRESCRIPTION_SCHEMA: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: validate prescriptions against their schema when loaded; bool(int()) at import.',
      source: `${ADVISER}:thoth/adviser/prescription/v1/prescription.py#L75`,
    },
    THOTH_ADVISER_VALIDATE_UNIT_CONFIGURATION_SCHEMA: {
      form: pythonIntFlag(),
      default: '1',
      description: 'Non-zero integer: validate pipeline unit configuration against its schema; bool(int()) at import.',
      source: `${ADVISER}:thoth/adviser/unit.py#L67`,
    },
    THOTH_MCTS_HEAT_UP: {
      form: integer({ min: 0 }),
      default: '10',
      description: 'MCTS predictor heat-up iterations; int() at import of the predictors (every mode imports them).',
      source: `${ADVISER}:thoth/adviser/predictors/mcts.py#L36`,
    },
    THOTH_PYTHON_WAREHOUSES: {
      form: list(','),
      description: 'thoth-python 0.16.10: comma-separated Python package warehouse URLs (default: PyPI).',
      source: 'thoth-station/python@v0.16.10:thoth/python/configuration.py#L40-L41',
    },
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  modes: {
    selector: { variable: 'THOTH_ADVISER_SUBCOMMAND' },
    otherwise:
      'prepare.py raises ValueError("Unknown adviser subcommand") before the program starts (and app.sh, reached only after it, prints "Application configuration error - no adviser subcommand specified." and exits 1)',
    source: `${ADVISER}:app.sh#L7-L23`,
    variants: {
      advise: {
        description:
          'thoth-adviser advise: resolve the stack and write the recommendation report. app.sh sets THOTH_ADVISER_LIMIT=1 when THOTH_ADVISER_RECOMMENDATION_TYPE is latest or security. prepare.py extracts Pipfile, Pipfile.lock, library_usage.json, runtime_environment.json, constraints.txt and labels.json.',
        source: `${ADVISER}:app.sh#L14-L17`,
        variables: {
          ...RESOLUTION_UNITS,
          ...resolverOptions({
            runtimeEnvironment: 'L425',
            libraryUsage: 'L419',
            plot: 'L429',
            beamWidth: 'L433',
            limitLatestVersions: 'L440',
            predictor: 'L447',
            predictorConfig: 'L454',
            pipeline: 'L462',
            dev: 'L509',
            requirementsFormat: 'L370',
          }),
          THOTH_ADVISER_REQUIREMENTS: {
            form: text(),
            required: true,
            description:
              'Pipfile to resolve: a path (opened first) or the Pipfile text itself with \\n escapes. prepare.py writes it to $THOTH_ADVISER_WORKDIR/input/Pipfile; the .request file itself is JSON, not a Pipfile.',
            source: `${CLI}#L356`,
          },
          THOTH_ADVISER_REQUIREMENTS_LOCKED: {
            form: text(),
            description:
              'Pipfile.lock of the user stack: a path or the text; "null" means none. prepare.py writes it to $THOTH_ADVISER_WORKDIR/input/Pipfile.lock.',
            source: `${CLI}#L364`,
          },
          THOTH_ADVISER_OUTPUT: {
            form: writePath(),
            default: '-',
            description:
              'Where thoth-analyzer writes the result document: a file path (opened for writing), "-" for standard output, or an http(s) URL it POSTs to. The workflow keeps the file as its output artifact, so it must be a path on a writable volume.',
            source: `${CLI}#L380`,
          },
          THOTH_ADVISER_ADVISE_NO_PRETTY: {
            form: clickFlag(),
            default: 'false',
            description: "--no-pretty (compact JSON), reachable only through click's automatic prefix THOTH_ADVISER_ADVISE.",
            source: `${CLI}#L384`,
          },
          THOTH_ADVISER_RECOMMENDATION_TYPE: {
            form: oneOf(['stable', 'testing', 'latest', 'performance', 'security']),
            default: 'stable',
            description: 'Recommendation type (click.Choice, lower case).',
            source: `${CLI}#L388`,
          },
          THOTH_ADVISER_COUNT: {
            form: integer({ min: 1 }),
            default: '3',
            description: 'Number of stacks in the output.',
            source: `${CLI}#L397`,
          },
          THOTH_ADVISER_LIMIT: {
            form: integer({ min: 1 }),
            default: '10000',
            description: 'Number of stacks considered before stopping; app.sh overrides it with 1 for latest and security.',
            source: `${CLI}#L405`,
          },
          THOTH_ADVISER_SEED: {
            form: integer(),
            description: 'Random seed; defaults to the current time.',
            source: `${CLI}#L413`,
          },
          THOTH_ADVISER_PRESCRIPTION: {
            form: list(','),
            description:
              'Prescriptions to load: paths to a .pickle, YAML files, directories, or YAML text; several separated by "," (click splits the variable on whitespace first). The image ships the validated prescriptions at /opt/app-root/src/prescriptions.pickle (.s2i/bin/assemble); unset means no prescription units at all. Exclusive with THOTH_ADVISER_PIPELINE.',
            source: `${CLI}#L471`,
          },
          THOTH_ADVISER_CONSTRAINTS: {
            form: text(),
            description:
              'Constraints: a path or the text (JSON or constraints.txt syntax). prepare.py writes them to $THOTH_ADVISER_WORKDIR/input/constraints.txt.',
            source: `${CLI}#L481`,
          },
          THOTH_ADVISER_LABELS: {
            form: text(),
            description: 'Request labels: a path to a JSON file or the JSON object. prepare.py writes them to $THOTH_ADVISER_WORKDIR/input/labels.json.',
            source: `${CLI}#L490`,
          },
          THOTH_ADVISER_USER_STACK_SCORING: {
            form: clickFlag(),
            default: 'true',
            description: 'Score the supplied lock file as the baseline (--user-stack-scoring/--no-user-stack-scoring, click BOOL).',
            source: `${CLI}#L499`,
          },
          PROMETHEUS_PUSHGATEWAY_URL: {
            form: text(),
            description:
              'Pushgateway address (host:port or http(s) URL) the advise command pushes thoth_adviser_info and the schema revision to after the run; unset: no push. Only advise pushes.',
            source: `${CLI}#L74`,
          },
        },
      },
      provenance: {
        description:
          'thoth-adviser provenance: check where the locked packages come from. prepare.py extracts Pipfile and Pipfile.lock. The step is called provenance-check; the value is "provenance".',
        source: `${ADVISER}:app.sh#L8-L9`,
        variables: {
          THOTH_ADVISER_REQUIREMENTS: {
            form: text(),
            required: true,
            description: 'Pipfile: a path or the text (click required). prepare.py writes it to $THOTH_ADVISER_WORKDIR/input/Pipfile.',
            source: `${CLI}#L265-L266`,
          },
          THOTH_ADVISER_REQUIREMENTS_LOCKED: {
            form: text(),
            required: true,
            description: 'Pipfile.lock: a path or the text (click required). prepare.py writes it to $THOTH_ADVISER_WORKDIR/input/Pipfile.lock.',
            source: `${CLI}#L273-L274`,
          },
          THOTH_ADVISER_OUTPUT: {
            form: writePath(),
            default: '-',
            description:
              'Where thoth-analyzer writes the result document: a file path, "-" or an http(s) URL. The workflow keeps the file as its output artifact, so it must be a path on a writable volume.',
            source: `${CLI}#L281`,
          },
          THOTH_ADVISER_PROVENANCE_NO_PRETTY: {
            form: clickFlag(),
            default: 'false',
            description: "--no-pretty, reachable only through click's automatic prefix THOTH_ADVISER_PROVENANCE.",
            source: `${CLI}#L285`,
          },
          THOTH_WHITELISTED_SOURCES: {
            form: list(','),
            description: 'Comma-separated index URLs (https://pypi.org/simple/); empty or unset allows every index.',
            source: `${CLI}#L291`,
          },
        },
      },
      'dependency-monkey': {
        description:
          "thoth-adviser dependency-monkey: generate stacks and print them, write them to a directory or submit them to Amun. prepare.py extracts pipeline.json, runtime_environment.json, Pipfile (the request's requirements as JSON) and context.json.",
        source: `${ADVISER}:app.sh#L11-L12`,
        variables: {
          ...RESOLUTION_UNITS,
          ...resolverOptions({
            runtimeEnvironment: 'L758',
            libraryUsage: 'L704',
            plot: 'L763',
            beamWidth: 'L767',
            limitLatestVersions: 'L774',
            predictor: 'L782',
            predictorConfig: 'L789',
            pipeline: 'L797',
            dev: 'L815',
            requirementsFormat: 'L685',
          }),
          THOTH_ADVISER_REQUIREMENTS: {
            form: text(),
            required: true,
            description: 'Requirements to resolve: a path or the text (click required). prepare.py writes them to $THOTH_ADVISER_WORKDIR/input/Pipfile.',
            source: `${CLI}#L677-L679`,
          },
          THOTH_DEPENDENCY_MONKEY_STACK_OUTPUT: {
            form: pattern('-|https?://.+|/.*', '"-" (standard output), an http(s) Amun API URL, or an absolute directory'),
            required: true,
            description:
              'Where generated stacks go: "-" prints them, an http(s) URL submits each one as an Amun inspection (amun.inspect), anything else is a directory the stacks are written to (<dir>/<n>/Pipfile[.lock]). Click required.',
            source: `${CLI}#L695-L697`,
          },
          THOTH_DEPENDENCY_MONKEY_REPORT_OUTPUT: {
            form: writePath(),
            default: '-',
            description:
              'Where thoth-analyzer writes the dependency-monkey report: a file path, "-" or an http(s) URL. The workflow keeps the file as its output artifact, so it must be a path on a writable volume.',
            source: `${CLI}#L711`,
          },
          THOTH_DEPENDENCY_MONKEY_SEED: {
            form: integer(),
            description: 'Random seed; defaults to the current time.',
            source: `${CLI}#L719`,
          },
          THOTH_DEPENDENCY_MONKEY_COUNT: {
            form: integer({ min: 1 }),
            default: '3',
            description: 'Number of stacks to generate.',
            source: `${CLI}#L726`,
          },
          THOTH_DEPENDENCY_MONKEY_DECISION_TYPE: {
            form: oneOf(['all', 'random']),
            default: 'all',
            description: 'How stacks are sampled (click.Choice).',
            source: `${CLI}#L733`,
          },
          THOTH_DEPENDENCY_MONKEY_DRY_RUN: {
            form: clickFlag(),
            default: 'false',
            description: 'Only count the stacks, output none (click BOOL).',
            source: `${CLI}#L742`,
          },
          THOTH_AMUN_CONTEXT: {
            form: text(),
            required: true,
            description:
              "Amun inspection context: a path to a JSON file or the JSON text. Required in practice: unset, the command calls open(None) and dies with TypeError after building the resolver. prepare.py writes the request's context to $THOTH_ADVISER_WORKDIR/input/context.json.",
            source: `${CLI}#L749`,
          },
          THOTH_ADVISER_PRESCRIPTION: {
            form: text(),
            description:
              'Prescription for dependency-monkey. Unusable at this tag: the option is not multiple, so the command iterates the string character by character (Prescription.load(*value)) and any value longer than one character fails to load.',
            source: `${CLI}#L806`,
          },
          THOTH_ADVISER_DEPENDENCY_MONKEY_NO_PRETTY: {
            form: clickFlag(),
            default: 'false',
            description: "--no-pretty, reachable only through click's automatic prefix THOTH_ADVISER_DEPENDENCY_MONKEY.",
            source: `${CLI}#L779`,
          },
        },
      },
    },
  },
});
