import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../shared/environment.js';
import { addBuildAnalysisWorkflow, addParseBuildlogTemplate } from './build-analysis.js';
import type { AnalysisContext } from './context.js';
import { addExtractPackagesTemplate, addPackageExtractWorkflow } from './extract-packages.js';

export interface PackageExtractProps {
  readonly env: Environment;
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

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
    const context: AnalysisContext = {
      env,
      namespace: namespaceOf(env, 'middletier'),
      settings: env.components['package-extract'],
      graphSync: props.graphSync.graphSync,
    };
    const extract = addExtractPackagesTemplate(this, context);
    const parseBuildlog = addParseBuildlogTemplate(this, context);
    addPackageExtractWorkflow(this, context, extract);
    addBuildAnalysisWorkflow(this, context, { extract, parseBuildlog });
  }
}
