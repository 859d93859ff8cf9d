/**
 * A Ryax container's environment: the platform library's `Env`, with the groups of variables the
 * ryax-engine chart gives several services from the same place (ryax-inventory.md §2-§3). A group
 * gives a program only the variables its image's contract says it reads.
 */
import type { ImageContract } from '../../../src/contracts/model.js';
import { contractReads, Env, type ReadBy } from '../../../src/platform/env.js';
import type { RyaxEnvironment } from './environment.js';
import { type DatabaseService, RYAX_SECRETS } from './secrets.js';
import { RYAX_SERVICE_NAMES } from './service-names.js';
import { installs } from './stacks.js';
import { tempoOtlpEndpoint } from '../stacks/tempo.js';

/** The bucket of the filestore the executions' inputs and outputs go to (the chart's filestoreName). */
export const FILESTORE_BUCKET = 'ryax-filestore';

/** What the groups read of an environment: an engine's, or a site's (whose worker reads the same names). */
export type RyaxEnvSource = Pick<RyaxEnvironment, 'logLevel' | 'network'> & { readonly stacks?: readonly string[] };

export function ryaxEnv<C extends ImageContract>(environment: RyaxEnvSource, contract: C): RyaxEnv<ReadBy<C>> {
  return new RyaxEnv<ReadBy<C>>(environment, contractReads(contract, []));
}

export class RyaxEnv<Name extends string = string> extends Env<Name> {
  constructor(
    private readonly environment: RyaxEnvSource,
    read: ConstructorParameters<typeof Env>[0],
  ) {
    super(read);
  }

  /** The environment's log level. */
  logLevel(): this {
    return this.groupLiteral('RYAX_LOG_LEVEL', this.environment.logLevel);
  }

  /** The shared key users' tokens are signed with. */
  jwt(): this {
    return this.groupSecret('RYAX_JWT_SECRET_KEY', RYAX_SECRETS.jwt.name, 'jwt-secret-key');
  }

  /** The URL of the service's own database in the datastore. */
  datastore(service: DatabaseService): this {
    return this.groupSecret('RYAX_DATASTORE', RYAX_SECRETS.datastore.name, `datastore-${service}`);
  }

  broker(): this {
    return this.groupSecret('RYAX_BROKER', RYAX_SECRETS.broker.name, 'broker');
  }

  filestore(): this {
    return this.groupSecret('RYAX_FILESTORE', RYAX_SECRETS.filestore.name, 'filestore')
      .groupSecret('RYAX_FILESTORE_ACCESS_KEY', RYAX_SECRETS.filestore.name, 'filestore-access')
      .groupSecret('RYAX_FILESTORE_SECRET_KEY', RYAX_SECRETS.filestore.name, 'filestore-secret')
      .groupLiteral('RYAX_FILESTORE_BUCKET', FILESTORE_BUCKET);
  }

  /**
   * Where traces go: Tempo's OTLP receiver where the environment installs Tempo; elsewhere the empty
   * text, which turns the export off (the chart's value when no collector is set).
   */
  tracing(): this {
    return this.groupLiteral('RYAX_OTLP_ENDPOINT', installs(this.environment, 'tempo') ? tempoOtlpEndpoint(this.environment) : '');
  }

  /** Where the services check a user's rights: the authorization Service's API port. */
  authorization(): this {
    return this.groupLiteral('RYAX_AUTHORIZATION_API_BASE_URL', `${RYAX_SERVICE_NAMES.authorization}:8080`);
  }
}
