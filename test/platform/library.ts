/**
 * The platform library on its own: an environment with only the keys every platform has, a chart
 * of no platform in particular and a small image contract. The building blocks' tests render with
 * these, so they prove the library serves a platform that is not Thoth.
 */
import { App } from 'cdk8s';
import type { PlatformEnvironment } from '../../src/config/schema.js';
import type { ImageContract } from '../../src/contracts/model.js';
import { PlatformChart } from '../../src/platform/chart.js';
import type { Manifest } from '../../src/synth/manifest.js';
import { collectObjects } from '../../src/synth/collect.js';

export const NAMESPACE = 'demo-apps';

/** An environment of a platform with one tier, `apps`. */
export const DEMO_ENVIRONMENT: PlatformEnvironment<'apps'> = {
  name: 'demo',
  platform: 'demo',
  description: 'a platform that is not Thoth',
  kubernetesVersion: '1.31',
  images: { registry: 'registry.example.org/demo' },
  namespaces: {
    [NAMESPACE]: { tiers: ['apps'], quota: { cpu: { requests: '2', limits: '4' }, memory: { requests: '2Gi', limits: '4Gi' } } },
  },
  limitRange: { defaultRequest: { cpu: '50m', memory: '64Mi' }, default: { cpu: '200m', memory: '256Mi' }, max: { cpu: '1', memory: '1Gi' } },
  argocd: {
    namespace: 'argocd',
    project: 'demo',
    repoURL: 'https://example.org/demo.git',
    targetRevision: 'main',
    destinationServer: 'https://kubernetes.default.svc',
    syncPolicy: { automated: true },
  },
  secrets: { storeKind: 'ClusterSecretStore', storeName: 'vault', keyPrefix: 'demo/dev', refreshInterval: '1h' },
  network: { ingressClassName: 'traefik', ingressNamespace: 'traefik', monitoringNamespace: 'monitoring', apiServerCidrs: ['10.0.0.1/32'] },
  monitoring: {
    ruleLabels: { prometheus: 'main' },
    serviceMonitorLabels: { prometheus: 'main' },
    runbookUrl: 'https://example.org/runbooks',
    grafana: { instanceLabels: { dashboards: 'main' }, folder: 'Demo' },
  },
  logging: { json: true },
  components: {},
};

/** A program that reads two variables, one of them a secret. */
export const DEMO_CONTRACT = {
  repository: 'demo/worker',
  tags: 'any',
  source: 'test/platform/library.ts',
  summary: 'a worker of the demo platform',
  entrypoint: { command: ['/worker'], source: 'test/platform/library.ts' },
  variables: {
    WORKER_MODE: { form: { type: 'enum', values: ['fast', 'slow'] }, default: 'slow', description: 'how it works', source: 'test/platform/library.ts' },
    WORKER_TOKEN: { form: { type: 'text' }, required: true, description: 'its token', source: 'test/platform/library.ts' },
  },
} as const satisfies ImageContract;

/** Renders what `build` adds to a chart of the demo environment; returns the manifests. */
export function renderBlock(build: (chart: PlatformChart) => void, env: PlatformEnvironment = DEMO_ENVIRONMENT): Manifest[] {
  const chart = new PlatformChart(new App({ outdir: 'unused' }), { env, application: 'demo' });
  build(chart);
  return collectObjects(chart).map((object) => object.manifest);
}

/** The one manifest of that kind (and name); fails the test when there is none or several. */
export function only(manifests: readonly Manifest[], kind: string, name?: string): any {
  const found = manifests.filter((manifest) => manifest.kind === kind && (name === undefined || manifest.metadata.name === name));
  if (found.length !== 1) throw new Error(`${found.length} ${kind} ${name ?? ''} among ${manifests.map((m) => `${m.kind}/${m.metadata.name}`).join(', ')}`);
  return found[0];
}
