import { buildRequests, type Candidate } from './requests.js';
import { parseSolver, type Solver } from '../../../../src/runtime/python/solver.js';

describe('buildRequests', () => {
  const rhel = parseSolver('solver-rhel-8-py38');
  const fedora = parseSolver('solver-fedora-34-py39');
  const flask: Candidate = { entityId: 1, packageName: 'flask', packageVersion: '2.0.0', indexUrl: 'https://pypi.org/simple' };
  const django: Candidate = { entityId: 2, packageName: 'django', packageVersion: '4.2', indexUrl: 'https://pypi.org/simple' };
  const candidates = new Map<Solver, Candidate[]>([
    [rhel, [flask, django]],
    [fedora, [flask]],
  ]);

  test('an unresolved-package per solver and version, an unrevsolved-package once per version', () => {
    expect(buildRequests(candidates, { solver: true, revsolver: true, security: false }).map((r) => `${r.type} ${r.fields.package_name} ${r.solver}`)).toEqual([
      'unresolved-package flask solver-rhel-8-py38',
      'unrevsolved-package flask ',
      'unresolved-package django solver-rhel-8-py38',
      'unrevsolved-package django ',
      'unresolved-package flask solver-fedora-34-py39',
    ]);
  });

  test('the message fields are the catalogue’s', () => {
    const [unresolved, unrevsolved] = buildRequests(new Map([[rhel, [flask]]]), { solver: true, revsolver: true, security: false });
    expect(unresolved!.fields).toEqual({ package_name: 'flask', package_version: '2.0.0', index_url: 'https://pypi.org/simple', solver: 'solver-rhel-8-py38' });
    expect(unrevsolved!.fields).toEqual({ package_name: 'flask', package_version: '2.0.0' });
  });

  test('a si-unanalyzed-package per version without analysis, only when security is on', () => {
    expect(buildRequests(new Map(), { solver: true, revsolver: true, security: true }, [django])).toEqual([
      {
        type: 'si-unanalyzed-package',
        entityId: 2,
        solver: '',
        fields: { package_name: 'django', package_version: '4.2', index_url: 'https://pypi.org/simple' },
      },
    ]);
    expect(buildRequests(new Map(), { solver: true, revsolver: true, security: false }, [django])).toEqual([]);
  });

  test('switched off categories send nothing', () => {
    expect(buildRequests(candidates, { solver: false, revsolver: false, security: false })).toEqual([]);
    expect(buildRequests(candidates, { solver: false, revsolver: true, security: false }).map((r) => r.type)).toEqual([
      'unrevsolved-package',
      'unrevsolved-package',
    ]);
  });
});
