/**
 * The contract check, proven on the breaks a reading of the upstream programs found in the reference's
 * wiring: each case builds the container as it used to be (an untyped Env, so the compiler lets it
 * through) and expects the exact finding; then the real environments have none.
 */
import { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ContainerTemplateProps } from '../../src/platform/argo/workflow-template.js';
import { ProgramIdentity } from '../../src/platform/identity.js';
import type { Environment } from '../../components/shared/environment.js';
import type { RenderedEnvironment } from '../../src/synth/manifest.js';
import { parseImage } from '../../src/contracts/registry.js';
import { contractProblems } from '../../src/validate/contracts.js';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { listEnvironments } from '../../src/config/load.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../components/contracts/images/workflow-helpers.js';
import { INVESTIGATOR_CONTRACT } from '../../components/investigator/job/contract.js';
import { validateEnvironments } from '../../src/validate/index.js';
import { bareEnvironment, REPO_ROOT, renderConstruct, renderReal } from '../helpers.js';
import { THOTH } from '../../platforms/thoth/platform.js';
import { RYAX_IMAGE_CONTRACTS } from '../../components/ryax/contracts/index.js';
import { thothEnv, ThothEnv } from '../../components/shared/env.js';

const NAMESPACE = 'thoth-unit-core';

/** What `build` makes, rendered into an environment of its own with Thoth's image contracts, one file per object. */
function renderedUnit(build: (scope: Construct, env: Environment) => void): RenderedEnvironment {
  const manifests = renderConstruct(bareEnvironment(), (chart) => build(chart, chart.env));
  const objects = manifests.map((manifest) => ({
    manifest,
    application: 'unit',
    file: `${manifest.metadata.name}.yaml`,
    constructPath: manifest.metadata.name,
  }));
  return { name: 'unit', imageContracts: THOTH.imageContracts, applications: [{ name: 'unit', wave: 0, namespace: NAMESPACE, objects }] };
}

/** Renders what `build` makes into an environment of its own, and returns its contract findings as `rule: message`. */
function findings(build: (scope: Construct, env: Environment) => void): string[] {
  return contractProblems(renderedUnit(build)).map((problem) => `${problem.rule}: ${problem.message}`);
}

/** A workflow step template running `image`, as the components make them. */
const step = (image: string, props: Partial<ContainerTemplateProps>) => (scope: Construct, env: Environment) =>
  new WorkflowTemplate(scope, 'wt', { env, name: 'wt', namespace: NAMESPACE, component: 'unit' }).addContainer('step', {
    image,
    resources: STEP_RESOURCES,
    ...props,
  });

const untyped = (env: Environment, vars: Record<string, string>) => {
  const result = new ThothEnv(env);
  for (const [name, value] of Object.entries(vars)) result.literal(name, value);
  return result;
};

const HELPERS = 'quay.io/thoth-station/workflow-helpers:v0.9.16';
const kg = (env: Environment) => new ThothEnv(env).knowledgeGraph();

const CASES: [string, (scope: Construct, env: Environment) => void][] = [
  [
    'workflow-helpers: a hyphenated task, on which app.sh dispatches nothing',
    step(HELPERS, { env: untyped(bareEnvironment(), { THOTH_WORKFLOW_TASK: 'parse-solver-output' }) }),
  ],
  [
    'parse_solver_output: the document path and component name missing, the path under another name',
    step(HELPERS, {
      env: kg(bareEnvironment())
        .ceph()
        .common()
        .literal('THOTH_WORKFLOW_TASK', 'parse_solver_output')
        .literal('THOTH_FILE_PATH', '/mnt/output/document.json')
        .literal('THOTH_SOLVER_NAME', 'solver-rhel-8-py38'),
    }),
  ],
  [
    'send_webhooks: DOCUMENT_ID missing, THOTH_DOCUMENT_ID set instead',
    step(HELPERS, {
      env: untyped(bareEnvironment(), {
        THOTH_WORKFLOW_TASK: 'send_webhooks',
        WEBHOOK_DIR: '/mnt/webhooks',
        THOTH_DOCUMENT_ID: 'adviser-1',
        THOTH_BACKEND_NAMESPACE: 'b',
      }),
    }),
  ],
  [
    'create_purge_issues: the filters under names the task never reads',
    step(HELPERS, {
      env: kg(bareEnvironment()).literal('THOTH_WORKFLOW_TASK', 'create_purge_issues').literal('OS_NAME', 'rhel').literal('GITHUB_PRIVATE_KEY', 'key'),
    }),
  ],
  [
    'adviser: no subcommand and no document id, and /tmp hides its run script',
    step('quay.io/thoth-station/adviser:v0.56.3', {
      env: kg(bareEnvironment())
        .literal('THOTH_ADVISER_REQUIREMENTS', '/mnt/workdir/adviser.request')
        .literal('THOTH_ADVISER_OUTPUT', '/mnt/output/document.json'),
      writablePaths: ['/mnt/workdir', '/mnt/output'],
    }),
  ],
  [
    'graph-sync-job: a path where the local switch is read, and no document to sync',
    step('quay.io/thoth-station/graph-sync-job:v0.11.1', {
      env: kg(bareEnvironment()).literal('THOTH_SYNC_LOCAL_FILE', '/mnt/workdir/document.json').literal('THOTH_DOCUMENT_ID', 'adviser-1'),
    }),
  ],
  [
    'kebechet run-webhook: the payload and the tokens under other names',
    step('quay.io/thoth-station/kebechet-job:v1.11.2', {
      env: untyped(bareEnvironment(), { KEBECHET_SUBCOMMAND: 'run-webhook', WEBHOOK_PAYLOAD: '{}', GITHUB_TOKEN: 't', THAMOS_TOKEN: 't' }),
    }),
  ],
  [
    'kebechet run-results: no repository or service, and the key where its path is read',
    step('quay.io/thoth-station/kebechet-job:v1.11.2', {
      env: untyped(bareEnvironment(), {
        KEBECHET_SUBCOMMAND: 'run-results',
        KEBECHET_ANALYSIS_ID: 'adviser-1',
        THOTH_ADVISER_METADATA: '{"kebechet_metadata": {}}',
        metadata_origin: 'x',
        GITHUB_PRIVATE_KEY: 'k',
      }),
    }),
  ],
  [
    'mi: the options without their MI_ prefix, the Ceph prefix under its THOTH_ name, and knowledge written into the image',
    step('quay.io/thoth-station/mi:v2.10.6', {
      command: ['python3', 'srcopsmetrics/cli.py'],
      args: ['--create-knowledge'],
      env: new ThothEnv(bareEnvironment()).literal('REPOSITORY', 'thoth-station/adviser').literal('ENTITIES', 'Issue').ceph(),
    }),
  ],
  [
    'purge-job: the solver purge with its options under _JOB_ names',
    step('quay.io/thoth-station/purge-job:v0.1.0', {
      env: kg(bareEnvironment()).ceph().literal('THOTH_PURGE_JOB_SUBCOMMAND', 'solver').literal('THOTH_PURGE_JOB_OPERATING_SYSTEM_NAME', 'rhel'),
    }),
  ],
  [
    'si-aggregator: the result files under other names, and no package',
    step('quay.io/thoth-station/si-aggregator:v0.2.0', {
      env: untyped(bareEnvironment(), {
        THOTH_SI_AGGREGATOR_BANDIT_OUTPUT: '/mnt/input/bandit.json',
        THOTH_SI_AGGREGATOR_CLOC_OUTPUT: '/mnt/input/cloc.json',
        THOTH_SI_AGGREGATOR_FUNCTION: 'process_data',
      }),
    }),
  ],
  [
    'metrics-exporter: the instance it reads at import, missing',
    step('quay.io/thoth-station/metrics-exporter:v0.21.4', { env: kg(bareEnvironment()).ceph().namespaces().common().literal('WEB_CONCURRENCY', '1') }),
  ],
  [
    'mi-scheduler: no deployment name, and OpenShift Templates',
    step('quay.io/thoth-station/mi-scheduler:v1.7.3', { env: untyped(bareEnvironment(), { SCHEDULE_KEBECHET_MERGE: '1' }) }),
  ],
  [
    'solver: the document id under another name, and its virtualenv in the read-only home',
    step('quay.io/thoth-station/solver-rhel-8-py38:v1.15.0', {
      env: untyped(bareEnvironment(), { THOTH_SOLVER_DOCUMENT_ID: 's-1', THOTH_SOLVER_PACKAGES: 'flask' }),
    }),
  ],
  [
    'prescriptions-refresh-job: a subcommand it does not have',
    step('quay.io/thoth-station/prescriptions-refresh-job:v0.8.0', {
      env: untyped(bareEnvironment(), { THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND: 'image-analysis' }),
    }),
  ],
  [
    'kaniko: a flag it does not take',
    step('gcr.io/kaniko-project/executor:v1.23.2', {
      args: ['--context=dir:///mnt/build', '--destination=registry.example/x:1', '--clean-up'],
      runsAsRoot: true,
    }),
  ],
  ['an image without a contract', step('quay.io/thoth-station/no-such-image:v1', {})],
  ['a tag the contract was not read at', step('quay.io/thoth-station/adviser:v0.99.0', {})],
];

type Matcher = ReturnType<typeof expect.stringMatching>;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A required variable that is not set, whatever the contract's description says of it. */
const requires = (image: string, variable: string, source: string): Matcher =>
  expect.stringMatching(
    new RegExp(
      `^contract/variable: template step: container main: ${escapeRegExp(image)} requires ${variable} \\(.*\\), which is not set \\[${escapeRegExp(source)}\\]$`,
      's',
    ),
  );
/** A long finding (a mode's or a limitation's explanation), by its beginning. */
const startsWith = (text: string): Matcher => expect.stringMatching(new RegExp(`^${escapeRegExp(text)}`));

const EXPECTED: Record<string, readonly (string | Matcher)[]> = {
  'workflow-helpers: a hyphenated task, on which app.sh dispatches nothing': [
    startsWith(
      'contract/form: template step: container main: THOTH_WORKFLOW_TASK="parse-solver-output" names no mode of thoth-station/workflow-helpers (did you mean parse_solver_out',
    ),
  ],
  'parse_solver_output: the document path and component name missing, the path under another name': [
    requires('thoth-station/workflow-helpers', 'THOTH_MESSAGING_COMPONENT_NAME', 'thoth-station/workflow-helpers@v0.9.15:parse_solver_output.py#L43'),
    requires('thoth-station/workflow-helpers', 'THOTH_SOLVER_DOCUMENT_PATH', 'thoth-station/workflow-helpers@v0.9.15:parse_solver_output.py#L44'),
    'contract/variable: template step: container main: thoth-station/workflow-helpers does not read THOTH_FILE_PATH; did you mean THOTH_SOLVER_DOCUMENT_PATH? [thoth-station/workflow-helpers@v0.9.15]',
    'contract/path: template step: container main: thoth-station/workflow-helpers writes /mnt/workdir/messages_to_be_sent.json, which is on the read-only root file system; mount a writable volume there [thoth-station/workflow-helpers@v0.9.15:thoth/workflow_helpers/common.py#L37]',
  ],
  'send_webhooks: DOCUMENT_ID missing, THOTH_DOCUMENT_ID set instead': [
    requires('thoth-station/workflow-helpers', 'DOCUMENT_ID', 'thoth-station/workflow-helpers@v0.9.15:send_webhooks.py#L46'),
    'contract/variable: template step: container main: thoth-station/workflow-helpers does not read THOTH_DOCUMENT_ID; did you mean DOCUMENT_ID? [thoth-station/workflow-helpers@v0.9.15]',
    'contract/rbac: template step: container main: thoth-station/workflow-helpers calls delete secrets, which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/default grants [thoth-station/workflow-helpers@v0.9.15:send_webhooks.py#L66]',
  ],
  'create_purge_issues: the filters under names the task never reads': [
    requires('thoth-station/workflow-helpers', 'GITHUB_KEBECHET_TOKEN', 'thoth-station/workflow-helpers@v0.9.15:create_purge_issues.py#L80'),
    'contract/variable: template step: container main: thoth-station/workflow-helpers does not read OS_NAME; did you mean PURGE_OS_NAME? [thoth-station/workflow-helpers@v0.9.15]',
    'contract/variable: template step: container main: thoth-station/workflow-helpers does not read GITHUB_PRIVATE_KEY; did you mean GITHUB_PRIVATE_KEY_PATH? [thoth-station/workflow-helpers@v0.9.15]',
  ],
  'adviser: no subcommand and no document id, and /tmp hides its run script': [
    startsWith(
      'contract/variable: template step: container main: thoth-station/adviser dispatches on THOTH_ADVISER_SUBCOMMAND (one of advise, provenance, dependency-monkey), which is no',
    ),
    requires('thoth-station/adviser', 'THOTH_DOCUMENT_ID', 'thoth-station/adviser@v0.56.3:prepare.py#L14'),
    requires('thoth-station/adviser', 'THOTH_ADVISER_WORKDIR', 'thoth-station/adviser@v0.56.3:prepare.py#L16-L17'),
    "contract/path: template step: container main: the volume mounted at /tmp hides the image's entry point /tmp/scripts/run [thoth-station/adviser@v0.56.3:.s2i/bin/run#L1-L4]",
  ],
  'graph-sync-job: a path where the local switch is read, and no document to sync': [
    startsWith(
      'contract/form: template step: container main: THOTH_SYNC_LOCAL_FILE="/mnt/workdir/document.json" names no mode of thoth-station/graph-sync-job; it takes the values it',
    ),
    'contract/variable: template step: container main: thoth-station/graph-sync-job does not read THOTH_DOCUMENT_ID; did you mean THOTH_SYNC_DOCUMENT_ID? [thoth-station/graph-sync-job@v0.11.1]',
  ],
  'kebechet run-webhook: the payload and the tokens under other names': [
    requires('thoth-station/kebechet-job', 'KEBECHET_PAYLOAD', 'thoth-station/kebechet@v1.11.2:kebechet/cli.py#L155'),
    'contract/variable: template step: container main: thoth-station/kebechet-job does not read WEBHOOK_PAYLOAD; did you mean KEBECHET_PAYLOAD? [thoth-station/kebechet@v1.11.2]',
    'contract/variable: template step: container main: thoth-station/kebechet-job does not read GITHUB_TOKEN; did you mean GITHUB_KEBECHET_TOKEN? [thoth-station/kebechet@v1.11.2]',
    'contract/variable: template step: container main: thoth-station/kebechet-job does not read THAMOS_TOKEN; did you mean GITHUB_KEBECHET_TOKEN? [thoth-station/kebechet@v1.11.2]',
    startsWith(
      "contract/image: template step: container main: thoth-station/kebechet-job: the image has no passwd entry for the pod's uid (neither 1001 nor its own 1042); app.sh appe",
    ),
  ],
  'kebechet run-results: no repository or service, and the key where its path is read': [
    requires('thoth-station/kebechet-job', 'KEBECHET_REPO_URL', 'thoth-station/kebechet@v1.11.2:kebechet/cli.py#L99'),
    requires('thoth-station/kebechet-job', 'KEBECHET_SERVICE_NAME', 'thoth-station/kebechet@v1.11.2:kebechet/cli.py#L100'),
    'contract/variable: template step: container main: thoth-station/kebechet-job does not read metadata_origin [thoth-station/kebechet@v1.11.2]',
    'contract/variable: template step: container main: thoth-station/kebechet-job does not read GITHUB_PRIVATE_KEY; did you mean GITHUB_PRIVATE_KEY_PATH? [thoth-station/kebechet@v1.11.2]',
    startsWith(
      "contract/image: template step: container main: thoth-station/kebechet-job: the image has no passwd entry for the pod's uid (neither 1001 nor its own 1042); app.sh appe",
    ),
  ],
  'mi: the options without their MI_ prefix, the Ceph prefix under its THOTH_ name, and knowledge written into the image': [
    requires('thoth-station/mi', 'GITHUB_ACCESS_TOKEN', 'thoth-station/mi@v2.10.6:srcopsmetrics/github_handling.py#L31'),
    requires('thoth-station/mi', 'CEPH_BUCKET_PREFIX', 'thoth-station/mi@v2.10.6:srcopsmetrics/storage.py#L102'),
    'contract/variable: template step: container main: thoth-station/mi does not read REPOSITORY; did you mean MI_REPOSITORY? [thoth-station/mi@v2.10.6]',
    'contract/variable: template step: container main: thoth-station/mi does not read ENTITIES; did you mean MI_ENTITIES? [thoth-station/mi@v2.10.6]',
    'contract/variable: template step: container main: thoth-station/mi does not read THOTH_CEPH_BUCKET_PREFIX; did you mean CEPH_BUCKET_PREFIX? [thoth-station/mi@v2.10.6]',
    'contract/path: template step: container main: thoth-station/mi writes /opt/app-root/src/srcopsmetrics/bot_knowledge, which is on the read-only root file system; mount a writable volume there [thoth-station/mi@v2.10.6:srcopsmetrics/bot_knowledge.py#L71]',
  ],
  'purge-job: the solver purge with its options under _JOB_ names': [
    requires('thoth-station/purge-job', 'THOTH_DEPLOYMENT_NAME', 'thoth-station/storages@v0.74.1:thoth/storages/result_base.py#L62'),
    requires('thoth-station/purge-job', 'THOTH_PURGE_OPERATING_SYSTEM_NAME', 'thoth-station/purge-job@v0.1.0:app.py#L77-L85'),
    requires('thoth-station/purge-job', 'THOTH_PURGE_OPERATING_SYSTEM_VERSION', 'thoth-station/purge-job@v0.1.0:app.py#L86-L94'),
    requires('thoth-station/purge-job', 'THOTH_PURGE_PYTHON_VERSION', 'thoth-station/purge-job@v0.1.0:app.py#L95-L103'),
    'contract/variable: template step: container main: thoth-station/purge-job does not read THOTH_PURGE_JOB_OPERATING_SYSTEM_NAME; did you mean THOTH_PURGE_OPERATING_SYSTEM_NAME? [thoth-station/purge-job@v0.1.0]',
  ],
  'si-aggregator: the result files under other names, and no package': [
    requires('thoth-station/si-aggregator', 'THOTH_DOCUMENT_ID', 'thoth-station/si-aggregator@v0.2.0:app.py#L54'),
    requires('thoth-station/si-aggregator', 'THOTH_SI_AGGREGATOR_SI_BANDIT_RESULTS', 'thoth-station/si-aggregator@v0.2.0:app.py#L95'),
    requires('thoth-station/si-aggregator', 'THOTH_SI_AGGREGATOR_SI_CLOC_RESULTS', 'thoth-station/si-aggregator@v0.2.0:app.py#L102'),
    requires('thoth-station/si-aggregator', 'THOTH_SI_AGGREGATOR_PACKAGE_NAME', 'thoth-station/si-aggregator@v0.2.0:app.py#L74'),
    requires('thoth-station/si-aggregator', 'THOTH_SI_AGGREGATOR_PACKAGE_VERSION', 'thoth-station/si-aggregator@v0.2.0:app.py#L81'),
    'contract/variable: template step: container main: thoth-station/si-aggregator does not read THOTH_SI_AGGREGATOR_BANDIT_OUTPUT; did you mean THOTH_SI_AGGREGATOR_OUTPUT? [thoth-station/si-aggregator@v0.2.0]',
    'contract/variable: template step: container main: thoth-station/si-aggregator does not read THOTH_SI_AGGREGATOR_CLOC_OUTPUT; did you mean THOTH_SI_AGGREGATOR_OUTPUT? [thoth-station/si-aggregator@v0.2.0]',
  ],
  'metrics-exporter: the instance it reads at import, missing': [
    requires('thoth-station/metrics-exporter', 'KAFKA_BOOTSTRAP_SERVERS', 'thoth-station/messaging@v0.16.2:thoth/messaging/admin_client.py#L83'),
    requires('thoth-station/metrics-exporter', 'PROMETHEUS_HOST_URL', 'thoth-station/metrics-exporter@v0.21.4:thoth/metrics_exporter/configuration.py#L31'),
    requires(
      'thoth-station/metrics-exporter',
      'PROMETHEUS_SERVICE_ACCOUNT_TOKEN',
      'thoth-station/metrics-exporter@v0.21.4:thoth/metrics_exporter/configuration.py#L32',
    ),
    requires(
      'thoth-station/metrics-exporter',
      'METRICS_EXPORTER_INFRA_PROMETHEUS_INSTANCE',
      'thoth-station/metrics-exporter@v0.21.4:thoth/metrics_exporter/jobs/security.py#L39',
    ),
    requires('thoth-station/metrics-exporter', 'GITHUB_ACCESS_TOKEN', 'thoth-station/metrics-exporter@v0.21.4:thoth/metrics_exporter/configuration.py#L51'),
    'contract/variable: template step: container main: thoth-station/metrics-exporter does not read THOTH_AMUN_NAMESPACE; did you mean THOTH_BACKEND_NAMESPACE? [thoth-station/metrics-exporter@v0.21.4]',
    'contract/rbac: template step: container main: thoth-station/metrics-exporter calls get configmaps, which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/default grants [thoth-station/common@v0.36.6:thoth/common/openshift.py#L621]',
  ],
  'mi-scheduler: no deployment name, and OpenShift Templates': [
    requires('thoth-station/mi-scheduler', 'THOTH_DEPLOYMENT_NAME', 'thoth-station/mi-scheduler@v1.7.3:app.py#L45'),
    requires('thoth-station/mi-scheduler', 'THOTH_MIDDLETIER_NAMESPACE', 'thoth-station/common@v0.35.0:thoth/common/workflows.py#L823'),
    requires('thoth-station/mi-scheduler', 'THOTH_INFRA_NAMESPACE', 'thoth-station/common@v0.35.0:thoth/common/workflows.py#L820'),
    "contract/api-group: template step: container main: thoth-station/mi-scheduler calls templates in API group template.openshift.io, which this environment's cluster does not serve [thoth-station/common@v0.35.0:thoth/common/openshift.py#L731]",
    "contract/api-group: template step: container main: thoth-station/mi-scheduler calls processedtemplates in API group template.openshift.io, which this environment's cluster does not serve [thoth-station/common@v0.35.0:thoth/common/openshift.py#L1677]",
    'contract/rbac: template step: container main: thoth-station/mi-scheduler calls create workflows (argoproj.io), which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/default grants [thoth-station/common@v0.35.0:thoth/common/workflows.py#L460]',
    'contract/rbac: template step: container main: thoth-station/mi-scheduler calls get configmaps, which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/default grants [thoth-station/common@v0.35.0:thoth/common/openshift.py#L1718]',
    startsWith(
      'contract/api-group: template step: container main: thoth-station/mi-scheduler: schedules only through OpenShift Templates: it lists template.openshift.io Templates (label ',
    ),
    startsWith(
      'contract/image: template step: container main: thoth-station/mi-scheduler: the GitHub and Kebechet analysis jobs call schedule_mi_workflow(create_knowledge=True, ...),',
    ),
  ],
  'solver: the document id under another name, and its virtualenv in the read-only home': [
    requires('thoth-station/solver-*', 'THOTH_DOCUMENT_ID', 'thoth-station/analyzer@0.1.8:thoth/analyzer/cli.py#L127'),
    'contract/variable: template step: container main: thoth-station/solver-* does not read THOTH_SOLVER_DOCUMENT_ID; did you mean THOTH_DOCUMENT_ID? [thoth-station/solver@v1.15.0]',
    'contract/path: template step: container main: thoth-station/solver-* writes /opt/app-root/src/venv, which is on the read-only root file system; mount a writable volume there [thoth-station/solver@v1.15.0:thoth/solver/python/python.py#L434]',
    startsWith(
      'contract/image: template step: container main: thoth-station/solver-*: on a cgroup v2 node the solver stops before solving anything: _limit_memory reads /sys/fs/cgroup',
    ),
  ],
  'prescriptions-refresh-job: a subcommand it does not have': [
    startsWith(
      'contract/form: template step: container main: THOTH_PRESCRIPTIONS_REFRESH_SUBCOMMAND="image-analysis" names no mode of thoth-station/prescriptions-refresh-job (did yo',
    ),
    requires(
      'thoth-station/prescriptions-refresh-job',
      'THOTH_PRESCRIPTIONS_REFRESH_GITHUB_TOKEN',
      'thoth-station/prescriptions-refresh-job@v0.8.0:thoth/prescriptions_refresh/prescriptions.py#L96',
    ),
  ],
  'kaniko: a flag it does not take': [
    'contract/argument: template step: container main: passes --clean-up, which kaniko-project/executor does not take; did you mean --cleanup? [GoogleContainerTools/kaniko@v1.23.2]',
    startsWith(
      'contract/image: template step: container main: kaniko-project/executor: kaniko unpacks the base image into its own root file system and runs RUN steps there: it needs ',
    ),
  ],
  'an image without a contract': [
    "contract/unknown-image: template step: container main: runs quay.io/thoth-station/no-such-image:v1, which has no contract: write its contract from the program's source at that tag, and add it to the platform's",
  ],
  'a tag the contract was not read at': [
    'contract/unknown-image: template step: container main: runs quay.io/thoth-station/adviser:v0.99.0, but the contract of thoth-station/adviser was read at v0.56.3, not v0.99.0: read the program at that tag and add it to the contract (or write one for it)',
  ],
};

test.each(CASES)('%s', (name, build) => {
  expect(findings(build)).toEqual(EXPECTED[name]);
});

describe('values', () => {
  test('a literal of the wrong form is named with what the program takes', () => {
    expect(
      findings(step('quay.io/thoth-station/graph-refresh-job:0123456789ab', { env: untyped(bareEnvironment(), { THOTH_GRAPH_REFRESH_COUNT: '0' }) })),
    ).toContain(
      'contract/form: template step: container main: THOTH_GRAPH_REFRESH_COUNT="0": expected a whole number of at least 1 [components/graph-refresh/job/contract.ts]',
    );
  });

  test('a ConfigMap key is checked for what it holds, a parameter for its default and its enum', () => {
    const build = (scope: Construct, env: Environment) => {
      new k8s.KubeConfigMap(scope, 'settings', { metadata: { name: 'settings', namespace: NAMESPACE }, data: { count: 'many' } });
      step('quay.io/thoth-station/graph-refresh-job:0123456789ab', {
        parameters: [
          { name: 'THOTH_GRAPH_REFRESH_SOLVER', enum: ['1', 'maybe'] },
          { name: 'THOTH_GRAPH_REFRESH_WINDOW_HOURS', default: 'six' },
        ],
        env: new ThothEnv(env).configMap('THOTH_GRAPH_REFRESH_COUNT', 'settings', 'count'),
      })(scope, env);
    };
    const found = findings(build).filter((finding) => finding.startsWith('contract/form'));
    expect(found).toEqual([
      'contract/form: template step: container main: THOTH_GRAPH_REFRESH_SOLVER="maybe": expected a switch: 1, true, yes, on (on) or 0, false, no, off (off); the program fails on any other text [components/graph-refresh/job/contract.ts]',
      'contract/form: template step: container main: THOTH_GRAPH_REFRESH_WINDOW_HOURS="six": expected a whole number of at least 1 [components/graph-refresh/job/contract.ts]',
      'contract/form: template step: container main: THOTH_GRAPH_REFRESH_COUNT="many": expected a whole number of at least 1 [components/graph-refresh/job/contract.ts]',
    ]);
  });

  test('a value from a Secret, a field or a run is not guessed at', () => {
    const env = new ThothEnv(bareEnvironment()).secret('THOTH_GRAPH_REFRESH_COUNT', 'thoth', 'count').field('THOTH_GRAPH_REFRESH_SOLVER', 'metadata.name');
    expect(
      findings(step('quay.io/thoth-station/graph-refresh-job:0123456789ab', { env, parameters: [{ name: 'THOTH_GRAPH_REFRESH_WINDOW_HOURS' }] })).filter(
        (finding) => finding.startsWith('contract/form'),
      ),
    ).toEqual([]);
  });

  test('a required variable set to an empty value is a finding', () => {
    expect(
      findings(
        step(HELPERS, {
          env: untyped(bareEnvironment(), { THOTH_WORKFLOW_TASK: 'send_webhooks', WEBHOOK_DIR: '/mnt/w', DOCUMENT_ID: '', THOTH_BACKEND_NAMESPACE: 'b' }),
        }),
      ),
    ).toContainEqual(expect.stringMatching(/requires DOCUMENT_ID \(.*\), which is set to an empty value/));
  });

  test('a variable only other values refer to as $(NAME) is the kubelet’s to expand, not the program’s', () => {
    const env = new ThothEnv(bareEnvironment())
      .secretToExpand('DATA_SOURCE_DATABASE', 'postgresql', 'database-name')
      .literal('DATA_SOURCE_URI', 'postgresql.db.svc:5432/$(DATA_SOURCE_DATABASE)?sslmode=disable')
      .literal('DATA_SOURCE_USER', 'u')
      .literal('DATA_SOURCE_PASS', 'p');
    expect(findings(step('quay.io/prometheuscommunity/postgres-exporter:v0.15.0', { env }))).toEqual([]);
  });

  test('with envFrom, a required variable may come from there and is not reported missing', () => {
    const build = (scope: Construct, env: Environment) => {
      const handle = step(HELPERS, { env: untyped(env, { THOTH_WORKFLOW_TASK: 'send_webhooks' }) })(scope, env);
      const template = (handle.workflowTemplate as unknown as { templates: { container: Record<string, unknown> }[] }).templates[0]!;
      template.container.envFrom = [{ configMapRef: { name: 'webhooks' } }];
    };
    expect(findings(build).filter((finding) => finding.includes('requires'))).toEqual([]);
  });
});

describe("this repository's programs", () => {
  const investigator = (mode: string, vars: Record<string, string>) =>
    step('quay.io/thoth-station/investigator:ba9876543210', {
      env: untyped(bareEnvironment(), {
        THOTH_CONSUMER_MODE: mode,
        KAFKA_CONSUMER_GROUP_ID: 'g',
        KAFKA_BOOTSTRAP_SERVERS: 'k:9092',
        THOTH_DEPLOYMENT_NAME: 'd',
        ...vars,
      }),
    });

  test('the metrics mode needs no namespaces, the modes that act do', () => {
    expect(findings(investigator('metrics', {}))).toEqual([]);
    const acting = findings(investigator('["backend"]', {}));
    expect(acting.filter((finding) => finding.startsWith('contract/variable')).map((finding) => /requires (\w+)/.exec(finding)?.[1])).toEqual([
      'THOTH_MIDDLETIER_NAMESPACE',
      'THOTH_BACKEND_NAMESPACE',
      'KNOWLEDGE_GRAPH_HOST',
      'KNOWLEDGE_GRAPH_USER',
      'KNOWLEDGE_GRAPH_DATABASE',
    ]);
    // And it submits workflows, which the step's default account may not.
    expect(acting.filter((finding) => !finding.startsWith('contract/variable'))).toEqual([
      'contract/rbac: template step: container main: investigator calls create workflows, list workflows (argoproj.io), which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/default grants [src/runtime/kubernetes/workflows.ts]',
    ]);
  });

  test('a mode the program refuses, and a variable it does not read', () => {
    expect(findings(investigator('frontend', { SENTRY_DSN: 'x' }))).toEqual([
      'contract/form: template step: container main: THOTH_CONSUMER_MODE="frontend" names no mode of investigator; it takes the values its contract describes, and otherwise it refuses to start (exit 1) [components/investigator/job/contract.ts]',
      'contract/variable: template step: container main: investigator does not read SENTRY_DSN [components/investigator/job]',
    ]);
  });

  test('migrate reads the knowledge graph and nothing of the consumer', () => {
    const env = untyped(bareEnvironment(), {
      KNOWLEDGE_GRAPH_HOST: 'h',
      KNOWLEDGE_GRAPH_USER: 'u',
      KNOWLEDGE_GRAPH_DATABASE: 'd',
      KAFKA_CONSUMER_GROUP_ID: 'g',
    });
    expect(findings(step('quay.io/thoth-station/investigator:ba9876543210', { env, args: ['migrate'] }))).toEqual([
      'contract/variable: template step: container main: investigator does not read KAFKA_CONSUMER_GROUP_ID [components/investigator/job]',
    ]);
  });
});

test('a waiver with its reason silences one contract rule of one object, and nothing else', async () => {
  const build = (scope: Construct, env: Environment) => {
    // Waived: the limitation of the mi-scheduler image; not waived: its missing variable, and the same limitation on another object.
    for (const [name, annotations] of [
      ['waived', { 'validate.thoth-station.ninja/contract.image': 'the step is not run' }],
      ['plain', undefined],
    ] as const) {
      new WorkflowTemplate(scope, name, { env, name, namespace: NAMESPACE, component: 'unit', annotations }).addContainer('step', {
        image: 'quay.io/thoth-station/mi-scheduler:v1.7.3',
        env: untyped(env, { SCHEDULE_KEBECHET_MERGE: '1' }),
        resources: STEP_RESOURCES,
      });
    }
  };
  const rendered = renderedUnit(build);
  const found = (await validateEnvironments([rendered])).filter((finding) => finding.rule === 'contract/image' || finding.rule === 'contract/variable');
  expect(found.filter((finding) => finding.name === 'waived').map((finding) => finding.rule)).toEqual([
    'contract/variable',
    'contract/variable',
    'contract/variable',
  ]);
  expect(found.filter((finding) => finding.name === 'plain').map((finding) => finding.rule)).toEqual([
    'contract/variable',
    'contract/variable',
    'contract/variable',
    'contract/image',
  ]);
});

test('the environments on disk have no contract finding but the waived ones, each with its reason', async () => {
  for (const name of await listEnvironments(REPO_ROOT)) {
    const rendered = await renderReal(name);
    const findings = await validateEnvironments([rendered]);
    expect(
      findings
        .filter((finding) => finding.rule.startsWith('contract') || finding.rule === 'waiver')
        .map((finding) => `${name}: ${finding.name}: ${finding.message}`),
    ).toEqual([]);
    // What is waived is an image's own fault, never an unknown image: a contract waiver names a limitation's rule.
    const waivers = rendered.applications
      .flatMap((application) => application.objects)
      .flatMap((object) => Object.keys(object.manifest.metadata.annotations ?? {}));
    expect(waivers.filter((key) => key.startsWith('validate.thoth-station.ninja/contract.') && !/contract\.(image|api-group|rbac)$/.test(key))).toEqual([]);
  }
});

describe('the contracts', () => {
  test('every file of components/contracts/images is in the registry, once', async () => {
    const files = (await readdir(path.join(REPO_ROOT, 'components/contracts/images'))).filter((file) => file !== 'index.ts');
    const upstream = THOTH.imageContracts.filter((contract) => contract.tags !== 'built-here');
    expect(upstream).toHaveLength(files.length);
    expect(new Set(THOTH.imageContracts.map((contract) => contract.repository)).size).toBe(THOTH.imageContracts.length);
  });

  test('every fact names where it was read: owner/repository@tag:path#Lline upstream, a file of this repository for ours', () => {
    const sources: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value !== null && typeof value === 'object')
        for (const [key, inner] of Object.entries(value)) key === 'source' ? sources.push(inner as string) : collect(inner);
    };
    [...THOTH.imageContracts, ...RYAX_IMAGE_CONTRACTS].forEach(collect);
    const upstream = /^[\w.-]+\/[\w.-]+@[\w.-]+(:[^\s#]+(#L\d+(-L?\d+)?)?)?$/;
    const local = /^(src|components)\/[\w./-]+$/;
    expect(sources.filter((source) => !upstream.test(source) && !local.test(source))).toEqual([]);
  });

  test('an Env made for a contract takes only the names its program reads (the compiler refuses the others)', () => {
    const env = thothEnv(bareEnvironment(), WORKFLOW_HELPERS_CONTRACT, 'send_webhooks');
    // @ts-expect-error: workflow-helpers reads no THOTH_FILE_PATH.
    env.literal('THOTH_FILE_PATH', '/x');
    expect(env.vars).toContainEqual({ name: 'THOTH_WORKFLOW_TASK', value: 'send_webhooks' });
    // The shared groups give it only what it reads.
    expect(thothEnv(bareEnvironment(), WORKFLOW_HELPERS_CONTRACT, 'send_webhooks').pushgateway().vars).toEqual([
      { name: 'THOTH_WORKFLOW_TASK', value: 'send_webhooks' },
    ]);
  });
});

test("an API call the pod's account is not granted is named with the verbs and resources missing", () => {
  const build = (scope: Construct, env: Environment) => {
    const identity = new ProgramIdentity(scope, 'identity', {
      name: 'revsolver',
      namespace: NAMESPACE,
      component: 'unit',
      mountTokenInEveryPod: true,
    }).allowRunWorkflowSteps(NAMESPACE);
    step('quay.io/thoth-station/revsolver:v0.2.13', {
      serviceAccountName: identity.serviceAccountName,
      env: kg(env)
        .literal('THOTH_REVSOLVER_PACKAGE_NAME', 'flask')
        .literal('THOTH_REVSOLVER_PACKAGE_VERSION', '2.0.0')
        .literal('THOTH_INFRA_NAMESPACE', NAMESPACE),
    })(scope, env);
  };
  expect(findings(build).filter((finding) => finding.startsWith('contract/rbac'))).toEqual([
    'contract/rbac: template step: container main: thoth-station/revsolver calls get configmaps, which no Role or ClusterRole bound to ServiceAccount thoth-unit-core/revsolver grants [thoth-station/common@v0.36.4:thoth/common/openshift.py#L619-L625]',
  ]);
});

describe('what a container may hold', () => {
  test('an image reference names its repository whatever its registry: Docker Hub with or without host, a port, a digest', () => {
    expect(parseImage('postgres:16.4')).toMatchObject({ repository: 'library/postgres', tag: '16.4' });
    expect(parseImage('docker.io/postgres:16.4')).toMatchObject({ repository: 'library/postgres', tag: '16.4' });
    expect(parseImage('localhost:5000/postgres:16.4')).toMatchObject({ repository: 'library/postgres', tag: '16.4' });
    expect(parseImage('registry.example:5000/mirror/thoth-station/adviser:v0.56.3')).toMatchObject({
      repository: 'mirror/thoth-station/adviser',
      tag: 'v0.56.3',
    });
    expect(parseImage('quay.io/thoth-station/adviser@sha256:abc')).toMatchObject({ repository: 'thoth-station/adviser', digest: 'sha256:abc' });
  });

  test('every value a parameter may give a mode selector must name a mode', () => {
    const build = step(HELPERS, {
      parameters: [{ name: 'THOTH_WORKFLOW_TASK', enum: ['send_webhooks', 'send-webhooks'] }],
      env: untyped(bareEnvironment(), {}),
    });
    expect(findings(build).filter((finding) => finding.startsWith('contract/form'))).toEqual([
      expect.stringMatching(
        /^contract\/form: template step: container main: THOTH_WORKFLOW_TASK="send-webhooks" names no mode of thoth-station\/workflow-helpers \(did you mean send_webhooks\?\)/,
      ),
    ]);
  });

  test('a subcommand given by a parameter is read through it', () => {
    const build = step('quay.io/thoth-station/investigator:ba9876543210', {
      args: ['{{inputs.parameters.command}}'],
      parameters: [{ name: 'command', default: 'migrate' }],
      env: thothEnv(bareEnvironment(), INVESTIGATOR_CONTRACT, 'migrate')
        .literal('KNOWLEDGE_GRAPH_HOST', 'h')
        .literal('KNOWLEDGE_GRAPH_USER', 'u')
        .literal('KNOWLEDGE_GRAPH_DATABASE', 'd'),
    });
    expect(findings(build)).toEqual([]);
  });

  test('with envFrom, the mode selector may come from there too', () => {
    const build = (scope: Construct, env: Environment) => {
      const handle = step(HELPERS, { env: untyped(env, {}) })(scope, env);
      (handle.workflowTemplate as unknown as { templates: { container: Record<string, unknown> }[] }).templates[0]!.container.envFrom = [
        { configMapRef: { name: 'task' } },
      ];
    };
    expect(findings(build)).toEqual([]);
  });

  test("this repository's programs read a value trimmed, and an empty one as unset, as their parser does; $(VAR) values are the kubelet's", () => {
    const build = step('quay.io/thoth-station/graph-refresh-job:0123456789ab', {
      env: untyped(bareEnvironment(), { THOTH_GRAPH_REFRESH_COUNT: ' 800 ', THOTH_LOGGING_NO_JSON: '', THOTH_GRAPH_REFRESH_WINDOW_HOURS: '$(HOURS)' }),
    });
    expect(findings(build).filter((finding) => finding.startsWith('contract/form'))).toEqual([]);
  });

  test('a program told to write to standard output ("-") writes no file', () => {
    const build = step('quay.io/thoth-station/revsolver:v0.2.13', { env: kg(bareEnvironment()).literal('THOTH_REVSOLVER_OUTPUT', '-') });
    expect(findings(build).filter((finding) => finding.startsWith('contract/path') || finding.startsWith('contract/form'))).toEqual([]);
  });
});
