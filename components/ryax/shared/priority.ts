/**
 * The ryax-engine chart's PriorityClasses (common-resources values.yaml `priorityClasses`,
 * ryax-inventory.md §7): what the scheduler evicts last when a node runs short. The chart names them
 * `backbone`, `microservices` and `monitoring`, cluster-wide; here each is prefixed with the
 * environment's name, so two environments in one cluster never sync the same object.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { objectLabels } from '../../../src/platform/metadata.js';
import type { RyaxEnvironment } from './environment.js';

/** The chart's values: the stores the services need first, then the services, then what watches them. */
export const RYAX_PRIORITIES = { backbone: 3, microservices: 2, monitoring: 1 } as const;
export type RyaxPriority = keyof typeof RYAX_PRIORITIES;

/** The PriorityClass of `priority` in the environment. */
export function priorityClassName(env: Pick<RyaxEnvironment, 'name'>, priority: RyaxPriority): string {
  return `${env.name}-${priority}`;
}

/** The environment's three PriorityClasses; none is the cluster's default. */
export class RyaxPriorityClasses extends Construct {
  constructor(scope: Construct, id: string, env: Pick<RyaxEnvironment, 'name'>) {
    super(scope, id);
    for (const [priority, value] of Object.entries(RYAX_PRIORITIES) as [RyaxPriority, number][]) {
      new k8s.KubePriorityClass(this, priority, {
        metadata: { name: priorityClassName(env, priority), labels: objectLabels('namespaces', 'priority-class') },
        value,
        globalDefault: false,
        description: `Ryax ${env.name}: ${priority}`,
      });
    }
  }
}
