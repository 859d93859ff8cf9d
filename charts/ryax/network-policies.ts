/**
 * A Ryax namespace's NetworkPolicies: the platform library's default deny with its same-namespace,
 * DNS and API-server allowances, then Ryax's flows between tiers, each an ingress policy where it
 * arrives and an egress policy where it leaves (one namespace holding both ends needs neither).
 */
import type { k8s } from 'cdk8s-plus-28';
import type { Construct } from 'constructs';
import { namespaceOf } from '../../src/config/environment.js';
import { BaseNetworkPolicies, namespacesNamed, policyPort } from '../../src/platform/network-policy.js';
import { PORT_NAMES } from '../../src/platform/ports.js';
import { FILESTORE_SERVICE } from '../../components/ryax/filestore/index.js';
import { BROKER_NAME } from '../../components/ryax/broker/index.js';
import { REGISTRY_SERVICE } from '../../components/ryax/registry/names.js';
import { installs } from '../../components/ryax/shared/stacks.js';
import { runsOwnWorker } from '../../components/ryax/shared/site.js';
import { WORKER_API_PORT, WORKER_NAME } from '../../components/ryax/worker/index.js';
import { LABELS } from '../../src/platform/metadata.js';
import { TEMPO_PORTS } from '../../components/ryax/stacks/tempo.js';
import { LOKI_HTTP_PORT } from '../../components/ryax/stacks/loki.js';
import { logsNamespace } from '../../components/ryax/stacks/logs.js';
import type { RyaxEnvironment, RyaxTier } from '../../components/ryax/shared/environment.js';

const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];
/** Where the RabbitMQ operators' own manifests install them. */
const RABBITMQ_OPERATORS_NAMESPACE = 'rabbitmq-system';

interface Flow {
  readonly name: string;
  readonly from: readonly RyaxTier[];
  readonly to: RyaxTier;
  /** Ports by name or number; every port when absent. */
  readonly ports?: readonly (string | number)[];
  /** The pods of `to` it reaches, by their `app.kubernetes.io/name`; every pod when absent. */
  readonly pods?: readonly string[];
}

/**
 * The actions reach the broker's and the filestore's pods (their inputs and outputs) on their AMQP and
 * S3 ports, nothing else of the backbone's (not the datastore, not the broker's management API, no
 * other pod that listens on those ports); the runner and the workers reach the actions. The services and the backbone share a namespace (components/ryax/shared/environment.ts).
 */
const FLOWS: readonly Flow[] = [
  // The RabbitMQ Cluster Operator labels the broker's pods app.kubernetes.io/name: <cluster> (rabbitmq/cluster-operator internal/metadata/label.go).
  { name: 'backbone', from: ['executions'], to: 'backbone', ports: [5672, 9000], pods: [BROKER_NAME, FILESTORE_SERVICE] },
  { name: 'actions', from: ['services'], to: 'executions' },
];

/**
 * The engine's own site's worker runs with the services; the actions it deploys report their runs
 * to its API (the services' flow to the executions covers its way to them): only the worker's pods
 * take that, not the rest of the services' namespace.
 */
const WORKER_FLOW: Flow = { name: 'actions-to-worker', from: ['executions'], to: 'services', ports: [WORKER_API_PORT], pods: [WORKER_NAME] };

export class RyaxNetworkPolicies extends BaseNetworkPolicies {
  constructor(scope: Construct, id: string, env: RyaxEnvironment, namespace: string) {
    super(scope, id, env, namespace);
    const tiers = env.namespaces[namespace]?.tiers ?? [];
    // The services' routed ports; in the executions' namespace every port, the endpoints of the deployed
    // workflows the runner publishes (one policy where a namespace holds both).
    if (tiers.includes('services') || tiers.includes('executions')) {
      // `grpc`: the action-builder's API, routed when the environment turns it on.
      const ports = tiers.includes('executions') ? {} : { ports: [policyPort(PORT_NAMES.http), policyPort('user-api'), policyPort('grpc')] };
      this.policy(
        'allow-ingress-controller',
        {},
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.ingressNamespace]) }], ...ports }],
        },
      );
    }
    if (tiers.includes('services') && installs(env, 'tempo')) {
      // Traces, to Tempo's OTLP receiver.
      this.policy(
        'allow-tracing-egress',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([env.network.monitoringNamespace]) }], ports: [policyPort(TEMPO_PORTS.otlpGrpc)] }],
        },
      );
    }
    if (tiers.includes('services')) {
      // Git repositories (HTTPS and SSH) and image registries are outside the cluster.
      this.policy(
        'allow-external-egress',
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }], ports: [policyPort(443), policyPort(22)] }],
        },
      );
    }
    this.policy(
      'allow-monitoring',
      {},
      {
        policyTypes: ['Ingress'],
        // The broker's metrics port is the Cluster Operator's `prometheus`.
        ingress: [
          {
            from: [{ namespaceSelector: namespacesNamed([env.network.monitoringNamespace]) }],
            ports: [policyPort(PORT_NAMES.metrics), policyPort('prometheus')],
          },
        ],
      },
    );
    if (tiers.includes('backbone')) {
      // MinIO serves its metrics on its S3 port, under its own paths: Prometheus reaches that port of the filestore only.
      this.policy(
        'allow-monitoring-filestore',
        { matchLabels: { 'app.kubernetes.io/name': FILESTORE_SERVICE } },
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([env.network.monitoringNamespace]) }], ports: [policyPort(PORT_NAMES.s3)] }],
        },
      );
      // Without TLS the nodes pull through the registry's NodePort; a pull that enters by another node
      // arrives from that node's address (kube-proxy's source NAT), which default-deny refuses.
      if (env.nodeCidrs !== undefined && env.network.tlsClusterIssuer === undefined) {
        this.policy(
          'allow-node-pulls',
          { matchLabels: { 'app.kubernetes.io/name': REGISTRY_SERVICE } },
          { policyTypes: ['Ingress'], ingress: [{ from: env.nodeCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [policyPort(PORT_NAMES.http)] }] },
        );
      }
      // The Messaging Topology Operator declares the topology through the broker's management API.
      this.policy(
        'allow-rabbitmq-operators',
        {},
        {
          policyTypes: ['Ingress'],
          ingress: [{ from: [{ namespaceSelector: namespacesNamed([RABBITMQ_OPERATORS_NAMESPACE]) }], ports: [policyPort(15672)] }],
        },
      );
    }
    for (const flow of runsOwnWorker(env) ? [...FLOWS, WORKER_FLOW] : FLOWS) this.addFlow(env, flow, tiers);
    if (runsOwnWorker(env) && tiers.includes('services') && installs(env, 'logs')) {
      // The worker reads the actions' logs from Loki.
      this.policy(
        'allow-worker-logs-egress',
        { matchLabels: { [LABELS.name]: WORKER_NAME } },
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([logsNamespace(env)]) }], ports: [policyPort(LOKI_HTTP_PORT)] }],
        },
      );
    }
  }

  private addFlow(env: RyaxEnvironment, flow: Flow, tiers: readonly RyaxTier[]): void {
    const ports = flow.ports === undefined ? {} : { ports: flow.ports.map((port) => policyPort(port)) };
    const pods: k8s.LabelSelector = flow.pods === undefined ? {} : { matchExpressions: [{ key: LABELS.name, operator: 'In', values: [...flow.pods] }] };
    const target = namespaceOf(env, flow.to);
    const sources = flow.from.map((tier) => namespaceOf(env, tier)).filter((source) => source !== target);
    if (target === this.namespace && sources.length > 0) {
      this.policy(`allow-${flow.name}-ingress`, pods, {
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: namespacesNamed(sources) }], ...ports }],
      });
    }
    if (target !== this.namespace && flow.from.some((tier) => tiers.includes(tier))) {
      this.policy(
        `allow-${flow.name}-egress`,
        {},
        {
          policyTypes: ['Egress'],
          egress: [{ to: [{ namespaceSelector: namespacesNamed([target]), ...(flow.pods === undefined ? {} : { podSelector: pods }) }], ...ports }],
        },
      );
    }
  }
}
