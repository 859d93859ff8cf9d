/**
 * The Secrets Ryax's services share, with the keys the chart gives them (ryax-inventory.md §2 and §7;
 * common-resources and datastore templates of RyaxTech/ryax-engine@9dc81bf). The chart generates
 * their values on first install and keeps them with Helm's `lookup`; here each is an ExternalSecret
 * from the environment's store, so no value is in git.
 */
import type { PlatformEnvironment } from '../../../src/config/schema.js';
import { runsOwnWorker, type Site } from './site.js';

/** The services with a database of their own in the datastore (ryax-inventory.md §4). */
export const DATABASE_SERVICES = ['authorization', 'runner', 'studio', 'repository'] as const;
/**
 * Those, and the worker of the engine's own site: its database is the datastore's too, not a second
 * PostgreSQL. The worker reads one URL, RYAX_WORKER_DATABASE_URL, whichever server it names; the
 * worker chart's values declare the idea (`datastoreSecret`, "use the Ryax internal database instead
 * the local one", charts/worker/values.yaml#L165-L168 of RyaxTech/ryax-engine@9dc81bf), though none of
 * its 26.4.0 templates reads that value.
 */
export type DatabaseService = (typeof DATABASE_SERVICES)[number] | 'worker';

/** The databases of an engine's datastore. */
export function databaseServices(env: PlatformEnvironment & { readonly site?: Site }): readonly DatabaseService[] {
  return runsOwnWorker(env) ? [...DATABASE_SERVICES, 'worker'] : DATABASE_SERVICES;
}

/** A value of the fetched keys, escaped for a URL's user information (Go templates' urlquery: `@`, `:` and `/` too). */
const escaped = (key: string) => `{{ index . "${key}" | urlquery }}`;

/** The template of a URL of the datastore made from the fetched keys of its user, password and database. */
export const datastoreUrl = (keyPrefix: string): string =>
  `postgresql://${escaped(`${keyPrefix}-user`)}:${escaped(`${keyPrefix}-pass`)}@ryax-datastore/{{ index . "${keyPrefix}-db" }}`;

export interface SharedSecret {
  readonly name: string;
  /** Fetched from the secret store. */
  readonly keys: readonly string[];
  /** Made from the fetched ones when the Secret is written, so that a URL and its parts never disagree. */
  readonly derived?: (namespace: string) => Readonly<Record<string, string>>;
}

/**
 * The datastore's superuser, and each service's user, password and database, with its URL
 * (`datastore-<service>`) made from them: the database Job sets the password the URL carries.
 */
function datastoreSecret(services: readonly DatabaseService[]): SharedSecret {
  return {
    name: 'ryax-datastore-secret',
    keys: [
      'datastore-user',
      'datastore-pass',
      'datastore-db',
      ...services.flatMap((service) => [`datastore-${service}-user`, `datastore-${service}-pass`, `datastore-${service}-db`]),
    ],
    derived: () => Object.fromEntries(services.map((service) => [`datastore-${service}`, datastoreUrl(`datastore-${service}`)])),
  };
}

export const RYAX_SECRETS = {
  /** The key every service signs and checks users' JWTs with. */
  jwt: { name: 'api-jwt-secret-key', keys: ['jwt-secret-key'] },
  /**
   * The datastore's superuser, and each service's user, password and database, with its URL
   * (`datastore-<service>`) made from them: the database Job sets the password the URL carries.
   */
  datastore: datastoreSecret(DATABASE_SERVICES),
  /** The broker's user and password, and the AMQP URL made from them (`broker`), the broker's own Service's. */
  broker: {
    name: 'ryax-broker-secret',
    keys: ['broker-user', 'rabbitmq-password'],
    derived: (namespace) => ({ broker: `amqp://${escaped('broker-user')}:${escaped('rabbitmq-password')}@ryax-broker.${namespace}:5672/` }),
  },
  /**
   * The filestore's root user and password, which the services use as the chart has them do, and the
   * address of its Service (`filestore`) in the namespace the Secret is written to.
   */
  filestore: {
    name: 'ryax-minio-secret',
    keys: ['filestore-access', 'filestore-secret'],
    derived: (namespace) => ({ filestore: `ryax-minio.${namespace}:9000` }),
  },
  /** The runner's Fernet key. */
  runnerEncryption: { name: 'runner-encryption-key', keys: ['encryption-key'] },
  /** The repository's Fernet key for the Git passwords it keeps. */
  repositoryEncryption: { name: 'repository-password-encryption-key', keys: ['encryption-key'] },
} as const satisfies Readonly<Record<string, SharedSecret>>;

/** The Secrets an engine's services share, as `env` has them: the datastore's with each of its databases. */
export function sharedSecrets(env: PlatformEnvironment & { readonly site?: Site }): SharedSecret[] {
  return Object.values({ ...RYAX_SECRETS, datastore: datastoreSecret(databaseServices(env)) });
}
