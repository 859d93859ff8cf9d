import { pino } from 'pino';
import type { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import type { Handler, HandlerTable } from '../../../../src/runtime/kafka/process-record.js';
import { parseSolver } from '../../../../src/runtime/python/solver.js';
import { InvalidMessage } from '../domain/orders.js';
import { context, FakeGraph, FakeIndex, message, RecordingScheduler } from './fakes.js';
import { combinedTable, handlerTable, type InvestigatorDeps } from './handler-tables.js';
import type { SchedulingPolicy } from './package-handlers.js';

const rhel = parseSolver('solver-rhel-8-py38');
const fedora = parseSolver('solver-fedora-35-py39');
const POLICY: SchedulingPolicy = {
  solvers: [rhel, fedora],
  solver: true,
  revsolver: true,
  security: true,
  kebechetAdministrator: true,
  versionLimit: 2,
  debugSolver: false,
  debugRevsolver: false,
};
const PYPI = 'https://pypi.org/simple';
const flask = { name: 'flask', version: '2.0.1', indexUrl: PYPI };

let graph: FakeGraph;
let index: FakeIndex;
let scheduler: RecordingScheduler;

function deps(policy: Partial<SchedulingPolicy> = {}): InvestigatorDeps {
  return { graph, index, scheduler, policy: { ...POLICY, ...policy }, log: pino({ level: 'silent' }) };
}

async function handle<N extends keyof typeof MESSAGE_TYPES>(table: HandlerTable, type: N, value: Record<string, unknown>, version = 'v1') {
  const handler: Handler<N> | undefined = table[type]?.[version];
  if (handler === undefined) throw new Error(`no ${type} ${version} handler`);
  await handler(message(type, value, version), context);
}

beforeEach(() => {
  graph = new FakeGraph();
  index = new FakeIndex();
  scheduler = new RecordingScheduler();
});

describe('unresolved-package (middletier)', () => {
  const middletier = () => handlerTable('middletier', deps());

  test('a version no solver has resolved: every solver, with the name and index as the graph spells them', async () => {
    await handle(middletier(), 'unresolved-package', {
      package_name: 'Flask',
      package_version: '2.0.1',
      index_url: 'https://pypi.python.org/simple',
      solver: null,
    });
    expect(scheduler.summary()).toEqual(['solver solver-rhel-8-py38 flask===2.0.1', 'solver solver-fedora-35-py39 flask===2.0.1']);
    expect(scheduler.orders[0]!.order.parameters).toMatchObject({ THOTH_SOLVER_INDEXES: PYPI, THOTH_SOLVER_DEPENDENCY_INDEXES: PYPI });
  });

  test('only the solvers whose environment has no row', async () => {
    graph.solvedIn(flask, { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' });
    await handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI });
    expect(scheduler.summary()).toEqual(['solver solver-fedora-35-py39 flask===2.0.1']);
  });

  test("a registered index spelt with a trailing slash (a Pipfile's) is the graph's index", async () => {
    await handle(middletier(), 'unresolved-package', {
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: `${PYPI}/`,
      solver: 'solver-fedora-35-py39',
    });
    expect(scheduler.orders[0]!.order.parameters).toMatchObject({ THOTH_SOLVER_INDEXES: PYPI });
  });

  test('the named solver only, also when the version has no row at all (the reference ran every solver)', async () => {
    await handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI, solver: 'solver-fedora-35-py39' });
    expect(scheduler.summary()).toEqual(['solver solver-fedora-35-py39 flask===2.0.1']);
  });

  test('all versions: the newest the index serves, up to the limit', async () => {
    index.packages.set(`${PYPI} flask`, ['1.0', '2.0.1', '2.0.0', 'weird']);
    await handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '*', index_url: PYPI, solver: 'solver-rhel-8-py38' });
    expect(scheduler.summary()).toEqual(['solver solver-rhel-8-py38 flask===2.0.1', 'solver solver-rhel-8-py38 flask===2.0.0']);
  });

  test('a Pipfile specifier selects matching versions (the reference scheduled "flask===<2")', async () => {
    index.packages.set(`${PYPI} flask`, ['1.0', '1.1', '2.0.1']);
    await handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '<2', index_url: PYPI, solver: 'solver-rhel-8-py38' });
    expect(scheduler.summary()).toEqual(['solver solver-rhel-8-py38 flask===1.1', 'solver solver-rhel-8-py38 flask===1.0']);
  });

  test('an index the graph does not know, or a solver the deployment does not run, is an invalid message', async () => {
    await expect(
      handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '1', index_url: 'https://nowhere.example/simple' }),
    ).rejects.toThrow(InvalidMessage);
    await expect(
      handle(middletier(), 'unresolved-package', { package_name: 'flask', package_version: '1', index_url: PYPI, solver: 'solver-arch-1-py311' }),
    ).rejects.toThrow("solver solver-arch-1-py311 is not one of the deployment's solvers (solver-rhel-8-py38, solver-fedora-35-py39)");
    expect(scheduler.orders).toEqual([]);
  });

  test('solver scheduling off: nothing', async () => {
    await handle(handlerTable('middletier', deps({ solver: false })), 'unresolved-package', {
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: PYPI,
    });
    expect(scheduler.orders).toEqual([]);
  });
});

describe('the other package messages (middletier)', () => {
  const middletier = () => handlerTable('middletier', deps());

  test('package-released: the missing solvers, then the revsolver', async () => {
    graph.solvedIn(flask, { osName: 'fedora', osVersion: '35', pythonVersion: '3.9' });
    await handle(middletier(), 'package-released', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI });
    expect(scheduler.summary()).toEqual(['solver solver-rhel-8-py38 flask===2.0.1', 'revsolver flask']);
  });

  test('hash-mismatch: artifacts the index no longer serves are flagged, then every solver looks again', async () => {
    await handle(middletier(), 'hash-mismatch', {
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: PYPI,
      missing_from_source: ['ABC'],
      missing_from_database: ['def'],
    });
    expect(graph.updates).toEqual([`absent flask==2.0.1@${PYPI} abc`]);
    expect(scheduler.summary()).toEqual(['solver solver-rhel-8-py38 flask===2.0.1', 'solver solver-fedora-35-py39 flask===2.0.1']);
  });

  test('solved-package: security indicators unless analysed, then kebechet-administrator with the solver', async () => {
    await handle(middletier(), 'solved-package', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI, solver: 'solver-rhel-8-py38' });
    expect(scheduler.summary()).toEqual(['security-indicators flask', 'kebechet-administrator flask']);
    expect(scheduler.orders[1]!.order.parameters).toMatchObject({ THOTH_SOLVER_NAME: 'solver-rhel-8-py38', THOTH_MESSAGE_TYPE: 'thoth.solver.solved-package' });
    scheduler.orders.length = 0;
    graph.analysed.add(`flask==2.0.1@${PYPI}`);
    await handle(middletier(), 'solved-package', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI, solver: 'solver-rhel-8-py38' });
    expect(scheduler.summary()).toEqual(['kebechet-administrator flask']);
  });

  test('si-unanalyzed-package: security indicators unless analysed', async () => {
    await handle(middletier(), 'si-unanalyzed-package', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI });
    expect(scheduler.summary()).toEqual(['security-indicators flask']);
  });

  test('unrevsolved-package: the revsolver (the reference never scheduled it)', async () => {
    await handle(middletier(), 'unrevsolved-package', { package_name: 'Flask', package_version: '2.0.1' });
    expect(scheduler.orders[0]!.order.parameters).toEqual({
      THOTH_REVSOLVER_PACKAGE_NAME: 'flask',
      THOTH_REVSOLVER_PACKAGE_VERSION: '2.0.1',
      THOTH_LOG_REVSOLVER: 'INFO',
    });
  });

  test('update-provides-source-distro: the flag, nothing scheduled', async () => {
    await handle(middletier(), 'update-provides-source-distro', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI, value: false });
    expect(graph.updates).toEqual([`sdist flask==2.0.1@${PYPI} false`]);
    expect(scheduler.orders).toEqual([]);
  });
});

describe('backend', () => {
  const backend = () => handlerTable('backend', deps());

  test('missing-package flags every version, then kebechet-administrator for every version', async () => {
    await handle(backend(), 'missing-package', { package_name: 'Flask', index_url: PYPI });
    expect(graph.updates).toEqual([`missing flask * ${PYPI}`]);
    expect(scheduler.summary()).toEqual(['kebechet-administrator flask']);
    expect(scheduler.orders[0]!.order.parameters).toMatchObject({ THOTH_PACKAGE_VERSION: '', THOTH_MESSAGE_TYPE: 'thoth.package-update.missing-package' });
  });

  test('missing-version flags the version, then kebechet-administrator', async () => {
    await handle(backend(), 'missing-version', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI });
    expect(graph.updates).toEqual([`missing flask 2.0.1 ${PYPI}`]);
    expect(scheduler.summary()).toEqual(['kebechet-administrator flask']);
  });

  test('cve-provided and hash-mismatch: kebechet-administrator, unless switched off', async () => {
    await handle(backend(), 'cve-provided', { package_name: 'flask', package_version: '2.0.1', index_url: PYPI });
    await handle(backend(), 'hash-mismatch', {
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: PYPI,
      missing_from_source: [],
      missing_from_database: [],
    });
    expect(scheduler.summary()).toEqual(['kebechet-administrator flask', 'kebechet-administrator flask']);
    await handle(handlerTable('backend', deps({ kebechetAdministrator: false })), 'cve-provided', {
      package_name: 'flask',
      package_version: '2.0.1',
      index_url: PYPI,
    });
    expect(scheduler.orders).toHaveLength(2);
  });

  test('every version of a trigger the reference accepted', async () => {
    for (const version of ['v1', 'v2', 'v3', 'v4', 'v5'])
      await handle(backend(), 'adviser-trigger', { recommendation_type: 'stable', job_id: `adviser-${version}` }, version);
    expect(scheduler.orders.map(({ order }) => order.name)).toEqual(['adviser-v1', 'adviser-v2', 'adviser-v3', 'adviser-v4', 'adviser-v5']);
  });
});

test('what each mode consumes: the reference investigator’s registrations, less the metrics table', () => {
  const typesOf = (table: HandlerTable) => Object.keys(table).sort();
  expect(typesOf(handlerTable('middletier', deps()))).toEqual(
    [
      'build-analysis-trigger',
      'hash-mismatch',
      'inspection-completed',
      'package-released',
      'si-unanalyzed-package',
      'solved-package',
      'unresolved-package',
      'unrevsolved-package',
      'update-provides-source-distro',
    ].sort(),
  );
  expect(typesOf(handlerTable('backend', deps()))).toEqual(
    [
      'adviser-trigger',
      'cve-provided',
      'hash-mismatch',
      'kebechet-run-url-trigger',
      'kebechet-trigger',
      'missing-package',
      'missing-version',
      'package-extract-trigger',
      'provenance-checker-trigger',
      'thoth-repo-init',
    ].sort(),
  );
});

test('repo-init, which has no workflow here, is set aside as invalid, not left unread', async () => {
  await expect(handle(handlerTable('backend', deps()), 'thoth-repo-init', { project_url: 'https://github.com/a/b' })).rejects.toThrow(InvalidMessage);
});

test('one consumer with both modes runs both handlers of a type both take', async () => {
  await handle(combinedTable(['middletier', 'backend'], deps()), 'hash-mismatch', {
    package_name: 'flask',
    package_version: '2.0.1',
    index_url: PYPI,
    missing_from_source: [],
    missing_from_database: [],
  });
  expect(scheduler.summary()).toEqual([
    'solver solver-rhel-8-py38 flask===2.0.1',
    'solver solver-fedora-35-py39 flask===2.0.1',
    'kebechet-administrator flask',
  ]);
});
