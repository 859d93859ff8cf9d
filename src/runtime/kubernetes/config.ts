/**
 * How a job program reaches the Kubernetes API: in the cluster, the API URL the manifests set
 * (KUBERNETES_API_URL, src/platform/env.ts) with the pod's service-account token and CA. The token
 * file is re-read as the kubelet rotates it (client-node's tokenFile provider).
 */
import { KubeConfig, type RequestContext } from '@kubernetes/client-node';
import type { Agent, AgentOptions } from 'node:http';
import { readSetting } from '../../contracts/settings.js';
import type { Environment } from '../environment.js';
import { KUBERNETES_SETTINGS } from './settings.js';

/**
 * client-node gives every request an Agent of its own, so every request opens a connection (and
 * does a TLS handshake) and closes it; the investigator submits workflow after workflow. This keeps
 * one kept-alive agent for every request, made again when the options client-node reads for each
 * request change (a rotated CA bundle).
 */
class PooledKubeConfig extends KubeConfig {
  private pooled: { agent: Agent; ca: unknown } | undefined;

  override async applySecurityAuthentication(context: RequestContext): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getAgent() as (Agent & { options: AgentOptions & { ca?: unknown } }) | undefined;
    if (fresh === undefined) return;
    const ca = String(fresh.options.ca ?? '');
    if (this.pooled?.ca !== ca) {
      this.pooled?.agent.destroy();
      this.pooled = { agent: new (fresh.constructor as new (options: AgentOptions) => Agent)({ ...fresh.options, keepAlive: true }), ca };
    }
    context.setAgent(this.pooled.agent);
    fresh.destroy();
  }
}

export function kubeConfigFrom(env: Environment): KubeConfig {
  const setting = <K extends keyof typeof KUBERNETES_SETTINGS>(name: K) => readSetting(env, KUBERNETES_SETTINGS, name);
  const server = setting('KUBERNETES_API_URL');
  const config = new PooledKubeConfig();
  config.loadFromClusterAndUser(
    {
      name: 'cluster',
      server,
      // Plain http (a local proxy, the tests' fake API server) has no certificate to check.
      ...(server.startsWith('https:') ? { caFile: setting('KUBERNETES_CA_FILE') } : {}),
      skipTLSVerify: !setting('KUBERNETES_VERIFY_TLS'),
    },
    { name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile: setting('KUBERNETES_TOKEN_FILE') } } },
  );
  return config;
}
