/**
 * Every component of the catalogue (components/catalogue.ts), read from the catalogue itself: a new
 * line is tested without touching this file. What others rely on: its switch removes all of it, it
 * lives in its tier's namespace, it runs the Thoth images at the versions table's tags, and every
 * setting the schema lets an environment give it reaches its objects.
 */
import { CATALOGUE_ENTRIES } from '../../components/catalogue.js';
import { THOTH_IMAGE_TAGS } from '../../components/image-tags.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../components/shared/environment.js';
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../../src/synth/manifest.js';
import { renderEnvironment } from '../../src/synth/render.js';
import { podsOf } from '../../src/validate/workload-policy.js';
import { THOTH } from '../../platforms/thoth/platform.js';
import { bareEnvironment, TEST_IMAGE_TAGS } from '../helpers.js';

const ENTRIES = CATALOGUE_ENTRIES;
const BY_NAME = new Map(ENTRIES);

/** Every component switched on, every scheduled one running. */
function allOn(env: Environment, except?: string): Environment {
  const components = Object.fromEntries(
    ENTRIES.map(([name, entry]) => [name, { ...env.components[name], enabled: name !== except, ...(entry.kind === 'scheduled' ? { suspend: false } : {}) }]),
  );
  return { ...env, components };
}

/**
 * The objects a component renders: those built under its construct, and those labelled with its name
 * that no other component's construct built (pgbouncer's, built by postgresql's construct; not dm,
 * which amun-inspection builds with the adviser's image and name).
 */
function componentObjects(rendered: RenderedEnvironment, name: string): RenderedObject[] {
  const appName = BY_NAME.get(name)?.appName ?? name;
  return objectsOf(rendered).filter((object) => {
    const builder = object.constructPath.split('/')[1] ?? '';
    const labelled = object.manifest.metadata.labels?.['app.kubernetes.io/name'] === appName;
    const builtByAnother = BY_NAME.get(builder)?.build !== undefined;
    return builder === name || (labelled && (BY_NAME.get(name)?.build === undefined || !builtByAnother));
  });
}

const env = allOn(bareEnvironment());
const everything = renderEnvironment(THOTH, env, TEST_IMAGE_TAGS);

describe.each(ENTRIES)('%s', (name, entry) => {
  test('renders something when on, and nothing once components.<name>.enabled is false', () => {
    expect(componentObjects(everything, name).length).toBeGreaterThan(0);
    expect(componentObjects(renderEnvironment(THOTH, allOn(bareEnvironment(), name), TEST_IMAGE_TAGS), name).map((object) => object.file)).toEqual([]);
  });

  test("lives in its tier's namespace (its alerts and dashboards in the monitoring stack's, infra)", () => {
    const own = componentObjects(everything, name).filter((object) => !['PrometheusRule', 'GrafanaDashboard'].includes(object.manifest.kind));
    const namespaces = new Set(own.flatMap((object) => object.manifest.metadata.namespace ?? []));
    expect([...namespaces]).toEqual([namespaceOf(env, entry.tier)]);
  });

  test("runs each Thoth image at the versions table's tag (components/image-tags.ts)", () => {
    const images = componentObjects(everything, name).flatMap((object) =>
      podsOf(object.manifest).flatMap(({ pod }) => [...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((container) => container.image ?? '')),
    );
    for (const image of images) {
      const [, repository, tag] = /^quay\.io\/thoth-station\/([^:]+):(.+)$/.exec(image) ?? [];
      if (repository !== undefined && repository in THOTH_IMAGE_TAGS)
        expect(`${repository}:${tag}`).toBe(`${repository}:${THOTH_IMAGE_TAGS[repository as keyof typeof THOTH_IMAGE_TAGS]}`);
    }
  });
});

/** Settings an environment may give a component of each kind (the schema's), each unlike any default. */
const SETTINGS = {
  common: {
    imageTag: 'v9.9.9-settings',
    resources: { requests: { cpu: '7m', memory: '7Mi' }, limits: { cpu: '9m', memory: '9Mi' } },
    env: { SETTINGS_PROBE: 'from-the-environment' },
  },
  scheduled: { schedule: '7 7 7 * *', suspend: true },
  service: { replicas: 0 },
  api: { replicas: 0, host: 'settings.example.org' },
  workflows: {},
} as const;

/** What the test reads of a container, pod or workflow step alike. */
interface ContainerSeen {
  readonly image?: string;
  readonly resources?: unknown;
  readonly env?: readonly { readonly name: string; readonly value?: string }[];
}

const containersOf = (objects: readonly RenderedObject[]) =>
  objects.flatMap((object) => podsOf(object.manifest).flatMap(({ pod }) => [...(pod.containers ?? []), ...(pod.initContainers ?? [])] as ContainerSeen[]));

describe.each(ENTRIES)('%s takes what the environment sets', (name, entry) => {
  const settings = { ...SETTINGS.common, ...SETTINGS[entry.kind] };
  const withSettings = { ...env, components: { ...env.components, [name]: { ...env.components[name], ...settings } } };
  const objects = componentObjects(renderEnvironment(THOTH, withSettings, TEST_IMAGE_TAGS), name);
  const containers = containersOf(objects);

  test('imageTag, resources and env reach its containers', () => {
    expect(containers.some((container) => container.image?.endsWith(`:${settings.imageTag}`))).toBe(true);
    expect(containers.map((container) => container.resources)).toContainEqual(settings.resources);
    expect(
      containers.some((container) => container.env?.some((variable) => variable.name === 'SETTINGS_PROBE' && variable.value === 'from-the-environment')),
    ).toBe(true);
  });

  if (entry.kind === 'scheduled') {
    test('schedule and suspend reach every CronJob and CronWorkflow', () => {
      const scheduled = objects.flatMap(({ manifest }): { schedules?: readonly (string | undefined)[]; suspend?: boolean }[] => {
        const spec = manifest.spec as { schedule?: string; schedules?: string[]; suspend?: boolean };
        if (manifest.kind === 'CronJob') return [{ schedules: [spec.schedule], suspend: spec.suspend }];
        // Argo Workflows 3.6 and later: a list of schedules.
        if (manifest.kind === 'CronWorkflow') return [{ schedules: spec.schedules, suspend: spec.suspend }];
        return [];
      });
      expect(scheduled.length).toBeGreaterThan(0);
      for (const each of scheduled) expect(each).toEqual({ schedules: [SETTINGS.scheduled.schedule], suspend: true });
    });
  }

  if (entry.kind === 'service' || entry.kind === 'api') {
    test('replicas reach its workloads', () => {
      const workloads = objects.filter((object) => ['Deployment', 'StatefulSet'].includes(object.manifest.kind));
      expect(workloads.length).toBeGreaterThan(0);
      expect(workloads.map((object) => (object.manifest.spec as { replicas: number }).replicas)).toContain(0);
    });
  }

  if (entry.kind === 'api') {
    test('host gives it an Ingress for that host', () => {
      const hosts = objects
        .filter((object) => object.manifest.kind === 'Ingress')
        .flatMap((object) => (object.manifest.spec as { rules: { host: string }[] }).rules.map((rule) => rule.host));
      expect(hosts).toContain(SETTINGS.api.host);
    });
  }
});
