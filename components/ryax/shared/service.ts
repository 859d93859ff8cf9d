/**
 * One Ryax micro-service as the ryax-engine chart runs it: a Deployment of its image (the chart's
 * docker.io/ryaxtech/<repository>, at the chart's version unless the environment pins another) and its
 * Service under the chart's name, with the platform library's secure pod, probes on its API port, its
 * routes under the environment's host, and the environment's settings of it (`components.<key>`).
 */
import type { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import type { ServiceComponentProps } from '../../../src/config/service-catalogue.js';
import type { Env } from '../../../src/platform/env.js';
import type { ProgramIdentity } from '../../../src/platform/identity.js';
import { registryImage } from '../../../src/platform/images.js';
import { resolveResources, type Resources } from '../../../src/platform/pod.js';
import type { StartStep } from '../../../src/platform/program-containers.js';
import { httpProbe, LongRunningService, type ServicePort } from '../../../src/platform/web-service.js';
import { RYAX_TAG } from '../contracts/chart.js';
import type { RyaxEnvironment } from './environment.js';
import { priorityClassName } from './priority.js';
import { type Route, Routes } from './routes.js';

/** What every Ryax service's construct is given: the environment, its tier's namespace and the environment's settings of it. */
export type RyaxServiceProps = ServiceComponentProps<RyaxEnvironment>;

export interface RyaxServiceSpec {
  /** The Service's name (the chart's). */
  readonly name: string;
  /** The image's repository under the environment's registry (docker.io/ryaxtech). */
  readonly repository: string;
  readonly environment: Env;
  /** The first is the API port the probes ask. */
  readonly ports: readonly ServicePort[];
  /** The path its health answers on. */
  readonly healthPath: string;
  readonly routes: readonly Route[];
  readonly resources: Resources;
  readonly beforeStart?: readonly StartStep[];
  readonly identity?: ProgramIdentity;
  readonly writablePaths?: readonly string[];
  readonly volumes?: readonly k8s.Volume[];
  readonly volumeMounts?: readonly k8s.VolumeMount[];
}

/** The chart's services run as this user and group (its fsGroup 1200). */
export const RYAX_USER = 1200;

export class RyaxService extends Construct {
  readonly service: LongRunningService;

  constructor(scope: Construct, id: string, props: RyaxServiceProps, spec: RyaxServiceSpec) {
    super(scope, id);
    const { env, namespace } = props;
    const api = spec.ports[0]!;
    this.service = new LongRunningService(this, 'Service', {
      env,
      name: spec.name,
      namespace,
      role: 'api',
      image: registryImage(env, spec.repository, RYAX_TAG, props),
      replicas: props.replicas ?? 1,
      environment: spec.environment,
      variables: props.variables,
      resources: resolveResources(spec.resources, props.resources),
      ports: spec.ports,
      // The chart's: up to three minutes to come up, then one failed check restarts it.
      readinessProbe: { ...httpProbe(spec.healthPath, api.name, { initialDelaySeconds: 0, periodSeconds: 6 }), failureThreshold: 30 },
      livenessProbe: { ...httpProbe(spec.healthPath, api.name, { initialDelaySeconds: 180, periodSeconds: 30 }), failureThreshold: 1 },
      runAsUser: RYAX_USER,
      priorityClassName: priorityClassName(env, 'microservices'),
      beforeStart: spec.beforeStart,
      identity: spec.identity,
      writablePaths: spec.writablePaths,
      volumes: spec.volumes,
      volumeMounts: spec.volumeMounts,
    });
    if (spec.routes.length > 0) new Routes(this, 'Routes', { env, namespace, service: spec.name, routes: spec.routes });
  }
}
