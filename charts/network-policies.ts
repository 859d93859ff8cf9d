/**
 * NetworkPolicies of a namespace: deny everything, then allow exactly the flows the platform needs.
 * Flows between tiers are one table; each flow becomes an ingress policy where it arrives and an
 * egress policy where it leaves (when both ends share a namespace, the same-namespace rule covers it).
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { namespaceOf } from '../src/config/environment.js';
import { LABELS, objectLabels } from '../src/platform/metadata.js';
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

export class NamespaceNetworkPolicies extends Construct {
  private readonly env: Environment;
  private readonly namespace: string;

  constructor(scope: Construct, id: string, props: NamespaceNetworkPoliciesProps) {
    super(scope, id);
    this.env = props.env;
    this.namespace = props.namespace;
    const tiers = props.env.namespaces[props.namespace]?.tiers ?? [];

    this.policy('default-deny', {}, { policyTypes: ['Ingress', 'Egress'] });
    this.policy(
      'allow-same-namespace',
      {},
      {
        policyTypes: ['Ingress', 'Egress'],
        ingress: [{ from: [{ podSelector: {} }] }],
        egress: [{ to: [{ podSelector: {} }] }],
      },
    );
    this.policy(
      'allow-dns',
      {},
      {
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ namespaceSelector: byName(['kube-system']), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [tcp(53, 'UDP'), tcp(53)],
          },
        ],
      },
    );
    this.policy(
      'allow-kubernetes-api',
      {},
      {
        policyTypes: ['Egress'],
        egress: [{ to: props.env.network.apiServerCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(443), tcp(6443)] }],
      },
    );
    const brokerNamespace = props.env.kafka.brokerNamespace;
    if (brokerNamespace !== undefined) {
      this.policy(
        'allow-kafka',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: byName([brokerNamespace]) }], ports: kafkaPorts(props.env).map((port) => tcp(port)) }],
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
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }], ports: [...new Set(externalPorts)].map((port) => tcp(port)) }],
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
            to: [{ namespaceSelector: byName([props.env.network.monitoringNamespace]) }],
            ports: [tcp(query.port === '' ? (query.protocol === 'https:' ? 443 : 80) : Number(query.port))],
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
        ingress: [{ from: [{ namespaceSelector: byName([props.env.network.monitoringNamespace]) }], ports: [tcp(PORT_NAMES.metrics), tcp(PORT_NAMES.http)] }],
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
        ingress: [{ from: [{ namespaceSelector: byName(sources) }], ports: [tcp(flow.port)] }],
      });
    }
    const leavesHere = flow.from !== 'ingress-controller' && flow.from.some((tier) => tiers.includes(tier));
    if (leavesHere && target !== this.namespace) {
      this.policy(
        `allow-${flow.name}-egress`,
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: byName([target]), podSelector: workloads }], ports: [tcp(flow.port)] }],
        },
      );
    }
  }

  private policy(name: string, podSelector: k8s.LabelSelector, spec: Omit<k8s.NetworkPolicySpec, 'podSelector'>): void {
    new k8s.KubeNetworkPolicy(this, name, {
      metadata: { name, namespace: this.namespace, labels: objectLabels('namespaces', 'network-policy') },
      spec: { podSelector, ...spec },
    });
  }
}

function byName(namespaces: readonly string[]): k8s.LabelSelector {
  return { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [...namespaces].sort() }] };
}

function tcp(port: number | string, protocol: 'TCP' | 'UDP' = 'TCP'): k8s.NetworkPolicyPort {
  return { port: typeof port === 'number' ? k8s.IntOrString.fromNumber(port) : k8s.IntOrString.fromString(port), protocol };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
