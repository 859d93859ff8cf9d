/** Facts derived from a validated environment, computed in one place. */
import type { PlatformEnvironment } from './schema.js';

/** The namespace a tier lives in (the loader guarantees every tier has exactly one). */
export function namespaceOf<T extends string>(env: PlatformEnvironment<T>, tier: T): string {
  for (const [namespace, { tiers }] of Object.entries(env.namespaces)) {
    if (tiers.includes(tier)) return namespace;
  }
  throw new Error(`bug: environment ${env.name} places tier ${tier} in no namespace`);
}

/** Every namespace of the environment, sorted by name. */
export function namespaceNames(env: PlatformEnvironment): string[] {
  return Object.keys(env.namespaces).sort();
}
