/**
 * The registry's credentials, from the environment's secret store (nothing in git): the htpasswd file
 * the registry checks logins against, and the kubernetes.io/dockerconfigjson Secret the action-builder
 * pushes with and the actions' pods pull with. The chart made both from values.yaml's user and password
 * and kept them with Helm's `lookup` (RyaxTech/ryax-engine@9dc81bf:charts/ryax/subcharts/registry/templates/secrets.yaml#L12-L34).
 *
 * The htpasswd line is stored, not derived: a bcrypt hash gets a new salt every time it is made, so
 * external-secrets' `htpasswd` template function would rewrite the Secret at every refresh
 * (external-secrets/external-secrets issue 2699). The dockerconfigjson is derived from the user and
 * password, so the clients' credentials never disagree with each other.
 */
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../../../src/config/schema.js';
import { ExternalSecret } from '../../../src/platform/external-secret.js';
import { REGISTRY_CREDENTIALS_SECRET, REGISTRY_HTPASSWD_SECRET, REGISTRY_SERVICE, REGISTRY_STORE_ENTRY, REGISTRY_STORE_KEYS } from './names.js';

/** `user:password` in base64, as Docker's config.json keeps an `auth` (external-secrets' Sprig functions). */
const AUTH = `{{ printf "%s:%s" (index . "${REGISTRY_STORE_KEYS.user}") (index . "${REGISTRY_STORE_KEYS.password}") | b64enc }}`;

/** A .dockerconfigjson template with the same login for each registry address (host[:port], as the kubelet matches an image's registry). */
export function dockerConfigJson(addresses: readonly string[]): string {
  const auths = [...new Set(addresses)].map((address) => `${JSON.stringify(address)}:{"auth":"${AUTH}"}`);
  return `{"auths":{${auths.join(',')}}}`;
}

export interface RegistryCredentialsProps {
  readonly env: PlatformEnvironment;
  /** The registry's namespace: its htpasswd file, and the credentials of the action-builder beside it. */
  readonly namespace: string;
  /** The other namespaces whose pods pull the actions' images (the executions'). */
  readonly pullNamespaces: readonly string[];
  /** The registry's addresses the credentials are for. */
  readonly addresses: readonly string[];
}

export class RegistryCredentials extends Construct {
  /** The ExternalSecret the registry's pod mounts, which its StatefulSet comes after. */
  readonly htpasswd: ExternalSecret;

  constructor(scope: Construct, id: string, props: RegistryCredentialsProps) {
    super(scope, id);
    const { env, namespace } = props;
    this.htpasswd = new ExternalSecret(this, 'Htpasswd', {
      env,
      name: REGISTRY_HTPASSWD_SECRET,
      namespace,
      remoteName: REGISTRY_STORE_ENTRY,
      keys: [REGISTRY_STORE_KEYS.htpasswd],
      owner: REGISTRY_SERVICE,
    });
    registryLogins(this, { env, namespaces: [namespace, ...props.pullNamespaces], addresses: props.addresses, owner: REGISTRY_SERVICE });
  }
}

/**
 * The kubernetes.io/dockerconfigjson Secret `ryax-registry-creds-secret` in each of `namespaces`,
 * logging in to `addresses` with the registry's user and password from the store: the engine's
 * (the action-builder's pushes, the actions' pulls) and a site's (its actions' pulls).
 */
export function registryLogins(
  scope: Construct,
  props: { readonly env: PlatformEnvironment; readonly namespaces: readonly string[]; readonly addresses: readonly string[]; readonly owner: string },
): void {
  for (const target of new Set(props.namespaces)) {
    new ExternalSecret(scope, `Credentials-${target}`, {
      env: props.env,
      name: REGISTRY_CREDENTIALS_SECRET,
      namespace: target,
      remoteName: REGISTRY_STORE_ENTRY,
      keys: [REGISTRY_STORE_KEYS.user, REGISTRY_STORE_KEYS.password],
      owner: props.owner,
      type: 'kubernetes.io/dockerconfigjson',
      derived: { '.dockerconfigjson': dockerConfigJson(props.addresses) },
    });
  }
}
