/**
 * The registry: the container registry the action-builder pushes the actions' images to and the nodes
 * pull them from (the ryax-engine chart's `registry` subchart, ryax-inventory.md §4), upstream's
 * Distribution image (../contracts/registry.ts says what it reads). A StatefulSet whose images outlive
 * it, as the datastore's data do, with one pod of a known name, which its garbage collection restarts
 * (./garbage-collection.ts); the chart ran a Deployment on a claim.
 *
 * It serves plain HTTP on :5000 with htpasswd logins (./credentials.ts): `ryax-registry:5000` inside the
 * cluster, and for the nodes either a NodePort on every node's 127.0.0.1, which containerd pulls from
 * over plain HTTP with no configuration (containerd/containerd@v2.2.7:core/remotes/docker/config/hosts.go#L104-L121
 * and #L216-L226: a loopback host without a hosts.toml is tried over HTTPS without verification, then
 * HTTP; the CRI plugin's legacy path, internal/cri/server/images/image_pull.go#L581-L586, uses HTTP), or,
 * with TLS, an Ingress at registry.<host> (./route.ts). So the chart's `<registry>-cert-setup` DaemonSet,
 * a privileged pod on the host's PID and network namespaces with the node's / mounted, which rewrote the
 * containerd configuration to trust a self-signed certificate, is not needed: the chart only needed it
 * because its NodePort served that certificate. Metrics are on the debug server's port, named `metrics`,
 * which the namespace's ServiceMonitor scrapes.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { namespaceOf } from '../../../src/config/environment.js';
import { Env } from '../../../src/platform/env.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { selectorLabels } from '../../../src/platform/labels.js';
import { objectLabels, SCRAPE_LABEL } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import { podTemplate, resolveResources, type Resources } from '../../../src/platform/pod.js';
import { httpProbe } from '../../../src/platform/web-service.js';
import { GARBAGE_COLLECT_SCRIPT, REGISTRY_CONFIG_FILE, RYAX_REGISTRY_CONTRACT } from '../contracts/registry.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { priorityClassName } from '../shared/priority.js';
import type { RyaxServiceProps } from '../shared/service.js';
import { RegistryCredentials } from './credentials.js';
import { GARBAGE_COLLECT_SCHEDULE, RegistryRestart } from './garbage-collection.js';
import {
  nodeRegistryAddress,
  REGISTRY_API_PORT,
  REGISTRY_HTPASSWD_SECRET,
  REGISTRY_METRICS_PORT,
  REGISTRY_NODE_PORT,
  REGISTRY_PUSH_ADDRESS,
  REGISTRY_SERVICE,
  REGISTRY_STORE_KEYS,
} from './names.js';
import { RegistryRoute } from './route.js';

export * from './names.js';

/** The tag the contract was read at (the chart ran the moving tag `3`). */
export const REGISTRY_IMAGE = { repository: 'docker.io/library/registry', tag: '3.1.1' } as const;
/** The chart's persistence.pvcSize in the umbrella values and the minimal preset (charts/ryax/values.yaml#L53). */
export const REGISTRY_DEFAULT_STORAGE = '20Gi';
/** The chart sets none; a registry serving a few builds a day needs little. */
export const REGISTRY_DEFAULT_RESOURCES: Resources = {
  requests: { cpu: '100m', memory: '128Mi' },
  limits: { cpu: '1', memory: '512Mi' },
};
/** Alpine's nobody: the image has no USER and runs as any uid that can write its storage (fsGroup). */
export const REGISTRY_UID = 65534;
/** How long a stopping registry keeps serving the requests in flight (a layer being pushed). */
const DRAIN_SECONDS = 60;
const DATA_DIR = '/var/lib/registry';
const HTPASSWD_DIR = '/auth';
const VOLUMES = { data: 'data', htpasswd: 'htpasswd' } as const;

/** The environment's level (debug, info, warning, error) as Distribution names it: `warning` is its `warn`. */
const registryLogLevel = (level: RyaxEnvironment['logLevel']): string => (level === 'warning' ? 'warn' : level);

export type RegistryProps = RyaxServiceProps & {
  /**
   * When the registry's pod is restarted so its garbage collection runs, a cron expression read in UTC;
   * the registry is away meanwhile.
   * @default "0 3 * * *", every night at 03:00
   */
  readonly garbageCollectSchedule?: string;
};

export class Registry extends Construct {
  constructor(scope: Construct, id: string, props: RegistryProps) {
    super(scope, id);
    const { env, namespace } = props;
    const replicas = props.replicas ?? 1;
    if (replicas > 1) {
      throw new Error(
        `components.registry.replicas is ${replicas}, but the registry keeps its images on one ReadWriteOnce volume and its garbage collection restarts its one pod (${REGISTRY_SERVICE}-0): set 0 or 1`,
      );
    }
    const schedule = props.garbageCollectSchedule ?? GARBAGE_COLLECT_SCHEDULE;
    if (schedule.trim().split(/\s+/).length !== 5) {
      throw new Error(`Registry garbageCollectSchedule is "${schedule}"; give a cron expression of five fields, such as "${GARBAGE_COLLECT_SCHEDULE}"`);
    }
    const tlsIssuer = env.network.tlsClusterIssuer;
    const credentials = new RegistryCredentials(this, 'Credentials', {
      env,
      namespace,
      pullNamespaces: [namespaceOf(env, 'executions')],
      addresses: [REGISTRY_PUSH_ADDRESS, nodeRegistryAddress(env)],
    });

    const selector = selectorLabels(env, REGISTRY_SERVICE);
    const labels = { ...selector, ...objectLabels(REGISTRY_SERVICE, 'registry') };
    const port = (name: string, number: number) => ({ name, port: number, targetPort: k8s.IntOrString.fromString(name), protocol: 'TCP' });
    const headless = new k8s.KubeService(this, 'HeadlessService', {
      metadata: { name: `${REGISTRY_SERVICE}-headless`, namespace, labels: { ...selector, ...objectLabels(REGISTRY_SERVICE, 'headless') } },
      spec: { clusterIp: 'None', selector, ports: [port(PORT_NAMES.http, REGISTRY_API_PORT)] },
    });
    // The action-builder's push address, and the debug server's metrics for the namespace's ServiceMonitor.
    new k8s.KubeService(this, 'Service', {
      metadata: { name: REGISTRY_SERVICE, namespace, labels: { ...labels, [SCRAPE_LABEL]: 'true' } },
      spec: { selector, ports: [port(PORT_NAMES.http, REGISTRY_API_PORT), port(PORT_NAMES.metrics, REGISTRY_METRICS_PORT)] },
    });
    if (tlsIssuer === undefined) {
      // Every node forwards its port to the registry's pod, wherever that runs.
      new k8s.KubeService(this, 'NodePortService', {
        metadata: { name: `${REGISTRY_SERVICE}-nodeport`, namespace, labels: { ...selector, ...objectLabels(REGISTRY_SERVICE, 'node-port') } },
        spec: {
          type: 'NodePort',
          externalTrafficPolicy: 'Cluster',
          selector,
          ports: [{ ...port(PORT_NAMES.http, REGISTRY_API_PORT), nodePort: REGISTRY_NODE_PORT }],
        },
      });
    } else {
      new RegistryRoute(this, 'Route', { env, namespace, issuer: tlsIssuer });
    }

    const image = upstreamImage(REGISTRY_IMAGE.repository, REGISTRY_IMAGE.tag, props);
    const resources = resolveResources(REGISTRY_DEFAULT_RESOURCES, props.resources);
    const data = { name: VOLUMES.data, mountPath: DATA_DIR };
    // What the server and the collector share: the logs, and the storage they must agree on.
    const common = <E extends Env<string>>(environment: E) =>
      environment
        .literal('REGISTRY_LOG_LEVEL', registryLogLevel(env.logLevel))
        .literal('REGISTRY_LOG_FORMATTER', env.logging.json ? 'json' : 'text')
        // The image's file labels every line "development".
        .literal('REGISTRY_LOG_FIELDS_ENVIRONMENT', env.name)
        .literal('REGISTRY_STORAGE_FILESYSTEM_ROOTDIRECTORY', DATA_DIR);
    const server = common(Env.for(RYAX_REGISTRY_CONTRACT, 'serve'))
      .literal('REGISTRY_STORAGE_DELETE_ENABLED', 'true')
      .literal('REGISTRY_HTTP_ADDR', `:${REGISTRY_API_PORT}`)
      .literal('REGISTRY_HTTP_DRAINTIMEOUT', `${DRAIN_SECONDS}s`)
      .literal('REGISTRY_HTTP_DEBUG_ADDR', `:${REGISTRY_METRICS_PORT}`)
      .literal('REGISTRY_HTTP_DEBUG_PROMETHEUS_ENABLED', 'true')
      .literal('REGISTRY_HTTP_DEBUG_PROMETHEUS_PATH', '/metrics')
      .literal('REGISTRY_HEALTH_STORAGEDRIVER_ENABLED', 'true')
      // The whole auth section as one YAML (JSON) value: logins checked against the mounted htpasswd file.
      .literal('REGISTRY_AUTH', JSON.stringify({ htpasswd: { realm: REGISTRY_SERVICE, path: `${HTPASSWD_DIR}/${REGISTRY_STORE_KEYS.htpasswd}` } }))
      .overrides(props.variables);
    const statefulSet = new k8s.KubeStatefulSet(this, 'StatefulSet', {
      metadata: { name: REGISTRY_SERVICE, namespace, labels },
      spec: {
        serviceName: `${REGISTRY_SERVICE}-headless`,
        replicas,
        selector: { matchLabels: selector },
        template: podTemplate({
          labels,
          runAsUser: REGISTRY_UID,
          priorityClassName: priorityClassName(env, 'backbone'),
          stopBoundMs: DRAIN_SECONDS * 1000,
          volumes: [
            {
              name: VOLUMES.htpasswd,
              secret: { secretName: REGISTRY_HTPASSWD_SECRET, items: [{ key: REGISTRY_STORE_KEYS.htpasswd, path: REGISTRY_STORE_KEYS.htpasswd }] },
            },
          ],
          // The collector runs before the server, so nothing pushes while it sweeps; a failed run is logged and the server starts anyway.
          initContainers: [
            {
              name: 'garbage-collect',
              image,
              command: ['/bin/sh', '-c', GARBAGE_COLLECT_SCRIPT],
              env: common(Env.for(RYAX_REGISTRY_CONTRACT, 'garbage-collect')).overrides(props.variables),
              resources,
              volumeMounts: [data],
            },
          ],
          containers: [
            {
              name: 'registry',
              image,
              // The image's CMD: `registry serve /etc/distribution/config.yml`, overridden by the variables.
              args: [REGISTRY_CONFIG_FILE],
              env: server,
              ports: [
                { name: PORT_NAMES.http, containerPort: REGISTRY_API_PORT, protocol: 'TCP' },
                { name: PORT_NAMES.metrics, containerPort: REGISTRY_METRICS_PORT, protocol: 'TCP' },
              ],
              // GET / answers 200 without a login while the storage check passes, 503 otherwise.
              readinessProbe: httpProbe('/', PORT_NAMES.http, { initialDelaySeconds: 5, periodSeconds: 10 }),
              livenessProbe: httpProbe('/', PORT_NAMES.http, { initialDelaySeconds: 30, periodSeconds: 30 }),
              resources,
              volumeMounts: [data, { name: VOLUMES.htpasswd, mountPath: HTPASSWD_DIR, readOnly: true }],
            },
          ],
        }),
        volumeClaimTemplates: [
          {
            metadata: { name: VOLUMES.data, labels },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: k8s.Quantity.fromString(String(props.storage ?? REGISTRY_DEFAULT_STORAGE)) } },
            },
          },
        ],
        // The actions' images: kept when the StatefulSet is deleted or scaled down.
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      },
    });
    statefulSet.addDependency(headless);
    statefulSet.node.addDependency(credentials.htpasswd);
    new RegistryRestart(this, 'GarbageCollection', { env, namespace, schedule });
  }
}
