import type { Construct } from 'constructs';
import { SI_AGGREGATOR_CONTRACT } from '../contracts/images/si-aggregator.js';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { required, STEP_RESOURCES } from '../../src/platform/argo/steps.js';
import type { TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { thothImageOf } from '../image-tags.js';
import { analysisEnv, type SecurityIndicatorsContext, securityIndicatorsTemplate } from './context.js';

/** aggregator: combines the bandit and cloc results into the document the graph sync stores. */
export function addAggregator(scope: Construct, context: SecurityIndicatorsContext): TemplateHandle {
  const { env } = context;
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
  return securityIndicatorsTemplate(scope, context, 'aggregator').addContainer('aggregator', {
    image: thothImageOf(env, 'si-aggregator', context),
    parameters: aggregatorParameters,
    env: analysisEnv(context, SI_AGGREGATOR_CONTRACT)
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
    resources: resolveResources(STEP_RESOURCES, context.resources),
  });
}
