/**
 * The broker: RabbitMQ as the Cluster Operator's RabbitmqCluster `ryax-broker` (the chart ran bitnami's
 * RabbitMQ chart under that name, ryax-inventory.md §4; the operator's client Service has the same
 * name, which the services' broker URL gives), its default user from the secret store, and the
 * topology of the services the environment renders (./../shared/messaging.ts) as the Messaging Topology
 * Operator's objects. Both operators are installed cluster-wide, as cert-manager is.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { isEnabled } from '../../../src/config/enabled.js';
import { ExternalSecret } from '../../../src/platform/external-secret.js';
import { MessagingTopology } from '../../../src/platform/messaging-topology.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { resolveResources } from '../../../src/platform/pod.js';
import { RYAX_MESSAGING } from '../shared/messaging.js';
import { priorityClassName } from '../shared/priority.js';
import { RYAX_SECRETS } from '../shared/secrets.js';
import type { RyaxServiceProps } from '../shared/service.js';

export const BROKER_NAME = 'ryax-broker';
/** The default user the operator gives the broker: its `username` and `password`. */
const DEFAULT_USER_SECRET = `${BROKER_NAME}-default-user`;

export class Broker extends Construct {
  constructor(scope: Construct, id: string, props: RyaxServiceProps) {
    super(scope, id);
    const { env, namespace } = props;
    // The services' user (the store's entry of their broker URL), as the Cluster Operator reads it: username,
    // password and the default_user.conf it mounts into the broker.
    const user = new ExternalSecret(this, 'DefaultUser', {
      env,
      name: DEFAULT_USER_SECRET,
      namespace,
      remoteName: RYAX_SECRETS.broker.name,
      keys: RYAX_SECRETS.broker.keys,
      owner: BROKER_NAME,
      derived: {
        username: '{{ index . "broker-user" }}',
        password: '{{ index . "rabbitmq-password" }}',
        'default_user.conf': 'default_user = {{ index . "broker-user" }}\ndefault_pass = {{ index . "rabbitmq-password" }}\n',
      },
    });
    const resources = resolveResources({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } }, props.resources);
    // The operator's pod template sets only the user and fsGroup: restricted Pod Security wants the rest.
    const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };
    const cluster = new ApiObject(this, 'Cluster', {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: BROKER_NAME, namespace, labels: objectLabels(BROKER_NAME, 'broker') },
      spec: {
        replicas: props.replicas ?? 1,
        // The operator's default: RabbitMQ blocks publishers below 2 GB free (its disk_free_limit).
        persistence: { storage: String(props.storage ?? '10Gi') },
        resources: { requests: { ...resources.requests }, limits: { ...resources.limits } },
        secretBackend: { externalSecret: { name: DEFAULT_USER_SECRET } },
        override: {
          statefulSet: {
            spec: {
              template: {
                spec: {
                  priorityClassName: priorityClassName(env, 'backbone'),
                  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
                  initContainers: [{ name: 'setup-container', securityContext: restricted }],
                  containers: [{ name: 'rabbitmq', securityContext: restricted }],
                },
              },
            },
          },
        },
      },
    });
    cluster.addDependency(user);
    const parties = Object.entries(RYAX_MESSAGING)
      .filter(([service]) => isEnabled(env, service))
      .map(([service, party]) => ({ service: `ryax-${service}`, ...party }));
    new MessagingTopology(this, 'Topology', { namespace, cluster: BROKER_NAME, parties }).node.addDependency(cluster);
  }
}
