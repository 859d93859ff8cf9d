/**
 * The NetworkPolicies every namespace of every platform starts from: deny all traffic, then let the
 * namespace's pods talk to each other, to DNS and to the Kubernetes API. A platform adds the flows
 * between its tiers with `policy`.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import { objectLabels } from './metadata.js';

/** Selects the namespaces of these names. */
export function namespacesNamed(namespaces: readonly string[]): k8s.LabelSelector {
  return { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...new Set(namespaces)].sort() }] };
}

/** A port by number or by the container port's name. */
export function policyPort(port: number | string, protocol: 'TCP' | 'UDP' = 'TCP'): k8s.NetworkPolicyPort {
  return { port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port), protocol };
}

export class BaseNetworkPolicies extends Construct {
  constructor(
    scope: Construct,
    id: string,
    readonly env: PlatformEnvironment,
    readonly namespace: string,
  ) {
    super(scope, id);
    this.policy('default-deny', {}, { policyTypes: ['Ingress', 'Egress'] });
    this.policy(
      'allow-same-namespace',
      {},
      { policyTypes: ['Ingress', 'Egress'], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] },
    );
    this.policy(
      'allow-dns',
      {},
      {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: namespacesNamed(['kube-system']), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [policyPort(53, 'UDP'), policyPort(53)],
          },
        ],
      },
    );
    this.policy(
      'allow-kubernetes-api',
      {},
      {
        policyTypes: ['Egress'],
        egress: [{ to: env.network.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [policyPort(443), policyPort(6443)] }],
      },
    );
  }

  policy(name: string, podSelector: k8s.LabelSelector, spec: Omit<k8s.NetworkPolicySpec, 'podSelector'>): void {
    new k8s.KubeNetworkPolicy(this, name, {
      metadata: { name, namespace: this.namespace, labels: objectLabels('namespaces', 'network-policy') },
      spec: { podSelector, ...spec },
    });
  }
}
