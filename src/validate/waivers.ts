/**
 * Waiving one finding for one object, with a reason: the object carries the annotation
 * `validate.thoth-station.ninja/<rule, "/" written ".">: <reason>`, set in its construct with
 * `waiverAnnotation()`, so the waiver is reviewed with the code that needs it. A waiver without a
 * reason, or one that waives nothing (any more), is itself a finding.
 */
import type { Finding } from './findings.js';
import type { RenderedEnvironment } from '../synth/manifest.js';

export const WAIVER_PREFIX = 'validate.thoth-station.ninja/';

export function waiverAnnotation(rule: string, reason: string): Record<string, string> {
  return { [`${WAIVER_PREFIX}${rule.replace(/\//g, '.')}`]: reason };
}

/** The findings left once each object's waivers are applied, plus the findings about the waivers. */
export function applyWaivers(env: RenderedEnvironment, findings: readonly Finding[], locate: (file: string) => Omit<Finding, 'rule' | 'message'> | undefined): Finding[] {
  const waivers = new Map<string, Map<string, string>>();
  for (const application of env.applications) {
    for (const object of application.objects) {
      const annotations = object.manifest.metadata.annotations ?? {};
      const own = new Map(
        Object.entries(annotations)
          .filter(([key]) => key.startsWith(WAIVER_PREFIX))
          .map(([key, reason]) => [key.slice(WAIVER_PREFIX.length).replace(/\./g, '/'), reason.trim()]),
      );
      if (own.size > 0) waivers.set(`generated/${env.name}/${object.file}`, own);
    }
  }
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    const reason = waivers.get(finding.file)?.get(finding.rule);
    if (reason === undefined || reason === '') return true;
    used.add(`${finding.file} ${finding.rule}`);
    return false;
  });
  for (const [file, own] of waivers) {
    const at = locate(file);
    if (at === undefined) continue;
    for (const [rule, reason] of own) {
      if (reason === '') kept.push({ ...at, rule: 'waiver', message: `the waiver of ${rule} gives no reason; say why the finding does not apply here` });
      else if (!used.has(`${file} ${rule}`)) kept.push({ ...at, rule: 'waiver', message: `waives ${rule}, which finds nothing on this object; remove the waiver` });
    }
  }
  return kept;
}
