/**
 * What a start of the CLI loads, from esbuild's own account of the bundle (its metafile): the entry
 * and what it imports statically hold the command line only, and the platform, which every command
 * but --help loads, holds none of the job programs' clients.
 */
import { build, type Metafile } from 'esbuild';
import { REPO_ROOT } from '../helpers.js';

const EXTERNAL = ['kubernetes-models', 'kubernetes-models/*', '@kubernetes-models/*', 'esbuild'];

async function metafileOf(entry: string, splitting: boolean): Promise<Metafile> {
  const { metafile } = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    external: EXTERNAL,
    logLevel: 'silent',
    ...(splitting ? { splitting: true, outdir: 'out' } : { outfile: 'out.mjs' }),
  });
  return metafile;
}

/** The packages (`cdk8s`, `@kubernetes/client-node`) and project folders (`components`) among the inputs. */
const originsOf = (inputs: Iterable<string>) =>
  new Set(
    [...inputs].map((input) => {
      const parts = input.split('/');
      if (parts[0] !== 'node_modules') return parts[0]!;
      const at = parts.lastIndexOf('node_modules');
      return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
    }),
  );

test('the entry and what it imports before running a command hold the command line, not the platform', async () => {
  const { outputs } = await metafileOf('platforms/cli.ts', true);
  const entry = Object.keys(outputs).find((output) => outputs[output]!.entryPoint === 'platforms/cli.ts')!;
  const loaded = new Set<string>();
  const visit = (output: string) => {
    if (loaded.has(output)) return;
    loaded.add(output);
    for (const imported of outputs[output]!.imports) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const origins = originsOf([...loaded].flatMap((output) => Object.keys(outputs[output]!.inputs)));
  for (const heavy of ['components', 'charts', 'cdk8s', 'ajv', '@kubernetes/client-node', 'kafkajs', 'js-yaml']) expect(origins).not.toContain(heavy);
  expect(origins).toContain('commander');
});

test('the platform loads none of the clients its job programs use: its contracts name their variables only', async () => {
  const origins = originsOf(Object.keys((await metafileOf('platforms/thoth/platform.ts', false)).inputs));
  expect(origins).toContain('cdk8s');
  for (const client of ['kafkajs', 'pg', 'pino', 'prom-client', 'commander', '@kubernetes/client-node', '@aws-sdk/client-s3', '@octokit/rest', 'ajv']) {
    expect(origins).not.toContain(client);
  }
});
