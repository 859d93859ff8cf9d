/**
 * The validate report for people and for CI: grouped by environment and Argo CD Application (colour
 * on a terminal), as JSON, or as GitHub workflow commands, which GitHub shows as annotations on the
 * pull request's files.
 */
import { objectTitle } from '../synth/manifest.js';
import type { Finding } from './findings.js';

export interface ValidateReport {
  readonly environments: readonly string[];
  readonly objects: number;
  readonly findings: readonly Finding[];
}

const paint = (color: boolean, code: number, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);

export function summaryOf(report: ValidateReport): string {
  return `validated ${report.objects} objects in ${report.environments.join(', ')}: ${report.findings.length === 0 ? 'no findings' : `${report.findings.length} finding(s)`}`;
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
      lines.push(`  ${paint(color, 31, objectTitle(finding))} ${paint(color, 33, `[${finding.rule}]`)} ${finding.message}`);
      lines.push(paint(color, 2, `    ${finding.file}, created by ${finding.constructPath}`));
    }
  }
  lines.push(paint(color, report.findings.length === 0 ? 32 : 31, summaryOf(report)));
  return lines.join('\n');
}

/** `%`, CR and LF are escaped in a workflow command's message, and `,` and `:` in its properties too. */
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/** A GitHub workflow command that shows as an error annotation on a file. */
export function githubError(file: string, title: string, message: string): string {
  return `::error file=${escapeProperty(file)},title=${escapeProperty(title)}::${escapeData(message)}`;
}

export function formatGithub(report: ValidateReport): string {
  const lines = report.findings.map((finding) =>
    githubError(finding.file, `${finding.rule}: ${objectTitle(finding)}`, `${finding.message}\n(${finding.environment} / ${finding.application}; created by ${finding.constructPath})`),
  );
  return [...lines, summaryOf(report)].join('\n');
}
