import type { PlatformEnvironment } from '../config/schema.js';
import { LABELS } from './metadata.js';

/**
 * The labels that select a workload's pods: name and instance only, never a version, so that a
 * new image never orphans the old pods from their Service or Deployment.
 */
export function selectorLabels(env: PlatformEnvironment, name: string): Record<string, string> {
  return { [LABELS.name]: name, [LABELS.instance]: `${name}-${env.name}` };
}
