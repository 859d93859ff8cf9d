import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { Environment } from '../config/schema.js';
import { LABELS, MANAGED_BY, PART_OF } from './metadata.js';

export interface ThothChartProps {
  /** The environment being rendered. */
  readonly env: Environment;
  /** The Argo CD application folder the chart renders into: `generated/<env>/<application>/`. */
  readonly application: string;
}

/**
 * A chart is one Argo CD Application. It labels every object with the platform, the tool that
 * manages it and the environment, and never invents names: every object is named explicitly.
 */
export class ThothChart extends Chart {
  readonly env: Environment;
  readonly application: string;

  constructor(scope: Construct, props: ThothChartProps) {
    super(scope, props.application, {
      disableResourceNameHashes: true,
      labels: { [LABELS.partOf]: PART_OF, [LABELS.managedBy]: MANAGED_BY, [LABELS.environment]: props.env.name },
    });
    this.env = props.env;
    this.application = props.application;
  }
}
