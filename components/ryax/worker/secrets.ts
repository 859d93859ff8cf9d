/**
 * The Secrets a site's worker reads, from the site's own secret store under the names and keys the
 * engine's are (components/ryax/shared/secrets.ts): its database's user, password and name, with the
 * URL made from them; the engine's broker and filestore as the site reaches them (through the Skupper
 * listeners ryax-broker-ext and ryax-minio-ext in the worker's namespace, docs/docs/howto/worker-install.md#L192-L304
 * of RyaxTech/ryax-engine@9dc81bf, which also copies these values from the engine's Secrets); and the
 * credentials the actions' images are pulled from the engine's registry with.
 */
import { Construct } from 'constructs';
import { ExternalSecret } from '../../../src/platform/external-secret.js';
import { registryLogins } from '../registry/credentials.js';
import { registryHost } from '../registry/names.js';
import { datastoreUrl, RYAX_SECRETS } from '../shared/secrets.js';
import type { SiteEnvironment } from './environment.js';

/** The worker's database's URL in the Secret (the chart's key `datastore-worker`). */
export const WORKER_DATABASE_KEY = 'datastore-worker';

export interface SiteSecretsProps {
  readonly env: SiteEnvironment;
  /** The worker's namespace. */
  readonly namespace: string;
  /** The actions' namespace, whose pods pull their images with the registry's credentials. */
  readonly executionsNamespace: string;
}

export class SiteSecrets extends Construct {
  constructor(scope: Construct, id: string, props: SiteSecretsProps) {
    super(scope, id);
    const { env, namespace } = props;
    const owner = 'namespaces';
    new ExternalSecret(this, 'Datastore', {
      env,
      name: RYAX_SECRETS.datastore.name,
      namespace,
      keys: ['datastore-user', 'datastore-pass', 'datastore-db'],
      owner,
      derived: { [WORKER_DATABASE_KEY]: datastoreUrl('datastore') },
    });
    new ExternalSecret(this, 'Broker', { env, name: RYAX_SECRETS.broker.name, namespace, keys: ['broker'], owner });
    new ExternalSecret(this, 'Filestore', {
      env,
      name: RYAX_SECRETS.filestore.name,
      namespace,
      keys: ['filestore', 'filestore-access', 'filestore-secret'],
      owner,
    });
    registryLogins(this, { env, namespaces: [namespace, props.executionsNamespace], addresses: [registryHost(env.engine)], owner });
  }
}
