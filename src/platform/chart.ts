import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { LABELS, MANAGED_BY } from './metadata.js';

export interface PlatformChartProps<E extends PlatformEnvironment> {
  /** The environment being rendered. */
  readonly env: E;
  /** The Argo CD application folder the chart renders into: `generated/<env>/<application>/`. */
  readonly application: string;
}

/**
 * A chart is one Argo CD Application. It labels every object with its platform (part-of), the tool that
 * manages it and the environment, and never invents names: every object is named explicitly.
 */
export class PlatformChart<E extends PlatformEnvironment = PlatformEnvironment> extends Chart {
  readonly env: E;
  readonly application: string;

  constructor(scope: Construct, props: PlatformChartProps<E>) {
    super(scope, props.application, {
      disableResourceNameHashes: true,
      labels: { [LABELS.partOf]: props.env.platform, [LABELS.managedBy]: MANAGED_BY, [LABELS.environment]: props.env.name },
    });
    this.env = props.env;
    this.application = props.application;
  }
}
