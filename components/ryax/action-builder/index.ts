/**
 * action-builder: builds the actions the repository orders, with Nix and the Ryax action wrappers, and
 * pushes their images to the internal registry (the chart's `action-builder` subchart). One pod, which
 * keeps its Nix store on a ReadWriteOnce volume so that a build reuses what earlier ones fetched.
 *
 * The chart fills that volume from the image's /nix in an init container running as root and chowns
 * it to the image's user; restricted Pod Security refuses root. Here every container runs as the Ryax
 * services' user: the pod's fsGroup makes the fresh volume's root writable to it, so all it copies is
 * its own, which is all single-user Nix asks of a store (components/ryax/contracts/action-builder.ts
 * says why, from the chart and Nix's source). Nix reads $HOME only from the user owning it, so the
 * image's home is copied to a volume first, in a directory that user makes.
 */
import { Type, type TProperties } from '@sinclair/typebox';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { registryImage } from '../../../src/platform/images.js';
import { selectorLabels } from '../../../src/platform/labels.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { PORT_NAMES } from '../../../src/platform/ports.js';
import { type ContainerProps, podTemplate, resolveResources } from '../../../src/platform/pod.js';
import { httpProbe } from '../../../src/platform/web-service.js';
import { ACTION_BUILDER_HOME, ACTION_BUILDER_SCRIPTS, type ActionBuilderScript, RYAX_ACTION_BUILDER_CONTRACT } from '../contracts/action-builder.js';
import { RYAX_TAG } from '../contracts/chart.js';
import { REGISTRY_CREDENTIALS_SECRET, REGISTRY_PUSH_ADDRESS } from '../registry/names.js';
import { ryaxEnv } from '../shared/env.js';
import { priorityClassName } from '../shared/priority.js';
import { Routes } from '../shared/routes.js';
import { RYAX_SERVICE_NAMES } from '../shared/service-names.js';
import { RYAX_USER, type RyaxServiceProps } from '../shared/service.js';

/** The component's own settings (`components.action-builder.<setting>`), the chart's values of the same meaning. */
export const ACTION_BUILDER_SETTINGS: TProperties = {
  grpcApi: Type.Optional(
    Type.Boolean({
      description:
        'serve the experimental gRPC API (the chart’s grpcAPI.enabled): a Service on port 80 with Traefik h2c and the route /action_builder (default false)',
    }),
  ),
  wrappersGitRef: Type.Optional(
    Type.String({
      pattern: '^\\S+$',
      description:
        'the git ref of ryax-action-wrappers to build with, cloned from gitlab.com (the chart’s ryaxWrappersGitReference); default: the wrappers the image embeds',
    }),
  ),
};

export type ActionBuilderProps = RyaxServiceProps & {
  /**
   * Serve the experimental gRPC API on 8081, behind a Service on port 80 (Traefik speaks h2c to it)
   * and the route /action_builder.
   * @default false, as the chart
   */
  readonly grpcApi?: boolean;
  /**
   * The git ref of ryax-action-wrappers the pull-wrappers init container checks out.
   * @default "NOT_EXISTING_REF", the chart's: the checkout fails and the image's embedded wrappers are used
   */
  readonly wrappersGitRef?: string;
};

export const ACTION_BUILDER_NAME = RYAX_SERVICE_NAMES.actionBuilder;
/** The claim of the Nix store, the chart's `<fullname>-nix-store`. */
export const NIX_STORE_CLAIM = `${ACTION_BUILDER_NAME}-nix-store`;
/** The umbrella chart's nix.storeSize. */
export const DEFAULT_NIX_STORE_SIZE = '100Gi';

/** The volumes of the pod, by what they hold. */
const VOLUMES = { store: 'nix-store', wrappers: 'wrappers', home: 'home', credentials: 'registry-credentials' } as const;
const GRPC_PORT = 'grpc';
/** The chart's requests and limits: "it might have to compile large software" (values.yaml#L76-L86). */
const RESOURCES = { requests: { cpu: '2', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } };

export class ActionBuilder extends Construct {
  readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: ActionBuilderProps) {
    super(scope, id);
    if (props.replicas !== undefined && props.replicas !== 1) {
      throw new Error(
        `action-builder: replicas is ${props.replicas}, but the action builder runs one pod (its Nix store is a ReadWriteOnce volume, and it builds one action at a time); set 1 or leave it out`,
      );
    }
    const { env, namespace } = props;
    const name = ACTION_BUILDER_NAME;
    const selector = selectorLabels(env, name);
    const labels = { ...selector, ...objectLabels(name, 'builder') };
    const image = registryImage(env, 'action-builder', RYAX_TAG, props);
    const resources = resolveResources(RESOURCES, props.resources);
    const grpc = props.grpcApi ?? false;

    const claim = new k8s.KubePersistentVolumeClaim(this, 'NixStore', {
      metadata: { name: NIX_STORE_CLAIM, namespace, labels: { ...selector, ...objectLabels(name, 'nix-store') } },
      spec: {
        accessModes: ['ReadWriteOnce'],
        resources: { requests: { storage: k8s.Quantity.fromString(String(props.storage ?? DEFAULT_NIX_STORE_SIZE)) } },
      },
    });

    /** An init container running one of the image's scripts with `sh -c`. */
    const script = (mode: ActionBuilderScript, environment: Env | undefined, volumeMounts: k8s.VolumeMount[]): ContainerProps => ({
      name: mode,
      image,
      command: ['sh', '-c'],
      args: [ACTION_BUILDER_SCRIPTS[mode]],
      env: environment,
      resources,
      volumeMounts,
    });
    const initContainers = [
      script(
        'pull-wrappers',
        Env.for(RYAX_ACTION_BUILDER_CONTRACT, 'pull-wrappers').literal('RYAX_WRAPPERS_GIT_REF', props.wrappersGitRef ?? 'NOT_EXISTING_REF'),
        [{ name: VOLUMES.wrappers, mountPath: '/tmp/wrappers' }],
      ),
      script('home', undefined, [{ name: VOLUMES.home, mountPath: '/persist/home' }]),
      script('nix-store', Env.for(RYAX_ACTION_BUILDER_CONTRACT, 'nix-store').literal('HOME', ACTION_BUILDER_HOME), [
        { name: VOLUMES.store, mountPath: '/persist/nix' },
        { name: VOLUMES.home, mountPath: '/home' },
      ]),
    ];

    const environment = ryaxEnv(env, RYAX_ACTION_BUILDER_CONTRACT)
      .broker()
      .literal('RYAX_INTERNAL_REGISTRY', REGISTRY_PUSH_ADDRESS)
      .logLevel()
      .literal('RYAX_WRAPPERS_DIR', '/data/wrappers/src')
      .literal('HOME', ACTION_BUILDER_HOME);
    if (grpc) environment.literal('RYAX_GRPC_API_ENABLED', '1');
    const builder: ContainerProps = {
      name,
      image,
      env: environment.overrides(props.variables),
      resources,
      ports: [{ name: PORT_NAMES.http, containerPort: 8080, protocol: 'TCP' }, ...(grpc ? [{ name: GRPC_PORT, containerPort: 8081, protocol: 'TCP' }] : [])],
      // The chart's liveness (one failure every 30 s restarts it), after the three minutes the Ryax services get to come up.
      readinessProbe: { ...httpProbe('/healthz', PORT_NAMES.http, { initialDelaySeconds: 0, periodSeconds: 6 }), failureThreshold: 30 },
      livenessProbe: { ...httpProbe('/healthz', PORT_NAMES.http, { initialDelaySeconds: 180, periodSeconds: 30 }), failureThreshold: 1 },
      writablePaths: ['/var/tmp'],
      volumeMounts: [
        { name: VOLUMES.wrappers, mountPath: '/data/wrappers' },
        { name: VOLUMES.store, mountPath: '/nix' },
        { name: VOLUMES.home, mountPath: '/home' },
        // The registry's push credentials (its .dockerconfigjson) where the chart puts them: $HOME/.docker/config.json, docker's own place.
        { name: VOLUMES.credentials, mountPath: `${ACTION_BUILDER_HOME}/.docker`, readOnly: true },
      ],
    };

    const template = podTemplate({
      labels,
      runAsUser: RYAX_USER,
      priorityClassName: priorityClassName(env, 'microservices'),
      initContainers,
      containers: [builder],
      volumes: [
        { name: VOLUMES.store, persistentVolumeClaim: { claimName: NIX_STORE_CLAIM } },
        { name: VOLUMES.wrappers, emptyDir: {} },
        { name: VOLUMES.home, emptyDir: {} },
        {
          name: VOLUMES.credentials,
          secret: { secretName: REGISTRY_CREDENTIALS_SECRET, items: [{ key: '.dockerconfigjson', path: 'config.json' }] },
        },
      ],
    });
    this.deployment = new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name, namespace, labels },
      spec: {
        replicas: 1,
        revisionHistoryLimit: 3,
        // One pod holds the ReadWriteOnce store: the old one goes before the new one mounts it.
        strategy: { type: 'Recreate' },
        selector: { matchLabels: selector },
        template: {
          ...template,
          spec: {
            ...template.spec!,
            // The kubelet hands the store's root to the fsGroup once; walking a 100Gi store on every start would stall it.
            securityContext: { ...template.spec!.securityContext, fsGroupChangePolicy: 'OnRootMismatch' },
          },
        },
      },
    });
    this.deployment.addDependency(claim);
    if (grpc) this.addGrpcApi(props, labels, selector);
  }

  /** The chart's gRPC Service (port 80 to 8081, Traefik speaking h2c to it) and its route, not stripped. */
  private addGrpcApi(props: ActionBuilderProps, labels: Record<string, string>, selector: Record<string, string>): void {
    const { env, namespace } = props;
    new k8s.KubeService(this, 'Service', {
      metadata: {
        name: ACTION_BUILDER_NAME,
        namespace,
        labels,
        annotations: { 'traefik.ingress.kubernetes.io/service.serversscheme': 'h2c' },
      },
      spec: { selector, ports: [{ name: GRPC_PORT, port: 80, targetPort: k8s.IntOrString.fromString(GRPC_PORT), protocol: 'TCP' }] },
    });
    new Routes(this, 'Routes', {
      env,
      namespace,
      service: ACTION_BUILDER_NAME,
      routes: [{ path: '/action_builder', match: 'Prefix', stripPrefix: false, port: 80 }],
    });
  }
}
