/**
 * The knowledge graph as pg_dump writes it: plain SQL (as the reference's dumps are, restored with
 * psql), read from pg_dump's standard output as it is written, so that the dump is never a file.
 * pg_dump pauses while its output is not read (the pipe fills): memory holds what the upload holds.
 *
 * The connection is libpq's, from the same settings as the other programs' (src/runtime/postgres/pool.ts):
 * the password in PGPASSWORD (never on a command line), TLS as the others use it (verified against
 * the system's certificate authorities, or off with KNOWLEDGE_GRAPH_SSL_DISABLED), and the program
 * named in pg_stat_activity. pg_dump must be of the server's major version or newer; the image ships
 * the graph's (src/images/).
 */
import { spawn } from 'node:child_process';
import { ConfigError } from '../../../../src/runtime/environment.js';
import type { GraphDumper } from '../application/back-up.js';

export interface PgDumpSettings {
  /** The pg_dump binary: a path, or a name looked up on PATH. */
  readonly command: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly ssl: boolean;
  /** Names the connection in pg_stat_activity. */
  readonly applicationName: string;
}

/** pg_dump failed: its exit and the end of what it said. */
export class DumpFailed extends Error {
  constructor(
    readonly exit: string,
    readonly stderr: string,
  ) {
    super(`pg_dump ${exit}${stderr === '' ? '' : `: ${stderr}`}`);
    this.name = 'DumpFailed';
  }
}

/** How much of pg_dump's standard error a failure keeps: its last lines say why. */
const STDERR_KEPT = 4096;

export class PgDump implements GraphDumper {
  constructor(
    private readonly settings: PgDumpSettings,
    private readonly inherited: NodeJS.ProcessEnv = process.env,
  ) {}

  async *dump(signal: AbortSignal): AsyncIterable<Uint8Array> {
    signal.throwIfAborted();
    const { settings } = this;
    const args = ['--host', settings.host, '--port', String(settings.port), '--username', settings.user, '--dbname', settings.database];
    const child = spawn(settings.command, [...args, '--format', 'plain', '--no-password'], {
      env: {
        PATH: this.inherited.PATH,
        PGPASSWORD: settings.password,
        PGAPPNAME: settings.applicationName,
        PGSSLMODE: settings.ssl ? 'verify-full' : 'disable',
        // libpq's "the system's authorities" (PostgreSQL 16 and later), as Node's TLS verifies the others' connections.
        ...(settings.ssl ? { PGSSLROOTCERT: 'system' } : {}),
        PGCONNECT_TIMEOUT: '10',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderr = (stderr + text).slice(-STDERR_KEPT);
    });
    let spawnError: NodeJS.ErrnoException | undefined;
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.once('error', (error) => {
        spawnError = error;
      });
      child.once('close', (code, killedBy) => resolve({ code, signal: killedBy }));
    });
    try {
      for await (const chunk of child.stdout) yield chunk as Buffer;
      const exit = await closed;
      if (spawnError?.code === 'ENOENT') throw new ConfigError('GRAPH_BACKUP_PG_DUMP', settings.command, 'the pg_dump program: a path, or a name on PATH');
      if (spawnError !== undefined && spawnError.name !== 'AbortError') throw spawnError;
      signal.throwIfAborted();
      if (exit.code !== 0) throw new DumpFailed(exit.signal !== null ? `was killed by ${exit.signal}` : `exited ${exit.code}`, stderr.trim());
    } finally {
      // The upload stopped reading (it failed, or was cancelled): pg_dump must not wait on a full pipe.
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    }
  }
}
