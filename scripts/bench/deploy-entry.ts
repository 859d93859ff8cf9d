// What scripts/bench/deploy.js measures, bundled by it: the CLI, and the deploy tests' world (a
// checkout with a bare remote, the strict API server, the simulated Argo CD controller, a registry).
export { run } from '../../src/cli/main.js';
export { PLATFORMS } from '../../platforms/index.js';
export { syncWaveOf } from '../../src/synth/manifest.js';
export { createDeployRepository, startTestCluster } from '../../test/deploy/harness.js';
