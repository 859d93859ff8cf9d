import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { listFiles } from '../../src/synth/files.js';
import { REPO_ROOT, runCli, temporaryRepository } from '../helpers.js';

let repo: Awaited<ReturnType<typeof temporaryRepository>>;
beforeAll(async () => {
  repo = await temporaryRepository();
  expect((await runCli(['synth', '--cwd', repo.dir])).code).toBe(0);
});
afterAll(async () => {
  await repo.remove();
});

// The environments and applications found on disk.
const generated = (...parts: string[]) => path.join(repo.dir, 'generated', ...parts);
const environments = () => readdirSync(path.join(REPO_ROOT, 'environments')).map((file) => file.replace(/\.yaml$/, ''));
const filesOf = (dir: string) => listFiles(dir).map((file) => readFileSync(path.join(dir, file), 'utf8'));

/** The documents of a YAML stream, each checked to parse and to be a Kubernetes object. */
function documentsOf(stream: string): { text: string; object: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } }[] {
  // Without the newline runCli adds to what a command prints.
  const texts = stream.replace(/\n$/, '').split(/^---\n/m);
  const parsed = parseAllDocuments(stream);
  expect(parsed.length).toBe(texts.length);
  return parsed.map((document, index) => {
    expect(document.errors).toEqual([]);
    const object = document.toJS();
    expect(object).toEqual(
      expect.objectContaining({ apiVersion: expect.any(String), kind: expect.any(String), metadata: expect.objectContaining({ name: expect.any(String) }) }),
    );
    return { text: texts[index]!, object };
  });
}

describe('render --env: the files of generated/<env>/ as one YAML stream', () => {
  test.each(environments())('%s', async (env) => {
    const result = await runCli(['render', '--env', env, '--cwd', repo.dir]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const documents = documentsOf(result.out);
    // The same bytes as synth writes, document for document.
    expect(documents.map((document) => document.text).sort()).toEqual(filesOf(generated(env)).sort());
    // kubectl apply -f - meets every namespace before the objects that go into it.
    const namespaceAt = new Map(documents.flatMap(({ object }, index) => (object.kind === 'Namespace' ? [[object.metadata.name, index] as const] : [])));
    expect(namespaceAt.size).toBeGreaterThan(0);
    const beforeTheirNamespace = documents.filter(({ object }, index) => (namespaceAt.get(object.metadata.namespace ?? '') ?? -1) > index);
    expect(beforeTheirNamespace.map(({ object }) => `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`)).toEqual([]);
  });
});

describe('render --app: one Argo CD Application, the files of its folder', () => {
  const env = () => environments()[0]!;
  test('every application folder of the first environment', async () => {
    const applications = readdirSync(generated(env()));
    expect(applications.length).toBeGreaterThan(1);
    for (const app of applications) {
      const result = await runCli(['render', '--env', env(), '--app', app, '--cwd', repo.dir]);
      expect([app, result.code, result.err]).toEqual([app, 0, '']);
      const documents = documentsOf(result.out);
      expect([app, documents.length]).toEqual([app, listFiles(generated(env(), app)).length]);
      expect(documents.map((document) => document.text).sort()).toEqual(filesOf(generated(env(), app)).sort());
    }
  });

  test('an unknown application is exit 1, with a did-you-mean and the applications there are', async () => {
    const known = readdirSync(generated(env())).sort();
    const typo = `${known[0]!}x`;
    const result = await runCli(['render', '--env', env(), '--app', typo, '--cwd', repo.dir]);
    expect(result).toEqual({
      code: 1,
      out: '',
      err: `error: unknown application "${typo}" (did you mean "${known[0]!}"?); applications of ${env()}: ${known.join(', ')}\n`,
    });
  });

  test('an unknown environment is exit 1, and --env is required', async () => {
    expect(await runCli(['render', '--env', 'nowhere', '--cwd', repo.dir])).toMatchObject({
      code: 1,
      out: '',
      err: expect.stringMatching(/^error: unknown environment "nowhere"; known environments: /),
    });
    expect(await runCli(['render', '--cwd', repo.dir])).toMatchObject({
      code: 1,
      out: '',
      err: expect.stringMatching(/required option '-e, --env <name>' not specified/),
    });
  });
});
