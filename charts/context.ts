/**
 * What charts of one environment share: constructs that exist once per namespace but are used by
 * several applications (in test every tier shares one namespace). Each is created by the first chart
 * that asks for it and handed to the others, so no object is rendered twice.
 */
import type { Construct } from 'constructs';
import { GraphSync } from '../components/graph-sync/index.js';
import { WorkflowCore } from '../components/workflow-core/index.js';
import type { Environment } from '../src/config/schema.js';
import type { JobImageTags } from '../src/images/programs.js';

export class RenderContext {
  private readonly cores = new Map<string, WorkflowCore>();
  private readonly graphSyncs = new Map<string, GraphSync>();

  constructor(
    readonly env: Environment,
    /** The tags of this repository's job images (src/images/plan.ts). */
    readonly images: JobImageTags,
  ) {}

  /** send-message(s), send-webhooks and the workflow accounts of `namespace`. */
  workflowCore(scope: Construct, namespace: string): WorkflowCore {
    return memo(this.cores, namespace, () => new WorkflowCore(scope, `WorkflowCore-${namespace}`, { env: this.env, namespace }));
  }

  /** The graph-sync templates of `namespace`. */
  graphSync(scope: Construct, namespace: string): GraphSync {
    return memo(this.graphSyncs, namespace, () => new GraphSync(scope, `GraphSync-${namespace}`, { env: this.env, namespace }));
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
