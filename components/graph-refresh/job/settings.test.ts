import { graphRefreshSettings } from './settings.js';

test('defaults as the reference: every category on, 100 per solver; a 6-hour window', () => {
  expect(graphRefreshSettings({ THOTH_GRAPH_REFRESH_SOLVERS: 'solver-rhel-8-py38\n\n solver-fedora-35-py310 \n' })).toEqual({
    solver: true,
    revsolver: true,
    security: true,
    solvers: [
      { name: 'solver-rhel-8-py38', osName: 'rhel', osVersion: '8', pythonVersion: '3.8' },
      { name: 'solver-fedora-35-py310', osName: 'fedora', osVersion: '35', pythonVersion: '3.10' },
    ],
    limit: 100,
    windowMs: 6 * 3_600_000,
    leaseMs: 10 * 60_000,
  });
});

test('only security on needs no solver list', () => {
  expect(graphRefreshSettings({ THOTH_GRAPH_REFRESH_SOLVER: '0', THOTH_GRAPH_REFRESH_REVSOLVER: 'false', THOTH_GRAPH_REFRESH_COUNT: '800' })).toMatchObject({
    solvers: [],
    limit: 800,
    security: true,
  });
});

test.each([
  [{}, 'THOTH_GRAPH_REFRESH_SOLVERS is not set; expected solver names such as solver-rhel-8-py38, one per line'],
  [{ THOTH_GRAPH_REFRESH_SOLVERS: 'rhel-8' }, 'THOTH_GRAPH_REFRESH_SOLVERS="rhel-8" is invalid'],
  [{ THOTH_GRAPH_REFRESH_SOLVERS: 'solver-rhel-8-py38', THOTH_GRAPH_REFRESH_WINDOW_HOURS: '-1' }, 'THOTH_GRAPH_REFRESH_WINDOW_HOURS="-1" is invalid'],
  [{ THOTH_GRAPH_REFRESH_SOLVERS: 'solver-rhel-8-py38', THOTH_GRAPH_REFRESH_SECURITY: 'sometimes' }, 'THOTH_GRAPH_REFRESH_SECURITY="sometimes" is invalid'],
])('%o is refused: %s', (env, message) => {
  expect(() => graphRefreshSettings(env)).toThrow(message);
});
