import { GitHubError, OctokitGitHub } from '../../../../src/runtime/github/client.js';
import { GITHUB_ACCESS_TOKEN_SETTINGS, githubSettings } from '../../../../src/runtime/github/settings.js';
import { FakeGitHub } from '../../../../test/services/fake-github.js';
import { RunWideFailure } from '../application/schedule-mi.js';
import { GitHubRepositories } from './github-repositories.js';

const TOKEN = 'ghp_mi_scheduler_test_token';

let github: FakeGitHub;
const repositories = (token = TOKEN) =>
  new GitHubRepositories(
    new OctokitGitHub(githubSettings({ GITHUB_ACCESS_TOKEN: token, GITHUB_API_URL: github.url }, GITHUB_ACCESS_TOKEN_SETTINGS), { pageSize: 2 }),
  );

beforeEach(async () => {
  github = new FakeGitHub();
  await github.start();
  github.addToken(TOKEN, 'sesheta');
  for (const name of ['adviser', 'solver', 'old-solver', 'storages']) github.addRepository({ owner: 'thoth-station', name, archived: name === 'old-solver' });
  github.addRepository({ owner: 'AICoE', name: 'elyra-aidevsecops-tutorial' });
});
afterEach(async () => {
  await github.stop();
});

test("an organisation's repositories by full name across its pages, the archived ones apart", async () => {
  const listing = await repositories().organization('thoth-station');
  expect([...(listing?.repositories ?? [])].sort()).toEqual(['thoth-station/adviser', 'thoth-station/solver', 'thoth-station/storages']);
  expect(listing?.archived).toEqual(['thoth-station/old-solver']);
  expect(github.requests.length).toBe(2);
});

test('a repository by GitHub’s spelling of its name; an unknown organisation or repository is undefined', async () => {
  await expect(repositories().repository('aicoe', 'ELYRA-aidevsecops-tutorial')).resolves.toEqual({
    fullName: 'AICoE/elyra-aidevsecops-tutorial',
    archived: false,
  });
  await expect(repositories().repository('thoth-station', 'old-solver')).resolves.toEqual({ fullName: 'thoth-station/old-solver', archived: true });
  await expect(repositories().repository('thoth-station', 'nope')).resolves.toBeUndefined();
  await expect(repositories().organization('no-such-org')).resolves.toBeUndefined();
});

test('credentials GitHub refuses stop the run; a repository GitHub withholds is that repository’s failure', async () => {
  const refused = repositories('ghp_revoked').organization('thoth-station');
  await expect(refused).rejects.toBeInstanceOf(RunWideFailure);
  await expect(refused).rejects.toThrow(/401 Bad credentials \(GitHub refused the token in GITHUB_ACCESS_TOKEN: check that it is valid and not expired\)/);
  github.failNext({ status: 451, message: 'Repository access blocked', path: '/repos/thoth-station/adviser' });
  const withheld = repositories().repository('thoth-station', 'adviser');
  await expect(withheld).rejects.toBeInstanceOf(GitHubError);
  await expect(withheld).rejects.toThrow('cannot read the repository thoth-station/adviser: 451 Repository access blocked');
});
