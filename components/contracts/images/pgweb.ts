/**
 * docker.io/sosedoff/pgweb: a web console for PostgreSQL (the knowledge graph's, when an environment
 * enables it). Read at sosedoff/pgweb@v0.15.0: options are go-flags long flags; a few settings also
 * come from PGWEB_<NAME> or, unset, from <NAME> (getPrefixedEnvVar). The image runs as uid 1000 and
 * writes nothing.
 */
import { defineContract, pattern, readPath, text, type Flag } from '../../../src/contracts/model.js';

const TAG = 'v0.15.0';
const at = (path: string, line: number): string => `sosedoff/pgweb@${TAG}:${path}#L${line}`;
const OPTIONS = 'pkg/command/options.go';
const flag = (form: Flag['form'], description: string, line: number): Flag => ({ form, description, source: at(OPTIONS, line) });
const PRESENT = 'any non-empty text turns it on';

export const PGWEB_CONTRACT = defineContract({
  repository: 'sosedoff/pgweb',
  // Docker Hub tags the release without the v of its git tag.
  tags: ['0.15.0'],
  source: `sosedoff/pgweb@${TAG}`,
  summary: 'PostgreSQL web console: connects to PGWEB_DATABASE_URL (or --url) and serves its UI on --listen.',
  entrypoint: { command: ['/usr/bin/pgweb', '--bind=0.0.0.0', '--listen=8081'], source: at('Dockerfile', 44) },
  variables: {
    PGWEB_DATABASE_URL: {
      form: pattern('postgres(ql)?://.+', 'a postgres:// connection URL'),
      description: 'the database to connect to, unless --url is given (DATABASE_URL when unset)',
      source: at(OPTIONS, 88),
    },
    DATABASE_URL: {
      form: pattern('postgres(ql)?://.+', 'a postgres:// connection URL'),
      description: 'read when PGWEB_DATABASE_URL is unset',
      source: at(OPTIONS, 224),
    },
    PGWEB_URL_PREFIX: { form: text(), description: 'HTTP path prefix, unless --prefix is given', source: at(OPTIONS, 92) },
    PGWEB_BOOKMARKS_ONLY: { form: text(), description: `allow only bookmarked connections; ${PRESENT}`, source: at(OPTIONS, 122) },
    PGWEB_SESSIONS: { form: text(), description: `multiple database sessions; ${PRESENT}`, source: at(OPTIONS, 126) },
    PGWEB_LOCK_SESSION: { form: text(), description: `one connection per session; ${PRESENT}`, source: at(OPTIONS, 130) },
    PGWEB_AUTH_USER: { form: text(), description: 'HTTP basic auth user, unless --auth-user is given', source: at(OPTIONS, 150) },
    PGWEB_AUTH_PASS: { form: text(), description: 'HTTP basic auth password, unless --auth-pass is given', source: at(OPTIONS, 154) },
    PGPASSFILE: { form: readPath(), description: 'a pgpass file, default $HOME/.pgpass', source: at(OPTIONS, 96) },
  },
  arguments: {
    unknownFlags: 'error',
    flags: {
      '--bind': flag(text(), 'HTTP server host', 42),
      '--listen': flag(pattern('[0-9]+', 'a port number'), 'HTTP server port', 43),
      '--readonly': flag('switch', 'run the database connection in read-only mode', 49),
      '--url': flag(pattern('postgres(ql)?://.+', 'a postgres:// connection URL'), 'database connection string', 29),
      '--prefix': flag(text(), 'URL prefix', 48),
      '--sessions': flag('switch', 'multiple database sessions', 47),
      '--lock-session': flag('switch', 'one connection per session', 50),
      '--skip-open': flag('switch', 'do not open a browser', 46),
      '--no-ssh': flag('switch', 'no database connections through SSH', 56),
      '--metrics': flag('switch', 'Prometheus metrics endpoint', 66),
    },
  },
});
