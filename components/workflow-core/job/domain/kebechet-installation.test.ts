/**
 * update-kebechet-installation's rules, pure: .thoth.yaml, the requirements files, the rows they
 * become, storages' fuzzy hash; and the task over a hand-written GitHub and graph.
 */
import pino from 'pino';
import { type KebechetInstallationGraph, type KebechetRepositories, updateKebechetInstallation } from '../application/update-kebechet-installation.js';
import { ruleApplies } from '../../../../src/runtime/python/package.js';
import { externalEnvironment, fuzzyHash, type InstallationRecord, managers } from './kebechet-installation.js';
import { parsePipenvFiles, parseRequirementsFile } from './requirements-files.js';
import { ssdeep } from './ssdeep.js';
import { environmentsToUpdate, filesDirectory, parseThothConfig } from './thoth-config.js';

const PYPI = 'https://pypi.org/simple';
const ENVIRONMENT = `
  - name: ubi8
    operating_system: {name: ubi, version: "8.6"}
    python_version: 3.10
    cuda_version: null`;
const config = (extra = '') => `host: khemenu.thoth-station.ninja\nrequirements_format: pipenv\n${extra}\nruntime_environments:${ENVIRONMENT}\n`;
const problemOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('.thoth.yaml', () => {
  test('thamos’ file: the format, the environments with the numbers as written (3.10 stays 3.10), the managers', () => {
    const parsed = parseThothConfig(`${config('overlays_dir: ./overlays/')}managers:\n  - name: update\n  - name: info\n    configuration: {}\n`);
    expect(parsed).toEqual({
      requirementsFormat: 'pipenv',
      overlaysDir: 'overlays',
      runtimeEnvironments: [{ name: 'ubi8', osName: 'ubi', osVersion: '8.6', pythonVersion: '3.10', cudaVersion: null }],
      managers: ['update', 'info'],
    });
  });

  test('thamos’ defaults: no requirements_format is pipenv; an empty overlays_dir is none; a single environment may be unnamed', () => {
    const parsed = parseThothConfig('runtime_environments:\n  - python_version: "3.8"\noverlays_dir: ""\n');
    expect(parsed).toMatchObject({ requirementsFormat: 'pipenv', overlaysDir: undefined, managers: [] });
    expect(parsed.runtimeEnvironments[0]).toMatchObject({ name: null, osName: null });
  });

  test.each([
    ['not YAML', 'runtime_environments: [\n', /^\.thoth\.yaml: .*\(not YAML\)$/],
    ['a list, not settings', '- a\n', /expected a mapping of settings/],
    [
      'a format thamos does not have',
      config().replace('pipenv', 'poetry'),
      /requirements_format "poetry" is not supported; expected pipenv, pip, pip-tools, pip-compile/,
    ],
    ['no runtime environment', 'host: x\n', /runtime_environments is missing or empty/],
    ['a name that is no directory', config().replace('name: ubi8', 'name: ../etc'), /runtime_environments\[0\]\.name "\.\.\/etc" is invalid/],
    ['two environments of one name', `${config()}${ENVIRONMENT}`.replace(/runtime_environments:/, 'runtime_environments:'), /names "ubi8" more than once/],
    ['overlays without names', 'overlays_dir: o\nruntime_environments:\n  - python_version: "3.8"\n', /runtime_environments\[0\] has no name/],
    ['overlays outside the repository', config('overlays_dir: ../x'), /overlays_dir "\.\.\/x" is not a directory of the repository/],
    ['an operating system that is a string', config().replace('{name: ubi, version: "8.6"}', 'rhel'), /operating_system is not a mapping/],
  ])('%s: one line naming the file and the key', (_case, text, message) => {
    expect(problemOf(() => parseThothConfig(text))).toMatch(message);
  });

  test('without overlays_dir the first environment only, at the root; with it every one, each in its directory', () => {
    const two = `overlays_dir: overlays\nruntime_environments:\n  - name: a\n  - name: b\n`;
    expect(environmentsToUpdate(parseThothConfig(two.replace('overlays_dir: overlays\n', ''))).map((each) => each.name)).toEqual(['a']);
    const overlays = parseThothConfig(two);
    expect(environmentsToUpdate(overlays).map((each) => filesDirectory(overlays, each))).toEqual(['overlays/a/', 'overlays/b/']);
    expect(filesDirectory(parseThothConfig(config()), { name: 'ubi8' } as never)).toBe('');
  });

  test('the environment as the graph keeps it: ubi is rhel, of its major version', () => {
    const [environment] = parseThothConfig(config()).runtimeEnvironments;
    expect(externalEnvironment(environment!)).toEqual({ environmentName: 'ubi8', osName: 'rhel', osVersion: '8', pythonVersion: '3.10', cudaVersion: null });
  });

  test('the managers columns', () => {
    expect(managers(['thoth-advise', 'pipfile-requirements', 'unknown'])).toEqual({
      info: false,
      pipfileRequirements: true,
      update: false,
      version: false,
      thothAdvise: true,
      thothProvenance: false,
    });
  });
});

describe('Pipfile and Pipfile.lock', () => {
  const pipfile = `
[[source]]
name = "pypi"
url = "https://pypi.python.org/simple/"
[[source]]
name = "other"
url = "https://other.example/simple"
[packages]
Flask_Login = "*"
numpy = {version = ">=1.0", index = "other", extras = ["x"]}
toolz = "1.0.0A1"
local = {path = ".", editable = true}
[dev-packages]
pytest = "*"
`;
  const lock = JSON.stringify({
    _meta: { sources: [{ name: 'pypi', url: 'https://pypi.org/simple', verify_ssl: true }] },
    default: {
      'Flask-Login': { version: '==0.6.0', hashes: ['sha256:x'], index: 'pypi' },
      numpy: { version: '==1.26.0', hashes: ['sha256:y'] },
      local: { editable: true, path: '.' },
    },
    develop: { pytest: { version: '==7.0', hashes: [] } },
  });

  test('the default packages, names as PEP 503 says, an index only where the entry names one; develop ones are not stored', () => {
    const parsed = parsePipenvFiles('Pipfile', pipfile, 'Pipfile.lock', lock);
    expect(parsed.requirements).toEqual([
      { name: 'flask-login', versionRange: '*', indexUrl: undefined },
      { name: 'numpy', versionRange: '>=1.0', indexUrl: 'https://other.example/simple' },
      { name: 'toolz', versionRange: '1.0.0a1', indexUrl: undefined },
    ]);
    expect(parsed.lock).toEqual([
      { name: 'flask-login', version: '0.6.0', indexUrl: PYPI },
      { name: 'numpy', version: '1.26.0', indexUrl: undefined },
    ]);
    expect(parsed.warnings).toEqual([
      'Pipfile: local is not a package from an index (no version, or a checkout or path); left out',
      'Pipfile.lock: local has no ==version (a checkout or path); left out',
    ]);
  });

  test('no Pipfile.lock: no lock', () => {
    expect(parsePipenvFiles('Pipfile', '[packages]\nflask = "*"\n', 'Pipfile.lock', undefined).lock).toBeUndefined();
  });

  test.each([
    ['a Pipfile that is not TOML', '[packages\n', undefined, /^o\/Pipfile: Invalid TOML document.*\(line 1, column \d+\)$/],
    [
      'an index no source declares',
      '[packages]\nflask = {version = "*", index = "nowhere"}\n',
      undefined,
      /^o\/Pipfile: flask names the index "nowhere", which no source declares$/,
    ],
    ['a lock that is not JSON', '', '{', /^o\/Pipfile\.lock: is not JSON/],
  ])('%s: the file and the problem', (_case, text, lockText, message) => {
    expect(problemOf(() => parsePipenvFiles('o/Pipfile', text, 'o/Pipfile.lock', lockText))).toMatch(message);
  });
});

describe('requirements files', () => {
  test('pins with hashes across continuations, comments, one index: the file is its own lock, every package on that index', () => {
    const parsed = parseRequirementsFile(
      'requirements.txt',
      [
        '# generated by pip-compile',
        '--index-url https://pypi.org/simple/',
        'Flask[async]==2.0.1 \\',
        '    --hash=sha256:aaa \\',
        '    --hash=sha256:bbb',
        '    # via -r requirements.in',
        'click==8.0.0 ; python_version >= "3.6"  # inline comment',
        '--trusted-host pypi.org',
      ].join('\n'),
    );
    expect(parsed.requirements).toEqual([
      { name: 'flask', versionRange: '==2.0.1', indexUrl: PYPI },
      { name: 'click', versionRange: '==8.0.0', indexUrl: PYPI },
    ]);
    expect(parsed.lock).toEqual([
      { name: 'flask', version: '2.0.1', indexUrl: PYPI },
      { name: 'click', version: '8.0.0', indexUrl: PYPI },
    ]);
    expect(parsed.warnings).toEqual(['requirements.txt line 8: --trusted-host is not read; left out']);
  });

  test('ranges are written as packaging writes them (sorted, no spaces); an unpinned line means no lock; two indexes are no one’s', () => {
    const parsed = parseRequirementsFile(
      'r',
      '-i https://a.example/simple\n--extra-index-url=https://b.example/simple\nnumpy >= 1.0, < 2\nsix\ntoolz (==1.0)\n',
    );
    expect(parsed.requirements).toEqual([
      { name: 'numpy', versionRange: '<2,>=1.0', indexUrl: undefined },
      { name: 'six', versionRange: '*', indexUrl: undefined },
      { name: 'toolz', versionRange: '==1.0', indexUrl: undefined },
    ]);
    expect(parsed.lock).toBeUndefined();
  });

  test('what no index serves (a URL, a path, another file) is left out with a warning; a line that is no requirement is refused', () => {
    const parsed = parseRequirementsFile('r', 'pkg @ https://x.example/pkg.whl\n./local\n-r other.txt\n-e .\n');
    expect(parsed.requirements).toEqual([]);
    expect(parsed.warnings).toHaveLength(4);
    expect(problemOf(() => parseRequirementsFile('o/requirements.txt', 'flask ==\n'))).toBe(
      'o/requirements.txt: line 1: "flask ==" is not a requirement (name[extras] specifiers ; marker)',
    );
  });
});

describe('what storages computes', () => {
  test('ssdeep as libfuzzy hashes (python-ssdeep’s documented values)', () => {
    for (const [text, hash] of [
      ['', '3::'],
      ['Hello world!', '3:agPE:agPE'],
      ['Also called fuzzy hashes, ', '3:AXGBicFlF:AXGHR'],
      ['Also called fuzzy hashes, Ctph can match inputs that have homologies.', '3:AXGBicFlgVNhBGcL6wCrFQEv:AXGHsNhxLsr2C'],
      ['Also called fuzzy hashes, CTPH can match inputs that have homologies.', '3:AXGBicFlIHBGcL6wCrFQEv:AXGH6xLsr2C'],
      ['X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*', '3:a+JraNvsgzsVqSwHq9:tJuOgzsko'],
    ] as const) {
      expect(ssdeep(new TextEncoder().encode(text))).toBe(hash);
    }
  });

  test('the fuzzy hash of ids: each id’s big-endian bytes hashed, concatenated; [0] (no lock file) hashes no bytes', () => {
    expect(fuzzyHash([0])).toBe('3::');
    expect(fuzzyHash([1, 256])).toBe(`${ssdeep(Uint8Array.of(1))}${ssdeep(Uint8Array.of(1, 0))}`);
    expect(fuzzyHash([])).toBe('');
  });

  test('a rule applies when its range is empty or NULL, or holds the version, pre-releases included', () => {
    expect([
      ruleApplies(null, '1.0'),
      ruleApplies('', '1.0'),
      ruleApplies('<3', '2.0rc1'),
      ruleApplies('>=2', '1.0'),
      ruleApplies('>=1', 'not.pep440'),
    ]).toEqual([true, true, true, false, false]);
  });
});

describe('the task over a hand-written GitHub and graph', () => {
  const log = pino({ level: 'silent' });
  const github = (files: Record<string, string>, options: { installed?: boolean } = {}): KebechetRepositories => ({
    installation: async () => (options.installed === false ? undefined : { id: 77 }),
    repository: async () => ({ private: true }),
    fileContent: async (_owner, _name, path) => files[path],
  });
  const graph = () => {
    const written: InstallationRecord[][] = [];
    const port: KebechetInstallationGraph = {
      replaceInstallations: async (_slug, records) => {
        written.push([...records]);
        return { deleted: ['gone'] };
      },
    };
    return { port, written };
  };

  test('every overlay: the App’s installation id, the visibility, the environment and its files', async () => {
    const { port, written } = graph();
    const files = {
      '.thoth.yaml': 'overlays_dir: o\nrequirements_format: pip-tools\nruntime_environments:\n  - name: a\n  - name: b\n',
      'o/a/requirements.txt': 'flask==1.0\n',
      'o/b/requirements.in': 'flask\n',
    };
    expect(await updateKebechetInstallation('org/repo', { github: github(files), graph: port }, log)).toEqual({
      outcome: 'updated',
      environments: ['a', 'b'],
      deleted: ['gone'],
    });
    expect(written[0]!.map((record) => [record.runtimeEnvironmentName, record.installationId, record.isPrivate, record.repoName, record.lock?.length])).toEqual(
      [
        ['a', '77', true, 'repo', 1],
        ['b', '77', true, 'repo', undefined],
      ],
    );
  });

  test('the outcomes that write nothing: not installed, no .thoth.yaml, a file to fix', async () => {
    const { port, written } = graph();
    const run = (files: Record<string, string>, installed = true) =>
      updateKebechetInstallation('o/r', { github: github(files, { installed }), graph: port }, log);
    expect(await run({}, false)).toEqual({ outcome: 'not-installed' });
    expect(await run({})).toEqual({ outcome: 'no-config' });
    expect(await run({ '.thoth.yaml': config() })).toEqual({
      outcome: 'invalid',
      file: 'Pipfile',
      problem: 'not found in the repository; requirements_format pipenv reads it (and Pipfile.lock when there is one)',
    });
    expect(await run({ '.thoth.yaml': config().replace('pipenv', 'pip') })).toMatchObject({ outcome: 'invalid', file: 'requirements.txt' });
    expect(written).toEqual([]);
  });
});
