/**
 * Garbage collection of the registry: deleting the blobs no manifest references any more (the layers of
 * rebuilt or deleted actions). Distribution's collector must not run while the registry accepts pushes:
 * a blob uploaded before its manifest would be swept and the image left broken
 * (distribution/distribution@v3.1.1:docs/content/about/garbage-collection.md#L83-L85).
 *
 * The chart's CronJob ran `registry garbage-collect` beside the serving registry, on its node
 * (subcharts/registry/templates/cronJobs.yaml#L27-L45), which is that unsafe case; it also did nothing:
 * the volume is mounted under `persistence.enable` (#L22, #L46; the value is `persistence.enabled`), the
 * file it names, /etc/docker/registry/config.yml, is not in the registry:3 image (which ships
 * /etc/distribution/config.yml), and `|| echo Nothing to be cleaned` hid the failure.
 *
 * Here the collector runs in the registry's own pod, as a container that ends before the registry starts
 * (so nothing can push meanwhile), and the schedule restarts that pod: a CronJob deletes it, the
 * StatefulSet makes it again. Nothing in git changes (scaling down would, and Argo CD would undo it), the
 * CronJob may delete that one pod and nothing else, and the registry drains the requests in flight before
 * it stops. The price is the registry's absence for the collection, which the schedule puts at night.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Env } from '../../../src/platform/env.js';
import { ProgramIdentity } from '../../../src/platform/identity.js';
import { upstreamImage } from '../../../src/platform/images.js';
import { objectLabels } from '../../../src/platform/metadata.js';
import { ScheduledJob } from '../../../src/platform/scheduled-job.js';
import type { RyaxEnvironment } from '../shared/environment.js';
import { RYAX_KUBECTL_CONTRACT } from '../contracts/kubectl.js';
import { REGISTRY_SERVICE } from './names.js';

/** Every night at 03:00 UTC: the registry is away for the collection. */
export const GARBAGE_COLLECT_SCHEDULE = '0 3 * * *';
/** The CronJob, and the account it deletes the pod with. */
export const GARBAGE_COLLECT_JOB = `${REGISTRY_SERVICE}-garbage-collect`;
/** The Kubernetes project's kubectl, one minor above the environments' 1.31 (kubectl's supported skew). */
export const KUBECTL_IMAGE = { repository: 'registry.k8s.io/kubectl', tag: 'v1.32.13' } as const;
/** The StatefulSet's one pod. */
export const REGISTRY_POD = `${REGISTRY_SERVICE}-0`;
/** kubectl's discovery cache, on the platform's writable /tmp. */
const KUBECTL_CACHE = '/tmp/kubectl-cache';
/** The image's root has no passwd entry to need: kubectl runs as any uid. */
const KUBECTL_UID = 65534;

export interface RegistryRestartProps {
  readonly env: RyaxEnvironment;
  readonly namespace: string;
  /** When the registry's pod is restarted, a cron expression read in UTC. */
  readonly schedule: string;
}

/** The CronJob that restarts the registry's pod, so that its collector runs before it serves again. */
export class RegistryRestart extends Construct {
  readonly job: ScheduledJob;

  constructor(scope: Construct, id: string, props: RegistryRestartProps) {
    super(scope, id);
    const { env, namespace } = props;
    const identity = new ProgramIdentity(this, 'Identity', { name: GARBAGE_COLLECT_JOB, namespace, component: REGISTRY_SERVICE });
    // Only this pod, only delete: what kubectl's `delete pod <name> --wait=false` sends (../contracts/kubectl.ts).
    const purpose = `${GARBAGE_COLLECT_JOB}-restart-registry`;
    const labels = objectLabels(REGISTRY_SERVICE, 'rbac');
    const role = new k8s.KubeRole(this, 'Role', {
      metadata: { name: purpose, namespace, labels },
      rules: [{ apiGroups: [''], resources: ['pods'], resourceNames: [REGISTRY_POD], verbs: ['delete'] }],
    });
    const binding = new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata: { name: purpose, namespace, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: purpose },
      subjects: [{ kind: 'ServiceAccount', name: GARBAGE_COLLECT_JOB, namespace }],
    });
    binding.addDependency(role);
    this.job = new ScheduledJob(this, 'Job', {
      env,
      name: GARBAGE_COLLECT_JOB,
      namespace,
      image: upstreamImage(KUBECTL_IMAGE.repository, KUBECTL_IMAGE.tag),
      schedule: props.schedule,
      environment: Env.for(RYAX_KUBECTL_CONTRACT, 'delete'),
      args: ['delete', 'pod', REGISTRY_POD, `--namespace=${namespace}`, '--ignore-not-found=true', '--wait=false', `--cache-dir=${KUBECTL_CACHE}`],
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '128Mi' } },
      identity,
      runAsUser: KUBECTL_UID,
      activeDeadlineSeconds: 300,
    });
    this.job.node.addDependency(binding);
  }
}
