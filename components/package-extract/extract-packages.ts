import type { Construct } from 'constructs';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { entryArguments, optional, passThrough, required, taskMetrics } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { PACKAGE_EXTRACT_CONTRACT } from '../contracts/images/package-extract.js';
import { ENTRY_WORKFLOWS } from '../entry-workflows.js';
import { thothImageOf } from '../image-tags.js';
import { analysisTemplate, entryTemplate, graphSyncAfter, OUTPUT, type AnalysisContext } from './context.js';
import { thothEnv } from '../shared/env.js';

export const EXTRACT_PARAMETERS = [
  required('THOTH_ANALYZED_IMAGE'),
  required('THOTH_PACKAGE_EXTRACT_JOB_ID'),
  required('THOTH_DOCUMENT_ID'),
  optional('THOTH_LOG_PACKAGE_EXTRACT', 'INFO'),
  optional('THOTH_PACKAGE_EXTRACT_METADATA', '{}'),
  optional('THOTH_ANALYZER_NO_TLS_VERIFY', '0'),
  optional('THOTH_REGISTRY_CREDENTIALS', ''),
];

/** extract-packages: lists what a container image holds into an analysis document. */
export function addExtractPackagesTemplate(scope: Construct, context: AnalysisContext): TemplateHandle {
  const { env } = context;
  return analysisTemplate(scope, context, 'extract-packages').addContainer('extract-packages', {
    image: thothImageOf(env, 'package-extract', context),
    parameters: EXTRACT_PARAMETERS,
    // No Pushgateway: with its host and port set the program formats the address wrongly and logs
    // an error on every run, and it pushes nothing either way.
    env: thothEnv(env, PACKAGE_EXTRACT_CONTRACT).literal('THOTH_ANALYZER_OUTPUT', OUTPUT).common().overrides(context.variables),
    outputArtifacts: [documentArtifact(env, 'outputdocument', OUTPUT, 'analysis', '{{inputs.parameters.THOTH_DOCUMENT_ID}}')],
    writablePaths: ['/mnt/output', '/var/tmp'],
    resources: resolveResources({ requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '4Gi' } }, context.resources),
    metrics: taskMetrics('extract-packages'),
  });
}

/** package-extract-workflow, the entry: analyse one image (its job id is the document's) and sync it when asked. */
export function addPackageExtractWorkflow(scope: Construct, context: AnalysisContext, extract: TemplateHandle): void {
  // The document is the job's: the entry passes its job id as the step's THOTH_DOCUMENT_ID.
  type Passed = Exclude<(typeof EXTRACT_PARAMETERS)[number], { name: 'THOTH_DOCUMENT_ID' }>;
  const passed = EXTRACT_PARAMETERS.filter((p): p is Passed => p.name !== 'THOTH_DOCUMENT_ID');
  const arguments_ = entryArguments(ENTRY_WORKFLOWS['package-extract'].parameters, [
    ...passed,
    optional('THOTH_SYNC_PACKAGE_EXTRACT', '0'),
    optional('THOTH_FORCE_SYNC', '0'),
  ]);
  const workflow = entryTemplate(scope, context, 'package-extract-workflow', 'package-extract', arguments_, 300);
  const jobId = '{{workflow.parameters.THOTH_PACKAGE_EXTRACT_JOB_ID}}';
  workflow.setEntrypoint(
    workflow.addDag('main', {
      tasks: [
        { name: 'extract-packages', template: extract, parameters: { ...passThrough(passed.map((p) => p.name)), THOTH_DOCUMENT_ID: jobId } },
        graphSyncAfter(context, 'graph-sync-package-extract', 'extract-packages', jobId, '{{workflow.parameters.THOTH_SYNC_PACKAGE_EXTRACT}} == 1'),
      ],
    }),
  );
}
