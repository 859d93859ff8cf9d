/**
 * A platform's catalogue of long-running components, each built by its construct: the environment
 * switches each on or off and tunes it (`components.<key>`), and its tier decides its namespace.
 */
import type { Construct } from 'constructs';
import { type ComponentEntry, type OverridesByKind, overridesOf } from './components.js';
import { isEnabled } from './enabled.js';
import { namespaceOf } from './environment.js';
import type { PlatformEnvironment } from './schema.js';

/** What a service component's construct is given: the environment, its tier's namespace and the environment's settings of it. */
export type ServiceComponentProps<E> = { readonly env: E; readonly namespace: string } & OverridesByKind['service'];

export interface ServiceCatalogueEntry<T extends string, E> extends ComponentEntry<T> {
  /**
   * Whether an environment that does not say (`components.<key>.enabled`) renders it.
   * @default always
   */
  readonly byDefault?: (env: E) => boolean;
  readonly build: (scope: Construct, id: string, props: ServiceComponentProps<E>) => Construct;
}

/** Builds, in catalogue order, each component of `tier` that the environment switches on, or does not switch off where it is on by default. */
export function buildServiceComponents<T extends string, E extends PlatformEnvironment<T>>(
  scope: Construct,
  env: E,
  tier: T,
  catalogue: Readonly<Record<string, ServiceCatalogueEntry<T, E>>>,
): void {
  for (const [name, entry] of Object.entries(catalogue)) {
    if (entry.tier !== tier || !isEnabled(env, name, entry.byDefault?.(env) ?? true)) continue;
    entry.build(scope, name, { env, namespace: namespaceOf(env, tier), ...overridesOf<'service'>(env.components[name]) });
  }
}
