/**
 * A Ryax namespace's NetworkPolicies: the platform library's default deny with its same-namespace,
 * DNS and API-server allowances, then Ryax's flows. The services' namespace is reached by the ingress
 * controller on the routed ports and by Prometheus on the metrics ports, and reaches the users' actions
 * and the Git repositories and registries outside; the executions' namespace is reached by the
 * ingress controller (the endpoints the runner publishes) and by the services, and reaches the
 * services' namespace (broker, filestore, registry).
 */
import type { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { BaseNetworkPolicies, namespacesNamed, policyPort } from '../../src/platform/network-policy.js';
import type { RyaxEnvironment } from '../../components/ryax/shared/environment.js';

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export class RyaxNetworkPolicies extends BaseNetworkPolicies {
  constructor(scope: Construct, id: string, env: RyaxEnvironment, namespace: string) {
    super(scope, id, env, namespace);
    const tiers = env.namespaces[namespace]?.tiers ?? [];
    const services = namespaceOf(env, 'services');
    const executions = namespaceOf(env, 'executions');
    const other = (target: string) => target !== namespace;
    if (tiers.includes('services')) {
      this.policy(
        'allow-ingress-controller',
        {},
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.ingressNamespace]) }], ports: [policyPort('http'), policyPort('user-api')] }],
        },
      );
      this.policy(
        'allow-monitoring',
        {},
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.monitoringNamespace]) }], ports: [policyPort('metrics')] }],
        },
      );
      // Git repositories (HTTPS and SSH) and image registries are outside the cluster.
      this.policy(
        'allow-external-egress',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }], ports: [policyPort(443), policyPort(22)] }],
        },
      );
      if (other(executions)) {
        this.policy('allow-to-executions', {}, { policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: namespacesNamed([executions]) }] }] });
        this.policy('allow-from-executions', {}, { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespacesNamed([executions]) }] }] });
      }
    }
    if (tiers.includes('executions')) {
      this.policy(
        'allow-ingress-controller-to-actions',
        {},
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.ingressNamespace]) }] }],
        },
      );
      if (other(services)) {
        this.policy('allow-from-services', {}, { policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: namespacesNamed([services]) }] }] });
        this.policy('allow-to-services', {}, { policyTypes: ['Egress'], egress: [{ to: [{ namespaceSelector: namespacesNamed([services]) }] }] });
      }
    }
  }
}
