/**
 * thoth-station/revsolver at v0.2.13: the middletier `revsolve` step.
 *
 * The image has no .s2i directory; the s2i base run script runs `python app.py` (one click command).
 * The command sets auto_envvar_prefix THOTH_REVSOLVER inside its own callback, after its options are
 * parsed, so only the explicit envvar names below are read (--no-pretty has none).
 *
 * For each solver named in the `solvers` ConfigMap of THOTH_INFRA_NAMESPACE (read through the Kubernetes
 * API by thoth-common's OpenShift class), it queries the knowledge graph for the packages depending on
 * the given package and keeps those whose version range admits the given version, then writes the list
 * with thoth-analyzer. Libraries at the pinned versions: thoth-common 0.36.4, thoth-storages 0.73.0,
 * thoth-analyzer 0.1.8, openshift 0.11.0, kubernetes 11.0.0, click 8.1.3.
 */
import { THOTH_COMMON_KUBERNETES, THOTH_COMMON_LOGGING, THOTH_COMMON_LOG_PATTERNS } from '../libraries/thoth-common.js';
import { THOTH_STORAGES_GRAPH } from '../libraries/thoth-storages.js';
import { clickFlag, defineContract, integer, text, writePath } from '../../../src/contracts/model.js';

const REVSOLVER = 'thoth-station/revsolver@v0.2.13';
const APP = `${REVSOLVER}:app.py`;
const COMMON = 'thoth-station/common@v0.36.4:thoth/common/openshift.py';

export const REVSOLVER_CONTRACT = defineContract({
  repository: 'thoth-station/revsolver',
  tags: ['v0.2.13'],
  source: REVSOLVER,
  summary:
    'Reverse solver: lists the packages that depend on a given package version, per solver environment of the deployment, from the knowledge graph, and writes the list as a result document.',
  entrypoint: {
    command: ['/usr/libexec/s2i/run'],
    source: `${APP}#L246`,
  },
  variables: {
    ...THOTH_COMMON_LOGGING,
    ...THOTH_COMMON_KUBERNETES,
    ...THOTH_STORAGES_GRAPH,
    THOTH_INFRA_NAMESPACE: {
      form: text(),
      required: true,
      description:
        "Namespace whose `solvers` ConfigMap (key `solvers`, one solver-<os>-<version>-py<XY> name per line) lists the environments to query. Unset: OpenShift.get_solver_names raises ConfigurationError. The pod's service account must be allowed to get that ConfigMap.",
      source: `${COMMON}#L913-L920`,
    },
    THOTH_REVSOLVER_PACKAGE_NAME: {
      form: text(),
      required: true,
      description: 'Name of the package whose dependents are looked up (click required).',
      source: `${APP}#L179-L187`,
    },
    THOTH_REVSOLVER_PACKAGE_VERSION: {
      form: text(),
      required: true,
      description: "Version of that package, matched against each dependent's version range (click required).",
      source: `${APP}#L188-L196`,
    },
    THOTH_REVSOLVER_OUTPUT: {
      form: writePath(),
      default: '-',
      description:
        'Where thoth-analyzer writes the result document: a file path, "-" for standard output, or an http(s) URL it POSTs to. The workflow keeps the file as its output artifact, so it must be a path on a writable volume.',
      source: `${APP}#L197-L206`,
    },
    THOTH_REVSOLVER_VERBOSE: {
      form: clickFlag(),
      default: 'false',
      description: '--verbose (click BOOL): DEBUG level for thoth.revsolver.',
      source: `${APP}#L164-L170`,
    },
    THOTH_REVSOLVER_QUERY_COUNT: {
      form: integer({ min: 1 }),
      description: 'Page size of the dependents query (defaults to GraphDatabase.DEFAULT_COUNT); int() at import.',
      source: `${APP}#L47`,
    },
    THOTH_DOCUMENT_ID: {
      form: text(),
      description:
        'Stamped by thoth-analyzer into metadata.document_id of the result (revsolver-…); thoth-storages needs it to store the document in Ceph by id. The revsolver itself does not use it.',
      source: 'thoth-station/analyzer@0.1.8:thoth/analyzer/cli.py#L127',
    },
    PROMETHEUS_PUSHGATEWAY_URL: {
      form: text(),
      description:
        'Pushgateway address (host:port or http(s) URL) the schema-revision metric is pushed to before the query; pushed only when THOTH_DEPLOYMENT_NAME is set too. A push error is logged, not fatal.',
      source: `${APP}#L50`,
    },
  },
  patterns: THOTH_COMMON_LOG_PATTERNS,
  api: [
    {
      group: '',
      resources: ['configmaps'],
      verbs: ['get'],
      source: `${COMMON}#L619-L625`,
    },
  ],
  writes: [
    {
      path: '/tmp',
      source: 'openshift/openshift-restclient-python@v0.11.0:openshift/dynamic/discovery.py#L30',
    },
  ],
});
