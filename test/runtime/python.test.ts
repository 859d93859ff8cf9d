import { canonicalName, normalIndexUrl, normalVersion, packageVersion } from '../../src/runtime/python/package.js';
import { parseSolver, parseSolvers } from '../../src/runtime/python/solver.js';

describe('solvers', () => {
  test.each([
    ['solver-rhel-8-py38', { osName: 'rhel', osVersion: '8', pythonVersion: '3.8' }],
    ['solver-fedora-35-py310', { osName: 'fedora', osVersion: '35', pythonVersion: '3.10' }],
    ['solver-ubi-8.4-py39', { osName: 'rhel', osVersion: '8', pythonVersion: '3.9' }],
    ['solver-fedora-35.1-py39', { osName: 'fedora', osVersion: '35.1', pythonVersion: '3.9' }],
  ])('%s', (name, environment) => {
    expect(parseSolver(name)).toEqual({ name, ...environment });
  });

  test('a name that is no solver name is refused, quoted', () => {
    expect(() => parseSolver('rhel8')).toThrow('"rhel8" is not a solver name such as solver-rhel-8-py38');
  });

  test('the ConfigMap list: one per line, blank lines ignored (the reference crashed on them)', () => {
    expect(parseSolvers('solver-rhel-8-py38\n\nsolver-fedora-34-py39\n').map((solver) => solver.name)).toEqual(['solver-rhel-8-py38', 'solver-fedora-34-py39']);
  });
});

describe('package spelling', () => {
  test.each([
    ['Flask', 'flask'],
    ['zope.interface', 'zope-interface'],
    ['Foo__Bar-.baz', 'foo-bar-baz'],
  ])('name %s → %s', (name, canonical) => expect(canonicalName(name)).toBe(canonical));

  test.each([
    ['1.0.0A1', '1.0.0a1'],
    ['v2.0', '2.0'],
    ['1.0-post1', '1.0.post1'],
    ['not-a-version!', 'not-a-version!'],
  ])('version %s → %s', (version, normal) => expect(normalVersion(version)).toBe(normal));

  test('PyPI’s old host; other URLs as given', () => {
    expect(normalIndexUrl('https://pypi.python.org/simple/')).toBe('https://pypi.org/simple');
    expect(normalIndexUrl('https://example.com/simple/')).toBe('https://example.com/simple/');
    expect(packageVersion(' Django', '4.2.0', 'https://pypi.python.org/simple')).toEqual({
      name: 'django',
      version: '4.2.0',
      indexUrl: 'https://pypi.org/simple',
    });
  });
});
