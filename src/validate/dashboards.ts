/**
 * Dashboards, checked inside their GrafanaDashboard objects (or the ConfigMaps a Grafana's dashboards
 * sidecar loads, `<uid>.json` each): the JSON parses, the uid is set, equals the object's name (the
 * key's) and is unique in the environment, and every panel and query reads the `datasource` variable
 * instead of naming a data source.
 */
import { DASHBOARD_COMPONENT, LABELS } from '../platform/metadata.js';
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import type { ReferenceProblem } from './references.js';

interface Panel {
  title?: string;
  type?: string;
  datasource?: { uid?: string };
  targets?: { datasource?: { uid?: string } }[];
  panels?: Panel[];
}

const VARIABLE = '${datasource}';

export function dashboardProblems(env: RenderedEnvironment): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  const uids = new Map<string, string>();
  for (const object of objectsOf(env)) {
    for (const { field, text, name } of dashboardsIn(object)) {
      const report = (message: string) => problems.push({ object, message });
      let dashboard: { uid?: string; title?: string; panels?: Panel[]; templating?: { list?: { name: string; type: string }[] } };
      try {
        dashboard = JSON.parse(text);
      } catch (error) {
        report(`${field} is not JSON: ${(error as Error).message}`);
        continue;
      }
      const uid = dashboard.uid ?? '';
      if (uid === '') report('the dashboard has no uid');
      else if (uid !== name) report(`the dashboard uid "${uid}" differs from the ${field === 'spec.json' ? "object's name" : "key's"}`);
      const earlier = uids.get(uid);
      if (earlier !== undefined) report(`uid "${uid}" is also the uid of ${earlier}`);
      uids.set(uid, object.file);
      if ((dashboard.title ?? '') === '') report('the dashboard has no title');
      if (!(dashboard.templating?.list ?? []).some((variable) => variable.name === 'datasource' && variable.type === 'datasource')) {
        report('the dashboard has no `datasource` variable');
      }
      const panels = (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]).filter((panel) => panel.type !== 'row');
      for (const panel of panels) {
        const sources = [panel.datasource, ...(panel.targets ?? []).map((target) => target.datasource)].filter((source) => source !== undefined);
        if (sources.some((source) => source!.uid !== VARIABLE)) report(`panel "${panel.title ?? '?'}" names a data source; use ${VARIABLE}`);
        if ((panel.targets ?? []).length === 0) report(`panel "${panel.title ?? '?'}" has no query`);
      }
    }
  }
  return problems;
}

/** The dashboards an object holds: a GrafanaDashboard's JSON, or each `<uid>.json` of a dashboard ConfigMap. */
function dashboardsIn(object: RenderedObject): { field: string; text: string; name: string }[] {
  const { manifest } = object;
  if (manifest.kind === 'GrafanaDashboard') return [{ field: 'spec.json', text: (manifest.spec as { json: string }).json, name: manifest.metadata.name }];
  if (manifest.kind !== 'ConfigMap' || manifest.metadata.labels?.[LABELS.component] !== DASHBOARD_COMPONENT) return [];
  return Object.entries((manifest.data ?? {}) as Record<string, string>).map(([key, text]) => ({
    field: `data.${key}`,
    text,
    name: key.replace(/\.json$/, ''),
  }));
}
