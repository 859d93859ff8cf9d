/**
 * NetworkPolicies of a namespace: deny everything, then allow exactly the flows the platform needs.
 * Flows between tiers are one table; each flow becomes an ingress policy where it arrives and an
 * egress policy where it leaves (when both ends share a namespace, the same-namespace rule covers it).
 */
import type { Construct } from 'constructs';
import { namespaceOf } from '../src/config/environment.js';
import { LABELS } from '../src/platform/metadata.js';
import { BaseNetworkPolicies, namespacesNamed, policyPort } from '../src/platform/network-policy.js';
import { PORT_NAMES } from '../src/platform/ports.js';
import { kafkaPorts, type Environment } from '../components/shared/environment.js';
import { TIERS, type Tier } from '../components/shared/tiers.js';

const PUSHGATEWAY_PORT = 9091;
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

interface Flow {
  readonly name: string;
  readonly to: Tier;
  /** The workloads (app.kubernetes.io/name) that accept the flow. */
  readonly workloads: readonly string[];
  readonly from: readonly Tier[] | 'ingress-controller';
  readonly port: number | string;
}

/** The flows between tiers (and from the ingress controller) that the platform needs. */
export const PLATFORM_FLOWS: readonly Flow[] = [
  { name: 'knowledge-graph', to: 'graph', workloads: ['pgbouncer'], from: TIERS, port: PORT_NAMES.postgresql },
  { name: 'pushgateway', to: 'infra', workloads: ['pushgateway'], from: TIERS, port: PUSHGATEWAY_PORT },
  { name: 'apis', to: 'frontend', workloads: ['management-api', 'user-api'], from: 'ingress-controller', port: PORT_NAMES.http },
  { name: 'amun-api', to: 'amun-api', workloads: ['amun-api'], from: 'ingress-controller', port: PORT_NAMES.http },
  { name: 'amun-api-clients', to: 'amun-api', workloads: ['amun-api'], from: ['frontend', 'backend', 'amun-inspection'], port: PORT_NAMES.http },
];

export interface NamespaceNetworkPoliciesProps {
  readonly env: Environment;
  readonly namespace: string;
}

export class NamespaceNetworkPolicies extends BaseNetworkPolicies {
  override readonly env: Environment;

  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id, props.env, props.namespace);
    this.env = props.env;
    const tiers = props.env.namespaces[props.namespace]?.tiers ?? [];

    const brokerNamespace = props.env.kafka.brokerNamespace;
    if (brokerNamespace !== undefined) {
      this.policy(
        'allow-kafka',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([brokerNamespace]) }], ports: kafkaPorts(props.env).map((port) => policyPort(port)) }],
        },
      );
    }
    // S3, package indexes and GitHub are outside the cluster; so is the broker when no namespace is given.
    const externalPorts = [443, ...(brokerNamespace === undefined ? kafkaPorts(props.env) : [])];
    this.policy(
      'allow-external-egress',
      {},
      {
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }], ports: [...new Set(externalPorts)].map((port) => policyPort(port)) }],
      },
    );
    // Reporters (slo-reporter, metrics-exporter) query Prometheus in the monitoring namespace.
    const query = new URL(props.env.prometheus.queryUrl);
    this.policy(
      'allow-prometheus-queries',
      {},
      {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: namespacesNamed([props.env.network.monitoringNamespace]) }],
            ports: [policyPort(query.port === '' ? (query.protocol === 'https:' ? 443 : 80) : Number(query.port))],
          },
        ],
      },
    );
    this.policy(
      'allow-monitoring',
      {},
      {
        policyTypes: ['Ingress'],
        // The APIs serve /metrics on their http port; exporters and consumers on a port named metrics.
        ingress: [
          {
            from: [{ namespaceSelector: namespacesNamed([props.env.network.monitoringNamespace]) }],
            ports: [policyPort(PORT_NAMES.metrics), policyPort(PORT_NAMES.http)],
          },
        ],
      },
    );
    for (const flow of PLATFORM_FLOWS) this.addFlow(flow, tiers);
  }

  private addFlow(flow: Flow, tiers: readonly Tier[]): void {
    const workloads = { matchExpressions: [{ key: LABELS.name, operator: 'In', values: [...flow.workloads] }] };
    const target = namespaceOf(this.env, flow.to);
    const sources =
      flow.from === 'ingress-controller'
        ? [this.env.network.ingressNamespace]
        : unique(flow.from.map((tier) => namespaceOf(this.env, tier))).filter((namespace) => namespace !== target);
    if (target === this.namespace && sources.length > 0) {
      this.policy(`allow-${flow.name}-ingress`, workloads, {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespacesNamed(sources) }], ports: [policyPort(flow.port)] }],
      });
    }
    const leavesHere = flow.from !== 'ingress-controller' && flow.from.some((tier) => tiers.includes(tier));
    if (leavesHere && target !== this.namespace) {
      this.policy(
        `allow-${flow.name}-egress`,
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([target]), podSelector: workloads }], ports: [policyPort(flow.port)] }],
        },
      );
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
