import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import { documentArtifact, optional, passThrough, required, STEP_RESOURCES, taskMetrics, workflowMetrics } from '../../src/platform/argo/steps.js';
import { WorkflowTemplate, type Call, type ParameterSpec } from '../../src/platform/argo/workflow-template.js';
import { Env } from '../../src/platform/env.js';
import { BUILDLOG_PARSER_CONTRACT } from '../../src/contracts/images/buildlog-parser.js';
import { PACKAGE_EXTRACT_CONTRACT } from '../../src/contracts/images/package-extract.js';
import { WORKFLOW_SERVICE_ACCOUNT } from '../workflow-core/index.js';
import { thothImageOf } from '../image-tags.js';

export interface PackageExtractProps {
  readonly env: Environment;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

const OUTPUT = '/mnt/output/document.json';

const EXTRACT_PARAMETERS: ParameterSpec[] = [
  required('THOTH_ANALYZED_IMAGE'),
  required('THOTH_PACKAGE_EXTRACT_JOB_ID'),
  required('THOTH_DOCUMENT_ID'),
  optional('THOTH_LOG_PACKAGE_EXTRACT', 'INFO'),
  optional('THOTH_PACKAGE_EXTRACT_METADATA', '{}'),
  optional('THOTH_ANALYZER_NO_TLS_VERIFY', '0'),
  optional('THOTH_REGISTRY_CREDENTIALS', ''),
];

const BUILD_ANALYSIS_PARAMETERS: ParameterSpec[] = [
  required('THOTH_BUILD_ANALYSIS_JOB_ID'),
  optional('THOTH_BUILD_ANALYSIS_BASE_IMAGE', ''),
  optional('THOTH_BUILD_ANALYSIS_BASE_IMAGE_ANALYSIS_ID', ''),
  optional('THOTH_BUILD_ANALYSIS_BASE_REGISTRY_CREDENTIALS', ''),
  optional('THOTH_BUILD_ANALYSIS_BASE_REGISTRY_NO_TLS_VERIFY', '0'),
  optional('THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE', ''),
  optional('THOTH_BUILD_ANALYSIS_OUTPUT_IMAGE_ANALYSIS_ID', ''),
  optional('THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_CREDENTIALS', ''),
  optional('THOTH_BUILD_ANALYSIS_OUTPUT_REGISTRY_NO_TLS_VERIFY', '0'),
  optional('THOTH_BUILD_ANALYSIS_BUILDLOG_DOCUMENT_ID', ''),
  optional('THOTH_BUILD_ANALYSIS_BUILDLOG_PARSER_ID', ''),
  optional('THOTH_BUILD_ANALYSIS_ENVIRONMENT_TYPE', 'runtime'),
  optional('THOTH_BUILD_ANALYSIS_ORIGIN', ''),
  optional('THOTH_BUILD_ANALYSIS_METADATA', '{}'),
  optional('THOTH_LOG_BUILD_ANALYSIS', 'INFO'),
  optional('THOTH_FORCE_SYNC', '0'),
];

/**
 * Image analyses (middletier): extract-packages lists what a container image holds, parse-buildlog
 * reads a build log; package-extract-workflow analyses one image (and syncs it when asked);
 * build-analysis-workflow analyses a build's base image, output image and log, each step only when
 * its input was given. Defaults: images package-extract:v1.3.1, buildlog-parser:v0.1.0.
 */
export class PackageExtract extends Construct {
  constructor(scope: Construct, id: string, props: PackageExtractProps) {
    super(scope, id);
    const { env } = props;
    const namespace = namespaceOf(env, 'middletier');
    const settings = env.components['package-extract'];
    const { graphSync } = props;
    const template = (name: string) =>
      new WorkflowTemplate(this, name, { env, name, namespace, component: 'package-extract', serviceAccountName: WORKFLOW_SERVICE_ACCOUNT });
    const extract = template('extract-packages').addContainer('extract-packages', {
      image: thothImageOf(env, 'package-extract', settings),
      parameters: EXTRACT_PARAMETERS,
      // No Pushgateway: with its host and port set the program formats the address wrongly and logs
      // an error on every run, and it pushes nothing either way.
      env: Env.for(env, PACKAGE_EXTRACT_CONTRACT).literal('THOTH_ANALYZER_OUTPUT', OUTPUT).common().overrides(settings?.env),
      outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'analysis', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')],
      writablePaths: ['/mnt/output', '/var/tmp'],
      resources: { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '4Gi' } },
      metrics: taskMetrics('extract-packages'),
    });
    const parseBuildlog = template('parse-buildlog').addContainer('parse-buildlog', {
      image: thothImageOf(env, 'buildlog-parser'),
      parameters: [required('THOTH_DOCUMENT_ID'), required('THOTH_OUTPUT_DOCUMENT_ID'), required('THOTH_BUILDLOG_PARSER_JOB_ID')],
      env: Env.for(env, BUILDLOG_PARSER_CONTRACT)
        .literal('THOTH_BUILDLOG_PARSER_INPUT', '/mnt/workdir/buildlog')
        // The stored build log is a JSON document with the text under "log".
        .literal('THOTH_BUILDLOG_PARSER_JSONPATH', '$.log')
        .literal('THOTH_BUILDLOG_PARSER_OUTPUT', OUTPUT)
        .common(),
      inputArtifacts: [documentArtifact(env, 'buildlog', '/mnt/workdir/buildlog', 'buildlogs', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')],
      outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'buildlogs-parsed', '{{inputs.parameters.THOTH_OUTPUT_DOCUMENT_ID}}')],
      writablePaths: ['/mnt/workdir', '/mnt/output'],
      resources: STEP_RESOURCES,
      metrics: taskMetrics('parse-buildlog'),
    });
    const sync = (name: string, after: string, documentId: string, when?: string): Call => ({
      name,
      template: graphSync.graphSync,
      // The analysis may be skipped (no such image): then so is the sync.
      depends: `${after}.Succeeded`,
      ...(when === undefined ? {} : { when }),
      parameters: { THOTH_DOCUMENT_ID: documentId, THOTH_FORCE_SYNC: '{{workflow.parameters.THOTH_FORCE_SYNC}}' },
      artifacts: [{ name: 'outputdocument', from: `{{tasks.${after}.outputs.artifacts.outputdocument}}` }],
    });

    const entry = (name: string, metric: string, arguments_: ParameterSpec[], ttl: number) =>
      new WorkflowTemplate(this, name, {
        env,
        name,
        namespace,
        component: 'package-extract',
        serviceAccountName: WORKFLOW_SERVICE_ACCOUNT,
        arguments: arguments_,
        ttlStrategy: { secondsAfterCompletion: ttl },
        activeDeadlineSeconds: 3000,
        metrics: workflowMetrics(metric),
      });

    const packageExtract = entry(
      'package-extract-workflow',
      'package-extract',
      [...EXTRACT_PARAMETERS.filter((p) => p.name !== 'THOTH_DOCUMENT_ID'), optional('THOTH_SYNC_PACKAGE_EXTRACT', '0'), optional('THOTH_FORCE_SYNC', '0')],
      300,
    );
    packageExtract.setEntrypoint(
      packageExtract.addDag('main', {
        tasks: [
          {
            name: 'extract-packages',
            template: extract,
            parameters: {
              ...passThrough(EXTRACT_PARAMETERS.map((p) => p.name).filter((name) => name !== 'THOTH_DOCUMENT_ID')),
              THOTH_DOCUMENT_ID: '{{workflow.parameters.THOTH_PACKAGE_EXTRACT_JOB_ID}}',
            },
          },
          sync(
            'graph-sync-package-extract',
            'extract-packages',
            '{{workflow.parameters.THOTH_PACKAGE_EXTRACT_JOB_ID}}',
            '{{workflow.parameters.THOTH_SYNC_PACKAGE_EXTRACT}} == 1',
          ),
        ],
      }),
    );

    const w = (name: string) => `{{workflow.parameters.THOTH_BUILD_ANALYSIS_${name}}}`;
    const extractOf = (side: 'BASE' | 'OUTPUT'): Call => ({
      name: `extract-packages-${side.toLowerCase()}`,
      template: extract,
      when: `'${w(`${side}_IMAGE_ANALYSIS_ID`)}' != ''`,
      parameters: {
        THOTH_ANALYZED_IMAGE: w(`${side}_IMAGE`),
        THOTH_PACKAGE_EXTRACT_JOB_ID: w(`${side}_IMAGE_ANALYSIS_ID`),
        THOTH_DOCUMENT_ID: w(`${side}_IMAGE_ANALYSIS_ID`),
        THOTH_LOG_PACKAGE_EXTRACT: '{{workflow.parameters.THOTH_LOG_BUILD_ANALYSIS}}',
        THOTH_PACKAGE_EXTRACT_METADATA: w('METADATA'),
        THOTH_ANALYZER_NO_TLS_VERIFY: w(`${side}_REGISTRY_NO_TLS_VERIFY`),
        THOTH_REGISTRY_CREDENTIALS: w(`${side}_REGISTRY_CREDENTIALS`),
      },
    });
    const buildAnalysis = entry('build-analysis-workflow', 'build-analysis', BUILD_ANALYSIS_PARAMETERS, 7200);
    buildAnalysis.setEntrypoint(
      buildAnalysis.addDag('main', {
        tasks: [
          extractOf('BASE'),
          sync('graph-sync-base', 'extract-packages-base', w('BASE_IMAGE_ANALYSIS_ID')),
          extractOf('OUTPUT'),
          sync('graph-sync-output', 'extract-packages-output', w('OUTPUT_IMAGE_ANALYSIS_ID')),
          {
            name: 'parse-buildlog',
            template: parseBuildlog,
            when: `'${w('BUILDLOG_DOCUMENT_ID')}' != ''`,
            parameters: {
              THOTH_DOCUMENT_ID: w('BUILDLOG_DOCUMENT_ID'),
              THOTH_OUTPUT_DOCUMENT_ID: w('BUILDLOG_PARSER_ID'),
              THOTH_BUILDLOG_PARSER_JOB_ID: w('BUILDLOG_PARSER_ID'),
            },
          },
        ],
      }),
    );
  }
}
