import { Construct } from 'constructs';
import type { GraphSync } from '../graph-sync/index.js';
import type { WorkflowsComponentProps } from '../shared/component.js';
import { addBuildAnalysisWorkflow, addParseBuildlogTemplate } from './build-analysis.js';
import type { AnalysisContext } from './context.js';
import { addExtractPackagesTemplate, addPackageExtractWorkflow } from './extract-packages.js';

/** package-extract's props: its settings (imageTag, resources, variables) apply to extract-packages. */
export interface PackageExtractProps extends WorkflowsComponentProps {
  /** @default the versions table's package-extract tag (components/image-tags.ts) */
  readonly imageTag?: string;
  /** @default requests 500m CPU and 1Gi, limits 1 CPU and 4Gi */
  readonly resources?: WorkflowsComponentProps['resources'];
  /** Its namespace's graph-sync templates, created by the chart. */
  readonly graphSync: GraphSync;
}

/**
 * Image analyses (middletier): extract-packages lists what a container image holds, parse-buildlog
 * reads a build log; package-extract-workflow analyses one image (and syncs it when asked);
 * build-analysis-workflow analyses a build's base image, output image and log, each step only when
 * its input was given. parse-buildlog runs buildlog-parser at the versions table's tag.
 */
export class PackageExtract extends Construct {
  constructor(scope: Construct, id: string, props: PackageExtractProps) {
    super(scope, id);
    const { env, namespace, imageTag, resources, variables } = props;
    const context: AnalysisContext = { env, namespace, imageTag, resources, variables, graphSync: props.graphSync.graphSync };
    const extract = addExtractPackagesTemplate(this, context);
    const parseBuildlog = addParseBuildlogTemplate(this, context);
    addPackageExtractWorkflow(this, context, extract);
    addBuildAnalysisWorkflow(this, context, { extract, parseBuildlog });
  }
}
