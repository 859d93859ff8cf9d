/**
 * What every job program's entry point shares: `--help` that lists the environment it reads, a
 * `migrate` command, structured logs, graceful shutdown, and exit codes a CronJob can act on:
 * 0 done, 1 bad configuration (one line naming the variable, never a stack trace) or failed run,
 * 143 stopped by SIGTERM before it finished.
 */
import { Command } from 'commander';
import pg from 'pg';
import { ConfigError, type Environment } from './environment.js';
import { createLogger, type Logger } from './log.js';
import { migrate } from './postgres/migrate.js';
import { knowledgeGraphConfig } from './postgres/pool.js';
import { listenForShutdown, ShutdownRequested } from './shutdown.js';

export interface ProgramSpec {
  /** The program's name, its logs' component and its metrics' job. */
  readonly name: string;
  readonly description: string;
  /** The variable holding its log level, as the reference named it. */
  readonly levelVariable: string;
  /** `[variable, meaning]` pairs shown by --help. */
  readonly environment: readonly (readonly [string, string])[];
}

/** Where a program reads its settings and writes: the process's own, or a test's. */
export interface ProgramIo {
  readonly env: Environment;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

const PROCESS_IO: ProgramIo = { env: process.env, stdout: process.stdout, stderr: process.stderr };

export interface RunContext {
  readonly env: Environment;
  readonly log: Logger;
  /** Aborted on SIGTERM/SIGINT: stop at the next safe point. */
  readonly signal: AbortSignal;
}

export function jobProgram(spec: ProgramSpec, run: (context: RunContext) => Promise<void>, io: ProgramIo = PROCESS_IO): Command {
  const { env } = io;
  const width = Math.max(...spec.environment.map(([variable]) => variable.length));
  const program = new Command(spec.name)
    .description(spec.description)
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) })
    .addHelpText('after', `\nEnvironment:\n${spec.environment.map(([variable, meaning]) => `  ${variable.padEnd(width)}  ${meaning}`).join('\n')}\n`)
    .action(async () => {
      await withContext(spec, io, run);
    });
  program
    .command('migrate')
    .description('apply the knowledge-graph migrations the database lacks, then exit')
    .action(async () => {
      await withContext(spec, io, async ({ log }) => {
        const client = new pg.Client(knowledgeGraphConfig(env, spec.name));
        await client.connect();
        try {
          const result = await migrate(client);
          log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied.length }, 'knowledge graph migrated');
        } finally {
          await client.end();
        }
      });
    });
  return program;
}

async function withContext(spec: ProgramSpec, io: ProgramIo, run: (context: RunContext) => Promise<void>): Promise<void> {
  let log: Logger | undefined;
  const shutdown = listenForShutdown((name) => log?.warn({ signal: name }, 'shutdown requested; stopping at the next safe point'));
  try {
    log = createLogger(spec.name, spec.levelVariable, io.env, io.stdout);
    await run({ env: io.env, log, signal: shutdown.signal });
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`${spec.name}: ${error.message}\n`);
      process.exitCode = 1;
    } else if (error instanceof ShutdownRequested) {
      log?.warn('stopped before the run finished');
      process.exitCode = 143;
    } else {
      log?.error({ err: error }, 'run failed');
      if (log === undefined) io.stderr.write(`${spec.name}: ${String(error)}\n`);
      process.exitCode = 1;
    }
  } finally {
    shutdown.dispose();
  }
}
