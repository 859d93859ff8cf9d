import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { PlatformEnvironment } from '../config/schema.js';
import type { Env } from './env.js';
import { programContainers, type StartStep } from './program-containers.js';
import type { ProgramIdentity } from './identity.js';
import { selectorLabels } from './labels.js';
import { objectLabels, SCRAPE_LABEL } from './metadata.js';
import { PORT_NAMES } from './ports.js';
import { podTemplate, type Resources } from './pod.js';

export interface ServicePort {
  /** Port name, on the container and the Service: `http`, `metrics` or `postgresql`. */
  readonly name: string;
  readonly containerPort: number;
  /**
   * The Service's port.
   * @default the container port
   */
  readonly servicePort?: number;
}

export interface LongRunningServiceProps {
  /**
   * Containers that run the same image to completion first (a migration), each with its arguments
   * and environment.
   */
  readonly beforeStart?: readonly StartStep[];
  readonly env: PlatformEnvironment;
  /** Name of the Deployment and Service, and the component's (`app.kubernetes.io/name`). */
  readonly name: string;
  readonly namespace: string;
  /** `app.kubernetes.io/component`, e.g. `api`, `exporter`, `consumer`. */
  readonly role: string;
  readonly image: string;
  /**
   * The pods it runs.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * The public host name its Ingress serves (with TLS when the environment has a ClusterIssuer).
   * @default none: no Ingress
   */
  readonly host?: string;
  /** The environment file's `env` values, added last, so they replace any default of the same name. */
  readonly variables?: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /**
   * The container's environment, made for its image's contract (`Env.for`, or a platform's
   * subclass), so it holds only names the program reads; the environment file's `env` values are
   * added last.
   */
  readonly environment: Env;
  readonly resources: Resources;
  /** Ports; the first is the one probes and the Ingress use. No Service when empty. */
  readonly ports: readonly ServicePort[];
  /**
   * The app serves /metrics on its http port: the Service gets a `metrics` port for it too, which the
   * ServiceMonitors scrape.
   * @default false
   */
  readonly metricsOnHttpPort?: boolean;
  /**
   * The value of the scrape label on the Service, which decides the ServiceMonitor that scrapes it.
   * @default "true", the namespace's ServiceMonitor
   */
  readonly scrapeLabelValue?: string;
  /** Container ports the Service does not expose (health endpoints). */
  readonly extraContainerPorts?: readonly { name: string; containerPort: number }[];
  readonly readinessProbe?: k8s.Probe;
  readonly livenessProbe?: k8s.Probe;
  readonly identity?: ProgramIdentity;
  readonly writablePaths?: readonly string[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
  readonly volumes?: readonly k8s.Volume[];
  /**
   * The image's non-root user.
   * @default 1001
   */
  readonly runAsUser?: number;
  /**
   * The PriorityClass of its pods.
   * @default none: the cluster's default priority
   */
  readonly priorityClassName?: string;
  /**
   * Stop the old pod before starting the new one: for a program of which two must never run at once.
   * @default false: a rolling update
   */
  readonly recreate?: boolean;
  /**
   * The longest the program's stop takes after SIGTERM (a consumer's, from its settings): the pod's
   * grace period is made from it.
   * @default Kubernetes' 30 s grace period
   */
  readonly stopBoundMs?: number;
  /** Annotations of the Deployment (validate waivers, with their reasons). */
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A Deployment with its Service and, when the environment gives the component a `host`, an Ingress.
 * Pods are selected by name and instance only.
 */
export class LongRunningService extends Construct {
  readonly deployment: k8s.KubeDeployment;
  readonly serviceName: string;

  constructor(scope: Construct, id: string, props: LongRunningServiceProps) {
    super(scope, id);
    this.serviceName = props.name;
    const selector = selectorLabels(props.env, props.name);
    const labels = { ...selector, ...objectLabels(props.name, props.role) };
    const { container, initContainers } = programContainers(props);
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: props.name, namespace: props.namespace, labels, ...(props.annotations === undefined ? {} : { annotations: { ...props.annotations } }) },
      spec: {
        replicas: props.replicas ?? 1,
        revisionHistoryLimit: 3,
        ...(props.recreate === true ? { strategy: { type: 'Recreate' } } : {}),
        selector: { matchLabels: selector },
        template: podTemplate({
          labels,
          serviceAccountName: props.identity?.serviceAccountName,
          runAsUser: props.runAsUser,
          priorityClassName: props.priorityClassName,
          stopBoundMs: props.stopBoundMs,
          volumes: props.volumes,
          initContainers,
          containers: [
            {
              ...container,
              ports: [...props.ports, ...(props.extraContainerPorts ?? [])].map((port) => ({
                name: port.name,
                containerPort: port.containerPort,
                protocol: 'TCP',
              })),
              readinessProbe: props.readinessProbe,
              livenessProbe: props.livenessProbe,
              volumeMounts: props.volumeMounts,
            },
          ],
        }),
      },
    });
    if (props.identity !== undefined) this.deployment.addDependency(props.identity);
    if (props.ports.length === 0) return;

    const servicePorts = props.ports.map((port) => ({ name: port.name, port: port.servicePort ?? port.containerPort, target: port.name }));
    const http = props.ports.find((port) => port.name === PORT_NAMES.http);
    if (props.metricsOnHttpPort && http !== undefined) servicePorts.push({ name: PORT_NAMES.metrics, port: http.containerPort, target: PORT_NAMES.http });
    const scraped = servicePorts.some((port) => port.name === PORT_NAMES.metrics);
    new k8s.KubeService(this, 'Service', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels: { ...labels, ...(scraped ? { [SCRAPE_LABEL]: props.scrapeLabelValue ?? 'true' } : {}) },
      },
      spec: {
        selector,
        ports: servicePorts.map((port) => ({ name: port.name, port: port.port, targetPort: k8s.IntOrString.fromString(port.target), protocol: 'TCP' })),
      },
    });
    const host = props.host;
    if (host !== undefined) this.addIngress(props, labels, host);
  }

  private addIngress(props: LongRunningServiceProps, labels: Record<string, string>, host: string): void {
    const http = props.ports.find((port) => port.name === PORT_NAMES.http) ?? props.ports[0]!;
    const issuer = props.env.network.tlsClusterIssuer;
    new k8s.KubeIngress(this, 'Ingress', {
      metadata: {
        name: props.name,
        namespace: props.namespace,
        labels,
        ...(issuer === undefined ? {} : { annotations: { 'cert-manager.io/cluster-issuer': issuer } }),
      },
      spec: {
        ingressClassName: props.env.network.ingressClassName,
        ...(issuer === undefined ? {} : { tls: [{ hosts: [host], secretName: `${props.name}-tls` }] }),
        rules: [
          {
            host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: props.name, port: { number: http.servicePort ?? http.containerPort } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}

/** An HTTP GET probe on the named port. */
export function httpProbe(path: string, port: string, options: { initialDelaySeconds?: number; periodSeconds?: number } = {}): k8s.Probe {
  return {
    httpGet: { path, port: k8s.IntOrString.fromString(port) },
    initialDelaySeconds: options.initialDelaySeconds ?? 10,
    periodSeconds: options.periodSeconds ?? 10,
    timeoutSeconds: 5,
    failureThreshold: 3,
  };
}
