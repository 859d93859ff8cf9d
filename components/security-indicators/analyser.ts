import type { Construct } from 'constructs';
import type { ImageContract } from '../../src/contracts/model.js';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { optional, required } from '../../src/platform/argo/steps.js';
import type { ParameterSpec, TemplateHandle } from '../../src/platform/argo/workflow-template.js';
import { resolveResources } from '../../src/platform/pod.js';
import { type ThothImageName, thothImageOf } from '../image-tags.js';
import { ANALYSER_RESOURCES, analysisEnv, PACKAGE_DIR, PACKAGE_MOUNT, type SecurityIndicatorsContext, securityIndicatorsTemplate } from './context.js';

/**
 * An analyser's template (bandit or cloc), with two entries: `<tool>` fetches the package itself, and
 * `<tool>-from-dir` reads it from the package volume; returns the latter, which the workflow runs.
 */
export function addAnalyser(
  scope: Construct,
  context: SecurityIndicatorsContext,
  tool: 'bandit' | 'cloc',
  image: ThothImageName,
  contract: ImageContract,
): TemplateHandle {
  const upper = tool.toUpperCase();
  const parameters: ParameterSpec[] = [
    required(`THOTH_SI_${upper}_DOCUMENT_ID`),
    required(`THOTH_SI_${upper}_PACKAGE_NAME`),
    required(`THOTH_SI_${upper}_PACKAGE_VERSION`),
    required(`THOTH_SI_${upper}_PACKAGE_INDEX`),
  ];
  const output = `/mnt/output/${tool}.json`;
  const wt = securityIndicatorsTemplate(scope, context, tool);
  const common = {
    image: thothImageOf(context.env, image, context),
    env: analysisEnv(context, contract)
      .literal(`THOTH_SI_${upper}_OUTPUT`, output)
      .literal('THOTH_DOCUMENT_ID', `{{inputs.parameters.THOTH_SI_${upper}_DOCUMENT_ID}}`),
    outputArtifacts: [documentArtifact(context.env, tool, output, `si-${tool}`, `{{inputs.parameters.THOTH_SI_${upper}_DOCUMENT_ID}}`)],
    writablePaths: ['/mnt/output'],
    resources: resolveResources(ANALYSER_RESOURCES, context.resources),
  };
  wt.addContainer(tool, { ...common, parameters });
  return wt.addContainer(`${tool}-from-dir`, { ...common, parameters: [...parameters, optional(`THOTH_SI_${upper}_DIR`, PACKAGE_DIR)], ...PACKAGE_MOUNT });
}
