import type { Environment } from '../config/schema.js';

/** What every component construct is given: the environment it renders for. */
export interface ComponentProps {
  readonly env: Environment;
}
