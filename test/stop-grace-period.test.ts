/**
 * Every pod that runs the investigator gives it the time its stop can take: the grace period is
 * longer than the stop bound the container's own settings give (a join waits for the rebalance
 * timeout, a query in flight for the dependency timeout, then the group is left), so the program's
 * own deadline, not the kubelet's SIGKILL, ends a stop that hangs. Read from the rendered manifests
 * of every environment on disk.
 */
import type { Manifest } from '../src/synth/manifest.js';
import { investigatorStopBoundMs } from '../components/investigator/job/settings.js';
import { THOTH_ENVIRONMENTS, manifestsOf, renderReal } from './helpers.js';

/** The settings the stop bound depends on must be known when rendering: literal values, or unset. */
const STOP_SETTINGS = ['KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS', 'THOTH_INVESTIGATOR_DEPENDENCY_TIMEOUT'];

interface PodSpec {
  terminationGracePeriodSeconds?: number;
  containers: { image: string; env?: { name: string; value?: string; valueFrom?: unknown }[]; lifecycle?: { preStop?: unknown } }[];
}

function podSpecOf(manifest: Manifest): PodSpec | undefined {
  return manifest.kind === 'Deployment' ? (manifest as unknown as { spec: { template: { spec: PodSpec } } }).spec.template.spec : undefined;
}

describe.each(THOTH_ENVIRONMENTS)('%s', (name) => {
  test('each investigator pod waits longer than its stop can take, with no preStop hook to eat into it', async () => {
    const pods = manifestsOf(await renderReal(name)).flatMap((manifest) => {
      const pod = podSpecOf(manifest);
      const container = pod?.containers.find((each) => each.image.includes('/investigator:'));
      return pod === undefined || container === undefined ? [] : [{ name: manifest.metadata.name, pod, container }];
    });
    expect(pods.length).toBeGreaterThan(0);
    for (const { name: deployment, pod, container } of pods) {
      const literals = Object.fromEntries(
        (container.env ?? []).filter((variable) => variable.value !== undefined).map((variable) => [variable.name, variable.value!]),
      );
      const fromElsewhere = (container.env ?? [])
        .filter((variable) => STOP_SETTINGS.includes(variable.name) && variable.value === undefined)
        .map((variable) => variable.name);
      const boundSeconds = investigatorStopBoundMs(literals) / 1000;
      expect({
        deployment,
        fromElsewhere,
        graceCoversBound: (pod.terminationGracePeriodSeconds ?? 30) > boundSeconds,
        preStop: container.lifecycle?.preStop,
      }).toEqual({
        deployment,
        fromElsewhere: [],
        graceCoversBound: true,
        preStop: undefined,
      });
      // The rebalance timeout alone is what a stop during a join may wait.
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(Number(literals.KAFKA_CONSUMER_MAX_POLL_INTERVAL_MS ?? 300_000) / 1000);
    }
  });
});
