/**
 * The validate report for people and for CI: grouped by environment and Argo CD Application (colour
 * on a terminal), as JSON, or as GitHub workflow commands, which GitHub shows as annotations on the
 * pull request's files.
 */
import { objectTitle } from '../synth/manifest.js';
import type { QuotaUsage } from './admission/quota.js';
import { isWarning, type Finding } from './findings.js';

export interface ValidateReport {
  readonly environments: readonly string[];
  readonly objects: number;
  readonly findings: readonly Finding[];
  /** Each quota'd resource of each namespace at steady state; what is left is the workflow pods' headroom. */
  readonly quota?: readonly QuotaUsage[];
}

const paint = (color: boolean, code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

/** Whether the report fails validate: a finding that is not a warning. */
export const failed = (report: ValidateReport) => report.findings.some((finding) => !isWarning(finding));

export function summaryOf(report: ValidateReport): string {
  const warnings = report.findings.filter(isWarning).length;
  const errors = report.findings.length - warnings;
  const counts = [...(errors === 0 ? [] : [`${errors} finding(s)`]), ...(warnings === 0 ? [] : [`${warnings} warning(s)`])];
  return `validated ${report.objects} objects in ${report.environments.join(', ')}: ${counts.length === 0 ? 'no findings' : counts.join(', ')}`;
}

export function formatText(report: ValidateReport, color = false): string {
  const lines: string[] = [];
  const groups = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    const key = `${finding.environment} / ${finding.application}`;
    groups.set(key, [...(groups.get(key) ?? []), finding]);
  }
  for (const [group, findings] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(paint(color, 1, `${group} (${findings.length})`));
    for (const finding of findings) {
      const title = isWarning(finding) ? `${paint(color, 33, objectTitle(finding))} (warning)` : paint(color, 31, objectTitle(finding));
      lines.push(`  ${title} ${paint(color, 33, `[${finding.rule}]`)} ${finding.message}`);
      lines.push(paint(color, 2, `    ${finding.file}, created by ${finding.constructPath}`));
    }
  }
  lines.push(paint(color, failed(report) ? 31 : report.findings.length === 0 ? 32 : 33, summaryOf(report)));
  return lines.join('\n');
}

/** `%`, CR and LF are escaped in a workflow command's message, and `,` and `:` in its properties too. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub workflow command that shows as an error (or warning) annotation on a file. */
export function githubError(file: string, title: string, message: string, level: 'error' | 'warning' = 'error'): string {
  return `::${level} file=${escapeProperty(file)},title=${escapeProperty(title)}::${escapeData(message)}`;
}

export function formatGithub(report: ValidateReport): string {
  const lines = report.findings.map((finding) =>
    githubError(
      finding.file,
      `${finding.rule}: ${objectTitle(finding)}`,
      `${finding.message}\n(${finding.environment} / ${finding.application}; created by ${finding.constructPath})`,
      isWarning(finding) ? 'warning' : 'error',
    ),
  );
  return [...lines, summaryOf(report)].join('\n');
}
