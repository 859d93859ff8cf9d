/**
 * Every component of the catalogue (components/catalogue.ts), read from the catalogue itself: a new
 * line is tested without touching this file. What others rely on: its switch removes all of it, it
 * lives in its tier's namespace, and it runs the Thoth images at the versions table's tags.
 */
import { CATALOGUE, type CatalogueEntry } from '../../components/catalogue.js';
import { THOTH_IMAGE_TAGS } from '../../components/image-tags.js';
import { namespaceOf } from '../../src/config/environment.js';
import type { Environment } from '../../src/config/schema.js';
import type { RenderedEnvironment, RenderedObject } from '../../src/synth/manifest.js';
import { renderEnvironment } from '../../src/synth/render.js';
import { podsOf } from '../../src/validate/workload-policy.js';
import { THOTH } from '../../thoth/platform.js';
import { bareEnvironment, TEST_IMAGE_TAGS } from '../helpers.js';

const ENTRIES = Object.entries(CATALOGUE as Readonly<Record<string, CatalogueEntry>>);
const CATALOGUE_ENTRIES = new Map(ENTRIES);

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
function objectsOf(rendered: RenderedEnvironment, name: string): RenderedObject[] {
  const appName = CATALOGUE_ENTRIES.get(name)?.appName ?? name;
  return rendered.applications
    .flatMap((application) => application.objects)
    .filter((object) => {
      const builder = object.constructPath.split('/')[1] ?? '';
      const labelled = object.manifest.metadata.labels?.['app.kubernetes.io/name'] === appName;
      const builtByAnother = CATALOGUE_ENTRIES.get(builder)?.build !== undefined;
      return builder === name || (labelled && (CATALOGUE_ENTRIES.get(name)?.build === undefined || !builtByAnother));
    });
}

const env = allOn(bareEnvironment());
const everything = renderEnvironment(THOTH, env, TEST_IMAGE_TAGS);

describe.each(ENTRIES)('%s', (name, entry) => {
  test('renders something when on, and nothing once components.<name>.enabled is false', () => {
    expect(objectsOf(everything, name).length).toBeGreaterThan(0);
    expect(objectsOf(renderEnvironment(THOTH, allOn(bareEnvironment(), name), TEST_IMAGE_TAGS), name).map((object) => object.file)).toEqual([]);
  });

  test("lives in its tier's namespace (its alerts and dashboards in the monitoring stack's, infra)", () => {
    const own = objectsOf(everything, name).filter((object) => !['PrometheusRule', 'GrafanaDashboard'].includes(object.manifest.kind));
    const namespaces = new Set(own.flatMap((object) => object.manifest.metadata.namespace ?? []));
    expect([...namespaces]).toEqual([namespaceOf(env, entry.tier)]);
  });

  test("runs each Thoth image at the versions table's tag (components/image-tags.ts)", () => {
    const images = objectsOf(everything, name).flatMap((object) =>
      podsOf(object.manifest).flatMap(({ pod }) => [...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((container) => container.image ?? '')),
    );
    for (const image of images) {
      const [, repository, tag] = /^quay\.io\/thoth-station\/([^:]+):(.+)$/.exec(image) ?? [];
      if (repository !== undefined && repository in THOTH_IMAGE_TAGS)
        expect(`${repository}:${tag}`).toBe(`${repository}:${THOTH_IMAGE_TAGS[repository as keyof typeof THOTH_IMAGE_TAGS]}`);
    }
  });
});
