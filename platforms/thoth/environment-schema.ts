/**
 * What Thoth's environment schema is made of, and where its validator is generated ahead of time
 * (scripts/environment-validator.mjs writes it; test/config/environment-validator.test.ts proves it
 * current). Apart from platforms/thoth/platform.ts, which imports the generated module, so that generating it
 * does not need it.
 */
import { CATALOGUE } from '../../components/catalogue.js';
import { THOTH_ENVIRONMENT_PROPERTIES } from '../../components/shared/environment.js';
import { TIERS } from '../../components/shared/tiers.js';
import type { EnvironmentShape } from '../../src/config/schema.js';

export const THOTH_ENVIRONMENT_SHAPE: EnvironmentShape = {
  name: 'thoth',
  components: CATALOGUE,
  tiers: TIERS,
  environmentProperties: THOTH_ENVIRONMENT_PROPERTIES,
};

export const THOTH_ENVIRONMENT_VALIDATOR = {
  /** Repository-relative. */
  file: 'platforms/thoth/environment-validator.generated.ts',
  /** src/config/format-checks.ts as the generated file imports it. */
  checksImport: '../../src/config/format-checks.js',
  generator: 'scripts/environment-validator.mjs',
} as const;
