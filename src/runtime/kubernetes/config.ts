/**
 * How a job program reaches the Kubernetes API: in the cluster, the API URL the manifests set
 * (KUBERNETES_API_URL, src/platform/env.ts) with the pod's service-account token and CA. The token
 * file is re-read as the kubelet rotates it (client-node's tokenFile provider).
 */
import { KubeConfig } from '@kubernetes/client-node';
import { type Environment, flag, optional } from '../environment.js';

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

export function kubeConfigFrom(env: Environment): KubeConfig {
  const server = optional(env, 'KUBERNETES_API_URL') ?? 'https://kubernetes.default.svc';
  const config = new KubeConfig();
  config.loadFromClusterAndUser(
    {
      name: 'cluster',
      server,
      // Plain http (a local proxy, the tests' fake API server) has no certificate to check.
      ...(server.startsWith('https:') ? { caFile: optional(env, 'KUBERNETES_CA_FILE') ?? `${SERVICE_ACCOUNT}/ca.crt` } : {}),
      skipTLSVerify: !flag(env, 'KUBERNETES_VERIFY_TLS', true),
    },
    { name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile: optional(env, 'KUBERNETES_TOKEN_FILE') ?? `${SERVICE_ACCOUNT}/token` } } },
  );
  return config;
}
