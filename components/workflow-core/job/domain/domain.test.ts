/**
 * The workflow tasks' domain: the messages file, the solver document and the adviser re-run, pure.
 */
import { packageVersion } from '../../../../src/runtime/python/package.js';
import { reRunJobId, reRunTrigger, unblockedRuns } from './adviser-re-run.js';
import { appendMessages, checkMessages, fileMessage, MessagesFileError, parseMessagesFile } from './messages-file.js';
import { DocumentError } from './document.js';
import { readSolverResult } from './solver-document.js';

const SENDER = { componentName: 'workflow-tasks', serviceVersion: '1.0.0' };
const solved = (name: string, version = '1.0.0', index = 'https://pypi.org/simple') => packageVersion(name, version, index);

describe('messages file', () => {
  const entry = fileMessage('solved-package', {
    component_name: 'solver',
    service_version: '1.15.0',
    version: 'v1',
    package_name: 'flask',
    package_version: '2.3.2',
    index_url: 'https://pypi.org/simple',
    solver: 'solver-rhel-8-py38',
  });

  test("entries are the reference's: the type's base name and its contents", () => {
    expect(entry).toEqual({ topic_name: 'thoth.solver.solved-package', message_contents: expect.objectContaining({ package_name: 'flask' }) });
  });

  test('appending keeps what earlier steps wrote; an empty or absent file is an empty list', () => {
    const first = appendMessages('f', undefined, [entry]);
    expect(parseMessagesFile('f', appendMessages('f', first, [entry]))).toHaveLength(2);
    expect(parseMessagesFile('f', '')).toEqual([]);
  });

  test('a file that is not a list of {topic_name, message_contents} is refused with every problem and its entry', () => {
    expect(() => parseMessagesFile('f', '{')).toThrow(MessagesFileError);
    expect(() => parseMessagesFile('f', '{}')).toThrow('f: holds an object; a messages file is a list of {topic_name, message_contents}');
    expect(() => parseMessagesFile('f', '[1, {"topic_name": 2, "message_contents": []}]')).toThrow(
      'f: 3 problems: entry 0: is a number, not {topic_name, message_contents}; entry 1: topic_name is a number, not a string; entry 1: message_contents is a list, not an object',
    );
  });

  test('checking: an unknown topic or invalid contents are refused, all at once; the sender fills a missing envelope', () => {
    const [checked] = checkMessages('f', [{ topic_name: 'thoth.inspection-completed', message_contents: { inspection_id: 'i-1', force_sync: false } }], SENDER);
    expect(checked).toEqual({
      type: 'inspection-completed',
      contents: { component_name: 'workflow-tasks', service_version: '1.0.0', version: 'v1', inspection_id: 'i-1', force_sync: false },
    });
    let error: MessagesFileError | undefined;
    try {
      checkMessages(
        'f',
        [
          { topic_name: 'thoth.nope', message_contents: {} },
          { ...entry, message_contents: { ...entry.message_contents, solver: 3 } },
        ],
        SENDER,
      );
    } catch (caught) {
      error = caught as MessagesFileError;
    }
    expect(error?.problems).toEqual([
      'entry 0: topic_name "thoth.nope" is no message type of the catalogue (src/messages/catalogue.ts)',
      'entry 1 (solved-package): solver: must be string',
    ]);
  });
});

describe('solver document', () => {
  const document = {
    metadata: { analyzer_version: '1.15.0' },
    result: {
      tree: [
        { package_name: 'Flask', package_version: '2.3.2', package_version_requested: '2.3.2', index_url: 'https://pypi.python.org/simple' },
        { package_name: 'click', package_version: '8.1.7', package_version_requested: '8.1.7', index_url: 'https://pypi.org/simple' },
      ],
    },
  };

  test('reads the requested versions, normalised as the graph stores them', () => {
    expect(readSolverResult('doc', document)).toEqual({
      analyzerVersion: '1.15.0',
      solved: [solved('flask', '2.3.2'), solved('click', '8.1.7')],
    });
  });

  test('a document without what it needs names the path', () => {
    expect(() => readSolverResult('doc', { metadata: {}, result: { tree: [] } })).toThrow(
      'doc: metadata.analyzer_version is missing; expected a non-empty string',
    );
    expect(() => readSolverResult('doc', { ...document, result: { tree: [{ package_name: 'a' }] } })).toThrow(DocumentError);
    expect(() => readSolverResult('doc', { ...document, result: { tree: [{ package_name: 'a' }] } })).toThrow(
      'result.tree[0].package_version_requested is missing',
    );
  });
});

describe('adviser re-run', () => {
  const run = (adviserId: string, ...unresolved: string[]) => ({ adviserId, unresolved: unresolved.map((name) => solved(name)) });

  test('a run is unblocked when this result solved one of its packages and every other is solved already', async () => {
    const solvedBefore = new Set(['numpy']);
    const runs = [run('a', 'flask'), run('b', 'flask', 'numpy'), run('c', 'flask', 'scipy'), run('d', 'numpy')];
    const unblocked = await unblockedRuns(runs, [solved('flask')], async (pkg) => solvedBefore.has(pkg.name));
    // c still waits for scipy (the reference re-ran it: it checked flask again, docs/quirks.md Q49); d was not waiting for this result.
    expect(unblocked.map((each) => each.adviserId)).toEqual(['a', 'b']);
  });

  test('another version or index of the package does not unblock a run', async () => {
    const unblocked = await unblockedRuns([run('a', 'flask')], [solved('flask', '9.9.9'), solved('flask', '1.0.0', 'https://other/simple')], async () => false);
    expect(unblocked).toEqual([]);
  });

  test('the new run id is derived from the old one: a DNS label, the same each time', () => {
    expect(reRunJobId('adviser-230101-abc')).toBe(reRunJobId('adviser-230101-abc'));
    expect(reRunJobId('adviser-230101-abc')).not.toBe(reRunJobId('adviser-230101-abd'));
    expect(reRunJobId('adviser-230101-abc')).toMatch(/^[a-z0-9-]{1,63}$/);
  });

  test("the trigger carries the old request's fields of the message type, authenticated, and points at the old run", () => {
    const request = {
      recommendation_type: 'stable',
      count: 1,
      limit: 10,
      origin: 'https://github.com/o/r',
      source_type: 'KEBECHET',
      github_event_type: 'x',
      job_id: 'old',
      kebechet_metadata: { a: 1 },
    };
    const trigger = reRunTrigger('old', request, SENDER);
    expect(trigger).toEqual({
      component_name: 'workflow-tasks',
      service_version: '1.0.0',
      recommendation_type: 'stable',
      count: 1,
      limit: 10,
      origin: 'https://github.com/o/r',
      source_type: 'KEBECHET',
      kebechet_metadata: { a: 1 },
      authenticated: true,
      job_id: reRunJobId('old'),
      re_run_adviser_id: 'old',
    });
    expect(checkMessages('f', [fileMessage('adviser-trigger', { ...trigger, version: 'v5' })], SENDER)).toHaveLength(1);
  });
});
