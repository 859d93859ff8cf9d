/**
 * Dashboards, checked inside their GrafanaDashboard objects: the JSON parses, the uid is set, equals
 * the object's name and is unique in the environment, and every panel and query reads the
 * `datasource` variable instead of naming a data source.
 */
import { objectsOf, type RenderedEnvironment } from '../synth/manifest.js';
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
    if (object.manifest.kind !== 'GrafanaDashboard') continue;
    const report = (message: string) => problems.push({ object, message });
    let dashboard: { uid?: string; title?: string; panels?: Panel[]; templating?: { list?: { name: string; type: string }[] } };
    try {
      dashboard = JSON.parse((object.manifest.spec as { json: string }).json);
    } catch (error) {
      report(`spec.json is not JSON: ${(error as Error).message}`);
      continue;
    }
    const uid = dashboard.uid ?? '';
    if (uid === '') report('the dashboard has no uid');
    else if (uid !== object.manifest.metadata.name) report(`the dashboard uid "${uid}" differs from the object's name`);
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
  return problems;
}
