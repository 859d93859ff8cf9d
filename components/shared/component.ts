import type { Environment } from './environment.js';

/** What every component construct of Thoth is given: the environment it renders for. */
export interface ComponentProps {
  readonly env: Environment;
}
