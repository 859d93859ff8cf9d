/**
 * A site's NetworkPolicies: the library's default deny with its same-namespace, DNS and API-server
 * allowances, then the site's flows. The worker and the actions talk both ways (it deploys them and
 * they report their runs to it over gRPC, docs/docs/reference/architecture.md#L165-L199 of
 * RyaxTech/ryax-engine@9dc81bf); the ingress controller reaches the actions' endpoints the worker
 * publishes; Prometheus scrapes the `metrics` ports. The engine's broker and filestore are the Skupper
 * listeners in the worker's namespace, which same-namespace traffic covers.
 */
import type { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { BaseNetworkPolicies, namespacesNamed, policyPort } from '../../src/platform/network-policy.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import type { SiteEnvironment } from '../../components/ryax/worker/environment.js';
import { installs } from '../../components/ryax/shared/stacks.js';
import { LOKI_HTTP_PORT } from '../../components/ryax/stacks/loki.js';
import { logsNamespace } from '../../components/ryax/stacks/logs.js';

export class SiteNetworkPolicies extends BaseNetworkPolicies {
  constructor(scope: Construct, id: string, env: SiteEnvironment, namespace: string) {
    super(scope, id, env, namespace);
    const tiers = env.namespaces[namespace]?.tiers ?? [];
    const [worker, executions] = [namespaceOf(env, 'worker'), namespaceOf(env, 'executions')];
    if (worker !== executions) {
      const other = tiers.includes('worker') ? executions : worker;
      this.policy(
        'allow-site',
        {},
        {
          policyTypes: ['Ingress', 'Egress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([other]) }] }],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([other]) }] }],
        },
      );
    }
    if (tiers.includes('executions')) {
      this.policy(
        'allow-ingress-controller',
        {},
        { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.ingressNamespace]) }] }] },
      );
    }
    if (tiers.includes('worker') && installs(env, 'logs')) {
      // The worker reads the actions' logs from Loki.
      this.policy(
        'allow-logs-egress',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([logsNamespace(env)]) }], ports: [policyPort(LOKI_HTTP_PORT)] }],
        },
      );
    }
    this.policy(
      'allow-monitoring',
      {},
      {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.monitoringNamespace]) }], ports: [policyPort(PORT_NAMES.metrics)] }],
      },
    );
  }
}
