/**
 * docker.io/library/postgres: the Docker official PostgreSQL image.
 *
 * Read at docker-library/postgres@c9906f922daaacdfc425b3b918e7644a8722290d, the last commit that built
 * 16.4 on bookworm ("Update 16 to bookworm 16.4-1.pgdg120+2"; the entrypoint is unchanged since
 * 3a94d965, the commit that introduced 16.4): 16/bookworm/Dockerfile and 16/bookworm/docker-entrypoint.sh.
 * The image has no USER: started as root, the entrypoint creates and chowns PGDATA and
 * /var/run/postgresql and re-executes itself as postgres (uid/gid 999) through gosu. Started as any
 * other uid it does neither: PGDATA must then be writable by that uid (a volume with fsGroup), and a
 * uid without an /etc/passwd entry gets one faked through nss_wrapper files in /tmp. On an empty PGDATA
 * it runs initdb (superuser POSTGRES_USER with POSTGRES_PASSWORD), appends a `host all all all <method>`
 * line to pg_hba.conf, starts a socket-only server to create POSTGRES_DB and run
 * /docker-entrypoint-initdb.d, then execs postgres. On a PGDATA that holds PG_VERSION every POSTGRES_*
 * variable is ignored.
 */
import { defineContract, integer, oneOf, pattern, readPath, text, writePath, type Variables } from '../../../src/contracts/model.js';

const COMMIT = 'c9906f922daaacdfc425b3b918e7644a8722290d';
const entrypoint = (line: number): string => `docker-library/postgres@${COMMIT}:16/bookworm/docker-entrypoint.sh#L${line}`;
const dockerfile = (line: number): string => `docker-library/postgres@${COMMIT}:16/bookworm/Dockerfile#L${line}`;

const fileOf = (name: string, line: number) =>
  ({
    form: readPath(),
    description: `File whose content becomes ${name} (Docker secrets style). Setting both ${name} and ${name}_FILE stops the entrypoint.`,
    source: entrypoint(line),
  }) as const;

const VARIABLES = {
  POSTGRES_PASSWORD: {
    form: text(),
    required: true,
    description:
      'Password of the superuser POSTGRES_USER, given to initdb. On an empty PGDATA the entrypoint exits 1 without it (or POSTGRES_PASSWORD_FILE), unless POSTGRES_HOST_AUTH_METHOD=trust; ignored once the database exists.',
    source: entrypoint(224),
  },
  POSTGRES_PASSWORD_FILE: fileOf('POSTGRES_PASSWORD', 224),
  POSTGRES_USER: {
    form: text(),
    default: 'postgres',
    description: 'Name of the superuser initdb creates (there is no "postgres" role when it is another name). Ignored once the database exists.',
    source: entrypoint(226),
  },
  POSTGRES_USER_FILE: fileOf('POSTGRES_USER', 226),
  POSTGRES_DB: {
    form: text(),
    description: 'Database created at initialisation when it does not exist; defaults to the value of POSTGRES_USER. Ignored once the database exists.',
    source: entrypoint(227),
  },
  POSTGRES_DB_FILE: fileOf('POSTGRES_DB', 227),
  POSTGRES_INITDB_ARGS: {
    form: text(),
    description: 'Further initdb arguments, spliced into the initdb command line through eval (shell words, e.g. "--data-checksums --locale=C").',
    source: entrypoint(228),
  },
  POSTGRES_INITDB_ARGS_FILE: fileOf('POSTGRES_INITDB_ARGS', 228),
  POSTGRES_INITDB_WALDIR: {
    form: writePath(),
    description: 'Directory for the write-ahead log, created (and chowned when root) before initdb and passed as --waldir.',
    source: entrypoint(48),
  },
  POSTGRES_HOST_AUTH_METHOD: {
    form: oneOf(['trust', 'reject', 'scram-sha-256', 'md5', 'password', 'gss', 'sspi', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert']),
    default: 'scram-sha-256',
    description:
      'Method of the `host all all all` line appended to pg_hba.conf at initialisation; default the server\'s password_encryption (scram-sha-256 on 16). "trust" also lifts the password requirement.',
    source: entrypoint(229),
  },
  PGDATA: {
    form: writePath(),
    default: '/var/lib/postgresql/data',
    description:
      "Data directory (set by the image). The entrypoint creates it and chmods it 0700; PostgreSQL refuses a directory not owned by its uid. Use a subdirectory of the volume's mount point (a fresh volume's lost+found makes initdb refuse a non-empty directory).",
    source: dockerfile(185),
  },
  PGPORT: {
    form: integer({ min: 1, max: 65535 }),
    default: '5432',
    description: 'Port of the server (also of the socket-only server used during initialisation).',
    source: entrypoint(270),
  },
  PGUSER: {
    form: text(),
    description: 'Role pg_ctl waits for when starting and stopping the initialisation server; default POSTGRES_USER.',
    source: entrypoint(272),
  },
  PGPASSWORD: {
    form: text(),
    description: 'Password psql uses during initialisation; default POSTGRES_PASSWORD.',
    source: entrypoint(328),
  },
} as const satisfies Variables;

export const POSTGRES_CONTRACT = defineContract({
  repository: 'library/postgres',
  tags: ['16.4'],
  source: `docker-library/postgres@${COMMIT}:16/bookworm`,
  summary:
    'PostgreSQL 16.4 server: the entrypoint initialises an empty PGDATA from POSTGRES_* (superuser, password, database) and execs postgres on :5432. Writes PGDATA and /var/run/postgresql (socket and lock file), and /tmp when its uid has no passwd entry. Runs as root and steps down to 999 unless started as another uid. Needs no Kubernetes API.',
  entrypoint: {
    command: ['docker-entrypoint.sh'],
    alternatives: [['/usr/local/bin/docker-entrypoint.sh']],
    source: dockerfile(192),
  },
  variables: VARIABLES,
  arguments: {
    // The arguments are the server's command line (CMD ["postgres"]); a first argument starting with "-" gets "postgres" put before it.
    unknownFlags: 'ignored',
    flags: {
      '-c': { form: pattern('[A-Za-z_.]+=.*', 'name=value'), description: 'Set a server parameter (postgres -c name=value).', source: entrypoint(303) },
      '-p': { form: integer({ min: 1, max: 65535 }), description: 'Server port.', source: entrypoint(303) },
      '-D': { form: writePath(), description: 'Data directory of the server (the entrypoint still initialises PGDATA).', source: entrypoint(303) },
    },
  },
  writes: [
    { path: '/var/run/postgresql', source: entrypoint(44) },
    { path: '/tmp', source: entrypoint(76) },
  ],
});
