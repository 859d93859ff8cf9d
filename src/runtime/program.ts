/**
 * What every job program's entry point shares: `--help` that lists the environment it reads, a
 * `migrate` command, structured logs, graceful shutdown, and exit codes a CronJob can act on:
 * 0 done, 1 bad configuration (one line naming the variable, never a stack trace) or failed run,
 * 143 stopped by SIGTERM before it finished.
 */
import { Command } from 'commander';
import pg from 'pg';
import type { ImageContract, Mode, Variables } from '../contracts/model.js';
import { helpLines } from '../contracts/settings.js';
import { ConfigError, type Environment } from './environment.js';
import { createLogger, type Logger } from './log.js';
import { migrate, MissingReferenceSchema } from './postgres/migrate.js';
import { REFERENCE_SCHEMA } from './postgres/migrations.js';
import { knowledgeGraphConfig } from './postgres/pool.js';
import { MIGRATE_MODE } from './program-settings.js';
import { listenForShutdown, ShutdownRequested } from './shutdown.js';

export interface ProgramSpec {
  /** The program's name, its logs' component and its metrics' job. */
  readonly name: string;
  readonly description: string;
  /** The variable holding its log level, as the reference named it. */
  readonly levelVariable: string;
  /** What it reads: `--help` lists the variables of every command from it. */
  readonly contract: ImageContract;
  /** Commands besides the default one and `migrate` (an operator's, such as `replay`). */
  readonly commands?: readonly ProgramCommand[];
  /**
   * Whether it has the `migrate` command: it owns knowledge-graph tables of this repository.
   * @default true
   */
  readonly migrations?: boolean;
}

/** A command of a program: its contract mode says what it reads; `options` adds its own. */
export interface ProgramCommand {
  readonly name: string;
  readonly mode: Mode;
  readonly options?: (command: Command) => Command;
  readonly run: (context: RunContext, options: Readonly<Record<string, unknown>>) => Promise<void>;
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
  /** Declares the longest the program's stop takes (see Shutdown.boundStop); the default is none. */
  readonly boundStop: (ms: number) => void;
}

/**
 * The program: `run` is what it does without a command; without one, a command must be named (a
 * program of tasks), and none prints the usage and exits 1.
 */
export function jobProgram(spec: ProgramSpec, run: ((context: RunContext) => Promise<void>) | undefined, io: ProgramIo = PROCESS_IO): Command {
  const { variables, modes } = spec.contract;
  const defaultMode = modes?.default === undefined ? undefined : modes.variants[modes.default];
  // What the default command reads in any of its own modes (a consumer mode of the consume command).
  const nested = (mode: Mode | undefined): Variables => ({
    ...mode?.variables,
    ...Object.assign({}, ...Object.values(mode?.modes?.variants ?? {}).map((inner) => nested(inner))),
  });
  const program = new Command(spec.name)
    .description(spec.description)
    .configureOutput({ writeOut: (output) => io.stdout.write(output), writeErr: (output) => io.stderr.write(output) })
    .addHelpText('after', environmentHelp({ ...variables, ...nested(defaultMode) }))
    .action(async () => {
      if (run === undefined) {
        program.outputHelp({ error: true });
        process.exitCode = 1;
        return;
      }
      await withContext(spec, io, run);
    });
  if (spec.migrations !== false) addMigrateCommand(program, spec, io);
  for (const extra of spec.commands ?? []) {
    const command = program
      .command(extra.name)
      .description(extra.mode.description)
      .configureOutput({ writeOut: (output) => io.stdout.write(output), writeErr: (output) => io.stderr.write(output) })
      .addHelpText('after', environmentHelp({ ...variables, ...extra.mode.variables }));
    (extra.options?.(command) ?? command).action(async (options: Record<string, unknown>) => {
      await withContext(spec, io, (context) => extra.run(context, options));
    });
  }
  return program;
}

function addMigrateCommand(program: Command, spec: ProgramSpec, io: ProgramIo): void {
  const { env } = io;
  const { variables } = spec.contract;
  program
    .command('migrate')
    .description(MIGRATE_MODE.description)
    .configureOutput({ writeOut: (output) => io.stdout.write(output), writeErr: (output) => io.stderr.write(output) })
    .addHelpText('after', environmentHelp({ ...variables, ...MIGRATE_MODE.variables }))
    .action(async () => {
      await withContext(spec, io, async ({ log }) => {
        const client = new pg.Client(knowledgeGraphConfig(env, spec.name));
        await client.connect();
        try {
          const result = await migrate(client);
          if (!result.expectedRevision) {
            log.warn(
              { revision: result.referenceRevision, expected: REFERENCE_SCHEMA.alembicHead },
              'the knowledge graph is at another reference schema revision than this program was written against',
            );
          }
          log.info({ applied: result.applied, alreadyApplied: result.alreadyApplied.length, revision: result.referenceRevision }, 'knowledge graph migrated');
        } finally {
          await client.end();
        }
      });
    });
}

function environmentHelp(variables: Variables): string {
  const lines = helpLines(variables);
  const width = Math.max(...lines.map(([name]) => name.length));
  return `\nEnvironment:\n${lines.map(([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`).join('\n')}\n`;
}

async function withContext(spec: ProgramSpec, io: ProgramIo, run: (context: RunContext) => Promise<void>): Promise<void> {
  let log: Logger | undefined;
  const shutdown = listenForShutdown((name) => log?.warn({ signal: name }, 'shutdown requested; stopping at the next safe point'));
  try {
    log = createLogger(spec.name, spec.levelVariable, io.env, io.stdout);
    const logger = log;
    const boundStop = (ms: number) => shutdown.boundStop(ms, () => logger.error({ boundMs: ms }, 'the stop took longer than its bound; exiting now'));
    await run({ env: io.env, log, signal: shutdown.signal, boundStop });
  } catch (error) {
    // A setting or a graph it cannot use: one line, no stack, as a CronJob's log should show it.
    if (error instanceof ConfigError || error instanceof MissingReferenceSchema) {
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
