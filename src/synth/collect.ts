/**
 * Turns a chart into rendered objects: runs the constructs' validations, resolves every object and
 * gives it a sync wave from the dependencies declared between constructs.
 */
import { ApiObject } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { ConstructValidationError } from '../errors.js';
import type { PlatformChart } from '../platform/chart.js';
import { SYNC_WAVE_ANNOTATION } from '../platform/metadata.js';
import { fileNameOf, type Manifest, type RenderedObject } from './manifest.js';

export function collectObjects(chart: PlatformChart): RenderedObject[] {
  const failures = chart.node.findAll().flatMap((construct) => construct.node.validate().map((message) => ({ path: construct.node.path, message })));
  if (failures.length > 0) throw new ConstructValidationError(chart.env.name, failures);

  const objects = chart.node.findAll().filter(ApiObject.isApiObject);
  const waves = syncWaves(chart, objects);
  const rendered = objects.map((object): RenderedObject => {
    const manifest = object.toJson() as Manifest;
    const wave = waves.get(object) ?? 0;
    const withWave =
      wave === 0
        ? manifest
        : { ...manifest, metadata: { ...manifest.metadata, annotations: { ...manifest.metadata.annotations, [SYNC_WAVE_ANNOTATION]: String(wave) } } };
    return { manifest: withWave, application: chart.application, file: `${chart.application}/${fileNameOf(manifest)}`, constructPath: object.node.path };
  });
  const seen = new Map<string, string>();
  for (const object of rendered) {
    const earlier = seen.get(object.file);
    if (earlier !== undefined) throw new Error(`${object.constructPath} and ${earlier} render the same object ${object.file}`);
    seen.set(object.file, object.constructPath);
  }
  return rendered.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/**
 * An object's wave is one more than the highest wave of the objects it depends on, so that Argo CD
 * applies a namespace before what goes into it. Dependencies declared on a construct apply to every
 * object below it; dependencies outside the chart are ordered by the applications' own waves.
 */
function syncWaves(chart: PlatformChart, objects: ApiObject[]): Map<ApiObject, number> {
  const inChart = new Set(objects);
  const dependenciesOf = (object: ApiObject): ApiObject[] => {
    const found = new Set<ApiObject>();
    for (let scope: IConstruct | undefined = object; scope !== undefined && scope !== chart; scope = scope.node.scope) {
      for (const dependency of scope.node.dependencies) {
        for (const target of dependency.node.findAll().filter(ApiObject.isApiObject)) {
          if (inChart.has(target) && target !== object) found.add(target);
        }
      }
    }
    return [...found];
  };
  const waves = new Map<ApiObject, number>();
  const visiting = new Set<ApiObject>();
  const waveOf = (object: ApiObject): number => {
    const known = waves.get(object);
    if (known !== undefined) return known;
    if (visiting.has(object)) throw new Error(`dependency cycle through ${object.node.path}`);
    visiting.add(object);
    const wave = Math.max(-1, ...dependenciesOf(object).map(waveOf)) + 1;
    visiting.delete(object);
    waves.set(object, wave);
    return wave;
  };
  objects.forEach(waveOf);
  return waves;
}
