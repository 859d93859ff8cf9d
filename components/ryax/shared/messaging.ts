/**
 * What each Ryax service emits and consumes on the broker, by the architecture document's rule
 * (RyaxTech/ryax-engine@9dc81bf:docs/docs/reference/architecture.md#L31-L41: "Emitters define up to
 * the exchange (included). Consumers define from the exchange (included) to their queue") and its
 * flows: the studio orders deployments from the runner (#L129, #L142); the repository orders builds
 * from the action-builder, which reports how they went (#L204, #L213, #L241); the runner orders the
 * workers. The names are this repository's: the services
 * declare theirs in code that is not public, so the rendered objects name the flows the document
 * gives, each exchange a durable topic exchange, each queue a durable quorum queue.
 */
import type { MessagingParty } from '../../../src/platform/messaging-topology.js';

export const RYAX_MESSAGING: Readonly<Record<string, Omit<MessagingParty, 'service'>>> = {
  studio: { emits: [{ name: 'ryax.studio', type: 'topic' }] },
  runner: {
    emits: [{ name: 'ryax.runner', type: 'topic' }],
    consumes: [{ name: 'ryax.runner.deployments', bindings: [{ exchange: 'ryax.studio', routingKey: 'deployment.#' }] }],
  },
  repository: {
    emits: [{ name: 'ryax.repository', type: 'topic' }],
    consumes: [{ name: 'ryax.repository.build-results', bindings: [{ exchange: 'ryax.action-builder', routingKey: 'build.#' }] }],
  },
  'action-builder': {
    emits: [{ name: 'ryax.action-builder', type: 'topic' }],
    consumes: [{ name: 'ryax.action-builder.builds', bindings: [{ exchange: 'ryax.repository', routingKey: 'build.#' }] }],
  },
};
