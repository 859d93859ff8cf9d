/**
 * The use cases with fakes for the graph, the request store, the broker and the ledger.
 */
import pino from 'pino';
import type { MessageTypeName } from '../../../../src/messages/catalogue.js';
import { packageVersion, type PackageVersion } from '../../../../src/runtime/python/package.js';
import { reRunJobId } from '../domain/adviser-re-run.js';
import { checkMessages } from '../domain/messages-file.js';
import { parseSolverOutput } from './parse-solver-output.js';
import type { AdviserRequests, AdviserRunGraph, MessagePublisher, SentLedger } from './ports.js';
import { sendMessages, sentKey } from './send-messages.js';

const log = pino({ level: 'silent' });
const flask = packageVersion('flask', '2.3.2', 'https://pypi.org/simple');
const numpy = packageVersion('numpy', '1.26.0', 'https://pypi.org/simple');
const SETTINGS = { solverName: 'solver-rhel-8-py38', componentName: 'solver', serviceVersion: '0.1.0' };

class FakeGraph implements AdviserRunGraph {
  constructor(
    readonly runs: { adviserId: string; unresolved: PackageVersion[] }[],
    readonly solved: PackageVersion[] = [],
  ) {}
  async waitingKebechetRuns() {
    return this.runs;
  }
  async isSolved(pkg: PackageVersion) {
    return this.solved.some((each) => each.name === pkg.name && each.version === pkg.version && each.indexUrl === pkg.indexUrl);
  }
}

class FakeRequests implements AdviserRequests {
  readonly documents = new Map<string, Readonly<Record<string, unknown>>>();
  async get(id: string) {
    return this.documents.get(id);
  }
  async put(id: string, request: Readonly<Record<string, unknown>>) {
    this.documents.set(id, request);
  }
}

describe('parse-solver-output', () => {
  test('one solved-package per package version the solver installed, in the name of the component, at the solver version', async () => {
    const parsed = await parseSolverOutput(
      { analyzerVersion: '1.15.0', solved: [flask, numpy] },
      SETTINGS,
      { graph: new FakeGraph([]), requests: new FakeRequests() },
      log,
    );
    expect(parsed).toMatchObject({ solvedPackages: 2, adviserReRuns: 0 });
    expect(parsed.messages[0]).toEqual({
      topic_name: 'thoth.solver.solved-package',
      message_contents: {
        component_name: 'solver',
        service_version: '1.15.0',
        version: 'v1',
        package_name: 'flask',
        package_version: '2.3.2',
        index_url: 'https://pypi.org/simple',
        solver: 'solver-rhel-8-py38',
      },
    });
    expect(checkMessages('f', parsed.messages, { componentName: 'x', serviceVersion: 'y' })).toHaveLength(2);
  });

  test('a waiting Kebechet run with all its packages now solved is asked for again, once, with its request stored under the new id', async () => {
    const requests = new FakeRequests();
    requests.documents.set('adviser-old', { job_id: 'adviser-old', recommendation_type: 'stable', source_type: 'KEBECHET', origin: 'https://github.com/o/r' });
    const graph = new FakeGraph([{ adviserId: 'adviser-old', unresolved: [flask, numpy] }], [numpy]);
    const parsed = await parseSolverOutput({ analyzerVersion: '1.15.0', solved: [flask] }, SETTINGS, { graph, requests }, log);
    expect(parsed.adviserReRuns).toBe(1);
    expect(parsed.messages[1]).toEqual({
      topic_name: 'thoth.adviser-trigger',
      message_contents: expect.objectContaining({ job_id: reRunJobId('adviser-old'), re_run_adviser_id: 'adviser-old', authenticated: true, version: 'v5' }),
    });
    expect(requests.documents.get(reRunJobId('adviser-old'))).toMatchObject({ job_id: reRunJobId('adviser-old'), origin: 'https://github.com/o/r' });
  });

  test('a run whose request is gone is skipped with a warning, the others still asked for (the reference crashed)', async () => {
    const requests = new FakeRequests();
    requests.documents.set('b', { recommendation_type: 'stable' });
    const graph = new FakeGraph([
      { adviserId: 'a', unresolved: [flask] },
      { adviserId: 'b', unresolved: [flask] },
    ]);
    const parsed = await parseSolverOutput({ analyzerVersion: '1', solved: [flask] }, SETTINGS, { graph, requests }, log);
    expect(parsed.adviserReRuns).toBe(1);
  });
});

class FakePublisher implements MessagePublisher {
  readonly published: [MessageTypeName, number][] = [];
  failAt?: MessageTypeName;
  async send(type: MessageTypeName, contents: readonly Readonly<Record<string, unknown>>[]) {
    if (type === this.failAt) throw new Error('broker away');
    this.published.push([type, contents.length]);
  }
}

class FakeLedger implements SentLedger {
  readonly records = new Map<string, Readonly<Record<string, unknown>>>();
  async wasSent(key: string) {
    return this.records.has(key);
  }
  async markSent(key: string, record: Readonly<Record<string, unknown>>) {
    this.records.set(key, record);
  }
}

describe('send-messages', () => {
  const messages = [
    { type: 'solved-package' as const, contents: { a: 1 } },
    { type: 'adviser-trigger' as const, contents: { b: 1 } },
    { type: 'solved-package' as const, contents: { a: 2 } },
  ];

  test('publishes each type in file order, then records the file as sent; sent again, it publishes nothing', async () => {
    const publisher = new FakePublisher();
    const ledger = new FakeLedger();
    expect(await sendMessages(messages, 'k', { publisher, ledger })).toEqual({ outcome: 'sent', counts: { 'solved-package': 2, 'adviser-trigger': 1 } });
    expect(publisher.published).toEqual([
      ['solved-package', 2],
      ['adviser-trigger', 1],
    ]);
    expect(ledger.records.get('k')).toMatchObject({ messages: 3 });
    expect(await sendMessages(messages, 'k', { publisher, ledger })).toEqual({ outcome: 'already-sent', key: 'k' });
    expect(publisher.published).toHaveLength(2);
  });

  test('a failed publish records nothing, so the retry sends the file', async () => {
    const publisher = new FakePublisher();
    publisher.failAt = 'adviser-trigger';
    const ledger = new FakeLedger();
    await expect(sendMessages(messages, 'k', { publisher, ledger })).rejects.toThrow('broker away');
    expect(ledger.records.size).toBe(0);
  });

  test("a file's key is its workflow and its content", () => {
    expect(sentKey('uid-1', '[1]')).toBe(sentKey('uid-1', '[1]'));
    expect(sentKey('uid-1', '[1]')).not.toBe(sentKey('uid-2', '[1]'));
    expect(sentKey('uid-1', '[1]')).not.toBe(sentKey('uid-1', '[2]'));
  });
});
