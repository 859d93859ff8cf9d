/**
 * Job programs run as their images run them: bundled by scripts/build-job.mjs and started as a
 * process of their own, with the environment a manifest would give them.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { Command } from 'commander';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createServer as createHttpServer } from 'node:http';
import { type AddressInfo, createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import type { ProgramIo } from '../../src/runtime/program.js';

const run = promisify(execFile);

/** Bundles `entry` into `dir` and returns the bundle's path. */
export async function buildJobProgram(entry: string, dir: string): Promise<string> {
  const out = path.join(dir, `${path.basename(path.dirname(path.dirname(entry)))}.mjs`);
  await run(process.execPath, ['scripts/build-job.mjs', entry, out]);
  return out;
}

/** The KNOWLEDGE_GRAPH_* variables for a PostgreSQL URL. */
export function knowledgeGraphEnv(databaseUrl: string): Record<string, string> {
  const url = new URL(databaseUrl);
  return {
    KNOWLEDGE_GRAPH_HOST: url.hostname,
    KNOWLEDGE_GRAPH_PORT: url.port || '5432',
    KNOWLEDGE_GRAPH_USER: decodeURIComponent(url.username),
    KNOWLEDGE_GRAPH_PASSWORD: decodeURIComponent(url.password),
    KNOWLEDGE_GRAPH_DATABASE: url.pathname.slice(1),
    KNOWLEDGE_GRAPH_SSL_DISABLED: '1',
  };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A program started in the background: its log lines, and how it ended. */
export class ProgramProcess {
  readonly lines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  constructor(bundle: string, args: readonly string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [bundle, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [this.child.stdout!, this.child.stderr!]) createInterface({ input: stream }).on('line', (line) => this.lines.push(line));
    this.exited = new Promise((resolve) => this.child.once('close', (code, signal) => resolve({ code, signal })));
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** How it ended, or undefined if it is still running after `ms`. */
  async exitedWithin(ms: number): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined> {
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([this.exited, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)))]);
    clearTimeout(timer);
    return exit;
  }

  /** The log messages (`msg` of the JSON lines) so far. */
  messages(): string[] {
    return this.lines.flatMap((line) => {
      try {
        return [String((JSON.parse(line) as { msg?: unknown }).msg)];
      } catch {
        return [line];
      }
    });
  }
}

/** Runs a program to its end. */
export async function runProgram(bundle: string, args: readonly string[], env: Record<string, string>) {
  const program = new ProgramProcess(bundle, args, env);
  const { code } = await program.exited;
  return { code, output: program.lines.join('\n') };
}

/** Waits for `condition`; `what` (a text, or one made when the wait fails) says what it waited for. */
export async function until(condition: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs a program in this process as its entry point would, collecting what it writes and its exit code. */
export async function runInProcess(program: (io: ProgramIo) => Command, name: string, args: readonly string[], env: Record<string, string>) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk) => out.push(String(chunk)));
  stderr.on('data', (chunk) => err.push(String(chunk)));
  let exitCode: number | undefined;
  try {
    const command = program({ env, stdout, stderr });
    // Subcommands copy the program's settings when they are made: each needs its own override.
    for (const each of [command, ...command.commands]) each.exitOverride();
    await command.parseAsync(['node', name, ...args]);
    exitCode = Number(process.exitCode ?? 0);
  } catch (error) {
    exitCode = (error as { exitCode?: number }).exitCode ?? -1;
  } finally {
    process.exitCode = undefined;
  }
  // Lets the streams deliver what was written last.
  await new Promise((resolve) => setImmediate(resolve));
  return { exitCode, stdout: out.join(''), stderr: err.join('') };
}

/** The sum of a metric's samples on a program's /metrics. */
export async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}\\{[^}]*\\} (\\d+)$`, 'gm'))].reduce((sum, match) => sum + Number(match[1]), 0);
}

/** The fields of the program's log lines (a library's warnings on stderr left out). */
export function logged(program: ProgramProcess): Record<string, unknown>[] {
  return program.lines.flatMap((line) => {
    try {
      const fields = JSON.parse(line) as unknown;
      return fields !== null && typeof fields === 'object' ? [fields as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** The JSON log lines a program run in this process wrote (runInProcess's stdout), each parsed: a line that is not JSON fails the test. */
export function logLines(stdout: string): Record<string, any>[] {
  return stdout
    .trim()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/** A Pushgateway that keeps what it is sent and answers 200. */
export interface Pushgateway {
  readonly url: string;
  readonly pushes: { method: string; url: string; body: string }[];
  stop(): void;
}

export async function startPushgateway(): Promise<Pushgateway> {
  const pushes: { method: string; url: string; body: string }[] = [];
  const server = createHttpServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      pushes.push({ method: request.method!, url: request.url!, body });
      response.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pushes, stop: () => server.close() };
}

/** A client of the test S3-protocol server (the jest global setup's), for a test to put and read objects beside a program. */
export function testS3Client(): S3Client {
  return new S3Client({
    endpoint: process.env.THOTH_TEST_S3_ENDPOINT!,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: process.env.THOTH_TEST_S3_KEY_ID!, secretAccessKey: process.env.THOTH_TEST_S3_SECRET_KEY! },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** The samples of one metric in a pushed body, as sorted `name{labels} value` lines. */
export function pushedSamples(body: string, metric: string): string[] {
  return body
    .split('\n')
    .filter((line) => line.startsWith(`${metric}{`))
    .sort();
}
