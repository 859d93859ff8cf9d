// What scripts/environment-validator.mjs bundles and runs: Thoth's environment schema and the generator.
export { environmentValidatorModule } from '../src/config/environment-validator.js';
export { THOTH_ENVIRONMENT_SHAPE, THOTH_ENVIRONMENT_VALIDATOR } from '../platforms/thoth/environment-schema.js';
