/** Facts derived from a validated environment, computed in one place. */
import type { Environment } from './schema.js';
import type { Tier } from './tiers.js';

/** The namespace a tier lives in (the loader guarantees every tier has exactly one). */
export function namespaceOf(env: Environment, tier: Tier): string {
  for (const [namespace, { tiers }] of Object.entries(env.namespaces)) {
    if (tiers.includes(tier)) return namespace;
  }
  throw new Error(`bug: environment ${env.name} places tier ${tier} in no namespace`);
}

/** Every namespace of the environment, sorted by name. */
export function namespaceNames(env: Environment): string[] {
  return Object.keys(env.namespaces).sort();
}

/** The ports of the Kafka bootstrap servers, sorted and unique. */
export function kafkaPorts(env: Environment): number[] {
  const ports = env.kafka.bootstrapServers.split(',').map((server) => Number(server.slice(server.lastIndexOf(':') + 1)));
  return [...new Set(ports)].sort((a, b) => a - b);
}
