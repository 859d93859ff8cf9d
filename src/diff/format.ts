/**
 * A tree diff for people: plain text for a terminal, and Markdown for a pull-request comment, cut
 * into parts that each fit a GitHub comment (65,536 characters; parts stay under 60,000), the
 * summary table first and every part saying where it belongs.
 */
import { objectTitle } from '../synth/manifest.js';
import type { ObjectChange, TreeDiff } from './compare.js';
import { changeCount } from './compare.js';

const SIGN: Record<ObjectChange['change'], string> = { added: '+', removed: '-', changed: '~', moved: '>', renamed: '>' };
const MAX_VALUE = 160;

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = typeof value === 'string' && value === '(redacted)' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}


/** One object's lines: its heading, then its field changes. */
function objectLines(change: ObjectChange, indent: string): string[] {
  let heading = `${SIGN[change.change]} ${objectTitle(change.object)}`;
  if (change.change === 'moved') heading += ` (moved from application ${change.from!.application})`;
  if (change.change === 'renamed') heading += ` (renamed from ${change.from!.name})`;
  if (change.change === 'added' || change.change === 'removed') heading += ` (${change.change})`;
  const fields = change.fields.map((field) => {
    if (!('before' in field)) return `${indent}  ${field.path}: added ${show(field.after)}`;
    if (!('after' in field)) return `${indent}  ${field.path}: removed (was ${show(field.before)})`;
    return `${indent}  ${field.path}: ${show(field.before)} → ${show(field.after)}`;
  });
  return [`${indent}${heading}`, ...fields];
}

export function formatText(diff: TreeDiff): string {
  if (changeCount(diff) === 0) return 'no changes';
  const lines: string[] = [];
  for (const env of diff.environments) {
    lines.push(`${env.env}:`);
    for (const application of env.applications) {
      lines.push(`  ${application.application}:`);
      for (const change of application.changes) lines.push(...objectLines(change, '    '));
    }
  }
  lines.push(summaryLine(diff));
  return lines.join('\n');
}

function counts(changes: readonly ObjectChange[]) {
  const count = (kind: ObjectChange['change']) => changes.filter((change) => change.change === kind).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed'), moved: count('moved') + count('renamed') };
}

function summaryLine(diff: TreeDiff): string {
  const all = counts(diff.environments.flatMap((env) => env.applications.flatMap((application) => application.changes)));
  return `${changeCount(diff)} object(s): ${all.added} added, ${all.removed} removed, ${all.changed} changed, ${all.moved} moved or renamed`;
}

/** GitHub refuses comments over 65,536 characters; the parts leave room for a heading. */
export const COMMENT_LIMIT = 60_000;
/** Room for `### thoth-gitops diff (part 12 of 34)` and the blank line after it. */
const TITLE_RESERVE = 64;
const FENCE_CLOSE = '```\n\n</details>\n';
/** A longer line (a huge value) is cut, so that a line always fits in a part. */
const MAX_LINE = 2_000;

export function formatMarkdown(diff: TreeDiff, limit = COMMENT_LIMIT): string[] {
  const title = '### thoth-gitops diff';
  if (changeCount(diff) === 0) return [`${title}\n\nNo change to the rendered manifests.`];
  const summary = [
    '| environment | application | added | removed | changed | moved or renamed |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...diff.environments.flatMap((env) =>
      env.applications.map((application) => {
        const c = counts(application.changes);
        return `| ${env.env} | ${application.application} | ${c.added} | ${c.removed} | ${c.changed} | ${c.moved} |`;
      }),
    ),
    '',
    summaryLine(diff),
  ].join('\n');
  // Lines are added under their environment and application; a part that is full is closed (its
  // code block too) and the next one reopens the section, so every part renders on its own.
  const budget = limit - TITLE_RESERVE;
  const parts: string[] = [];
  let current = `${summary}\n\n`;
  let open = false;
  const close = () => {
    if (open) current += FENCE_CLOSE;
    open = false;
  };
  for (const env of diff.environments) {
    for (const application of env.applications) {
      const heading = (continued: boolean) => `<details><summary><b>${env.env}</b> / ${application.application} (${application.changes.length})${continued ? ', continued' : ''}</summary>\n\n\`\`\`diff\n`;
      let started = false;
      for (const change of application.changes) {
        for (const raw of objectLines(change, '')) {
          const line = `${raw.length > MAX_LINE ? `${raw.slice(0, MAX_LINE - 1)}…` : raw}\n`;
          const needed = (open ? 0 : heading(started).length) + line.length + FENCE_CLOSE.length;
          if (current.length + needed > budget && current.trim() !== '') {
            close();
            parts.push(current);
            current = '';
          }
          if (!open) {
            current += heading(started);
            open = true;
            started = true;
          }
          current += line;
        }
      }
      close();
    }
  }
  parts.push(current);
  return parts.map((part, index) => `${title}${parts.length > 1 ? ` (part ${index + 1} of ${parts.length})` : ''}\n\n${part.trimEnd()}\n`);
}
