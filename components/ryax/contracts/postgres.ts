/**
 * docker.io/library/postgres:18: the Docker official PostgreSQL image the Ryax datastore runs
 * (RyaxTech/ryax-engine@9dc81bf, subchart datastore: `docker.io/postgres:18`).
 *
 * Read at docker-library/postgres@6edb0a8c4def40c371514b34aef9037ec82d9110 ("Update 18 to 18.3, trixie
 * 18.3-1.pgdg13+1, bookworm 18.3-1.pgdg12+1", 2026-02-26), the commit that builds 18 on trixie (the
 * variant the tags 18 and 18.3 point to): 18/trixie/Dockerfile, 18/trixie/docker-entrypoint.sh and
 * 18/trixie/docker-ensure-initdb.sh. docker-entrypoint.sh is the same since 2925b19f (2025-11-13, the 18.1 build);
 * between 18.1 and 18.3 the Dockerfile changed only in PG_VERSION.
 *
 * What changed from the 16 contract (components/contracts/images/postgres.ts):
 * - PGDATA defaults to /var/lib/postgresql/18/docker (pg_ctlcluster layout) and the VOLUME moved from
 *   /var/lib/postgresql/data to /var/lib/postgresql (Dockerfile#L189-L192); /var/lib/postgresql is
 *   created 1777 owned by postgres (Dockerfile#L16), so a non-root uid can create PGDATA in it.
 * - With PGDATA left at that default and no PG_VERSION in it, the entrypoint looks for data of another
 *   layout (PG_VERSION in /var/lib/postgresql, /var/lib/postgresql/data or /var/lib/postgresql/<major>/docker,
 *   or /var/lib/postgresql/data being a mount point) and then exits 1 instead of initialising
 *   (docker-entrypoint.sh#L248-L257, L140-L166, L344): the 16-style mount at /var/lib/postgresql/data
 *   only works with PGDATA set explicitly (the Ryax chart sets /var/lib/postgresql/data/pgdata, which
 *   skips the check).
 * - The init files may also be *.sql.zst (zstd is installed).
 * Unchanged: no USER (root); started as root the entrypoint creates and chowns PGDATA and
 * /var/run/postgresql and re-executes itself as postgres (uid/gid 999) through gosu. Started as any
 * other uid it chowns nothing: PGDATA's parent must be writable by that uid (a volume with fsGroup),
 * and a uid without an /etc/passwd entry gets one faked through nss_wrapper files in /tmp for initdb.
 * On an empty PGDATA it runs initdb (superuser POSTGRES_USER with POSTGRES_PASSWORD), appends a
 * `host all all all <method>` line to pg_hba.conf, starts a socket-only server to create POSTGRES_DB
 * and run /docker-entrypoint-initdb.d, then execs postgres. On a PGDATA that holds PG_VERSION every
 * POSTGRES_* variable is ignored.
 *
 * Not declared: the variables only the scripts in /docker-entrypoint-initdb.d read (the entrypoint runs
 * or sources them with the container's environment); the Ryax chart's POSTGRES_<DATABASE>_{DB,USER,PASS}
 * are read by its own init script, not by the image.
 */
import { defineContract, integer, oneOf, pattern, readPath, text, type Variables, writePath } from '../../../src/contracts/model.js';

const COMMIT = '6edb0a8c4def40c371514b34aef9037ec82d9110';
const entrypoint = (line: number): string => `docker-library/postgres@${COMMIT}:18/trixie/docker-entrypoint.sh#L${line}`;
/** libpq's connection variables, as every PostgreSQL client reads them. */
const LIBPQ = 'postgres/postgres@REL_18_3:src/interfaces/libpq/fe-connect.c';
const dockerfile = (line: number): string => `docker-library/postgres@${COMMIT}:18/trixie/Dockerfile#L${line}`;

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
      'Password of the superuser POSTGRES_USER, given to initdb through --pwfile. On an empty PGDATA the entrypoint exits 1 without it (or POSTGRES_PASSWORD_FILE), unless POSTGRES_HOST_AUTH_METHOD=trust; ignored once the database exists.',
    source: entrypoint(235),
  },
  POSTGRES_PASSWORD_FILE: fileOf('POSTGRES_PASSWORD', 235),
  POSTGRES_USER: {
    form: text(),
    default: 'postgres',
    description: 'Name of the superuser initdb creates (there is no "postgres" role when it is another name). Ignored once the database exists.',
    source: entrypoint(237),
  },
  POSTGRES_USER_FILE: fileOf('POSTGRES_USER', 237),
  POSTGRES_DB: {
    form: text(),
    description: 'Database created at initialisation when it does not exist; defaults to the value of POSTGRES_USER. Ignored once the database exists.',
    source: entrypoint(238),
  },
  POSTGRES_DB_FILE: fileOf('POSTGRES_DB', 238),
  POSTGRES_INITDB_ARGS: {
    form: text(),
    description: 'Further initdb arguments, spliced into the initdb command line through eval (shell words, e.g. "--data-checksums --locale=C").',
    source: entrypoint(239),
  },
  POSTGRES_INITDB_ARGS_FILE: fileOf('POSTGRES_INITDB_ARGS', 239),
  POSTGRES_INITDB_WALDIR: {
    form: writePath(),
    description: 'Directory for the write-ahead log, created (and chowned when root) before initdb and passed as --waldir.',
    source: entrypoint(48),
  },
  POSTGRES_HOST_AUTH_METHOD: {
    form: oneOf(['trust', 'reject', 'scram-sha-256', 'md5', 'password', 'gss', 'sspi', 'ident', 'peer', 'pam', 'ldap', 'radius', 'cert', 'oauth']),
    default: 'scram-sha-256',
    description:
      'Method of the `host all all all` line appended to pg_hba.conf at initialisation; default the server\'s password_encryption (scram-sha-256 on 18). "trust" also lifts the password requirement.',
    source: entrypoint(272),
  },
  PGDATA: {
    form: writePath(),
    default: '/var/lib/postgresql/18/docker',
    description:
      "Data directory (set by the image; 18 moved it from /var/lib/postgresql/data and the VOLUME to /var/lib/postgresql). The entrypoint creates it (mkdir -p, fatal on failure) and chmods it 0700; PostgreSQL refuses a directory not owned by its uid. Mount the volume at /var/lib/postgresql and keep the default, or set PGDATA to a subdirectory of the mount point (a fresh volume's lost+found makes initdb refuse a non-empty directory). Left at the default on an empty directory, the entrypoint exits 1 when it finds PG_VERSION in /var/lib/postgresql, /var/lib/postgresql/data or /var/lib/postgresql/*/docker, or when /var/lib/postgresql/data is a mount point.",
    source: dockerfile(191),
  },
  PGPORT: {
    form: integer({ min: 1, max: 65535 }),
    default: '5432',
    description: 'Port of the server (also of the socket-only server used during initialisation).',
    source: entrypoint(292),
  },
  PGUSER: {
    form: text(),
    description:
      'Role pg_ctl waits with when starting the initialisation server (default POSTGRES_USER) and when stopping it (default "postgres"); set it when POSTGRES_USER is not postgres and local connections need the role to exist.',
    source: entrypoint(297),
  },
  PGPASSWORD: {
    form: text(),
    description: 'Password psql uses during initialisation; default POSTGRES_PASSWORD.',
    source: entrypoint(354),
  },
} as const satisfies Variables;

/** libpq's connection variables, which a client the image carries (psql, pg_isready) reads where no option gives them. */
const CLIENT_VARIABLES = {
  PGHOST: { form: text(), description: 'Host the client connects to (default the local socket).', source: LIBPQ },
  PGPORT: { form: integer({ min: 1, max: 65535 }), description: 'Port the client connects to (default 5432).', source: LIBPQ },
  PGUSER: { form: text(), description: 'Role the client connects as (default the operating system user).', source: LIBPQ },
  PGPASSWORD: { form: text(), description: 'Password the client connects with.', source: LIBPQ },
  PGDATABASE: { form: text(), description: 'Database the client connects to (default the role name).', source: LIBPQ },
} as const satisfies Variables;

export const RYAX_POSTGRES_CONTRACT = defineContract({
  repository: 'library/postgres',
  tags: ['18', '18.3', '18-trixie', '18.3-trixie'],
  source: `docker-library/postgres@${COMMIT}:18/trixie`,
  summary:
    'PostgreSQL 18.3 server: the entrypoint initialises an empty PGDATA (default /var/lib/postgresql/18/docker, VOLUME /var/lib/postgresql) from POSTGRES_* (superuser, password, database) and execs postgres on :5432. Writes PGDATA and /var/run/postgresql (socket and lock file), and /tmp when its uid has no passwd entry. Runs as root and steps down to postgres (999) through gosu unless started as another uid. Needs no Kubernetes API.',
  entrypoint: {
    command: ['docker-entrypoint.sh'],
    alternatives: [
      ['/usr/local/bin/docker-entrypoint.sh'],
      // Kubernetes init container (Dockerfile#L195-L196; docker-ensure-initdb.sh#L9, L16, L57-L59): sources the entrypoint,
      // initialises an empty PGDATA the same way and exits 0, or exits 0 when it is already initialised.
      ['docker-ensure-initdb.sh'],
      ['/usr/local/bin/docker-ensure-initdb.sh'],
    ],
    source: dockerfile(197),
  },
  variables: {},
  modes: {
    // The entrypoint starts the server for `postgres` (also put before a first argument starting with
    // "-") and execs any other command as it is, doing nothing else (docker-entrypoint.sh#L329, L332, L377).
    selector: { argument: 0 },
    default: 'server',
    classify: (value: string) => (value === 'postgres' || value.startsWith('-') ? 'server' : 'client'),
    otherwise: 'the entrypoint execs it as a command',
    source: entrypoint(332),
    variants: {
      server: {
        description: 'the PostgreSQL server (CMD ["postgres"]), its data initialised from POSTGRES_* on an empty PGDATA',
        variables: VARIABLES,
        writes: [
          // PGDATA is checked as a variable (writePath) when the container sets it; its default is not listed here so a PGDATA set elsewhere is not held to it.
          { path: '/var/run/postgresql', source: entrypoint(44) },
          { path: '/tmp', source: entrypoint(76) },
        ],
        source: entrypoint(332),
      },
      client: {
        description:
          "another program of the image, such as psql or pg_isready (the server's bin directory is on PATH, Dockerfile#L89-L90), run as it is with libpq's variables",
        variables: CLIENT_VARIABLES,
        patterns: [
          {
            prefix: 'RYAX_DATASTORE_',
            form: text(),
            description: "Read by the datastore's database script through psql's \\getenv: each service's user, password and database.",
            source: 'components/ryax/datastore/databases.ts',
          },
        ],
        source: entrypoint(377),
      },
    },
  },
  arguments: {
    // The arguments are the server's command line (CMD ["postgres"], Dockerfile#L224); a first argument starting with "-" gets "postgres" put before it (docker-entrypoint.sh#L328).
    unknownFlags: 'ignored',
    flags: {
      '-c': { form: pattern('[A-Za-z_.]+=.*', 'name=value'), description: 'Set a server parameter (postgres -c name=value).', source: entrypoint(377) },
      '-p': { form: integer({ min: 1, max: 65535 }), description: 'Server port.', source: entrypoint(377) },
      '-D': { form: writePath(), description: 'Data directory of the server (the entrypoint still initialises PGDATA).', source: entrypoint(377) },
    },
  },
});
