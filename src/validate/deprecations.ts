/**
 * API versions Kubernetes deprecated or removed, by the minor version that did it (the Kubernetes
 * deprecation guide), and the operators' own retired versions. An object on a version its
 * environment's cluster no longer serves fails to apply; one on a deprecated version will.
 */
import type { Manifest } from '../synth/manifest.js';

interface Deprecation {
  readonly apiVersion: string;
  /** All kinds of the version when absent. */
  readonly kinds?: readonly string[];
  readonly deprecatedIn: string;
  readonly removedIn?: string;
  readonly replacement: string;
}

export const DEPRECATIONS: readonly Deprecation[] = [
  { apiVersion: 'apps/v1beta1', deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', deprecatedIn: '1.9', removedIn: '1.16', replacement: 'apps/v1' },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet', 'NetworkPolicy', 'PodSecurityPolicy'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacement: 'apps/v1, networking.k8s.io/v1 or Pod Security admission',
  },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: '1.14', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', deprecatedIn: '1.16', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', deprecatedIn: '1.16', removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  { apiVersion: 'authentication.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  { apiVersion: 'coordination.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', deprecatedIn: '1.17', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacement: 'storage.k8s.io/v1',
  },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', deprecatedIn: '1.23', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: '1.21', removedIn: '1.25', replacement: 'policy/v1' },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacement: 'Pod Security admission (namespace labels)',
  },
  { apiVersion: 'autoscaling/v2beta1', deprecatedIn: '1.22', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', deprecatedIn: '1.23', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'discovery.k8s.io/v1beta1', deprecatedIn: '1.21', removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'node.k8s.io/v1beta1', deprecatedIn: '1.20', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'networking.k8s.io/v1beta1', deprecatedIn: '1.19', removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', deprecatedIn: '1.17', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: '1.24', removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', deprecatedIn: '1.26', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', deprecatedIn: '1.29', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1beta1', deprecatedIn: '1.34', replacement: 'resource.k8s.io/v1 (served from 1.34)' },
  // Operators: external-secrets retired v1beta1 in favour of v1 (v0.17); Strimzi's v1beta2 gives way to v1.
  {
    apiVersion: 'external-secrets.io/v1beta1',
    deprecatedIn: '1.0',
    removedIn: '1.0',
    replacement: 'external-secrets.io/v1 (external-secrets 0.17 and later serve no v1beta1)',
  },
  { apiVersion: 'kafka.strimzi.io/v1beta2', deprecatedIn: '1.0', replacement: 'kafka.strimzi.io/v1' },
];

const minor = (version: string) => Number(version.split('.')[1] ?? 0) + Number(version.split('.')[0]) * 1000;

export function deprecationProblems(manifest: Manifest, kubernetesVersion: string): string[] {
  const found = DEPRECATIONS.find((entry) => entry.apiVersion === manifest.apiVersion && (entry.kinds === undefined || entry.kinds.includes(manifest.kind)));
  if (found === undefined) return [];
  if (found.removedIn !== undefined && minor(kubernetesVersion) >= minor(found.removedIn)) {
    return [
      `${manifest.apiVersion} ${manifest.kind} is no longer served (removed in ${found.removedIn === '1.0' ? 'its operator' : `Kubernetes ${found.removedIn}`}; this environment runs ${kubernetesVersion}); use ${found.replacement}`,
    ];
  }
  if (minor(kubernetesVersion) >= minor(found.deprecatedIn)) {
    return [
      `${manifest.apiVersion} ${manifest.kind} is deprecated${found.removedIn === undefined ? '' : ` and removed in Kubernetes ${found.removedIn}`}; use ${found.replacement}`,
    ];
  }
  return [];
}
