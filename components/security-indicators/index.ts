import { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, required, STEP_RESOURCES, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type ParameterSpec } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import type { ImageContract } from '../../src/contracts/model.js';
import { SI_AGGREGATOR_CONTRACT } from '../../src/contracts/images/si-aggregator.js';
import { SI_BANDIT_CONTRACT } from '../../src/contracts/images/si-bandit.js';
import { SI_CLOC_CONTRACT } from '../../src/contracts/images/si-cloc.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../src/contracts/images/workflow-helpers.js';
import { WORKFLOW_SERVICE_ACCOUNT, type WorkflowCore } from '../workflow-core/index.js';
import type { GraphSync } from '../graph-sync/index.js';
import { type ThothImageName, thothImageOf } from '../image-tags.js';

export interface SecurityIndicatorsProps {
  readonly env: Environment;
  /** Its namespace's send-message(s) templates and workflow accounts, created by the chart. */
  readonly workflowCore: WorkflowCore;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * download-package works in /mnt/workdir (it extracts the release into /mnt/workdir/package and
 * leaves its status and message there): the workflow's claimed volume is mounted there, and the
 * analysers read the package from it.
 */
const WORKDIR = '/mnt/workdir';
const PACKAGE_DIR = `${WORKDIR}/package`;
const PACKAGE_VOLUME = 'package';
/** Where download-package leaves the message that the version has no usable release. */
const DOWNLOAD_MESSAGE = `${WORKDIR}/message`;

/**
 * Security indicators (middletier): download-package fetches a release (or, when that fails, leaves a
 * message that the package has no source distribution); bandit and cloc analyse it (from the shared
 * volume, one after the other, since a ReadWriteOnce volume attaches to one node at a time; or on
 * their own); aggregator combines them. security-indicators-workflow (the reference's
 * Template) runs them, syncs the result and sends the message on failure. Its package volume is
 * claimed per workflow and deleted when the workflow completes (the reference deleted it from an exit
 * handler). Defaults: images si-bandit:v0.2.1, si-cloc:v0.2.0, si-aggregator:v0.2.0, workflow-helpers:v0.9.15.
 */
export class SecurityIndicators extends Construct {
  constructor(scope: Construct, id: string, props: SecurityIndicatorsProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components['security-indicators'];
    const core = props.workflowCore;
    const { graphSync } = props;
    const template = (name: string) =>
      new WorkflowTemplate(this, name, { env, name, namespace, component: 'security-indicators', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
    const packageMount = { volumeMounts: [{ name: PACKAGE_VOLUME, mountPath: WORKDIR }] };
    const analysisEnv = (contract: ImageContract) => Env.for(env, contract).ceph().pushgateway().common().overrides(settings?.env);

    const download = template('download-package').addContainer('download-package', {
      image: thothImageOf(env, 'workflow-helpers'),
      parameters: [required('THOTH_PACKAGE_NAME'), required('THOTH_PACKAGE_VERSION'), required('THOTH_PACKAGE_INDEX')],
      env: Env.for(env, WORKFLOW_HELPERS_CONTRACT, 'download_package').common(),
      outputParameters: [{ name: 'failed_status', valueFrom: { path: `${WORKDIR}/failed_status`, default: '1' } }],
      outputArtifacts: [{ name: 'messagestobesentdocument', path: DOWNLOAD_MESSAGE, optional: true }],
      resources: STEP_RESOURCES,
      ...packageMount,
    });

    const analyser = (tool: 'bandit' | 'cloc', image: ThothImageName, contract: ImageContract) => {
      const upper = tool.toUpperCase();
      const parameters: ParameterSpec[] = [
        required(`THOTH_SI_${upper}_DOCUMENT_ID`),
        required(`THOTH_SI_${upper}_PACKAGE_NAME`),
        required(`THOTH_SI_${upper}_PACKAGE_VERSION`),
        required(`THOTH_SI_${upper}_PACKAGE_INDEX`),
      ];
      const output = `/mnt/output/${tool}.json`;
      const wt = template(tool);
      const common = {
        image: thothImageOf(env, image, settings),
        env: analysisEnv(contract)
          .literal(`THOTH_SI_${upper}_OUTPUT`, output)
          .literal('THOTH_DOCUMENT_ID', `{{inputs.parameters.THOTH_SI_${upper}_DOCUMENT_ID}}`),
        outputArtifacts: [documentArtifact(env, tool, output, `si-${tool}`, `{{inputs.parameters.THOTH_SI_${upper}_DOCUMENT_ID}}`)],
        writablePaths: ['/mnt/output'],
        resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
      };
      wt.addContainer(tool, { ...common, parameters });
      return wt.addContainer(`${tool}-from-dir`, { ...common, parameters: [...parameters, optional(`THOTH_SI_${upper}_DIR`, PACKAGE_DIR)], ...packageMount });
    };
    const bandit = analyser('bandit', 'si-bandit', SI_BANDIT_CONTRACT);
    const cloc = analyser('cloc', 'si-cloc', SI_CLOC_CONTRACT);

    // The graph sync stores the run under the document's id and reads the package back from the
    // aggregator's recorded options; only process_data writes a record it can store.
    const aggregatorParameters = [
      required('THOTH_SI_AGGREGATOR_DOCUMENT_ID'),
      { name: 'THOTH_SI_AGGREGATOR_FUNCTION', enum: ['process_data'] },
      required('THOTH_SI_AGGREGATOR_PACKAGE_NAME'),
      required('THOTH_SI_AGGREGATOR_PACKAGE_VERSION'),
      required('THOTH_SI_AGGREGATOR_PACKAGE_INDEX'),
    ];
    const aggregated = '/mnt/output/aggregated.json';
    const aggregator = template('aggregator').addContainer('aggregator', {
      image: thothImageOf(env, 'si-aggregator', settings),
      parameters: aggregatorParameters,
      env: analysisEnv(SI_AGGREGATOR_CONTRACT)
        .literal('THOTH_SI_AGGREGATOR_SI_BANDIT_RESULTS', '/mnt/input/bandit.json')
        .literal('THOTH_SI_AGGREGATOR_SI_CLOC_RESULTS', '/mnt/input/cloc.json')
        .literal('THOTH_SI_AGGREGATOR_OUTPUT', aggregated)
        .literal('THOTH_DOCUMENT_ID', '{{inputs.parameters.THOTH_SI_AGGREGATOR_DOCUMENT_ID}}'),
      inputArtifacts: [
        { name: 'bandit', path: '/mnt/input/bandit.json' },
        { name: 'cloc', path: '/mnt/input/cloc.json' },
      ],
      outputArtifacts: [
        documentArtifact(env, 'outputdocument', aggregated, 'security-indicators', '{{inputs.parameters.THOTH_SI_AGGREGATOR_DOCUMENT_ID}}/aggregated'),
      ],
      writablePaths: ['/mnt/input', '/mnt/output'],
      resources: STEP_RESOURCES,
    });

    const w = (name: string) => `{{workflow.parameters.THOTH_SECURITY_INDICATORS_${name}}}`;
    const entry = new WorkflowTemplate(this, 'security-indicators-workflow', {
      env,
      name: 'security-indicators-workflow',
      namespace,
      component: 'security-indicators',
      serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
      arguments: [
        required('THOTH_SECURITY_INDICATORS_JOB_ID'),
        required('THOTH_SECURITY_INDICATORS_PACKAGE_NAME'),
        required('THOTH_SECURITY_INDICATORS_PACKAGE_VERSION'),
        required('THOTH_SECURITY_INDICATORS_PACKAGE_INDEX'),
        { name: 'THOTH_SECURITY_INDICATORS_AGGREGATION_FUNCTION', enum: ['process_data'] },
        optional('THOTH_FORCE_SYNC', '0'),
      ],
      ttlStrategy: { secondsAfterCompletion: 25 },
      activeDeadlineSeconds: 3000,
      metrics: workflowMetrics('security-indicators'),
      volumeClaimTemplates: [{ name: PACKAGE_VOLUME, storage: '2Gi' }],
    });
    const downloaded = '{{tasks.download-package.outputs.parameters.failed_status}} == 0';
    const analyse = (tool: 'BANDIT' | 'CLOC') => ({
      [`THOTH_SI_${tool}_DOCUMENT_ID`]: w('JOB_ID'),
      [`THOTH_SI_${tool}_PACKAGE_NAME`]: w('PACKAGE_NAME'),
      [`THOTH_SI_${tool}_PACKAGE_VERSION`]: w('PACKAGE_VERSION'),
      [`THOTH_SI_${tool}_PACKAGE_INDEX`]: w('PACKAGE_INDEX'),
    });
    entry.setEntrypoint(
      entry.addDag('main', {
        tasks: [
          {
            name: 'download-package',
            template: download,
            parameters: { THOTH_PACKAGE_NAME: w('PACKAGE_NAME'), THOTH_PACKAGE_VERSION: w('PACKAGE_VERSION'), THOTH_PACKAGE_INDEX: w('PACKAGE_INDEX') },
          },
          { name: 'bandit', template: bandit, depends: 'download-package.Succeeded', when: downloaded, parameters: analyse('BANDIT') },
          { name: 'cloc', template: cloc, depends: 'bandit.Succeeded', parameters: analyse('CLOC') },
          {
            name: 'aggregator',
            template: aggregator,
            // Skipped when the download failed, rather than reading results that do not exist.
            depends: 'bandit.Succeeded && cloc.Succeeded',
            parameters: {
              THOTH_SI_AGGREGATOR_DOCUMENT_ID: w('JOB_ID'),
              THOTH_SI_AGGREGATOR_FUNCTION: w('AGGREGATION_FUNCTION'),
              THOTH_SI_AGGREGATOR_PACKAGE_NAME: w('PACKAGE_NAME'),
              THOTH_SI_AGGREGATOR_PACKAGE_VERSION: w('PACKAGE_VERSION'),
              THOTH_SI_AGGREGATOR_PACKAGE_INDEX: w('PACKAGE_INDEX'),
            },
            artifacts: [
              { name: 'bandit', from: '{{tasks.bandit.outputs.artifacts.bandit}}' },
              { name: 'cloc', from: '{{tasks.cloc.outputs.artifacts.cloc}}' },
            ],
          },
          {
            name: 'graph-sync-security-indicators',
            template: graphSync.graphSync,
            depends: 'aggregator.Succeeded',
            parameters: { THOTH_DOCUMENT_ID: w('JOB_ID'), THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
            artifacts: [{ name: 'outputdocument', from: '{{tasks.aggregator.outputs.artifacts.outputdocument}}' }],
          },
          {
            name: 'send-messages',
            template: core.sendMessages,
            depends: 'download-package.Succeeded',
            when: '{{tasks.download-package.outputs.parameters.failed_status}} == 1',
            artifacts: [{ name: 'messagesdocument', from: '{{tasks.download-package.outputs.artifacts.messagestobesentdocument}}' }],
          },
        ],
      }),
    );
  }
}
