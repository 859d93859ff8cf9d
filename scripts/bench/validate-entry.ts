// What scripts/bench/validate.js measures, bundled by it: rendering and validating environments.
export { loadPlatformEnvironments as loadEnvironments, parseEnvironment } from '../../src/config/load.js';
export { renderEnvironment } from '../../src/synth/render.js';
export { imageTags, planImages } from '../../src/images/plan.js';
export { validateEnvironments } from '../../src/validate/index.js';
export { THOTH } from '../../platforms/thoth/platform.js';
