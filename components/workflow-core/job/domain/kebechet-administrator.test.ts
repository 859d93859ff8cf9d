/**
 * kebechet-administrator's decisions, pure: the justifications, the solver's environment, which
 * repositories an event concerns, the message each gets; and the task over a hand-written graph.
 */
import pino from 'pino';
import { MESSAGE_TYPES } from '../../../../src/messages/catalogue.js';
import { administerKebechet } from '../application/kebechet-administrator.js';
import type { KebechetInstallations } from '../application/ports.js';
import { KEBECHET_ADMINISTRATOR_CAUSES } from '../contract.js';
import {
  JUSTIFICATIONS,
  type LockedPackage,
  type LockQuery,
  lockQuery,
  type PackageEvent,
  runUrlTrigger,
  selectRepositories,
  solverEnvironment,
} from './kebechet-administrator.js';
import { checkMessages } from './messages-file.js';

const PYPI = 'https://pypi.org/simple';
const SENDER = { componentName: 'kebechet-administrator', serviceVersion: '1.2.3' };
const RHEL8 = { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' };
const solved = (version: string): PackageEvent => ({ cause: 'solved-package', name: 'flask', version, indexUrl: PYPI, environment: RHEL8 });
const row = (slug: string, lockedVersion: string | null, extra: Partial<LockedPackage> = {}): LockedPackage => ({
  slug,
  installationId: `id-${slug}`,
  isPrivate: false,
  lockedVersion,
  ...extra,
});
const slugs = (event: PackageEvent, rows: LockedPackage[]) => selectRepositories(event, rows).triggered.map((repository) => repository.slug);

describe('justification', () => {
  test("each cause has thoth-common's InternalTriggerEnum value: solved-package is NEW_RELEASE, cve-provided CVE (the reference had no solved-package and cve-provided twice)", () => {
    expect(JUSTIFICATIONS).toEqual({ 'cve-provided': 1, 'hash-mismatch': 2, 'missing-package': 3, 'missing-version': 4, 'solved-package': 5 });
    expect(Object.keys(JUSTIFICATIONS).sort()).toEqual([...KEBECHET_ADMINISTRATOR_CAUSES].sort());
  });
});

describe('solver environment', () => {
  test.each([
    ['solver-rhel-8-py38', { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' }],
    ['solver-rhel-9.2-py311', { osName: 'rhel', osVersion: '9', pythonVersion: '3.11' }],
    ['solver-ubi-8.6-py39', { osName: 'rhel', osVersion: '8', pythonVersion: '3.9' }],
    ['solver-fedora-35-py310', { osName: 'fedora', osVersion: '35', pythonVersion: '3.10' }],
    ['solver-fedora-35.1-py310', { osName: 'fedora', osVersion: '35.1', pythonVersion: '3.10' }],
  ])('%s: rhel (and ubi, which is rhel) keeps its major version, Python is digit-dot-rest', (name, environment) => {
    expect(solverEnvironment(name)).toEqual(environment);
  });

  test.each(['solver-rhel-8-py3', 'rhel-8-py38', 'solver-rhel-8-38', 'solver-rhel-py38'])('%s is no solver name', (name) => {
    expect(solverEnvironment(name)).toBeUndefined();
  });
});

describe('the question asked of the graph', () => {
  test('solved-package: every locked version in the solver environment, to compare with the release', () => {
    expect(lockQuery(solved('2.0'))).toEqual({ name: 'flask', indexUrl: PYPI, environment: RHEL8 });
  });

  test('a version problem: that version, any environment; missing-package has no version: every version (the reference refused it)', () => {
    expect(lockQuery({ cause: 'cve-provided', name: 'flask', version: '2.0', indexUrl: PYPI })).toEqual({ name: 'flask', version: '2.0', indexUrl: PYPI });
    expect(lockQuery({ cause: 'missing-package', name: 'flask', indexUrl: PYPI })).toEqual({ name: 'flask', indexUrl: PYPI });
  });
});

describe('repositories triggered', () => {
  test('a new release concerns stacks on an older version by PEP 440, not equal ones (the reference went on only when semver found them equal)', () => {
    const rows = [row('o/equal', '2.0'), row('o/equal-padded', '2.0.0'), row('o/newer', '2.10'), row('o/rc', '2.0rc1'), row('o/older', '1.9.post1')];
    expect(slugs(solved('2.0'), rows)).toEqual(['o/older', 'o/rc']);
    expect(slugs(solved('2.10'), [row('o/a', '2.9')])).toEqual(['o/a']);
  });

  test('a locked version PEP 440 cannot order is no trigger, and is reported', () => {
    const selection = selectRepositories(solved('2.0'), [row('o/legacy', '2004d'), row('o/none', null), row('o/old', '1.0')]);
    expect(selection.triggered.map((repository) => repository.slug)).toEqual(['o/old']);
    expect(selection.incomparable).toEqual(['(none)', '2004d']);
  });

  test('a version problem concerns the stacks locking that version; without a version, every stack locking the package', () => {
    const rows = [row('o/a', '2.0'), row('o/b', '1.0')];
    expect(slugs({ cause: 'hash-mismatch', name: 'flask', version: '2.0', indexUrl: PYPI }, rows)).toEqual(['o/a']);
    expect(slugs({ cause: 'missing-package', name: 'flask', indexUrl: PYPI }, rows)).toEqual(['o/a', 'o/b']);
  });

  test('a repository is triggered once, over all its locked rows: one qualifying row is enough, and its installation id is used', () => {
    const rows = [
      row('o/a', '3.0', { installationId: 'newer-env' }),
      row('o/a', '1.0', { installationId: 'older-env' }),
      row('o/a', '1.5', { installationId: 'z' }),
    ];
    expect(selectRepositories(solved('2.0'), rows).triggered).toEqual([{ slug: 'o/a', installationId: 'older-env' }]);
    expect(selectRepositories(solved('2.0'), [...rows].reverse()).triggered).toEqual([{ slug: 'o/a', installationId: 'older-env' }]);
  });

  test('private repositories are skipped and counted; one not concerned is not counted', () => {
    const selection = selectRepositories(solved('2.0'), [
      row('o/private', '1.0', { isPrivate: true }),
      row('o/private-up-to-date', '2.0', { isPrivate: true }),
      row('o/public', '1.0'),
    ]);
    expect(selection).toMatchObject({ triggered: [{ slug: 'o/public' }], privateSkipped: 1 });
  });

  test('ordered by slug whatever order the rows came in', () => {
    expect(slugs({ cause: 'missing-package', name: 'flask', indexUrl: PYPI }, [row('z/z', '1'), row('a/b', '1'), row('a/a', '1'), row('m/m', '1')])).toEqual([
      'a/a',
      'a/b',
      'm/m',
      'z/z',
    ]);
  });
});

describe('the message', () => {
  test('kebechet-run-url-trigger v2 to the repository on GitHub, its installation, the justification and the package', () => {
    const message = runUrlTrigger(solved('2.0'), { slug: 'o/r', installationId: '42' }, SENDER);
    expect(message).toEqual({
      component_name: 'kebechet-administrator',
      service_version: '1.2.3',
      version: MESSAGE_TYPES['kebechet-run-url-trigger'].version,
      url: 'https://github.com/o/r',
      service_name: 'github',
      installation_id: '42',
      metadata: { message_justification: 5, package_name: 'flask', package_version: '2.0', package_index: PYPI },
    });
    expect(message.version).toBe('v2');
  });

  test('missing-package: no version in the metadata', () => {
    const message = runUrlTrigger({ cause: 'missing-package', name: 'flask', indexUrl: PYPI }, { slug: 'o/r', installationId: '42' }, SENDER);
    expect(message.metadata).toEqual({ message_justification: 3, package_name: 'flask', package_version: null, package_index: PYPI });
  });
});

describe('the task, over a hand-written graph', () => {
  const log = pino({ level: 'silent' });

  class FakeInstallations implements KebechetInstallations {
    readonly asked: LockQuery[] = [];
    constructor(readonly rows: LockedPackage[]) {}
    async lockingPackage(query: LockQuery) {
      this.asked.push(query);
      return this.rows;
    }
  }

  test('asks the question of the event, writes one checked message per public repository it concerns, by slug', async () => {
    const installations = new FakeInstallations([
      row('o/b', '1.0'),
      row('o/a', '1.0'),
      row('o/a', '2.0'),
      row('o/p', '1.0', { isPrivate: true }),
      row('o/c', '2.0'),
    ]);
    const done = await administerKebechet(solved('2.0'), SENDER, { installations }, log);
    expect(installations.asked).toEqual([{ name: 'flask', indexUrl: PYPI, environment: RHEL8 }]);
    expect(done.privateSkipped).toBe(1);
    expect(done.messages.map((message) => [message.topic_name, message.message_contents.url])).toEqual([
      ['thoth.kebechet-run-url-trigger', 'https://github.com/o/a'],
      ['thoth.kebechet-run-url-trigger', 'https://github.com/o/b'],
    ]);
    expect(checkMessages('f', done.messages, SENDER)).toHaveLength(2);
  });

  test('nothing locks the package: no message', async () => {
    const done = await administerKebechet(
      { cause: 'cve-provided', name: 'flask', version: '2.0', indexUrl: PYPI },
      SENDER,
      { installations: new FakeInstallations([]) },
      log,
    );
    expect(done).toEqual({ messages: [], privateSkipped: 0 });
  });
});
