import type { Construct } from 'constructs';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { optional, required, STEP_RESOURCES, taskMetrics, entryArguments } from '../../src/platform/argo/steps.js';
import type { Call, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { BUILDLOG_PARSER_CONTRACT } from '../contracts/images/buildlog-parser.js';
import { thothImageOf } from '../image-tags.js';
import { analysisTemplate, entryTemplate, graphSyncAfter, OUTPUT, type AnalysisContext } from './context.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { thothEnv } from '../shared/env.js';

const BUILD_ANALYSIS_PARAMETERS = [
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

/** The templates a build analysis calls. */
export interface BuildAnalysisSteps {
  readonly extract: TemplateHandle;
  readonly parseBuildlog: TemplateHandle;
}

/** A build analysis workflow parameter, `THOTH_BUILD_ANALYSIS_<name>`. */
const w = (name: string) => `{{workflow.parameters.THOTH_BUILD_ANALYSIS_${name}}}`;

/** parse-buildlog: reads a stored build log into a parsed build log document. */
export function addParseBuildlogTemplate(scope: Construct, context: AnalysisContext): TemplateHandle {
  const { env } = context;
  return analysisTemplate(scope, context, 'parse-buildlog').addContainer('parse-buildlog', {
    image: thothImageOf(env, 'buildlog-parser'),
    parameters: [required('THOTH_DOCUMENT_ID'), required('THOTH_OUTPUT_DOCUMENT_ID'), required('THOTH_BUILDLOG_PARSER_JOB_ID')],
    env: thothEnv(env, BUILDLOG_PARSER_CONTRACT)
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
}

/** build-analysis-workflow, the entry: analyse a build's base image, output image and log, each only when its input was given. */
export function addBuildAnalysisWorkflow(scope: Construct, context: AnalysisContext, steps: BuildAnalysisSteps): void {
  const workflow = entryTemplate(
    scope,
    context,
    'build-analysis-workflow',
    'build-analysis',
    entryArguments(ENTRY_WORKFLOWS['build-analysis'].parameters, BUILD_ANALYSIS_PARAMETERS),
    7200,
  );
  workflow.setEntrypoint(
    workflow.addDag('main', {
      tasks: [
        extractImageOf(steps.extract, 'BASE'),
        graphSyncAfter(context, 'graph-sync-base', 'extract-packages-base', w('BASE_IMAGE_ANALYSIS_ID')),
        extractImageOf(steps.extract, 'OUTPUT'),
        graphSyncAfter(context, 'graph-sync-output', 'extract-packages-output', w('OUTPUT_IMAGE_ANALYSIS_ID')),
        {
          name: 'parse-buildlog',
          template: steps.parseBuildlog,
          // Both ids: the parsed log is stored under the parser id, and an empty one would be the folder itself (docs/quirks.md Q47).
          when: `'${w('BUILDLOG_DOCUMENT_ID')}' != '' && '${w('BUILDLOG_PARSER_ID')}' != ''`,
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

/** The task extracting the packages of the build's base or output image, when it has an analysis id. */
function extractImageOf(extract: TemplateHandle, side: 'BASE' | 'OUTPUT'): Call {
  return {
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
  };
}
