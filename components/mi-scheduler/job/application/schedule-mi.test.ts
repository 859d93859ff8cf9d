import { dataPaths, kebechetAnalysis, kebechetMerge, type MiWorkflow, repositoryAnalysis } from '../domain/workflows.js';
import {
  configuredRepositories,
  type KebechetInstallations,
  kebechetRepositories,
  type OrganizationListing,
  type RepositoryHost,
  RunWideFailure,
  SomeFailed,
  scheduleAnalyses,
  submitWorkflows,
  type WorkflowSubmissions,
} from './schedule-mi.js';

/** GitHub in memory, as the adapter answers: names compared without case, GitHub's spelling returned, a renamed repository by its new name. */
class FakeHost implements RepositoryHost {
  readonly asked: string[] = [];
  readonly failing = new Map<string, Error>();
  readonly renamed = new Map<string, string>();

  constructor(
    private readonly repositories: Record<string, { archived?: boolean }>,
    private readonly organizations: readonly string[],
  ) {}

  async organization(name: string): Promise<OrganizationListing | undefined> {
    this.asked.push(`org ${name}`);
    const failure = this.failing.get(name.toLowerCase());
    if (failure !== undefined) throw failure;
    if (!this.organizations.some((org) => org.toLowerCase() === name.toLowerCase())) return undefined;
    const own = Object.entries(this.repositories).filter(([fullName]) => fullName.split('/')[0]!.toLowerCase() === name.toLowerCase());
    return {
      repositories: own.filter(([, repository]) => repository.archived !== true).map(([fullName]) => fullName),
      archived: own.filter(([, repository]) => repository.archived === true).map(([fullName]) => fullName),
    };
  }

  async repository(owner: string, name: string): Promise<{ fullName: string; archived: boolean } | undefined> {
    const asked = `${owner}/${name}`;
    this.asked.push(`repo ${asked}`);
    const failure = this.failing.get(asked.toLowerCase());
    if (failure !== undefined) throw failure;
    const current = this.renamed.get(asked.toLowerCase()) ?? asked;
    const found = Object.entries(this.repositories).find(([fullName]) => fullName.toLowerCase() === current.toLowerCase());
    return found === undefined ? undefined : { fullName: found[0], archived: found[1].archived === true };
  }
}

/** The API server in memory: a name seen before is already there. */
class FakeSubmissions implements WorkflowSubmissions {
  readonly created: MiWorkflow[] = [];
  readonly failing = new Map<string, Error>();
  private readonly names = new Set<string>();

  async submit(workflow: MiWorkflow) {
    const failure = this.failing.get(workflow.repository ?? workflow.entry);
    if (failure !== undefined) throw failure;
    const name = `${workflow.prefix}-${JSON.stringify(workflow.parameters)}`;
    if (this.names.has(name)) return { outcome: 'already-exists' as const, name };
    this.names.add(name);
    this.created.push(workflow);
    return { outcome: 'created' as const, name };
  }
}

/** A log that keeps what it is told. */
function recordingLog() {
  const lines: { level: string; fields: unknown; msg: string }[] = [];
  const at = (level: string) => (fields: unknown, msg: string) => void lines.push({ level, fields, msg });
  return { lines, log: { info: at('info'), warn: at('warn'), error: at('error') } as never };
}

const GITHUB = {
  'thoth-station/adviser': {},
  'thoth-station/solver': {},
  'thoth-station/old-solver': { archived: true },
  'AICoE/elyra-tutorial': {},
  'openshift/origin': {},
  'openshift/retired': { archived: true },
};
const paths = dataPaths('thoth-test', '');

test('gh-analysis: organisations expanded without their archived repositories, listed repositories checked, each repository once', async () => {
  const host = new FakeHost(GITHUB, ['thoth-station', 'AICoE']);
  const { lines, log } = recordingLog();
  const selection = await configuredRepositories(
    host,
    {
      organizations: ['thoth-station', 'no-such-org'],
      repositories: ['THOTH-station/Adviser', 'openshift/origin', 'openshift/retired', 'openshift/unknown', 'AICoE/elyra-tutorial', 'aicoe/ELYRA-tutorial'],
    },
    { log },
  );
  expect(selection).toEqual({
    repositories: ['thoth-station/adviser', 'thoth-station/solver', 'openshift/origin', 'AICoE/elyra-tutorial'],
    skipped: [
      { name: 'thoth-station/old-solver', reason: 'archived' },
      { name: 'no-such-org', reason: 'unknown organisation' },
      { name: 'openshift/retired', reason: 'archived' },
      { name: 'openshift/unknown', reason: 'unknown repository' },
    ],
    failed: [],
  });
  // A repository of an organisation already listed is not asked for again; one spelt twice is asked once.
  expect(host.asked).toEqual([
    'org thoth-station',
    'org no-such-org',
    'repo openshift/origin',
    'repo openshift/retired',
    'repo openshift/unknown',
    'repo AICoE/elyra-tutorial',
  ]);
  expect(lines.filter((line) => line.level === 'warn').map((line) => line.fields)).toEqual(selection.skipped);
});

test('a renamed repository is analysed under its new name, once', async () => {
  const host = new FakeHost(GITHUB, []);
  host.renamed.set('thoth-station/adviser-old', 'thoth-station/adviser');
  const selection = await configuredRepositories(
    host,
    { organizations: [], repositories: ['thoth-station/adviser-old', 'thoth-station/adviser'] },
    recordingLog(),
  );
  expect(selection.repositories).toEqual(['thoth-station/adviser']);
});

test('an organisation or a repository GitHub fails on is reported, and every other one is still found', async () => {
  const host = new FakeHost(GITHUB, ['thoth-station', 'AICoE']);
  host.failing.set('aicoe', new Error('cannot list the repositories of AICoE: 502 Server Error after 4 attempts'));
  host.failing.set('openshift/origin', new Error('cannot read the repository openshift/origin: 451 Repository access blocked'));
  const { lines, log } = recordingLog();
  const selection = await configuredRepositories(
    host,
    { organizations: ['AICoE', 'thoth-station'], repositories: ['openshift/origin', 'thoth-station/adviser'] },
    { log },
  );
  expect(selection.repositories).toEqual(['thoth-station/adviser', 'thoth-station/solver']);
  expect(selection.failed).toEqual([
    { target: 'AICoE', error: 'cannot list the repositories of AICoE: 502 Server Error after 4 attempts' },
    { target: 'openshift/origin', error: 'cannot read the repository openshift/origin: 451 Repository access blocked' },
  ]);
  expect(lines.filter((line) => line.level === 'error')).toHaveLength(2);
});

test('a failure every call would meet stops the selection at once', async () => {
  const host = new FakeHost(GITHUB, ['thoth-station']);
  host.failing.set('thoth-station', new RunWideFailure('401 Bad credentials'));
  await expect(configuredRepositories(host, { organizations: ['thoth-station'], repositories: ['openshift/origin'] }, recordingLog())).rejects.toThrow(
    RunWideFailure,
  );
  expect(host.asked).toEqual(['org thoth-station']);
});

test('a stop asked for ends the selection before the next call, not as a failure of a repository', async () => {
  const controller = new AbortController();
  const host = new FakeHost(GITHUB, []);
  host.failing.set('openshift/origin', new Error('cannot read the repository openshift/origin: the program is stopping'));
  const asked = configuredRepositories(
    host,
    { organizations: [], repositories: ['openshift/origin', 'thoth-station/adviser'] },
    { ...recordingLog(), signal: controller.signal },
  );
  controller.abort(new Error('SIGTERM'));
  await expect(asked).rejects.toThrow('SIGTERM');
  expect(host.asked).toEqual(['repo openshift/origin']);
});

test('kebechet-analysis: the installations’ repositories, each once, checked on GitHub (unknown, archived and malformed ones skipped)', async () => {
  const installations: KebechetInstallations = {
    activeRepositories: async () => ['thoth-station/adviser', 'Thoth-Station/adviser', 'thoth-station/old-solver', 'someone/private-one', 'not-a-slug'],
  };
  const host = new FakeHost(GITHUB, []);
  const selection = await kebechetRepositories(installations, host, recordingLog());
  expect(selection).toEqual({
    repositories: ['thoth-station/adviser'],
    skipped: [
      { name: 'thoth-station/old-solver', reason: 'archived' },
      { name: 'someone/private-one', reason: 'unknown repository' },
      { name: 'not-a-slug', reason: 'not a repository name' },
    ],
    failed: [],
  });
  expect(host.asked).toEqual(['repo thoth-station/adviser', 'repo thoth-station/old-solver', 'repo someone/private-one']);
});

test('submitting: created, or already there from an earlier run; a failed one reported and the others submitted', async () => {
  const submissions = new FakeSubmissions();
  const selection = {
    repositories: ['thoth-station/adviser', 'openshift/origin', 'AICoE/elyra-tutorial'],
    skipped: [{ name: 'x/y', reason: 'archived' as const }],
    failed: [],
  };
  const analysis = (repository: string) => kebechetAnalysis(repository, paths);
  const first = await scheduleAnalyses(submissions, selection, analysis, recordingLog());
  expect(first).toEqual({ repositories: 3, skipped: 1, created: 3, alreadySubmitted: 0, failed: [] });

  submissions.failing.set('openshift/origin', new Error('cannot submit workflow x: 500 etcd timeout'));
  const again = await scheduleAnalyses(submissions, selection, analysis, recordingLog());
  expect(again).toEqual({
    repositories: 3,
    skipped: 1,
    created: 0,
    alreadySubmitted: 2,
    failed: [{ target: 'openshift/origin', error: 'cannot submit workflow x: 500 etcd timeout' }],
  });
  expect(submissions.created).toHaveLength(3);
});

test('a submission every other would meet too stops the run', async () => {
  const submissions = new FakeSubmissions();
  submissions.failing.set('mi-merge', new RunWideFailure('403 forbidden'));
  await expect(submitWorkflows(submissions, [kebechetMerge(paths), repositoryAnalysis('a/b', [], paths)], recordingLog())).rejects.toThrow(RunWideFailure);
  expect(submissions.created).toEqual([]);
});

test('a run with failures is one line naming them', () => {
  const failed = Array.from({ length: 12 }, (_, index) => ({ target: `owner/repo-${index}`, error: 'x' }));
  expect(new SomeFailed(failed.slice(0, 2)).message).toBe('2 failed (owner/repo-0, owner/repo-1); everything else was scheduled');
  expect(new SomeFailed(failed).message).toMatch(/^12 failed \(owner\/repo-0, .*, owner\/repo-9, \.\.\.\); everything else was scheduled$/);
});
