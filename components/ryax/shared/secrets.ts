/**
 * The Secrets Ryax's services share, with the keys the chart gives them (ryax-inventory.md §2 and §7;
 * common-resources and datastore templates of RyaxTech/ryax-engine@9dc81bf). The chart generates
 * their values on first install and keeps them with Helm's `lookup`; here each is an ExternalSecret
 * from the environment's store, so no value is in git.
 */

/** The services with a database of their own in the datastore (ryax-inventory.md §4). */
export const DATABASE_SERVICES = ['authorization', 'runner', 'studio', 'repository'] as const;
export type DatabaseService = (typeof DATABASE_SERVICES)[number];

export const RYAX_SECRETS = {
  /** The key every service signs and checks users' JWTs with. */
  jwt: { name: 'api-jwt-secret-key', keys: ['jwt-secret-key'] },
  /** The datastore's superuser, and each service's user, database and URL (`datastore-<service>`). */
  datastore: {
    name: 'ryax-datastore-secret',
    keys: [
      'datastore-user',
      'datastore-pass',
      'datastore-db',
      ...DATABASE_SERVICES.flatMap((service) => [`datastore-${service}`, `datastore-${service}-user`, `datastore-${service}-pass`, `datastore-${service}-db`]),
    ],
  },
  /** The broker's AMQP URL (`broker`), user and password. */
  broker: { name: 'ryax-broker-secret', keys: ['broker', 'broker-user', 'rabbitmq-password'] },
  /** The filestore's address and S3 credentials. */
  filestore: { name: 'ryax-minio-secret', keys: ['filestore', 'filestore-access', 'filestore-secret'] },
  /** The runner's Fernet key. */
  runnerEncryption: { name: 'runner-encryption-key', keys: ['encryption-key'] },
  /** The repository's Fernet key for the Git passwords it keeps. */
  repositoryEncryption: { name: 'repository-password-encryption-key', keys: ['encryption-key'] },
} as const;
