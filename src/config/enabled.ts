import type { PlatformEnvironment } from './schema.js';

/** Whether the environment renders a component: its `enabled` setting, else the component's default. */
export function isEnabled(env: PlatformEnvironment, name: string, byDefault = true): boolean {
  return env.components[name]?.enabled ?? byDefault;
}
