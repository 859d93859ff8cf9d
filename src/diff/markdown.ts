/**
 * A tree diff as pull-request comments: the updates the API server refuses first, with what to do
 * instead; a summary table; then per environment and Argo CD Application a collapsed section of
 * changes, an added or removed object's YAML collapsed inside it. The comment is cut into parts that
 * each fit a GitHub comment (65,536 characters; parts stay under 60,000), the summary first, every
 * part rendering on its own and saying where it belongs.
 */
import type { ObjectChange, TreeDiff } from './compare.js';
import { changeCount, refusedCount } from './compare.js';
import { counts, refusedSentence, summaryLine } from './format.js';
import { PLAIN_MARKS } from './inline.js';
import { objectTitle } from '../synth/manifest.js';
import { clip, firstLines, objectReport } from './show.js';

/** GitHub refuses comments over 65,536 characters; the parts leave room for a heading. */
export const COMMENT_LIMIT = 60_000;
/** Room for `### thoth-gitops diff (part 12 of 34)` and the blank line after it. */
const TITLE_RESERVE = 64;
/** A longer line (a huge value) is cut, so that a line always fits in a part. */
const MAX_LINE = 2_000;
/** An added or removed object shows this many lines of its YAML. */
const CONTENT_LINES = 400;

export function formatMarkdown(diff: TreeDiff, limit = COMMENT_LIMIT): string[] {
  const title = '### thoth-gitops diff';
  if (changeCount(diff) === 0) return [`${title}\n\nNo change to the rendered manifests.`];
  const parts = new Parts(limit - TITLE_RESERVE);
  for (const line of [...refusedNotice(diff), ...summaryTable(diff)]) parts.line(`${line}\n`);
  for (const env of diff.environments) {
    for (const application of env.applications) {
      parts.enter(details((continued) => `<b>${env.env}</b> / ${application.application} (${application.changes.length})${continued ? ', continued' : ''}`));
      writeChanges(parts, application.changes);
      parts.leave();
    }
  }
  const all = parts.finish();
  return all.map((part, index) => `${title}${all.length > 1 ? ` (part ${index + 1} of ${all.length})` : ''}\n\n${part.trimEnd()}\n`);
}

/** An application's changes: their lines in a diff block, an added or removed object's YAML collapsed after its heading. */
function writeChanges(parts: Parts, changes: readonly ObjectChange[]): void {
  let inDiff = false;
  for (const change of changes) {
    const report = objectReport(change, PLAIN_MARKS);
    if (!inDiff) parts.enter(fence('diff'));
    inDiff = true;
    for (const line of [report.heading, ...report.refused, ...report.fields.map((field) => `  ${field}`)]) parts.line(`${clip(line, MAX_LINE)}\n`);
    if (report.content.length === 0) continue;
    parts.leave();
    inDiff = false;
    parts.enter(details((continued) => `${objectTitle(change.object)}: the ${change.change} object${continued ? ', continued' : ''}`));
    parts.enter(fence('yaml'));
    for (const line of firstLines(report.content, CONTENT_LINES)) parts.line(`${clip(line, MAX_LINE)}\n`);
    parts.leave();
    parts.leave();
  }
  if (inDiff) parts.leave();
}

/** GitHub's caution box listing each refused update and what to do, before anything else. */
function refusedNotice(diff: TreeDiff): string[] {
  if (refusedCount(diff) === 0) return [];
  const items = diff.environments.flatMap((env) =>
    env.applications.flatMap((application) =>
      application.changes.flatMap((change) =>
        (change.refused ?? []).map(
          (refused) =>
            `> - **${env.env} / ${application.application}**: ${objectTitle(change.object)}: ${refused.fields.map((field) => `\`${field}\``).join(', ')}: ${refused.why}. To apply it: ${refused.procedure}`,
        ),
      ),
    ),
  );
  return ['> [!CAUTION]', `> In this diff, ${refusedSentence(diff)}; each needs a step by hand (also marked \`!\` below):`, '>', ...items, ''];
}

function summaryTable(diff: TreeDiff): string[] {
  return [
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
    '',
  ];
}

/** Markup around lines: opened before the first line in a part, closed at the part's end and reopened in the next. */
interface Wrapper {
  readonly open: (continued: boolean) => string;
  readonly close: string;
}

const fence = (language: string): Wrapper => ({ open: () => `\`\`\`${language}\n`, close: '```\n\n' });
/** A collapsed block; the blank line after it ends the HTML block, so that Markdown resumes. */
const details = (summary: (continued: boolean) => string): Wrapper => ({
  open: (continued) => `<details><summary>${summary(continued)}</summary>\n\n`,
  close: '</details>\n\n',
});

/**
 * Comment parts, filled line by line. A wrapper is opened only when a line goes inside it, so that
 * no part ends with an empty section; the room to close every open wrapper is kept free.
 */
class Parts {
  private readonly done: string[] = [];
  private current = '';
  private readonly open: { readonly wrapper: Wrapper; written: boolean; continued: boolean }[] = [];

  constructor(private readonly budget: number) {}

  enter(wrapper: Wrapper): void {
    this.open.push({ wrapper, written: false, continued: false });
  }

  leave(): void {
    const left = this.open.pop()!;
    if (left.written) this.current += left.wrapper.close;
  }

  line(text: string): void {
    const opening = this.open.filter((item) => !item.written).reduce((sum, item) => sum + item.wrapper.open(item.continued).length, 0);
    const closing = this.open.reduce((sum, item) => sum + item.wrapper.close.length, 0);
    if (this.current.length + opening + text.length + closing > this.budget && this.current.trim() !== '') this.nextPart();
    for (const item of this.open.filter((candidate) => !candidate.written)) {
      this.current += item.wrapper.open(item.continued);
      item.written = true;
    }
    this.current += text;
  }

  finish(): string[] {
    return [...this.done, this.current];
  }

  private nextPart(): void {
    for (const item of [...this.open].reverse().filter((candidate) => candidate.written)) {
      this.current += item.wrapper.close;
      item.written = false;
      item.continued = true;
    }
    this.done.push(this.current);
    this.current = '';
  }
}
