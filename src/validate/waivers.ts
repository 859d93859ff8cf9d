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

export interface WaiverResult {
  /** The findings left, with those about reasonless waivers. */
  readonly findings: Finding[];
  /** Waivers that waived nothing in this environment: unused only if unused in every environment. */
  readonly unused: readonly { readonly finding: Finding; readonly key: string }[];
  /** `<construct path> <rule>` of the waivers that did waive something. */
  readonly used: ReadonlySet<string>;
}

/**
 * The findings left once each object's waivers are applied. `ran` says which rules ran (promtool's
 * and the deprecation check may not), so a waiver of a rule that did not run is not called unused.
 */
export function applyWaivers(
  env: RenderedEnvironment,
  findings: readonly Finding[],
  locate: (file: string) => Omit<Finding, 'rule' | 'message'> | undefined,
  ran: (rule: string) => boolean,
): WaiverResult {
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
  const usedHere = new Set<string>();
  const used = new Set<string>();
  const kept = findings.filter((finding) => {
    const reason = waivers.get(finding.file)?.get(finding.rule);
    if (reason === undefined || reason === '') return true;
    usedHere.add(`${finding.file} ${finding.rule}`);
    used.add(`${finding.constructPath} ${finding.rule}`);
    return false;
  });
  const unused: { finding: Finding; key: string }[] = [];
  for (const [file, own] of waivers) {
    const at = locate(file);
    if (at === undefined) continue;
    for (const [rule, reason] of own) {
      if (reason === '') kept.push({ ...at, rule: 'waiver', message: `the waiver of ${rule} gives no reason; say why the finding does not apply here` });
      else if (!usedHere.has(`${file} ${rule}`) && ran(rule)) {
        unused.push({
          key: `${at.constructPath} ${rule}`,
          finding: { ...at, rule: 'waiver', message: `waives ${rule}, which finds nothing on this object in any environment; remove the waiver` },
        });
      }
    }
  }
  return { findings: kept, unused, used };
}
