/**
 * What charts of one environment share: constructs that exist once per namespace but are used by
 * several applications (in test every tier shares one namespace). Each is created by the first chart
 * that asks for it and handed to the others, so no object is rendered twice.
 */
import { App } from 'cdk8s';
import type { Construct } from 'constructs';
import { resolvedProps } from '../components/catalogue.js';
import { GraphSync } from '../components/graph-sync/index.js';
import { WorkflowCore } from '../components/workflow-core/index.js';
import { isEnabled } from '../src/config/enabled.js';
import type { Environment } from '../components/shared/environment.js';
import type { JobImageTags } from '../src/images/programs.js';
import { ThothChart } from './chart.js';

export class RenderContext {
  private readonly cores = new Map<string, WorkflowCore>();
  private readonly graphSyncs = new Map<string, GraphSync>();
  private switchedOffScope: ThothChart | undefined;

  constructor(
    readonly env: Environment,
    /** The tags of this repository's job images (src/images/plan.ts). */
    readonly images: JobImageTags,
  ) {}

  /** send-message(s), send-webhooks and the workflow accounts of `namespace`. */
  workflowCore(scope: Construct, namespace: string): WorkflowCore {
    return memo(this.cores, namespace, () => new WorkflowCore(scope, `WorkflowCore-${namespace}`, { env: this.env, namespace, images: this.images }));
  }

  /**
   * The graph-sync templates of `namespace`. With graph-sync switched off they are made outside the
   * rendered app: nothing of graph-sync is rendered, its callers still name its templates, and
   * validate says which switch removed them.
   */
  graphSync(scope: Construct, namespace: string): GraphSync {
    const owner = isEnabled(this.env, 'graph-sync')
      ? scope
      : (this.switchedOffScope ??= new ThothChart(new App({ outdir: 'unused' }), { env: this.env, application: 'switched-off' }));
    return memo(this.graphSyncs, namespace, () => new GraphSync(owner, `GraphSync-${namespace}`, { ...resolvedProps(this.env, 'graph-sync'), namespace }));
  }
}

function memo<T>(cache: Map<string, T>, key: string, create: () => T): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = create();
    cache.set(key, value);
  }
  return value;
}
