import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, passThrough, required, STEP_RESOURCES, taskMetrics, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { ADVISER_CONTRACT } from '../../src/contracts/images/adviser.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../src/contracts/images/workflow-helpers.js';
import { KEBECHET_SECRET_MOUNT, KEBECHET_SSH_WAIVER, kebechetEnv, withKebechetSecret } from '../kebechet/index.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT, type WorkflowCore } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';

export interface AdviserProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

const OUTPUT = '/mnt/output/document.json';

/**
 * The adviser image's run script prepares the inputs, then starts the program: prepare.py reads the
 * request `<THOTH_DOCUMENT_ID>.request` from /mnt/workdir and writes the Pipfile, its lock and the
 * rest into THOTH_ADVISER_WORKDIR/input. The image keeps that script under /tmp, which the pod's
 * writable /tmp volume hides, so the container runs the same two steps itself.
 */
export const ADVISER_COMMAND = ADVISER_CONTRACT.entrypoint.alternatives[0];
/** Where the request is put and prepare.py writes the inputs (a writable volume). */
export const ADVISER_WORKDIR = '/mnt/workdir';
/** The inputs prepare.py extracts from a request. */
export const ADVISER_INPUT = `${ADVISER_WORKDIR}/input`;
/** The prescriptions the image's build compiled: without them advise runs no prescription units. */
const PRESCRIPTIONS = '/opt/app-root/src/prescriptions.pickle';

/** A user API's request document, where prepare.py opens it. */
export const adviserRequest = (env: Environment, area: string, id: string) =>
  documentArtifact(env, 'inputdocument', `${ADVISER_WORKDIR}/${id}.request`, area, `${id}.request`);

const ADVISER_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } };

const ADVISE_PARAMETERS = [
  required('THOTH_ADVISER_JOB_ID'),
  optional('THOTH_ADVISER_REQUIREMENTS_FORMAT', 'pipenv'),
  required('THOTH_ADVISER_RECOMMENDATION_TYPE'),
  optional('THOTH_ADVISER_METADATA', '{}'),
  optional('THOTH_ADVISER_PREDICTOR_CONFIG', '{}'),
  optional('THOTH_ADVISER_SEED', '42'),
  optional('THOTH_ADVISER_DEV', '0'),
  optional('THOTH_ADVISER_BEAM_WIDTH', '25000'),
  optional('THOTH_LOG_ADVISER', 'INFO'),
  optional('THOTH_ADVISER_LIMIT', '100000'),
  optional('THOTH_ADVISER_COUNT', '1'),
  optional('THOTH_ADVISER_TIMEOUT_SECONDS', '1500'),
  optional('THOTH_ADVISER_DEPLOYMENT_PACKAGE_UPDATE', ''),
  optional('THOTH_AUTHENTICATED_ADVISE', '0'),
];

/**
 * The adviser's workflows (backend): step templates advise, provenance-check, parse-adviser-output,
 * parse-provenance-checker-output, trigger-integration and kebechet-run-results, and the entry
 * templates adviser-workflow and provenance-checker-workflow that the investigator submits (the
 * reference's OpenShift Templates adviser and provenance-checker). dm and dependency-monkey-workflow
 * live in amun-inspection (AmunInspection).
 * Defaults: images adviser:v0.56.3, workflow-helpers:v0.9.15, kebechet-job:v1.11.2.
 */
export class Adviser extends Construct {
  readonly advise: TemplateHandle;

  constructor(scope: Construct, id: string, props: AdviserProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.adviser;
    const core = props.workflowCore;
    const { graphSync } = props;
    const adviserImage = thothImageOf(env, 'adviser', settings);
    const helpers = thothImageOf(env, 'workflow-helpers');
    const adviserEnv = (mode: 'advise' | 'provenance') =>
      Env.for(env, ADVISER_CONTRACT, mode).literal('THOTH_ADVISER_WORKDIR', ADVISER_WORKDIR).knowledgeGraph().pushgateway().common();
    const helpersEnv = (task: 'parse_adviser_output' | 'parse_provenance_checker_output' | 'trigger_integration') =>
      Env.for(env, WORKFLOW_HELPERS_CONTRACT, task).knowledgeGraph().ceph().pushgateway().common();
    const template = (name: string) =>
      new WorkflowTemplate(this, name, { env, name, namespace, component: 'adviser', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
    const output = (area: string, idParameter: string) => documentArtifact(env, 'outputdocument', OUTPUT, area, `{{inputs.parameters.${idParameter}}}`);

    const jobId = '{{inputs.parameters.THOTH_ADVISER_JOB_ID}}';
    this.advise = template('advise').addContainer('advise', {
      image: adviserImage,
      command: ADVISER_COMMAND,
      parameters: ADVISE_PARAMETERS,
      env: adviserEnv('advise')
        .literal('THOTH_DOCUMENT_ID', jobId)
        .literal('THOTH_REQUIREMENTS_FORMAT', '{{inputs.parameters.THOTH_ADVISER_REQUIREMENTS_FORMAT}}')
        .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
        .literal('THOTH_ADVISER_REQUIREMENTS_LOCKED', `${ADVISER_INPUT}/Pipfile.lock`)
        .literal('THOTH_ADVISER_RUNTIME_ENVIRONMENT', `${ADVISER_INPUT}/runtime_environment.json`)
        .literal('THOTH_ADVISER_LIBRARY_USAGE', `${ADVISER_INPUT}/library_usage.json`)
        .literal('THOTH_ADVISER_CONSTRAINTS', `${ADVISER_INPUT}/constraints.txt`)
        .literal('THOTH_ADVISER_LABELS', `${ADVISER_INPUT}/labels.json`)
        .literal('THOTH_ADVISER_PRESCRIPTION', PRESCRIPTIONS)
        .literal('THOTH_ADVISER_OUTPUT', OUTPUT)
        .overrides(settings?.env),
      inputArtifacts: [adviserRequest(env, 'adviser', jobId)],
      // The program has no timeout of its own: the step's deadline is the request's.
      activeDeadlineSeconds: '{{inputs.parameters.THOTH_ADVISER_TIMEOUT_SECONDS}}',
      outputArtifacts: [output('adviser', 'THOTH_ADVISER_JOB_ID')],
      writablePaths: ['/mnt/workdir', '/mnt/output'],
      resources: ADVISER_RESOURCES,
      metrics: taskMetrics('advise'),
    });

    const provenanceParameters = [
      required('THOTH_PROVENANCE_CHECKER_JOB_ID'),
      required('THOTH_DOCUMENT_ID'),
      optional('THOTH_WHITELISTED_SOURCES', ''),
      optional('THOTH_ADVISER_METADATA', '{}'),
      optional('THOTH_LOG_ADVISER', 'INFO'),
    ];
    const provenanceCheck = template('provenance-check').addContainer('provenance-check', {
      image: adviserImage,
      command: ADVISER_COMMAND,
      parameters: provenanceParameters,
      env: adviserEnv('provenance')
        .literal('THOTH_ADVISER_REQUIREMENTS', `${ADVISER_INPUT}/Pipfile`)
        .literal('THOTH_ADVISER_REQUIREMENTS_LOCKED', `${ADVISER_INPUT}/Pipfile.lock`)
        .literal('THOTH_ADVISER_OUTPUT', OUTPUT)
        .overrides(settings?.env),
      inputArtifacts: [adviserRequest(env, 'provenance-checker', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')],
      outputArtifacts: [output('provenance-checker', 'THOTH_DOCUMENT_ID')],
      writablePaths: ['/mnt/workdir', '/mnt/output'],
      resources: ADVISER_RESOURCES,
    });

    // The task reads the adviser's document from FILE_PATH and writes its messages to MESSAGES_FILE.
    const parser = (name: string, task: 'parse_adviser_output' | 'parse_provenance_checker_output') =>
      template(name).addContainer(name, {
        image: helpers,
        parameters: [required('THOTH_DOCUMENT_ID')],
        env: helpersEnv(task).literal('FILE_PATH', OUTPUT),
        inputArtifacts: [{ name: 'outputdocument', path: OUTPUT }],
        outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
        writablePaths: ['/mnt/workdir', '/mnt/output'],
        resources: STEP_RESOURCES,
      });
    // Not called: the reference disabled its task in the adviser workflow; kept for manual runs.
    parser('parse-adviser-output', 'parse_adviser_output');
    const parseProvenance = parser('parse-provenance-checker-output', 'parse_provenance_checker_output');

    const triggerIntegration = template('trigger-integration').addContainer('trigger-integration', {
      image: helpers,
      parameters: [required('WORKFLOW_NAME'), optional('THOTH_ADVISER_METADATA', '{}')],
      env: helpersEnv('trigger_integration'),
      outputParameters: ['metadata_origin', 'source_type', 'git_service'].map((name) => ({ name, valueFrom: { path: `/mnt/workdir/${name}`, default: '' } })),
      writablePaths: ['/mnt/workdir'],
      resources: STEP_RESOURCES,
    });

    // Run only for advises Kebechet asked for, whose metadata carries kebechet_metadata (required by run-results).
    const kebechetRunResults = withKebechetSecret(
      new WorkflowTemplate(this, 'kebechet-run-results', {
        env,
        name: 'kebechet-run-results',
        namespace,
        component: 'adviser',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        annotations: KEBECHET_SSH_WAIVER,
      }).addContainer('schedule-kebechet', {
        image: thothImageOf(env, 'kebechet-job'),
        parameters: [
          required('WORKFLOW_NAME'),
          required('THOTH_DOCUMENT_ID'),
          required('THOTH_ADVISER_METADATA'),
          required('metadata_origin'),
          required('git_service'),
        ],
        env: kebechetEnv(env, 'run-results')
          .literal('KEBECHET_ANALYSIS_ID', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')
          .literal('KEBECHET_REPO_URL', '{{inputs.parameters.metadata_origin}}')
          .literal('KEBECHET_SERVICE_NAME', '{{inputs.parameters.git_service}}'),
        volumeMounts: [KEBECHET_SECRET_MOUNT],
        resources: STEP_RESOURCES,
        metrics: taskMetrics('kebechet-run-results'),
      }),
    );

    const authenticated = '{{workflow.parameters.THOTH_AUTHENTICATED_ADVISE}} == 1';
    const adviser = new WorkflowTemplate(this, 'adviser-workflow', {
      env,
      name: 'adviser-workflow',
      namespace,
      component: 'adviser',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: [...ADVISE_PARAMETERS, optional('THOTH_FORCE_SYNC', '0')],
      ttlStrategy: { secondsAfterCompletion: 300 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('adviser'),
    });
    adviser.setEntrypoint(
      adviser.addDag('main', {
        tasks: [
          { name: 'advise', template: this.advise, parameters: passThrough(ADVISE_PARAMETERS.map((p) => p.name)) },
          {
            name: 'graph-sync-advise',
            template: graphSync.graphSync,
            dependencies: ['advise'],
            when: authenticated,
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
            artifacts: [{ name: 'outputdocument', from: '{{tasks.advise.outputs.artifacts.outputdocument}}' }],
          },
          {
            name: 'trigger-integration',
            template: triggerIntegration,
            dependencies: ['advise'],
            when: authenticated,
            parameters: { WORKFLOW_NAME: '{{workflow.name}}', THOTH_ADVISER_METADATA: '{{workflow.parameters.THOTH_ADVISER_METADATA}}' },
          },
          {
            name: 'send-webhooks',
            template: core.sendWebhooks,
            dependencies: ['graph-sync-advise'],
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}' },
          },
          {
            name: 'kebechet-run-results',
            template: kebechetRunResults,
            depends: 'trigger-integration.Succeeded',
            when: `'{{tasks.trigger-integration.outputs.parameters.source_type}}' == 'KEBECHET'`,
            parameters: {
              WORKFLOW_NAME: '{{workflow.name}}',
              THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}',
              THOTH_ADVISER_METADATA: '{{workflow.parameters.THOTH_ADVISER_METADATA}}',
              metadata_origin: '{{tasks.trigger-integration.outputs.parameters.metadata_origin}}',
              git_service: '{{tasks.trigger-integration.outputs.parameters.git_service}}',
            },
          },
        ],
      }),
    );

    const provenance = new WorkflowTemplate(this, 'provenance-checker-workflow', {
      env,
      name: 'provenance-checker-workflow',
      namespace,
      component: 'adviser',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: [...provenanceParameters, optional('THOTH_AUTHENTICATED_PROVENANCE_CHECK', '0'), optional('THOTH_FORCE_SYNC', '0')],
      ttlStrategy: { secondsAfterCompletion: 1800 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('provenance-checker'),
    });
    const provenanceAuthenticated = '{{workflow.parameters.THOTH_AUTHENTICATED_PROVENANCE_CHECK}} == 1';
    const document = [{ name: 'outputdocument', from: '{{tasks.provenance-check.outputs.artifacts.outputdocument}}' }];
    provenance.setEntrypoint(
      provenance.addDag('main', {
        tasks: [
          { name: 'provenance-check', template: provenanceCheck, parameters: passThrough(provenanceParameters.map((p) => p.name)) },
          {
            name: 'graph-sync-provenance-check',
            template: graphSync.graphSync,
            dependencies: ['provenance-check'],
            when: provenanceAuthenticated,
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DOCUMENT_ID}}', THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
            artifacts: document,
          },
          {
            name: 'parse-provenance-checker-output',
            template: parseProvenance,
            dependencies: ['provenance-check'],
            when: provenanceAuthenticated,
            parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_DOCUMENT_ID}}' },
            artifacts: document,
          },
          {
            name: 'send-messages',
            template: core.sendMessages,
            depends: 'parse-provenance-checker-output.Succeeded',
            artifacts: [{ name: 'messagesdocument', from: '{{tasks.parse-provenance-checker-output.outputs.artifacts.messagestobesentdocument}}' }],
          },
        ],
      }),
    );
  }
}
