import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, passThrough, required, STEP_RESOURCES, taskMetrics, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { thothImage } from '../../src/platform/images.js';
import type { RenderContext } from '../../charts/context.js';
import { MESSAGES_FILE, WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';

export interface AdviserProps {
  readonly env: Environment;
  readonly context: RenderContext;
}

const OUTPUT = '/mnt/output/document.json';
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
    const { env, context } = props;
    const namespace = namespaceOf(env, 'backend');
    const settings = env.components.adviser;
    const core = context.workflowCore(this, namespace);
    const graphSync = context.graphSync(this, namespace);
    const adviserImage = thothImage(env, 'adviser', 'v0.56.3', settings);
    const helpers = thothImage(env, 'workflow-helpers', 'v0.9.15');
    const stepEnv = () => new Env(env).knowledgeGraph().ceph().pushgateway().common().overrides(settings?.env);
    const template = (name: string) => new WorkflowTemplate(this, name, { env, name, namespace, component: 'adviser', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
    const output = (area: string, idParameter: string) => documentArtifact(env, 'outputdocument', OUTPUT, area, `{{inputs.parameters.${idParameter}}}`);

    this.advise = template('advise').addContainer('advise', {
      image: adviserImage,
      parameters: ADVISE_PARAMETERS,
      env: stepEnv().literal('THOTH_ADVISER_OUTPUT', OUTPUT).literal('THOTH_ADVISER_REQUIREMENTS', '/mnt/workdir/adviser.request'),
      inputArtifacts: [documentArtifact(env, 'inputdocument', '/mnt/workdir/adviser.request', 'adviser', '{{inputs.parameters.THOTH_ADVISER_JOB_ID}}.request')],
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
      parameters: provenanceParameters,
      env: stepEnv().literal('THOTH_ADVISER_OUTPUT', OUTPUT).literal('THOTH_ADVISER_REQUIREMENTS', '/mnt/workdir/provenance.request'),
      inputArtifacts: [documentArtifact(env, 'inputdocument', '/mnt/workdir/provenance.request', 'provenance-checker', '{{inputs.parameters.THOTH_DOCUMENT_ID}}.request')],
      outputArtifacts: [output('provenance-checker', 'THOTH_DOCUMENT_ID')],
      writablePaths: ['/mnt/workdir', '/mnt/output'],
      resources: ADVISER_RESOURCES,
    });

    const parser = (name: string, task: string) =>
      template(name).addContainer(name, {
        image: helpers,
        parameters: [required('THOTH_DOCUMENT_ID')],
        env: stepEnv().literal('THOTH_WORKFLOW_TASK', task).literal('THOTH_FILE_PATH', OUTPUT).literal('FILE_PATH', MESSAGES_FILE),
        inputArtifacts: [{ name: 'outputdocument', path: OUTPUT }],
        outputArtifacts: [{ name: 'messagestobesentdocument', path: MESSAGES_FILE }],
        writablePaths: ['/mnt/workdir', '/mnt/output'],
        resources: STEP_RESOURCES,
      });
    // Not called: the reference disabled its task in the adviser workflow; kept for manual runs.
    parser('parse-adviser-output', 'parse-adviser-output');
    const parseProvenance = parser('parse-provenance-checker-output', 'parse-provenance-checker-output');

    const triggerIntegration = template('trigger-integration').addContainer('trigger-integration', {
      image: helpers,
      parameters: [required('WORKFLOW_NAME'), optional('THOTH_ADVISER_METADATA', '{}')],
      env: stepEnv().literal('THOTH_WORKFLOW_TASK', 'trigger-integration'),
      outputParameters: ['metadata_origin', 'source_type', 'git_service'].map((name) => ({ name, valueFrom: { path: `/mnt/workdir/${name}`, default: '' } })),
      writablePaths: ['/mnt/workdir'],
      resources: STEP_RESOURCES,
    });

    const kebechetRunResults = template('kebechet-run-results').addContainer('schedule-kebechet', {
      image: thothImage(env, 'kebechet-job', 'v1.11.2'),
      parameters: [required('WORKFLOW_NAME'), required('THOTH_DOCUMENT_ID'), optional('THOTH_ADVISER_METADATA', '{}'), required('metadata_origin'), required('git_service')],
      env: stepEnv()
        .literal('KEBECHET_SUBCOMMAND', 'run-results')
        .literal('KEBECHET_ANALYSIS_ID', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')
        .secret('GITHUB_APP_ID', 'kebechet', 'github-app-id')
        .secret('GITHUB_PRIVATE_KEY', 'kebechet', 'github-private-key'),
      resources: STEP_RESOURCES,
      metrics: taskMetrics('kebechet-run-results'),
    });

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
          { name: 'send-webhooks', template: core.sendWebhooks, dependencies: ['graph-sync-advise'], parameters: { THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_ADVISER_JOB_ID}}' } },
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
