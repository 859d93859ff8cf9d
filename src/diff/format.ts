/**
 * A tree diff for a terminal: per environment and Argo CD Application, each object's changes (an
 * added object with its content), updates the API server refuses first and last, colour where the
 * terminal shows it; and the counts a pull-request comment (markdown.ts) summarises too.
 */
import type { ObjectChange, TreeDiff } from './compare.js';
import { allChanges, changeCount, refusedCount } from './compare.js';
import { COLOUR_MARKS, PLAIN_MARKS } from './inline.js';
import { clip, firstLines, objectReport } from './show.js';

/** An added object shows this many lines of its YAML in a terminal... */
const CONTENT_LINES = 40;
/** ...each cut to this many characters (a dashboard's JSON is one line). */
const CONTENT_LINE = 240;

const red = (color: boolean, text: string) => (color ? `\u001b[1;31m${text}\u001b[0m` : text);

export function formatText(diff: TreeDiff, options: { readonly color?: boolean } = {}): string {
  if (changeCount(diff) === 0) return 'no changes';
  const color = options.color === true;
  const lines: string[] = [];
  if (refusedCount(diff) > 0) lines.push(red(color, `! ${refusedSentence(diff)}: see the lines marked ! for what to do instead`));
  for (const env of diff.environments) {
    lines.push(`${env.env}:`);
    for (const application of env.applications) {
      lines.push(`  ${application.application}:`);
      for (const change of application.changes) {
        const report = objectReport(change, color ? COLOUR_MARKS : PLAIN_MARKS);
        lines.push(`    ${report.heading}`, ...report.refused.map((line) => red(color, `      ${line}`)), ...report.fields.map((line) => `      ${line}`));
        // A removed object's content is in the base revision; an added one's is news.
        if (change.change === 'added') lines.push(...firstLines(report.content, CONTENT_LINES).map((line) => `        ${clip(line, CONTENT_LINE)}`));
      }
    }
  }
  lines.push(summaryLine(diff));
  return lines.join('\n');
}

export function counts(changes: readonly ObjectChange[]) {
  const count = (kind: ObjectChange['change']) => changes.filter((change) => change.change === kind).length;
  return { added: count('added'), removed: count('removed'), changed: count('changed'), moved: count('moved') + count('renamed') };
}

/** How many updates the API server refuses, as a sentence. */
export function refusedSentence(diff: TreeDiff): string {
  const refused = refusedCount(diff);
  return `the API server refuses ${refused === 1 ? 'the update of 1 object' : `the updates of ${refused} objects`}`;
}

export function summaryLine(diff: TreeDiff): string {
  const all = counts(allChanges(diff));
  const refused = refusedCount(diff) > 0 ? `; ${refusedSentence(diff)}` : '';
  return `${changeCount(diff)} object(s): ${all.added} added, ${all.removed} removed, ${all.changed} changed, ${all.moved} moved or renamed${refused}`;
}
