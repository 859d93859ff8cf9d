/**
 * Dependencies run one way (issue 15): the library (`src/`) knows no chart and no component,
 * components know no chart, and inside a job program the domain knows neither the use case nor the
 * adapters, and the use case not the adapters. Read from every TypeScript file's imports
 * (`import`, `export ... from`, `import()`), as TypeScript itself finds them.
 *
 * The platform library (src/platform) takes the environment every platform has and nothing else.
 * The composition roots (platforms/) sit above all three: nothing there imports it.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './helpers.js';

interface Rule {
  readonly name: string;
  /** Whether `from` (a repository path) may not import `to`. */
  readonly forbids: (from: string, to: string) => boolean;
}

const under = (folder: string) => (file: string) => file.startsWith(`${folder}/`);
const layer = (file: string) => /^components\/[^/]+\/job\/(domain|application|infrastructure)\//.exec(file)?.[1];
const isTest = (file: string) => file.endsWith('.test.ts');

const PLATFORM_LIBRARY_INPUTS = new Set(['src/config/schema.ts', 'src/contracts/model.ts']);

const RULES: readonly Rule[] = [
  {
    name: 'the library (src/) imports no chart and no component',
    forbids: (from, to) => under('src')(from) && (under('charts')(to) || under('components')(to)),
  },
  {
    // Its building blocks take the environment every platform has (src/config/schema.ts), so a second
    // platform can build on them; what is Thoth's (its keys, tiers, shared groups) lives in components/shared/.
    name: 'the platform library (src/platform) imports only itself, the common environment schema and the contract model',
    forbids: (from, to) => under('src/platform')(from) && !under('src/platform')(to) && !PLATFORM_LIBRARY_INPUTS.has(to),
  },
  { name: 'components import no chart', forbids: (from, to) => under('components')(from) && under('charts')(to) },
  {
    name: 'only the entry points, scripts and tests import the composition roots (platforms/)',
    forbids: (from, to) => !under('platforms')(from) && under('platforms')(to),
  },
  {
    name: "a job program's domain imports neither its use case nor its adapters, its use case not its adapters",
    forbids: (from, to) => {
      const [a, b] = [layer(from), layer(to)];
      return (a === 'domain' && (b === 'application' || b === 'infrastructure')) || (a === 'application' && b === 'infrastructure');
    },
  },
];

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(REPO_ROOT, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => path.relative(REPO_ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
}

/** The repository files a file imports (relative specifiers only; `.js` names its `.ts` source). */
async function importsOf(file: string): Promise<string[]> {
  const { importedFiles } = ts.preProcessFile(await readFile(path.join(REPO_ROOT, file), 'utf8'), true, true);
  return importedFiles
    .filter((imported) => imported.fileName.startsWith('.'))
    .map((imported) => path.posix.normalize(path.posix.join(path.posix.dirname(file), imported.fileName)).replace(/\.js$/, '.ts'));
}

test('imports run one way', async () => {
  const files = (await Promise.all(['src', 'charts', 'components', 'platforms'].map(sourceFiles))).flat().filter((file) => !isTest(file));
  expect(files.length).toBeGreaterThan(100);
  const broken = new Map<string, string>();
  for (const file of files) {
    for (const target of await importsOf(file)) {
      const rule = RULES.find((each) => each.forbids(file, target));
      if (rule !== undefined) broken.set(`${file} -> ${target}`, rule.name);
    }
  }
  expect([...broken].map(([edge, rule]) => `${edge} (${rule})`)).toEqual([]);
});

test('the rules catch what they say: a chart or component import from src/, a chart from a component, an adapter from a domain', () => {
  const breaks = (from: string, to: string) => RULES.some((rule) => rule.forbids(from, to));
  expect(breaks('src/synth/render.ts', 'charts/index.ts')).toBe(true);
  expect(breaks('src/config/load.ts', 'components/solver/index.ts')).toBe(true);
  expect(breaks('components/solver/index.ts', 'charts/context.ts')).toBe(true);
  expect(breaks('components/investigator/job/domain/orders.ts', 'components/investigator/job/infrastructure/argo-scheduler.ts')).toBe(true);
  expect(breaks('components/investigator/job/application/ports.ts', 'components/investigator/job/infrastructure/argo-scheduler.ts')).toBe(true);
  expect(breaks('components/investigator/job/infrastructure/argo-scheduler.ts', 'components/investigator/job/application/ports.ts')).toBe(false);
  expect(breaks('charts/tiers.ts', 'components/solver/index.ts')).toBe(false);
  expect(breaks('components/solver/index.ts', 'src/platform/env.ts')).toBe(false);
  expect(breaks('charts/index.ts', 'platforms/thoth/platform.ts')).toBe(true);
  expect(breaks('src/platform/pod.ts', 'src/images/programs.ts')).toBe(true);
  expect(breaks('src/platform/pod.ts', 'src/config/schema.ts')).toBe(false);
  expect(breaks('platforms/thoth/platform.ts', 'charts/index.ts')).toBe(false);
});
