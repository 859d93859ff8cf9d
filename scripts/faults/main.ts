/**
 * The fault harness (`npm run faults`, scripts/faults.js): each fault an operator's cluster
 * produces, run against the job programs as their images run them (bundled by
 * scripts/build-job.mjs), a real PostgreSQL, the Kafka mock broker and a local API server, and
 * one table of what happened. `--rev <git revision>` runs the programs of that revision instead
 * (the "before" of a change). Not a test: it prints figures and exits 0; read the table.
 *   node scripts/faults.js [--rev <revision>] [--trials <n>] [--only <part of a fault's name>]
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAULTS, type FaultContext, type FaultResult } from './faults.js';
import { startPostgres } from '../../test/services/global-setup.mjs';

const { values } = parseArgs({ options: { rev: { type: 'string' }, trials: { type: 'string', default: '5' }, only: { type: 'string' } } });
const root = process.cwd();

/** The two programs' bundles, built from the working tree or from a revision's files. */
async function buildPrograms(dir: string): Promise<FaultContext['programs']> {
  let source = root;
  if (values.rev !== undefined) {
    source = path.join(dir, 'source');
    execFileSync('bash', ['-c', `mkdir -p ${source} && git archive ${values.rev} src components scripts package.json | tar -x -C ${source}`], {
      cwd: root,
      stdio: 'inherit',
    });
    await symlink(path.join(root, 'node_modules'), path.join(source, 'node_modules'));
  }
  const build = (entry: string, name: string) => {
    const out = path.join(dir, `${name}.mjs`);
    execFileSync(process.execPath, ['scripts/build-job.mjs', entry, out], { cwd: source, stdio: 'inherit' });
    return out;
  };
  return {
    investigator: build('components/investigator/job/main.ts', 'investigator'),
    graphRefresh: build('components/graph-refresh/job/main.ts', 'graph-refresh'),
  };
}

const dir = await mkdtemp(path.join(tmpdir(), 'thoth-faults-'));
execFileSync('bash', ['scripts/kafka-mock/build.sh'], { stdio: 'inherit' });
const postgres = await startPostgres();
process.env.THOTH_TEST_DATABASE_URL = postgres.url;
try {
  await writeFile(path.join(dir, 'token'), 'investigator-token');
  const context: FaultContext = { programs: await buildPrograms(dir), tokenFile: path.join(dir, 'token'), trials: Number(values.trials) };
  const rows: (FaultResult & { fault: string })[] = [];
  for (const fault of FAULTS.filter((each) => values.only === undefined || each.name.includes(values.only))) {
    const started = Date.now();
    process.stderr.write(`${fault.name}…`);
    const result = await fault.run(context);
    process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
    rows.push({ fault: fault.name, ...result });
  }
  printTable(rows);
} finally {
  await postgres.stop();
  await rm(dir, { recursive: true, force: true });
}

function printTable(rows: readonly (FaultResult & { fault: string })[]): void {
  const header = ['fault', 'trials', 'crashes', 'zombies', 'held back', 'lost', 'duplicates', 'dead letters', 'note'];
  const lines = rows.map((row) =>
    [row.fault, row.trials, row.crashes, row.zombies, row.heldBack, row.lost, row.duplicates, row.deadLetters, row.note].map(String),
  );
  process.stdout.write(`programs: ${values.rev === undefined ? 'working tree' : `revision ${values.rev}`}\n\n`);
  process.stdout.write(`| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n`);
  for (const line of lines) process.stdout.write(`| ${line.join(' | ')} |\n`);
}
