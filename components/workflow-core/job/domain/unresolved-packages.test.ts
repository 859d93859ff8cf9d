/** What the adviser's and the provenance checker's documents ask to have solved. */
import { DocumentError } from './document.js';
import { readAdviserUnresolved, readProvenanceUnresolved, solverOf } from './unresolved-packages.js';

const adviserDocument = (
  unresolved: unknown,
  requirements: Record<string, unknown>,
  runtimeEnvironment: unknown = { operating_system: { name: 'ubi', version: '8.6' }, python_version: '3.9' },
) => ({
  metadata: { analyzer_version: '0.56.3' },
  result: {
    error: true,
    report: { ERROR: 'No dependencies found', _ERROR_DETAILS: { unresolved }, stack_info: [] },
    parameters: { project: { requirements, requirements_locked: null, runtime_environment: runtimeEnvironment } },
  },
});

const PIPFILE = {
  source: [
    { name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true },
    { name: 'internal', url: 'https://pypi.example.com/simple', verify_ssl: true },
  ],
  packages: { Flask: '>=2.0', 'internal-lib': { version: '==1.2.0', index: 'internal' }, local: { path: '.', editable: true } },
  'dev-packages': { pytest: '*' },
};

describe('parse-adviser-output', () => {
  test("each unresolved direct dependency with its Pipfile specifier and its source's URL, for the runtime environment's solver", () => {
    expect(readAdviserUnresolved('doc', adviserDocument(['flask', 'internal_lib', 'pytest'], PIPFILE))).toEqual({
      solver: 'solver-rhel-8-py39',
      packages: [
        { name: 'Flask', version: '>=2.0', indexUrl: 'https://pypi.org/simple' },
        { name: 'internal-lib', version: '==1.2.0', indexUrl: 'https://pypi.example.com/simple' },
        { name: 'pytest', version: '*', indexUrl: 'https://pypi.org/simple' },
      ],
      skipped: [],
    });
  });

  test('names the resolver reported that the Pipfile does not list from an index are skipped with the reason', () => {
    expect(readAdviserUnresolved('doc', adviserDocument(['local', 'transitive'], PIPFILE)).skipped).toEqual([
      { name: 'local', reason: 'installed from a repository or a path, not an index' },
      { name: 'transitive', reason: 'not a requirement of the Pipfile' },
    ]);
  });

  test("a Pipfile without sources is Pipenv's: PyPI", () => {
    expect(readAdviserUnresolved('doc', adviserDocument(['six'], { packages: { six: '*' } })).packages).toEqual([
      { name: 'six', version: '*', indexUrl: 'https://pypi.org/simple' },
    ]);
  });

  test('a successful advise, or an error without unresolved packages, asks for nothing', () => {
    expect(readAdviserUnresolved('doc', { result: { error: false, report: { products: [] }, parameters: {} } }).packages).toEqual([]);
    expect(readAdviserUnresolved('doc', { result: { error: true, report: { ERROR: 'An error occurred' } } }).packages).toEqual([]);
    expect(readAdviserUnresolved('doc', { result: { error: true, report: null } }).packages).toEqual([]);
  });

  test('an index no source is named is an error naming its path', () => {
    const document = adviserDocument(['a'], { source: [], packages: { a: { version: '*', index: 'nowhere' } } });
    expect(() => readAdviserUnresolved('doc', document)).toThrow(DocumentError);
    expect(() => readAdviserUnresolved('doc', document)).toThrow(
      'doc: result.parameters.project.requirements.packages.a.index is "nowhere", which no source of the Pipfile is named',
    );
  });
});

describe('the solver of a runtime environment', () => {
  test("named as the solvers are: ubi is rhel, rhel's minor version dropped, Python without its dot", () => {
    expect(solverOf({ operating_system: { name: 'ubi', version: '8.6' }, python_version: '3.10' })).toBe('solver-rhel-8-py310');
    expect(solverOf({ operating_system: { name: 'fedora', version: '35' }, python_version: '3.9' })).toBe('solver-fedora-35-py39');
    expect(solverOf({ operating_system: { name: 'UBI', version: '8' }, python_version: '3.8.10' })).toBe('solver-rhel-8-py38');
  });

  test('an environment without an OS or a Python version asks every solver (the reference crashed without Python)', () => {
    expect(solverOf({ operating_system: { name: 'rhel', version: '8' }, python_version: null })).toBeUndefined();
    expect(solverOf({ python_version: '3.8' })).toBeUndefined();
    expect(solverOf(undefined)).toBeUndefined();
  });
});

describe('parse-provenance-checker-output', () => {
  const finding = (id: string, name: string, version: string) => ({
    type: 'ERROR',
    id,
    justification: '…',
    source: { name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true },
    package_name: name,
    package_version: version,
  });

  test('each MISSING-PACKAGE finding, its pin without the operator; other findings and entries without an id are not asked for', () => {
    const document = {
      result: {
        error: false,
        report: [
          finding('MISSING-PACKAGE', 'flask', '==2.3.2'),
          finding('INVALID-ARTIFACT-HASH', 'six', '==1.16.0'),
          { type: 'ERROR', justification: 'lock hash differs' },
        ],
      },
    };
    expect(readProvenanceUnresolved('doc', document)).toEqual([{ name: 'flask', version: '2.3.2', indexUrl: 'https://pypi.org/simple' }]);
  });

  test('a finding without its source is an error naming its path', () => {
    const { source: _source, ...noSource } = finding('MISSING-PACKAGE', 'flask', '==2.3.2');
    expect(() => readProvenanceUnresolved('doc', { result: { report: [noSource] } })).toThrow('doc: result.report[0].source is missing; expected an object');
  });
});
