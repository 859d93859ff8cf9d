/**
 * The registry's names and addresses, which the action-builder (push), the runner (the images it
 * deploys) and the workers (pull secret) depend on: the ryax-engine chart's, for a release named `ryax`
 * (RyaxTech/ryax-engine@9dc81bf:charts/ryax/values.yaml#L33-L44, subcharts/registry/values.yaml#L57-L65
 * and #L103).
 */
import type { RyaxEnvironment } from '../shared/environment.js';

/** The Service the action-builder pushes to. */
export const REGISTRY_SERVICE = 'ryax-registry';
/** The registry API's port, on the container and the Services. */
export const REGISTRY_API_PORT = 5000;
/** The debug server's port, which serves the Prometheus metrics. */
export const REGISTRY_METRICS_PORT = 5001;
/** The port every node opens for the registry, so the container runtime pulls from its own localhost. */
export const REGISTRY_NODE_PORT = 30012;
/** Where the action-builder pushes: the registry's Service inside the cluster (the chart's internalRegistry). */
export const REGISTRY_PUSH_ADDRESS = `${REGISTRY_SERVICE}:${REGISTRY_API_PORT}`;
/** The kubernetes.io/dockerconfigjson Secret with the push and pull credentials (the chart's pullSecretName). */
export const REGISTRY_CREDENTIALS_SECRET = 'ryax-registry-creds-secret';
/** The Secret with the registry's htpasswd file. */
export const REGISTRY_HTPASSWD_SECRET = 'ryax-registry-htpasswd';
/** The secret store's entry of the registry, below the environment's key prefix. */
export const REGISTRY_STORE_ENTRY = 'ryax-registry';
/**
 * Its properties: the user and password clients log in with (the chart's credentials.username and
 * credentials.password) and the htpasswd line the registry checks them against, made once from the
 * same two with `htpasswd -nbB <user> <password>` (the registry takes bcrypt lines only).
 */
export const REGISTRY_STORE_KEYS = { user: 'registry-user', password: 'registry-password', htpasswd: 'htpasswd' } as const;

/** The public host of the registry's Ingress, where the nodes pull from when the environment has TLS. */
export const registryHost = (env: Pick<RyaxEnvironment, 'host'>): string => `registry.${env.host}`;

/**
 * The registry as the nodes' container runtimes see it, which the runner names the actions' images
 * with: with TLS, the Ingress under the host (the chart's runner deployment, templates/deployments.yaml#L70-L75);
 * otherwise the NodePort on each node's localhost, which containerd pulls from over plain HTTP.
 */
export function nodeRegistryAddress(env: Pick<RyaxEnvironment, 'host' | 'network'>): string {
  return env.network.tlsClusterIssuer === undefined ? `127.0.0.1:${REGISTRY_NODE_PORT}` : registryHost(env);
}
